"""Annotated subtitles: each sentence a cue, its category in front ("[API] ..."), each
question the interviewer asked aloud a cue marked "[Interviewer]", and each bookmark a
cue of its own ("[Bookmark] the note") at the moment it was marked, so
a player shows the user's notes over the recording. WebVTT also names the prompt and
the date in a NOTE block; SRT has no place for them."""

from __future__ import annotations

from app.analysis.model import Analysis
from app.reports.common import INTERVIEWER_TITLE, header_facts, sentence_label
from app.reports.session_info import SessionInfo
from app.transcript import to_srt, to_vtt

BOOKMARK_SECONDS = 4.0  # long enough to read a short note


def _one_line(text: str) -> str:
    # A blank line would end the cue; "-->" would read as a cue timing.
    return " ".join(text.split()).replace("-->", "→")


def _cues(analysis: Analysis, info: SessionInfo) -> list[tuple[float, float, str]]:
    cues = [(s.start, s.end, f"[{sentence_label(s)}] {_one_line(s.text)}")
            for s in analysis.segments]
    cues += [(line.start, line.end, f"[{INTERVIEWER_TITLE}] {_one_line(line.text)}")
             for line in analysis.interviewer]
    cues += [(b.time, b.time + BOOKMARK_SECONDS,
              f"[Bookmark] {_one_line(b.note)}" if b.note.strip() else "[Bookmark]")
             for b in info.bookmarks]
    return sorted(cues, key=lambda c: c[0])


def render_srt(analysis: Analysis, info: SessionInfo | None = None) -> str:
    return to_srt(_cues(analysis, info or SessionInfo()))


def _vtt_escape(text: str) -> str:
    # WebVTT cue text is markup: "<" and "&" must not start a tag or an entity.
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def render_vtt(analysis: Analysis, info: SessionInfo | None = None) -> str:
    info = info or SessionInfo()
    body = to_vtt((a, b, _vtt_escape(t)) for a, b, t in _cues(analysis, info))
    facts = [_one_line(f) for f in header_facts(analysis, info)]
    if info.notes.strip():
        facts.append("Notes: " + _one_line(info.notes))
    note = "NOTE Debrief: where the time went\n" + "\n".join(facts) + "\n\n"
    head, rest = body.split("\n\n", 1)
    return f"{head}\n\n{note}{rest}"
