"""Score an analysis against labelled truth: accuracy, macro-F1 and the share of
spoken time per category.

Each truth sentence takes the category that covers most of its time span in the
analysis (no overlap counts as wrong). Macro-F1 is over the categories present in
the truth or the analysis, so a script with no webhooks talk, answered with no
webhooks label, is not penalised for it.
"""

from __future__ import annotations

from typing import Any

LABELS = ("ui", "api", "webhooks", "tradeoffs", "other")


def _overlap(a0: float, a1: float, b0: float, b1: float) -> float:
    return max(0.0, min(a1, b1) - max(a0, b0))


def predicted(truth: dict[str, Any], analysis: dict[str, Any]) -> list[str | None]:
    """The category the analysis gives each truth sentence, in order."""
    out: list[str | None] = []
    for s in truth["sentences"]:
        cover: dict[str, float] = {}
        for g in analysis["segments"]:
            o = _overlap(s["start"], s["end"], float(g["start"]), float(g["end"]))
            if o > 0:
                cover[g["category"]] = cover.get(g["category"], 0.0) + o
        out.append(max(cover, key=cover.__getitem__) if cover else None)
    return out


def score(truth: dict[str, Any], analysis: dict[str, Any]) -> dict[str, Any]:
    """{"accuracy", "macro_f1", "f1", "shares", "max_share_gap_pp"} of `analysis`."""
    sentences = truth["sentences"]
    pairs = [(s["label"], p, s["end"] - s["start"])
             for s, p in zip(sentences, predicted(truth, analysis), strict=True)]
    f1s: dict[str, float] = {}
    used: list[float] = []
    for lab in LABELS:
        tp = sum(t == lab and p == lab for t, p, _ in pairs)
        fp = sum(t != lab and p == lab for t, p, _ in pairs)
        fn = sum(t == lab and p != lab for t, p, _ in pairs)
        f1s[lab] = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
        if tp + fp + fn:
            used.append(f1s[lab])
    t_time = dict.fromkeys(LABELS, 0.0)
    for t, _, d in pairs:
        t_time[t] += d
    p_time = dict.fromkeys(LABELS, 0.0)
    for g in analysis["segments"]:
        if g["category"] in p_time:
            p_time[g["category"]] += float(g["end"]) - float(g["start"])
    tt, pt = sum(t_time.values()) or 1.0, sum(p_time.values()) or 1.0
    shares = {lab: (t_time[lab] / tt, p_time[lab] / pt) for lab in LABELS}
    return {"accuracy": sum(t == p for t, p, _ in pairs) / len(pairs),
            "macro_f1": sum(used) / len(used), "f1": f1s, "shares": shares,
            "max_share_gap_pp": max(abs(a - b) for a, b in shares.values()) * 100}
