"""Trend series never mix mocks and drills: mocks (with imports) are one series, each
drilled stage one, quick drills one; retakes are in none."""

from __future__ import annotations

from app.sessions.summary import SessionSummary
from app.sessions.trend_series import TREND_METRICS, series_key, trend_points, trend_series


def _row(n: int, kind: str, scope: str = "", share: float = 0.5) -> SessionSummary:
    return SessionSummary(id=f"s{n}", path="", started_at=f"2026-11-{n + 1:02d}T09:00",
                          kind=kind, scope=scope, analyzed=True, platform_share=share)


def test_each_kind_and_stage_is_its_own_series():
    rows = [_row(0, "mock"), _row(1, "import"), _row(2, "drill", "metrics"),
            _row(3, "drill", "solution"), _row(4, "quick", "solution"),
            _row(5, "retake", "solution")]
    assert [series_key(r) for r in rows] == ["mock", "mock", "drill:metrics",
                                             "drill:solution", "quick", None]
    # Drilled stages in interview order, whatever order the sessions came in.
    assert [(s.key, s.title) for s in trend_series(rows)] == [
        ("mock", "Full mocks"), ("drill:solution", "Drills of Solution, API-first"),
        ("drill:metrics", "Drills of Metrics"), ("quick", "Quick drills")]
    assert [s.key for s in trend_series([])] == ["mock"]  # always offered


def test_a_series_holds_only_its_sessions():
    rows = [_row(0, "mock", share=0.2), _row(1, "drill", "solution", 0.9),
            _row(2, "mock", share=0.4)]
    share = next(m for m in TREND_METRICS if m.key == "platform_share")
    mocks = trend_points([r for r in rows if series_key(r) == "mock"], share)
    assert [(p.session_id, p.value) for p in mocks] == [("s0", 20.0), ("s2", 40.0)]
