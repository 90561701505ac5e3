"""Prompt model: stage budgets and scaling between 45 and 60 minutes."""

from __future__ import annotations

import pytest

from app.prompts import load_library
from app.stages import STAGE_IDS


@pytest.fixture(scope="module")
def prompt():
    return load_library().get("messaging-scheduled-messages")


def test_stage_seconds_follow_the_plan(prompt) -> None:
    seconds = prompt.stage_seconds()
    assert list(seconds) == list(STAGE_IDS)
    assert seconds["problem"] == 5 * 60
    assert sum(seconds.values()) == pytest.approx(prompt.minutes * 60)


def test_scaling_45_to_60_stretches_every_stage_and_probe(prompt) -> None:
    assert prompt.minutes == 45
    longer = prompt.scaled(60)
    assert longer.minutes == 60
    assert sum(s.minutes for s in longer.stages) == pytest.approx(60, abs=1e-6)
    for short, long in zip(prompt.stages, longer.stages, strict=True):
        assert long.id == short.id and long.hint == short.hint
        assert long.minutes == pytest.approx(short.minutes * 60 / 45, abs=0.01)
    for short, long in zip(prompt.probes, longer.probes, strict=True):
        assert long.text == short.text and long.stage == short.stage
        if short.at is None:
            assert long.at is None
        else:
            assert long.at == pytest.approx(short.at * 60 / 45, abs=0.01)
    # Each probe still falls inside its (longer) stage.
    for probe in longer.probes:
        if probe.at is not None:
            assert probe.at <= longer.stage(probe.stage).minutes


def test_scaling_back_round_trips_and_same_length_is_identity(prompt) -> None:
    assert prompt.scaled(45) is prompt
    back = prompt.scaled(60).scaled(45)
    for a, b in zip(prompt.stages, back.stages, strict=True):
        assert b.minutes == pytest.approx(a.minutes, abs=0.02)
    sixty = load_library().get("voice-call-transcription")
    shorter = sixty.scaled(45)
    assert sum(shorter.stage_seconds().values()) == pytest.approx(45 * 60, abs=1e-6)
    with pytest.raises(ValueError):
        prompt.scaled(0)


def test_probes_for_orders_by_due_time(prompt) -> None:
    technical = prompt.probes_for("technical")
    assert len(technical) == 3
    assert [p.at for p in technical] == sorted(p.at for p in technical)
    assert prompt.probes_for("problem") == ()
