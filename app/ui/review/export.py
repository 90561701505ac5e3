"""Export from the review: the text formats come from app.review_state.exports, PDF is
the HTML report drawn by Qt's own PDF writer, and the audio is a copy of the recording.
`export_session` needs no dialog (tests call it); `ask_and_export` adds the dialog."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QBuffer, QIODevice, QMarginsF, QUrl
from PySide6.QtGui import QColor, QImage, QPageLayout, QPageSize, QPdfWriter, QTextDocument
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from app.analysis.model import Analysis
from app.errors import DebriefError
from app.fileio.output import write_output
from app.review_state import exports
from app.review_state.session_review import SessionReview
from app.sessions.folder import slug
from app.ui.review.category_chart import CategoryChart
from app.ui.theme import light_palette

_SVG = re.compile(r"<svg\b.*?</svg>", re.DOTALL | re.IGNORECASE)
_CHART_URL = "debrief-chart.png"
_CHART_WIDTH = 560

SUFFIX = {"md": ".md", "html": ".html", "json": ".json", "srt": ".srt", "vtt": ".vtt",
          "txt": ".txt", "pdf": ".pdf", "wav": ".wav"}


def export_session(review: SessionReview, fmt: str, out_path: str | Path) -> str | Path:
    """Write the corrected review as `fmt` (md, html, pdf, json, srt, vtt, txt, wav)."""
    out_path = Path(out_path)
    if fmt == "wav":
        return exports.copy_audio(review.folder.audio_path, out_path)
    if review.analysis is None:
        raise DebriefError("this session has no analysis yet")
    if fmt == "pdf":
        return write_pdf(exports.render(review.analysis, "html"), out_path, review.analysis)
    return exports.write_text(review.analysis, fmt, out_path)


def write_pdf(html: str, out_path: Path, analysis: Analysis | None = None) -> Path:
    """Lay the HTML report out on A4 pages with Qt's PDF writer. Qt's HTML has no SVG,
    so the report's chart is swapped for a picture of the screen's own chart."""
    doc = QTextDocument()
    if analysis is not None:
        doc.addResource(QTextDocument.ResourceType.ImageResource, QUrl(_CHART_URL),
                        chart_image(analysis))
        html = _SVG.sub(f'<p><img src="{_CHART_URL}" width="{_CHART_WIDTH}"></p>', html,
                        count=1)
    doc.setHtml(_SVG.sub("", html))
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4),
                                     QPageLayout.Orientation.Portrait,
                                     QMarginsF(15, 15, 15, 15), QPageLayout.Unit.Millimeter))
    writer.setTitle("Debrief review")
    writer.setCreator("Debrief")
    doc.print_(writer)
    del writer  # the PDF is complete once the writer is gone
    data = bytes(buffer.data().data())
    if not data:
        raise DebriefError("the PDF could not be made", out_path)
    write_output(out_path, data)
    return out_path


def chart_image(analysis: Analysis) -> QImage:
    """The time-by-category chart drawn for paper: light colours, twice the pixels."""
    chart = CategoryChart()
    chart.setPalette(light_palette())
    chart.set_analysis(analysis)
    chart.resize(_CHART_WIDTH, chart.sizeHint().height())
    image = QImage(chart.size() * 2, QImage.Format.Format_ARGB32)
    image.setDevicePixelRatio(2)
    image.fill(QColor("white"))
    chart.render(image, renderFlags=QWidget.RenderFlag.DrawChildren)
    return image


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
