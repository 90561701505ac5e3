"""The review screen: summary band, timeline, playback, the annotated transcript and
the panels that jump into it. It renders a SessionReview and turns the user's intents
(seek, correct, bookmark, set stages, export) into calls on it and on the player."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QHideEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QMenu,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.errors import DebriefError
from app.review_state import exports
from app.review_state.search import Hit, step
from app.review_state.session_review import SessionReview
from app.stages import STAGE_TITLES
from app.ui.icons import icon
from app.ui.review.bookmarks_panel import BookmarksPanel
from app.ui.review.category_chart import CategoryChart, titled_chart
from app.ui.review.colors import stamp
from app.ui.review.delivery_panel import DeliveryPanel
from app.ui.review.export import ask_and_export, export_session
from app.ui.review.flags_panel import FlagsPanel
from app.ui.review.pending_banner import PendingBanner, PendingStatus
from app.ui.review.playback_bar import PlaybackBar
from app.ui.review.player import AudioPlayer
from app.ui.review.retake_panel import RetakePanel
from app.ui.review.rubric_panel import RubricPanel
from app.ui.review.search_bar import SearchBar
from app.ui.review.stage_menu import StageMenu
from app.ui.review.summary_band import SummaryBand
from app.ui.review.timeline_strip import TimelineStrip, legend_label
from app.ui.review.transcript_view import TranscriptView


class ReviewScreen(QWidget):
    """Review one session. `backRequested` asks the window to leave the screen;
    `sessionChanged(path)` after a correction, bookmark or stage edit was saved."""

    backRequested = Signal()
    sessionChanged = Signal(str)

    def __init__(self, session_path: str | Path | None = None,
                 player: AudioPlayer | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.review: SessionReview | None = None
        self.player = player or AudioPlayer(self)
        self._hits: list[Hit] = []
        self._hit_now: int | None = None
        self.stage_menu = StageMenu(self)
        self._build()
        self._connect()
        if session_path is not None:
            self.open(session_path)
        else:
            self.transcript.setPlainText("Open a session to review it.")

    # -- construction ----------------------------------------------------------------------

    def _build(self) -> None:
        outer = QVBoxLayout(self)
        outer.setContentsMargins(10, 8, 10, 8)
        outer.setSpacing(6)
        head = QHBoxLayout()
        self.back_button = back = QPushButton(icon("back"), "Sessions")
        back.setToolTip("Back to the list of sessions (Ctrl+1)")
        back.clicked.connect(self.backRequested)
        self.title = QLabel("")
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.title.setStyleSheet("font-size: 14pt; font-weight: 600;")
        self.export_button = QToolButton(text="Export")  # the popup mode draws its arrow
        self.export_button.setToolTip("Save the review as Markdown, HTML, JSON or subtitles")
        self.export_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.export_button)
        for fmt, name in exports.ALL_FORMATS.items():
            menu.addAction(name, lambda f=fmt: self._ask_export(f))
        self.export_button.setMenu(menu)
        head.addWidget(back)
        self.status = QLabel("")
        self.status.setStyleSheet("color: palette(placeholder-text);")
        head.addWidget(self.title, 1)
        head.addWidget(self.status)
        head.addWidget(self.export_button)
        outer.addLayout(head)

        self.pending = PendingBanner()
        self.pending.finished.connect(self.reload)
        outer.addWidget(self.pending)

        self.summary = SummaryBand()
        outer.addWidget(self.summary)
        self.timeline = TimelineStrip()
        outer.addWidget(self.timeline)
        outer.addWidget(legend_label())
        self.playback = PlaybackBar()
        outer.addWidget(self.playback)

        split = QSplitter(Qt.Orientation.Horizontal)
        left = QWidget()
        left_lay = QVBoxLayout(left)
        left_lay.setContentsMargins(0, 0, 0, 0)
        self.search = SearchBar()
        self.search.hide()
        self.transcript = TranscriptView()
        left_lay.addWidget(self.search)
        left_lay.addWidget(self.transcript, 1)
        split.addWidget(left)
        right = QWidget()
        right_lay = QVBoxLayout(right)
        right_lay.setContentsMargins(0, 0, 0, 0)
        self.chart = CategoryChart()
        self.tabs = QTabWidget()
        self.rubric = RubricPanel()
        self.flags = FlagsPanel()
        self.delivery = DeliveryPanel()
        self.bookmarks = BookmarksPanel()
        self.tabs.addTab(self.rubric, "Rubric")
        self.tabs.addTab(self.flags, "Flags")
        self.tabs.addTab(self.delivery, "Delivery")
        self.tabs.addTab(self.bookmarks, "Bookmarks")
        self.retakes = RetakePanel()
        self.tabs.addTab(self.retakes, "Retakes")
        right_lay.addWidget(titled_chart(self.chart), 3)
        right_lay.addWidget(self.tabs, 1)
        split.addWidget(right)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        split.setSizes([820, 520])
        self.splitter = split
        outer.addWidget(split, 1)

    def _connect(self) -> None:
        p = self.player
        p.positionChanged.connect(self._on_position)
        p.playingChanged.connect(self.playback.set_playing)
        p.errorOccurred.connect(self.playback.set_message)
        self.playback.toggleRequested.connect(p.toggle)
        self.playback.skipRequested.connect(p.skip)
        self.playback.rateChosen.connect(p.set_rate)
        self.transcript.seekRequested.connect(p.seek)
        for source in (self.timeline.seekRequested,
                       self.rubric.jumpRequested, self.flags.jumpRequested,
                       self.delivery.jumpRequested, self.bookmarks.jumpRequested,
                       self.retakes.jumpRequested):
            source.connect(self.seek)
        self.transcript.categoryChosen.connect(self.correct_category)
        self.search.queryChanged.connect(self.find)
        self.search.stepped.connect(self.step_search)
        self.search.closed.connect(lambda: self.find(""))
        self.bookmarks.addRequested.connect(self.add_bookmark)
        self.retakes.sessionChanged.connect(self.sessionChanged)
        self.bookmarks.noteEdited.connect(self._edit_bookmark)
        self.bookmarks.removeRequested.connect(self._remove_bookmark)
        self.timeline.menu_for = lambda t: self.stage_menu.build(t, self.timeline)
        self.transcript.stage_menu = lambda t, parent: self.stage_menu.build(t, parent, False)
        self.timeline.stageStartMoved.connect(self.move_stage_start)
        self.stage_menu.startRequested.connect(self.start_stage)
        self.stage_menu.removeRequested.connect(self.remove_stage)
        self.stage_menu.resetRequested.connect(self.reset_stages)
        self.stage_menu.undoRequested.connect(self.undo_stage_edit)
        ctx = Qt.ShortcutContext.WidgetWithChildrenShortcut
        for key, slot in (
            (Qt.Key.Key_Space, p.toggle),
            (Qt.Key.Key_Left, lambda: p.skip(-5.0)),
            (Qt.Key.Key_Right, lambda: p.skip(5.0)),
            (QKeySequence.StandardKey.Find, self.search.open_bar),
            (QKeySequence.StandardKey.FindNext, lambda: self.step_search(True)),
            (QKeySequence.StandardKey.FindPrevious, lambda: self.step_search(False)),
            (Qt.Key.Key_B, self.add_bookmark),
            (Qt.Key.Key_S, self.show_stage_menu),
            (QKeySequence.StandardKey.Undo, self.undo_stage_edit),
        ):
            QShortcut(QKeySequence(key), self, slot, context=ctx)

    # -- opening ---------------------------------------------------------------------------

    def open(self, session_path: str | Path) -> None:
        """Show the session at `session_path`. Raises DebriefError when its files
        cannot be read (the window shows that as one dialog)."""
        self.player.pause()
        self.review = SessionReview(session_path)
        self.stage_menu.review = self.review
        self.status.setText("")
        self.title.setText(self.review.title)
        if self.review.has_audio and self.player.load(self.review.folder.audio_path):
            self.playback.set_message("")
        elif not self.review.has_audio:
            self.player.close()  # nothing of the previous session may play here
            self.playback.set_message("This session has no recording; playback is off.")
        self.playback.set_duration(self.player.duration())
        self._render()

    def reload(self) -> None:
        """Reread the session (after the transcription or analysis finished)."""
        if self.review is None:
            return
        self.review.reload_analysis()
        if self.review.has_audio:
            self.player.load(self.review.folder.audio_path)
            self.playback.set_duration(self.player.duration())
        self._render()

    def set_pending(self, status: PendingStatus | None) -> None:
        """Show that the end of the recording is still being transcribed. `status()` is
        polled every 300 ms and returns a fraction done (0..1), a message, or a
        LiveStatus while work runs, and None (or a finished LiveStatus) when done; the
        screen then reloads the session, waiting for analysis.json if need be."""
        ready = self.review.folder.analysis_path if self.review is not None else None
        self.pending.watch(status, ready)

    def _render(self) -> None:
        r = self.review
        if r is None:
            return
        a = r.analysis
        if a is None:
            self.transcript.setPlainText("No analysis for this session yet.")
            for panel in (self.summary, self.timeline, self.chart, self.rubric, self.flags,
                          self.delivery, self.retakes):
                panel.clear()
            self.bookmarks.set_bookmarks(r.bookmarks)
            return
        self.timeline.set_data(a, [b.time for b in r.bookmarks], [p.time for p in r.probes()])
        corrected = {i for i in range(len(a.segments)) if r.is_corrected(i)}
        self.transcript.set_transcript(a, r.texts, r.words, corrected)
        self._refresh_breakdown()
        self.delivery.set_analysis(a)
        self.bookmarks.set_bookmarks(r.bookmarks)
        self.retakes.set_review(r)

    def _refresh_breakdown(self) -> None:
        assert self.review is not None and self.review.analysis is not None
        a = self.review.analysis
        self.summary.set_analysis(a, self.review.planned_seconds(),
                                  self.review.stages_by_hand,
                                  recording=self.player.duration() or None)
        self.chart.set_analysis(a)
        self.rubric.set_analysis(a)
        self.flags.set_analysis(a)
        self.timeline.set_data(a, [b.time for b in self.review.bookmarks],
                               [p.time for p in self.review.probes()])

    # -- intents ---------------------------------------------------------------------------

    def seek(self, seconds: float) -> None:
        """Jump to `seconds`: the player seeks, the transcript scrolls to the word."""
        self.transcript.follow_again()
        self.player.seek(seconds)

    def _on_position(self, seconds: float) -> None:
        self.transcript.show_time(seconds)
        self.timeline.set_playhead(seconds)
        self.playback.set_position(seconds)

    def correct_category(self, sentence: int, category: str) -> None:
        """Apply the user's category for a sentence, save it and update the breakdown."""
        if self.review is None or self.review.analysis is None:
            return
        self.review.set_category(sentence, category)
        self.transcript.set_sentence_category(
            sentence, self.review.analysis.segments[sentence].category,
            self.review.is_corrected(sentence))
        self._refresh_breakdown()
        self.sessionChanged.emit(str(self.review.folder.path))

    def find(self, query: str) -> int:
        """Highlight every match of `query`; returns how many."""
        review = self.review
        self._hits = review.find(query) if review is not None else []
        self._hit_now = 0 if self._hits else None
        self.transcript.set_hits(self._hits, self._hit_now)
        if review is not None and review.analysis is not None:
            self.timeline.set_hits([review.hit_time(h) for h in self._hits])
        self.search.set_count(self._hit_now, len(self._hits))
        return len(self._hits)

    def step_search(self, forward: bool = True) -> None:
        self._hit_now = step(self._hits, self._hit_now, forward)
        self.transcript.set_hits(self._hits, self._hit_now)
        self.search.set_count(self._hit_now, len(self._hits))

    def add_bookmark(self) -> None:
        if self.review is None:
            return
        index = self.review.add_bookmark(self.player.position())
        self._bookmarks_changed()
        self.tabs.setCurrentWidget(self.bookmarks)
        self.bookmarks.edit_note(index)

    def _edit_bookmark(self, index: int, note: str) -> None:
        if self.review is not None:
            self.review.edit_bookmark(index, note)
            self.sessionChanged.emit(str(self.review.folder.path))

    def _remove_bookmark(self, index: int) -> None:
        if self.review is not None:
            self.review.remove_bookmark(index)
            self._bookmarks_changed()

    def _bookmarks_changed(self) -> None:
        assert self.review is not None
        self.bookmarks.set_bookmarks(self.review.bookmarks)
        self.timeline.set_bookmarks([b.time for b in self.review.bookmarks])
        self.sessionChanged.emit(str(self.review.folder.path))

    # -- stages ----------------------------------------------------------------------------

    def start_stage(self, stage: str, seconds: float) -> None:
        """Make `stage` start at `seconds` (from a stage menu)."""
        if self._edit_stages(lambda r: r.start_stage(stage, seconds)):
            assert self.review is not None and self.review.analysis is not None
            start = min((s.start for s in self.review.analysis.stages if s.stage == stage),
                        key=lambda t: abs(t - seconds))
            self.status.setText(f"{STAGE_TITLES[stage]} starts at {stamp(start)}")

    def move_stage_start(self, index: int, seconds: float) -> None:
        """Move the start of stage `index` (a dropped timeline handle)."""
        if self._edit_stages(lambda r: r.move_stage_start(index, seconds)):
            assert self.review is not None and self.review.analysis is not None
            s = self.review.analysis.stages[index]
            self.status.setText(f"{STAGE_TITLES.get(s.stage, s.stage)} starts at "
                                f"{stamp(s.start)}")

    def remove_stage(self, index: int) -> None:
        if self._edit_stages(lambda r: r.remove_stage(index)):
            self.status.setText("Stage removed")

    def reset_stages(self) -> None:
        if self._edit_stages(lambda r: r.reset_stages()):
            self.status.setText("Stages reset")

    def undo_stage_edit(self) -> None:
        """Take back the last stage edit (Ctrl+Z, or the stage menu)."""
        what = self.review.stage_undo if self.review is not None else None
        if what is None:
            self.status.setText("No stage edit to undo")
        elif self._edit_stages(lambda r: r.undo_stage_edit()):
            self.status.setText(f"Undone: {what}")

    def show_stage_menu(self) -> None:
        """The stage menu for the playhead, under it on the timeline (the S key)."""
        at = self.player.position()
        menu = self.stage_menu.build(at, self.timeline)
        if menu is not None:
            menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            menu.popup(self.timeline.popup_point(at))

    def _edit_stages(self, edit: Callable[[SessionReview], None]) -> bool:
        """Run a stage edit (it saves marks.json and analyses again) and show the new
        stages everywhere; a file that cannot be read or written is one dialog."""
        r = self.review
        if r is None or r.analysis is None:
            return False
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)  # a long session: ~0.5 s
        try:
            edit(r)
        except DebriefError as exc:
            QApplication.restoreOverrideCursor()
            QMessageBox.warning(self, "Stages", str(exc))
            return False
        QApplication.restoreOverrideCursor()
        bar = self.transcript.verticalScrollBar()
        scrolled = bar.value()
        self._render()  # the transcript's stage headings move too
        bar.setValue(scrolled)
        self.transcript.show_time(self.player.position(), follow=False)
        if self.search.isVisible():
            self.find(self.search.field.text())
        self.status.setToolTip("")
        self.sessionChanged.emit(str(r.folder.path))
        return True

    # -- export ----------------------------------------------------------------------------

    def export(self, fmt: str, out_path: str | Path) -> Path:
        """Export without a dialog: md, html, pdf, json, srt, vtt, txt or wav."""
        if self.review is None:
            raise DebriefError("no session is open")
        return export_session(self.review, fmt, out_path)

    def _ask_export(self, fmt: str) -> None:
        if self.review is not None:
            saved = ask_and_export(self, self.review, fmt)
            if saved is not None:
                self.status.setText(f"Exported {saved.name}")
                self.status.setToolTip(str(saved))

    def hideEvent(self, event: QHideEvent) -> None:
        # Leaving the screen stops the sound; the position is kept.
        self.player.pause()
        super().hideEvent(event)
