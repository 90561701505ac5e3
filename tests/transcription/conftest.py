"""Shared parts of the transcription tests: one loaded model, speech and room noise."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest

from app.transcription.engine import load_model
from app.transcription.models import ModelChoice, bundled_model

SR = 16000
# Every in-process transcription in these tests uses this many threads, so the engine's
# model cache (keyed by path and threads) loads the model once per test session.
THREADS = 2


@pytest.fixture(scope="session")
def model() -> ModelChoice:
    """The bundled model, loaded once for the whole session."""
    choice = bundled_model()
    load_model(choice, THREADS)
    return choice


@pytest.fixture(scope="session")
def sentence_wav(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One espeak sentence (about 4 s) shared by the tests that only need some speech."""
    from speech import speak_to_wav

    return speak_to_wav("The developer sends a request to the endpoint and waits for a "
                        "status callback.", tmp_path_factory.mktemp("speech") / "sentence.wav")


def room_noise(seconds: float, seed: int = 1) -> np.ndarray:
    """Silence as a laptop mic hears it: pink and brown noise plus a faint mains hum,
    at a level where plain Whisper invents words."""
    rng = np.random.default_rng(seed)
    n = int(seconds * SR)
    white = rng.normal(0, 1, n)
    spectrum = np.fft.rfft(white)
    freqs = np.fft.rfftfreq(n, 1 / SR)
    spectrum[1:] /= np.sqrt(freqs[1:])
    spectrum[0] = 0
    pink = np.fft.irfft(spectrum, n)
    brown = np.cumsum(white)
    brown -= np.convolve(brown, np.ones(1601) / 1601, "same")  # keep it from wandering
    t = np.arange(n) / SR
    hum = 0.015 * np.sin(2 * np.pi * 50 * t) + 0.009 * np.sin(2 * np.pi * 100 * t)
    audio = 0.06 * pink / np.abs(pink).max() + 0.06 * brown / np.abs(brown).max() + hum
    return audio.astype(np.float32)


@pytest.fixture
def write_wav(tmp_path: Path) -> Callable[..., Path]:
    """write_wav(samples, name, rate=16000) -> a PCM16 WAV in the test's folder."""
    import soundfile

    def _write(samples: np.ndarray, name: str = "audio.wav", rate: int = SR) -> Path:
        path = tmp_path / name
        soundfile.write(str(path), samples, rate, subtype="PCM_16")
        return path

    return _write
