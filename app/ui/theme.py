"""The look of the whole app: light and dark palettes, and the colours that carry
meaning (categories, the stage-clock lights) in both.

Category colours come from the Okabe-Ito palette, chosen to stay distinguishable with
the common kinds of colour blindness; the dark variants are lighter so they keep their
contrast on a dark background. Screens look colours up here, never hard-code them.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QWidget

THEMES: tuple[str, ...] = ("system", "light", "dark")
THEME_TITLES = {"system": "Follow the system", "light": "Light", "dark": "Dark"}

CATEGORY_COLORS: dict[str, str] = {
    "ui": "#D55E00",  # vermillion: the colour of the thing to avoid
    "api": "#0072B2",  # blue
    "webhooks": "#009E73",  # bluish green
    "tradeoffs": "#CC79A7",  # reddish purple
    "other": "#999999",  # grey
}
CATEGORY_COLORS_DARK: dict[str, str] = {
    "ui": "#F08A4B", "api": "#56B4E9", "webhooks": "#3CCB9C",
    "tradeoffs": "#E3A6CB", "other": "#A8A8A8",
}
CATEGORY_LABELS: dict[str, str] = {
    "ui": "UI", "api": "API", "webhooks": "Webhooks", "tradeoffs": "Trade-offs",
    "other": "Other",
}
# Stage-clock lights, also Okabe-Ito (green / orange / vermillion).
LIGHT_COLORS: dict[str, str] = {"green": "#009E73", "amber": "#E69F00", "red": "#D55E00"}
# Chart series that are not categories (trends): blue, orange, sky blue, ...
SERIES_COLORS: tuple[str, ...] = ("#0072B2", "#E69F00", "#56B4E9", "#009E73", "#CC79A7",
                                  "#D55E00")
SERIES_COLORS_DARK: tuple[str, ...] = ("#56B4E9", "#E69F00", "#9AD3F5", "#3CCB9C", "#E3A6CB",
                                       "#F08A4B")

_LIGHT = {
    "window": "#F4F5F7", "text": "#1D2129", "base": "#FFFFFF", "alt": "#F0F2F5",
    "button": "#E9ECF0", "highlight": "#0072B2", "highlighted_text": "#FFFFFF",
    "mid": "#C9CED6", "dark": "#9AA1AC", "disabled": "#8A9099", "link": "#0064A0",
    "tooltip": "#FFFFE8",
}
_DARK = {
    "window": "#1F2227", "text": "#E6E8EB", "base": "#16181C", "alt": "#22262B",
    "button": "#2C3036", "highlight": "#2F80C0", "highlighted_text": "#FFFFFF",
    "mid": "#3A3F47", "dark": "#101215", "disabled": "#70767F", "link": "#6CB8EC",
    "tooltip": "#2C3036",
}

_system_palette: QPalette | None = None
_system_style: str | None = None


def _palette(c: dict[str, str]) -> QPalette:
    R, G = QPalette.ColorRole, QPalette.ColorGroup
    p = QPalette()
    roles = {
        R.Window: c["window"], R.WindowText: c["text"], R.Base: c["base"],
        R.AlternateBase: c["alt"], R.ToolTipBase: c["tooltip"], R.ToolTipText: c["text"],
        R.PlaceholderText: c["disabled"], R.Text: c["text"], R.Button: c["button"],
        R.ButtonText: c["text"], R.BrightText: "#FFFFFF", R.Highlight: c["highlight"],
        R.HighlightedText: c["highlighted_text"], R.Link: c["link"], R.Mid: c["mid"],
        R.Dark: c["dark"], R.Light: c["base"], R.Midlight: c["alt"], R.Shadow: "#000000",
    }
    for role, color in roles.items():
        p.setColor(role, QColor(color))
    for role in (R.WindowText, R.Text, R.ButtonText):
        p.setColor(G.Disabled, role, QColor(c["disabled"]))
    return p


def light_palette() -> QPalette:
    """The light palette."""
    return _palette(_LIGHT)


def dark_palette() -> QPalette:
    """The dark palette."""
    return _palette(_DARK)


def apply_theme(mode: str, app: QApplication | None = None) -> None:
    """Switch the whole app to `mode` (system, light or dark) while it runs."""
    global _system_palette, _system_style
    app = app or QApplication.instance()  # type: ignore[assignment]
    if app is None:
        return
    if _system_palette is None:
        _system_palette, _system_style = app.palette(), app.style().name()
    hints = app.styleHints()
    if mode == "system":
        if hasattr(hints, "unsetColorScheme"):
            hints.unsetColorScheme()
        if _system_style:
            app.setStyle(_system_style)
        app.setPalette(_system_palette)
        _repolish(app)
        return
    # Fusion draws every control from the palette, so both themes look whole.
    app.setStyle("Fusion")
    if hasattr(hints, "setColorScheme"):
        hints.setColorScheme(Qt.ColorScheme.Dark if mode == "dark" else Qt.ColorScheme.Light)
    app.setPalette(dark_palette() if mode == "dark" else light_palette())
    _repolish(app)


def _repolish(app: QApplication) -> None:
    # Widgets with a style sheet keep the colours they were polished with; setting the
    # sheet again makes them take the new palette, so a theme change needs no restart.
    for widget in app.allWidgets():
        sheet = widget.styleSheet()
        if sheet:
            widget.setStyleSheet(sheet)


def is_dark(widget: QWidget | None = None) -> bool:
    """True when the palette in use has a dark window background."""
    palette = widget.palette() if widget is not None else QApplication.palette()
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def category_color(category: str, dark: bool = False) -> QColor:
    """The colour of a category (ui, api, webhooks, tradeoffs, other)."""
    table = CATEGORY_COLORS_DARK if dark else CATEGORY_COLORS
    return QColor(table.get(category, table["other"]))


def series_color(n: int, dark: bool = False) -> QColor:
    """The n-th colour for chart series that are not categories."""
    table = SERIES_COLORS_DARK if dark else SERIES_COLORS
    return QColor(table[n % len(table)])
