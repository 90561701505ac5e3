"""Audio files of every kind we accept come out as 16 kHz mono float32; bad ones are one
clear error naming the file."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import soundfile
from audio_files import encode_audio

from app.audio.decode import (
    audio_duration,
    growing_wav_frames,
    load_audio,
    read_growing_wav,
    wav_data_offset,
)
from app.errors import DebriefError

SR = 16000


def _tone(seconds: float, rate: int, channels: int = 1) -> np.ndarray:
    t = np.arange(int(seconds * rate)) / rate
    mono = 0.3 * np.sin(2 * np.pi * 440 * t)
    return np.stack([mono] * channels, axis=1) if channels > 1 else mono


@pytest.mark.parametrize(("rate", "channels", "suffix"),
                         [(16000, 1, ".wav"), (44100, 2, ".wav"), (48000, 1, ".flac"),
                          (22050, 2, ".flac")])
def test_wav_and_flac_any_rate_and_channels(tmp_path: Path, rate: int, channels: int,
                                            suffix: str) -> None:
    path = tmp_path / f"tone{suffix}"
    soundfile.write(str(path), _tone(2.0, rate, channels), rate)
    audio = load_audio(path)
    assert audio.dtype == np.float32 and audio.ndim == 1
    assert abs(len(audio) - 2 * SR) < SR * 0.05
    assert 0.15 < float(np.sqrt(np.mean(audio**2))) < 0.25  # a 0.3 sine, not doubled or lost
    assert audio_duration(path) == pytest.approx(2.0, abs=0.05)


@pytest.mark.parametrize("suffix", [".mp3", ".m4a"])
def test_compressed_formats(tmp_path: Path, suffix: str) -> None:
    wav = tmp_path / "tone.wav"
    soundfile.write(str(wav), _tone(3.0, 44100, 2), 44100)
    out = tmp_path / f"tone{suffix}"
    encode_audio(wav, out)
    audio = load_audio(out)
    assert abs(len(audio) / SR - 3.0) < 0.1
    assert audio_duration(out) == pytest.approx(3.0, abs=0.1)


def _bad_files(tmp: Path) -> dict[str, tuple[Path, str]]:
    good = tmp / "good.wav"
    soundfile.write(str(good), _tone(1.0, SR), SR, subtype="PCM_16")
    cases = {}
    (tmp / "empty.wav").write_bytes(b"")
    cases["empty"] = (tmp / "empty.wav", "is empty")
    (tmp / "truncated.wav").write_bytes(good.read_bytes()[:20])
    cases["truncated header"] = (tmp / "truncated.wav", "cannot be decoded")
    (tmp / "notes.txt").write_text("hello")
    cases["wrong extension"] = (tmp / "notes.txt", "not an audio file")
    (tmp / "text.mp3").write_text("this is not audio at all\n" * 20)
    cases["not audio"] = (tmp / "text.mp3", "cannot be decoded")
    soundfile.write(str(tmp / "zero.wav"), np.zeros(0), SR, subtype="PCM_16")
    cases["zero seconds"] = (tmp / "zero.wav", "no audio")
    cases["missing"] = (tmp / "missing.flac", "not found")
    (tmp / "folder.wav").mkdir()
    cases["folder"] = (tmp / "folder.wav", "folder")
    return cases


@pytest.mark.parametrize("case", ["empty", "truncated header", "wrong extension", "not audio",
                                  "zero seconds", "missing", "folder"])
def test_bad_input_is_one_clear_error(tmp_path: Path, case: str) -> None:
    path, expected = _bad_files(tmp_path)[case]
    with pytest.raises(DebriefError) as info:
        load_audio(path)
    message = str(info.value)
    assert str(path) in message and expected in message
    assert "\n" not in message and "Traceback" not in message


def test_growing_wav_is_read_by_size_not_header(tmp_path: Path) -> None:
    path = tmp_path / "audio.wav"
    samples = (np.arange(SR * 2) % 1000 - 500).astype("<i2")
    soundfile.write(str(path), samples[:SR], SR, subtype="PCM_16")  # header says 1 s
    with open(path, "ab") as fh:
        fh.write(samples[SR:].tobytes())  # a second more, header not patched yet
    offset = wav_data_offset(path)
    assert growing_wav_frames(path, offset) == 2 * SR
    tail = read_growing_wav(path, offset, SR + 10, None)
    assert len(tail) == SR - 10
    assert np.allclose(tail * 32768, samples[SR + 10:])
    assert len(read_growing_wav(path, offset, 3 * SR, 4 * SR)) == 0


def test_growing_wav_rejects_other_formats(tmp_path: Path) -> None:
    path = tmp_path / "stereo.wav"
    soundfile.write(str(path), _tone(0.5, 44100, 2), 44100, subtype="PCM_16")
    with pytest.raises(DebriefError, match="16 kHz mono"):
        wav_data_offset(path)
