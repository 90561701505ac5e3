"""Whether the answer took up the interviewer's follow-up probes from the prompt.

A probe is judged only once it was asked: shown by the stage clock during the
rehearsal (the session's "probe" events), or spoken in the recording. It is judged on
the reply, what was said after it until the next probe, the next stage or a minute and
a quarter, and that reply is its evidence. A probe whose stage ended before it came due
was not reached; one that came due but was never asked (an imported recording) is said
to be not asked. Neither is a failure.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from app.analysis.model import Finding, LabelledSentence, Moment
from app.analysis.rubric_coverage import cover_rubric, load_rubric_items, quote
from app.analysis.staging import Bounds
from app.prompts.model import Prompt
from app.prompts.plan import StageBudget, spread_probes
from app.stages import STAGE_TITLES
from app.timefmt import clock as format_clock

# Share of a probe's content words one sentence must echo to count as an answer...
ECHO_SHARE = 0.5
# ...and, in a question, to count as the probe itself, spoken by an interviewer.
SPOKEN_SHARE = 0.8
REPLY_SECONDS = 75.0
EVIDENCE = 3
_WORD = re.compile(r"[a-z][a-z']+")
_FUNCTION_WORD_TEXT = (
    "a an the and or but so of to in on at for with from by is are was were be been it its "
    "this that these those what which who whom how why when where would will could should "
    "can do does did you your they their them we our us i me my about into than then there "
    "here if any some each every more most other such only own same too very just also "
    "handle handles handling happen happens design think tell walk talk explain make "
    "work works approach deal")
_FUNCTION_WORDS = frozenset(_FUNCTION_WORD_TEXT.split())


@dataclass(frozen=True)
class AskedProbe:
    """A probe put to the candidate: its text, and the audio second it was shown."""

    time: float
    text: str
    stage: str = ""


def asked_probes(events: Any) -> list[AskedProbe]:
    """The probes a session's events record as shown ({"type": "probe", "audio" or
    "audio_time", "note" or "text", "stage"}), in time order; anything else is skipped."""
    out = []
    for e in events if isinstance(events, list) else []:
        if not isinstance(e, Mapping) or e.get("type") != "probe":
            continue
        t = next((e[k] for k in ("audio", "audio_time", "time") if k in e), None)
        text = e.get("text", e.get("note"))
        if isinstance(t, int | float) and not isinstance(t, bool) and isinstance(text, str):
            stage = e.get("stage")
            out.append(AskedProbe(float(t), text, stage if isinstance(stage, str) else ""))
    return sorted(out, key=lambda p: p.time)


def _stem(word: str) -> str:
    return word[:5]


def _content(text: str) -> set[str]:
    return {_stem(w) for w in _WORD.findall(text.lower()) if w not in _FUNCTION_WORDS}


def _norm(text: str) -> str:
    return " ".join(_WORD.findall(text.lower()))


def probe_findings(prompt: Prompt, sentences: Sequence[LabelledSentence], bounds: Bounds,
                   asked: Sequence[AskedProbe] | None = None) -> list[Finding]:
    """One finding per probe of `prompt` (app.prompts.Prompt, as scaled for the session):
    answered (strength) or not (flag) when it was asked, else a note that it was not
    reached or not asked. `asked` are the probes the rehearsal showed (None or empty for
    an import, where only a probe spoken in the recording counts as asked)."""
    budgets = prompt.stage_seconds()
    plan = tuple(StageBudget(s, STAGE_TITLES.get(s, s), b) for s, b in budgets.items())
    timed = spread_probes(plan, [(p.stage, p.text, p.at) for p in prompt.probes])
    shown = list(asked or [])
    times = [_asked_at(p.text, p.stage, shown, sentences, bounds) for p in timed]
    rubric_ids = [i.id for i in load_rubric_items()]
    found = []
    for n, (probe, at) in enumerate(zip(timed, times, strict=True), 1):
        if at is None:
            found.append(_unasked(n, probe, bounds))
            continue
        later = [t for t in (*times, *(p.time for p in shown)) if t is not None and t > at]
        reply = _reply(sentences, bounds, at, min(later, default=float("inf")), probe.text)
        found.append(_judged(n, probe.text, at, reply, rubric_ids))
    return found


def _asked_at(text: str, stage: str, shown: Sequence[AskedProbe],
              sentences: Sequence[LabelledSentence], bounds: Bounds) -> float | None:
    """When the probe was asked: shown by the clock, else spoken in its stage or later."""
    for p in shown:
        if _norm(p.text) == _norm(text):
            return p.time
    wanted = _content(text)
    start = next((a for s, a, _ in bounds if s == stage), None)
    if start is None or len(wanted) < 2:
        return None
    for sentence in sentences:  # a question, not an answer that echoes it
        if (sentence.start >= start and sentence.text.rstrip().endswith("?")
                and len(wanted & _content(sentence.text)) >= SPOKEN_SHARE * len(wanted)):
            return sentence.end
    return None


def _reply(sentences: Sequence[LabelledSentence], bounds: Bounds, at: float, next_probe: float,
           text: str) -> list[LabelledSentence]:
    """What was said after the probe, until the next probe, the next stage, or a while."""
    stage_end = next((b for _, a, b in bounds if a <= at < b), float("inf"))
    until = min(at + REPLY_SECONDS, next_probe, stage_end)
    return [s for s in sentences if (s.start + s.end) / 2 >= at and s.start < until
            and _norm(s.text) != _norm(text)]


def _judged(n: int, text: str, at: float, reply: Sequence[LabelledSentence],
            rubric_ids: list[str]) -> Finding:
    answer = _answering(text, reply, rubric_ids)
    if answer:
        return Finding(f"probe-answered:{n}", "strength", "Probe answered",
                       f"Asked at {format_clock(at)}, and you took it up: \u201c{text}\u201d",
                       [Moment(round(s.start, 3), quote(s.text)) for s in answer[:EVIDENCE]])
    said = [Moment(round(s.start, 3), quote(s.text)) for s in reply[:EVIDENCE]]
    return Finding(f"probe-missed:{n}", "flag", "Probe not addressed",
                   f"Asked at {format_clock(at)}; what followed did not take it up: "
                   f"\u201c{text}\u201d",
                   said or [Moment(round(at, 3), "asked here; nothing was said after it")])


def _unasked(n: int, probe: Any, bounds: Bounds) -> Finding:
    spans = [(a, b) for s, a, b in bounds if s == probe.stage]
    spent = sum(b - a for a, b in spans)
    title = STAGE_TITLES.get(probe.stage, probe.stage)
    if spent < probe.at:
        where = ("was never reached" if not spans else f"ended after {format_clock(spent)}, "
                 f"before it came due at {format_clock(probe.at)}")
        return Finding(f"probe-not-reached:{n}", "note", "Probe not reached",
                       f"{title} {where}, so it was never asked: \u201c{probe.text}\u201d")
    return Finding(f"probe-not-asked:{n}", "note", "Probe not asked",
                   f"Nothing in the recording asks this {title.lower()} follow-up, so it "
                   f"is not judged: \u201c{probe.text}\u201d")


def probe_text(finding: Finding) -> str:
    """The probe a probe finding is about (the question quoted at the end of its detail;
    "" for any other finding)."""
    if not finding.id.startswith("probe-"):
        return ""
    return finding.detail.rpartition("\u201c")[2].removesuffix("\u201d")


def probe_topics(text: str) -> list[str]:
    """The rubric items a probe's question is about, in rubric order."""
    ids = [i.id for i in load_rubric_items()]
    return [r.id for r in cover_rubric([_as_sentence(text)], ids) if r.covered]


def takes_up(text: str, sentences: Sequence[LabelledSentence]) -> list[LabelledSentence]:
    """The sentences that take up the probe `text` (a retake's answer, say)."""
    return _answering(text, sentences, [i.id for i in load_rubric_items()])


def _answering(text: str, reply: Sequence[LabelledSentence], rubric_ids: list[str]
               ) -> list[LabelledSentence]:
    """The sentences of the reply that take the probe up (empty when none does)."""
    # A probe about a rubric topic is answered when that topic comes up.
    topics = [r.id for r in cover_rubric([_as_sentence(text)], rubric_ids) if r.covered]
    wanted = _content(text)
    out = []
    for sentence in reply:
        echoes = bool(wanted) and len(wanted & _content(sentence.text)) >= ECHO_SHARE * len(wanted)
        if echoes or (topics and any(r.covered for r in cover_rubric([sentence], topics))):
            out.append(sentence)
    return out


def _as_sentence(text: str) -> LabelledSentence:
    return LabelledSentence(0.0, 0.0, text, "", "other")
