"""Annotated subtitles: each sentence a cue, its category in front ("[API] ...")."""

from __future__ import annotations

from app.analysis.model import Analysis
from app.reports.common import segment_label
from app.transcript import to_srt, to_vtt


def _cues(analysis: Analysis) -> list[tuple[float, float, str]]:
    return [(s.start, s.end, f"[{segment_label(s)}] {' '.join(s.text.split())}")
            for s in analysis.segments]


def render_srt(analysis: Analysis) -> str:
    return to_srt(_cues(analysis))


def render_vtt(analysis: Analysis) -> str:
    # WebVTT cue text is markup: "<" and "&" must not start a tag or an entity.
    return to_vtt((a, b, t.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"))
                  for a, b, t in _cues(analysis))
