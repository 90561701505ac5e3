"""Our transcript type and its file formats: transcript JSON, SRT and WebVTT.

Everything past the recognizer sees this type, never faster-whisper's objects.
Readers validate what they load and raise DebriefError naming the file and the fault.

SRT and WebVTT are read here, not with `srt` or `webvtt-py` (both MIT, both kept up):
what we need of them is start, end and plain text per cue, past a BOM, CRLF, cue
identifiers and settings, STYLE and NOTE blocks and markup, in about forty lines. What
neither gives is the line of a fault: `srt` reports a character offset in a message of
its own, `webvtt-py` only "Invalid format"; a user's file must get "file:6: malformed
cue timing". Two dependencies would cost more than these lines do.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from app.errors import DebriefError
from app.fileio.atomic import write_atomic
from app.textfile import read_text

SCHEMA = "debrief.transcript/1"
TRANSCRIPT_SUFFIXES = (".json", ".srt", ".vtt")
# Who spoke a segment; only a non-default speaker is written to transcript JSON.
CANDIDATE, INTERVIEWER = "candidate", "interviewer"
# A subtitle file this big is not a transcript of an interview.
MAX_TRANSCRIPT_BYTES = 64 * 1024 * 1024


@dataclass(frozen=True)
class Word:
    start: float
    end: float
    word: str
    probability: float = 1.0


@dataclass(frozen=True)
class Segment:
    start: float
    end: float
    text: str
    words: tuple[Word, ...] = ()
    speaker: str = CANDIDATE


@dataclass
class Transcript:
    segments: list[Segment] = field(default_factory=list)
    model: str = ""
    language: str = "en"

    @property
    def duration(self) -> float:
        return self.segments[-1].end if self.segments else 0.0

    @property
    def text(self) -> str:
        return " ".join(s.text.strip() for s in self.segments if s.text.strip())

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema": SCHEMA,
            "model": self.model,
            "language": self.language,
            "segments": [
                {
                    "start": round(s.start, 3),
                    "end": round(s.end, 3),
                    "text": s.text,
                    "words": [
                        {**asdict(w), "start": round(w.start, 3), "end": round(w.end, 3),
                         "probability": round(w.probability, 4)}
                        for w in s.words
                    ],
                    **({"speaker": s.speaker} if s.speaker != CANDIDATE else {}),
                }
                for s in self.segments
            ],
        }


def load_transcript(path: str | Path) -> Transcript:
    """Read transcript JSON, SRT or WebVTT, chosen by the file's suffix."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in TRANSCRIPT_SUFFIXES:
        raise DebriefError("not a transcript (expected .json, .srt or .vtt)", path)
    text = read_text(path, "transcript", MAX_TRANSCRIPT_BYTES)
    if suffix == ".json":
        transcript = _parse_json(text, path)
    else:
        transcript = _parse_cues(text, path, vtt=suffix == ".vtt")
    if not any(s.text.strip() for s in transcript.segments):
        raise DebriefError("the transcript has no text", path)
    return transcript


def render_transcript(transcript: Transcript, fmt: str) -> str:
    """The transcript as `fmt`: "json" (debrief.transcript/1), "srt" or "vtt"."""
    if fmt == "json":
        return json.dumps(transcript.to_dict(), ensure_ascii=False, indent=1)
    cues = ((s.start, s.end, s.text.strip()) for s in transcript.segments)
    if fmt == "srt":
        return to_srt(cues)
    if fmt == "vtt":
        return to_vtt(cues)
    raise DebriefError(f"unknown transcript format {fmt!r} (use json, srt or vtt)")


def save_transcript(transcript: Transcript, path: str | Path) -> Path:
    """Write by suffix (.json, .srt, .vtt), atomically, so a crash never leaves a
    half-written transcript behind."""
    path = Path(path)
    fmt = path.suffix.lower().lstrip(".")
    if "." + fmt not in TRANSCRIPT_SUFFIXES:
        raise DebriefError("unknown transcript format (use .json, .srt or .vtt)", path)
    write_atomic(path, render_transcript(transcript, fmt))
    return path


def _number(value: object, what: str, path: Path) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise DebriefError(f"{what} is not a number: {value!r:.40}", path)
    return float(value)


def _parse_json(text: str, path: Path) -> Transcript:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise DebriefError(f"not valid JSON ({exc.msg})", path, exc.lineno) from None
    if not isinstance(data, dict) or not isinstance(data.get("segments"), list):
        raise DebriefError("not a Debrief transcript (no \"segments\" list)", path)
    schema = data.get("schema", SCHEMA)
    if schema != SCHEMA:
        raise DebriefError(f"unsupported transcript schema {schema!r}", path)
    segments = []
    for i, seg in enumerate(data["segments"], 1):
        if not isinstance(seg, dict):
            raise DebriefError(f"segment {i} is not an object", path)
        start = _number(seg.get("start"), f"segment {i} start", path)
        end = _number(seg.get("end"), f"segment {i} end", path)
        words = []
        for w in seg.get("words") or []:
            if not isinstance(w, dict) or not isinstance(w.get("word"), str):
                raise DebriefError(f"segment {i} has a malformed word", path)
            words.append(Word(
                _number(w.get("start"), f"segment {i} word start", path),
                _number(w.get("end"), f"segment {i} word end", path),
                w["word"],
                _number(w.get("probability", 1.0), f"segment {i} word probability", path),
            ))
        text_value = seg.get("text")
        if not isinstance(text_value, str):
            text_value = "".join(w.word for w in words)
        speaker = INTERVIEWER if seg.get("speaker") == INTERVIEWER else CANDIDATE
        segments.append(Segment(start, end, text_value, tuple(words), speaker))
    _check_times(segments, path)
    return Transcript(segments, str(data.get("model", "")), str(data.get("language", "en")))


_CUE_TIME = re.compile(
    r"^\s*((?:\d+:)?\d{1,2}:\d{2}[.,]\d{1,3})\s*-->\s*((?:\d+:)?\d{1,2}:\d{2}[.,]\d{1,3})"
)
_TAG = re.compile(r"<[^>]*>")
# A line outside any cue that starts like a cue timing but is not one ("00:01,000 -> x"):
# skipping it would silently drop the cue's text.
_TIMING_START = re.compile(r"^\s*(\d+:)?\d{1,2}:\d{2}[.,]\d{1,3}\s*-")


def _seconds(stamp: str) -> float:
    parts = stamp.replace(",", ".").split(":")
    value = 0.0
    for part in parts:
        value = value * 60 + float(part)
    return value


def _parse_cues(text: str, path: Path, vtt: bool) -> Transcript:
    lines = text.splitlines()
    if vtt and (not lines or not lines[0].strip().startswith("WEBVTT")):
        raise DebriefError("not a WebVTT file (first line must be WEBVTT)", path, 1)
    segments: list[Segment] = []
    i = 0
    found_any_time = False
    while i < len(lines):
        m = _CUE_TIME.match(lines[i])
        if not m:
            if "-->" in lines[i] or _TIMING_START.match(lines[i]):
                raise DebriefError("malformed cue timing", path, i + 1)
            i += 1
            continue
        found_any_time = True
        start, end = _seconds(m.group(1)), _seconds(m.group(2))
        if end < start:
            raise DebriefError("cue ends before it starts", path, i + 1)
        body = []
        i += 1
        while i < len(lines) and lines[i].strip():
            body.append(_TAG.sub("", lines[i]).strip())
            i += 1
        cue_text = " ".join(b for b in body if b)
        if cue_text:
            segments.append(Segment(start, end, cue_text))
    if not found_any_time:
        kind = "WebVTT" if vtt else "SRT"
        raise DebriefError(f"no {kind} cues found", path)
    segments.sort(key=lambda s: s.start)
    return Transcript(segments, model="", language="en")


def _check_times(segments: list[Segment], path: Path) -> None:
    for i, seg in enumerate(segments, 1):
        if seg.start < 0 or seg.end < seg.start:
            raise DebriefError(f"segment {i} has backwards or negative times", path)


def _stamp(seconds: float, sep: str) -> str:
    ms = max(0, round(seconds * 1000))
    h, ms = divmod(ms, 3_600_000)
    m, ms = divmod(ms, 60_000)
    s, ms = divmod(ms, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def to_srt(cues: Iterable[tuple[float, float, str]]) -> str:
    """SRT text for (start, end, text) cues."""
    blocks = [
        f"{n}\n{_stamp(a, ',')} --> {_stamp(b, ',')}\n{t}\n"
        for n, (a, b, t) in enumerate(cues, 1)
    ]
    return "\n".join(blocks)


def to_vtt(cues: Iterable[tuple[float, float, str]]) -> str:
    """WebVTT text for (start, end, text) cues."""
    blocks = [f"{_stamp(a, '.')} --> {_stamp(b, '.')}\n{t}\n" for a, b, t in cues]
    return "WEBVTT\n\n" + "\n".join(blocks)
