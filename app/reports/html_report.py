"""The debrief as one self-contained HTML page: inline CSS, an inline SVG chart, no
scripts, every piece of transcript or user text escaped."""

from __future__ import annotations

from html import escape

from app.analysis.model import Analysis, Finding, LabelledSentence
from app.reports.chart import render_chart
from app.reports.common import (
    CATEGORY_COLOURS,
    INTERVIEWER_TITLE,
    bookmark_lines,
    clock,
    delivery_lines,
    header_facts,
    sentence_label,
    stage_table,
    stage_title,
    summary_lines,
    transcript_items,
)
from app.reports.retakes import html_lines
from app.reports.session_info import SessionInfo

CSS = """
body{font:15px/1.5 system-ui,sans-serif;color:#222;max-width:54rem;margin:2rem auto;
padding:0 1rem}
h1{font-size:1.6rem;margin-bottom:.2rem}h2{margin-top:2rem;border-bottom:1px solid #ddd}
.meta{color:#555}.flag{border-left:4px solid #D55E00;padding-left:.8rem;margin:1rem 0}
.strength{border-left:4px solid #009E73;padding-left:.8rem;margin:1rem 0}
.finding h3{margin:.2rem 0;font-size:1.05rem}.moment{color:#444;margin:.2rem 0}
time{font-variant-numeric:tabular-nums;color:#555;margin-right:.15rem}
table{border-collapse:collapse;font-size:.9rem}td,th{padding:.25rem .5rem;
border-bottom:1px solid #eee;text-align:right}td:first-child,th:first-child{text-align:left}
.missed{color:#D55E00}.covered{color:#009E73}.said{color:#555}.notes{white-space:pre-wrap}
.seg{margin:.35rem 0;padding-left:.7rem;border-left:5px solid #999}
.tag{font-size:.75rem;font-weight:600;text-transform:uppercase;letter-spacing:.03em;
margin-right:.15rem}.cues{color:#666;font-size:.8rem;margin-left:.15rem}
.asked{color:#555;background:#f3f3f3;border-left:5px dotted #bbb;padding:.15rem .7rem}
@media print{body{margin:0;max-width:none}h2{break-after:avoid}.seg{break-inside:avoid}}
"""


def render_html(analysis: Analysis, info: SessionInfo | None = None, css: str = CSS) -> str:
    """The full report as an HTML document (`css` for another medium: the PDF's)."""
    e = escape
    info = info or SessionInfo()
    title = "Debrief: where the time went"
    meta = header_facts(analysis, info)
    body = [f"<h1>{e(title)}</h1>", f'<p class="meta">{e(" · ".join(meta))}</p>',
            "<h2>Summary</h2><ul>"]
    body += [f"<li>{e(line)}</li>" for line in summary_lines(analysis)]
    body += ["</ul>", render_chart(analysis), *_notes(analysis, info), "<h2>Red flags</h2>"]
    body += [_finding(f) for f in analysis.flags] or ["<p>None.</p>"]
    body.append("<h2>Strengths</h2>")
    body += [_finding(f) for f in analysis.strengths] or ["<p>None found.</p>"]
    body += html_lines(info)
    body += _stages(analysis) + _rubric(analysis) + _delivery(analysis)
    body += _transcript(analysis)
    return ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            f"<title>{e(title)}</title><style>{css}</style></head><body>\n"
            + "\n".join(body) + "\n</body></html>\n")


def _moment(time: float, text: str) -> str:
    return f'<p class="moment"><time>{clock(time)}</time> “{escape(text)}”</p>'


def _notes(analysis: Analysis, info: SessionInfo) -> list[str]:
    out = ["<h2>Your bookmarks and notes</h2>"]
    if info.notes.strip():
        out.append(f'<p class="notes">{escape(info.notes.strip())}</p>')
    items = [f"<li><time>{when}</time> <b>{escape(note) or '(no note)'}</b>"
             + (f' <span class="said">— “{escape(said)}”</span>' if said else "") + "</li>"
             for when, note, said in bookmark_lines(analysis, info)]
    if items:
        out += ["<ul>", *items, "</ul>"]
    elif not info.notes.strip():
        out.append("<p>No bookmarks.</p>")
    return out


def _finding(f: Finding) -> str:
    parts = [f'<div class="finding {"flag" if f.kind == "flag" else "strength"}">',
             f"<h3>{escape(f.title)}</h3><p>{escape(f.detail)}</p>"]
    parts += [_moment(m.time, m.quote) for m in f.moments]
    return "".join(parts) + "</div>"


def _stages(analysis: Analysis) -> list[str]:
    heads, rows = stage_table(analysis)

    def row(tag: str, cells: list[str]) -> str:
        # The stage's name is the row's heading: class "name" aligns it where CSS
        # selectors like :first-child are not understood (the PDF's layout).
        first, *rest = cells
        return (f'<tr><{tag} class="name">{escape(first)}</{tag}>'
                + "".join(f"<{tag}>{escape(c)}</{tag}>" for c in rest) + "</tr>")

    lines = [row("th", heads), *(row("td", cells) for cells in rows)]
    note = " (estimated)" if analysis.stages_estimated else ""
    return [f"<h2>Time per stage{note}</h2>", "<table>", *lines, "</table>"]


def _rubric(analysis: Analysis) -> list[str]:
    out = ["<h2>Rubric</h2>", "<ul>"]
    for r in analysis.rubric:
        if r.covered:
            moments = "".join(_moment(m.time, m.quote) for m in r.moments[:2])
            out.append(f'<li><span class="covered">✓</span> <b>{escape(r.title)}</b>'
                       f"{moments}</li>")
        else:
            out.append(f'<li><span class="missed">✗ {escape(r.title)} — missed</span></li>')
    return [*out, "</ul>"]


def _delivery(analysis: Analysis) -> list[str]:
    items = (f"<li>{escape(line)}</li>" for line in delivery_lines(analysis))
    return ["<h2>Delivery</h2>", "<ul>", *items, "</ul>"]


def _transcript(analysis: Analysis) -> list[str]:
    out = ["<h2>Annotated transcript</h2>"]
    stage = None
    for at, seg in transcript_items(analysis):
        if at != stage:
            stage = at
            out.append(f"<h3>{escape(stage_title(stage))}</h3>")
        if not isinstance(seg, LabelledSentence):  # the interviewer's: grey, in italics
            out.append(f'<p class="seg asked"><time>{clock(seg.start)}</time> '
                       f'<span class="tag">{INTERVIEWER_TITLE}</span> '
                       f"<i>{escape(seg.text)}</i></p>")
            continue
        colour = CATEGORY_COLOURS.get(seg.category, "#999999")
        cues = (f' <span class="cues">({escape(", ".join(seg.cues))})</span>'
                if seg.cues else "")
        out.append(f'<p class="seg" style="border-left-color:{colour}"><time>'
                   f'{clock(seg.start)}</time> <span class="tag" style="color:{colour}">'
                   f"{escape(sentence_label(seg))}</span> {escape(seg.text)}{cues}</p>")
    return out
