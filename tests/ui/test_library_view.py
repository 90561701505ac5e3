"""The library screen: filters narrow the list, the detail shows the prompt, the button
asks to rehearse it."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from app.errors import DebriefError
from app.prompts import load_library
from app.ui.library_view import LibraryView


@pytest.fixture
def view(qtbot):
    widget = LibraryView(load_library())
    qtbot.addWidget(widget)
    widget.resize(1100, 720)
    widget.show()
    return widget


def _choose(combo, data) -> None:
    combo.setCurrentIndex(combo.findData(data))


def test_filtering_by_product_and_kind_narrows_the_list(view, qtbot) -> None:
    everything = view.visible_ids()
    assert len(everything) >= 14
    assert view.count_label.text() == f"{len(everything)} prompts"

    _choose(view.product_combo, "Voice")
    voice = view.visible_ids()
    assert 0 < len(voice) < len(everything)
    assert all(view._library.get(i).product == "Voice" for i in voice)
    assert view.count_label.text() == f"{len(voice)} of {len(everything)} prompts"

    _choose(view.kind_combo, "launch-feature")
    assert view.visible_ids() == ["voice-call-transcription"]
    assert view.current_prompt().id == "voice-call-transcription"

    _choose(view.kind_combo, "improve-devx")
    assert view.visible_ids() == []
    assert not view.rehearse_button.isEnabled()
    assert view.title_label.text() == "No prompt matches"

    _choose(view.product_combo, None)
    _choose(view.kind_combo, None)
    qtbot.keyClicks(view.search_box, "template approval")
    assert view.visible_ids() == ["whatsapp-template-approval"]
    assert view.rehearse_button.isEnabled()


def test_selecting_shows_text_stages_and_probes(view, qtbot) -> None:
    with qtbot.waitSignal(view.promptSelected) as signal:
        view.select("messaging-scheduled-messages")
    assert signal.args == ["messaging-scheduled-messages"]
    prompt = view._library.get("messaging-scheduled-messages")
    assert view.title_label.text() == prompt.title
    assert "Messaging" in view.meta_label.text() and "45 minutes" in view.meta_label.text()
    shown = view.detail.toPlainText()
    assert prompt.text[:80] in shown
    for stage in prompt.stages:
        assert stage.title in shown and stage.hint in shown
    for probe in prompt.probes:
        assert probe.text in shown
    # Probes sit under their stage's heading, in stage order.
    assert (shown.index("Interviewer probes") < shown.index("Technical considerations",
            shown.index("Interviewer probes")) <
            shown.index("How would developers manage concurrent requests"))
    assert "Idempotency" in shown  # rubric titles, not ids


def test_select_clears_filters_that_hide_the_prompt(view) -> None:
    _choose(view.product_combo, "Voice")
    view.select("segment-tracking-plan")
    assert view.current_prompt().id == "segment-tracking-plan"
    assert view.product_combo.currentData() is None
    assert view.prompt_list.currentItem().data(Qt.ItemDataRole.UserRole) == \
        "segment-tracking-plan"
    with pytest.raises(DebriefError):
        view.select("no-such-prompt")


def test_clicking_a_list_item_selects_it(view, qtbot) -> None:
    row = view.visible_ids().index("verify-fraud-guard")
    view.prompt_list.scrollToItem(view.prompt_list.item(row))
    rect = view.prompt_list.visualItemRect(view.prompt_list.item(row))
    with qtbot.waitSignal(view.promptSelected) as signal:
        qtbot.mouseClick(view.prompt_list.viewport(), Qt.MouseButton.LeftButton,
                         pos=rect.center())
    assert signal.args == ["verify-fraud-guard"]


def test_length_choice_scales_the_plan(view) -> None:
    view.select("messaging-scheduled-messages")
    assert view.minutes() == 45
    view.length_combo.setCurrentIndex(view.length_combo.findData(60))
    assert view.minutes() == 60
    assert view.current_prompt().minutes == 60
    assert "17.33" in view.detail.toPlainText()  # the 13-minute solution stage, scaled
    view.select("voice-call-transcription")  # a 60-minute prompt resets the length
    assert view.minutes() == 60


def test_rehearse_button_emits_the_selected_prompt(view, qtbot) -> None:
    view.select("verify-silent-network-auth")
    with qtbot.waitSignal(view.rehearseRequested) as signal:
        qtbot.mouseClick(view.rehearse_button, Qt.MouseButton.LeftButton)
    assert signal.args == ["verify-silent-network-auth"]
    assert "Rehearse this prompt" in view.rehearse_button.text()


def test_problems_in_prompt_files_are_mentioned(qtbot, data_dir) -> None:
    user = data_dir / "prompts"
    user.mkdir()
    (user / "broken.toml").write_text("id = ", encoding="utf-8")
    widget = LibraryView(load_library())
    qtbot.addWidget(widget)
    assert not widget.problems_label.isHidden()
    assert "1 problem" in widget.problems_label.text()
    assert "broken.toml:1" in widget.problems_label.toolTip()


def test_empty_library_and_own_length(qtbot, data_dir) -> None:
    from app.prompts import Library

    empty = LibraryView(Library())
    qtbot.addWidget(empty)
    assert empty.visible_ids() == [] and not empty.rehearse_button.isEnabled()

    library = load_library()
    source = library.get("messaging-scheduled-messages").source.read_text(encoding="utf-8")
    user = data_dir / "prompts"
    user.mkdir()
    short = source.replace("messaging-scheduled-messages", "short-one").replace(
        "minutes = 45", "minutes = 30").replace("minutes = 13", "minutes = 0.5").replace(
        "at = 10\n", "at = 0.4\n").replace("at = 5\n", "at = 0.2\n").replace(
        "at = 8\n", "at = 7\n")
    (user / "short.toml").write_text(short.replace("minutes = 10\n", "minutes = 7.5\n"),
                                     encoding="utf-8")
    library = load_library()
    assert library.problems == [], [str(p) for p in library.problems]
    empty.set_library(library)
    empty.select("short-one")
    assert empty.minutes() == 30
    assert empty.current_prompt().minutes == 30
