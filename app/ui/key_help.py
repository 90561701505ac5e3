"""Every screen's keys, in one place: F1 or ? shows the ones of the screen in front,
and tooltips and menus quote the same keys.

The rehearsal screen's key bar (app/ui/rehearse/shortcuts.py) reads REHEARSAL too.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

Keys = tuple[tuple[str, str], ...]

REHEARSAL: Keys = (
    ("Space / N", "Next stage"),
    ("B", "Back a stage (a correction)"),
    ("P", "Pause / resume"),
    ("M / Shift+M", "Mark this moment (Shift: then type a note)"),
    ("D", "Dismiss the interviewer's question"),
    ("Ctrl+Enter", "Finish"),
    ("F1 / ?", "These shortcuts"),
)

EVERYWHERE: Keys = (
    ("Ctrl+1 … Ctrl+4", "Home, Prompts, Rehearse, Review"),
    ("Ctrl+,", "Settings"),
    ("F1 / ?", "The keys of the screen in front"),
)
HOME: Keys = (
    ("Enter / double-click", "Open the selected session's review"),
    ("F2", "Rename the selected session"),
    ("Delete", "Delete (to the trash; Undo brings it back)"),
    ("Right-click", "Open, rename, notes, compare, delete"),
)
PROMPTS: Keys = (
    ("Up / Down", "Choose a prompt"),
    ("Enter", "Rehearse the chosen prompt"),
)
REVIEW: Keys = (
    ("Space", "Play / pause"),
    ("Left / Right", "Back / forward 5 seconds"),
    ("B", "Bookmark the playback position"),
    ("S", "Stage menu at the playhead: start, move or remove a stage"),
    ("Ctrl+Z", "Take back the last stage edit"),
    ("Ctrl+F", "Search the transcript (Enter / Shift+Enter: next / previous)"),
    ("Click a word", "Play from there; right-click: its category and stage"),
)
SCREENS: dict[str, Keys] = {"Home": HOME, "Prompts": PROMPTS, "Rehearse": REHEARSAL,
                            "Review": REVIEW}


def keys_html(keys: Keys) -> str:
    """A two-column table of keys and what they do."""
    rows = "".join(f"<tr><td style='padding:3px 18px 3px 0'><b>{escape(k)}</b></td>"
                   f"<td>{escape(w)}</td></tr>" for k, w in keys)
    return f"<table>{rows}</table>"


class KeysDialog(QDialog):
    """The keys of one screen, then those that work everywhere."""

    def __init__(self, screen: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.screen_name = screen
        self.setWindowTitle(f"Keys: {screen}")
        body = (f"<h3>{escape(screen)}</h3>{keys_html(SCREENS.get(screen, ()))}"
                f"<h3>Everywhere</h3>{keys_html(EVERYWHERE)}")
        self.label = QLabel(body)
        self.label.setTextFormat(Qt.TextFormat.RichText)
        self.label.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.label)
        layout.addWidget(buttons)
