"""The text exports of a reviewed session (the corrected analysis) and the audio copy.

The formats are rendered by app.reports; PDF is drawn by the screen from the HTML.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from app.analysis.model import Analysis
from app.errors import DebriefError
from app.reports import render as report_render

TEXT_FORMATS: dict[str, str] = {
    "md": "Markdown", "html": "HTML", "json": "JSON", "srt": "SubRip subtitles",
    "vtt": "WebVTT subtitles", "txt": "Plain text",
}
ALL_FORMATS: dict[str, str] = {**TEXT_FORMATS, "pdf": "PDF", "wav": "Audio (WAV)"}


def render(analysis: Analysis, fmt: str) -> str:
    """The analysis as text in `fmt` (one of TEXT_FORMATS)."""
    if fmt not in TEXT_FORMATS:
        raise DebriefError(f"unknown export format {fmt!r}")
    return report_render(analysis, fmt)


def write_text(analysis: Analysis, fmt: str, out_path: Path) -> Path:
    """Write the `fmt` export to `out_path` (through a temp file)."""
    out_path = Path(out_path)
    body = render(analysis, fmt)
    tmp = out_path.with_name(out_path.name + ".part")
    try:
        tmp.write_text(body, encoding="utf-8")
        tmp.replace(out_path)
    except OSError as exc:
        raise DebriefError(f"cannot be written ({exc.strerror})", out_path) from None
    return out_path


def copy_audio(audio: Path, out_path: Path) -> Path:
    """Copy the session's recording to `out_path`."""
    if not audio.exists():
        raise DebriefError("this session has no recording", audio)
    try:
        shutil.copyfile(audio, out_path)
    except OSError as exc:
        raise DebriefError(f"cannot be written ({exc.strerror})", out_path) from None
    return Path(out_path)
