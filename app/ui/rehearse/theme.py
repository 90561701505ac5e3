"""Colours and sizes of the rehearsal screen: read from a metre away, so big and strong."""

from __future__ import annotations

from app.rehearsal.stage_clock import Light

LIGHT_COLOURS: dict[Light, str] = {
    Light.GREEN: "#1e8e3e",
    Light.AMBER: "#f29900",
    Light.RED: "#d93025",
}
# Words next to the colour, so the light reads without colour vision too.
LIGHT_WORDS: dict[Light, str] = {
    Light.GREEN: "ON TIME",
    Light.AMBER: "WRAP UP SOON",
    Light.RED: "OVER TIME",
}
PAUSED_COLOUR = "#5f6368"
INK = "#202124"
MUTED = "#5f6368"
CARD = "#fff8e1"
