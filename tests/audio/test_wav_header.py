"""The one WAV header reader: layouts other writers produce, and files that are not WAVs."""

from __future__ import annotations

import struct
from pathlib import Path

import numpy as np
import pytest
import soundfile as sf

from app.audio.wav_header import read_header
from app.audio.wav_stream import WavStream
from app.errors import DebriefError


def test_a_chunk_before_the_data_is_skipped(tmp_path: Path):
    path = tmp_path / "tagged.wav"
    samples = (np.arange(800) - 400).astype("<i2")
    fmt = struct.pack("<HHIIHH", 1, 1, 16000, 32000, 2, 16)
    extra = b"INFOxyz"  # odd length: the chunk is padded to an even size
    body = (b"WAVE" + b"fmt " + struct.pack("<I", 16) + fmt
            + b"LIST" + struct.pack("<I", len(extra)) + extra + b"\x00"
            + b"data" + struct.pack("<I", samples.nbytes) + samples.tobytes())
    path.write_bytes(b"RIFF" + struct.pack("<I", len(body)) + body)
    header = read_header(path)
    assert (header.rate, header.channels, header.bits, header.pcm16_mono) == (16000, 1, 16, True)
    raw = path.read_bytes()[header.data_offset:]
    assert np.array_equal(np.frombuffer(raw, "<i2"), samples)
    assert header.frames(path.stat().st_size) == 800


def test_a_growing_file_is_sized_by_its_length(tmp_path: Path):
    path = tmp_path / "audio.wav"
    stream = WavStream(path)
    stream.write(np.zeros(1600, np.float32))  # not synced: the header still says 0
    header = read_header(path)
    assert header.data_bytes == 0 and header.frames(path.stat().st_size) == 1600
    stream.close()


def test_stereo_float_is_read_but_not_pcm16_mono(tmp_path: Path):
    path = tmp_path / "stereo.wav"
    sf.write(str(path), np.zeros((100, 2), np.float32), 44100, subtype="FLOAT")
    header = read_header(path)
    assert (header.channels, header.rate, header.pcm16_mono) == (2, 44100, False)


@pytest.mark.parametrize("data, message", [
    (b"ID3\x03" + b"\x00" * 60, "not a WAV file"),
    (b"RIFF\x24\x00\x00\x00WAVEfmt \x10\x00\x00\x00", "cut short"),
    (b"RIFF\x24\x00\x00\x00WAVEdata\x00\x00\x00\x00", "before its format chunk"),
    (b"RIFF\x24\x00\x00\x00WAVE", "no data chunk yet"),
])
def test_what_is_not_a_wav_is_named(tmp_path: Path, data: bytes, message: str):
    path = tmp_path / "bad.wav"
    path.write_bytes(data)
    with pytest.raises(DebriefError, match=message) as info:
        read_header(path)
    assert str(path) in str(info.value)
