"""The debrief as files: JSON (the analysis contract), Markdown, self-contained HTML,
plain text, and subtitles annotated with each sentence's category."""

from __future__ import annotations

import json

from app.analysis.model import Analysis
from app.errors import DebriefError

FORMATS: tuple[str, ...] = ("json", "md", "html", "txt", "srt", "vtt")


def render(analysis: Analysis, fmt: str) -> str:
    """`analysis` as text in `fmt` (one of FORMATS)."""
    if fmt == "json":
        return json.dumps(analysis.to_dict(), ensure_ascii=False, indent=1) + "\n"
    if fmt == "md":
        from app.reports.markdown import render_markdown

        return render_markdown(analysis)
    if fmt == "html":
        from app.reports.html_report import render_html

        return render_html(analysis)
    if fmt == "txt":
        from app.reports.text import render_text

        return render_text(analysis)
    if fmt in ("srt", "vtt"):
        from app.reports.subtitles import render_srt, render_vtt

        return render_srt(analysis) if fmt == "srt" else render_vtt(analysis)
    raise DebriefError(f"unknown report format {fmt!r} (use {', '.join(FORMATS)})")


__all__ = ["FORMATS", "render"]
