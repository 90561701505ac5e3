"""`debrief analyze INPUT`: where the time went, without a window."""

from __future__ import annotations

import argparse
from datetime import datetime
from pathlib import Path

from app.cli.report_out import FORMATS, check_report_output, write_report
from app.errors import DebriefError
from app.fileio.output import STDOUT
from app.reports.session_info import SessionInfo
from app.transcript import TRANSCRIPT_SUFFIXES, Transcript, load_transcript

AUDIO_SUFFIXES = (".wav", ".flac", ".mp3", ".m4a", ".ogg", ".opus")


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "analyze", help="analyse a recording or transcript and print the debrief",
        description="Analyse an audio file (WAV, FLAC, MP3, M4A; up to two hours) or a "
        "transcript (Debrief JSON, SRT, WebVTT): time per category and stage, rubric "
        "coverage, red flags, delivery.")
    parser.add_argument("input", type=Path, metavar="INPUT")
    parser.add_argument("--marks", type=Path, metavar="MARKS.json",
                        help="stage start times from the stage clock (else estimated)")
    parser.add_argument("--prompt", metavar="ID",
                        help="the case prompt answered (budgets, probes, rubric)")
    parser.add_argument("--model", metavar="NAME|PATH",
                        help="speech model for audio input (default: the bundled one)")
    parser.add_argument("--corrections", type=Path, metavar="CORRECTIONS.json",
                        help="category fixes to apply on top of the machine's labels")
    parser.add_argument("--format", choices=FORMATS, default="json")
    parser.add_argument("-o", "--output", type=Path, metavar="OUT",
                        help="write to OUT (a file, a device or pipe, or - for standard output; "
                        "the default)")
    parser.set_defaults(func=run)


def read_input(path: Path, model: str | None = None) -> Transcript:
    """A transcript from a transcript file, or from audio through the recognizer.

    The whole file is decoded at once, without the case vocabulary that live chunks
    need: on the eval scripts spoken in seven voices, that labelled sentences better
    than the vocabulary on pause-cut chunks did (the vocabulary pulls a consumer
    answer's words toward API terms)."""
    suffix = path.suffix.lower()
    if suffix in TRANSCRIPT_SUFFIXES:
        return load_transcript(path)
    if suffix not in AUDIO_SUFFIXES:
        raise DebriefError("not audio (WAV, FLAC, MP3, M4A) or a transcript (JSON, SRT, "
                           "WebVTT)", path)
    if path.is_dir():
        raise DebriefError("is a folder, not an audio file", path)
    if not path.is_file():
        raise DebriefError("file not found", path)
    from app.audio.length import check_length

    check_length(path)
    from app.cli.progress_bar import TerminalProgress
    from app.transcription.engine import transcribe_file

    transcript = transcribe_file(path, model=model, progress=TerminalProgress("Transcribing"))
    if not any(s.text.strip() for s in transcript.segments):
        raise DebriefError("no speech found in the recording", path)
    return transcript


def run(args: argparse.Namespace) -> int:
    from app.analysis import analyze, apply_corrections
    from app.analysis.corrections import parse_corrections
    from app.fileio.jsonfile import read_json
    from app.marks import load_marks

    out = args.output or STDOUT
    check_report_output(args.format, out)  # before transcribing, like a wrong prompt id
    prompt = None
    if args.prompt:  # before transcribing: a wrong id is said at once
        from app.prompts import load_library

        prompt = load_library().get(args.prompt)
    transcript = read_input(args.input, args.model)
    marks = load_marks(args.marks, transcript.duration) if args.marks else None
    corrections = None
    if args.corrections:
        corrections = read_json(args.corrections)
        try:
            parse_corrections(corrections)
        except DebriefError as exc:
            raise DebriefError(exc.message, args.corrections) from None
    try:
        analysis = analyze(transcript, marks, prompt)
    except DebriefError as exc:
        if exc.path is not None:
            raise
        raise DebriefError(exc.message, args.input) from None
    if corrections:
        analysis = apply_corrections(analysis, corrections)
    # No session here: the date is the input's, when the recording (or transcript) was made.
    made = datetime.fromtimestamp(args.input.stat().st_mtime).astimezone()
    info = SessionInfo(prompt_title=prompt.title if prompt else "",
                       date=made.isoformat(timespec="seconds"))
    write_report(analysis, args.format, out, info)
    return 0
