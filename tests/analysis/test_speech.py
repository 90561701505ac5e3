"""The whole path on real recognizer output: espeak speech, the bundled model, the
analysis (through `debrief analyze` on a WAV)."""

from __future__ import annotations

import json

import pytest

from app.cli import main


@pytest.mark.model
def test_analyze_a_recording_end_to_end(speak, tmp_path, capsys):
    wav = speak("The prompt is to design an API for scheduled messages. "
                "I would add a post endpoint that returns a message ID. "
                "When the message is delivered, we send a webhook event to their status "
                "callback URL. "
                "The dashboard has a big chart and a button.")
    out = tmp_path / "a.json"
    assert main(["analyze", str(wav), "-o", str(out)]) == 0
    data = json.loads(out.read_text())
    labels = [s["category"] for s in data["segments"]]
    assert labels[0] == "other"
    assert {"api", "webhooks", "ui"} <= set(labels)
    assert any(s["words"] for s in data["segments"])
    hooks = next(r for r in data["rubric"] if r["id"] == "webhooks")
    quote = hooks["moments"][0]["quote"].lower() if hooks["covered"] else ""
    assert "webhook" in quote or "callback" in quote or "call back" in quote
