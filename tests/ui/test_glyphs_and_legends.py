"""No text on screen relies on a symbol the system font may lack, and the review says
what its figures count where the user sees them."""

from __future__ import annotations

import io
import json
import tokenize
from pathlib import Path

from app.analysis.model import Analysis
from app.ui.icons import icon
from app.ui.review.colors import stamp
from app.ui.review.summary_band import SummaryBand
from app.ui.review.timeline_strip import TIMELINE_LEGEND

UI = Path(__file__).resolve().parents[2] / "app" / "ui"


def _risky(ch: str) -> bool:
    # Latin-1 and general punctuation (dashes, quotes, "…") are in every text font;
    # arrows, shapes, dingbats and technical symbols are not.
    return ord(ch) >= 0x100 and not 0x2000 <= ord(ch) <= 0x206F


def test_ui_strings_use_no_symbols_a_font_may_lack():
    found = []
    for path in sorted(UI.rglob("*.py")):
        for tok in tokenize.generate_tokens(io.StringIO(path.read_text()).readline):
            if tok.type == tokenize.STRING:
                found += [(path.name, tok.start[0], ch) for ch in tok.string if _risky(ch)]
    assert found == []


def test_the_icons_used_instead_are_shipped(qapp):
    for name in ("play", "pause", "back", "next", "stop", "flag", "star", "check", "cross",
                 "up", "down", "close", "silence"):
        assert not icon(name).pixmap(16, 16).isNull(), name


def test_total_time_says_it_ends_at_the_last_words_when_the_recording_runs_on(
        qtbot, stored):
    analysis = Analysis.from_dict(json.loads((stored[-1] / "analysis.json").read_text()))
    band = SummaryBand()
    qtbot.addWidget(band)
    band.set_analysis(analysis, 45 * 60, recording=analysis.duration + 17)
    assert "to the last words" in band.time_note.text()
    assert f"recording {stamp(analysis.duration + 17)}" in band.time_note.text()
    assert "spoken seconds" in band.time_value.toolTip()
    band.set_analysis(analysis, 45 * 60, recording=analysis.duration)
    assert "last words" not in band.time_note.text()


def test_the_timeline_legend_names_its_dashed_lines_and_the_plan(qtbot):
    for words in ("dashed line", "planned", "bookmarks", "not recorded"):
        assert words in TIMELINE_LEGEND
