"""The main window: a page per step of the user's flow, and the wiring between them.

Pages: Home (past sessions, trends), Prompts (the library), Rehearse, Review. Pages only
emit intents; this window decides what happens next.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QShowEvent
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

from app.audio.recorder import RecorderState
from app.errors import DebriefError
from app.prompts import load_library, use_prompts_folder
from app.sessions.folder import SessionFolder
from app.sessions.store import SessionStore, library_products
from app.sessions.trash import Trashed
from app.ui.home import HomeView
from app.ui.key_help import KeysDialog
from app.ui.library_view import LibraryView
from app.ui.live_session import LiveSession
from app.ui.recording_badge import RecordingBadge
from app.ui.rehearse import RehearsalScreen
from app.ui.rehearse.recovery_dialog import offer_recovery
from app.ui.review.review_screen import ReviewScreen
from app.ui.settings import CAPTIONS, PROMPTS_FOLDER, Settings, SettingsDialog, bind_theme


class MainWindow(QMainWindow):
    def __init__(self, settings: Settings | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Debrief")
        self.resize(1360, 860)  # shrunk to the screen when shown
        self.settings = settings or Settings()
        bind_theme(self.settings)
        use_prompts_folder(self.settings.prompts_folder())  # imports and analyses see it too
        self.library = load_library()
        self.store = SessionStore(product_of=library_products())

        self.home = HomeView(self.store, self.settings, prompts=lambda: self.library.prompts)
        self.library_view = LibraryView(self.library)
        self.rehearse = RehearsalScreen(self.library)
        self.review = ReviewScreen()
        self.live: LiveSession | None = None

        self.pages = QStackedWidget()
        self._nav = QButtonGroup(self)
        self._rail = QVBoxLayout()
        self._rail.setContentsMargins(8, 12, 8, 12)
        self._rail.setSpacing(6)
        self._add_page("Home", self.home, "Ctrl+1")
        self._add_page("Prompts", self.library_view, "Ctrl+2")
        self._add_page("Rehearse", self.rehearse, "Ctrl+3")
        self._add_page("Review", self.review, "Ctrl+4")
        self._rail.addStretch(1)
        self.recording_badge = RecordingBadge()
        self.recording_badge.clicked.connect(lambda: self.show_page(self.rehearse))
        self._rail.addWidget(self.recording_badge)
        self._badge_timer = QTimer(self, interval=500)
        self._badge_timer.timeout.connect(self._update_badge)
        settings_action = QAction(self, shortcut=QKeySequence("Ctrl+,"))
        settings_action.triggered.connect(self.open_settings)
        self.addAction(settings_action)
        # "?" only reaches here when no text field takes it (they accept printable keys).
        help_action = QAction(self)
        help_action.setShortcuts([QKeySequence(Qt.Key.Key_F1), QKeySequence("?")])
        help_action.triggered.connect(self.show_keys)
        self.addAction(help_action)
        self.keys_dialog: KeysDialog | None = None
        self._discarded = False

        central = QWidget()
        row = QHBoxLayout(central)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        rail_widget = QWidget(objectName="navRail")
        rail_widget.setLayout(self._rail)
        rail_widget.setFixedWidth(112)
        row.addWidget(rail_widget)
        row.addWidget(self.pages, 1)
        self.setCentralWidget(central)

        self.home.rehearseRequested.connect(lambda: self.show_page(self.library_view))
        self.home.quickRequested.connect(self.prepare_quick_drill)
        self.home.openRequested.connect(self.open_session)
        self.home.settingsRequested.connect(self.open_settings)
        self.library_view.rehearseRequested.connect(self.prepare_rehearsal)
        self.library_view.drillRequested.connect(self.prepare_drill)
        self.review.stage_menu.drillRequested.connect(self.prepare_drill)
        self.rehearse.cancelled.connect(lambda: self.show_page(self.library_view))
        self.rehearse.recordingStarted.connect(self._recording_started)
        self.rehearse.finished.connect(self._rehearsal_finished)
        self.rehearse.discarding.connect(self._stop_live)
        self.rehearse.discarded.connect(self._take_discarded)
        self.review.backRequested.connect(lambda: self.show_page(self.home))
        self.review.sessionChanged.connect(self._session_changed)
        self.settings.changed.connect(self._setting_changed)
        self.show_page(self.home)

    # -- pages -----------------------------------------------------------------------

    def _add_page(self, title: str, page: QWidget, shortcut: str) -> None:
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

    def show_page(self, page: QWidget, setup: bool = True) -> None:
        if setup and page is self.rehearse and self.rehearse.showing_setup:
            # The sidebar's way in: the same setup as "Rehearse this prompt…".
            self.rehearse.show_setup(self.library_view.current_prompt())
        self.pages.setCurrentWidget(page)
        button = page.property("navButton")
        if button is not None:
            button.setChecked(True)
        self._update_badge()

    def page_title(self) -> str:
        """The name of the page in front, as the sidebar says it."""
        button = self.pages.currentWidget().property("navButton")
        return button.text() if button is not None else ""

    def show_keys(self) -> KeysDialog:
        """The keys of the page in front (F1 or ?)."""
        if self.keys_dialog is not None:
            self.keys_dialog.close()
        dialog = self.keys_dialog = KeysDialog(self.page_title(), self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda _: self._keys_closed(dialog))
        dialog.open()
        return dialog

    def _keys_closed(self, dialog: KeysDialog) -> None:
        if self.keys_dialog is dialog:
            self.keys_dialog = None

    def _update_badge(self) -> None:
        r = self.rehearse.rehearsal if self.rehearse.in_progress else None
        away = self.pages.currentWidget() is not self.rehearse
        if r is None:
            self._badge_timer.stop()
        elif not self._badge_timer.isActive():
            self._badge_timer.start()
        self.recording_badge.show_recording(
            r.recorder.seconds_written if r is not None and away else None,
            paused=r is not None and r.recorder.state == RecorderState.PAUSED)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._fit_screen()

    def _fit_screen(self) -> None:
        """No bigger than the screen's free area (a 1280x720 laptop included)."""
        area = self.screen().availableGeometry()
        frame = self.frameGeometry().size() - self.size()  # the title bar and borders
        width = min(self.width(), area.width() - frame.width())
        height = min(self.height(), area.height() - frame.height())
        if (width, height) != (self.width(), self.height()):
            self.resize(width, height)
            self.move(area.topLeft())

    # -- the flow ----------------------------------------------------------------------

    def prepare_rehearsal(self, prompt_id: str) -> None:
        """From the library: the setup page with this prompt at the chosen length."""
        prompt = self.library_view.current_prompt() or self.library.get(prompt_id)
        self.rehearse.show_setup(prompt, stage="")
        self.show_page(self.rehearse, setup=False)

    def prepare_drill(self, prompt_id: str, stage: str = "") -> None:
        """From the library or a review: the setup of a drill of one stage of the prompt
        (the solution stage when none is given)."""
        current = self.library_view.current_prompt()
        try:
            prompt = current if current and current.id == prompt_id else \
                self.library.get(prompt_id)
        except DebriefError as exc:
            self.error(str(exc))
            return
        ids = [s.id for s in prompt.stages]
        stage = stage if stage in ids else "solution" if "solution" in ids else ids[0]
        self.rehearse.show_setup(prompt, stage=stage)
        self.show_page(self.rehearse, setup=False)

    def prepare_quick_drill(self) -> None:
        """From home: the setup of a quick warm-up on one rubric item."""
        try:
            self.rehearse.show_quick()
        except DebriefError as exc:
            self.error(str(exc))
            return
        self.show_page(self.rehearse, setup=False)

    def _recording_started(self, session_path: str) -> None:
        from app.transcription.hint_words import case_vocabulary

        self.live = LiveSession(self.settings.model_spec() or None,
                                self.settings.threads or 1, self)
        self.live.failed.connect(self._transcription_failed)
        self.live.ready.connect(self._analysis_ready)
        self.live.interrupted.connect(lambda text: self.statusBar().showMessage(text, 15000))
        captions = self.rehearse.view.captions
        captions.setVisible(bool(self.settings.value(CAPTIONS)))
        captions.set_lines([])
        self.live.captions.connect(captions.set_lines)
        # A quick drill has no case: no product name to listen for.
        prompt = None if self.rehearse.setup.quick else self.rehearse.setup.prompt
        words = (prompt.product,) if prompt is not None else ()
        self.live.begin(session_path, tuple(case_vocabulary(words)))

    def _rehearsal_finished(self, session_path: str) -> None:
        """Finish: the review opens at once and fills in when the tail is transcribed."""
        self.home.reload()
        if self.live is None:
            self.live = LiveSession(self.settings.model_spec() or None,
                                    self.settings.threads or 1, self)
            self.live.failed.connect(self._transcription_failed)
            self.live.ready.connect(self._analysis_ready)
        self.live.finish(session_path)
        if self._open_review(session_path):
            self.review.set_pending(self.live.pending)

    def _analysis_ready(self, session_path: str) -> None:
        self.store.refresh(Path(session_path).name)
        self.home.reload()

    def _transcription_failed(self, message: str) -> None:
        self.review.set_pending(None)
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle("Transcription")
        box.setText(f"Transcription did not finish: {message}")
        box.setInformativeText("The recording is safe on disk. Try again now?")
        retry = box.addButton("Retry", QMessageBox.ButtonRole.AcceptRole)
        box.addButton("Later", QMessageBox.ButtonRole.RejectRole)
        box.exec()
        folder = self.live.folder if self.live is not None else None
        if box.clickedButton() is retry and folder is not None:
            self.live = None
            self._rehearsal_finished(str(folder.path))

    def open_session(self, session_id: str) -> None:
        try:
            folder = self.store.folder(session_id)
            self._analyse_if_missing(folder)
        except DebriefError as exc:
            self.error(str(exc))
            return
        self._open_review(str(folder.path))

    def _analyse_if_missing(self, folder: SessionFolder) -> None:
        """A session left with a transcript but no analysis (the app closed in between)
        is analysed now; a damaged transcript raises DebriefError naming it."""
        if folder.analysis_path.exists() or not folder.transcript_path.exists():
            return
        live = self.live
        if live is not None and live.folder == folder and live.pending() is not None:
            return  # still being transcribed: the review shows that and fills in
        from app.sessions.finalize import analyze_session

        analyze_session(folder)
        self.store.refresh(folder.id)
        self.home.reload()

    def _open_review(self, session_path: str) -> bool:
        try:
            self.review.open(session_path)
        except DebriefError as exc:
            self.error(str(exc))
            return False
        self.show_page(self.review)
        return True

    def _session_changed(self, session_path: str) -> None:
        self.store.refresh(Path(session_path).name)
        self.home.reload()

    # -- settings, recovery, closing ----------------------------------------------------

    def open_settings(self) -> None:
        SettingsDialog(self.settings, self).exec()

    def _setting_changed(self, key: str) -> None:
        if key == CAPTIONS:
            self.rehearse.view.captions.setVisible(bool(self.settings.value(CAPTIONS)))
        if key == PROMPTS_FOLDER:
            use_prompts_folder(self.settings.prompts_folder())
            self.library = load_library()
            self.library_view.set_library(self.library)

    def offer_recovery(self) -> None:
        """Called once the window is up: offer to recover sessions a crash left behind."""
        if offer_recovery(self):
            self.store.sync()
            self.home.reload()

    def _stop_live(self, *_: object) -> None:
        if self.live is not None:
            self.live.cancel()
            self.live.wait()

    def _take_discarded(self, token: Trashed) -> None:
        """A take discarded on closing is in the trash: Home offers to undo it."""
        self._discarded = True
        self.live = None
        self.home.reload()
        self.home.list.offer_undo([token], "Discarded the rehearsal. It stays in the trash "
                                           "until the trash is emptied.")
        self.show_page(self.home)

    def closeEvent(self, event: QCloseEvent) -> None:
        self._discarded = False
        if self.rehearse.in_progress and not self.rehearse.confirm_close():
            event.ignore()
            return
        if self._discarded:
            event.ignore()  # stay open while Undo is at hand; closing again quits
            return
        self._stop_live()
        event.accept()

    def error(self, message: str) -> None:
        QMessageBox.warning(self, "Debrief", message)
