"""The large stage clock: the stage, its time left (or overtime), its light, the total."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QFrame, QLabel, QSizePolicy, QVBoxLayout, QWidget

from app.rehearsal.stage_clock import ClockState, Light, StageClock, format_clock
from app.ui.rehearse.rehearse_style import LIGHT_COLOURS, LIGHT_WORDS, PAUSED_COLOUR

MAX_DIGITS_PX = 230


class ClockDisplay(QFrame):
    """Renders a StageClock; a coloured band makes the light obvious across the room."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("clockDisplay")
        self.stage_label = QLabel()
        self.time_label = QLabel("0:00")
        self.budget_label = QLabel()
        self.light_label = QLabel()
        self.total_label = QLabel()
        for label in (self.stage_label, self.time_label, self.budget_label, self.light_label,
                      self.total_label):
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            label.setTextFormat(Qt.TextFormat.PlainText)  # stage titles come from prompts
        # Wrapped, never widening the window ("PAUSED — press P to resume" is long).
        for label in (self.stage_label, self.budget_label, self.light_label,
                      self.total_label):
            label.setWordWrap(True)
        self.stage_label.setStyleSheet("font-size: 34px; font-weight: 600;")
        self.budget_label.setStyleSheet("font-size: 24px;")
        self.total_label.setStyleSheet("font-size: 26px; font-weight: 600;")
        self.time_label.setAccessibleName("Time left in this stage")
        # The digits shrink to fit rather than widen the window ("+12:40" is long).
        self.time_label.setSizePolicy(QSizePolicy.Policy.Ignored,
                                      QSizePolicy.Policy.Expanding)
        self.time_label.setMinimumHeight(90)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 18, 24, 18)
        layout.setSpacing(6)
        layout.addWidget(self.stage_label)
        layout.addWidget(self.light_label)
        layout.addWidget(self.time_label, 1)
        layout.addWidget(self.budget_label)
        layout.addWidget(self.total_label)
        self.light = Light.GREEN

    def render(self, clock: StageClock, waiting: bool = False) -> None:
        """Show the clock's current state (called a few times a second)."""
        stage = clock.current
        n, count = clock.index + 1, len(clock.plan.stages)
        if count > 1:
            self.stage_label.setText(f"Stage {n} of {count} · {stage.title}")
        else:  # a drill: the one stage, or a quick drill's item
            plan = clock.plan
            self.stage_label.setText(plan.prompt_title if plan.item and not plan.prompt_id
                                     else f"Drill · {stage.title}")
        self.total_label.setVisible(count > 1)  # one stage: the same numbers again
        left = clock.stage_remaining()
        self.light = clock.light()
        colour = LIGHT_COLOURS[self.light]
        if waiting:
            self.time_label.setText(format_clock(stage.seconds))
            self.budget_label.setText("Starting the microphone…")
            word, band = "GET READY", PAUSED_COLOUR
        elif left >= 0:
            self.time_label.setText(format_clock(left))
            self.budget_label.setText(f"left of {format_clock(stage.seconds)} for this stage")
            word, band = LIGHT_WORDS[self.light], colour
        else:
            self.time_label.setText(format_clock(-left, signed=True))
            self.budget_label.setText(f"over the {format_clock(stage.seconds)} budget")
            word, band = LIGHT_WORDS[self.light], colour
        if clock.state == ClockState.PAUSED:
            word, band = "PAUSED — press P to resume", PAUSED_COLOUR
        self.light_label.setText(word)
        self.light_label.setStyleSheet(
            f"background: {band}; color: white; font-size: 30px; font-weight: 800;"
            "border-radius: 10px; padding: 8px 18px;")
        ink = band if clock.state != ClockState.PAUSED else PAUSED_COLOUR
        self.time_label.setStyleSheet(f"color: {ink};")
        self._fit_time()
        total = clock.elapsed
        remaining = clock.remaining
        rest = (f"{format_clock(remaining)} left" if remaining >= 0
                else f"{format_clock(-remaining, signed=True)} over")
        self.total_label.setText(
            f"Total {format_clock(total)} of {format_clock(clock.plan.total_seconds)} · {rest}")
        self.setStyleSheet(f"#clockDisplay {{ border: 6px solid {band}; border-radius: 16px;"
                           " background: palette(base); }")

    def _fit_time(self) -> None:
        font = QFont(self.time_label.font())
        font.setWeight(QFont.Weight.ExtraBold)
        size = MAX_DIGITS_PX
        width = max(200, self.time_label.width() - 16)
        height = max(100, self.time_label.height())
        font.setPixelSize(size)
        advance = QFontMetrics(font).horizontalAdvance(self.time_label.text())
        if advance > width:
            size = int(size * width / advance)
        size = max(48, min(size, int(height * 0.75)))  # digits stay inside the label
        font.setPixelSize(size)
        self.time_label.setFont(font)

    def resizeEvent(self, event: object) -> None:
        super().resizeEvent(event)
        self._fit_time()
