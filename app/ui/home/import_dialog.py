"""Importing a recording or transcript from the home screen: pick the file, pick the
prompt it answered, then import it (importer.py: the recognizer runs in its own process)
from a thread while a progress dialog shows how far it got and can cancel it. The dialog
appears at once, busy ("Starting…") while the file is decoded and the model loads, and
shows a percentage from the first transcribed words."""

from __future__ import annotations

import logging
import threading
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QThread, Signal, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QProgressDialog,
    QWidget,
)

from app.errors import DebriefError
from app.sessions.importer import import_recording

log = logging.getLogger(__name__)

FILE_FILTER = ("Recordings and transcripts (*.wav *.flac *.mp3 *.m4a *.srt *.vtt *.json);;"
               "Recordings (*.wav *.flac *.mp3 *.m4a);;Transcripts (*.srt *.vtt *.json)")


def choose_file(parent: QWidget | None) -> Path | None:
    """Ask for the file to import."""
    name, _ = QFileDialog.getOpenFileName(parent, "Import a rehearsal", str(Path.home()),
                                          FILE_FILTER)
    return Path(name) if name else None


class PromptPicker(QDialog):
    """Which prompt the imported rehearsal answered, and how long it was planned for."""

    def __init__(self, source: Path, prompts: list, default_minutes: int = 45,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Import a rehearsal")
        form = QFormLayout(self)
        form.addRow(QLabel(f"<b>{source.name}</b>"))
        self.prompt = QComboBox()
        for p in prompts:
            self.prompt.addItem(f"{p.product} — {p.title}", p.id)
        self.minutes = QComboBox()
        for m in (45, 60):
            self.minutes.addItem(f"{m} minutes", m)
        self.minutes.setCurrentIndex(max(0, self.minutes.findData(default_minutes)))
        self.marks = QComboBox()
        self.marks.addItem("Estimate them from what was said", None)
        self.marks.addItem("From a marks file…", "choose")
        self.marks.activated.connect(self._choose_marks)
        form.addRow("Prompt", self.prompt)
        form.addRow("Planned length", self.minutes)
        form.addRow("Stages", self.marks)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Import")
        buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(bool(prompts))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def _choose_marks(self) -> None:
        if self.marks.currentData() != "choose":
            return
        name, _ = QFileDialog.getOpenFileName(self, "Marks file", "", "Marks (*.json)")
        if name:
            self.marks.addItem(Path(name).name, name)
            self.marks.setCurrentIndex(self.marks.count() - 1)
        else:
            self.marks.setCurrentIndex(0)

    @property
    def choice(self) -> tuple[str, int, Path | None]:
        """(prompt id, minutes, marks file or None)."""
        marks = self.marks.currentData()
        return (self.prompt.currentData(), self.minutes.currentData(),
                Path(marks) if marks and marks != "choose" else None)


class ImportWorker(QObject):
    """Runs import_recording on whatever thread it is moved to."""

    progress = Signal(float, float)  # fraction done, seconds left (-1 unknown)
    finished = Signal(str)  # the new session's id
    failed = Signal(str)

    def __init__(self, path: Path, prompt_id: str, minutes: int | None = None,
                 marks: Path | None = None, model: str | None = None,
                 threads: int | None = None) -> None:
        super().__init__()
        self.args = (path, prompt_id, minutes, marks, model, threads)
        self.cancel = threading.Event()

    @Slot()
    def run(self) -> None:
        path, prompt_id, minutes, marks, model, threads = self.args
        try:
            if model:
                # A named model the user chose in Settings is fetched once, on first use.
                from app.transcription.models import resolve_model

                model = resolve_model(model, download=True)
            folder = import_recording(
                path, prompt_id, lambda f, eta: self.progress.emit(f, -1.0 if eta is None
                                                                   else eta),
                marks, minutes=minutes, model=model or None, threads=threads,
                cancel=self.cancel)
        except DebriefError as exc:
            self.failed.emit(str(exc))
        except Exception as exc:  # a bug must still reach the user, not kill the thread
            log.exception("import of %s failed", path)
            self.failed.emit(f"{path}: import failed ({type(exc).__name__}: {exc})")
        else:
            self.finished.emit(folder.id)


class ImportTask(QObject):
    """One import in flight: the worker thread and the progress dialog."""

    done = Signal(str)  # session id
    failed = Signal(str)
    cancelled = Signal()

    def __init__(self, worker: ImportWorker, parent: QWidget | None = None,
                 show_progress: bool = True) -> None:
        super().__init__(parent)
        self.worker = worker
        self.thread = QThread(self)
        worker.moveToThread(self.thread)
        self.thread.started.connect(worker.run)
        worker.finished.connect(self._finished)
        worker.failed.connect(self._failed)
        self.dialog: QProgressDialog | None = None
        if show_progress:
            # A 0..0 range is Qt's busy bar: something happens, how much is not known yet.
            self.dialog = QProgressDialog("Starting…", "Cancel", 0, 0, parent)
            self.dialog.setWindowTitle("Importing")
            self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
            self.dialog.setMinimumDuration(0)
            self.dialog.canceled.connect(worker.cancel.set)
            worker.progress.connect(self._progress)

    def start(self) -> None:
        if self.dialog is not None:
            self.dialog.show()
        self.thread.start()

    def _progress(self, fraction: float, eta: float) -> None:
        if self.dialog is None:
            return
        if self.dialog.maximum() == 0:
            self.dialog.setRange(0, 1000)
        left = f" — about {int(eta) // 60}:{int(eta) % 60:02d} left" if eta >= 0 else ""
        self.dialog.setLabelText(f"Transcribing… {fraction:.0%}{left}")
        self.dialog.setValue(round(fraction * 1000))

    def _stop(self) -> None:
        if self.dialog is not None:
            self.dialog.reset()
            self.dialog.hide()
        self.thread.quit()
        self.thread.wait()

    def _finished(self, session_id: str) -> None:
        self._stop()
        self.done.emit(session_id)

    def cancel(self) -> None:
        """Stop the transcription now; nothing is kept."""
        self.worker.cancel.set()

    def _failed(self, message: str) -> None:
        self._stop()
        if self.worker.cancel.is_set():
            self.cancelled.emit()
        else:
            self.failed.emit(message)
