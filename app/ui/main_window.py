"""The main window: a page per step of the user's flow, and the wiring between them.

Pages: Home (past sessions, trends), Prompts (the library), Rehearse, Review. Pages only
emit intents; this window decides what happens next.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.prompts import load_library
from app.ui.library_view import LibraryView


class MainWindow(QMainWindow):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Debrief")
        self.resize(1280, 820)
        self.library = load_library()

        self.pages = QStackedWidget()
        self.library_view = LibraryView(self.library)
        self._nav = QButtonGroup(self)
        self._nav.setExclusive(True)
        rail = QVBoxLayout()
        rail.setContentsMargins(8, 12, 8, 12)
        rail.setSpacing(6)
        self._rail = rail
        self._add_page("Prompts", self.library_view, "Ctrl+2")
        rail.addStretch(1)

        central = QWidget()
        row = QHBoxLayout(central)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        rail_widget = QWidget(objectName="navRail")
        rail_widget.setLayout(rail)
        rail_widget.setFixedWidth(112)
        row.addWidget(rail_widget)
        row.addWidget(self.pages, 1)
        self.setCentralWidget(central)
        self.show_page(self.library_view)

    def _add_page(self, title: str, page: QWidget, shortcut: str) -> QToolButton:
        button = QToolButton(text=title, checkable=True)
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        button.setMinimumHeight(40)
        button.setSizePolicy(button.sizePolicy().horizontalPolicy().Expanding,
                             button.sizePolicy().verticalPolicy())
        button.setToolTip(f"{title} ({shortcut})")
        button.clicked.connect(lambda: self.show_page(page))
        self._nav.addButton(button)
        self._rail.addWidget(button)
        action = QAction(self, shortcut=QKeySequence(shortcut))
        action.triggered.connect(lambda: self.show_page(page))
        self.addAction(action)
        self.pages.addWidget(page)
        page.setProperty("navButton", button)
        return button

    def show_page(self, page: QWidget) -> None:
        self.pages.setCurrentWidget(page)
        button = page.property("navButton")
        if button is not None:
            button.setChecked(True)

    def offer_recovery(self) -> None:
        """Called once the window is up: offer to recover sessions a crash left behind."""

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt override)
        event.accept()

    def error(self, message: str) -> None:
        QMessageBox.warning(self, "Debrief", message)
