"""The table of past sessions (retakes live in their parent's review, not here): sort by
any column, filter by text, kind, prompt or product area, rename in place (F2 or the
menu), notes, delete with an undo bar, open with a double-click or Enter."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.errors import DebriefError
from app.sessions.meta import RETAKE
from app.sessions.store import SessionStore
from app.sessions.summary import SessionSummary
from app.sessions.trash import Trashed
from app.ui.home.session_model import (
    DATE,
    ID_ROLE,
    KIND_FILTERS,
    TITLE,
    SessionFilterProxy,
    SessionTableModel,
)

UNDO_SECONDS = 10


class UndoBar(QFrame):
    """"Deleted …  [Undo]", shown for a few seconds after a delete."""

    undoRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("undoBar")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        row = QHBoxLayout(self)
        row.setContentsMargins(10, 4, 6, 4)
        self.label = QLabel()
        self.button = QPushButton("Undo")
        self.button.clicked.connect(self.undoRequested)
        row.addWidget(self.label, 1)
        row.addWidget(self.button)
        self.timer = QTimer(self, singleShot=True, interval=UNDO_SECONDS * 1000)
        self.timer.timeout.connect(self.hide)
        self.hide()

    def show_message(self, text: str) -> None:
        self.label.setText(text)
        self.show()
        self.timer.start()


class SessionList(QWidget):
    """The list of past sessions, editing them through a SessionStore."""

    openRequested = Signal(str)
    compareRequested = Signal(str, str)
    sessionsChanged = Signal()  # rows were renamed, deleted, restored or reloaded

    def __init__(self, store: SessionStore, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.model = SessionTableModel(self)
        self.model.renameRequested.connect(self.rename)
        self.proxy = SessionFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.deleted: list[Trashed] = []  # what the undo bar would restore
        self.last_error = ""

        self.search = QLineEdit(placeholderText="Search titles, prompts, notes")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(lambda t: self.proxy.set_filter(text=t))
        self.kind_filter = QComboBox()
        self.kind_filter.setToolTip("Show every session, or only full mocks, drills or imports")
        for label, kinds in KIND_FILTERS:
            self.kind_filter.addItem(label, kinds)
        self.kind_filter.currentIndexChanged.connect(
            lambda: self.proxy.set_filter(kinds=tuple(self.kind_filter.currentData() or ())))
        self.product_filter = QComboBox()
        self.product_filter.currentIndexChanged.connect(
            lambda: self.proxy.set_filter(product=self.product_filter.currentData() or ""))
        self.prompt_filter = QComboBox()
        self.prompt_filter.currentIndexChanged.connect(
            lambda: self.proxy.set_filter(prompt_id=self.prompt_filter.currentData() or ""))
        # The filters take a set share of the row whatever their longest entry, so the
        # search box keeps its width (a theme change re-measures the combo boxes).
        self.search.setMinimumWidth(180)
        for combo in (self.product_filter, self.prompt_filter):
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(12)
        filters = QHBoxLayout()
        filters.addWidget(self.search, 2)
        filters.addWidget(self.kind_filter)
        filters.addWidget(self.product_filter, 1)
        filters.addWidget(self.prompt_filter, 1)

        self.view = QTableView()
        self.view.setModel(self.proxy)
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(DATE, Qt.SortOrder.DescendingOrder)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        # Rename by F2 or the menu only: a click on a selected row (a double-click's
        # first half) must not start an edit, since a double-click opens the session.
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.EditKeyPressed)
        self.view.setAlternatingRowColors(True)
        self.view.setShowGrid(False)
        self.view.setWordWrap(False)
        self.view.verticalHeader().hide()
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(TITLE, QHeaderView.ResizeMode.Stretch)
        header.setHighlightSections(False)
        header.setResizeContentsPrecision(200)  # size columns from a sample, not every row
        # Double-click or Return, as the platform defines "activate".
        self.view.activated.connect(self._open_index)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._menu)

        self.open_action = self._action("Open", self.open_selected,
                                        QKeySequence(Qt.Key.Key_Return))
        self.rename_action = self._action("Rename", self.edit_title,
                                          QKeySequence(Qt.Key.Key_F2))
        self.notes_action = self._action("Notes…", self.edit_notes)
        self.compare_action = self._action("Compare the two", self.compare_selected)
        self.delete_action = self._action("Delete", self.delete_selected,
                                          QKeySequence(QKeySequence.StandardKey.Delete))

        self.undo_bar = UndoBar()
        self.undo_bar.undoRequested.connect(self.undo_delete)
        self.empty = QLabel("No rehearsals yet. Start one, or import a recording you made "
                            "elsewhere.")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.empty.setEnabled(False)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(filters)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.empty, 1)
        layout.addWidget(self.undo_bar)
        self.reload()

    def _action(self, text: str, slot: Any, key: QKeySequence | None = None) -> QAction:
        action = QAction(text, self.view)
        if key is not None:
            action.setShortcut(key)
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        action.triggered.connect(slot)
        self.view.addAction(action)
        return action

    # -- loading ---------------------------------------------------------------------

    def reload(self) -> None:
        """Read the store again (after a rehearsal, an import, an analysis)."""
        rows = [r for r in self.store.list() if r.kind != RETAKE]
        self.model.set_rows(rows)
        self._fill_filter(self.product_filter, "All product areas",
                          sorted({(r.product, r.product) for r in rows if r.product}))
        self._fill_filter(self.prompt_filter, "All prompts",
                          sorted({(r.prompt_title or r.prompt_id, r.prompt_id)
                                  for r in rows if r.prompt_id}))
        self.empty.setVisible(not rows)
        self.view.setVisible(bool(rows))
        self.sessionsChanged.emit()

    @staticmethod
    def _fill_filter(combo: QComboBox, everything: str, items: list[tuple[str, str]]) -> None:
        current = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(everything, "")
        for text, data in items:
            combo.addItem(text, data)
        combo.setCurrentIndex(max(0, combo.findData(current)))
        combo.blockSignals(False)

    # -- selection -------------------------------------------------------------------

    def selected_ids(self) -> list[str]:
        rows = self.view.selectionModel().selectedRows()
        return [self.proxy.data(i, ID_ROLE) for i in sorted(rows, key=lambda i: i.row())]

    def select(self, session_id: str) -> None:
        """Select (and scroll to) one session."""
        row = self.model.row_of(session_id)
        if row < 0:
            return
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        flags = (QItemSelectionModel.SelectionFlag.ClearAndSelect
                 | QItemSelectionModel.SelectionFlag.Rows)
        self.view.selectionModel().select(index, flags)
        self.view.setCurrentIndex(index)
        self.view.scrollTo(index)

    def summary(self, session_id: str) -> SessionSummary | None:
        row = self.model.row_of(session_id)
        return self.model.rows[row] if row >= 0 else None

    # -- intents ---------------------------------------------------------------------

    def _open_index(self, index: QModelIndex) -> None:
        sid = self.proxy.data(index, ID_ROLE)
        s = self.summary(sid)
        if s is not None and s.damaged:
            self._error(f"This session cannot be opened: {s.damaged}")
            return
        self.openRequested.emit(sid)

    def open_selected(self) -> None:
        ids = self.selected_ids()
        if ids:
            self._open_index(self.view.selectionModel().selectedRows()[0])

    def edit_title(self) -> None:
        index = self.view.currentIndex()
        if index.isValid():
            self.view.edit(index.siblingAtColumn(TITLE))

    def rename(self, session_id: str, title: str) -> None:
        try:
            self.model.update_row(self.store.rename(session_id, title))
        except DebriefError as exc:
            self._error(str(exc))
            return
        self.sessionsChanged.emit()

    def ask_notes(self, title: str, current: str) -> str | None:
        """The notes the user typed, or None if they cancelled."""
        text, ok = QInputDialog.getMultiLineText(self, "Notes", f"Notes on “{title}”:",
                                                 current)
        return text if ok else None

    def edit_notes(self) -> None:
        ids = self.selected_ids()
        s = self.summary(ids[0]) if ids else None
        if s is None or s.damaged:
            return
        text = self.ask_notes(s.title, s.notes)
        if text is not None:
            self.set_notes(s.id, text)

    def set_notes(self, session_id: str, text: str) -> None:
        try:
            self.model.update_row(self.store.set_notes(session_id, text))
        except DebriefError as exc:
            self._error(str(exc))

    def compare_selected(self) -> None:
        ids = self.selected_ids()
        if len(ids) == 2:
            self.compareRequested.emit(ids[0], ids[1])

    def delete_selected(self) -> None:
        """Move the selected sessions to the trash; the undo bar can bring them back."""
        ids = self.selected_ids()
        if not ids:
            return
        titles = [s.title for i in ids if (s := self.summary(i))]
        done: list[Trashed] = []
        for sid in ids:
            try:
                done.append(self.store.delete(sid))
            except DebriefError as exc:
                self._error(str(exc))
        if not done:
            return
        self.deleted = done
        what = f"“{titles[0]}”" if len(done) == 1 else f"{len(done)} sessions"
        self.undo_bar.show_message(f"Deleted {what}.")
        self.reload()

    def offer_undo(self, tokens: list[Trashed], text: str) -> None:
        """Show the undo bar for sessions trashed elsewhere (a take discarded on closing)."""
        self.deleted = list(tokens)
        self.undo_bar.show_message(text)

    def undo_delete(self) -> None:
        """Bring back what the last delete removed."""
        restored = []
        for token in self.deleted:
            try:
                restored.append(self.store.undo_delete(token).id)
            except DebriefError as exc:
                self._error(str(exc))
        self.deleted = []
        self.undo_bar.hide()
        self.reload()
        for sid in restored[:1]:
            self.select(sid)

    def _menu(self, pos: Any) -> None:
        ids = self.selected_ids()
        if not ids:
            return
        one = len(ids) == 1
        self.open_action.setEnabled(one)
        self.rename_action.setEnabled(one)
        self.notes_action.setEnabled(one)
        a, b = (self.summary(i) for i in ids[:2]) if len(ids) == 2 else (None, None)
        self.compare_action.setEnabled(bool(a and b and a.prompt_id == b.prompt_id
                                            and a.analyzed and b.analyzed))
        menu = QMenu(self)
        for action in (self.open_action, self.rename_action, self.notes_action,
                       self.compare_action):
            menu.addAction(action)
        menu.addSeparator()
        menu.addAction(self.delete_action)
        menu.popup(self.view.viewport().mapToGlobal(pos))

    def _error(self, text: str) -> None:
        """Tell the user, without blocking the event loop."""
        self.last_error = text
        box = QMessageBox(QMessageBox.Icon.Warning, "Debrief", text,
                          QMessageBox.StandardButton.Ok, self)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
