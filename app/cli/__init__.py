"""The `debrief` command: no arguments opens the window; subcommands run headless."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from app import __version__
from app.errors import DebriefError

# Each module adds its subcommand with `register(subparsers)`; the parser it adds sets
# `func(args) -> int`. Qt is imported only when the window is opened.
_COMMAND_MODULES = (
    "sessions_cmd",
    "import_cmd",
    "prompts_cmd",
    "transcribe_cmd",
    "analyze_cmd",
)


def build_parser() -> argparse.ArgumentParser:
    import importlib

    parser = argparse.ArgumentParser(
        prog="debrief",
        description="Rehearse a platform-PM case interview out loud, then review where the "
        "time went. With no command, opens the app.",
    )
    parser.add_argument("--version", action="version", version=f"debrief {__version__}")
    # Opens the window and closes it after a second: the bundle's smoke check.
    parser.add_argument("--smoke-window", action="store_true", help=argparse.SUPPRESS)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in _COMMAND_MODULES:
        importlib.import_module(f"app.cli.{name}").register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        if args.command is None:
            from app.ui.main import run

            return run(smoke=args.smoke_window)
        return int(args.func(args) or 0)
    except DebriefError as exc:
        print(f"debrief: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("debrief: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
