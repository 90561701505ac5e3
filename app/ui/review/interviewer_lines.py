"""The interviewer's questions in the review's transcript: their own paragraphs, in grey
italics under an "Interviewer" label, between the candidate's sentences.

They are not sentences of the analysis (no category, no correction menu), so the
transcript keeps them here: where each sits in the document, and which word a click
lands on, so a click plays from there like any other line.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

from PySide6.QtGui import QColor, QFont, QTextBlockFormat, QTextCharFormat, QTextCursor

from app.analysis.model import InterviewerLine
from app.reports.common import INTERVIEWER_TITLE
from app.review_state.layout import sentence_text
from app.ui.review.colors import stamp


@dataclass(frozen=True)
class PlacedLine:
    """An interviewer line in the document: its paragraph's first and past-last
    positions, where its text starts, and each word's start offset in that text."""

    first: int
    last: int
    text_at: int
    line: InterviewerLine
    word_offsets: tuple[int, ...]

    def time_at(self, pos: int) -> float:
        """The audio second of the word at document position `pos`."""
        if not self.word_offsets:
            return self.line.start
        j = max(0, bisect_right(self.word_offsets, pos - self.text_at) - 1)
        return self.line.words[j][0]


def insert_line(cursor: QTextCursor, line: InterviewerLine, hang: float, base: QColor,
                muted: QColor, time_fmt: QTextCharFormat) -> PlacedLine:
    """Add `line` as a new paragraph at `cursor`; returns where it went."""
    block = QTextBlockFormat()
    grey = QColor(round(base.red() * 0.9 + 128 * 0.1), round(base.green() * 0.9 + 128 * 0.1),
                  round(base.blue() * 0.9 + 128 * 0.1))
    block.setBackground(grey)
    block.setTopMargin(6)
    block.setBottomMargin(6)
    block.setLeftMargin(6 + hang)
    block.setTextIndent(-hang)
    block.setRightMargin(6)
    label = QTextCharFormat()
    label.setFontWeight(QFont.Weight.Bold)
    label.setForeground(muted)
    text = QTextCharFormat()
    text.setFontItalic(True)
    text.setForeground(muted)
    cursor.insertBlock(block, text)
    first = cursor.block().position()
    cursor.insertText("\u00a0 ", QTextCharFormat())  # where a sentence has its colour bar
    cursor.insertText(stamp(line.start) + "  ", time_fmt)
    cursor.insertText(f"{INTERVIEWER_TITLE}: ", label)
    text_at = cursor.position()
    # The same text the search looks in (SessionReview.find), so its hits land here.
    shown = sentence_text(line)
    cursor.insertText(shown.text, text)
    return PlacedLine(first, cursor.position(), text_at, line,
                      tuple(a for a, _b in shown.spans))


def line_at(placed: list[PlacedLine], pos: int) -> PlacedLine | None:
    """The interviewer line whose paragraph holds document position `pos`."""
    return next((p for p in placed if p.first <= pos <= p.last), None)
