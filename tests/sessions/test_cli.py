from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from app.cli import main


def test_sessions_list_json_matches_the_store(stored: list[Path], capsys):
    assert main(["sessions", "list", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [r["id"] for r in rows] == [p.name for p in reversed(stored)]
    assert all(0 < r["platform_share"] < 1 and r["rubric_total"] == 10 for r in rows)


def test_sessions_list_table(stored: list[Path], capsys):
    (stored[0] / "session.json").write_text("[]")
    assert main(["sessions", "list"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split()[:4] == ["ID", "DATE", "LENGTH", "PLATFORM"]
    assert len(lines) == 9
    assert "DAMAGED: session.json not a Debrief session file" in lines[-1]
    newest = lines[1]
    assert newest.startswith(stored[-1].name) and "%" in newest


def test_sessions_list_json_in_a_child_process(stored: list[Path]):
    out = subprocess.run([sys.executable, "-m", "app", "sessions", "list", "--json"],
                         capture_output=True, text=True, check=True)
    assert len(json.loads(out.stdout)) == 8


@pytest.mark.parametrize("argv, message", [
    (["sessions", "export", "nope", "--format", "md"], "no session 'nope'"),
    (["import", "notes.docx", "--prompt", "x"], "cannot be imported"),
])
def test_errors_are_one_line(argv: list[str], message: str, capsys, stored: list[Path]):
    assert main(argv) == 1
    err = capsys.readouterr().err
    assert message in err and len(err.strip().splitlines()) == 1 and "Traceback" not in err


@pytest.mark.parametrize("fmt, marker", [("md", "#"), ("html", "<html"), ("json", '"schema"'),
                                         ("srt", "-->"), ("vtt", "WEBVTT"), ("txt", "")])
def test_export_every_format(stored: list[Path], tmp_path: Path, fmt: str, marker: str):
    out = tmp_path / f"report.{fmt}"
    assert main(["sessions", "export", stored[2].name, "--format", fmt, "-o", str(out)]) == 0
    body = out.read_text()
    assert body.strip() and marker in body


def test_export_applies_corrections(stored: list[Path], capsys):
    folder = stored[0]
    analysis = json.loads((folder / "analysis.json").read_text())
    ui = next(s for s in analysis["segments"] if s["category"] == "ui")
    assert main(["sessions", "export", folder.name, "--format", "json"]) == 0
    before = json.loads(capsys.readouterr().out)
    (folder / "corrections.json").write_text(json.dumps(
        {"segments": [{"start": ui["start"], "category": "api"}]}))
    assert main(["sessions", "export", folder.name, "--format", "json"]) == 0
    after = json.loads(capsys.readouterr().out)
    moved = ui["end"] - ui["start"]
    assert after["categories"]["ui"] == pytest.approx(before["categories"]["ui"] - moved, abs=0.1)
    assert after["categories"]["api"] > before["categories"]["api"]


def test_export_of_unanalysed_session(capsys):
    from app.sessions.folder import SessionFolder

    folder = SessionFolder.create("raw")
    folder.write_meta({"prompt_id": "p", "state": "recording"})
    assert main(["sessions", "export", folder.id, "--format", "md"]) == 1
    assert "not been analysed yet" in capsys.readouterr().err
