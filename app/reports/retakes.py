"""The retakes section of a report: each take of the session, newest first, with the
question, the item, covered or not then and now, the answer's words, its time and where
the time went. Markdown (plain text derives from it) and HTML; JSON carries
Retake.to_dict through SessionInfo."""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from app.analysis.before_after import Retake, Side
from app.reports.common import CATEGORY_TITLES, stage_title
from app.reports.session_info import SessionInfo, readable_date
from app.timefmt import clock

_SHOWN = ("api", "webhooks", "ui", "tradeoffs", "other")


def share_text(side: Side) -> str:
    """"API 45% · Webhooks 20% · UI 5% · Other 30%" (categories not spoken left out)."""
    parts = [f"{CATEGORY_TITLES[c]} {side.shares.get(c, 0.0):.0%}" for c in _SHOWN
             if side.shares.get(c, 0.0) >= 0.005]
    return " · ".join(parts) or "nothing said"


def verdict(side: Side | None) -> str:
    if side is None:
        return "not analysed yet"
    return "covered" if side.covered else "not covered"


def _facts(retake: Retake) -> list[tuple[str, str]]:
    """Label and text of each line a take prints, in order."""
    lines = [("Question", retake.question)]
    if retake.item:
        lines.append(("Item", retake.item))
    lines.append(("Stage", stage_title(retake.stage)))
    for name, side in (("Then", retake.before), ("Now", retake.after)):
        if side is None:
            lines.append((name, verdict(side)))
            continue
        words = " / ".join(f"{clock(m.time)} “{m.quote}”" for m in side.words) or "no words"
        lines.append((name, f"{verdict(side)} · {clock(side.seconds)} · {share_text(side)}"
                            f" · {words}"))
    return lines


def _heading(retake: Retake) -> str:
    when = readable_date(retake.started_at) if retake.started_at else retake.id
    state = " (recovered after a crash)" if retake.state == "recovered" else ""
    return f"{retake.title or 'Retake'} — {when}{state}"


def markdown_lines(info: SessionInfo, esc: Callable[[str], str]) -> list[str]:
    """The section in Markdown (nothing when the session has no retakes); `esc` is the
    report's own escaping of spoken and user text."""
    if not info.retakes:
        return []
    out = ["## Retakes", ""]
    for retake in info.retakes:
        out += [f"### {esc(_heading(retake))}", ""]
        out += [f"- **{label}:** {esc(text)}" for label, text in _facts(retake)]
        out.append("")
    return out


def html_lines(info: SessionInfo) -> list[str]:
    """The section in HTML (nothing when the session has no retakes)."""
    if not info.retakes:
        return []
    out = ["<h2>Retakes</h2>"]
    for retake in info.retakes:
        out.append(f'<div class="finding"><h3>{escape(_heading(retake))}</h3><ul>')
        out += [f"<li><b>{escape(label)}:</b> {escape(text)}</li>"
                for label, text in _facts(retake)]
        out.append("</ul></div>")
    return out
