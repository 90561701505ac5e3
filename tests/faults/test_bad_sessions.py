"""Damaged session folders (missing files, a corrupt session.json, a half-written
transcript...) through `debrief sessions list/export` and through the window (Home ->
open): one clear message naming the file and the problem, no traceback, no hang, and
the other sessions untouched."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox
from sample_sessions import write_progression

from app.paths import sessions_dir

from .cli import assert_one_clear_error, debrief, snapshot

BAD = Path(__file__).resolve().parents[1] / "data" / "bad" / "sessions"


def _no_session_json(folder: Path) -> None:
    (folder / "session.json").unlink()


def _corrupt_session_json(folder: Path) -> None:
    shutil.copy(BAD / "corrupt-session.json", folder / "session.json")


def _wrong_types(folder: Path) -> None:
    shutil.copy(BAD / "wrong-types-session.json", folder / "session.json")


def _corrupt_analysis(folder: Path) -> None:
    path = folder / "analysis.json"
    path.write_bytes(path.read_bytes()[:300])


def _half_written_transcript(folder: Path) -> None:
    (folder / "analysis.json").unlink()
    shutil.copy(BAD / "half-transcript.json", folder / "transcript.json")


def _transcript_not_analysed(folder: Path) -> None:
    (folder / "analysis.json").unlink()
    shutil.copy(BAD / "good-transcript.json", folder / "transcript.json")


def _empty_folder(folder: Path) -> None:
    for path in folder.iterdir():
        path.unlink()


# (damage, words in the `sessions list` row, export error or None when export works,
#  dialog on opening it or None when the review opens)
CASES: dict[str, tuple[Callable[[Path], None], str | None, str | None, str | None]] = {
    "no-session-json": (_no_session_json, "DAMAGED: session.json file not found", None,
                        "session.json: file not found"),
    "corrupt-session-json": (_corrupt_session_json, "DAMAGED: session.json not valid JSON",
                             None, "session.json:1: not valid JSON"),
    "wrong-types": (_wrong_types, None, None, None),
    "corrupt-analysis": (_corrupt_analysis, "DAMAGED: analysis.json not valid JSON",
                         "analysis.json:", "analysis.json:"),
    "half-written-transcript": (_half_written_transcript, None, "transcript.json:1: not valid "
                                "JSON", "transcript.json:1: not valid JSON"),
    "transcript-not-analysed": (_transcript_not_analysed, None, "a transcript but no "
                                "analysis yet", None),
    "empty-folder": (_empty_folder, "DAMAGED: session.json file not found",
                     "not been analysed yet", "session.json: file not found"),
}


@pytest.fixture(autouse=True)
def private_trash(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))


@pytest.fixture(params=list(CASES))
def damaged(request) -> tuple[str, str, dict[str, str]]:
    """(case, the damaged session's id, a snapshot of the other sessions)."""
    folders = [f.path for f in write_progression(sessions_dir(), 3)]
    victim = folders[1]
    CASES[request.param][0](victim)
    others = {k: v for k, v in snapshot().items() if not k.startswith(victim.name)}
    return request.param, victim.name, others


def _others(victim: str) -> dict[str, str]:
    return {k: v for k, v in snapshot().items() if not k.startswith(victim)}


def test_cli_lists_and_exports_a_damaged_session(damaged, tmp_path):
    case, victim, others = damaged
    _, row_says, export_error, _ = CASES[case]
    listed = debrief("sessions", "list", "--json")
    assert listed.returncode == 0 and not listed.stderr.strip(), listed.stderr
    rows = {r["id"]: r for r in json.loads(listed.stdout)}
    assert len(rows) == 3  # the damaged one is listed, and so are the others
    table = debrief("sessions", "list")
    assert table.returncode == 0 and "Traceback" not in table.stderr
    row = next(line for line in table.stdout.splitlines() if line.startswith(victim))
    if row_says:
        assert row_says in row, row
    else:
        assert "DAMAGED" not in row, row
    out = tmp_path / "export.md"
    done = debrief("sessions", "export", victim, "--format", "md", "-o", str(out))
    if export_error:
        assert_one_clear_error(done, sessions_dir() / victim, export_error)
        assert not out.exists()
    else:
        assert done.returncode == 0, done.stderr
        assert out.read_text().startswith("#")
    for other in (r for r in rows if r != victim):
        good = debrief("sessions", "export", other, "--format", "html")
        assert good.returncode == 0 and "<html" in good.stdout.lower(), good.stderr
    assert _others(victim) == others


def test_window_opens_a_damaged_session_with_one_dialog(damaged, qtbot, monkeypatch):
    from app.ui.main_window import MainWindow

    case, victim, others = damaged
    dialog = CASES[case][3]
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning",
                        lambda parent, title, text, *a, **k: shown.append(text))
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    assert window.home.isVisible()
    window.home.openRequested.emit(victim)  # what a click on its row sends
    if dialog:
        assert len(shown) == 1, shown
        assert dialog in shown[0] and str(sessions_dir() / victim) in shown[0], shown
        assert window.pages.currentWidget() is window.home
    else:
        assert shown == []
        assert window.pages.currentWidget() is window.review
        if case == "transcript-not-analysed":  # analysed as it opened
            assert "idempotency" in window.review.transcript.toPlainText().lower()
    window.close()
    assert _others(victim) == others
