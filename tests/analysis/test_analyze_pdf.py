"""`debrief analyze --format pdf`, and what the reports of a file (not a session) say:
the prompt's title when --prompt names it, and the date the input was made."""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path

import pytest
from pdf_check import median_height, text

from app.cli import main
from app.prompts import load_library
from app.transcript import save_transcript

from .helpers import cues

TEXT = ["The prompt is to design an API for scheduled messages.",
        "I'd add a POST endpoint that returns a SID.",
        "Status changes go to their callback URL as webhooks."]


@pytest.fixture
def srt(tmp_path: Path) -> Path:
    path = save_transcript(cues(TEXT), tmp_path / "answer.srt")
    made = datetime(2026, 10, 3, 17, 30).timestamp()
    os.utime(path, (made, made))
    return path


def test_reports_of_a_file_name_the_prompt_and_the_inputs_date(srt: Path, capsys):
    prompt = load_library().prompts[0]
    assert main(["analyze", str(srt), "--prompt", prompt.id, "--format", "txt"]) == 0
    out = capsys.readouterr().out
    assert f"Prompt: {prompt.title}" in out and "3 October 2026, 17:30" in out


def test_analyze_writes_a_pdf(srt: Path, tmp_path: Path, qapp):
    prompt = load_library().prompts[0]
    out = tmp_path / "report.pdf"
    assert main(["analyze", str(srt), "--prompt", prompt.id, "--format", "pdf",
                 "-o", str(out)]) == 0
    assert median_height(out) >= 8.0
    body = text(out)
    assert prompt.title in body and "POST endpoint" in body
