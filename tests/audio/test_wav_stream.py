from __future__ import annotations

import numpy as np
import soundfile as sf

from app.audio.resample import LinearResampler
from app.audio.wav_stream import WavStream, repair_header


def tone(seconds: float, rate: int = 16000, freq: float = 440.0) -> np.ndarray:
    t = np.arange(int(seconds * rate)) / rate
    return (0.5 * np.sin(2 * np.pi * freq * t)).astype(np.float32)


def test_file_is_valid_after_every_sync_and_appends_on_reopen(tmp_path):
    path = tmp_path / "audio.wav"
    wav = WavStream(path)
    wav.write(tone(1.0))
    wav.sync()
    # Readable while still open, with the synced length.
    data, rate = sf.read(path, dtype="float32")
    assert rate == 16000 and len(data) == 16000
    wav.close()
    again = WavStream(path)  # a session continued on another device
    again.write(tone(0.5))
    again.close()
    data, _ = sf.read(path, dtype="float32")
    assert len(data) == 24000
    assert np.abs(data[:16000] - tone(1.0)).max() < 1e-3


def test_repair_header_after_a_cut_between_syncs(tmp_path):
    path = tmp_path / "audio.wav"
    wav = WavStream(path)
    wav.write(tone(0.5))
    wav.sync()
    wav.write(tone(0.25))  # not synced: the header still says 0.5 s
    wav._fh.write(b"\x01")  # and a torn half sample, as a crash mid-write leaves
    assert sf.info(str(path)).frames == 8000
    assert repair_header(path) == 12000
    assert sf.info(str(path)).frames == 12000


def test_resampler_keeps_pitch_and_length_across_blocks():
    src = tone(1.0, rate=48000, freq=440.0)
    rs = LinearResampler(48000, 16000)
    out = np.concatenate([rs.process(b) for b in np.array_split(src, 37)])
    assert abs(len(out) - 16000) <= 1
    spectrum = np.abs(np.fft.rfft(out[:16000] * np.hanning(len(out[:16000]))))
    assert abs(np.argmax(spectrum) * 16000 / len(out[:16000]) - 440.0) < 2.0
    direct = tone(1.0, rate=16000)
    assert np.abs(out[100:15900] - direct[100:15900]).max() < 0.01
