"""The prompt library: every good prompt from the bundled and user folders, plus problems.

A bad file never stops the library from loading: it is left out and reported. When two
files share an id, the first one read wins (bundled before the user's folder before any
extra folder) and the later one is reported as a duplicate.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from app.errors import DebriefError
from app.paths import bundled_prompts_dir, user_prompts_dir
from app.prompts.lines import LineFinder
from app.prompts.loader import check_prompt_file
from app.prompts.model import KINDS, PRODUCTS, Problem, Prompt
from app.prompts.rubric import bundled_rubric_path, known_rubric, read_rubric


@dataclass
class Library:
    """The prompts the user can pick from, and what was wrong with the files left out."""

    prompts: list[Prompt] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.prompts.sort(key=lambda p: (p.product.casefold(), p.title.casefold()))

    def get(self, prompt_id: str) -> Prompt:
        """The prompt with this id; DebriefError when there is none."""
        for prompt in self.prompts:
            if prompt.id == prompt_id:
                return prompt
        raise DebriefError(f"unknown prompt '{prompt_id}' (see `debrief prompts list`)")

    def products(self) -> list[str]:
        """Product areas present, known ones in the usual order, then any others."""
        present = {p.product for p in self.prompts}
        known = [p for p in PRODUCTS if p in present]
        return known + sorted(present - set(PRODUCTS), key=str.casefold)

    def kinds(self) -> list[str]:
        """Kinds present, in the order of KINDS."""
        present = {p.kind for p in self.prompts}
        return [k for k in KINDS if k in present]


def prompt_files(folder: Path) -> list[Path]:
    """The *.toml files directly in a folder, by name; none if it does not exist."""
    try:
        return sorted(p for p in folder.glob("*.toml") if p.is_file())
    except OSError:
        return []


def _rubric_with_problems(problems: list[Problem]) -> dict[str, str]:
    # A broken user rubric must not take the whole library down: report it, use ours.
    try:
        return known_rubric()
    except DebriefError as exc:
        problems.append(Problem(exc.path or Path("rubric.toml"), exc.line, exc.message))
        return read_rubric(bundled_rubric_path())


def shown(path: Path) -> Path:
    """A path as the user would type it: relative to the current folder when inside it."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve())
    except (ValueError, OSError):
        return path


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return a == b


def _id_line(path: Path) -> int | None:
    try:
        return LineFinder(path.read_text(encoding="utf-8")).key("id")
    except (OSError, UnicodeDecodeError):
        return None  # it changed under us; the problem stands without a line


def _collect(files: Iterable[Path], seen: dict[str, Path],
             rubric: dict[str, str]) -> tuple[list[Prompt], list[Problem]]:
    """Check files in order; `seen` (id -> file) holds ids already taken and grows."""
    prompts: list[Prompt] = []
    problems: list[Problem] = []
    for path in files:
        prompt, found = check_prompt_file(path, rubric)
        problems.extend(found)
        if prompt is None:
            continue
        first = seen.get(prompt.id)
        if first is not None and not _same_file(first, path):
            line = _id_line(path)
            problems.append(Problem(path, line, f"duplicate id '{prompt.id}' (also in "
                                                f"{shown(first)}; that one is kept)"))
            continue
        seen[prompt.id] = path
        prompts.append(prompt)
    return prompts, problems


_user_folder: Path | None = None


def use_prompts_folder(folder: Path | None) -> None:
    """Make `folder` the user's prompt folder for every library loaded from now on (the
    app's setting), so that an import or a fresh analysis finds the prompts the library
    screen shows. None: the default folder in the data dir."""
    global _user_folder
    _user_folder = Path(folder) if folder else None


def prompts_folder() -> Path:
    """The user's prompt folder: the one set by use_prompts_folder, else the default."""
    return _user_folder or user_prompts_dir()


def load_library(extra_dirs: Sequence[Path] | None = None) -> Library:
    """Bundled prompts, then the user's prompt folder, then `extra_dirs`."""
    problems: list[Problem] = []
    rubric = _rubric_with_problems(problems)
    folders = [bundled_prompts_dir(), prompts_folder(), *(Path(d) for d in extra_dirs or ())]
    folders = [f for i, f in enumerate(folders) if f.resolve() not in
               {g.resolve() for g in folders[:i]}]  # a folder given twice is read once
    files = [f for folder in folders for f in prompt_files(folder)]
    prompts, found = _collect(files, {}, rubric)
    return Library(prompts, problems + found)


def check_paths(paths: Iterable[Path]) -> list[Problem]:
    """Every problem in the given prompt files and folders (folders: their *.toml files).

    Ids are also checked against the bundled prompts, which would win over any clash.
    """
    problems: list[Problem] = []
    rubric = _rubric_with_problems(problems)
    files: list[Path] = []
    for path in map(Path, paths):
        if path.is_dir():
            found = prompt_files(path)
            if not found:
                problems.append(Problem(path, None, "no prompt files (*.toml) in this folder"))
            files.extend(found)
        elif path.exists():
            files.append(path)
        else:
            problems.append(Problem(path, None, "no such file or folder"))
    seen: dict[str, Path] = {}
    bundled, _ = _collect(prompt_files(bundled_prompts_dir()), {}, rubric)
    for prompt in bundled:
        seen.setdefault(prompt.id, prompt.source)
    _, clashes = _collect(files, seen, rubric)
    return problems + clashes
