"""Train the sentence-label model (app/analysis/label_model.py) on corpus scripts.

Multinomial logistic regression with an L2 penalty, fitted by full-batch gradient
descent (Adam) in numpy: a few hundred sentences and a few thousand features take
about a second. Features seen in fewer than MIN_COUNT training sentences are dropped,
so the model cannot memorise one script's odd words.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from typing import Any

import numpy as np

from app.analysis.classifier import score_text
from app.analysis.label_model import LabelModel, features
from app.analysis.vocabulary import Vocabulary
from app.stages import CATEGORIES

MIN_COUNT = 2
L2 = 3e-3
STEPS = 300
RATE = 0.1
STAGES = True
# The odds of `other` are scaled by this after fitting. A misheard word takes evidence
# away from a sentence, and a sentence with too little left falls back on the most
# common label: from speech, designs drift to other. Chosen by nested
# leave-one-script-out over the spoken scripts (docs/labels-changelog.md); clean text
# keeps its figures.
OTHER_SCALE = 0.8


def samples(scripts: Sequence[dict[str, Any]], vocabulary: Vocabulary
            ) -> list[tuple[dict[str, float], str]]:
    """(features, label) for every sentence of the scripts, twice: with its stage, as
    when the stage clock's marks are known, and without, as when they are not."""
    out = []
    for script in scripts:
        for s in script["sentences"]:
            cues = score_text(s["text"], vocabulary)[0]
            out.append((features(s["text"], cues), s["label"]))
            if STAGES:
                out.append((features(s["text"], cues, s["stage"]), s["label"]))
    return out


def train(scripts: Sequence[dict[str, Any]], vocabulary: Vocabulary,
          l2: float = L2, steps: int = STEPS) -> LabelModel:
    """A model fitted to every sentence of `scripts`."""
    data = samples(scripts, vocabulary)
    # Each sentence is in `data` twice (with and without its stage): count sentences.
    counts = Counter(name for found, _ in data for name in found)
    names = sorted(n for n, c in counts.items()
                   if c >= MIN_COUNT * (1 + STAGES) or n.startswith(("cue:", "stage:")))
    index = {n: i for i, n in enumerate(names)}
    rows, cols, vals = [], [], []
    for row, (found, _) in enumerate(data):
        for name, value in found.items():
            if name in index:
                rows.append(row)
                cols.append(index[name])
                vals.append(value)
    x = _Sparse(np.array(rows), np.array(cols), np.array(vals), len(data), len(names))
    y = np.zeros((len(data), len(CATEGORIES)))
    y[np.arange(len(data)), [CATEGORIES.index(label) for _, label in data]] = 1.0
    w, b = _fit(x, y, l2, steps)
    b[CATEGORIES.index("other")] += math.log(OTHER_SCALE)
    weights = {n: tuple(round(float(v), 4) for v in w[i]) for n, i in index.items()
               if np.abs(w[i]).max() >= 1e-3}
    return LabelModel(CATEGORIES, tuple(round(float(v), 4) for v in b), weights)


class _Sparse:
    """A sentences x features matrix kept as (row, column, value) triples: each sentence
    has a few dozen of the thousands of features."""

    def __init__(self, rows: np.ndarray, cols: np.ndarray, vals: np.ndarray,
                 n: int, d: int) -> None:
        self.rows, self.cols, self.vals, self.shape = rows, cols, vals, (n, d)

    def dot(self, w: np.ndarray) -> np.ndarray:
        picked = w[self.cols] * self.vals[:, None]
        return np.stack([np.bincount(self.rows, picked[:, k], self.shape[0])
                         for k in range(w.shape[1])], axis=1)

    def t_dot(self, g: np.ndarray) -> np.ndarray:
        picked = g[self.rows] * self.vals[:, None]
        return np.stack([np.bincount(self.cols, picked[:, k], self.shape[1])
                         for k in range(g.shape[1])], axis=1)


def _fit(x: _Sparse, y: np.ndarray, l2: float, steps: int
         ) -> tuple[np.ndarray, np.ndarray]:
    n, d = x.shape
    w = np.zeros((d, y.shape[1]))
    b = np.zeros(y.shape[1])
    m = [np.zeros_like(w), np.zeros_like(b)]
    v = [np.zeros_like(w), np.zeros_like(b)]
    for t in range(1, steps + 1):
        z = x.dot(w) + b
        z -= z.max(axis=1, keepdims=True)
        p = np.exp(z)
        p /= p.sum(axis=1, keepdims=True)
        g = (p - y) / n
        grads = [x.t_dot(g) + l2 * w, g.sum(axis=0)]
        for k, (param, grad) in enumerate(zip((w, b), grads, strict=True)):
            m[k] = 0.9 * m[k] + 0.1 * grad
            v[k] = 0.999 * v[k] + 0.001 * grad * grad
            step = RATE * (m[k] / (1 - 0.9 ** t)) / (np.sqrt(v[k] / (1 - 0.999 ** t)) + 1e-8)
            param -= step
    return w, b
