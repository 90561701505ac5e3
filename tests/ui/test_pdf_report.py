"""The PDF report prints: body text at reading size on A4 or Letter, with the chart,
the flags, the rubric and its evidence, the annotated transcript and the user's own
bookmarks and notes, read back from the file with poppler's pdftotext."""

from __future__ import annotations

from pathlib import Path

import pytest
from analysis.helpers import cues
from evaluation.corpus import CORPUS_DIR, load_script
from pdf_check import images, median_height, page_sizes, text, words
from PySide6.QtCore import QLocale
from PySide6.QtGui import QPageSize

from app.analysis import analyze
from app.analysis.model import Analysis
from app.reports import SessionInfo
from app.reports.common import clock, sentence_label
from app.review_state.bookmarks import Bookmark
from app.ui.pdf_report import paper_size, render_pdf, write_pdf

# The suite's one QApplication, made before render_pdf would make a QGuiApplication.
pytestmark = pytest.mark.usefixtures("qapp")

A4 = (595.0, 842.0)
LETTER = (612.0, 792.0)
INFO = SessionInfo(
    prompt_title="Port-in requests API", date="2026-10-03T17:30:00+02:00",
    notes="Second try; slower this time.",
    bookmarks=[Bookmark(20.0, "should have said <b>idempotency</b> here"), Bookmark(60.0)])


@pytest.fixture(scope="module")
def analysis() -> Analysis:
    """A whole mock answer from the corpus, read as subtitle cues, with its stages."""
    script = load_script(CORPUS_DIR / "port-in-requests.json")
    transcript = cues([s["text"] for s in script["sentences"]])
    marks: list[tuple[str, float]] = []
    for sentence, seg in zip(script["sentences"], transcript.segments, strict=True):
        if not marks or marks[-1][0] != sentence["stage"]:
            marks.append((sentence["stage"], seg.start))
    return analyze(transcript, marks)


@pytest.fixture(scope="module")
def pdf(analysis: Analysis, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("pdf") / "report.pdf"
    out.write_bytes(render_pdf(analysis, INFO, QPageSize.PageSizeId.A4))
    return out


def test_body_text_is_print_size(pdf: Path):
    # pdftotext's word box is the font's line height, about 1.15 times its size:
    # 9-11 pt type gives 10.5-13 pt boxes.
    assert 8.0 <= median_height(pdf) <= 13.0
    assert set(page_sizes(pdf)) == {A4}
    left = min(w.x for w in words(pdf))
    assert 40 < left < 45  # the 15 mm margin, not 35 mm


def test_the_pdf_holds_the_whole_review(pdf: Path, analysis: Analysis):
    body = text(pdf)
    assert "Prompt: Port-in requests API" in body and "3 October 2026, 17:30" in body
    assert analysis.flags and analysis.rubric
    for flag in analysis.flags:
        assert flag.title in body
    for item in analysis.rubric:
        assert item.title in body
        if item.covered:
            quote = " ".join(item.moments[0].quote.split()[:5])
            assert f"{clock(item.moments[0].time)} “{quote}" in body
    assert "missed" in body
    for seg in analysis.segments:  # each segment with its category
        first = " ".join(seg.text.split()[:4])
        assert f"{clock(seg.start)} {sentence_label(seg)} {first}" in body
    # The user's own work, shown as text.
    assert "should have said <b>idempotency</b> here" in body
    assert "(no note)" in body and "Second try; slower this time." in body
    assert len(page_sizes(pdf)) >= 2


def test_each_page_says_its_number_and_the_prompt(pdf: Path):
    count = len(page_sizes(pdf))
    body = text(pdf)
    for n in range(1, count + 1):
        assert f"page {n} of {count}" in body
    assert body.count("Debrief · Port-in requests API") == count


def test_a_long_prompt_title_is_cut_short_in_the_footer(analysis: Analysis, tmp_path: Path):
    out = tmp_path / "long.pdf"
    title = "Design an API " + "for ever longer things " * 12
    out.write_bytes(render_pdf(analysis, SessionInfo(prompt_title=title),
                               QPageSize.PageSizeId.A4))
    footer = " ".join(w.text for w in words(out) if w.y > 790)  # below the text area
    assert footer.startswith("Debrief · Design an API") and "…" in footer
    assert "page 1 of" in footer


def test_the_chart_is_a_sharp_picture(pdf: Path):
    (width, height), = images(pdf)
    assert width >= 1500 and height > 300  # at least 200 ppi across the text width


@pytest.mark.parametrize("name, paper", [("en_US", QPageSize.PageSizeId.Letter),
                                         ("en_CA", QPageSize.PageSizeId.Letter),
                                         ("de_DE", QPageSize.PageSizeId.A4),
                                         ("en_GB", QPageSize.PageSizeId.A4),
                                         ("C", QPageSize.PageSizeId.A4)])
def test_paper_follows_the_locale(name: str, paper: QPageSize.PageSizeId):
    assert paper_size(QLocale(name)) == paper


def test_letter_pages(analysis: Analysis, tmp_path: Path):
    out = tmp_path / "letter.pdf"
    out.write_bytes(render_pdf(analysis, None, QPageSize.PageSizeId.Letter))
    assert set(page_sizes(out)) == {LETTER}
    assert 8.0 <= median_height(out) <= 13.0


def test_write_pdf_goes_through_the_output_helper(analysis: Analysis, tmp_path: Path):
    out = tmp_path / "r.pdf"
    out.write_text("old")
    write_pdf(analysis, INFO, out)
    assert out.read_bytes().startswith(b"%PDF")
    assert [p.name for p in tmp_path.iterdir()] == ["r.pdf"]  # no temporary left beside it


def test_the_interviewers_questions_print_as_theirs_between_the_sentences(
        analysis: Analysis, pdf: Path, tmp_path: Path):
    from dataclasses import replace

    from app.analysis.model import InterviewerLine

    question = "How would developers manage concurrent requests?"
    at = analysis.segments[3].start - 0.2  # asked just before the fourth sentence
    asked = replace(analysis, interviewer=[InterviewerLine(at, at + 0.1, question)])
    out = tmp_path / "asked.pdf"
    out.write_bytes(render_pdf(asked, INFO, QPageSize.PageSizeId.A4))
    body = text(out)
    line = f"{clock(at)} Interviewer {question}"
    assert body.count(line) == 1
    third, fourth = (" ".join(s.text.split()[:4]) for s in analysis.segments[2:4])
    assert body.index(third) < body.index(line) < body.index(fourth)
    # Nothing else changes: the candidate's figures are those printed without it.
    head = "Annotated transcript"
    assert body.split(head)[0] == text(pdf).split(head)[0]
