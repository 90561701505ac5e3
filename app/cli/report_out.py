"""Where `debrief analyze` and `debrief sessions export` send a report: the text formats
through app.review_state.exports, PDF through the window's own PDF writer
(app/ui/pdf_report.py), imported only when asked for so the other formats never load Qt.
"""

from __future__ import annotations

import sys
from pathlib import Path

from app.analysis.model import Analysis
from app.errors import DebriefError
from app.fileio.output import check_output, is_stdout
from app.reports.session_info import SessionInfo

FORMATS = ("json", "md", "html", "srt", "vtt", "txt", "pdf")


def check_report_output(fmt: str, out: str | Path) -> None:
    """Raise the error writing `fmt` to `out` would, before any slow work is done."""
    check_output(out)
    if fmt == "pdf" and is_stdout(out) and sys.stdout.isatty():
        raise DebriefError("a PDF is not for the terminal: give -o FILE.pdf, or pipe it")


def write_report(analysis: Analysis, fmt: str, out: str | Path,
                 info: SessionInfo | None = None) -> None:
    """Write `analysis` as `fmt` to `out` (a file, a device or pipe, or `-`)."""
    check_report_output(fmt, out)
    if fmt != "pdf":
        from app.review_state.exports import write_text

        write_text(analysis, fmt, out, info)
        return
    try:
        from app.ui.pdf_report import write_pdf
    except ImportError as exc:  # a build without Qt
        raise DebriefError(f"PDF export needs Qt, which this build lacks ({exc})") from None
    write_pdf(analysis, info, out)
