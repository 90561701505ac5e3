"""The debrief as Markdown, to print or send to a coach (plain text is the same report
without the markup)."""

from __future__ import annotations

import re

from app.analysis.model import Analysis, Finding, LabelledSentence
from app.reports.common import (
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
from app.reports.retakes import markdown_lines as retake_lines
from app.reports.session_info import SessionInfo

# Inline markup only: everything we write sits after a prefix, never at a line start.
_MD_SPECIAL = re.compile(r"([\\`*_\[\]|~])")


def md_escape(text: str) -> str:
    """Transcript text made inert: no markup, no raw HTML."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MD_SPECIAL.sub(r"\\\1", " ".join(text.split()))


def _finding(f: Finding) -> list[str]:
    lines = [f"### {md_escape(f.title)}", "", md_escape(f.detail), ""]
    lines += [f"- {clock(m.time)} — “{md_escape(m.quote)}”" for m in f.moments]
    return [*lines, ""] if f.moments else lines


def render_markdown(analysis: Analysis, info: SessionInfo | None = None) -> str:
    """The full report: summary, the user's bookmarks and notes, flags, strengths, stages,
    rubric, delivery, transcript."""
    info = info or SessionInfo()
    out = ["# Debrief: where the time went", ""]
    out += [md_escape(" · ".join(header_facts(analysis, info))), "", "## Summary", ""]
    out += [f"- {line}" for line in summary_lines(analysis)] + [""]
    out += [*_notes(analysis, info), "## Red flags", ""]
    for f in analysis.flags:
        out += _finding(f)
    if not analysis.flags:
        out += ["None.", ""]
    out += ["## Strengths", ""]
    for f in analysis.strengths:
        out += _finding(f)
    if not analysis.strengths:
        out += ["None found.", ""]
    out += retake_lines(info, md_escape)
    out += _stages(analysis) + _rubric(analysis) + _delivery(analysis) + _transcript(analysis)
    return "\n".join(out).rstrip() + "\n"


def _notes(analysis: Analysis, info: SessionInfo) -> list[str]:
    out = ["## Your bookmarks and notes", ""]
    # Each line of the user's notes quoted, so none of it can start a heading or a list.
    notes = [f"> {md_escape(line)}" if line.strip() else ">"
             for line in info.notes.strip().splitlines()]
    if notes:
        out += [*notes, ""]
    for when, note, said in bookmark_lines(analysis, info):
        quote = f" — “{md_escape(said)}”" if said else ""
        out.append(f"- {when} — **{md_escape(note) or '(no note)'}**{quote}")
    if info.bookmarks:
        out.append("")
    elif not notes:
        out += ["No bookmarks.", ""]
    return out


def _stages(analysis: Analysis) -> list[str]:
    heads, rows = stage_table(analysis)
    lines = ["| " + " | ".join(heads) + " |", "|" + "---|" * len(heads)]
    lines += ["| " + " | ".join(cells) + " |" for cells in rows]
    note = " (estimated)" if analysis.stages_estimated else ""
    return [f"## Time per stage{note}", "", *lines, ""]


def _rubric(analysis: Analysis) -> list[str]:
    out = ["## Rubric", ""]
    for r in analysis.rubric:
        if r.covered:
            m = r.moments[0]
            more = f" (+{len(r.moments) - 1} more)" if len(r.moments) > 1 else ""
            out.append(f"- ✓ **{md_escape(r.title)}** — {clock(m.time)} “{md_escape(m.quote)}”"
                       f"{more}")
        else:
            out.append(f"- ✗ **{md_escape(r.title)}** — missed")
    return [*out, ""]


def _delivery(analysis: Analysis) -> list[str]:
    return ["## Delivery", "", *(f"- {md_escape(line)}" for line in delivery_lines(analysis)),
            ""]


def _transcript(analysis: Analysis) -> list[str]:
    out = ["## Annotated transcript", ""]
    stage = None
    for at, item in transcript_items(analysis):
        if at != stage:
            stage = at
            out += [f"### {stage_title(stage)}", ""]
        if not isinstance(item, LabelledSentence):  # the interviewer's: set apart, quoted
            out += [f"> **{clock(item.start)} · {INTERVIEWER_TITLE}:** "
                    f"{md_escape(item.text)}", ""]
            continue
        cues = f" _({md_escape(', '.join(item.cues))})_" if item.cues else ""
        out += [f"**{clock(item.start)} · {sentence_label(item)}** {md_escape(item.text)}"
                f"{cues}", ""]
    return out
