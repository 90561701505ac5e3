"""Whether the answer took up the interviewer's follow-up probes from the prompt."""

from __future__ import annotations

import re
from collections.abc import Sequence

from app.analysis.model import AnalyzedSegment, Finding
from app.analysis.rubric import cover_rubric, load_rubric_items
from app.prompts.model import Probe
from app.stages import STAGE_IDS

# Share of a probe's content words one sentence must echo to count as an answer.
ECHO_SHARE = 0.5
_WORD = re.compile(r"[a-z][a-z']+")
_FUNCTION_WORD_TEXT = (
    "a an the and or but so of to in on at for with from by is are was were be been it its "
    "this that these those what which who whom how why when where would will could should "
    "can do does did you your they their them we our us i me my about into than then there "
    "here if any some each every more most other such only own same too very just also "
    "handle handles handling happen happens design think tell walk talk explain make "
    "work works approach deal")
_FUNCTION_WORDS = frozenset(_FUNCTION_WORD_TEXT.split())


def _stem(word: str) -> str:
    return word[:5]


def _content(text: str) -> set[str]:
    return {_stem(w) for w in _WORD.findall(text.lower()) if w not in _FUNCTION_WORDS}


def probe_findings(probes: Sequence[Probe], segments: Sequence[AnalyzedSegment]) -> list[Finding]:
    """A flag for each probe nothing in the answer took up; probes are objects with
    .stage and .text (app.prompts.Probe)."""
    rubric_ids = [i.id for i in load_rubric_items()]
    found = []
    for n, probe in enumerate(probes, 1):
        stage_index = STAGE_IDS.index(probe.stage) if probe.stage in STAGE_IDS else 0
        after = [s for s in segments
                 if s.stage not in STAGE_IDS or STAGE_IDS.index(s.stage) >= stage_index]
        if _addressed(probe.text, after or list(segments), rubric_ids):
            continue
        found.append(Finding(
            f"probe-missed:{n}", "flag", "Probe not addressed",
            f"The interviewer's follow-up went unanswered: \u201c{probe.text}\u201d",
            []))
    return found


def _addressed(text: str, segments: Sequence[AnalyzedSegment], rubric_ids: list[str]) -> bool:
    # A probe about a rubric topic is answered when that topic comes up.
    asked = [r.id for r in cover_rubric([_as_segment(text)], rubric_ids) if r.covered]
    if asked and any(r.covered for r in cover_rubric(segments, asked)):
        return True
    wanted = _content(text)
    if not wanted:
        return True
    return any(len(wanted & _content(s.text)) >= ECHO_SHARE * len(wanted) for s in segments)


def _as_segment(text: str) -> AnalyzedSegment:
    return AnalyzedSegment(0.0, 0.0, text, "", "other")


