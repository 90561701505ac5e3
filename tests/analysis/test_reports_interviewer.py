"""Every export shows the interviewer's spoken questions as theirs, in time order, and
counts them nowhere: markdown, plain text, HTML, subtitles and JSON (the PDF is the
HTML laid out on pages: tests/ui/test_pdf_report.py)."""

from __future__ import annotations

import json
import re
from dataclasses import replace

import pytest

from app.analysis import analyze
from app.analysis.model import Analysis
from app.reports import render
from app.transcript import INTERVIEWER, Transcript

from .helpers import spoken

BEFORE = "The create call takes a send at time and returns the schedule id."
QUESTION = "How would developers manage concurrent requests with idempotency keys?"
AFTER = "Two workers get the same result, because we keep the first response."
LATE = "What would make you delay general availability?"
CLOSING = "I would hold it until the error rate stays under one percent for a week."


def _analyses() -> tuple[Analysis, Analysis]:
    """The answer alone, and the same answer with two questions asked aloud."""
    before = spoken(BEFORE, start=0.0).segments[0]
    after = spoken(AFTER, start=14.0).segments[0]
    asked = replace(spoken(QUESTION, start=7.0, rate=0.3).segments[0], speaker=INTERVIEWER)
    late = replace(spoken(LATE, start=25.0, rate=0.3).segments[0], speaker=INTERVIEWER)
    closing = spoken(CLOSING, start=30.0).segments[0]
    return (analyze(Transcript([before, after, closing])),
            analyze(Transcript([before, asked, after, late, closing])))


@pytest.fixture(scope="module")
def pair() -> tuple[Analysis, Analysis]:
    return _analyses()


def _order(text: str, *parts: str) -> list[int]:
    return [text.index(p) for p in parts]


def test_markdown_sets_the_questions_apart_between_the_sentences(pair):
    md = render(pair[1], "md")
    transcript = md[md.index("## Annotated transcript"):]
    assert "> **0:07 · Interviewer:** How would developers manage concurrent" in transcript
    assert "> **0:25 · Interviewer:** What would make you delay" in transcript
    spots = _order(transcript, "the schedule id", "concurrent requests", "the first response",
                   "general availability")
    assert spots == sorted(spots)


def test_plain_text_keeps_the_label_without_markup(pair):
    txt = render(pair[1], "txt")
    assert "> 0:07 · Interviewer: How would developers manage concurrent requests" in txt
    assert "**" not in txt


def test_html_shows_each_question_as_the_interviewers_in_its_own_style(pair):
    page = render(pair[1], "html")
    lines = re.findall(r'<p class="seg asked">(.*?)</p>', page)
    assert len(lines) == 2
    assert ">Interviewer</span> <i>How would developers manage concurrent" in lines[0]
    assert "<time>0:25</time>" in lines[1]
    transcript = page[page.index("<h2>Annotated transcript</h2>"):]
    spots = _order(transcript, "the schedule id", "concurrent requests", "the first response")
    assert spots == sorted(spots)


def test_html_escapes_what_the_microphone_heard():
    before = spoken(BEFORE, start=0.0).segments[0]
    hostile = replace(spoken("So <script>x</script> then?", start=6.0).segments[0],
                      speaker=INTERVIEWER)
    page = render(analyze(Transcript([before, hostile])), "html")
    assert "<script>" not in page and "&lt;script&gt;x&lt;/script&gt;" in page


def test_subtitles_give_each_question_a_cue_of_its_own_in_time_order(pair):
    srt = render(pair[1], "srt")
    assert srt.count("-->") == len(pair[1].segments) + 2
    texts = [block.splitlines()[2] for block in srt.strip().split("\n\n")]
    asked = [n for n, t in enumerate(texts) if t.startswith("[Interviewer] ")]
    assert asked == [1, 3] and texts[1] == f"[Interviewer] {QUESTION}"
    assert texts[0].endswith(BEFORE) and texts[2].endswith(AFTER)
    vtt = render(pair[1], "vtt")
    assert f"[Interviewer] {QUESTION}" in vtt and vtt.count("-->") == srt.count("-->")


def test_json_keeps_them_apart_from_the_candidates_segments(pair):
    data = json.loads(render(pair[1], "json"))
    assert [line["text"] for line in data["interviewer"]] == [QUESTION, LATE]
    assert not any("concurrent" in s["text"] for s in data["segments"])


@pytest.mark.parametrize("fmt", ["md", "txt", "html"])
def test_the_questions_count_towards_nothing_in_a_report(pair, fmt):
    alone, asked = pair
    # Every figure is the same as without the questions: only the transcript changes.
    assert asked.categories == alone.categories
    head = {"md": "## Annotated transcript", "txt": "Annotated transcript",
            "html": "<h2>Annotated transcript</h2>"}[fmt]
    with_questions, without = render(asked, fmt), render(alone, fmt)
    assert with_questions.split(head)[0] == without.split(head)[0]
