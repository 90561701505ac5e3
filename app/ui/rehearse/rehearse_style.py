"""Colours and sizes of the rehearsal screen: read from a metre away, so big and strong."""

from __future__ import annotations

from app.rehearsal.stage_clock import Light
from app.ui.theme import LIGHT_COLORS

# The app's colour-blind-safe traffic light, keyed by the clock's Light.
LIGHT_COLOURS: dict[Light, str] = {light: LIGHT_COLORS[light.value] for light in Light}
# Words next to the colour, so the light reads without colour vision too.
LIGHT_WORDS: dict[Light, str] = {
    Light.GREEN: "ON TIME",
    Light.AMBER: "WRAP UP SOON",
    Light.RED: "OVER TIME",
}
PAUSED_COLOUR = "#80868b"
# Text follows the palette so the screen reads in the dark theme too.
INK = "palette(window-text)"
MUTED = "#80868b"  # secondary text, legible on light and dark backgrounds
CARD = "#fff8e1"
