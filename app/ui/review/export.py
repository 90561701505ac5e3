"""Export from the review: the text formats come from app.review_state.exports, the PDF
from app.ui.pdf_report (the same writer `debrief sessions export --format pdf` uses),
and the audio is a copy of the recording. `export_session` needs no dialog (tests call
it); `ask_and_export` adds the dialog."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from app.errors import DebriefError
from app.review_state import exports
from app.review_state.session_review import SessionReview
from app.sessions.folder import slug
from app.ui.pdf_report import write_pdf

SUFFIX = {"md": ".md", "html": ".html", "json": ".json", "srt": ".srt", "vtt": ".vtt",
          "txt": ".txt", "pdf": ".pdf", "wav": ".wav"}


def export_session(review: SessionReview, fmt: str, out_path: str | Path) -> str | Path:
    """Write the corrected review, with the user's bookmarks and notes, as `fmt` (md,
    html, pdf, json, srt, vtt, txt, wav)."""
    out_path = Path(out_path)
    if fmt == "wav":
        return exports.copy_audio(review.folder.audio_path, out_path)
    if review.analysis is None:
        raise DebriefError("this session has no analysis yet")
    info = exports.review_info(review)
    if fmt == "pdf":
        return write_pdf(review.analysis, info, out_path)
    return exports.write_text(review.analysis, fmt, out_path, info)


def ask_and_export(parent: QWidget, review: SessionReview, fmt: str) -> Path | None:
    """Ask where to save, export, and report a failure in a dialog."""
    name = exports.ALL_FORMATS.get(fmt, fmt)
    suffix = SUFFIX[fmt]
    default = str(Path.home() / f"{slug(review.title)}{suffix}")
    path, _ = QFileDialog.getSaveFileName(parent, f"Export {name}", default,
                                          f"{name} (*{suffix})")
    if not path:
        return None
    out = Path(path)
    if out.suffix.lower() != suffix:
        out = out.with_name(out.name + suffix)
    try:
        return export_session(review, fmt, out)
    except DebriefError as exc:
        QMessageBox.warning(parent, "Export failed", str(exc))
        return None
