"""The prompt library screen: filter and search the case prompts, read one, rehearse it.

Thin: it renders an `app.prompts.Library` and emits intents (`promptSelected`,
`rehearseRequested`, `drillRequested`); choosing what happens next is the caller's job.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QEvent, QModelIndex, QPersistentModelIndex, QSize, Qt, Signal
from PySide6.QtGui import QFont, QPainter, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app.errors import DebriefError
from app.prompts import KIND_TITLES, Library, Prompt, load_rubric

_ID_ROLE = Qt.ItemDataRole.UserRole
_META_ROLE = Qt.ItemDataRole.UserRole + 1
_LENGTHS = (45, 60)


def _scaled_font(font: QFont, factor: float, bold: bool = False) -> QFont:
    font = QFont(font)
    if font.pointSizeF() > 0:
        font.setPointSizeF(font.pointSizeF() * factor)
    font.setBold(bold)
    return font


class _PromptItemDelegate(QStyledItemDelegate):
    """Two lines per prompt: the title in bold, product · kind · minutes beneath, muted."""

    PAD = 8

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        title, meta = opt.text, index.data(_META_ROLE) or ""
        opt.text = ""
        style = opt.widget.style() if opt.widget else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        group = QPalette.ColorGroup.Normal
        text_color = opt.palette.color(
            group, QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text)
        rect = opt.rect.adjusted(self.PAD + 2, self.PAD // 2, -self.PAD, -self.PAD // 2)
        bold = _scaled_font(opt.font, 1.0, bold=True)
        title_h = rect.height() // 2
        painter.save()
        painter.setFont(bold)
        painter.setPen(text_color)
        elided = painter.fontMetrics().elidedText(title, Qt.TextElideMode.ElideRight,
                                                  rect.width())
        painter.drawText(rect.adjusted(0, 0, 0, -title_h + 2),
                         Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom, elided)
        painter.setFont(_scaled_font(opt.font, 0.9))
        role = QPalette.ColorRole
        muted = role.HighlightedText if selected else role.PlaceholderText
        painter.setPen(opt.palette.color(group, muted))
        meta = painter.fontMetrics().elidedText(meta, Qt.TextElideMode.ElideRight, rect.width())
        painter.drawText(rect.adjusted(0, title_h + 2, 0, 0),
                         Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop, meta)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem,
                 index: QModelIndex | QPersistentModelIndex) -> QSize:
        height = option.fontMetrics.height()
        return QSize(240, 2 * height + 2 * self.PAD + 4)


class LibraryView(QWidget):
    """Browse the case prompts; emits the chosen prompt's id."""

    promptSelected = Signal(str)
    rehearseRequested = Signal(str)
    drillRequested = Signal(str)  # rehearse one stage of the prompt on its own

    def __init__(self, library: Library, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._library = library
        self._prompt: Prompt | None = None
        try:
            self._rubric = load_rubric()
        except DebriefError:
            self._rubric = {}  # ids still show; titles are a nicety

        self.search_box = QLineEdit(placeholderText="Search prompts (title, text, product)")
        self.search_box.setClearButtonEnabled(True)
        self.product_combo = QComboBox()
        self.kind_combo = QComboBox()
        self.prompt_list = QListWidget()
        self.prompt_list.setItemDelegate(_PromptItemDelegate(self.prompt_list))
        self.prompt_list.setUniformItemSizes(True)
        self.prompt_list.setAlternatingRowColors(False)
        self.count_label = QLabel()
        self.problems_label = QLabel()
        self.problems_label.setWordWrap(True)

        self.title_label = QLabel()
        self.title_label.setTextFormat(Qt.TextFormat.PlainText)  # a user's prompt: text
        self.title_label.setWordWrap(True)
        self.title_label.setFont(_scaled_font(self.font(), 1.45, bold=True))
        self.title_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.meta_label = QLabel()
        self.detail = QTextBrowser()
        self.detail.setOpenLinks(False)
        self.detail.setFrameShape(QTextBrowser.Shape.NoFrame)
        self.length_combo = QComboBox()
        for minutes in _LENGTHS:
            self.length_combo.addItem(f"{minutes} minutes", minutes)
        self.rehearse_button = QPushButton("Rehearse this prompt…")
        self.rehearse_button.setObjectName("rehearseButton")
        self.rehearse_button.setDefault(True)
        self.rehearse_button.setFont(_scaled_font(self.font(), 1.15, bold=True))
        self.rehearse_button.setStyleSheet(
            "#rehearseButton { background: palette(highlight); color: palette(highlighted-text);"
            " border: none; border-radius: 6px; padding: 10px 26px; }"
            "#rehearseButton:disabled { background: palette(mid); }")
        self.rehearse_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.drill_button = QPushButton("Drill a stage…")
        self.drill_button.setToolTip("Rehearse one stage of this prompt on its own: its "
                                     "budget or a length you choose")

        self._layout()
        self._fill_filters()
        self.search_box.textChanged.connect(lambda *_: self._populate())
        self.product_combo.currentIndexChanged.connect(lambda *_: self._populate())
        self.kind_combo.currentIndexChanged.connect(lambda *_: self._populate())
        self.prompt_list.currentItemChanged.connect(self._on_current_changed)
        self.length_combo.currentIndexChanged.connect(self._render_detail)
        self.rehearse_button.clicked.connect(self._on_rehearse)
        self.drill_button.clicked.connect(self._on_drill)
        self.rehearse_button.setToolTip("Set up a rehearsal of this prompt (Enter in the list)")
        self.prompt_list.itemActivated.connect(lambda _item: self._on_rehearse())
        self._populate()

    # -- layout ---------------------------------------------------------------

    def _layout(self) -> None:
        left = QWidget()
        lv = QVBoxLayout(left)
        lv.setContentsMargins(12, 12, 6, 12)
        lv.setSpacing(8)
        heading = QLabel("Case prompts")
        heading.setFont(_scaled_font(self.font(), 1.25, bold=True))
        lv.addWidget(heading)
        lv.addWidget(self.search_box)
        filters = QHBoxLayout()
        filters.setSpacing(6)
        filters.addWidget(self.product_combo, 1)
        filters.addWidget(self.kind_combo, 1)
        lv.addLayout(filters)
        lv.addWidget(self.prompt_list, 1)
        lv.addWidget(self.count_label)
        lv.addWidget(self.problems_label)

        right = QWidget()
        rv = QVBoxLayout(right)
        rv.setContentsMargins(18, 16, 16, 12)
        rv.setSpacing(6)
        rv.addWidget(self.title_label)
        rv.addWidget(self.meta_label)
        rv.addSpacing(4)
        rv.addWidget(self.detail, 1)
        actions = QHBoxLayout()
        actions.setSpacing(10)
        actions.addStretch(1)
        actions.addWidget(QLabel("Length:"))
        actions.addWidget(self.length_combo)
        actions.addWidget(self.drill_button)
        actions.addWidget(self.rehearse_button)
        rv.addLayout(actions)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        splitter.setChildrenCollapsible(False)
        splitter.setSizes([440, 760])  # titles are long; give the list room to show them
        left.setMinimumWidth(280)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(splitter)

    def _fill_filters(self) -> None:
        for combo, first, values in (
            (self.product_combo, "All products", [(p, p) for p in self._library.products()]),
            (self.kind_combo, "All kinds",
             [(KIND_TITLES.get(k, k), k) for k in self._library.kinds()]),
        ):
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(first, None)
            for label, value in values:
                combo.addItem(label, value)
            combo.blockSignals(False)

    # -- public ---------------------------------------------------------------

    def set_library(self, library: Library) -> None:
        """Show another library (after the user adds prompt files), keeping the selection."""
        keep = self._prompt.id if self._prompt else None
        self._library = library
        self._fill_filters()
        self._populate()
        if keep and any(p.id == keep for p in library.prompts):
            self.select(keep)

    def select(self, prompt_id: str) -> None:
        """Select a prompt by id, clearing filters that hide it; DebriefError if unknown."""
        self._library.get(prompt_id)
        if prompt_id not in self.visible_ids():
            for widget in (self.search_box, self.product_combo, self.kind_combo):
                widget.blockSignals(True)
            self.search_box.clear()
            self.product_combo.setCurrentIndex(0)
            self.kind_combo.setCurrentIndex(0)
            for widget in (self.search_box, self.product_combo, self.kind_combo):
                widget.blockSignals(False)
            self._populate()
        for row in range(self.prompt_list.count()):
            item = self.prompt_list.item(row)
            if item.data(_ID_ROLE) == prompt_id:
                self.prompt_list.setCurrentItem(item)
                return

    def current_prompt(self) -> Prompt | None:
        """The selected prompt, scaled to the chosen length."""
        if self._prompt is None:
            return None
        return self._prompt.scaled(self.minutes())

    def minutes(self) -> int:
        """The length chosen for the rehearsal (45 or 60, or the prompt's own)."""
        return int(self.length_combo.currentData())

    def visible_ids(self) -> list[str]:
        """Ids of the prompts the filters let through, in list order."""
        return [self.prompt_list.item(r).data(_ID_ROLE) for r in range(self.prompt_list.count())]

    # -- rendering ------------------------------------------------------------

    def _matches(self, prompt: Prompt) -> bool:
        product, kind = self.product_combo.currentData(), self.kind_combo.currentData()
        if product is not None and prompt.product != product:
            return False
        if kind is not None and prompt.kind != kind:
            return False
        haystack = " ".join((prompt.id, prompt.title, prompt.product, prompt.kind_title,
                             prompt.text)).casefold()
        return all(word in haystack for word in self.search_box.text().casefold().split())

    def _populate(self) -> None:
        keep = self._prompt.id if self._prompt else None
        shown = [p for p in self._library.prompts if self._matches(p)]
        self.prompt_list.blockSignals(True)
        self.prompt_list.clear()
        for prompt in shown:
            item = QListWidgetItem(prompt.title)
            item.setData(_ID_ROLE, prompt.id)
            item.setData(_META_ROLE, f"{prompt.product} · {prompt.kind_title} · "
                                     f"{prompt.minutes} min")
            item.setToolTip(prompt.title)
            self.prompt_list.addItem(item)
        self.prompt_list.blockSignals(False)
        total = len(self._library.prompts)
        self.count_label.setText(f"{len(shown)} of {total} prompts" if len(shown) != total
                                 else f"{total} prompts")
        self._show_problems()
        ids = [p.id for p in shown]
        if not ids:
            self._set_prompt(None)
            return
        # The list was cleared with signals blocked, so this always reports a change.
        self.prompt_list.setCurrentRow(ids.index(keep) if keep in ids else 0)

    def _show_problems(self) -> None:
        problems = self._library.problems
        self.problems_label.setVisible(bool(problems))
        if problems:
            n = len(problems)
            self.problems_label.setText(
                f"<small>{n} problem{'s' if n > 1 else ''} in prompt files; those prompts are "
                "left out. Run <code>debrief prompts check</code>.</small>")
            self.problems_label.setToolTip("\n".join(str(p) for p in problems[:20]))

    def _on_current_changed(self, current: QListWidgetItem | None,
                            _previous: QListWidgetItem | None) -> None:
        if current is None:
            self._set_prompt(None)
            return
        prompt = self._library.get(current.data(_ID_ROLE))
        changed = self._prompt is None or prompt.id != self._prompt.id
        self._set_prompt(prompt)
        if changed:
            self.promptSelected.emit(prompt.id)

    def _set_prompt(self, prompt: Prompt | None) -> None:
        self._prompt = prompt
        if prompt is not None:
            # A user's prompt may have its own length; offer it beside 45 and 60.
            lengths = sorted({*_LENGTHS, prompt.minutes})
            combo = self.length_combo
            combo.blockSignals(True)
            if [combo.itemData(i) for i in range(combo.count())] != lengths:
                combo.clear()
                for minutes in lengths:
                    combo.addItem(f"{minutes} minutes", minutes)
            combo.setCurrentIndex(lengths.index(prompt.minutes))
            combo.blockSignals(False)
        self._render_detail()

    def _render_detail(self) -> None:
        prompt = self.current_prompt()
        for widget in (self.rehearse_button, self.drill_button, self.length_combo):
            widget.setEnabled(prompt is not None)
        if prompt is None:
            self.title_label.setText("No prompt matches")
            self.meta_label.setText("Clear the search or pick another product or kind.")
            self.detail.clear()
            return
        self.title_label.setText(prompt.title)
        self.meta_label.setText(f"{prompt.product}  ·  {prompt.kind_title}  ·  "
                                f"{prompt.minutes} minutes")
        self.detail.setHtml(self._detail_html(prompt))

    def _detail_html(self, prompt: Prompt) -> str:
        pal = self.palette()
        muted = pal.color(QPalette.ColorRole.PlaceholderText).name()
        accent = pal.color(QPalette.ColorRole.Highlight).name()
        rule = pal.color(QPalette.ColorRole.Mid).name()
        paras = "".join(f"<p style='margin:0 0 8px 0'>{escape(p)}</p>"
                        for p in prompt.text.split("\n\n"))
        out = [
            "<div style='line-height:140%'>",
            f"<div style='font-size:large; border-left:3px solid {accent}; "
            f"padding-left:10px'>{paras}</div>",
            "<h3 style='margin-top:18px'>Stage plan</h3>",
            "<table cellspacing='0' cellpadding='5' width='100%'>",
        ]
        for stage in prompt.stages:
            out.append(
                f"<tr><td valign='top' align='right' width='64' style='border-top:1px solid "
                f"{rule}'><b>{stage.minutes:g}</b>&nbsp;min</td>"
                f"<td style='border-top:1px solid {rule}'><b>{escape(stage.title)}</b><br>"
                f"<span style='color:{muted}'>{escape(stage.hint)}</span></td></tr>")
        out.append("</table>")
        if prompt.probes:
            out.append("<h3 style='margin-top:18px'>Interviewer probes</h3>")
            for stage in prompt.stages:
                probes = prompt.probes_for(stage.id)
                if not probes:
                    continue
                out.append(f"<p style='margin:10px 0 2px 0'><b>{escape(stage.title)}</b></p>"
                           "<ul style='margin-top:0'>")
                for probe in probes:
                    when = (f"<span style='color:{muted}'>at {probe.at:g} min — </span>"
                            if probe.at is not None else "")
                    out.append(f"<li style='margin-bottom:4px'>{when}{escape(probe.text)}</li>")
                out.append("</ul>")
        if prompt.rubric:
            names = ", ".join(escape(self._rubric.get(r, r)) for r in prompt.rubric)
            out.append(f"<h3 style='margin-top:18px'>Listens for</h3><p>{names}</p>")
        out.append("</div>")
        return "".join(out)

    def changeEvent(self, event: QEvent) -> None:
        # The detail HTML carries palette colours; redraw it when the theme changes.
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and hasattr(self, "detail"):
            self._render_detail()

    def _on_rehearse(self) -> None:
        if self._prompt is not None:
            self.rehearseRequested.emit(self._prompt.id)

    def _on_drill(self) -> None:
        if self._prompt is not None:
            self.drillRequested.emit(self._prompt.id)
