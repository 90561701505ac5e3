"""The time breakdown as an inline SVG stacked bar chart: the whole answer as shares,
then each stage in minutes on a common scale.

Text is styled with presentation attributes, not CSS: browsers read both, and Qt's SVG
renderer (which draws the chart for the PDF) reads only the attributes."""

from __future__ import annotations

from html import escape

from app.analysis.model import Analysis
from app.reports.common import CATEGORY_COLOURS, CATEGORY_TITLES, minutes, stage_title
from app.stages import CATEGORIES

WIDTH = 720
LABEL = 235  # room for "The developer and their needs" in a wide sans (DejaVu)
BAR = 22
GAP = 10
ROW = ' font-family="sans-serif" font-size="13" fill="#222"'
NUM = ' font-family="sans-serif" font-size="12" fill="#444" text-anchor="end"'


def _bar(y: float, parts: list[tuple[str, float]], scale: float) -> list[str]:
    out, x = [], float(LABEL)
    for category, seconds in parts:
        w = seconds * scale
        if w <= 0:
            continue
        title = f"{CATEGORY_TITLES[category]}: {minutes(seconds)}"
        out.append(f'<rect x="{x:.1f}" y="{y:.1f}" width="{w:.1f}" height="{BAR}" '
                   f'fill="{CATEGORY_COLOURS[category]}"><title>{escape(title)}</title></rect>')
        x += w
    return out


def render_chart(analysis: Analysis) -> str:
    """An <svg> element (no external references) for the report."""
    span = WIDTH - LABEL - 70
    rows: list[str] = []
    y = 28.0
    total = sum(analysis.categories.get(c, 0.0) for c in CATEGORIES)
    overall = [(c, analysis.categories.get(c, 0.0)) for c in CATEGORIES]
    rows.append(f'<text x="0" y="{y + 16:.0f}"{ROW}>Whole answer (share)</text>')
    rows += _bar(y, overall, span / total if total else 0.0)
    rows.append(f'<text x="{WIDTH - 4}" y="{y + 16:.0f}"{NUM}>{minutes(total)}</text>')
    y += BAR + GAP * 2
    longest = max((sum(r.categories.values()) for r in analysis.stages), default=0.0)
    scale = span / longest if longest else 0.0
    for report in analysis.stages:
        parts = [(c, report.categories.get(c, 0.0)) for c in CATEGORIES]
        said = sum(s for _, s in parts)
        rows.append(f'<text x="0" y="{y + 16:.0f}"{ROW}>'
                    f'{escape(stage_title(report.stage))}</text>')
        rows += _bar(y, parts, scale)
        rows.append(f'<text x="{WIDTH - 4}" y="{y + 16:.0f}"{NUM}>{minutes(said)}</text>')
        y += BAR + GAP
    legend, x = [], 0.0
    for c in CATEGORIES:
        legend.append(f'<rect x="{x:.0f}" y="4" width="14" height="14" '
                      f'fill="{CATEGORY_COLOURS[c]}"/>'
                      f'<text x="{x + 19:.0f}" y="16"{ROW}>{CATEGORY_TITLES[c]}</text>')
        x += 30 + 9 * len(CATEGORY_TITLES[c])
    height = y + 4
    return (f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{WIDTH}" '
            f'height="{height:.0f}" viewBox="0 0 {WIDTH} {height:.0f}" '
            'aria-label="Time per category, overall and per stage">'
            + "".join(legend) + "".join(rows) + "</svg>")
