"""Find in the transcript: a query field, previous/next and the hit count."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QToolButton, QWidget

from app.ui.icons import icon


class SearchBar(QWidget):
    """Emits `queryChanged(text)`, `stepped(forward)` and `closed()`."""

    queryChanged = Signal(str)
    stepped = Signal(bool)
    closed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 4)
        self.field = QLineEdit()
        self.field.setPlaceholderText("Find in transcript")
        self.field.setClearButtonEnabled(True)
        self.field.textChanged.connect(self.queryChanged)
        self.field.returnPressed.connect(lambda: self.stepped.emit(True))
        self.field.installEventFilter(self)
        self.count = QLabel("")
        self.count.setMinimumWidth(70)
        prev_btn = QToolButton(icon=icon("up"))
        prev_btn.setToolTip("Previous match (Shift+Enter)")
        prev_btn.clicked.connect(lambda: self.stepped.emit(False))
        next_btn = QToolButton(icon=icon("down"))
        next_btn.setToolTip("Next match (Enter)")
        next_btn.clicked.connect(lambda: self.stepped.emit(True))
        close_btn = QToolButton(icon=icon("close"))
        close_btn.setToolTip("Close (Esc)")
        close_btn.clicked.connect(self.close_bar)
        for w in (self.field, self.count, prev_btn, next_btn, close_btn):
            row.addWidget(w)

    def open_bar(self) -> None:
        self.show()
        self.field.setFocus()
        self.field.selectAll()

    def close_bar(self) -> None:
        self.hide()
        self.closed.emit()

    def set_count(self, current: int | None, total: int) -> None:
        if not self.field.text().strip():
            self.count.setText("")
        elif total == 0:
            self.count.setText("no match")
        else:
            self.count.setText(f"{(current or 0) + 1} of {total}")

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if obj is self.field and isinstance(event, QKeyEvent) \
                and event.type() == QEvent.Type.KeyPress:
            if event.key() == Qt.Key.Key_Escape:
                self.close_bar()
                return True
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and \
                    event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
                self.stepped.emit(False)
                return True
        return super().eventFilter(obj, event)
