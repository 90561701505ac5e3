"""The annotated transcript: one QTextDocument built once, grouped under stage headings,
each sentence a tinted paragraph with its timestamp. Words are character ranges, not
widgets: a click maps its character to a word through the review's layout, the word
being played and the search hits are extra selections laid over the text.
"""

from __future__ import annotations

import time
from bisect import bisect_right
from collections.abc import Callable

from PySide6.QtCore import QEvent, QPoint, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QContextMenuEvent,
    QFont,
    QFontMetricsF,
    QIcon,
    QMouseEvent,
    QPalette,
    QPixmap,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QWheelEvent,
)
from PySide6.QtWidgets import QMenu, QTextEdit, QToolTip, QWidget

from app.analysis.model import Analysis
from app.review_state.layout import SentenceText, WordIndex
from app.review_state.search import Hit
from app.stages import CATEGORIES, STAGE_TITLES
from app.ui.review.colors import CATEGORY_LABELS, category_color, is_dark, stamp, tint
from app.ui.review.interviewer_lines import PlacedLine, insert_line, line_at

# The start of each sentence: a block of the category colour (a space painted with it,
# not a "▌" glyph a system font may lack), then a plain space.
_BAR = "\u00a0 "
_FOLLOW_PAUSE = 4.0  # seconds after a manual scroll before the view follows playback again


class TranscriptView(QTextEdit):
    """Renders an Analysis; emits `seekRequested(seconds)` when a word is clicked and
    `categoryChosen(sentence index, category)` from the right-click menu. `stage_menu`,
    set by the screen, gives that menu's stage submenu for the word's time."""

    seekRequested = Signal(float)
    categoryChosen = Signal(int, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setReadOnly(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.setUndoRedoEnabled(False)
        self.viewport().setCursor(Qt.CursorShape.PointingHandCursor)
        self._analysis: Analysis | None = None
        self._texts: list[SentenceText] = []
        self._words = WordIndex([])
        self._corrected: set[int] = set()
        self._seg_pos: list[int] = []  # document position of each sentence's first char
        self.interviewer_lines: list[PlacedLine] = []  # the questions asked aloud
        self._current: int | None = None  # index into the word index
        self._hits: list[Hit] = []
        self._hit_now: int | None = None
        self._press: QPoint | None = None
        self._hang = 0.0  # width of the bar and timestamp that start each sentence
        self._user_scrolled = -1e9  # time.monotonic() of the user's last scroll
        self.stage_menu: Callable[[float, QWidget], QMenu | None] | None = None
        self.verticalScrollBar().actionTriggered.connect(self._note_user_scroll)

    def _note_user_scroll(self, _action: int = 0) -> None:
        self._user_scrolled = time.monotonic()

    def follow_again(self) -> None:
        """Follow playback from now on, even right after a manual scroll (a jump from a
        panel must land in view)."""
        self._user_scrolled = -1e9

    def wheelEvent(self, event: QWheelEvent) -> None:
        self._note_user_scroll()
        super().wheelEvent(event)

    # -- building --------------------------------------------------------------------------

    def set_transcript(self, analysis: Analysis, texts: list[SentenceText], words: WordIndex,
                       corrected: set[int] | None = None) -> None:
        """Build the document (once per analysis; corrections recolour in place)."""
        self._analysis, self._texts, self._words = analysis, texts, words
        self._corrected = set(corrected or ())
        self._current, self._hits, self._hit_now = None, [], None
        dark = is_dark(self)
        palette = self.palette()
        base = palette.color(QPalette.ColorRole.Base)
        muted = palette.color(QPalette.ColorRole.PlaceholderText)

        doc = QTextDocument(self)
        doc.setUndoRedoEnabled(False)
        doc.setDefaultFont(self.font())
        doc.setDocumentMargin(10)
        cursor = QTextCursor(doc)
        cursor.beginEditBlock()
        heading_block = QTextBlockFormat()
        heading_block.setTopMargin(14)
        heading_block.setBottomMargin(4)
        heading = QTextCharFormat()
        heading.setFontWeight(QFont.Weight.Bold)
        heading.setFontPointSize(self.font().pointSizeF() * 1.25)
        time_fmt = QTextCharFormat()
        time_fmt.setForeground(muted)
        time_fmt.setFontFamilies(["monospace"])
        time_fmt.setFontPointSize(self.font().pointSizeF() * 0.85)
        text_fmt = QTextCharFormat()
        # Wrapped lines hang past the bar and timestamp, so the text reads as a column.
        self._hang = (QFontMetricsF(self._bar_format("other", dark).font())
                      .horizontalAdvance(_BAR)
                      + QFontMetricsF(time_fmt.font())
                      .horizontalAdvance(stamp(analysis.duration) + "  "))
        self._seg_pos, self.interviewer_lines = [], []
        asked = sorted(analysis.interviewer, key=lambda line: line.start)
        stage = None
        first = True
        for i, seg in enumerate(analysis.segments):
            if seg.stage != stage:
                stage = seg.stage
                if not first:
                    cursor.insertBlock(heading_block, heading)
                else:
                    cursor.setBlockFormat(heading_block)
                    cursor.setCharFormat(heading)
                cursor.insertText(STAGE_TITLES.get(stage, stage.title()), heading)
                first = False
            while asked and (asked[0].start <= seg.start):
                self.interviewer_lines.append(
                    insert_line(cursor, asked.pop(0), self._hang, base, muted, time_fmt))
            cursor.insertBlock(self._sentence_block(seg.category, base, dark), text_fmt)
            cursor.insertText(_BAR[:-1], self._bar_format(seg.category, dark))
            cursor.insertText(_BAR[-1], text_fmt)
            cursor.insertText(stamp(seg.start) + "  ", time_fmt)
            self._seg_pos.append(cursor.position())
            cursor.insertText(texts[i].text, text_fmt)
        for line in asked:  # asked after the last sentence
            self.interviewer_lines.append(
                insert_line(cursor, line, self._hang, base, muted, time_fmt))
        cursor.endEditBlock()
        self.setDocument(doc)
        self._refresh_selections()

    def _sentence_block(self, category: str, base: QColor, dark: bool) -> QTextBlockFormat:
        fmt = QTextBlockFormat()
        fmt.setBackground(tint(category, base, dark))
        fmt.setTopMargin(2)
        fmt.setBottomMargin(2)
        fmt.setLeftMargin(6 + self._hang)
        fmt.setTextIndent(-self._hang)
        fmt.setRightMargin(6)
        return fmt

    def _bar_format(self, category: str, dark: bool) -> QTextCharFormat:
        # A saturated mark beside the soft tint, so categories stay apart at a glance.
        fmt = QTextCharFormat()
        fmt.setBackground(category_color(category, dark))
        return fmt

    def set_sentence_category(self, index: int, category: str, corrected: bool) -> None:
        """Recolour one sentence after a correction (no rebuild)."""
        if corrected:
            self._corrected.add(index)
        else:
            self._corrected.discard(index)
        block = self.document().findBlock(self._seg_pos[index])
        cursor = QTextCursor(block)
        base = self.palette().color(QPalette.ColorRole.Base)
        dark = is_dark(self)
        cursor.setBlockFormat(self._sentence_block(category, base, dark))
        cursor.setPosition(block.position())
        cursor.setPosition(block.position() + len(_BAR) - 1, QTextCursor.MoveMode.KeepAnchor)
        cursor.setCharFormat(self._bar_format(category, dark))

    # -- mapping between characters, sentences and words -----------------------------------

    def sentence_at(self, pos: int) -> int | None:
        """The sentence whose paragraph holds document position `pos` (None on an
        interviewer line)."""
        if line_at(self.interviewer_lines, pos) is not None:
            return None
        i = bisect_right(self._seg_pos, pos) - 1
        if i < 0:
            return None
        block_start = self.document().findBlock(self._seg_pos[i]).position()
        return i if pos >= block_start else None

    def word_at(self, pos: int) -> tuple[int, int] | None:
        """(sentence, word) under document position `pos`; word -1 for a sentence without
        timings or for the timestamp."""
        seg = self.sentence_at(pos)
        if seg is None:
            return None
        offset = pos - self._seg_pos[seg]
        spans = self._texts[seg].spans
        if not spans or offset < 0:
            return seg, -1 if not spans else 0
        j = max(0, bisect_right([a for a, _b in spans], offset) - 1)
        return seg, j

    def time_of(self, seg: int, word: int) -> float:
        assert self._analysis is not None
        s = self._analysis.segments[seg]
        return s.words[word][0] if word >= 0 and s.words else s.start

    def word_range(self, ref_index: int) -> tuple[int, int]:
        """Document range of an entry of the word index."""
        ref = self._words.refs[ref_index]
        base = self._seg_pos[ref.sentence]
        spans = self._texts[ref.sentence].spans
        if ref.word < 0 or not spans:
            return base, base + len(self._texts[ref.sentence].text)
        a, b = spans[ref.word]
        return base + a, base + b

    def point_of_sentence(self, seg: int) -> int:
        return self._seg_pos[seg]

    # -- playback and search highlights ----------------------------------------------------

    def show_time(self, seconds: float, follow: bool = True) -> None:
        """Highlight the word spoken at `seconds`; scroll it into view if `follow`."""
        current = self._words.at(seconds)
        if current == self._current:
            return
        self._current = current
        self._refresh_selections()
        # Following pauses for a while after the user scrolls, so reading ahead works.
        if follow and current is not None and \
                time.monotonic() - self._user_scrolled > _FOLLOW_PAUSE:
            self._reveal(self.word_range(current)[0])

    def current_word(self) -> int | None:
        return self._current

    def set_hits(self, hits: list[Hit], current: int | None) -> None:
        self._hits, self._hit_now = hits, current
        self._refresh_selections()
        if current is not None:
            hit = hits[current]
            self._reveal(self._hit_base(hit) + hit.start)

    def _hit_base(self, hit: Hit) -> int:
        """Where the text a hit counts in starts in the document."""
        if hit.interviewer:
            return self.interviewer_lines[hit.sentence].text_at
        return self._seg_pos[hit.sentence]

    def reveal_sentence(self, seg: int) -> None:
        self._reveal(self._seg_pos[seg])

    def _reveal(self, pos: int) -> None:
        """Scroll so `pos` is in the upper third, unless it is already comfortably shown."""
        cursor = QTextCursor(self.document())
        cursor.setPosition(pos)
        rect = self.cursorRect(cursor)
        height = self.viewport().height()
        if height * 0.1 <= rect.top() <= height * 0.75:
            return
        bar = self.verticalScrollBar()
        bar.setValue(bar.value() + rect.top() - height // 3)

    def _refresh_selections(self) -> None:
        selections = []
        dark = is_dark(self)
        hit_fmt = QTextCharFormat()
        hit_fmt.setBackground(QColor("#8a6d00" if dark else "#ffe066"))
        now_fmt = QTextCharFormat()
        now_fmt.setBackground(QColor("#ff9d00" if dark else "#ffb000"))
        now_fmt.setForeground(QColor("#000000"))
        for n, hit in enumerate(self._hits):
            base = self._hit_base(hit)
            selections.append(self._selection(base + hit.start, base + hit.end,
                                              now_fmt if n == self._hit_now else hit_fmt))
        if self._current is not None:
            word_fmt = QTextCharFormat()
            word_fmt.setBackground(self.palette().color(QPalette.ColorRole.Highlight))
            word_fmt.setForeground(self.palette().color(QPalette.ColorRole.HighlightedText))
            a, b = self.word_range(self._current)
            selections.append(self._selection(a, b, word_fmt))
        self.setExtraSelections(selections)

    def _selection(self, a: int, b: int, fmt: QTextCharFormat) -> QTextEdit.ExtraSelection:
        sel = QTextEdit.ExtraSelection()
        cursor = QTextCursor(self.document())
        cursor.setPosition(a)
        cursor.setPosition(b, QTextCursor.MoveMode.KeepAnchor)
        sel.cursor = cursor
        sel.format = fmt
        return sel

    # -- user input ------------------------------------------------------------------------

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._press = event.position().toPoint()
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        press, self._press = self._press, None
        if event.button() != Qt.MouseButton.LeftButton or press is None:
            return
        if (event.position().toPoint() - press).manhattanLength() > 4:
            return  # a drag selects text; it does not seek
        self.click_at(event.position().toPoint())

    def click_at(self, point: QPoint) -> None:
        """Seek to the word under a viewport point (what a click does)."""
        pos = self.cursorForPosition(point).position()
        asked = line_at(self.interviewer_lines, pos)
        if asked is not None:
            self._note_user_scroll()
            self.seekRequested.emit(asked.time_at(pos))
            return
        ref = self.word_at(pos)
        if ref is not None:
            self._note_user_scroll()  # the clicked word is in view; do not jump away
            self.seekRequested.emit(self.time_of(*ref))

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        ref = self.word_at(self.cursorForPosition(event.pos()).position())
        if ref is None or self._analysis is None:
            super().contextMenuEvent(event)
            return
        menu = self.category_menu(ref[0], self.time_of(*ref))
        menu.exec(event.globalPos())
        menu.deleteLater()

    def category_menu(self, seg: int, seconds: float | None = None) -> QMenu:
        """The right-click menu for sentence `seg`: one checkable entry per category, then
        the stage submenu for `seconds` (the word clicked; the sentence's start if None)."""
        assert self._analysis is not None
        menu = QMenu(self)
        current = self._analysis.segments[seg].category
        machine = self._analysis.segments[seg].corrected_from
        menu.addSection("This segment is about" + (
            f" (machine said {CATEGORY_LABELS.get(machine, machine)})" if machine else ""))
        dark = is_dark(self)
        for cat in CATEGORIES:
            action = menu.addAction(CATEGORY_LABELS[cat])
            action.setCheckable(True)
            action.setChecked(cat == current)
            action.setIcon(_swatch(category_color(cat, dark)))
            action.setData(cat)
            action.triggered.connect(lambda _=False, c=cat: self.categoryChosen.emit(seg, c))
        if self.stage_menu is not None:
            at = self._analysis.segments[seg].start if seconds is None else seconds
            stages = self.stage_menu(at, menu)
            if stages is not None:
                menu.addSeparator()
                menu.addMenu(stages)
        return menu

    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and self._analysis is not None:
            pos = event.pos()  # type: ignore[attr-defined]
            seg = self.sentence_at(self.cursorForPosition(pos).position())
            if seg is None:
                QToolTip.hideText()
            else:
                QToolTip.showText(event.globalPos(), self.tooltip_for(seg),  # type: ignore[attr-defined]
                                  self.viewport())
            return True
        return super().viewportEvent(event)

    def tooltip_for(self, seg: int) -> str:
        """Why a sentence got its colour: its category and the cues that decided it."""
        assert self._analysis is not None
        s = self._analysis.segments[seg]
        lines = [f"<b>{CATEGORY_LABELS.get(s.category, s.category)}</b> · "
                 f"{stamp(s.start)}–{stamp(s.end)}"]
        if s.cues:
            from html import escape

            lines.append("Cues: " + ", ".join(escape(c) for c in s.cues))
        if seg in self._corrected:
            lines.append("<i>Corrected by you</i>")
        lines.append("<span style='color:gray'>Right-click to correct the category or "
                     "start a stage here</span>")
        return "<br>".join(lines)


def _swatch(color: QColor) -> QIcon:

    pix = QPixmap(12, 12)
    pix.fill(color)
    return QIcon(pix)
