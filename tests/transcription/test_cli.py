"""`debrief transcribe` from the command line."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from app.cli import main
from app.transcript import load_transcript
from app.transcription.models import ModelChoice


@pytest.mark.model
def test_transcribe_writes_json(model: ModelChoice, sentence_wav: Path, tmp_path: Path,
                                capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "transcript.json"
    assert main(["transcribe", str(sentence_wav), "-o", str(out)]) == 0
    data = json.loads(out.read_text())
    assert data["schema"] == "debrief.transcript/1" and data["model"] == "tiny.en"
    words = [w for s in data["segments"] for w in s["words"]]
    assert words and {"start", "end", "word", "probability"} <= set(words[0])
    assert "endpoint" in " ".join(s["text"] for s in data["segments"]).lower()
    assert str(out) in capsys.readouterr().err


@pytest.mark.model
def test_transcribe_writes_srt_by_suffix(model: ModelChoice, sentence_wav: Path,
                                         tmp_path: Path) -> None:
    out = tmp_path / "talk.srt"
    assert main(["transcribe", str(sentence_wav), "-o", str(out)]) == 0
    assert out.read_text().startswith("1\n00:00:0")
    assert "developer" in load_transcript(out).text.lower()


@pytest.mark.parametrize(("content", "name", "expected"), [
    (b"", "empty.wav", "is empty"),
    (b"RIFF\x10\x00\x00\x00WAVEfmt ", "short.wav", "cannot be decoded"),
    (b"hello", "notes.txt", "not an audio file"),
])
def test_bad_audio_is_one_line(tmp_path: Path, content: bytes, name: str,
                               expected: str) -> None:
    bad = tmp_path / name
    bad.write_bytes(content)
    out = subprocess.run([sys.executable, "-m", "app", "transcribe", str(bad)],
                         capture_output=True, text=True, timeout=60)
    assert out.returncode == 1
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 1, out.stderr
    assert lines[0].startswith(f"debrief: {bad}:") and expected in lines[0]
    assert not (tmp_path / (bad.stem + ".json")).exists()


def test_missing_model_is_one_line(sentence_wav: Path, tmp_path: Path,
                                   capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["transcribe", str(sentence_wav), "--model", str(tmp_path / "nope")]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "model folder not found" in err[0]


def test_named_model_not_downloaded_without_asking(sentence_wav: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["transcribe", str(sentence_wav), "--model", "large-v1"]) == 1
    assert "--download" in capsys.readouterr().err
