"""`debrief import FILE --prompt ID`: a recording or transcript from elsewhere becomes
a stored session."""

from __future__ import annotations

import argparse
from pathlib import Path

from app.cli.progress_bar import TerminalProgress


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `import`."""
    parser = subparsers.add_parser(
        "import", help="import a recording or transcript as a session",
        description="Import a recording (WAV, FLAC, MP3, M4A) or a transcript (SRT, WebVTT, "
        "transcript JSON) as a new session, analysed against a prompt.")
    parser.add_argument("file", type=Path, metavar="FILE")
    parser.add_argument("--prompt", required=True, metavar="ID",
                        help="the prompt rehearsed (see `debrief prompts list`)")
    parser.add_argument("--minutes", type=int, choices=(45, 60),
                        help="the planned length (default: the prompt's)")
    parser.add_argument("--marks", type=Path, metavar="MARKS.json",
                        help="when each stage began; without it stages are estimated")
    parser.set_defaults(func=_import)


def _import(args: argparse.Namespace) -> int:
    from app.sessions.importer import import_recording

    folder = import_recording(args.file, args.prompt, TerminalProgress("Transcribing"),
                              marks=args.marks, minutes=args.minutes)
    print(folder.id)
    return 0
