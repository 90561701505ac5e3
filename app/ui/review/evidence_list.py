"""A list of judgements (rubric items, flags, pauses), each with the moments that back
it; clicking an entry asks to jump to its first moment, clicking a moment to that one."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QHeaderView, QTreeWidget, QTreeWidgetItem, QWidget

from app.analysis.model import Moment
from app.ui.icons import icon
from app.ui.review.colors import stamp

TIME_ROLE = Qt.ItemDataRole.UserRole + 1


class EvidenceList(QTreeWidget):
    """Emits `jumpRequested(seconds)` when an entry with evidence is activated."""

    jumpRequested = Signal(float)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setColumnCount(2)
        self.setHeaderHidden(True)
        self.setRootIsDecorated(True)
        self.setWordWrap(True)
        self.setUniformRowHeights(False)
        self.header().setStretchLastSection(False)
        self.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.header().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.itemClicked.connect(self._activated)
        self.itemActivated.connect(self._activated)

    def add_entry(self, mark: str, title: str, moments: list[Moment], detail: str = "",
                  color: QColor | None = None) -> QTreeWidgetItem:
        """An entry: the icon `mark` (check, cross, flag... from resources/icons; an
        icon, not a symbol a font may lack) and title; its moments become children."""
        # The detail sits under the title: several flags can share a title.
        text = title + (f"\n{detail}" if detail else "")
        item = QTreeWidgetItem(self, [text, stamp(moments[0].time) if moments else ""])
        if mark:
            item.setIcon(0, icon(mark))
        if color is not None:
            item.setForeground(0, color)
        tip = "<br>".join(x for x in (f"<b>{_esc(title)}</b>", _esc(detail)) if x)
        if moments:
            item.setData(0, TIME_ROLE, moments[0].time)
            tip += "<br><i>“" + _esc(moments[0].quote) + "”</i><br>Click to play from here"
            for m in moments:
                child = QTreeWidgetItem(item, [f"“{m.quote}”", stamp(m.time)])
                child.setData(0, TIME_ROLE, m.time)
                child.setToolTip(0, _esc(m.quote))
        item.setToolTip(0, tip)
        return item

    def entry_time(self, item: QTreeWidgetItem) -> float | None:
        value = item.data(0, TIME_ROLE)
        return float(value) if value is not None else None

    def _activated(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        t = self.entry_time(item)
        if t is not None:
            self.jumpRequested.emit(t)


def _esc(text: str) -> str:
    from html import escape

    return escape(text)
