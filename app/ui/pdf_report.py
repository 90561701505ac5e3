"""The debrief as a PDF that prints: the HTML report laid out by Qt on A4 or Letter
pages, with body text in points (9.5 pt) rather than screen pixels.

Why not the HTML report's own stylesheet: QTextDocument lays text out at the PDF
writer's resolution (1200 dpi), where a CSS pixel is 1/1200 inch, so "15px" prints
about 1 pt tall. Here the layout runs on the writer itself, with sizes in points, and
the chart (SVG, which Qt's rich text cannot show) is drawn as a picture from the same
SVG the HTML report carries.

The review's Export and `debrief sessions export --format pdf` both come here; the
command line has no window, so `ensure_gui_app` makes an offscreen Qt application.
"""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QIODevice,
    QLocale,
    QMarginsF,
    QRectF,
    QSizeF,
    Qt,
    QUrl,
)
from PySide6.QtGui import (
    QColor,
    QFont,
    QGuiApplication,
    QImage,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QTextDocument,
)
from PySide6.QtSvg import QSvgRenderer

from app.analysis.model import Analysis
from app.errors import DebriefError
from app.fileio.output import write_output
from app.reports.chart import render_chart
from app.reports.html_report import render_html
from app.reports.session_info import SessionInfo

# Qt's rich text knows a subset of CSS. Laid out on the writer, font sizes count in
# points (pixels would be the writer's 1/1200 inch), while margins and padding count in
# 1/96 inch "px" and ignore pt. No borders on paragraphs: a sentence's tag is coloured.
PRINT_CSS = """
body{font-family:sans-serif;font-size:9.5pt;color:#222}
h1{font-size:17pt;margin-bottom:4px}h2{font-size:13pt;margin-top:20px;margin-bottom:6px}
h3{font-size:10.5pt;margin-top:12px;margin-bottom:3px}
.meta{color:#555}.moment{color:#444;margin-top:1px;margin-bottom:3px}
time{color:#555}.missed{color:#D55E00}.covered{color:#009E73}.said{color:#555}
.notes{white-space:pre-wrap}
table{font-size:8.5pt;width:100%}td,th{padding:2px 4px;text-align:right}.name{text-align:left}
.seg{margin-top:3px;margin-bottom:3px}.tag{font-weight:600}.cues{color:#666;font-size:8pt}
.asked{color:#555}
"""
# Where Letter is the paper in the shops (CLDR's list, ISO codes); A4 everywhere else.
LETTER_TERRITORIES = {"US", "CA", "MX", "PR", "BZ", "CL", "CO", "CR", "GT", "NI", "PA", "PH",
                      "SV", "VE"}
_SVG = re.compile(r"<svg\b.*?</svg>", re.DOTALL | re.IGNORECASE)
_CHART_URL = "debrief-chart.png"
_CHART_SCALE = 3  # picture pixels per SVG unit: sharp on paper
_gui_app: QGuiApplication | None = None


def ensure_gui_app() -> None:
    """Make an offscreen Qt application when none runs (the command line)."""
    global _gui_app
    if QGuiApplication.instance() is None:
        _gui_app = QGuiApplication(["debrief", "-platform", "offscreen"])


def paper_size(locale: QLocale | None = None) -> QPageSize.PageSizeId:
    """Letter where the locale's territory uses it, else A4."""
    territory = QLocale.territoryToCode((locale or QLocale.system()).territory())
    return (QPageSize.PageSizeId.Letter if territory in LETTER_TERRITORIES
            else QPageSize.PageSizeId.A4)


def chart_image(analysis: Analysis) -> QImage:
    """The report's SVG chart as a picture."""
    renderer = QSvgRenderer(QByteArray(render_chart(analysis).encode("utf-8")))
    size = renderer.defaultSize() * _CHART_SCALE
    image = QImage(size, QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    renderer.render(painter)
    painter.end()
    return image


def render_pdf(analysis: Analysis, info: SessionInfo | None = None,
               paper: QPageSize.PageSizeId | None = None) -> bytes:
    """The report as PDF bytes, each page with a footer: the prompt, "page 2 of 5"."""
    ensure_gui_app()
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setPageLayout(QPageLayout(QPageSize(paper or paper_size()),
                                     QPageLayout.Orientation.Portrait,
                                     QMarginsF(15, 15, 15, 12), QPageLayout.Unit.Millimeter))
    prompt = (info.prompt_title if info else "") or analysis.prompt_id or ""
    writer.setTitle(f"Debrief: {prompt or 'where the time went'}")
    writer.setCreator("Debrief")
    doc = _document(analysis, info, writer)
    width, body = float(writer.width()), float(writer.height()) - _footer_height(writer)
    doc.setPageSize(QSizeF(width, body))
    painter = QPainter(writer)
    count = doc.pageCount()
    for page in range(count):
        if page:
            writer.newPage()
        painter.save()
        painter.translate(0, -page * body)
        doc.drawContents(painter, QRectF(0, page * body, width, body))
        painter.restore()
        _footer(painter, QRectF(0, body, width, writer.height() - body),
                f"Debrief · {prompt}" if prompt else "Debrief", f"page {page + 1} of {count}")
    painter.end()
    del doc  # it lays out on the writer: let it go first
    del writer  # the PDF is complete once the writer is gone
    return bytes(buffer.data().data())


def _document(analysis: Analysis, info: SessionInfo | None, writer: QPdfWriter
              ) -> QTextDocument:
    doc = QTextDocument()
    # Laid out on the writer itself, so a point is a point (see the module docstring).
    doc.documentLayout().setPaintDevice(writer)
    doc.setDocumentMargin(0)
    chart = chart_image(analysis)
    doc.addResource(QTextDocument.ResourceType.ImageResource, QUrl(_CHART_URL), chart)
    # Image widths count in 1/96 inch too; the chart fills the text width at most.
    width = min(chart.width() / _CHART_SCALE, writer.width() * 96 / writer.resolution())
    html = _SVG.sub(f'<p><img src="{_CHART_URL}" width="{width:.0f}"></p>',
                    render_html(analysis, info, css=PRINT_CSS), count=1)
    doc.setHtml(html)
    return doc


def _footer_height(writer: QPdfWriter) -> float:
    return writer.resolution() * 0.35  # inches: a line of 8 pt type and a gap above it


def _footer(painter: QPainter, rect: QRectF, left: str, right: str) -> None:
    painter.setFont(QFont("sans-serif", 8))
    painter.setPen(QColor("#666666"))
    metrics = painter.fontMetrics()
    room = rect.width() - metrics.horizontalAdvance(right) - 2 * metrics.averageCharWidth()
    left = metrics.elidedText(left, Qt.TextElideMode.ElideRight, int(room))
    bottom = Qt.AlignmentFlag.AlignBottom
    painter.drawText(rect, int(Qt.AlignmentFlag.AlignLeft | bottom), left)
    painter.drawText(rect, int(Qt.AlignmentFlag.AlignRight | bottom), right)


def write_pdf(analysis: Analysis, info: SessionInfo | None, out: str | Path) -> str | Path:
    """Write the PDF report to `out` (a file, a device or pipe, or `-`)."""
    data = render_pdf(analysis, info)
    if not data:
        raise DebriefError("the PDF could not be made", out)
    write_output(out, data)
    return out
