"""Reports: JSON contract, Markdown, self-contained and escaped HTML, annotated subtitles,
and the session's own facts (prompt title, date, bookmarks and notes) in every format."""

from __future__ import annotations

import dataclasses
import html
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from app.analysis import analyze
from app.analysis.model import Analysis, Pause
from app.errors import DebriefError
from app.reports import FORMATS, SessionInfo, render
from app.review_state.bookmarks import Bookmark
from app.sessions.summary import load_analysis
from app.transcript import Segment, Transcript, load_transcript

from .helpers import cues

HOSTILE = ['The dashboard says <script>alert("x")</script> in a big banner.',
           "Then <img src=x onerror=alert(1)> & a GET endpoint *returns* [the] SID."]


@pytest.fixture(scope="module")
def analysis() -> Analysis:
    return analyze(cues(["The prompt is scheduling.", *HOSTILE,
                         "One trade-off is webhooks versus polling."]))


INFO = SessionInfo(
    prompt_title="Design an API for scheduled messages", date="2026-10-03T17:30:00+02:00",
    notes="Practised after lunch.\n# not a heading <b>x</b>",
    bookmarks=[Bookmark(1.0, "forgot the 429 <script>x</script>"), Bookmark(4.2, "")])


def test_json_follows_the_contract(analysis, tmp_path: Path):
    data = json.loads(render(analysis, "json", INFO))
    assert data["schema"] == "debrief.analysis/1"
    assert isinstance(data["duration"], float)
    assert set(data["categories"]) == {"ui", "api", "webhooks", "tradeoffs", "other"}
    seg = data["segments"][0]
    assert {"start", "end", "text", "stage", "category", "cues"} <= set(seg)
    assert {"stages", "stages_estimated", "platform_share", "solution_platform_share",
            "ui_heavy", "rubric", "findings", "delivery"} <= set(data)
    # The session's fields are added beside the analysis's own, which keep their names.
    assert data["prompt_title"] == INFO.prompt_title and data["date"] == INFO.date
    assert data["bookmarks"] == [{"time": 1.0, "note": "forgot the 429 <script>x</script>"},
                                 {"time": 4.2, "note": ""}]
    assert data["notes"] == INFO.notes
    assert {k: v for k, v in data.items() if k in analysis.to_dict()} == analysis.to_dict()
    # ...and our own reader still takes the file.
    path = tmp_path / "export.json"
    path.write_text(json.dumps(data))
    assert load_analysis(path).to_dict() == analysis.to_dict()


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


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_carries_the_bookmarks_title_and_date(analysis, fmt):
    text = html.unescape(render(analysis, fmt, INFO)).replace("\\", "")
    assert "forgot the 429" in text
    if fmt == "srt":  # no place for a title in SubRip: the bookmarks are cues
        assert text.count("[Bookmark]") == 2
        return
    if fmt == "json":
        return  # checked field by field above
    assert "Design an API for scheduled messages" in text
    assert "3 October 2026, 17:30" in text
    assert "Practised after lunch." in text


@pytest.mark.parametrize("fmt", ["md", "txt", "html"])
def test_bookmarks_say_what_was_being_said(analysis, fmt):
    # The bookmark at 1.0 s falls in the first sentence.
    text = html.unescape(render(analysis, fmt, INFO))
    line = next(ln for ln in text.splitlines() if "forgot the 429" in ln)
    assert "The prompt is scheduling." in line
    assert "(no note)" in text


def test_user_notes_are_inert_in_markup(analysis):
    md = render(analysis, "md", INFO)
    assert "<script>" not in md and "<b>" not in md
    assert not any(line.startswith("#") and "not a heading" in line for line in md.splitlines())
    page = render(analysis, "html", INFO)
    assert "<script>x" not in page and "&lt;b&gt;x&lt;/b&gt;" in page
    vtt = render(analysis, "vtt", INFO)
    assert "<script>" not in vtt


def test_subtitles_put_bookmarks_in_time_order_and_parse(analysis, tmp_path: Path):
    for fmt in ("srt", "vtt"):
        path = tmp_path / f"r.{fmt}"
        path.write_text(render(analysis, fmt, INFO))
        cues = load_transcript(path).segments
        assert len(cues) == len(analysis.segments) + 2
        marks = [c for c in cues if c.text.startswith("[Bookmark]")]
        assert [c.start for c in marks] == [1.0, 4.2]
        assert "forgot the 429" in marks[0].text
        assert [c.start for c in cues] == sorted(c.start for c in cues)


def test_a_hostile_title_cannot_break_the_webvtt_header(analysis, tmp_path: Path):
    info = SessionInfo(prompt_title="x --> y\n\n00:00:01.000 --> 00:00:02.000")
    path = tmp_path / "r.vtt"
    path.write_text(render(analysis, "vtt", info))
    assert len(load_transcript(path).segments) == len(analysis.segments)


def test_counts_are_pluralised(analysis):
    one = dataclasses.replace(analysis, delivery=dataclasses.replace(
        analysis.delivery, long_pauses=[Pause(1.0, 5.0)]))
    two = dataclasses.replace(analysis, delivery=dataclasses.replace(
        analysis.delivery, long_pauses=[Pause(1.0, 5.0), Pause(6.0, 10.0)]))
    for fmt in ("md", "html", "txt"):
        assert "1 pause over 3 s" in render(one, fmt) and "1 pauses" not in render(one, fmt)
        assert "2 pauses over 3 s" in render(two, fmt)


def test_reports_show_the_prompt_id_when_its_title_is_unknown():
    a = analyze(cues(["We add an endpoint."]))
    a.prompt_id = "messaging-scheduled-messages"
    assert "Prompt: messaging-scheduled-messages" in render(a, "txt")
    titled = render(a, "txt", SessionInfo(prompt_title="Scheduled messages API"))
    assert "Prompt: Scheduled messages API" in titled
    assert "messaging-scheduled-messages" not in titled
