"""The home list keeps drills apart: each row says its kind, a filter shows all, mocks,
drills or imports, retakes are not rows (they live in their parent's review), and the
trends chart mocks and each stage's drills as separate series."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from sample_sessions import write_sample_drill

from app.paths import sessions_dir
from app.sessions.store import SessionStore
from app.ui.home import HomeView
from app.ui.home.session_model import ID_ROLE, KIND, TITLE


@pytest.fixture
def kinds(stored: list[Path]) -> dict[str, str]:
    """The eight stored mocks, plus two solution drills, a metrics drill, a quick drill,
    an import and a retake: session id -> kind."""
    start = datetime(2026, 11, 1, 9, 0)
    folders = {
        "drill": [write_sample_drill(sessions_dir(), start + timedelta(days=d))
                  for d in (0, 2)],
        "metrics": [write_sample_drill(sessions_dir(), start + timedelta(days=3), "metrics",
                                       said=("We track adoption as active accounts.",))],
        "quick": [write_sample_drill(sessions_dir(), start + timedelta(days=4),
                                     quick="safe-retry-create")],
    }
    imported, retake = stored[0], stored[1]
    for path, extra in ((imported, {"kind": "import", "state": "imported"}),
                        (retake, {"kind": "retake", "scope": "solution",
                                  "parent": stored[2].name})):
        meta = json.loads((path / "session.json").read_text())
        (path / "session.json").write_text(json.dumps({**meta, **extra}))
    out = {p.name: "mock" for p in stored[2:]}
    out |= {imported.name: "import", retake.name: "retake"}
    out |= {f.path.name: "drill" for f in folders["drill"] + folders["metrics"]}
    out |= {f.path.name: "quick" for f in folders["quick"]}
    return out


@pytest.fixture
def home(qtbot, kinds) -> HomeView:
    view = HomeView(SessionStore(), prompts=lambda: [])
    qtbot.addWidget(view)
    view.resize(1300, 760)
    view.show()
    qtbot.waitExposed(view)
    return view


def rows(home: HomeView) -> dict[str, tuple[str, str]]:
    proxy = home.list.proxy
    return {proxy.data(proxy.index(r, 0), ID_ROLE):
            (proxy.data(proxy.index(r, KIND)), proxy.data(proxy.index(r, TITLE)))
            for r in range(proxy.rowCount())}


def test_each_row_says_its_kind_and_retakes_are_not_rows(home, kinds):
    shown = rows(home)
    assert set(shown) == {i for i, k in kinds.items() if k != "retake"}
    labels = {"mock": "Mock", "drill": "Drill", "quick": "Quick drill", "import": "Import"}
    for sid, (kind, _title) in shown.items():
        assert kind == labels[kinds[sid]]
    # The Kind column says it is a drill; the title says of which stage and prompt.
    drill_titles = [t for sid, (_, t) in shown.items() if kinds[sid] == "drill"]
    assert "Solution, API-first — Design an API for scheduled messages" in drill_titles
    assert "Metrics — Design an API for scheduled messages" in drill_titles
    assert [t for sid, (_, t) in shown.items() if kinds[sid] == "quick"] == ["Idempotency"]
    assert "11 rehearsals kept" in home.subtitle.text()  # the retake is not counted


@pytest.mark.parametrize(("label", "wanted"), [
    ("Mocks", {"mock"}), ("Drills", {"drill", "quick"}), ("Imports", {"import"}),
    ("All", {"mock", "drill", "quick", "import"})])
def test_the_kind_filter_shows_only_that_kind(home, kinds, label, wanted):
    combo = home.list.kind_filter
    combo.setCurrentIndex(combo.findText(label))
    shown = rows(home)
    assert {kinds[s] for s in shown} == wanted
    assert len(shown) == sum(1 for k in kinds.values() if k in wanted)


def test_trends_keep_mocks_and_each_stages_drills_apart(home, kinds):
    trends = home.trends
    combo = trends.series_combo
    titles = [combo.itemText(i) for i in range(combo.count())]
    assert titles == ["Full mocks", "Drills of Solution, API-first", "Drills of Metrics",
                      "Quick drills"]
    share = trends.charts["platform_share"]
    mocks = {p.session_id for p in share.points}
    assert mocks == {i for i, k in kinds.items() if k in ("mock", "import")}

    trends.show_series("drill:solution")
    solution = {p.session_id for p in share.points}
    assert len(solution) == 2 and all(kinds[s] == "drill" for s in solution)
    assert not solution & mocks
    assert {p.value for p in trends.charts["rubric_coverage"].points} != set()
    assert trends.charts["solution_ui_minutes"].isVisible()
    trends.show_series("drill:metrics")
    assert len(trends.charts["rubric_coverage"].points) == 1
    assert not trends.charts["solution_ui_minutes"].isVisible()  # no solution stage in it

    # Filtering the list to drills moves the trends onto drills, and back.
    trends.show_series("mock")
    home.list.kind_filter.setCurrentIndex(home.list.kind_filter.findText("Drills"))
    assert combo.currentData() == "drill:solution"
    home.list.kind_filter.setCurrentIndex(home.list.kind_filter.findText("Mocks"))
    assert combo.currentData() == "mock"
