"""Setting stage bounds by hand in the real review screen, on a stored ten-minute session
(stages at 0, 48, 120, 330, 450 and 528 s): the timeline's menu and handles, the
transcript's stage submenu and the S key; the timeline, the per-stage chart and the
transcript's headings follow, marks.json on disk is right, and reset brings the
recorded stages back."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QMenu, QMessageBox
from review_state.review_factory import synthetic_session
from review_state.review_fixtures import show_active

from app.review_state.stage_marks import RECORDED_NAME
from app.ui.review.review_screen import ReviewScreen

SOLUTION = "Solution, API-first"
DEVELOPER = "The developer and their needs"


@pytest.fixture
def screen(qtbot, tmp_path: Path) -> ReviewScreen:
    view = ReviewScreen(synthetic_session(tmp_path / "sessions", minutes=10, segments=100))
    show_active(qtbot, view)
    return view


def _marks(screen: ReviewScreen) -> list[tuple[str, float]]:
    path = screen.review.folder.marks_path
    return [(m["stage"], m["start"]) for m in json.loads(path.read_text())["stages"]]


def _chart(screen: ReviewScreen) -> dict[str, float]:
    return {label: sum(cats.values()) for label, cats in screen.chart.rows()[1:]}


def _action(menu: QMenu, data: str):
    return next(a for a in menu.actions() if a.data() == data)


def _x_at(strip, seconds: float) -> int:
    return next(x for x in range(strip.width()) if strip.time_at(x) >= seconds)


def test_start_a_stage_from_the_timeline_menu_then_reset(qtbot, screen: ReviewScreen):
    strip = screen.timeline
    recorded = screen.review.folder.marks_path.read_bytes()
    chart = _chart(screen)
    x = _x_at(strip, 75.0)  # inside the developer stage
    t = strip.time_at(x)
    menu = strip.context_menu_at(x)
    # The stages that cannot start here are offered greyed out, with the reason.
    technical = _action(menu, "technical")
    assert not technical.isEnabled() and "comes after" in technical.toolTip()
    assert not _action(menu, "reset").isEnabled()

    with qtbot.waitSignal(screen.sessionChanged):
        _action(menu, "solution").trigger()

    assert _marks(screen)[2] == ("solution", round(t, 3))
    assert (screen.review.folder.path / RECORDED_NAME).read_bytes() == recorded
    assert strip.handle_x(2) == pytest.approx(x, abs=1)
    assert strip.handle_at(x, 12) == 2
    after = _chart(screen)
    assert after[SOLUTION] > chart[SOLUTION] + 10 and after[DEVELOPER] < chart[DEVELOPER] - 10
    assert "stages set by hand" in screen.summary.time_note.text()
    assert screen.status.text() == f"{SOLUTION} starts at 1:{int(t) - 60:02d}"
    # The transcript's headings moved: the segment after the new start is under Solution.
    first = next(i for i, s in enumerate(screen.review.analysis.segments)
                 if (s.start + s.end) / 2 >= t)
    text = screen.transcript.toPlainText()
    stamp = f"1:{int(screen.review.analysis.segments[first].start) - 60:02d}"
    assert text.index(SOLUTION) < text.index(stamp) and DEVELOPER in text[:text.index(stamp)]

    reset = _action(strip.context_menu_at(x), "reset")
    assert reset.isEnabled() and reset.text() == "Reset to the recorded stages"
    reset.trigger()
    assert screen.review.folder.marks_path.read_bytes() == recorded
    assert not (screen.review.folder.path / RECORDED_NAME).exists()
    assert _chart(screen) == pytest.approx(chart, abs=0.01)
    assert strip.handle_x(2) == pytest.approx(strip._x(120.0))
    assert "by hand" not in screen.summary.time_note.text()


def test_dragging_a_stage_handle_moves_its_start_and_escape_cancels(qtbot,
                                                                   screen: ReviewScreen):
    strip = screen.timeline
    x0 = round(strip.handle_x(2))  # the start of Solution, at 120 s
    x1 = _x_at(strip, 200.0)
    qtbot.mousePress(strip, Qt.MouseButton.LeftButton, pos=QPoint(x0, 12))
    qtbot.mouseMove(strip, QPoint(x1 + 400, 12))  # past Technical: held before it
    qtbot.keyClick(strip, Qt.Key.Key_Escape)
    qtbot.mouseRelease(strip, Qt.MouseButton.LeftButton, pos=QPoint(x1 + 400, 12))
    assert screen.review.analysis.stages[2].start == 120.0
    assert not (screen.review.folder.path / RECORDED_NAME).exists()

    chart = _chart(screen)
    qtbot.mousePress(strip, Qt.MouseButton.LeftButton, pos=QPoint(x0, 12))
    qtbot.mouseMove(strip, QPoint((x0 + x1) // 2, 12))
    qtbot.mouseMove(strip, QPoint(x1, 12))
    with qtbot.waitSignal(screen.sessionChanged):
        qtbot.mouseRelease(strip, Qt.MouseButton.LeftButton, pos=QPoint(x1, 12))
    t = strip.time_at(x1)
    assert screen.review.analysis.stages[2].start == pytest.approx(t, abs=1e-3)
    assert _marks(screen)[2] == ("solution", round(t, 3))
    assert _chart(screen)[DEVELOPER] > chart[DEVELOPER] + 10
    assert screen.player.position() == 0.0  # a drag is not a click: no seek


def test_ctrl_z_and_the_menu_undo_the_last_stage_edits(qtbot, screen: ReviewScreen):
    strip = screen.timeline
    recorded = screen.review.folder.marks_path.read_bytes()
    chart = _chart(screen)
    screen.transcript.setFocus()
    qtbot.keyClick(screen.transcript, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert screen.status.text() == "No stage edit to undo"
    assert "undo" not in [a.data() for a in strip.context_menu_at(10).actions()]

    x0, x1 = round(strip.handle_x(2)), _x_at(strip, 200.0)  # Solution: 120 s → 200 s
    qtbot.mousePress(strip, Qt.MouseButton.LeftButton, pos=QPoint(x0, 12))
    qtbot.mouseMove(strip, QPoint(x1, 12))
    qtbot.mouseRelease(strip, Qt.MouseButton.LeftButton, pos=QPoint(x1, 12))
    _action(strip.context_menu_at(_x_at(strip, 560.0)), "remove").trigger()
    assert [s.stage for s in screen.review.analysis.stages][-1] == "metrics"

    undo = _action(strip.context_menu_at(10), "undo")
    assert undo.text() == "Undo remove “Trade-offs and wrap-up”"
    with qtbot.waitSignal(screen.sessionChanged):
        undo.trigger()
    assert screen.status.text() == "Undone: remove “Trade-offs and wrap-up”"
    assert screen.review.analysis.stages[-1].stage == "wrapup"
    assert screen.review.analysis.stages[2].start == pytest.approx(strip.time_at(x1), abs=1e-3)

    qtbot.keyClick(screen.transcript, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert screen.status.text() == f"Undone: move “{SOLUTION}”"
    assert screen.review.folder.marks_path.read_bytes() == recorded
    assert not (screen.review.folder.path / RECORDED_NAME).exists()
    assert strip.handle_x(2) == pytest.approx(strip._x(120.0))
    assert _chart(screen) == pytest.approx(chart, abs=0.01)
    assert "by hand" not in screen.summary.time_note.text()


def test_the_transcript_submenu_and_the_s_key(qtbot, screen: ReviewScreen):
    analysis = screen.review.analysis
    seg = next(i for i, s in enumerate(analysis.segments) if s.start > 200 and len(s.words) > 2)
    word_time = analysis.segments[seg].words[2][0]
    menu = screen.transcript.category_menu(seg, word_time)
    stages = menu.actions()[-1].menu()
    assert stages.title().startswith("Stages at 3:")
    _action(stages, "technical").trigger()  # Technical starts at that word, not at 330 s
    assert _marks(screen)[3] == ("technical", round(word_time, 3))
    # A sentence belongs to the stage its middle falls in.
    segments = screen.review.analysis.segments
    assert (segments[seg - 1].stage, segments[seg].stage) == ("solution", "technical")

    screen.seek(500.0)
    screen.transcript.setFocus()
    qtbot.keyClick(screen.transcript, Qt.Key.Key_S)
    popup = QApplication.activePopupWidget()
    assert isinstance(popup, QMenu) and popup.title() == "Stages at 8:20"
    assert _action(popup, "wrapup").isEnabled() and _action(popup, "remove").isEnabled()
    popup.close()


def test_a_damaged_marks_file_is_one_message_naming_it(qtbot, screen: ReviewScreen,
                                                       monkeypatch: pytest.MonkeyPatch):
    said: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: said.append(text))
    screen.review.folder.marks_path.write_text("{oops")
    _action(screen.timeline.context_menu_at(_x_at(screen.timeline, 75.0)), "solution").trigger()
    assert len(said) == 1 and "marks.json:1: not valid JSON" in said[0]
    assert screen.review.analysis.stages[2].start == 120.0
    assert screen.timeline.handle_x(2) == pytest.approx(screen.timeline._x(120.0))
    assert screen.status.text() == ""


def test_the_stage_menu_offers_to_drill_the_stage_at_that_moment(qtbot, screen: ReviewScreen):
    strip = screen.timeline
    menu = strip.context_menu_at(_x_at(strip, 200.0))  # the solution stage runs 120-330 s
    drill = _action(menu, "drill")
    assert drill.isEnabled() and SOLUTION in drill.text()
    with qtbot.waitSignal(screen.stage_menu.drillRequested) as asked:
        drill.trigger()
    assert asked.args == [screen.review.meta.prompt_id, "solution"]
    # A session without a case prompt (a quick drill) has nothing to drill.
    meta = json.loads(screen.review.folder.meta_path.read_text())
    screen.review.folder.meta_path.write_text(json.dumps({**meta, "prompt_id": ""}))
    screen.open(screen.review.folder.path)
    drill = _action(strip.context_menu_at(_x_at(strip, 200.0)), "drill")
    assert not drill.isEnabled() and "no case prompt" in drill.toolTip()
