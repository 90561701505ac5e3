"""What every report format shares: names, colours, clock times and summary lines."""

from __future__ import annotations

from app.analysis.model import Analysis, InterviewerLine, LabelledSentence
from app.reports.session_info import SessionInfo, readable_date
from app.stages import CATEGORIES, STAGE_TITLES
from app.timefmt import clock

CATEGORY_TITLES: dict[str, str] = {
    "ui": "UI", "api": "API", "webhooks": "Webhooks", "tradeoffs": "Trade-offs",
    "other": "Other",
}
# Okabe-Ito: distinguishable with the common colour-vision deficiencies.
CATEGORY_COLOURS: dict[str, str] = {
    "ui": "#E69F00", "api": "#0072B2", "webhooks": "#009E73", "tradeoffs": "#CC79A7",
    "other": "#999999",
}
FILLER_NOTE = "the recognizer leaves out many fillers, so the real count is higher"
# Whose line it is, wherever the interviewer's spoken questions are shown.
INTERVIEWER_TITLE = "Interviewer"


def plural(count: int, word: str) -> str:
    """"1 pause", "2 pauses"."""
    return f"{count} {word if count == 1 else word + 's'}"


def minutes(seconds: float) -> str:
    return f"{seconds / 60:.1f} min"


def percent(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.0%}"


def stage_title(stage: str) -> str:
    return STAGE_TITLES.get(stage, stage)


def spoken(analysis: Analysis) -> float:
    return sum(analysis.categories.get(c, 0.0) for c in CATEGORIES)


def category_line(analysis: Analysis) -> list[tuple[str, float, float]]:
    """(title, seconds, share of speech) per category."""
    total = spoken(analysis) or 1.0
    return [(CATEGORY_TITLES[c], analysis.categories.get(c, 0.0),
             analysis.categories.get(c, 0.0) / total) for c in CATEGORIES]


def stage_source(analysis: Analysis) -> str:
    # Marks come from the stage clock, an imported marks file or the review's hand edits;
    # the analysis does not say which, so the report does not claim one.
    return ("estimated from what was said (no stage marks)" if analysis.stages_estimated
            else "from the session's stage marks")


def header_facts(analysis: Analysis, info: SessionInfo) -> list[str]:
    """The line under the report's title: prompt, the user's title, date, length, stages."""
    facts = []
    prompt = info.prompt_title or analysis.prompt_id
    if prompt:
        facts.append(f"Prompt: {prompt}")
    if info.title and info.title != info.prompt_title:
        facts.append(f"Your title: {info.title}")
    if info.date:
        facts.append(readable_date(info.date))
    return [*facts, f"Length {clock(analysis.duration)}", f"stages {stage_source(analysis)}"]


def said_at(analysis: Analysis, seconds: float) -> str:
    """What was being said at `seconds`: the last sentence begun by then ("" if none)."""
    text = ""
    for seg in analysis.segments:
        if seg.start > seconds + 0.5:  # a mark pressed just as a sentence begins
            break
        text = seg.text
    return " ".join(text.split())


def bookmark_lines(analysis: Analysis, info: SessionInfo) -> list[tuple[str, str, str]]:
    """(clock time, the user's note, what was being said) for each bookmark."""
    return [(clock(b.time), " ".join(b.note.split()), said_at(analysis, b.time))
            for b in info.bookmarks]


def transcript_items(analysis: Analysis
                     ) -> list[tuple[str, LabelledSentence | InterviewerLine]]:
    """The transcript as the review shows it: the candidate's sentences and the
    interviewer's lines in time order (a line before the sentence that starts with it),
    each with the stage it is shown under (a line: that of the sentence after it)."""
    asked = sorted(analysis.interviewer, key=lambda line: line.start)
    out: list[tuple[str, LabelledSentence | InterviewerLine]] = []
    for seg in analysis.segments:
        while asked and asked[0].start <= seg.start:
            out.append((seg.stage, asked.pop(0)))
        out.append((seg.stage, seg))
    last = analysis.segments[-1].stage if analysis.segments else ""
    return out + [(last, line) for line in asked]


def sentence_label(seg: LabelledSentence) -> str:
    """"API", or "API (was UI)" after a correction."""
    title = CATEGORY_TITLES.get(seg.category, seg.category)
    if seg.corrected_from:
        return f"{title} (was {CATEGORY_TITLES.get(seg.corrected_from, seg.corrected_from)})"
    return title


def summary_lines(analysis: Analysis) -> list[str]:
    """The headline facts, as plain sentences."""
    covered = sum(r.covered for r in analysis.rubric)
    lines = [
        f"Platform share: {percent(analysis.platform_share)} overall, "
        f"{percent(analysis.solution_platform_share)} in the solution stage"
        + (" — UI-heavy" if analysis.ui_heavy else ""),
        "Time by category: " + ", ".join(
            f"{title} {minutes(sec)} ({share:.0%})" for title, sec, share in
            category_line(analysis)),
        f"Red flags: {len(analysis.flags)} · strengths: {len(analysis.strengths)} · "
        f"rubric: {covered} of {len(analysis.rubric)} covered",
        f"Pace {analysis.delivery.words_per_minute:.0f} wpm · fillers "
        f"{analysis.delivery.fillers_per_minute:.1f}/min · "
        f"{plural(len(analysis.delivery.long_pauses), 'pause')} over 3 s",
    ]
    return lines


def stage_table(analysis: Analysis) -> tuple[list[str], list[list[str]]]:
    """The per-stage table as (headings, rows of cells)."""
    heads = ["Stage", "Start", "Length", "Budget", "Over"]
    heads += [CATEGORY_TITLES[c] for c in CATEGORIES] + ["WPM"]
    rows = []
    for r in analysis.stages:
        cells = [stage_title(r.stage), clock(r.start), minutes(r.length),
                 minutes(r.budget) if r.budget else "—",
                 minutes(r.overrun) if r.overrun else "—"]
        cells += [minutes(r.categories.get(c, 0.0)) for c in CATEGORIES]
        cells.append(f"{r.words_per_minute:.0f}")
        rows.append(cells)
    return heads, rows


def delivery_lines(analysis: Analysis) -> list[str]:
    """Pace, fillers, pauses and repeated phrases, one plain sentence each."""
    d = analysis.delivery
    fillers = ", ".join(f"{k} ×{v}" for k, v in d.filler_counts.items()) or "none"
    lines = [f"Pace: {d.words_per_minute:.0f} words per minute (120–170 is easy to follow)",
             f"Fillers: {d.fillers_per_minute:.1f} per minute ({fillers}); {FILLER_NOTE}"]
    if d.long_pauses:
        longest = max(d.long_pauses, key=lambda p: p.length)
        lines.append(f"Pauses over 3 s: {len(d.long_pauses)} (longest {longest.length:.0f} s "
                     f"at {clock(longest.start)})")
    else:
        lines.append("Pauses over 3 s: none")
    if d.repeated_phrases:
        lines.append("Repeated phrases: " + ", ".join(
            f"“{p}” ×{n}" for p, n in d.repeated_phrases))
    return lines
