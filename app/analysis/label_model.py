"""A small linear model that labels a sentence by its words, word pairs and cue weights.

The cue vocabulary names the words of each surface; what a sentence *does* with them
(design the API, or complain about today's API, or count its calls) shows in the words
around them: "today they", "I'd measure", "we could ... but". A multinomial logistic
regression over word and word-pair features, plus the cue weight per category, learns
that from the labelled corpus (tests/data/corpus). Its weights ship as
resources/label_model.json; bench/train_label_model.py rebuilds them.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from app.analysis.vocabulary import normalise
from app.errors import DebriefError
from app.paths import resources_dir

MODEL_FILE = "label_model.json"

# The recognizer's spellings of the interview's technical words, and a few ways of
# writing one thing, read as one word so they share what was learned.
_CANONICAL = [(re.compile(p), r) for p, r in (
    (r"\b(?:item|idem|i dem) poten\w*", "idempotency"),
    (r"\bidempoten\w*", "idempotency"),
    (r"\bweb hooks?\b", "webhook"),
    (r"\bcall backs?\b", "callback"),
    (r"\b(?:end|and) points?\b", "endpoint"),
    (r"\b(?:four twenty nine|four two nine|420i|4 29|for 29|42 nine)\b", "429"),
    (r"\bfour oh (one|three|four|nine)\b", r"40\1"),
    (r"\bback off\b", "backoff"),
    (r"\b(?:trade offs?|train off|tradeoffs)\b", "tradeoff"),
    (r"\bs d ks?\b", "sdk"),
    (r"\bgraph ql\b", "graphql"),
    (r"\bo auth\b", "oauth"),
)]
_STATUS = re.compile(r"^[2345]\d\d$")


def tokens(text: str) -> list[str]:
    """The sentence as the model reads it: normalised, canonical spellings, plurals
    folded ("endpoints" -> "endpoint"), status codes also as their class ("4xx")."""
    text = normalise(text)
    for pattern, replacement in _CANONICAL:
        text = pattern.sub(replacement, text)
    out = []
    for word in text.split():
        if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
            word = word[:-1]
        out.append(word)
        if _STATUS.match(word):
            out.append(word[0] + "xx")
    return out


def features(text: str, cue_scores: Mapping[str, float],
             stage: str | None = None) -> dict[str, float]:
    """Feature values of one sentence: words, word pairs, the cue weight per category
    (squashed, so three strong cues are not nine times one), and its stage when known,
    alone and with each cue weight: an endpoint named while framing the problem is
    today's pain, the same word in the technical stage designs (docs/labels.md)."""
    words = tokens(text)
    found: dict[str, float] = {}
    for w in words:
        found["w:" + w] = 1.0
    for a, b in zip(["<s>", *words], [*words, "</s>"], strict=True):
        found[f"b:{a} {b}"] = 1.0
    for category, value in cue_scores.items():
        if value > 0:
            found["cue:" + category] = math.log1p(value)
            if stage:
                found[f"cue:{category}@{stage}"] = math.log1p(value)
    if stage:
        found["stage:" + stage] = 1.0
    return found


@dataclass(frozen=True)
class LabelModel:
    """Weights per feature and category: score = bias + sum of value * weight."""

    labels: tuple[str, ...]
    bias: tuple[float, ...]
    weights: Mapping[str, tuple[float, ...]]

    def scores(self, found: Mapping[str, float]) -> dict[str, float]:
        """Probability of each label for a sentence's features."""
        totals = list(self.bias)
        for name, value in found.items():
            row = self.weights.get(name)
            if row is not None:
                for k, w in enumerate(row):
                    totals[k] += value * w
        top = max(totals)
        exp = [math.exp(t - top) for t in totals]
        norm = sum(exp)
        return {lab: e / norm for lab, e in zip(self.labels, exp, strict=True)}

    def evidence(self, found: Mapping[str, float], label: str, n: int = 3) -> list[str]:
        """The words that spoke most for `label` (the review shows them as cues)."""
        k = self.labels.index(label)
        pushes = []
        for name, value in found.items():
            row = self.weights.get(name)
            if row is not None and name[:2] in ("w:", "b:") and "<s>" not in name[2:] \
                    and "</s>" not in name:
                lead = value * (row[k] - max(w for j, w in enumerate(row) if j != k))
                if lead > 0:
                    pushes.append((lead, name[2:]))
        return [name for _, name in sorted(pushes, reverse=True)[:n]]

    def to_dict(self) -> dict[str, Any]:
        return {"labels": list(self.labels), "bias": list(self.bias),
                "weights": {k: list(v) for k, v in sorted(self.weights.items())}}


def model_from_dict(data: Mapping[str, Any]) -> LabelModel:
    """The model written by `to_dict` (resources/label_model.json)."""
    labels = tuple(data["labels"])
    return LabelModel(labels, tuple(float(b) for b in data["bias"]),
                      {k: tuple(float(x) for x in v) for k, v in data["weights"].items()})


def model_path() -> Path:
    return resources_dir() / MODEL_FILE


@lru_cache(maxsize=1)
def load_label_model() -> LabelModel:
    """The bundled model."""
    path = model_path()
    try:
        return model_from_dict(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise DebriefError(f"cannot read the label model ({exc})", path) from None
