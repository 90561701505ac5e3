"""How long a recording Debrief takes in, checked from the file's header before decoding.

A rehearsal is 45-60 minutes. Two hours leaves room for a long mock interview; a 3-hour
file would take gigabytes of memory to decode whole (float32 samples, then the
recognizer's own copies) and tens of minutes to transcribe on a laptop.
"""

from __future__ import annotations

from pathlib import Path

from app.errors import DebriefError
from app.timefmt import clock

MAX_SECONDS = 2 * 3600




def check_length(path: Path) -> float:
    """The recording's length in seconds; DebriefError if it is longer than MAX_SECONDS
    (or cannot be read)."""
    from app.audio.decode import audio_duration

    seconds = audio_duration(path)
    if seconds > MAX_SECONDS:
        raise DebriefError(
            f"is {clock(seconds)} long; Debrief analyses recordings of up to "
            f"{clock(MAX_SECONDS)} (cut it first, e.g. ffmpeg -i IN -t 2:00:00 OUT.wav)",
            path)
    return seconds
