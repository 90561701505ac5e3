"""Subtitle files as editors write them: a BOM, CRLF line ends, cue identifiers, cue
settings and SRT positions, STYLE and NOTE blocks, markup in the text."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.transcript import load_transcript

DATA = Path(__file__).parent / "data" / "transcripts"


@pytest.mark.parametrize(("name", "second_cue"), [
    ("bom-crlf-settings-notes.vtt", (3602.25, 3603.0, "And a webhook.")),
    ("bom-crlf-positions.srt", (5.0, 6.0, "And a webhook.")),
])
def test_what_editors_add_is_read_past(name, second_cue):
    raw = (DATA / name).read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw  # the file is what it says
    segments = load_transcript(DATA / name).segments
    assert [(s.start, s.end, s.text) for s in segments] == [
        (1.0, 4.5, "We POST to the endpoint."), second_cue]
