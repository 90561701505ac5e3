"""The debrief as files: JSON (the analysis contract), Markdown, self-contained HTML,
plain text, and subtitles annotated with each sentence's category. Each carries the
session's SessionInfo too: the prompt's title, the date, the user's bookmarks and notes.
(PDF needs Qt to lay the HTML out on pages, so it lives in app/ui/pdf_report.py.)"""

from __future__ import annotations

import json

from app.analysis.model import Analysis
from app.errors import DebriefError
from app.reports.session_info import SessionInfo

FORMATS: tuple[str, ...] = ("json", "md", "html", "txt", "srt", "vtt")


def render(analysis: Analysis, fmt: str, info: SessionInfo | None = None) -> str:
    """`analysis` (with `info`, when known) as text in `fmt` (one of FORMATS)."""
    info = info or SessionInfo()
    if fmt == "json":
        # debrief.analysis/1 with the session's fields added beside the analysis's own.
        data = {**analysis.to_dict(), **info.to_dict()}
        return json.dumps(data, ensure_ascii=False, indent=1) + "\n"
    if fmt == "md":
        from app.reports.markdown import render_markdown

        return render_markdown(analysis, info)
    if fmt == "html":
        from app.reports.html_report import render_html

        return render_html(analysis, info)
    if fmt == "txt":
        from app.reports.text import render_text

        return render_text(analysis, info)
    if fmt in ("srt", "vtt"):
        from app.reports.subtitles import render_srt, render_vtt

        return render_srt(analysis, info) if fmt == "srt" else render_vtt(analysis, info)
    raise DebriefError(f"unknown report format {fmt!r} (use {', '.join(FORMATS)})")


__all__ = ["FORMATS", "SessionInfo", "render"]
