"""A whole short rehearsal driven through the real widgets by key, on a fake clock."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import soundfile as sf
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from rehearsal.fakes import FakeClock, FakeRecorder, tiny_prompt

from app.marks import load_marks
from app.ui.rehearse import RehearsalScreen
from app.ui.rehearse.screen import CANCEL, DISCARD, KEEP


@pytest.fixture
def rig(qtbot):
    clock = FakeClock()
    chimes: list[str] = []
    screen = RehearsalScreen(tiny_prompt(), now=clock, chime=chimes.append,
                             recorder_factory=lambda path, device: FakeRecorder(
                                 path, device, clock=clock))
    qtbot.addWidget(screen)
    screen.resize(1400, 900)
    screen.show()
    return screen, clock, chimes


def key(screen: RehearsalScreen, k: Qt.Key, mods=Qt.KeyboardModifier.NoModifier) -> None:
    QTest.keyClick(screen.view, k, mods)


def test_a_whole_rehearsal_by_keys_saves_events_marks_and_audio(rig, qtbot):
    screen, clock, chimes = rig
    with qtbot.waitSignal(screen.recordingStarted) as started:
        screen.setup.start_button.click()
    folder = Path(started.args[0])
    view = screen.view
    assert screen.stack.currentWidget() is view
    clock.advance(10)
    screen.refresh()
    assert view.clock.time_label.text() == "0:20"
    assert "Problem definition" in view.clock.stage_label.text()
    assert view.clock.light_label.text() == "ON TIME"

    key(screen, Qt.Key.Key_Space)  # -> developer at 10 s
    clock.advance(5)
    key(screen, Qt.Key.Key_P)  # pause
    clock.advance(300)  # a long break counts to no stage
    screen.refresh()
    assert view.clock.light_label.text().startswith("PAUSED")
    assert "PAUSED" in view.rec_label.text()
    key(screen, Qt.Key.Key_P)  # resume
    clock.advance(5)  # developer: 10 s of its 18 s; the probe is due at 9 s
    screen.refresh()
    assert view.probe_card.isVisible()
    assert view.probe_card.text_label.text() == "How do they retry a failed send?"
    key(screen, Qt.Key.Key_D)
    assert not view.probe_card.isVisible()
    key(screen, Qt.Key.Key_M)
    assert view.status_label.text() == "Marked at 0:20"
    clock.advance(5)  # 15 s of 18: amber
    screen.refresh()
    assert view.clock.light_label.text() == "WRAP UP SOON"
    clock.advance(5)  # 20 s of 18: red, overtime shown
    screen.refresh()
    assert view.clock.time_label.text() == "+0:02"
    assert chimes == ["amber", "red"]
    assert "0:20 / 0:18  +0:02" in view.stages.row_text(1)

    key(screen, Qt.Key.Key_N)  # -> solution at 30 s
    clock.advance(0.3)
    key(screen, Qt.Key.Key_B)  # a correction straight away: back to developer
    clock.advance(4)
    key(screen, Qt.Key.Key_N)  # -> solution for real at 34.3 s
    clock.advance(6)
    with qtbot.waitSignal(screen.finished) as done:
        key(screen, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert done.args == [str(folder)]
    assert screen.stack.currentWidget() is screen.summary
    assert screen.summary.rows[1] == ("The developer and their needs", "0:18", "0:24", "+0:06")

    meta = json.loads((folder / "session.json").read_text())
    assert meta["state"] == "finished"
    assert meta["prompt_id"] == "sms-api" and meta["minutes"] == 45
    assert [p["stage"] for p in meta["plan"]] == ["problem", "developer", "solution"]
    assert meta["device"] == "Fake microphone" and meta["overflows"] == 0
    events = [(e["type"], e["stage"], e["audio"]) for e in meta["events"]]
    assert events == [
        ("start", "problem", 0.0), ("next", "developer", 10.0), ("pause", "developer", 15.0),
        ("resume", "developer", 15.0), ("probe", "developer", 20.0),
        ("probe_dismissed", "developer", 20.0), ("mark", "developer", 20.0),
        ("next", "solution", 30.0), ("previous", "developer", 30.3),
        ("next", "solution", 34.3), ("finish", "solution", 40.3)]
    assert meta["events"][-1]["wall"] == pytest.approx(340.3)
    assert load_marks(folder / "marks.json") == [
        ("problem", 0.0), ("developer", 10.0), ("solution", pytest.approx(34.3))]
    assert sf.info(str(folder / "audio.wav")).duration == pytest.approx(40.3, abs=0.01)
    assert meta["duration"] == pytest.approx(40.3, abs=0.01)


def test_shift_m_marks_at_once_and_the_note_typed_after_is_saved_with_it(rig, qtbot):
    screen, clock, _ = rig
    with qtbot.waitSignal(screen.recordingStarted) as started:
        screen.setup.start_button.click()
    folder, view = Path(started.args[0]), screen.view
    clock.advance(12)
    key(screen, Qt.Key.Key_M, Qt.KeyboardModifier.ShiftModifier)
    assert view.note_field.isVisible() and view.note_field.hasFocus()
    assert "0:12" in view.note_field.placeholderText()
    events = json.loads((folder / "session.json").read_text())["events"]
    assert events[-1] == {"type": "mark", "stage": "problem", "wall": 12.0, "audio": 12.0,
                          "note": ""}  # the moment is saved before the note is typed
    clock.advance(4)  # typing takes a while; the mark stays at 0:12
    QTest.keyClicks(view.note_field, "said POST twice, fix idempotency")  # spaces: no "next"
    QTest.keyClick(view.note_field, Qt.Key.Key_Return)
    assert not view.note_field.isVisible() and view.hasFocus()
    assert screen.rehearsal.clock.index == 0
    assert view.status_label.text() == "Note saved for the mark at 0:12"

    key(screen, Qt.Key.Key_M, Qt.KeyboardModifier.ShiftModifier)  # at 0:16, then Esc
    QTest.keyClicks(view.note_field, "never mind")
    QTest.keyClick(view.note_field, Qt.Key.Key_Escape)
    key(screen, Qt.Key.Key_Space)  # the keys work again
    assert screen.rehearsal.clock.index == 1

    meta = json.loads((folder / "session.json").read_text())
    marks = [(e["audio"], e["note"]) for e in meta["events"] if e["type"] == "mark"]
    assert marks == [(12.0, "said POST twice, fix idempotency"), (16.0, "")]
    assert [e["type"] for e in meta["events"]] == ["start", "mark", "mark", "next"]


def test_keys_do_nothing_before_start_and_help_lists_them(rig, qtbot, monkeypatch):
    screen, _, _ = rig
    shown = []
    monkeypatch.setattr(screen, "show_shortcuts", lambda: shown.append(True))
    screen.view.helpRequested.disconnect()
    screen.view.helpRequested.connect(screen.show_shortcuts)
    screen.start(tiny_prompt(), 45)
    key(screen, Qt.Key.Key_F1)
    assert shown == [True]
    for text in ("Space / N", "Ctrl+Enter", "P", "M / Shift+M", "B"):
        assert f"<b>{text}</b>" in screen.view.keys_label.text()


@pytest.mark.parametrize("answer", [KEEP, DISCARD, CANCEL])
def test_closing_mid_rehearsal_asks_and_keeps_by_default(rig, answer, home_trash):
    screen, clock, _ = rig
    assert screen.confirm_close() is True  # nothing running: nothing to ask
    screen.start(tiny_prompt(), 45)
    folder = screen.rehearsal.folder.path
    clock.advance(12)
    screen.ask_close = lambda: answer
    assert screen.confirm_close() is (answer != CANCEL)
    if answer == KEEP:
        meta = json.loads((folder / "session.json").read_text())
        assert meta["state"] == "finished" and meta["duration"] == pytest.approx(12.0)
    elif answer == DISCARD:  # into the trash, whole, as the home list's delete does
        assert not folder.exists()
        assert sf.info(str(home_trash / "files" / folder.name / "audio.wav")).duration == \
            pytest.approx(12.0)
    else:
        assert screen.in_progress and folder.exists()


def test_next_launch_offers_to_recover_an_unfinished_rehearsal(rig):
    from app.rehearsal.recovery import find_unfinished
    from app.ui.rehearse.recovery_dialog import offer_recovery

    screen, clock, _ = rig
    screen.start(tiny_prompt(), 45)
    clock.advance(3)
    screen.rehearsal.next_stage()  # session.json says "recording": then the app dies
    folder = str(screen.rehearsal.folder.path)
    asked = []
    assert offer_recovery(ask=lambda parent, n: asked.append(n) or False) == []
    assert offer_recovery(ask=lambda parent, n: True) == [folder]
    assert asked == [1] and find_unfinished() == []
    meta = json.loads((Path(folder) / "session.json").read_text())
    assert meta["state"] == "recovered"
