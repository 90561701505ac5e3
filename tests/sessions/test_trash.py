from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote

import pytest

from app.errors import DebriefError
from app.sessions import trash


def test_same_name_twice_gets_distinct_trash_names(tmp_path: Path, home_trash: Path):
    first = tmp_path / "a b"
    first.mkdir()
    (first / "f").write_text("1")
    t1 = trash.move_to_trash(first)
    first.mkdir()
    (first / "f").write_text("2")
    t2 = trash.move_to_trash(first)
    assert t1.trashed.name == "a b" and t2.trashed.name == "a b.2"
    line = t2.info.read_text().splitlines()[1]
    assert unquote(line.removeprefix("Path=")) == str(first)
    trash.restore(t2)
    assert (first / "f").read_text() == "2"
    with pytest.raises(DebriefError, match="something else now has its name"):
        trash.restore(t1)


def test_no_system_trash_falls_back_to_app_trash(tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(trash, "system_trash_dir", lambda: None)
    folder = tmp_path / "s"
    folder.mkdir()
    item = trash.move_to_trash(folder)
    assert item.trashed.parent == trash.app_trash_dir() / "files"
    assert not item.in_system_trash
    trash.restore(item)
    assert folder.is_dir()
