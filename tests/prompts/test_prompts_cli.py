"""`debrief prompts list|show|check`: one line per problem, exit codes, never a traceback."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from app.cli import main
from app.paths import user_prompts_dir

REPO = Path(__file__).resolve().parents[2]
BAD = REPO / "tests" / "data" / "bad" / "prompts"


def test_check_through_the_real_entry_point() -> None:
    bad = subprocess.run([sys.executable, "-m", "app", "prompts", "check", str(BAD)],
                         cwd=REPO, capture_output=True, text=True, timeout=60)
    assert bad.returncode == 1
    lines = bad.stdout.splitlines()
    assert len(lines) == len(list(BAD.glob("*.toml")))
    assert any(line.startswith("tests/data/bad/prompts/unknown-stage.toml:20: unknown stage")
               for line in lines)
    assert "Traceback" not in bad.stdout + bad.stderr

    good = subprocess.run([sys.executable, "-m", "app", "prompts", "check", "prompts/"],
                          cwd=REPO, capture_output=True, text=True, timeout=60)
    assert good.returncode == 0, good.stdout + good.stderr
    assert good.stdout == ""
    assert "all good" in good.stderr


@pytest.mark.parametrize("path", sorted(BAD.glob("*.toml")), ids=lambda p: p.name)
def test_check_prints_one_line_per_bad_file(path: Path, capsys, monkeypatch) -> None:
    monkeypatch.chdir(REPO)
    assert main(["prompts", "check", str(path)]) == 1
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert len(lines) == 1, out
    assert lines[0].startswith(f"tests/data/bad/prompts/{path.name}")
    assert "Traceback" not in out


def test_check_huge_file(tmp_path: Path, capsys) -> None:
    huge = tmp_path / "huge.toml"
    huge.write_bytes(b"# x\n" * 70_000)
    assert main(["prompts", "check", str(huge)]) == 1
    [line] = capsys.readouterr().out.splitlines()
    assert line.startswith(f"{huge}: file is too large")


def test_check_default_covers_bundled_and_user_folder(capsys) -> None:
    assert main(["prompts", "check"]) == 0
    assert "prompt files checked, all good" in capsys.readouterr().err
    user = user_prompts_dir()
    user.mkdir(parents=True)
    (user / "mine.toml").write_bytes((BAD / "unknown-kind.toml").read_bytes())
    assert main(["prompts", "check"]) == 1
    [line] = capsys.readouterr().out.splitlines()
    assert line.endswith("mine.toml:4: unknown kind 'design-sdk' (kinds are design-api, "
                         "improve-devx, launch-feature)")


def test_check_missing_path(capsys, tmp_path: Path) -> None:
    assert main(["prompts", "check", str(tmp_path / "nope")]) == 1
    assert capsys.readouterr().out.strip().endswith("nope: no such file or folder")


def test_list_prints_aligned_columns(capsys) -> None:
    assert main(["prompts", "list"]) == 0
    lines = capsys.readouterr().out.splitlines()
    header, rows = lines[0], lines[1:]
    assert header.split()[:4] == ["ID", "KIND", "PRODUCT", "MIN"]
    assert len(rows) >= 14
    kind_col, product_col = header.index("KIND"), header.index("PRODUCT")
    for row in rows:
        assert row[kind_col - 2:kind_col] == "  " and row[kind_col] != " "
        assert row[kind_col:].split()[0] in ("design-api", "improve-devx", "launch-feature")
        assert row[product_col - 1] == " " and row[product_col] != " "
    assert any(r.startswith("messaging-scheduled-messages ") and " 45  Design an API" in r
               for r in rows)


def test_list_json_and_extra_dir(capsys, tmp_path: Path) -> None:
    assert main(["prompts", "list", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert len(data) >= 14
    first = data[0]
    assert {"id", "title", "product", "kind", "minutes", "stages", "probes", "rubric",
            "source"} <= set(first)
    extra = tmp_path / "more"
    extra.mkdir()
    (extra / "bad.toml").write_text("id = ", encoding="utf-8")
    assert main(["prompts", "list", "--json", "--dir", str(extra)]) == 0
    captured = capsys.readouterr()
    assert len(json.loads(captured.out)) == len(data)
    assert "1 problem in prompt files" in captured.err


def test_show_scales_the_plan(capsys) -> None:
    assert main(["prompts", "show", "messaging-scheduled-messages", "--minutes", "60"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Design an API for scheduled messages\nMessaging")
    assert "60 minutes" in out and "17.3 min  Solution, API-first" in out
    assert "How would developers manage concurrent requests" in out
    assert main(["prompts", "show", "nope"]) == 1
    assert "unknown prompt 'nope'" in capsys.readouterr().err
