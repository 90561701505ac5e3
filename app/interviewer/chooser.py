"""What the interviewer asks: a follow-up on a rubric item still missing, or nothing.

Given the live transcript so far and where we are in a stage, it looks at the prompt's
rubric items due in that stage (resources/followups.toml says which stage each item
belongs to); once the stage is past an item's point in its budget and the candidate has
not said it (app.analysis's rubric matching decides), it picks that item's next question.
Deterministic: the prompt's rubric order, then the bank's order; one question per item,
never a question twice. Every choice carries the reason the review shows.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass

from app.analysis.model import LabelledSentence
from app.analysis.rubric_coverage import cover_rubric, load_rubric_items
from app.prompts.followups import FollowupItem
from app.stages import STAGE_TITLES
from app.timefmt import clock as format_clock
from app.transcript import INTERVIEWER, Segment


@dataclass(frozen=True)
class Followup:
    """A chosen question: its rubric item, its text, and why it was chosen."""

    item: str
    text: str
    reason: str


def _candidate_said(segments: Sequence[Segment]) -> list[LabelledSentence]:
    # The interviewer's own words must not count as the candidate covering an item.
    return [LabelledSentence(s.start, s.end, s.text, "", "other")
            for s in segments if s.speaker != INTERVIEWER]


class Coverage:
    """The rubric items the candidate has said, remembered per segment: a live transcript
    grows every few seconds and is asked about ten times a second, and matching all of
    a 45-minute transcript takes tens of milliseconds."""

    def __init__(self, rubric: Sequence[str]) -> None:
        self.rubric = list(dict.fromkeys(rubric))
        self._hits: dict[tuple[float, float, str], frozenset[str]] = {}

    def covered(self, segments: Sequence[Segment]) -> set[str]:
        found: set[str] = set()
        for said in _candidate_said(segments):
            key = (said.start, said.end, said.text)
            hits = self._hits.get(key)
            if hits is None:
                hits = self._hits[key] = frozenset(
                    r.id for r in cover_rubric([said], self.rubric) if r.covered)
            found |= hits
        return found


def choose_followup(segments: Sequence[Segment], *, stage: str, elapsed: float,
                    budget: float, rubric: Sequence[str], bank: Mapping[str, FollowupItem],
                    asked: Collection[str] = (), asked_items: Collection[str] = (),
                    prompt_id: str = "", covered: Collection[str] | None = None
                    ) -> Followup | None:
    """The follow-up to ask `elapsed` seconds into `stage` (of `budget` seconds), or None.

    `rubric` is the prompt's rubric; `asked` the questions already asked (their text) and
    `asked_items` the items already asked about; `covered`, when given, the items the
    candidate has said (from a Coverage), instead of matching `segments` again.
    """
    due = [i for i in dict.fromkeys(rubric)
           if i in bank and stage in bank[i].stages and i not in asked_items
           and elapsed >= bank[i].after * budget]
    if not due:
        return None
    if covered is None:
        covered = {r.id for r in cover_rubric(_candidate_said(segments), due) if r.covered}
    missing = [i for i in due if i not in covered]
    titles = {i.id: i.title for i in load_rubric_items()}
    for item_id in missing:
        question = next((q for q in bank[item_id].questions_for(prompt_id) if q not in asked),
                        None)
        if question is not None:
            reason = (f"{titles.get(item_id, item_id)} not mentioned by "
                      f"{format_clock(elapsed)} of {STAGE_TITLES.get(stage, stage)}")
            return Followup(item_id, question, reason)
    return None
