"""Audio files into what the recognizer wants: float32 samples, 16 kHz, mono.

WAV and FLAC go through libsndfile (fast, exact); anything else, or a WAV at another
rate, goes through PyAV, which faster-whisper already depends on. Every failure is a
DebriefError naming the file; the file itself is only ever read.

`read_growing_wav` reads a PCM16 WAV that is still being written: the recorder patches
its header only now and then, so the data is sized by the file's length, not the header.
"""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np

from app.audio.wav_header import read_header
from app.errors import DebriefError

SAMPLE_RATE = 16000
AUDIO_SUFFIXES = (".wav", ".flac", ".mp3", ".m4a")
_SNDFILE_SUFFIXES = (".wav", ".flac")


def _check_file(path: Path) -> None:
    if path.suffix.lower() not in AUDIO_SUFFIXES:
        raise DebriefError("not an audio file Debrief reads (use WAV, FLAC, MP3 or M4A)", path)
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise DebriefError("file not found", path) from None
    except OSError as exc:
        raise DebriefError(f"cannot be read ({exc.strerror})", path) from None
    if path.is_dir():
        raise DebriefError("is a folder, not an audio file", path)
    if size == 0:
        raise DebriefError("is empty", path)
    if not os.access(path, os.R_OK):
        raise DebriefError("cannot be read (permission denied)", path)


def _mono(samples: np.ndarray) -> np.ndarray:
    if samples.ndim == 2:
        samples = samples.mean(axis=1)
    return np.ascontiguousarray(samples, dtype=np.float32)


def _read_sndfile(path: Path) -> np.ndarray | None:
    """16 kHz WAV/FLAC through libsndfile; None when it needs resampling or PyAV."""
    import soundfile

    try:
        info = soundfile.info(str(path))
        if info.samplerate != SAMPLE_RATE:
            return None
        samples, _ = soundfile.read(str(path), dtype="float32", always_2d=True)
    except (RuntimeError, soundfile.LibsndfileError, ValueError):
        return None
    return _mono(samples)


def _read_pyav(path: Path) -> np.ndarray:
    import av
    from faster_whisper.audio import decode_audio

    try:
        return decode_audio(str(path), sampling_rate=SAMPLE_RATE)
    except (av.FFmpegError, ValueError, IndexError, StopIteration) as exc:
        raise DebriefError(f"cannot be decoded as audio ({_short(exc)})", path) from None


def _short(exc: BaseException) -> str:
    # FFmpeg errors carry a readable strerror; their str() adds an errno and the path,
    # which the message already names.
    text = getattr(exc, "strerror", None) or str(exc).strip()
    text = text.splitlines()[0] if text else type(exc).__name__
    return text[:120]


def load_audio(path: str | Path) -> np.ndarray:
    """The whole file as float32 samples at 16 kHz, mono (channels averaged)."""
    path = Path(path)
    _check_file(path)
    samples = None
    if path.suffix.lower() in _SNDFILE_SUFFIXES:
        samples = _read_sndfile(path)
    if samples is None:
        samples = _read_pyav(path)
    if samples.size == 0:
        raise DebriefError("holds no audio (0 seconds)", path)
    return samples


def audio_duration(path: str | Path) -> float:
    """Seconds of audio in the file, from its header or container (no full decode)."""
    path = Path(path)
    _check_file(path)
    import soundfile

    if path.suffix.lower() in _SNDFILE_SUFFIXES:
        try:
            info = soundfile.info(str(path))
            return info.frames / info.samplerate
        except (RuntimeError, soundfile.LibsndfileError, ValueError):
            pass
    import av

    try:
        with av.open(str(path), metadata_errors="ignore") as container:
            if not container.streams.audio:
                raise DebriefError("holds no audio stream", path)
            stream = container.streams.audio[0]
            if stream.duration is not None and stream.time_base is not None:
                return float(stream.duration * stream.time_base)
            if container.duration is not None:
                return container.duration / 1_000_000
    except av.FFmpegError as exc:
        raise DebriefError(f"cannot be decoded as audio ({_short(exc)})", path) from None
    # No duration in the container: decoding is the only way to know.
    return len(load_audio(path)) / SAMPLE_RATE


def wav_data_offset(path: Path) -> int:
    """Byte offset of the samples in a 16 kHz mono PCM16 WAV."""
    header = read_header(path)
    if not header.pcm16_mono or header.rate != SAMPLE_RATE:
        raise DebriefError("expected a 16 kHz mono 16-bit WAV", path)
    return header.data_offset


def read_growing_wav(path: Path, data_offset: int, start: int, end: int | None = None
                     ) -> np.ndarray:
    """Samples [start, end) of a PCM16 mono WAV that may still be growing, as float32.

    The end is bounded by the file's current length, whatever its header says."""
    with open(path, "rb") as fh:
        available = (os.fstat(fh.fileno()).st_size - data_offset) // 2
        stop = available if end is None else min(end, available)
        if stop <= start:
            return np.zeros(0, dtype=np.float32)
        fh.seek(data_offset + 2 * start)
        raw = fh.read(2 * (stop - start))
    return np.frombuffer(raw[: len(raw) // 2 * 2], dtype="<i2").astype(np.float32) / 32768.0


def growing_wav_frames(path: Path, data_offset: int) -> int:
    """How many samples a growing WAV holds right now, by its length on disk."""
    try:
        return max(0, (path.stat().st_size - data_offset) // 2)
    except FileNotFoundError:
        return 0
