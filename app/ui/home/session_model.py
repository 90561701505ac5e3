"""The session list as a Qt model: SessionSummary rows as table cells, and the proxy
that sorts and filters them (by text, kind, product area and prompt)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import QWidget

from app.sessions.meta import DRILL, IMPORT, KIND_LABELS, MOCK, QUICK
from app.sessions.summary import SessionSummary

COLUMNS = ("Date", "Kind", "Session", "Product", "Length", "Platform", "Rubric", "Flags")
DATE, KIND, TITLE, PRODUCT, LENGTH, PLATFORM, RUBRIC, FLAGS = range(len(COLUMNS))
# The kind filter: its label and the kinds it lets through (none: every kind).
KIND_FILTERS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("All", ()), ("Mocks", (MOCK,)), ("Drills", (DRILL, QUICK)), ("Imports", (IMPORT,)))
_KIND_TIPS = {MOCK: "A full mock interview", DRILL: "One stage of a case, rehearsed alone",
              QUICK: "A warm-up on one rubric item", IMPORT: "A recording or transcript "
              "made elsewhere"}
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
ID_ROLE = Qt.ItemDataRole.UserRole + 2
Index = QModelIndex | QPersistentModelIndex


def _date(iso: str) -> str:
    try:
        return datetime.fromisoformat(iso).strftime("%a %d %b %Y, %H:%M")
    except ValueError:
        return iso or "—"


def _length(seconds: float) -> str:
    if not seconds:
        return "—"
    # A quick drill is a minute or so: in seconds, not "0 min" or "1 min".
    return f"{round(seconds)} s" if seconds < 90 else f"{round(seconds / 60)} min"


class SessionTableModel(QAbstractTableModel):
    """SessionSummary rows as a table; the Session column is editable (rename)."""

    renameRequested = Signal(str, str)  # session id, new title

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[SessionSummary] = []
        self._cells: dict[int, tuple[list[str], list[Any]]] = {}

    def set_rows(self, rows: list[SessionSummary]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self._cells: dict[int, tuple[list[str], list[Any]]] = {}
        self.endResetModel()

    def _row_cells(self, row: int) -> tuple[list[str], list[Any]]:
        # Sorting and column sizing ask for each cell many times; work it out once.
        cells = self._cells.get(row)
        if cells is None:
            s = self.rows[row]
            cells = ([self._display(s, c) for c in range(len(COLUMNS))],
                     [self._sort_key(s, c) for c in range(len(COLUMNS))])
            self._cells[row] = cells
        return cells

    def update_row(self, summary: SessionSummary) -> None:
        for n, row in enumerate(self.rows):
            if row.id == summary.id:
                self.rows[n] = summary
                self._cells.pop(n, None)
                self.dataChanged.emit(self.index(n, 0), self.index(n, len(COLUMNS) - 1))
                return

    def row_of(self, session_id: str) -> int:
        return next((n for n, r in enumerate(self.rows) if r.id == session_id), -1)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = super().flags(index)
        if index.column() == TITLE and not self.rows[index.row()].damaged:
            base |= Qt.ItemFlag.ItemIsEditable
        return base

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row, col = index.row(), index.column()
        if row < 0:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._row_cells(row)[0][col]
        if role == SORT_ROLE:
            return self._row_cells(row)[1][col]
        s = self.rows[row]
        if role == ID_ROLE:
            return s.id
        if role == Qt.ItemDataRole.EditRole:
            return s.title if col == TITLE else self._row_cells(row)[0][col]
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(s, col)
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (LENGTH, PLATFORM, RUBRIC,
                                                                 FLAGS):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and s.damaged:
            return QPalette().brush(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
        if role == Qt.ItemDataRole.FontRole and col == KIND and s.kind != MOCK:
            font = QFont()  # drills and imports stand out from the mocks
            font.setBold(True)
            return font
        return None

    @staticmethod
    def _display(s: SessionSummary, col: int) -> str:
        if col == DATE:
            return _date(s.started_at)
        if col == KIND:
            return KIND_LABELS.get(s.kind, s.kind)
        if col == TITLE:
            if s.damaged:
                return f"{s.title} — damaged"
            # The Kind column says "Drill": the title need not ("Drill: Metrics — ...").
            title = s.title.removeprefix(f"{KIND_LABELS.get(s.kind)}: ") \
                if s.kind in (DRILL, QUICK) else s.title
            return f"{title} (notes)" if s.notes else title
        if col == PRODUCT:
            return s.product
        if col == LENGTH:
            return _length(s.duration)
        if not s.analyzed:
            return "—" if s.damaged else ("not analysed" if col == PLATFORM else "")
        if col == PLATFORM:
            return "—" if s.platform_share is None else f"{s.platform_share:.0%}"
        if col == RUBRIC:
            return f"{s.rubric_covered}/{s.rubric_total}" if s.rubric_total else "—"
        return str(s.flags_count) if s.flags_count else "none"

    @staticmethod
    def _sort_key(s: SessionSummary, col: int) -> Any:
        missing = -1.0  # unanalysed sessions sort below any real number
        return {
            DATE: s.started_at,
            KIND: s.kind,
            TITLE: s.title.casefold(),
            PRODUCT: s.product.casefold(),
            LENGTH: s.duration,
            PLATFORM: missing if s.platform_share is None else s.platform_share,
            RUBRIC: missing if s.rubric_coverage is None else s.rubric_coverage,
            FLAGS: s.flags_count if s.analyzed else missing,
        }[col]

    @staticmethod
    def _tooltip(s: SessionSummary, col: int) -> str | None:
        if s.damaged:
            return f"This session cannot be read: {s.damaged}"
        if col == FLAGS and s.top_flags:
            return "\n".join(s.top_flags)
        if col == KIND:
            return _KIND_TIPS.get(s.kind)
        if col == TITLE:
            parts = [s.prompt_title or s.prompt_id]
            if s.notes:
                parts.append(f"Notes: {s.notes}")
            return "\n".join(p for p in parts if p)
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or index.column() != TITLE:
            return False
        s = self.rows[index.row()]
        if str(value).strip() and str(value).strip() != s.title:
            self.renameRequested.emit(s.id, str(value))
        return False  # the store's answer arrives through update_row


class SessionFilterProxy(QSortFilterProxyModel):
    """Filters by free text (title, prompt, product, notes), kind, product area and
    prompt."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.text = ""
        self.product = ""
        self.prompt_id = ""
        self.kinds: tuple[str, ...] = ()  # none: every kind
        self.setSortRole(SORT_ROLE)

    def set_filter(self, text: str | None = None, product: str | None = None,
                   prompt_id: str | None = None, kinds: tuple[str, ...] | None = None
                   ) -> None:
        # Qt 6.9 replaced invalidateFilter() with begin/endFilterChange().
        modern = hasattr(self, "beginFilterChange")
        if modern:
            self.beginFilterChange()
        if text is not None:
            self.text = text.casefold().strip()
        if product is not None:
            self.product = product
        if prompt_id is not None:
            self.prompt_id = prompt_id
        if kinds is not None:
            self.kinds = kinds
        if modern:
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            self.invalidateFilter()

    def filterAcceptsRow(self, row: int, parent: Index) -> bool:
        s: SessionSummary = self.sourceModel().rows[row]  # type: ignore[attr-defined]
        if self.kinds and s.kind not in self.kinds:
            return False
        if self.product and s.product != self.product:
            return False
        if self.prompt_id and s.prompt_id != self.prompt_id:
            return False
        if self.text:
            hay = " ".join((s.title, s.prompt_title, s.prompt_id, s.product, s.notes))
            return self.text in hay.casefold()
        return True

    def visible(self) -> list[SessionSummary]:
        """The rows that pass the filter, in the order shown."""
        src = self.sourceModel()
        return [src.rows[self.mapToSource(self.index(r, 0)).row()]  # type: ignore[attr-defined]
                for r in range(self.rowCount())]
