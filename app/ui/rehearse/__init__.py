"""The rehearsal screen: setup, the stage clock while talking, the summary after."""

from app.ui.rehearse.screen import RehearsalScreen

__all__ = ["RehearsalScreen"]
