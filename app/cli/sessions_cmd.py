"""`debrief sessions list|export`: the stored sessions without a window."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from app.cli.report_out import FORMATS, write_report
from app.errors import DebriefError
from app.fileio.output import STDOUT
from app.sessions.store import SessionStore
from app.sessions.summary import SessionSummary
from app.timefmt import clock


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `sessions` and its subcommands."""
    parser = subparsers.add_parser("sessions", help="list and export stored sessions",
                                   description="Every rehearsal and import Debrief keeps.")
    sub = parser.add_subparsers(dest="sessions_command", metavar="ACTION", required=True)

    ls = sub.add_parser("list", help="list the sessions, newest first")
    ls.add_argument("--json", action="store_true", help="print JSON instead of a table")
    ls.set_defaults(func=_list)

    export = sub.add_parser("export", help="export a session's analysis (corrections applied) "
                            "with its bookmarks and notes",
                            description="A PDF is laid out on Letter pages where the "
                            "locale's country uses Letter (the US, Canada, Mexico, ...), on A4 "
                            "elsewhere.")
    export.add_argument("id", help="session id (see `debrief sessions list`)")
    export.add_argument("--format", choices=FORMATS, default="md")
    export.add_argument("-o", "--output", type=Path, metavar="OUT",
                        help="write to OUT (a file, a device or pipe, or - for standard output; "
                        "the default)")
    export.set_defaults(func=_export)


def _percent(value: float | None) -> str:
    return "-" if value is None else f"{value * 100:.0f}%"




def table_rows(rows: list[SessionSummary]) -> list[tuple[str, ...]]:
    """The `sessions list` table, header first."""
    out: list[tuple[str, ...]] = [("ID", "KIND", "DATE", "LENGTH", "PLATFORM", "RUBRIC", "FLAGS",
                                   "TITLE")]
    for r in rows:
        rubric = f"{r.rubric_covered}/{r.rubric_total}" if r.rubric_total else "-"
        title = f"DAMAGED: {r.damaged}" if r.damaged else r.title
        out.append((r.id, r.kind, r.started_at[:16].replace("T", " "), clock(r.duration),
                    _percent(r.platform_share), rubric, str(r.flags_count), title))
    return out


def _list(args: argparse.Namespace) -> int:
    rows = SessionStore().list()
    if args.json:
        json.dump([r.to_dict() for r in rows], sys.stdout, indent=1, ensure_ascii=False)
        print()
        return 0
    if not rows:
        print("No sessions yet. Rehearse one in the app, or `debrief import FILE --prompt ID`.")
        return 0
    table = table_rows(rows)
    widths = [max(len(r[i]) for r in table) for i in range(len(table[0]) - 1)]
    for row in table:
        print("  ".join([c.ljust(w) for c, w in zip(row[:-1], widths, strict=True)] + [row[-1]]))
    return 0


def _export(args: argparse.Namespace) -> int:
    folder = SessionStore().folder(args.id)
    if not folder.analysis_path.exists():
        if folder.transcript_path.exists():
            from app.transcript import load_transcript

            load_transcript(folder.transcript_path)  # a damaged one says what is wrong
            raise DebriefError("this session has a transcript but no analysis yet; open it "
                               "in Debrief to analyse it", folder.path)
        raise DebriefError("this session has not been analysed yet", folder.path)
    # What the review screen shows: corrections applied, the user's bookmarks and notes.
    from app.review_state.exports import load_session

    analysis, info = load_session(folder)
    write_report(analysis, args.format, args.output or STDOUT, info)
    return 0
