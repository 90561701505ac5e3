"""Where to cut a recording into chunks for live transcription: at a pause.

A chunk ends at the first pause (`pause` frames of low energy) once it is at least
`min_frames` long, or, if the speaker never pauses, at the quietest moment of the last
five seconds before `max_frames`. Cutting at pauses keeps words whole; keeping chunks
under Whisper's 30-second window means each chunk is one decoder pass.
"""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np

FRAMES_PER_SECOND = 50  # 20 ms energy frames
# Quiet enough to count as a pause: at least this RMS floor (digital silence), or three
# times the chunk's quietest tenth (a room's noise), but never above the ceiling.
QUIET_FLOOR, QUIET_CEILING = 0.002, 0.05


def frame_energy(audio: np.ndarray, frame: int) -> np.ndarray:
    """RMS of each whole frame of `audio`."""
    frames = audio[: len(audio) // frame * frame].reshape(-1, frame)
    return np.sqrt(np.mean(frames * frames, axis=1))


def find_cut(energy: np.ndarray, min_frames: int, max_frames: int, pause_frames: int
             ) -> int | None:
    """Frame index at which to end the chunk that `energy` describes, or None to wait."""
    n = len(energy)
    if n < min_frames:
        return None
    quiet = energy < max(QUIET_FLOOR, min(QUIET_CEILING, 3 * float(np.percentile(energy, 10))))
    # The first run of `pause_frames` quiet frames whose middle is past the minimum length.
    run = np.convolve(quiet[:max_frames], np.ones(pause_frames, int), "valid")
    middles = np.flatnonzero(run == pause_frames) + pause_frames // 2
    past = middles[middles >= min_frames]
    if past.size:
        return int(past[0])
    if n >= max_frames:
        low = max(0, max_frames - 5 * FRAMES_PER_SECOND)
        return low + int(np.argmin(energy[low:max_frames]))
    return None


def split_at_pauses(audio: np.ndarray, rate: int = 16000, min_chunk: float = 20.0,
                    max_chunk: float = 30.0, pause: float = 0.6) -> Iterator[tuple[int, int]]:
    """(start, end) sample ranges covering `audio`, cut at pauses as live transcription
    cuts them (which uses shorter chunks, live.py)."""
    frame = rate // FRAMES_PER_SECOND
    energy = frame_energy(audio, frame)
    start = 0
    while True:
        cut = find_cut(energy[start:], int(min_chunk * FRAMES_PER_SECOND),
                       int(max_chunk * FRAMES_PER_SECOND), max(1, int(pause * FRAMES_PER_SECOND)))
        if cut is None:
            break
        yield start * frame, (start + cut) * frame
        start += cut
    if start * frame < len(audio):
        yield start * frame, len(audio)
