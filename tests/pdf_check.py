"""Reading a PDF back as a reader would, with poppler's pdftotext: the words and their
size on the page, the pages and their size; and the pictures, from the file itself."""

from __future__ import annotations

import re
import statistics
import subprocess
import unicodedata
from dataclasses import dataclass
from html import unescape
from pathlib import Path

from speech import require

_PAGE = re.compile(r'<page width="([\d.]+)" height="([\d.]+)">')
_WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">'
                   r"(.*?)</word>")
# Qt writes each picture's dictionary uncompressed: /Subtype /Image /Width w /Height h.
_IMAGE = re.compile(rb"/Subtype /Image\s*/Width (\d+)\s*/Height (\d+)")


@dataclass(frozen=True)
class Word:
    text: str
    height: float  # points: the line box pdftotext gives the word (about 1.15 x its size)
    x: float
    y: float


def _bbox(pdf: Path) -> str:
    return subprocess.run([require("pdftotext"), "-bbox", str(pdf), "-"], check=True,
                          capture_output=True, text=True).stdout


def words(pdf: Path) -> list[Word]:
    return [Word(unescape(t), float(y1) - float(y0), float(x0), float(y0))
            for x0, y0, _x1, y1, t in _WORD.findall(_bbox(pdf))]


def median_height(pdf: Path) -> float:
    return statistics.median(w.height for w in words(pdf))


def page_sizes(pdf: Path) -> list[tuple[float, float]]:
    """Each page's width and height in points."""
    return [(float(w), float(h)) for w, h in _PAGE.findall(_bbox(pdf))]


def text(pdf: Path) -> str:
    """The text, words joined by single spaces (lines and pages run together), with the
    font's ligatures ("ﬀ") taken apart."""
    out = subprocess.run([require("pdftotext"), str(pdf), "-"], check=True,
                         capture_output=True, text=True).stdout
    return " ".join(unicodedata.normalize("NFKC", out).split())


def images(pdf: Path) -> list[tuple[int, int]]:
    """(width, height) in pixels of each picture."""
    return [(int(w), int(h)) for w, h in _IMAGE.findall(pdf.read_bytes())]
