"""One clock format everywhere: truncated like a clock, hours only from the hour."""

from app.timefmt import clock


def test_clock_truncates_and_grows_hours_only_when_needed():
    assert clock(59.6) == "0:59"
    assert clock(60) == "1:00"
    assert clock(3599.99) == "59:59"
    assert clock(3600) == "1:00:00"
    assert clock(7325.5) == "2:02:05"


def test_clock_signs():
    assert clock(100, signed=True) == "+1:40"
    assert clock(0, signed=True) == "0:00"
    assert clock(-5) == "-0:05"
    assert clock(-0.4) == "0:00"
