"""Label each sentence ui / api / webhooks / tradeoffs / other (docs/labels.md).

With the bundled vocabulary the learned model (label_model.py) decides, reading the
cue weights alongside the words around them, each sentence on its own: on held-apart
scripts carrying a topic over from the sentence before cost more than it won
(docs/labels-changelog.md). With a user's own vocabulary the user's cues decide, as
before: a cueless sentence continues the topic before it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from app.analysis.label_model import LabelModel, features, load_label_model
from app.analysis.vocabulary import Vocabulary, normalise, vocabulary_is_bundled
from app.stages import CATEGORIES

# Below this much cue weight a sentence has no topic of its own (one weak cue, say).
MIN_SCORE = 2.0
# Trade-off language frames a sentence: "webhooks versus polling" weighs two designs,
# so its trade-off cues count for more than the topic words it weighs.
TRADEOFF_FRAMING = 1.5
# A cueless sentence continues the previous topic only across a pause shorter than this,
# and only when it is short or the next sentence is back on that topic: a long sentence
# without a single cue (a story, a user's wish) has moved on.
CARRY_GAP = 5.0
CARRY_MAX_WORDS = 20
# ...unless it opens as the second half of the sentence before ("Because ...").
_CONTINUES = re.compile(r"^\W*(because|since|whereas|which|but|so that|and that's why)\b", re.I)
# A sentence part with a cue this strong speaks for the parts of the same sentence that
# have none.
CLEAR_SCORE = 3.0
# Saying the same cue twice in a sentence adds less than saying it once.
REPEAT_FACTOR = 0.5
# When weights tie, the more specific category wins (trade-offs already carry their
# framing weight, so they do not also win ties).
_PREFERENCE = {c: i for i, c in enumerate(("webhooks", "api", "ui", "tradeoffs", "other"))}


class Utterance(NamedTuple):
    """A sentence as the classifier reads it. Sentences with the same `group` came from
    one recognizer segment or subtitle cue (or one sentence cut by a pause)."""

    start: float
    end: float
    text: str
    group: int


@dataclass
class Label:
    category: str
    cues: list[str] = field(default_factory=list)
    scores: dict[str, float] = field(default_factory=dict)
    from_context: bool = False
    peak: float = 0.0  # the weight of the strongest single cue for `category`


def score_text(text: str, vocabulary: Vocabulary
               ) -> tuple[dict[str, float], dict[str, list[str]], dict[str, float]]:
    """Cue weight per category for one sentence, and the words that matched per category
    (as said, lower-cased: "endpoints" for the cue endpoint*), and the weight of the
    strongest single cue per category."""
    scores = dict.fromkeys(CATEGORIES, 0.0)
    found: dict[str, list[str]] = {c: [] for c in CATEGORIES}
    peak = dict.fromkeys(CATEGORIES, 0.0)
    seen: set[tuple[str, str]] = set()
    for hit in vocabulary.categories.hits(normalise(text)):
        cue = hit.cue
        key = (cue.category, cue.phrase)
        factor = REPEAT_FACTOR if key in seen else 1.0
        seen.add(key)
        scores[cue.category] += cue.weight * factor
        peak[cue.category] = max(peak[cue.category], cue.weight)
        if factor == 1.0 and hit.text not in found[cue.category]:
            found[cue.category].append(hit.text)
    scores["tradeoffs"] *= TRADEOFF_FRAMING
    return scores, found, peak


def _strongest(scores: dict[str, float]) -> str:
    return max(CATEGORIES, key=lambda c: (scores.get(c, 0.0), -_PREFERENCE[c]))


def label_text(text: str, vocabulary: Vocabulary) -> Label:
    """The label one sentence earns on its own; category "" when it has no clear cue."""
    scores, found, peak = score_text(text, vocabulary)
    best = _strongest(scores)
    if scores[best] < MIN_SCORE:
        return Label("", [], scores)
    return Label(best, found[best], scores, peak=peak[best])


BUNDLED = "bundled"


def label_by_model(text: str, vocabulary: Vocabulary, model: LabelModel,
                   stage: str | None = None) -> Label:
    """The model's label for one sentence (in `stage`, when the marks say); its cues are
    the vocabulary phrases found for that category, or else the words that spoke most
    for it."""
    scores, found, peak = score_text(text, vocabulary)
    feats = features(text, scores, stage)
    probs = model.scores(feats)
    best = max(probs, key=probs.__getitem__)
    cues = found.get(best) or model.evidence(feats, best)
    return Label(best, list(cues), probs, peak=peak.get(best, 0.0))


def classify(items: Sequence[Utterance], vocabulary: Vocabulary,
             model: LabelModel | str | None = BUNDLED,
             stages: Sequence[str] | None = None) -> list[Label]:
    """Labels for sentences in time order.

    `model` is the bundled model by default (used only with the bundled vocabulary,
    whose cue weights it was trained on), another LabelModel, or None for cues alone.
    `stages`, one per sentence when the stage marks are known, are evidence for it."""
    if model == BUNDLED:
        model = load_label_model() if vocabulary_is_bundled(vocabulary) else None
    if isinstance(model, LabelModel):
        return [label_by_model(u.text, vocabulary, model, stages[i] if stages else None)
                for i, u in enumerate(items)]
    own = [label_text(u.text, vocabulary) for u in items]
    _follow_clear_groupmates(items, own)
    for i, label in enumerate(own):
        if not label.category:
            inherited = _from_context(i, items, own)
            label.category, label.from_context = inherited or "other", bool(inherited)
    return own


def _follow_clear_groupmates(items: Sequence[Utterance],
                             own: list[Label]) -> None:
    """A fragment of a sentence cut by a pause, with no strong cue of its own, takes the
    label of a part of the same sentence that has one: the sentence is one thought
    ("...a trade-off here, the cold," / "cold start problem, users need...")."""
    originals = [(lab.category, lab.peak, lab.scores.get(lab.category, 0.0)) for lab in own]
    for i, label in enumerate(own):
        category, peak, total = originals[i]
        if not category or peak >= CLEAR_SCORE:
            continue
        # ...unless its own middling cues add up to more than the clear part's.
        mates = [j for j in range(len(items)) if j != i and items[j].group == items[i].group
                 and originals[j][1] >= CLEAR_SCORE and originals[j][2] >= total]
        if mates:
            nearest = min(mates, key=lambda j: abs(j - i))
            if originals[nearest][0] != label.category:
                label.category, label.cues = originals[nearest][0], []
                label.from_context = True


def _from_context(i: int, items: Sequence[Utterance],
                  own: list[Label]) -> str:
    """The topic a cueless sentence continues, or "" when it continues none."""
    # The rest of the same utterance speaks for a cueless part of it.
    group = items[i].group
    for step in (-1, 1):
        j = i + step
        while 0 <= j < len(items) and items[j].group == group:
            if own[j].category and not own[j].from_context:
                return own[j].category
            j += step
    if i == 0 or items[i].start - items[i - 1].end >= CARRY_GAP:
        return ""
    previous = own[i - 1].category
    following = next((x.category for x in own[i + 1:i + 3] if x.category), "")
    text = items[i].text
    short = len(text.split()) <= CARRY_MAX_WORDS
    # In a short sentence, a hint too weak to decide alone says which neighbour it
    # continues.
    hinted = [c for c in (previous, following)
              if c and own[i].scores.get(c, 0.0) > 0 and c == _strongest(own[i].scores)]
    if short and hinted:
        return hinted[0]
    if short or following == previous or _CONTINUES.match(text):
        return previous
    return ""
