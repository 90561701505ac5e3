"""Reading a PDF back as a reader would, with poppler-utils: the words and their size on
the page, the page size, the pictures."""

from __future__ import annotations

import re
import statistics
import subprocess
import unicodedata
from dataclasses import dataclass
from html import unescape
from pathlib import Path

from speech import require

_WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">'
                   r"(.*?)</word>")


@dataclass(frozen=True)
class Word:
    text: str
    height: float  # points: the line box pdftotext gives the word (about the font size)
    x: float
    y: float


def words(pdf: Path) -> list[Word]:
    out = subprocess.run([require("pdftotext"), "-bbox", str(pdf), "-"], check=True,
                         capture_output=True, text=True).stdout
    return [Word(unescape(t), float(y1) - float(y0), float(x0), float(y0))
            for x0, y0, _x1, y1, t in _WORD.findall(out)]


def median_height(pdf: Path) -> float:
    return statistics.median(w.height for w in words(pdf))


def text(pdf: Path) -> str:
    """The text, words joined by single spaces (lines and pages run together), with the
    font's ligatures ("ﬀ") taken apart."""
    out = subprocess.run([require("pdftotext"), str(pdf), "-"], check=True,
                         capture_output=True, text=True).stdout
    return " ".join(unicodedata.normalize("NFKC", out).split())


def page_size(pdf: Path) -> tuple[float, float]:
    """The first page's width and height in points."""
    info = subprocess.run([require("pdfinfo"), str(pdf)], check=True, capture_output=True,
                          text=True).stdout
    m = re.search(r"Page size:\s+([\d.]+) x ([\d.]+) pts", info)
    assert m, info
    return float(m[1]), float(m[2])


def pages(pdf: Path) -> int:
    info = subprocess.run([require("pdfinfo"), str(pdf)], check=True, capture_output=True,
                          text=True).stdout
    return int(re.search(r"Pages:\s+(\d+)", info)[1])  # type: ignore[index]


def images(pdf: Path) -> list[tuple[int, int]]:
    """(width, height) in pixels of each picture."""
    out = subprocess.run([require("pdfimages"), "-list", str(pdf)], check=True,
                         capture_output=True, text=True).stdout
    rows = [line.split() for line in out.splitlines()[2:]]
    return [(int(r[3]), int(r[4])) for r in rows if len(r) > 4 and r[2] == "image"]
