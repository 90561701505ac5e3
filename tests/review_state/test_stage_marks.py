"""Stage bounds set by hand: the edits keep the marks valid, the session's marks.json
takes them and the analysis follows, what the session came with is kept and comes back
on reset, and damaged files are named."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from review_state.review_factory import synthetic_session

from app.errors import DebriefError
from app.reports import render
from app.review_state.session_review import SessionReview
from app.review_state.stage_marks import (
    RECORDED_NAME,
    choices,
    move_start,
    remove_start,
    start_stage,
)
from app.sessions.finalize import analyze_session
from app.sessions.folder import SessionFolder
from app.sessions.store import SessionStore

MARKS = [("problem", 0.0), ("developer", 100.0), ("solution", 200.0), ("technical", 400.0)]
END = 600.0


# -- the edits ---------------------------------------------------------------------------


def test_a_skipped_stage_goes_in_between_its_neighbours():
    marks = [("problem", 0.0), ("developer", 100.0), ("technical", 400.0)]
    assert start_stage(marks, "solution", 250.0, END) == [
        ("problem", 0.0), ("developer", 100.0), ("solution", 250.0), ("technical", 400.0)]
    # The last stage can be followed by a later one.
    assert start_stage(MARKS, "metrics", 500.0, END)[-1] == ("metrics", 500.0)


def test_the_stage_around_or_after_a_moment_moves_its_start_there():
    assert start_stage(MARKS, "developer", 150.0, END)[1] == ("developer", 150.0)
    assert start_stage(MARKS, "solution", 150.0, END)[2] == ("solution", 150.0)


def test_stages_stay_in_interview_order_and_the_reason_says_why():
    with pytest.raises(DebriefError, match="“Technical considerations” comes after "
                                           "“Solution, API-first”"):
        start_stage(MARKS, "technical", 150.0, END)
    with pytest.raises(DebriefError, match="“Problem definition” comes before"):
        start_stage(MARKS, "problem", 150.0, END)
    at = {c.stage: c for c in choices(MARKS, 150.0, END)}
    assert {s for s, c in at.items() if c.allowed} == {"developer", "solution"}
    assert "comes after" in at["metrics"].reason


def test_stages_stay_inside_the_audio_and_no_shorter_than_a_second():
    with pytest.raises(DebriefError, match="past the end of the recording"):
        start_stage(MARKS, "metrics", END + 30, END)
    with pytest.raises(DebriefError, match="too close to the start"):
        start_stage(MARKS, "solution", 100.4, END)
    # A dragged start is clamped between its neighbours, a second from each.
    assert move_start(MARKS, 3, 9999.0, END)[3] == ("technical", END - 1.0)
    assert move_start(MARKS, 1, -50.0, END)[1] == ("developer", 1.0)
    assert move_start(MARKS, 2, 300.0, END)[2] == ("solution", 300.0)


def test_the_first_stage_always_starts_at_zero():
    with pytest.raises(DebriefError, match="first stage"):
        move_start(MARKS, 0, 50.0, END)
    with pytest.raises(DebriefError, match="is the first stage"):
        start_stage(MARKS, "problem", 50.0, END)
    # Removing the first stage hands its time to the next, which then starts at 0.
    assert remove_start(MARKS, 0)[0] == ("developer", 0.0)
    # A first stage that starts later leaves the opening to the stage before it.
    assert start_stage([("developer", 0.0), ("solution", 200.0)], "developer", 50.0,
                       END) == [("problem", 0.0), ("developer", 50.0), ("solution", 200.0)]


def test_removing_a_stage_gives_its_time_to_the_one_before():
    assert remove_start(MARKS, 2) == [("problem", 0.0), ("developer", 100.0),
                                      ("technical", 400.0)]
    # Between two spans of one stage (the clock went back), the two become one.
    returned = [("problem", 0.0), ("developer", 100.0), ("problem", 150.0),
                ("solution", 200.0)]
    assert remove_start(returned, 1) == [("problem", 0.0), ("solution", 200.0)]
    with pytest.raises(DebriefError, match="only stage"):
        remove_start([("problem", 0.0)], 0)


# -- on a session ----------------------------------------------------------------------
# The synthetic session: ten minutes, stages at 0, 48, 120, 330, 450 and 528 s.


@pytest.fixture
def session(tmp_path: Path) -> Path:
    return synthetic_session(tmp_path / "sessions", minutes=10, segments=100)


def _disk_marks(session: Path) -> list[tuple[str, float]]:
    return [(m["stage"], m["start"]) for m in
            json.loads((session / "marks.json").read_text())["stages"]]


def _spoken(review: SessionReview, stage: str) -> float:
    assert review.analysis is not None
    return sum(sum(s.categories.values()) for s in review.analysis.stages if s.stage == stage)


def test_setting_a_stage_saves_marks_keeps_the_recorded_ones_and_reanalyses(session: Path):
    recorded = (session / "marks.json").read_bytes()
    review = SessionReview(session)
    assert not review.stages_by_hand
    developer, solution = _spoken(review, "developer"), _spoken(review, "solution")
    overrun = next(s.overrun for s in review.analysis.stages if s.stage == "solution")

    review.start_stage("solution", 60.0)

    assert _disk_marks(session) == [("problem", 0.0), ("developer", 48.0),
                                    ("solution", 60.0), ("technical", 330.0),
                                    ("metrics", 450.0), ("wrapup", 528.0)]
    assert (session / RECORDED_NAME).read_bytes() == recorded
    assert review.stages_by_hand
    assert [(s.stage, s.start) for s in review.analysis.stages][1:3] == [
        ("developer", 48.0), ("solution", 60.0)]
    assert _spoken(review, "developer") < developer - 10
    assert _spoken(review, "solution") > solution + 10
    new_overrun = next(s.overrun for s in review.analysis.stages if s.stage == "solution")
    assert new_overrun == pytest.approx(overrun + 60.0)
    flag = next(f for f in review.analysis.findings if f.id == "stage-overrun:solution")
    assert flag.moments[0].time == pytest.approx(60.0 + review.analysis.stages[2].budget)
    # analysis.json itself is the new analysis (what the history and exports read).
    on_disk = json.loads((session / "analysis.json").read_text())
    assert [s["start"] for s in on_disk["stages"]][2] == 60.0
    again = SessionReview(session)
    assert again.stages_by_hand and again.analysis.stages[2].start == 60.0


def test_corrections_still_apply_after_the_stages_change(session: Path):
    review = SessionReview(session)
    i = next(n for n, s in enumerate(review.analysis.segments)
             if s.category != "ui" and 70 < s.start < 110)
    review.set_category(i, "ui")
    ui = review.analysis.categories["ui"]
    review.start_stage("solution", 60.0)
    seg = review.analysis.segments[i]
    assert (seg.stage, seg.category) == ("solution", "ui") and seg.corrected_from
    assert review.analysis.categories["ui"] == pytest.approx(ui)
    solution = next(s for s in review.analysis.stages if s.stage == "solution")
    assert solution.categories["ui"] >= seg.end - seg.start - 0.01


def test_reset_puts_back_the_recorded_marks_exactly(session: Path):
    recorded = (session / "marks.json").read_bytes()
    review = SessionReview(session)
    before = [(s.stage, s.start, dict(s.categories)) for s in review.analysis.stages]
    assert review.reset_stages_label() == "Reset to the recorded stages"
    review.start_stage("solution", 60.0)
    review.move_stage_start(3, 300.0)
    review.remove_stage(4)
    assert [s.stage for s in review.analysis.stages] == [
        "problem", "developer", "solution", "technical", "wrapup"]
    review.reset_stages()
    assert (session / "marks.json").read_bytes() == recorded
    assert not (session / RECORDED_NAME).exists() and not review.stages_by_hand
    after = [(s.stage, s.start, dict(s.categories)) for s in review.analysis.stages]
    assert [(s, t) for s, t, _c in after] == [(s, t) for s, t, _c in before]
    # (The factory analysed the transcript before it was saved to the millisecond.)
    assert [c for _s, _t, c in after] == [pytest.approx(c, abs=0.01) for _s, _t, c in before]


def test_each_edit_can_be_undone_in_turn_back_to_the_recorded_files(session: Path):
    recorded = (session / "marks.json").read_bytes()
    review = SessionReview(session)
    assert review.stage_undo is None and review.undo_stage_edit() is None
    original = [(s.stage, s.start) for s in review.analysis.stages]
    review.start_stage("solution", 60.0)
    after_start = [(s.stage, s.start) for s in review.analysis.stages]
    review.move_stage_start(3, 300.0)
    review.move_stage_start(3, 300.0)  # dropped where it was: nothing to undo
    review.remove_stage(4)
    review.reset_stages()
    assert review.stage_undo == "reset the stages"

    assert review.undo_stage_edit() == "reset the stages"
    assert [s.stage for s in review.analysis.stages] == [
        "problem", "developer", "solution", "technical", "wrapup"]
    assert review.undo_stage_edit() == "remove “Metrics”"
    assert review.undo_stage_edit() == "move “Technical considerations”"
    assert [(s.stage, s.start) for s in review.analysis.stages] == after_start
    assert _disk_marks(session) == after_start
    assert review.undo_stage_edit() == "start “Solution, API-first”"
    assert (session / "marks.json").read_bytes() == recorded
    assert not (session / RECORDED_NAME).exists() and not review.stages_by_hand
    assert [(s.stage, s.start) for s in review.analysis.stages] == original
    assert review.stage_undo is None


def test_estimated_stages_become_set_by_hand_and_reset_estimates_again(session: Path):
    (session / "marks.json").unlink()
    analyze_session(SessionFolder(session))
    review = SessionReview(session)
    assert review.analysis.stages_estimated
    assert review.reset_stages_label() == "Reset to the estimated stages"
    assert "Time per stage (estimated)" in render(review.analysis, "md")
    estimated = [(s.stage, s.start) for s in review.analysis.stages]
    # Start the second stage ten seconds later than the estimate put it.
    second, start = estimated[1]
    moved = round(start + 10.0, 3)
    review.start_stage(second, moved)
    assert not review.analysis.stages_estimated
    assert [(s.stage, s.start) for s in review.analysis.stages] == [
        estimated[0], (second, moved), *estimated[2:]]
    assert json.loads((session / RECORDED_NAME).read_text()) == {"stages": []}
    assert _disk_marks(session)[1] == (second, moved)
    md = render(review.analysis, "md")
    assert "## Time per stage\n" in md and "(estimated)" not in md
    review.reset_stages()
    assert not (session / "marks.json").exists()
    assert review.analysis.stages_estimated
    assert [(s.stage, s.start) for s in review.analysis.stages] == estimated


def test_the_history_index_follows_a_stage_change(session: Path, tmp_path: Path):
    store = SessionStore(session.parent, tmp_path / "index.sqlite3", product_of=lambda _: "")
    before = store.get(session.name)
    SessionReview(session).start_stage("solution", 60.0)
    after = next(s for s in store.list() if s.id == session.name)
    assert after.overrun_seconds == pytest.approx(before.overrun_seconds + 60.0)
    assert after.solution_ui_minutes != before.solution_ui_minutes


def test_a_damaged_marks_file_is_named_and_nothing_changes(session: Path):
    review = SessionReview(session)  # the review itself opens: it shows the analysis
    analysis = (session / "analysis.json").read_bytes()
    (session / "marks.json").write_text('{"stages": [{"stage": "lunch", "start": 0}]}')
    with pytest.raises(DebriefError, match=r"marks\.json: entry 1: unknown stage 'lunch'"):
        review.start_stage("solution", 60.0)
    assert not (session / RECORDED_NAME).exists()
    assert (session / "analysis.json").read_bytes() == analysis
    # A damaged copy of the recorded marks is named when resetting, and kept.
    (session / "marks.json").write_text('{"stages": [{"stage": "problem", "start": 0}]}')
    review.start_stage("solution", 60.0)
    (session / RECORDED_NAME).write_text("{not json")
    with pytest.raises(DebriefError, match=r"marks\.recorded\.json:1: not valid JSON"):
        review.reset_stages()
    assert (session / RECORDED_NAME).read_text() == "{not json"
    assert review.analysis.stages[2].start == 60.0


def test_a_failed_analysis_leaves_the_marks_as_they_were(session: Path):
    marks = (session / "marks.json").read_bytes()
    (session / "transcript.json").unlink()
    review = SessionReview(session)
    with pytest.raises(DebriefError, match=r"transcript\.json"):
        review.start_stage("solution", 60.0)
    assert (session / "marks.json").read_bytes() == marks
    assert not (session / RECORDED_NAME).exists()
    assert review.analysis.stages[2].start == 120.0
