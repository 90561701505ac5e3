"""The user's category fixes: applied by segment start, totals and findings redone."""

from __future__ import annotations

import pytest

from app.analysis import analyze, apply_corrections
from app.errors import DebriefError

from .helpers import cues

TEXT = ["The dashboard shows a chart of every message.",
        "It has a big export button too.",
        "There's a GET endpoint for the same data."]


def test_a_correction_relabels_and_retotals_keeping_the_machine_label():
    a = analyze(cues(TEXT))
    seg = a.segments[1]
    assert seg.category == "ui"
    b = apply_corrections(a, {"segments": [{"start": seg.start + 0.03, "category": "api"}]})
    fixed = b.segments[1]
    assert fixed.category == "api" and fixed.corrected_from == "ui"
    assert fixed.cues == seg.cues
    length = seg.end - seg.start
    assert b.categories["ui"] == pytest.approx(a.categories["ui"] - length, abs=0.01)
    assert b.categories["api"] == pytest.approx(a.categories["api"] + length, abs=0.01)
    assert b.platform_share > a.platform_share
    # The original analysis is untouched.
    assert a.segments[1].category == "ui" and a.segments[1].corrected_from is None


def test_corrections_change_the_findings_that_depend_on_categories():
    a = analyze(cues(TEXT))
    assert a.ui_heavy and any(f.id == "ui-heavy" for f in a.flags)
    fixes = {"segments": [{"start": s.start, "category": "api"} for s in a.segments]}
    b = apply_corrections(analyze(cues(TEXT)), fixes)
    assert not b.ui_heavy
    assert not any(f.id == "ui-heavy" for f in b.flags)
    assert all(s.corrected_from for s in b.segments[:2])


def test_corrections_far_from_any_segment_are_ignored_and_bad_ones_refused():
    a = analyze(cues(TEXT))
    b = apply_corrections(a, {"segments": [{"start": 999.0, "category": "api"}]})
    assert [s.category for s in b.segments] == [s.category for s in a.segments]
    with pytest.raises(DebriefError, match="unknown category"):
        apply_corrections(a, {"segments": [{"start": 0.5, "category": "dashboards"}]})
    with pytest.raises(DebriefError):
        apply_corrections(a, {"nope": []})


def test_reapplying_starts_from_the_machine_label():
    a = analyze(cues(TEXT))
    start = a.segments[0].start
    b = apply_corrections(a, {"segments": [{"start": start, "category": "other"}]})
    c = apply_corrections(b, {"segments": []})
    assert c.segments[0].category == "ui" and c.segments[0].corrected_from is None
