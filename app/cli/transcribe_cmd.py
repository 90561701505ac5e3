"""`debrief transcribe AUDIO [-o OUT] [--model NAME|PATH] [--download]`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from app.errors import DebriefError
from app.fileio.output import check_output, write_output, writes_through


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the `transcribe` subcommand."""
    parser = subparsers.add_parser(
        "transcribe", help="transcribe an audio file on this computer",
        description="Transcribe an audio file (WAV, FLAC, MP3, M4A) with the local "
        "speech model. Writes transcript JSON, SRT or WebVTT, chosen by -o's suffix.")
    parser.add_argument("audio", type=Path, metavar="AUDIO")
    parser.add_argument("-o", "--output", type=Path, metavar="OUT",
                        help="transcript.json, .srt or .vtt (default: AUDIO with .json); "
                        "a device or pipe, or - for standard output, gets --format")
    parser.add_argument("--format", choices=("json", "srt", "vtt"),
                        help="the transcript format (default: by OUT's suffix, else json)")
    parser.add_argument("--model", metavar="NAME|PATH",
                        help="bundled (default), a faster-whisper model name such as base.en, "
                        "or a CTranslate2 model folder")
    parser.add_argument("--download", action="store_true",
                        help="fetch a named model if it is not on this computer yet")
    parser.add_argument("--vocabulary", metavar="WORDS",
                        help="comma-separated words to favour besides the built-in platform "
                        "terms (product names, jargon)")
    parser.add_argument("--no-vocabulary", action="store_true",
                        help="do not bias recognition toward platform terms")
    parser.set_defaults(func=run)


def output_format(out: Path) -> str:
    """The transcript format `out`'s suffix names; JSON for a stream with no suffix."""
    fmt = out.suffix.lower().lstrip(".")
    if fmt in ("json", "srt", "vtt"):
        return fmt
    if writes_through(out):
        return "json"
    raise DebriefError("unknown transcript format (use .json, .srt or .vtt, or --format)",
                       out)


def run(args: argparse.Namespace) -> int:
    """Transcribe one file; every problem is one line on stderr."""
    from app.audio.decode import load_audio
    from app.cli.progress_bar import TerminalProgress
    from app.transcript import render_transcript
    from app.transcription.engine import transcribe_array
    from app.transcription.hint_words import case_vocabulary
    from app.transcription.models import resolve_model

    out = args.output or args.audio.with_suffix(".json")
    fmt = args.format or output_format(out)
    if not writes_through(out) and out.resolve() == args.audio.resolve():
        raise DebriefError("the output would overwrite the audio", out)
    check_output(out)
    choice = resolve_model(args.model, download=args.download,
                           progress=TerminalProgress(f"downloading {args.model}"))
    audio = load_audio(args.audio)
    extra = [w.strip() for w in (args.vocabulary or "").split(",") if w.strip()]
    vocabulary = None if args.no_vocabulary else case_vocabulary(extra)
    transcript = transcribe_array(audio, 0.0, choice, TerminalProgress("transcribing"),
                                  vocabulary)
    write_output(out, render_transcript(transcript, fmt))
    words = sum(len(s.words) for s in transcript.segments)
    print(f"{out}: {len(transcript.segments)} segments, {words} words ({choice.name})",
          file=sys.stderr)
    return 0
