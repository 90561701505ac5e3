"""Bookmarks with notes: jump to one, add one at the playhead, edit a note, delete."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.review_state.bookmarks import Bookmark
from app.ui.review.colors import stamp


class BookmarksPanel(QWidget):
    """Intents: `jumpRequested(seconds)`, `addRequested()`, `noteEdited(index, note)`,
    `removeRequested(index)`; the screen applies them and calls set_bookmarks()."""

    jumpRequested = Signal(float)
    addRequested = Signal()
    noteEdited = Signal(int, str)
    removeRequested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        self.tree = QTreeWidget()
        self.tree.setColumnCount(2)
        self.tree.setHeaderLabels(["When", "Note (double-click to edit)"])
        self.tree.setRootIsDecorated(False)
        self.tree.itemClicked.connect(self._clicked)
        self.tree.itemChanged.connect(self._changed)
        lay.addWidget(self.tree, 1)
        row = QHBoxLayout()
        add = QPushButton("Add bookmark here")
        add.setToolTip("Bookmark the playback position (B)")
        add.clicked.connect(self.addRequested)
        self.remove = QPushButton("Delete")
        self.remove.clicked.connect(self._remove)
        row.addWidget(add)
        row.addWidget(self.remove)
        row.addStretch(1)
        lay.addLayout(row)
        self._filling = False

    def set_bookmarks(self, bookmarks: list[Bookmark]) -> None:
        self._filling = True
        self.tree.clear()
        for b in bookmarks:
            item = QTreeWidgetItem(self.tree, [stamp(b.time), b.note])
            item.setData(0, Qt.ItemDataRole.UserRole, b.time)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsEditable)
        self._filling = False

    def edit_note(self, index: int) -> None:
        """Open the note of bookmark `index` for typing."""
        item = self.tree.topLevelItem(index)
        if item is not None:
            self.tree.setCurrentItem(item)
            self.tree.editItem(item, 1)

    def _clicked(self, item: QTreeWidgetItem, _column: int) -> None:
        self.jumpRequested.emit(float(item.data(0, Qt.ItemDataRole.UserRole)))

    def _changed(self, item: QTreeWidgetItem, column: int) -> None:
        if not self._filling and column == 1:
            self.noteEdited.emit(self.tree.indexOfTopLevelItem(item), item.text(1))

    def _remove(self) -> None:
        item = self.tree.currentItem()
        if item is not None:
            self.removeRequested.emit(self.tree.indexOfTopLevelItem(item))
