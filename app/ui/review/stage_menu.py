"""The stage menu for a moment of the recording: "Start <stage> here" for each stage
(greyed out, with the reason, where the stage cannot start), remove the stage around
that moment, reset to the stages the session came with, undo the last edit, and drill
the stage at that moment on its own. The timeline shows it on a right-click, the
transcript as a submenu; its actions only emit intents."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QMenu, QWidget

from app.review_state.session_review import SessionReview
from app.stages import STAGE_TITLES
from app.ui.review.colors import stamp


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:]


class StageMenu(QObject):
    """Builds the menu from a SessionReview; emits what the user picked."""

    startRequested = Signal(str, float)  # stage, seconds
    removeRequested = Signal(int)  # index into analysis.stages
    resetRequested = Signal()
    undoRequested = Signal()
    drillRequested = Signal(str, str)  # prompt id, stage: rehearse that stage alone

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.review: SessionReview | None = None

    def build(self, seconds: float, parent: QWidget, heading: bool = True) -> QMenu | None:
        """The menu for `seconds`; None when there is no analysis to edit."""
        r = self.review
        if r is None or r.analysis is None:
            return None
        stages = r.analysis.stages
        span = max((i for i, s in enumerate(stages) if s.start <= seconds), default=0)
        here = STAGE_TITLES.get(stages[span].stage, stages[span].stage)
        menu = QMenu(f"Stages at {stamp(seconds)}", parent)
        menu.setToolTipsVisible(True)
        if heading:
            menu.addSection(f"{stamp(seconds)} · in {here}")
        for choice in r.stage_choices(seconds):
            action = menu.addAction(f"Start “{STAGE_TITLES[choice.stage]}” here")
            action.setData(choice.stage)
            action.setEnabled(choice.allowed)
            if not choice.allowed:
                action.setToolTip(_sentence(choice.reason))
            action.triggered.connect(
                lambda _=False, s=choice.stage: self.startRequested.emit(s, seconds))
        menu.addSeparator()
        if len(stages) > 1:
            gets = stages[span - 1 if span else 1].stage
            remove = menu.addAction(f"Remove “{here}”")
            remove.setToolTip(f"Its time goes to “{STAGE_TITLES.get(gets, gets)}”")
            remove.setData("remove")
            remove.triggered.connect(lambda: self.removeRequested.emit(span))
        reset = menu.addAction(r.reset_stages_label())
        reset.setData("reset")
        reset.setEnabled(r.stages_by_hand)
        if not r.stages_by_hand:
            reset.setToolTip("The stages are as the session came; nothing to reset")
        reset.triggered.connect(self.resetRequested)
        if r.stage_undo is not None:
            undo = menu.addAction(f"Undo {r.stage_undo}")
            undo.setData("undo")
            undo.setShortcut(QKeySequence.StandardKey.Undo)
            undo.triggered.connect(self.undoRequested)
        menu.addSeparator()
        stage, prompt_id = stages[span].stage, r.meta.prompt_id or ""
        drill = menu.addAction(f"Drill “{here}” on its own…")
        drill.setData("drill")
        drill.setEnabled(bool(prompt_id))
        drill.setToolTip("Rehearse this stage alone: its budget, hint, probes and rubric items"
                         if prompt_id else "This session has no case prompt to drill")
        drill.triggered.connect(lambda: self.drillRequested.emit(prompt_id, stage))
        return menu
