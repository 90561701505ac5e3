"""The home screen: start a rehearsal, every past session, and progress over time.

It emits intents (`rehearseRequested`, `quickRequested`, `openRequested(id)`,
`settingsRequested`) for
the main window to act on, and handles what lives entirely here: editing the list,
comparing two sessions, importing a recording or transcript.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.errors import DebriefError
from app.sessions.store import SessionStore
from app.ui.home.compare import CompareDialog
from app.ui.home.import_dialog import ImportTask, ImportWorker, PromptPicker, choose_file
from app.ui.home.retake_stats_view import with_retake_stats
from app.ui.home.session_list import SessionList
from app.ui.home.trends import TrendsPanel


def _default_prompts() -> list:
    from app.prompts import load_library

    return load_library().prompts


class HomeView(QWidget):
    """Start button, session list and trends, side by side."""

    rehearseRequested = Signal()
    quickRequested = Signal()  # a warm-up on one rubric item, without a case
    openRequested = Signal(str)  # session id
    settingsRequested = Signal()
    sessionImported = Signal(str)  # session id, after an import finished

    def __init__(self, store: SessionStore | None = None, settings: Any = None,
                 prompts: Callable[[], list] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store or SessionStore()
        self.settings = settings  # app.ui.settings.Settings, for the model and length
        self.prompts = prompts or _default_prompts
        self.import_task: ImportTask | None = None
        self.last_error = ""

        title = QLabel("Debrief")
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.8)
        font.setBold(True)
        title.setFont(font)
        self.subtitle = QLabel()
        self.subtitle.setEnabled(False)
        heading = QVBoxLayout()
        heading.setSpacing(0)
        heading.addWidget(title)
        heading.addWidget(self.subtitle)

        self.start_button = QPushButton("Start a rehearsal")
        self.start_button.setDefault(True)
        self.start_button.setMinimumHeight(36)
        self.start_button.setObjectName("primary")
        self.start_button.setStyleSheet(
            "QPushButton#primary { background: palette(highlight); "
            "color: palette(highlighted-text); border: none; border-radius: 5px; "
            "padding: 6px 16px; font-weight: bold; }"
            "QPushButton#primary:hover { background: palette(link); }")
        self.start_button.clicked.connect(self.rehearseRequested)
        self.quick_button = QPushButton("Quick drill…")
        self.quick_button.setToolTip("A 60-90 second warm-up on one rubric item, without a "
                                     "case")
        self.quick_button.setMinimumHeight(36)
        self.quick_button.clicked.connect(self.quickRequested)
        self.import_button = QPushButton("Import…")
        self.import_button.setToolTip("Add a recording (WAV, FLAC, MP3, M4A) or a transcript "
                                      "(SRT, WebVTT) made elsewhere")
        self.import_button.clicked.connect(self.import_interactively)
        self.compare_button = QPushButton("Compare")
        self.compare_button.setToolTip("Select two sessions of the same prompt to compare "
                                       "them stage by stage")
        self.compare_button.clicked.connect(self.list_compare)
        self.settings_button = QPushButton("Settings")
        self.settings_button.setToolTip("Microphone, speech model, theme, prompts folder "
                                        "(Ctrl+,)")
        self.start_button.setToolTip("Choose a prompt to rehearse (Ctrl+2)")
        self.settings_button.clicked.connect(self.settingsRequested)
        top = QHBoxLayout()
        top.addLayout(heading, 1)
        for button in (self.settings_button, self.compare_button, self.import_button,
                       self.quick_button, self.start_button):
            top.addWidget(button, 0, Qt.AlignmentFlag.AlignVCenter)

        self.list = SessionList(self.store)
        self.trends = TrendsPanel()
        self.list.openRequested.connect(self.openRequested)
        self.list.compareRequested.connect(self.compare)
        self.list.sessionsChanged.connect(self._update_trends)
        self.list.proxy.rowsInserted.connect(self._update_trends)
        self.list.proxy.rowsRemoved.connect(self._update_trends)
        self.list.proxy.modelReset.connect(self._update_trends)
        self.list.view.selectionModel().selectionChanged.connect(self._update_buttons)

        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.list)
        split.addWidget(with_retake_stats(self.trends, self.list))
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        split.setChildrenCollapsible(False)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addLayout(top)
        layout.addWidget(split, 1)
        self._update_trends()
        self._update_buttons()

    def reload(self) -> None:
        """Read the sessions again (after a rehearsal or an analysis finished)."""
        self.list.reload()

    def _update_trends(self, *_: object) -> None:
        visible = self.list.proxy.visible()
        scope = " · ".join(c.currentText() for c in (self.list.kind_filter,
                                                    self.list.product_filter,
                                                    self.list.prompt_filter)
                           if c.currentIndex() > 0)
        self.trends.set_summaries(visible, scope)
        # The trends follow the kind filter: drills chart the drills of a stage.
        kinds = tuple(self.list.kind_filter.currentData() or ())
        combo = self.trends.series_combo
        drills = "drill" in kinds
        if kinds and drills == (combo.currentData() == "mock"):
            self.trends.show_series(combo.itemData(1) if drills and combo.count() > 1
                                    else "mock")
        total = len(self.list.model.rows)
        if total:
            newest = max(self.list.model.rows, key=lambda s: s.started_at)
            self.subtitle.setText(f"{total} rehearsal{'s' if total != 1 else ''} kept · "
                                  f"last: {newest.title}")
        else:
            self.subtitle.setText("Rehearse a platform-PM case out loud, then see where the "
                                  "time went.")

    def _update_buttons(self, *_: object) -> None:
        ids = self.list.selected_ids()
        self.trends.highlight(ids[0] if len(ids) == 1 else None)
        pair = [self.list.summary(i) for i in ids] if len(ids) == 2 else []
        self.compare_button.setEnabled(
            len(pair) == 2 and all(s is not None and s.analyzed for s in pair)
            and pair[0].prompt_id == pair[1].prompt_id)  # type: ignore[union-attr]

    # -- compare ---------------------------------------------------------------------

    def list_compare(self) -> None:
        ids = self.list.selected_ids()
        if len(ids) == 2:
            self.compare(ids[0], ids[1])

    def compare(self, id_a: str, id_b: str) -> CompareDialog | None:
        """Open the stage-by-stage comparison of two sessions (older as A)."""
        a, b = sorted((self.store.get(id_a), self.store.get(id_b)),
                      key=lambda s: s.started_at)
        try:
            dialog = CompareDialog(self.store, a.id, b.id, self)
        except DebriefError as exc:
            self.show_error(str(exc))
            return None
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        return dialog

    # -- import ----------------------------------------------------------------------

    def import_interactively(self) -> None:
        """Import… : choose a file, choose its prompt, import it with progress."""
        path = choose_file(self)
        if path is None:
            return
        try:
            prompts = self.prompts()
        except DebriefError as exc:
            self.show_error(str(exc))
            return
        minutes = self.settings.minutes if self.settings is not None else 45
        picker = PromptPicker(path, prompts, minutes, self)
        if picker.exec() != PromptPicker.DialogCode.Accepted:
            return
        prompt_id, minutes, marks = picker.choice
        self.start_import(path, prompt_id, minutes, marks)

    def start_import(self, path: Path, prompt_id: str, minutes: int | None = None,
                     marks: Path | None = None, show_progress: bool = True) -> ImportTask:
        """Import `path` on a worker thread; the list reloads and selects it when done."""
        model = self.settings.model_spec() if self.settings is not None else None
        threads = self.settings.threads if self.settings is not None else None
        worker = ImportWorker(path, prompt_id, minutes, marks, model, threads)
        task = ImportTask(worker, self, show_progress)
        task.done.connect(self._imported)
        task.failed.connect(lambda msg: self.show_error(msg, "Import failed"))
        self.import_button.setEnabled(False)
        for signal in (task.done, task.failed, task.cancelled):
            signal.connect(lambda *_: self.import_button.setEnabled(True))
        self.import_task = task
        task.start()
        return task

    def show_error(self, text: str, title: str = "Debrief") -> QMessageBox:
        """Tell the user what went wrong, without blocking the event loop."""
        self.last_error = text
        box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok,
                          self)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
        return box

    def _imported(self, session_id: str) -> None:
        self.list.reload()
        self.list.select(session_id)
        self.sessionImported.emit(session_id)
