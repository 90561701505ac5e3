from __future__ import annotations

import json
import os
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
    assert lines[0].split()[:5] == ["ID", "KIND", "DATE", "LENGTH", "PLATFORM"]
    assert len(lines) == 9
    assert "DAMAGED: session.json not a Debrief session file" in lines[-1]
    newest = lines[1]
    assert newest.startswith(stored[-1].name) and "%" in newest
    # Sessions written before kinds existed have none: they list as the mocks they were.
    assert newest.split()[1] == "mock"


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


def _with_bookmarks(folder: Path) -> None:
    """The rehearsal marked two moments, one with a note, and the user wrote notes."""
    meta = json.loads((folder / "session.json").read_text())
    meta["events"] = [{"type": "mark", "stage": "solution", "wall": 90.0, "audio": 90.0,
                       "note": "forgot the 429 here"},
                      {"type": "mark", "stage": "metrics", "wall": 400.0, "audio": 400.0}]
    meta["notes"] = "Mock with Sam; ask about GraphQL."
    (folder / "session.json").write_text(json.dumps(meta))


@pytest.mark.parametrize("fmt", ["md", "html", "txt", "vtt", "json"])
def test_export_carries_the_users_work(stored: list[Path], capsys, fmt: str):
    folder = stored[1]
    _with_bookmarks(folder)
    title = json.loads((folder / "session.json").read_text())["prompt_title"]
    assert main(["sessions", "export", folder.name, "--format", fmt]) == 0
    out = capsys.readouterr().out
    assert "forgot the 429 here" in out and "Mock with Sam" in out and title in out
    if fmt == "json":
        data = json.loads(out)
        assert [b["time"] for b in data["bookmarks"]] == [90.0, 400.0]
        assert data["date"].startswith("2026-10-")
    else:
        assert "October 2026" in out


def test_bookmarks_edited_in_the_review_win_over_the_rehearsals(stored: list[Path], capsys):
    from app.review_state.bookmarks import Bookmark, save

    folder = stored[1]
    _with_bookmarks(folder)
    save(folder / "bookmarks.json", [Bookmark(95.0, "the 429 came later, at 1:35")])
    assert main(["sessions", "export", folder.name, "--format", "srt"]) == 0
    out = capsys.readouterr().out
    assert "[Bookmark] the 429 came later" in out and "forgot the 429" not in out


def _child_env(**extra: str) -> dict[str, str]:
    # No QT_QPA_PLATFORM: the command must pick the offscreen platform itself.
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "DISPLAY",
                                                             "WAYLAND_DISPLAY")}
    env.pop("LANGUAGE", None)
    return {**env, **extra}


def test_export_pdf_in_a_child_process(stored: list[Path], tmp_path: Path):
    from pdf_check import median_height, page_sizes, text

    folder = stored[3]
    _with_bookmarks(folder)
    out = tmp_path / "report.pdf"
    done = subprocess.run([sys.executable, "-m", "app", "sessions", "export", folder.name,
                           "--format", "pdf", "-o", str(out)], capture_output=True, text=True,
                          env=_child_env(LC_ALL="en_US.UTF-8"), timeout=120)
    assert done.returncode == 0, done.stderr
    assert set(page_sizes(out)) == {(612.0, 792.0)}  # Letter in the US
    assert median_height(out) >= 8.0
    body = text(out)
    title = json.loads((folder / "session.json").read_text())["prompt_title"]
    assert "forgot the 429 here" in body and "Mock with Sam" in body
    assert f"Prompt: {title}" in body and "October 2026" in body


def test_export_pdf_to_a_pipe(stored: list[Path], tmp_path: Path):
    from pdf_check import page_sizes

    done = subprocess.run([sys.executable, "-m", "app", "sessions", "export", stored[0].name,
                           "--format", "pdf", "-o", "-"], capture_output=True,
                          env=_child_env(LC_ALL="de_DE.UTF-8"), timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(b"%PDF") and done.stdout.rstrip().endswith(b"%%EOF")
    (tmp_path / "piped.pdf").write_bytes(done.stdout)
    assert set(page_sizes(tmp_path / "piped.pdf")) == {(595.0, 842.0)}  # A4 in Germany


def test_export_pdf_to_a_missing_folder_is_one_line(stored: list[Path], tmp_path: Path,
                                                     capsys):
    out = tmp_path / "nowhere" / "report.pdf"
    assert main(["sessions", "export", stored[0].name, "--format", "pdf", "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert "its folder does not exist" in err and len(err.strip().splitlines()) == 1


def test_a_damaged_session_json_costs_only_what_it_holds(stored: list[Path], capsys,
                                                        caplog):
    from app.review_state.bookmarks import Bookmark, save

    folder = stored[2]
    save(folder / "bookmarks.json", [Bookmark(30.0, "kept in its own file")])
    (folder / "session.json").write_text("{")
    assert main(["sessions", "export", folder.name, "--format", "md"]) == 0
    out = capsys.readouterr().out
    assert "kept in its own file" in out and "## Rubric" in out
    assert "session.json" in caplog.text and "not valid JSON" in caplog.text


def test_sessions_list_titles_drills_clearly(data_dir, capsys):
    from datetime import datetime

    from sample_sessions import write_sample_drill

    from app.paths import sessions_dir

    write_sample_drill(sessions_dir(), datetime(2026, 11, 2, 9, 0))
    write_sample_drill(sessions_dir(), datetime(2026, 11, 3, 9, 0), quick="signature-check")
    assert main(["sessions", "list"]) == 0
    quick, drill = capsys.readouterr().out.splitlines()[1:]
    assert drill.split()[1] == "drill"
    assert drill.endswith("Drill: Solution, API-first — Design an API for scheduled messages")
    assert quick.split()[1] == "quick" and quick.endswith("Quick drill: Signature validation")
