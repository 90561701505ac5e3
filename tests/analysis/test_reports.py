"""Reports: JSON contract, Markdown, self-contained and escaped HTML, annotated subtitles."""

from __future__ import annotations

import html
import json
import re
from html.parser import HTMLParser

import pytest

from app.analysis import analyze
from app.analysis.model import Analysis
from app.errors import DebriefError
from app.reports import render
from app.transcript import Segment, Transcript

from .helpers import cues

HOSTILE = ['The dashboard says <script>alert("x")</script> in a big banner.',
           "Then <img src=x onerror=alert(1)> & a GET endpoint *returns* [the] SID."]


@pytest.fixture(scope="module")
def analysis() -> Analysis:
    return analyze(cues(["The prompt is scheduling.", *HOSTILE,
                         "One trade-off is webhooks versus polling."]))


def test_json_follows_the_contract(analysis):
    data = json.loads(render(analysis, "json"))
    assert data["schema"] == "debrief.analysis/1"
    assert isinstance(data["duration"], float)
    assert set(data["categories"]) == {"ui", "api", "webhooks", "tradeoffs", "other"}
    seg = data["segments"][0]
    assert {"start", "end", "text", "stage", "category", "cues"} <= set(seg)
    assert {"stages", "stages_estimated", "platform_share", "solution_platform_share",
            "ui_heavy", "rubric", "findings", "delivery"} <= set(data)
    assert Analysis.from_dict(data).to_dict() == data


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.attrs: list[tuple[str, str | None]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs += attrs

    def handle_data(self, data):
        self.text.append(data)


def test_html_is_self_contained_and_escapes_transcript_text(analysis):
    page = render(analysis, "html")
    parser = _Collector()
    parser.feed(page)
    assert "script" not in parser.tags and "img" not in parser.tags
    assert not any(name.startswith("on") for name, _ in parser.attrs)
    assert "&lt;script&gt;" in page and "&lt;img src=x onerror=alert(1)&gt;" in page
    text = "".join(parser.text)
    assert '<script>alert("x")</script>' in text  # shown as text, not run
    assert "<svg" in page and "<style>" in page
    assert not re.search(r"""(src|href)=["']?(https?:|//)""", page)
    for colour in ("#E69F00", "#0072B2", "#009E73", "#CC79A7"):
        assert colour in page


def test_markdown_report_has_the_sections_and_neutralises_markup(analysis):
    md = render(analysis, "md")
    for heading in ("## Summary", "## Red flags", "## Strengths", "## Time per stage",
                    "## Rubric", "## Delivery", "## Annotated transcript"):
        assert heading in md
    assert "<script>" not in md and "&lt;script&gt;" in md
    assert r"\*returns\*" in md and r"\[the\]" in md
    assert "missed" in md


def test_plain_text_report_has_no_markup(analysis):
    txt = render(analysis, "txt")
    assert "##" not in txt and "**" not in txt
    assert '<script>alert("x")</script>' in txt
    assert "Annotated transcript" in txt


def test_annotated_subtitles_put_the_category_on_each_cue(analysis):
    srt = render(analysis, "srt")
    assert "[UI] The dashboard says" in srt
    assert "[Trade-offs] One trade-off" in srt
    assert srt.count("-->") == len(analysis.segments)
    vtt = render(analysis, "vtt")
    assert vtt.startswith("WEBVTT")
    assert "&lt;script&gt;" in vtt and "<script>" not in vtt


def test_corrected_cues_show_the_machine_label(analysis):
    from app.analysis import apply_corrections

    seg = analysis.segments[1]
    fixed = apply_corrections(analysis, {"segments": [{"start": seg.start, "category": "api"}]})
    assert "[API (was UI)]" in render(fixed, "srt")


def test_unknown_format_is_an_error(analysis):
    with pytest.raises(DebriefError):
        render(analysis, "pdf")


def test_reports_render_an_answer_past_the_hour():
    t = Transcript([Segment(3700.0, 3702.0, "We add an endpoint.")])
    assert "1:01:40" in render(analyze(t), "md")


def test_reports_say_where_the_stage_bounds_came_from(analysis):
    assert "stages estimated from what was said" in render(analysis, "md")
    marked = analyze(cues(["The prompt is scheduling.", "One trade-off is webhooks."]),
                     [("problem", 0.0), ("technical", 2.0)])
    for fmt in ("md", "html"):
        text = html.unescape(render(marked, fmt))
        assert "stages from the session's stage marks" in text
        assert "estimated" not in text
