"""Every export of the review writes a file that parses, reflects the user's
corrections, and escapes whatever the transcript says."""

from __future__ import annotations

import html
import json
from html.parser import HTMLParser
from pathlib import Path

import pytest
from pdf_check import median_height, text
from review_state.review_fixtures import review_session  # noqa: F401 - a fixture

from app.prompts import load_library
from app.reports.common import sentence_label
from app.transcript import load_transcript
from app.ui.review.review_screen import ReviewScreen

pytestmark = pytest.mark.model

SCRIPT = "<script>alert('owned')</script>"
NOTE = "ask about the 202 <i>here</i>"


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.tags.append(tag)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


@pytest.fixture
def screen(qtbot, review_session: Path) -> ReviewScreen:  # noqa: F811
    # The speaker "said" a script tag: the exports must show it, never run it.
    path = review_session / "analysis.json"
    data = json.loads(path.read_text())
    data["segments"][2]["text"] += " " + SCRIPT
    path.write_text(json.dumps(data))
    view = ReviewScreen(review_session)
    qtbot.addWidget(view)
    seg = next(i for i, s in enumerate(view.review.analysis.segments) if s.category == "api")
    view.correct_category(seg, "tradeoffs")
    view.corrected_index = seg  # type: ignore[attr-defined]
    view.review.add_bookmark(3.0, NOTE)
    return view


def test_each_export_writes_a_file_that_parses(screen: ReviewScreen, tmp_path: Path):
    analysis = screen.review.analysis
    corrected = analysis.segments[screen.corrected_index]  # type: ignore[attr-defined]

    data = json.loads(screen.export("json", tmp_path / "r.json").read_text())
    assert data["schema"] == "debrief.analysis/1"
    assert data["segments"][screen.corrected_index]["category"] == "tradeoffs"  # type: ignore[attr-defined]

    page = screen.export("html", tmp_path / "r.html").read_text()
    parser = _Tags()
    parser.feed(page)
    parser.close()
    assert "script" not in parser.tags
    assert SCRIPT in "".join(parser.text)  # shown as text
    assert "&lt;script&gt;" in page

    md = screen.export("md", tmp_path / "r.md").read_text()
    assert md.strip() and any(line.startswith("#") for line in md.splitlines())

    for fmt in ("srt", "vtt"):
        cues = load_transcript(screen.export(fmt, tmp_path / f"r.{fmt}"))
        assert len(cues.segments) >= len(analysis.segments) // 2
        assert any(corrected.text.strip()[:20] in c.text for c in cues.segments)

    txt = screen.export("txt", tmp_path / "r.txt").read_text()
    assert corrected.text.strip()[:20] in txt

    pdf_path = screen.export("pdf", tmp_path / "r.pdf")
    pdf = pdf_path.read_bytes()
    assert pdf.startswith(b"%PDF") and pdf.rstrip().endswith(b"%%EOF") and len(pdf) > 2000
    assert median_height(pdf_path) >= 8.0
    body = text(pdf_path)
    assert NOTE in body and SCRIPT in body
    assert f"{sentence_label(corrected)} {' '.join(corrected.text.split()[:3])}" in body

    # Every text format carries the bookmarks (the rehearsal's and the one added here)
    # and the title of the prompt, which session.json names only by its id.
    title = load_library().get(screen.review.meta.prompt_id).title
    assert title in body
    for fmt in ("md", "html", "txt", "vtt", "srt", "json"):
        body = html.unescape((tmp_path / f"r.{fmt}").read_text()).replace("\\", "")
        assert NOTE in body and "webhook part felt rushed" in body, fmt
        assert fmt == "srt" or title in body, fmt

    wav = screen.export("wav", tmp_path / "r.wav")
    assert wav.read_bytes() == screen.review.folder.audio_path.read_bytes()
