"""Retakes without a recording: what each finding offers to retake and asks, the
before/after of a take, its place beside its parent (listing, trash and undo), the
history's counts per rubric item, and the exports that carry the takes."""

from __future__ import annotations

import json

from retake_sessions import IDEMPOTENT, PROMPT, write_parent, write_take
from sample_sessions import SampleSpec, sample_analysis

from app.analysis.probes import AskedProbe
from app.cli import main
from app.interviewer.retake_offer import (
    ITEM,
    OVERRUN,
    PROBE,
    UI_HEAVY,
    offers_for,
    retake_plan,
)
from app.prompts import load_library
from app.prompts.followups import load_followups
from app.review_state import exports
from app.sessions.retake_stats import retake_stats
from app.sessions.retakes import retakes_of
from app.sessions.store import SessionStore

CONCURRENCY_PROBE = load_library().get(PROMPT).probes[2].text


def _offer(offers, what, key=None):
    return next(o for o in offers if o.what == what and (key is None or o.key == key))


def test_a_missed_item_asks_the_prompts_own_follow_up_and_never_one_already_asked():
    _, analysis = write_parent()
    bank = load_followups()["idempotency"]
    own, general = bank.questions_for(PROMPT)[0], bank.questions[0]
    offer = _offer(offers_for(analysis, PROMPT), ITEM, "idempotency")
    assert (offer.item, offer.stage, offer.question) == ("idempotency", "solution", own)
    again = _offer(offers_for(analysis, PROMPT, asked={own}), ITEM, "idempotency")
    assert again.question == general
    # A concurrency item is due in the technical stage, where it is asked about.
    assert _offer(offers_for(analysis, PROMPT), ITEM, "concurrency").stage == "technical"


def test_a_probe_not_addressed_is_asked_again_and_a_ui_heavy_stage_gets_a_platform_push():
    asked = [AskedProbe(16.0, CONCURRENCY_PROBE, "technical")]
    _, analysis = write_parent(asked=asked)
    probe = _offer(offers_for(analysis, PROMPT), PROBE)
    assert probe.question == CONCURRENCY_PROBE and probe.item == "concurrency"
    assert probe.key.startswith("probe-missed:")
    push = _offer(offers_for(analysis, PROMPT), UI_HEAVY)
    assert push.stage == "solution" and "call" in push.question and push.item == ""
    assert "UI" not in push.question and "0.4 min on screens" in push.why


def test_an_overrun_asks_for_the_same_stage_again_in_the_takes_length():
    analysis = sample_analysis(SampleSpec(overrun=120.0))
    offer = _offer(offers_for(analysis), OVERRUN)
    assert offer.stage == "solution"
    assert offer.asked(90) == ("Let's take solution, api-first again, in 90 seconds: the "
                               "same ground, only the points that matter most.")
    assert "in 2 minutes" in offer.asked(120)
    plan = retake_plan(offer, "parent-id", 500)  # clamped to the longest take
    assert plan.total_seconds == 120 and plan.kind == "retake" and plan.parent == "parent-id"
    assert [p.text for p in plan.probes] == [offer.asked(120)] and plan.probes[0].at == 0


def test_before_and_after_of_a_take_that_covers_the_item_newest_first():
    parent, analysis = write_parent()
    offer = _offer(offers_for(analysis, PROMPT), ITEM, "idempotency")
    write_take(parent, offer, ["I would make the console nicer."],
               started_at="2026-12-01T10:00:00+00:00")
    write_take(parent, offer, [IDEMPOTENT], seconds=60, started_at="2026-12-01T11:00:00+00:00")
    newest, older = retakes_of(parent)
    assert newest.started_at > older.started_at
    assert (newest.item, newest.budget, newest.question) == ("idempotency", 60.0,
                                                               offer.question)
    assert newest.before is not None and newest.after is not None
    assert not newest.before.covered and newest.fixed is True and older.fixed is False
    assert "idempotency key" in newest.after.words[0].quote
    assert newest.before.shares["ui"] == 1.0  # the parent's solution: all console
    assert newest.after.shares["api"] > 0.5 and newest.after.seconds > 3
    assert abs(newest.before.seconds - sum(
        s.length for s in analysis.stages if s.stage == "solution")) < 1e-6


def test_a_take_for_a_ui_heavy_stage_is_fixed_by_a_platform_answer():
    parent, analysis = write_parent()
    offer = _offer(offers_for(analysis, PROMPT), UI_HEAVY)
    write_take(parent, offer, ["The create call takes a send at timestamp and returns 202.",
                               "When it fires we POST a schedule sent event to their "
                               "status callback."])
    (take,) = retakes_of(parent)
    assert take.before is not None and not take.before.covered
    assert take.fixed is True and take.after is not None
    assert take.after.shares["ui"] == 0.0


def test_history_counts_misses_per_item_and_the_retakes_that_fixed_them():
    parent, analysis = write_parent()
    write_parent()  # a second mock missing the same items
    offer = _offer(offers_for(analysis, PROMPT), ITEM, "idempotency")
    write_take(parent, offer, ["We would show a nicer screen."])
    write_take(parent, offer, [IDEMPOTENT])
    stats = {s.id: s for s in retake_stats()}
    idem = stats["idempotency"]
    assert (idem.missed, idem.retaken, idem.fixed) == (2, 2, 1)
    assert stats["versioning"].retaken == 0 and stats["versioning"].missed == 2
    assert "tradeoffs" not in stats or stats["tradeoffs"].missed <= 2


def test_deleting_a_session_takes_its_retakes_to_the_trash_and_undo_brings_all_back():
    parent, analysis = write_parent()
    other, _ = write_parent()
    offer = _offer(offers_for(analysis, PROMPT), ITEM, "idempotency")
    takes = [write_take(parent, offer, [IDEMPOTENT]) for _ in range(2)]
    store = SessionStore()
    assert len(store.list()) == 4
    token = store.delete(parent.id)
    assert not parent.path.exists() and not any(t.path.exists() for t in takes)
    assert [s.id for s in store.list()] == [other.id]
    store.undo_delete(token)
    assert parent.path.exists() and all(t.path.exists() for t in takes)
    assert len(store.list()) == 4 and len(retakes_of(parent)) == 2


def test_exports_and_the_cli_carry_the_retakes(capsys):
    parent, analysis = write_parent()
    offer = _offer(offers_for(analysis, PROMPT), ITEM, "idempotency")
    take = write_take(parent, offer, [IDEMPOTENT])
    loaded, info = exports.load_session(parent)
    md = exports.render(loaded, "md", info)
    section = md.split("## Retakes", 1)[1].split("\n## ", 1)[0]
    assert offer.question in section and "**Item:** idempotency" in section
    assert "**Then:** not covered" in section and "**Now:** covered" in section
    assert "idempotency key in a header" in section and "API 100%" in section
    html = exports.render(loaded, "html", info)
    assert "<h2>Retakes</h2>" in html and "Now:</b> covered" in html
    data = json.loads(exports.render(loaded, "json", info))
    (entry,) = data["retakes"]
    assert (entry["id"], entry["item"], entry["fixed"]) == (take.id, "idempotency", True)
    assert entry["after"]["covered"] and not entry["before"]["covered"]
    assert "## Retakes" not in exports.render(*exports.load_session(take)[:1], "md")

    assert main(["sessions", "export", parent.id, "--format", "txt"]) == 0
    out = capsys.readouterr().out
    assert "Retakes\n-------" in out and offer.question in out
    assert main(["sessions", "list"]) == 0
    rows = capsys.readouterr().out.splitlines()
    row = next(r for r in rows if r.startswith(take.id))
    assert row.split()[1] == "retake"
    assert "Retake: Idempotency · of Design an API for scheduled messages" in row
