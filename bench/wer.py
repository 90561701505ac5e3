"""Word error rate, overall and on a vocabulary: how the benchmark measures the recognizer.

Text is compared after lower-casing and dropping punctuation ("Trade-off," and
"trade off" match). A vocabulary term counts as recognised when it appears in the
hypothesis as often as in the reference; extra appearances are invented text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass


def words(text: str) -> list[str]:
    """Lower-case words with punctuation dropped (keeps digits; "E.164" -> "e164")."""
    text = text.lower().replace("-", " ").replace("/", " ")
    text = re.sub(r"(?<=\w)[.](?=\w)", "", text)
    return re.sub(r"[^a-z0-9' ]+", " ", text).split()


def edit_distance(ref: Sequence[str], hyp: Sequence[str]) -> int:
    """Levenshtein distance over words (substitutions, insertions, deletions)."""
    prev = list(range(len(hyp) + 1))
    for i, r in enumerate(ref, 1):
        cur = [i] + [0] * len(hyp)
        for j, h in enumerate(hyp, 1):
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (r != h))
        prev = cur
    return prev[-1]


def wer(reference: str, hypothesis: str) -> float:
    """Word error rate of `hypothesis` against `reference`."""
    ref = words(reference)
    return edit_distance(ref, words(hypothesis)) / max(1, len(ref))


def _count(term: Sequence[str], text: Sequence[str]) -> int:
    n = len(term)
    return sum(1 for i in range(len(text) - n + 1) if list(text[i:i + n]) == list(term))


@dataclass
class TermScore:
    expected: int = 0  # occurrences in the references
    found: int = 0  # of those, heard
    invented: int = 0  # occurrences in the hypotheses beyond the references

    @property
    def error(self) -> float:
        """Fraction of the expected occurrences missed."""
        return 1 - self.found / self.expected if self.expected else 0.0


def term_score(reference: str, hypothesis: str, terms: Sequence[str],
               into: TermScore | None = None) -> TermScore:
    """Count how many occurrences of `terms` in the reference the hypothesis has."""
    score = into or TermScore()
    ref, hyp = words(reference), words(hypothesis)
    for term in {" ".join(words(t)) for t in terms if words(t)}:
        tw = term.split()
        want, got = _count(tw, ref), _count(tw, hyp)
        score.expected += want
        score.found += min(want, got)
        score.invented += max(0, got - want)
    return score
