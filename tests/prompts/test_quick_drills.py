"""The quick-drill bank: every rubric item has a warm-up, and a malformed file is one
clear message naming it and the drill."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.errors import DebriefError
from app.prompts.followups import load_followups
from app.prompts.quick_drills import MAX_SECONDS, MIN_SECONDS, load_quick_drills
from app.prompts.rubric import load_rubric


def test_the_bundled_bank_covers_every_rubric_item():
    drills = load_quick_drills()
    assert {d.item for d in drills} == set(load_rubric())
    assert len({d.id for d in drills}) == len(drills)
    bank = load_followups()
    for d in drills:
        assert MIN_SECONDS <= d.seconds <= MAX_SECONDS
        assert d.stage in bank[d.item].stages  # counted where the item is due
        assert d.question.endswith("?") or d.question.endswith("."), d.id
        assert 8 <= len(d.question.split()) <= 40, d.id  # a question said in one breath


GOOD = '[[drill]]\nid = "safe-retry"\nitem = "idempotency"\nseconds = 60\nquestion = "Why?"\n'


def _bank(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "quick_drills.toml"
    path.write_text(text)
    return path


def test_a_written_bank_loads_with_the_items_first_stage(tmp_path):
    (drill,) = load_quick_drills(_bank(tmp_path, GOOD))
    assert (drill.id, drill.item, drill.seconds) == ("safe-retry", "idempotency", 60)
    assert drill.stage == load_followups()["idempotency"].stages[0]
    assert drill.title == "Quick drill: Idempotency"


@pytest.mark.parametrize(("text", "message"), [
    ("", "has no [[drill]] entries"),
    ("[[drill]\n", "not valid TOML"),
    ("drill = [1]\n", "drill 1 is not a table"),
    (GOOD.replace('"safe-retry"', '"Safe Retry"'), "drill 1: id must be lowercase"),
    (GOOD + GOOD, "drill 'safe-retry' appears twice"),
    (GOOD.replace('"idempotency"', '"idempotence"'), "item must be a rubric item id"),
    (GOOD.replace('"Why?"', '"  "'), "question must be text"),
    (GOOD.replace("60", "300"), "seconds must be a whole number from 60 to 90"),
    (GOOD.replace("60", "true"), "seconds must be a whole number"),
    (GOOD + 'stage = "lunch"\n', "stage must be one of problem"),
    (GOOD + 'minutes = 1\n', "unknown key 'minutes'"),
])
def test_a_malformed_bank_names_the_file_and_the_fault(tmp_path, text, message):
    path = _bank(tmp_path, text)
    with pytest.raises(DebriefError) as caught:
        load_quick_drills(path)
    assert message in str(caught.value) and str(path) in str(caught.value)
