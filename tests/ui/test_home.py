"""The home screen over real stored sessions: list, sort, filter, rename, notes,
delete and undo, open, trends and the side-by-side comparison."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit

from app.analysis.model import Analysis
from app.sessions.store import SessionStore
from app.sessions.trend_series import TREND_METRICS, compare_stages
from app.ui.home import HomeView
from app.ui.home.session_model import DATE, FLAGS, ID_ROLE, PLATFORM, PRODUCT, TITLE


@pytest.fixture
def home(qtbot, stored: list[Path]) -> HomeView:
    view = HomeView(SessionStore(), prompts=lambda: [])
    qtbot.addWidget(view)
    view.resize(1300, 760)
    view.show()
    qtbot.waitExposed(view)
    return view


def shown_ids(home: HomeView) -> list[str]:
    proxy = home.list.proxy
    return [proxy.data(proxy.index(r, 0), ID_ROLE) for r in range(proxy.rowCount())]


def cell(home: HomeView, row: int, col: int) -> str:
    proxy = home.list.proxy
    return proxy.data(proxy.index(row, col))


def click_header(qtbot, home: HomeView, col: int) -> None:
    header = home.list.view.horizontalHeader()
    x = header.sectionViewportPosition(col) + header.sectionSize(col) // 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton,
                     pos=header.viewport().rect().center().__class__(x, 5))


def analysis_of(path: Path) -> Analysis:
    return Analysis.from_dict(json.loads((path / "analysis.json").read_text()))


def test_lists_every_session_newest_first(home: HomeView, stored: list[Path]):
    assert shown_ids(home) == [p.name for p in reversed(stored)]
    newest = analysis_of(stored[-1])
    assert cell(home, 0, PLATFORM) == f"{newest.platform_share:.0%}"
    assert cell(home, 0, FLAGS) == str(len(newest.flags))
    assert "8 rehearsals kept" in home.subtitle.text()


def test_sort_by_clicking_headers(qtbot, home: HomeView, stored: list[Path]):
    share = {p.name: analysis_of(p).platform_share for p in stored}
    click_header(qtbot, home, PLATFORM)
    first = shown_ids(home)
    assert first in (sorted(share, key=share.get), sorted(share, key=share.get, reverse=True))
    click_header(qtbot, home, PLATFORM)
    assert shown_ids(home) == list(reversed(first))
    click_header(qtbot, home, TITLE)
    titles = [cell(home, r, TITLE) for r in range(8)]
    assert titles in (sorted(titles, key=str.casefold),
                      sorted(titles, key=str.casefold, reverse=True))


def test_filter_by_product_prompt_and_text(qtbot, home: HomeView, stored: list[Path]):
    combo = home.list.product_filter
    combo.setCurrentIndex(combo.findData("Verify"))
    assert len(shown_ids(home)) == 2
    assert {cell(home, r, PRODUCT) for r in range(2)} == {"Verify"}
    # Trends follow the filter: two sessions, drawn from exactly those.
    assert len(home.trends.charts["platform_share"].points) == 2
    assert "Verify" in home.trends.heading.text()
    combo.setCurrentIndex(0)
    prompts = home.list.prompt_filter
    prompts.setCurrentIndex(prompts.findData("messaging-scheduled-messages"))
    assert len(shown_ids(home)) == 2
    prompts.setCurrentIndex(0)
    qtbot.keyClicks(home.list.search, "composing")
    assert [cell(home, r, TITLE) for r in range(len(shown_ids(home)))] == [
        "Design an API for composing recordings of video rooms"] * 2
    home.list.search.clear()
    assert len(shown_ids(home)) == 8


def test_rename_with_f2(qtbot, home: HomeView, stored: list[Path]):
    view = home.list.view
    home.list.select(stored[4].name)
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_F2)
    editor = view.focusWidget()
    assert isinstance(editor, QLineEdit)
    editor.selectAll()
    qtbot.keyClicks(editor, "Mock with Priya")
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # the delegate commits on the next loop turn
    qtbot.waitUntil(lambda: "title" in json.loads((stored[4] / "session.json").read_text()))
    meta = json.loads((stored[4] / "session.json").read_text())
    assert meta["title"] == "Mock with Priya"
    row = shown_ids(home).index(stored[4].name)
    assert cell(home, row, TITLE) == "Mock with Priya"
    assert SessionStore().get(stored[4].name).title == "Mock with Priya"


def test_notes(home: HomeView, stored: list[Path], monkeypatch: pytest.MonkeyPatch):
    home.list.select(stored[1].name)
    monkeypatch.setattr(home.list, "ask_notes", lambda title, current: "Lead with webhooks")
    home.list.notes_action.trigger()
    assert json.loads((stored[1] / "session.json").read_text())["notes"] == \
        "Lead with webhooks"
    row = shown_ids(home).index(stored[1].name)
    assert "Lead with webhooks" in home.list.proxy.data(home.list.proxy.index(row, TITLE),
                                                         Qt.ItemDataRole.ToolTipRole)


def test_delete_with_del_and_undo(qtbot, home: HomeView, stored: list[Path],
                                  home_trash: Path):
    victim = stored[3].name
    home.list.select(victim)
    home.list.view.setFocus()
    qtbot.keyClick(home.list.view, Qt.Key.Key_Delete)
    assert victim not in shown_ids(home) and len(shown_ids(home)) == 7
    assert not stored[3].exists() and (home_trash / "files" / victim).is_dir()
    assert home.list.undo_bar.isVisible() and "Deleted" in home.list.undo_bar.label.text()
    assert len(home.trends.charts["wpm"].points) == 7
    qtbot.mouseClick(home.list.undo_bar.button, Qt.MouseButton.LeftButton)
    assert stored[3].is_dir() and victim in shown_ids(home)
    assert not home.list.undo_bar.isVisible()
    assert home.list.selected_ids() == [victim]


def test_undo_bar_goes_away_by_itself(qtbot, home: HomeView, stored: list[Path]):
    home.list.undo_bar.timer.setInterval(50)
    home.list.select(stored[0].name)
    home.list.delete_action.trigger()
    assert home.list.undo_bar.isVisible()
    qtbot.waitUntil(lambda: not home.list.undo_bar.isVisible(), timeout=2000)
    assert not stored[0].exists()


def test_double_click_opens(qtbot, home: HomeView, stored: list[Path]):
    view = home.list.view
    rect = view.visualRect(home.list.proxy.index(2, TITLE))
    with qtbot.waitSignal(home.openRequested) as blocker:
        qtbot.mousePress(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        qtbot.mouseRelease(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert blocker.args == [shown_ids(home)[2]]


def test_start_button_asks_for_a_rehearsal(qtbot, home: HomeView):
    with qtbot.waitSignal(home.rehearseRequested):
        qtbot.mouseClick(home.start_button, Qt.MouseButton.LeftButton)


def test_damaged_session_is_shown_not_fatal(qtbot, stored: list[Path]):
    (stored[2] / "session.json").write_bytes(b"\x00\xff garbage")
    view = HomeView(SessionStore(), prompts=lambda: [])
    qtbot.addWidget(view)
    row = shown_ids(view).index(stored[2].name)
    assert "damaged" in cell(view, row, TITLE)
    tip = view.list.proxy.data(view.list.proxy.index(row, DATE), Qt.ItemDataRole.ToolTipRole)
    assert "session.json is not UTF-8 text" in tip
    assert len(view.trends.charts["platform_share"].points) == 7


def test_trends_plot_the_summaries_numbers(home: HomeView, stored: list[Path]):
    analyses = [analysis_of(p) for p in stored]  # oldest first, as the charts run
    expected = {
        "platform_share": [100 * a.platform_share for a in analyses],
        "solution_ui_minutes": [next(s for s in a.stages if s.stage == "solution")
                                .categories["ui"] / 60 for a in analyses],
        "rubric_coverage": [100 * sum(r.covered for r in a.rubric) / len(a.rubric)
                            for a in analyses],
        "overrun_minutes": [sum(s.overrun for s in a.stages) / 60 for a in analyses],
        "wpm": [a.delivery.words_per_minute for a in analyses],
        "fillers_per_minute": [a.delivery.fillers_per_minute for a in analyses],
    }
    assert set(expected) == {m.key for m in TREND_METRICS}
    for key, values in expected.items():
        chart = home.trends.charts[key]
        assert [p.session_id for p in chart.points] == [p.name for p in stored]
        assert [p.value for p in chart.points] == pytest.approx(values), key
        # Drawn where the numbers say: higher values sit higher on screen.
        ys = [pt.y() for pt in chart.positions()]
        hi, lo = values.index(max(values)), values.index(min(values))
        assert ys[hi] < ys[lo]
    # The example progression improves: platform share up, fillers down.
    assert home.trends.charts["platform_share"].change() > 0
    assert home.trends.charts["fillers_per_minute"].change() < 0
    assert home.trends.charts["platform_share"].grab().width() > 0
    home.list.select(stored[2].name)
    assert {c.highlighted for c in home.trends.charts.values()} == {stored[2].name}


def test_compare_two_sessions_of_a_prompt(qtbot, home: HomeView, stored: list[Path]):
    a, b = stored[0], stored[4]  # both "scheduled messages" in the progression
    dialog = home.compare(b.name, a.name)
    qtbot.addWidget(dialog)
    view = dialog.view
    assert view.pick_a.currentData() == a.name and view.pick_b.currentData() == b.name
    rows = compare_stages(analysis_of(a), analysis_of(b))
    table = view.table
    assert table.columnCount() == 7
    assert [table.horizontalHeaderItem(c).text() for c in range(7)][-1] == "Total"
    solution = [r.stage for r in rows].index("solution")
    assert table.item(1, solution).text() == f"{rows[solution].a.actual / 60:.1f}"
    assert table.item(2, solution).text() == f"{rows[solution].b.actual / 60:.1f}"
    ui_a = table.item(3, solution).text()
    assert ui_a == f"{rows[solution].a.categories['ui'] / 60:.1f}"
    assert float(ui_a) > float(table.item(4, solution).text())  # UI time fell
    # Switching B re-renders from that session.
    view.pick_b.setCurrentIndex(view.pick_b.findData(a.name))
    assert table.item(1, solution).text() == table.item(2, solution).text()


def test_compare_button_needs_two_of_one_prompt(qtbot, home: HomeView, stored: list[Path]):
    sel = home.list.view.selectionModel()
    from PySide6.QtCore import QItemSelectionModel
    flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
    ids = shown_ids(home)
    sel.clearSelection()
    for sid in (stored[0].name, stored[1].name):
        sel.select(home.list.proxy.index(ids.index(sid), 0), flags)
    assert not home.compare_button.isEnabled()
    sel.clearSelection()
    for sid in (stored[0].name, stored[4].name):
        sel.select(home.list.proxy.index(ids.index(sid), 0), flags)
    assert home.compare_button.isEnabled()
    QApplication.processEvents()
