"""The rehearsal's keys, in one place: the key bar and the help dialog read this list."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

SHORTCUTS: tuple[tuple[str, str], ...] = (
    ("Space / N", "Next stage"),
    ("B", "Back a stage (a correction)"),
    ("P", "Pause / resume"),
    ("M / Shift+M", "Mark this moment (Shift: then type a note)"),
    ("D", "Dismiss the interviewer's question"),
    ("Ctrl+Enter", "Finish"),
    ("F1 / ?", "These shortcuts"),
)


def key_bar_text() -> str:
    """The one-line reminder under the clock."""
    return "   ".join(f"<b>{k}</b> {what.split(' (')[0].lower()}" for k, what in SHORTCUTS)


class ShortcutsDialog(QDialog):
    """Every key of the rehearsal screen."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Rehearsal shortcuts")
        rows = "".join(f"<tr><td style='padding:4px 18px 4px 0'><b>{k}</b></td><td>{w}</td></tr>"
                       for k, w in SHORTCUTS)
        label = QLabel(f"<table style='font-size:18px'>{rows}</table>")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(buttons)
