"""`debrief analyze`: happy paths through each input and output, one-line errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from app.cli import main
from app.transcript import save_transcript

from .helpers import cues, spoken

TEXT = ["The prompt is to design an API for scheduled messages.",
        "I'd add a POST endpoint that returns a SID.",
        "Status changes go to their callback URL as webhooks."]


@pytest.fixture
def srt(tmp_path: Path) -> Path:
    return save_transcript(cues(TEXT), tmp_path / "answer.srt")


def test_json_to_stdout(srt, capsys):
    assert main(["analyze", str(srt)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["schema"] == "debrief.analysis/1"
    assert [s["category"] for s in data["segments"]] == ["other", "api", "webhooks"]
    assert data["stages_estimated"] is True


@pytest.mark.parametrize("fmt", ["md", "html", "srt", "vtt", "txt", "json"])
def test_every_format_to_a_file(srt, tmp_path, fmt):
    out = tmp_path / f"report.{fmt}"
    assert main(["analyze", str(srt), "--format", fmt, "-o", str(out)]) == 0
    assert out.read_text(encoding="utf-8").strip()


def test_transcript_json_vtt_marks_and_prompt(tmp_path, capsys):
    path = save_transcript(spoken(" ".join(TEXT)), tmp_path / "t.json")
    vtt = save_transcript(cues(TEXT), tmp_path / "t.vtt")
    marks = tmp_path / "marks.json"
    marks.write_text(json.dumps({"stages": [{"stage": "problem", "start": 0.0},
                                            {"stage": "solution", "start": 4.0}]}))
    assert main(["analyze", str(path), "--marks", str(marks)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["stages_estimated"] is False
    assert [s["stage"] for s in data["stages"]] == ["problem", "solution"]
    assert data["segments"][1]["words"], "word timings pass through for seeking"
    assert main(["analyze", str(vtt), "--format", "md"]) == 0
    assert "# Debrief" in capsys.readouterr().out


def test_a_bundled_prompt_sets_its_rubric(srt, capsys):
    from app.prompts import load_library

    prompt = load_library().prompts[0]
    assert main(["analyze", str(srt), "--prompt", prompt.id]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["prompt_id"] == prompt.id
    assert [r["id"] for r in data["rubric"]] == list(prompt.rubric)
    assert data["stages"][0]["budget"] > 0


@pytest.mark.parametrize("case", ["missing", "empty", "garbage", "marks", "prompt", "kind"])
def test_bad_input_is_one_line_and_non_zero(tmp_path, srt, case, capsys):
    args = {
        "missing": [str(tmp_path / "nope.srt")],
        "empty": [str(_write(tmp_path / "empty.srt", ""))],
        "garbage": [str(_write(tmp_path / "bad.json", "{not json"))],
        "marks": [str(srt), "--marks",
                  str(_write(tmp_path / "m.json",
                             '{"stages": [{"stage": "problem", "start": 9999}]}'))],
        "prompt": [str(srt), "--prompt", "no-such-prompt"],
        "kind": [str(_write(tmp_path / "notes.docx", "x"))],
    }[case]
    assert main(["analyze", *args]) != 0
    out = capsys.readouterr()
    lines = out.err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("debrief: "), out.err
    assert out.out == ""


def test_a_real_process_reports_bad_input_without_a_traceback(tmp_path):
    out = subprocess.run([sys.executable, "-m", "app", "analyze", str(tmp_path / "gone.wav")],
                         capture_output=True, text=True, timeout=60)
    assert out.returncode == 1
    assert out.stderr.strip() == f"debrief: {tmp_path / 'gone.wav'}: file not found"


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path
