"""Loading and checking prompt files: every fault is one precise `file:line: what` problem,
and a bad file never keeps the good ones from loading."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from app.errors import DebriefError
from app.paths import bundled_prompts_dir, user_prompts_dir
from app.prompts import (
    check_paths,
    load_library,
    load_prompt_file,
    load_rubric,
    use_prompts_folder,
)

BAD = Path(__file__).resolve().parents[1] / "data" / "bad" / "prompts"
GOOD = bundled_prompts_dir() / "messaging-scheduled-messages.toml"

# file -> (line, words the message must contain)
EXPECTED = {
    "bad-toml.toml": (17, ["not valid TOML"]),
    "duplicate-id.toml": (1, ["duplicate id 'messaging-scheduled-messages'",
                              "messaging-scheduled-messages.toml", "kept"]),
    "minutes-dont-add-up.toml": (5, ["stage minutes add up to 44", "45 minutes"]),
    "missing-text.toml": (None, ["missing 'text'"]),
    "negative-minutes.toml": (21, ["stage 'solution'", "more than 0", "-13"]),
    "non-utf8.toml": (7, ["not UTF-8"]),
    "probe-unknown-stage.toml": (40, ["probe 1", "unknown stage 'implementation'"]),
    "unknown-kind.toml": (4, ["unknown kind 'design-sdk'"]),
    "unknown-rubric.toml": (6, ["unknown rubric item 'item-potency'", "idempotency"]),
    "unknown-stage.toml": (20, ["unknown stage 'solutions'"]),
    "wrong-type.toml": (5, ["'minutes' must be a whole number", "not text"]),
    "zero-minutes.toml": (21, ["stage 'solution'", "more than 0", "not 0"]),
}


def test_the_corpus_has_one_file_per_fault() -> None:
    assert sorted(p.name for p in BAD.glob("*.toml")) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_bad_file_gives_exactly_one_precise_problem(name: str) -> None:
    line, words = EXPECTED[name]
    problems = check_paths([BAD / name])
    assert len(problems) == 1, [str(p) for p in problems]
    problem = problems[0]
    assert problem.path.name == name
    assert problem.line == line
    for word in words:
        assert word in problem.message
    text = str(problem)
    assert text.startswith(f"{BAD / name}:{line}: " if line else f"{BAD / name}: ")
    assert "Traceback" not in text and "Error(" not in text


def test_checking_the_folder_reports_each_file_once() -> None:
    problems = check_paths([BAD])
    assert sorted(p.path.name for p in problems) == sorted(EXPECTED)


def test_huge_file_is_refused_without_being_parsed(tmp_path: Path) -> None:
    huge = tmp_path / "huge.toml"
    huge.write_text(GOOD.read_text(encoding="utf-8") + "# padding\n" * 30_000,
                    encoding="utf-8")
    assert huge.stat().st_size > 256 * 1024
    problems = check_paths([huge])
    assert len(problems) == 1
    assert problems[0].path == huge
    assert "too large" in problems[0].message and "256 KB" in problems[0].message


def _variant(tmp_path: Path, name: str, old: str, new: str, count: int = 1) -> Path:
    text = GOOD.read_text(encoding="utf-8").replace('id = "messaging-scheduled-messages"',
                                                     f'id = "{name}"', 1)
    assert old in text
    path = tmp_path / f"{name}.toml"
    path.write_text(text.replace(old, new, count), encoding="utf-8")
    return path


@pytest.mark.parametrize(("old", "new", "line_starts", "words"), [
    ('id = "metrics"', 'id = "wrapup"', "[[stage]]", ["stage 'wrapup' appears more than once"]),
    ('stage = "metrics"\ntext', 'stage = "metrics"\nat = 9\ntext', "at = 9",
     ["due 9 minutes into 'metrics', which lasts 5 minutes"]),
    ("rubric = [", "rubrik = [", "rubrik", ["unknown key 'rubrik'", "did you mean 'rubric'"]),
    ('kind = "design-api"', "kind = 3", "kind", ["'kind' must be text, not a whole number"]),
    ("minutes = 45", "minutes = 0", "minutes = 0", ["'minutes' must be more than 0 minutes"]),
    ('text = """', 'text = """  """\nnotes = """', "text", ["'text' is empty"]),
    ("[[probe]]\nstage", "[[probe]]\nstage = 1\nfoo", "stage = 1",
     ["probe 1: 'stage' must be text, not a whole number"]),
])
def test_more_faults_are_reported_on_their_line(tmp_path: Path, old: str, new: str,
                                                line_starts: str, words: list[str]) -> None:
    path = _variant(tmp_path, "variant", old, new)
    problems = [p for p in check_paths([path]) if not p.message.startswith("unknown key 'n")
                and not p.message.startswith("unknown key 'foo")]
    assert len(problems) == 1, [str(p) for p in problems]
    problem = problems[0]
    for word in words:
        assert word in problem.message
    assert problem.line is not None
    assert path.read_text().splitlines()[problem.line - 1].startswith(line_starts)


def test_stages_out_of_order(tmp_path: Path) -> None:
    text = GOOD.read_text(encoding="utf-8")
    text = text.replace('id = "metrics"', 'id = "TMP"').replace(
        'id = "technical"', 'id = "metrics"').replace('id = "TMP"', 'id = "technical"')
    path = tmp_path / "order.toml"
    path.write_text(text.replace("messaging-scheduled-messages", "order"), encoding="utf-8")
    [problem] = check_paths([path])
    assert "out of order" in problem.message
    assert problem.line == text.splitlines().index("[[stage]]") + 1


def test_missing_paths_and_empty_folders_are_problems(tmp_path: Path) -> None:
    problems = check_paths([tmp_path / "nope.toml", tmp_path])
    assert [p.message for p in problems] == ["no such file or folder",
                                             "no prompt files (*.toml) in this folder"]


def test_load_prompt_file_raises_a_located_debrief_error() -> None:
    assert load_prompt_file(GOOD).id == "messaging-scheduled-messages"
    with pytest.raises(DebriefError) as caught:
        load_prompt_file(BAD / "unknown-stage.toml")
    assert caught.value.line == 20
    assert str(caught.value).startswith(f"{BAD / 'unknown-stage.toml'}:20: unknown stage")
    with pytest.raises(DebriefError, match="file not found"):
        load_prompt_file(BAD / "absent.toml")


def test_user_folder_prompts_load_alongside_bundled(tmp_path: Path) -> None:
    user = user_prompts_dir()
    user.mkdir(parents=True)
    mine = GOOD.read_text(encoding="utf-8").replace(
        'id = "messaging-scheduled-messages"', 'id = "my-own-prompt"').replace(
        'title = "Design an API for scheduled messages"', 'title = "My own prompt"')
    (user / "mine.toml").write_text(mine, encoding="utf-8")
    shutil.copy(BAD / "unknown-kind.toml", user / "broken.toml")
    shutil.copy(GOOD, user / "clash.toml")  # same id as a bundled prompt

    library = load_library()
    bundled = len(list(bundled_prompts_dir().glob("*.toml")))
    assert len(library.prompts) == bundled + 1
    assert library.get("my-own-prompt").source == user / "mine.toml"
    # The clash is reported and the bundled prompt wins.
    assert library.get("messaging-scheduled-messages").source == GOOD
    messages = sorted((p.path.name, p.message) for p in library.problems)
    assert [m[0] for m in messages] == ["broken.toml", "clash.toml"]
    assert messages[1][1].startswith("duplicate id 'messaging-scheduled-messages'")

    extra = tmp_path / "extra"
    extra.mkdir()
    (extra / "x.toml").write_text(mine.replace("my-own-prompt", "extra-prompt"),
                                  encoding="utf-8")
    assert load_library([extra]).get("extra-prompt").source == extra / "x.toml"


def test_the_chosen_prompt_folder_is_the_one_every_library_reads(tmp_path: Path) -> None:
    """The app's prompt-folder setting reaches code that loads the library itself (an
    import, a fresh analysis), and a folder named twice is read once."""
    from app.sessions.finalize import session_prompt
    from app.sessions.meta import SessionMeta

    chosen = tmp_path / "my prompts"
    chosen.mkdir()
    mine = GOOD.read_text(encoding="utf-8").replace(
        'id = "messaging-scheduled-messages"', 'id = "my-own-prompt"')
    (chosen / "mine.toml").write_text(mine, encoding="utf-8")
    assert session_prompt(SessionMeta(prompt_id="my-own-prompt")) is None
    use_prompts_folder(chosen)
    library = load_library([chosen])
    assert library.get("my-own-prompt").source == chosen / "mine.toml"
    assert library.problems == []  # not "duplicate id" against itself
    found = session_prompt(SessionMeta(prompt_id="my-own-prompt", minutes=60))
    assert found is not None and found.id == "my-own-prompt"
    use_prompts_folder(None)
    assert session_prompt(SessionMeta(prompt_id="my-own-prompt")) is None


def test_unknown_prompt_error_points_at_the_list() -> None:
    with pytest.raises(DebriefError) as caught:
        load_library().get("x")
    assert str(caught.value) == "unknown prompt 'x' (see `debrief prompts list`)"


def test_user_rubric_overrides_and_a_broken_one_is_only_a_problem(data_dir: Path) -> None:
    assert "idempotency" in load_rubric()
    (data_dir / "rubric.toml").write_text('[[item]]\nid = "only"\ntitle = "Only"\n',
                                          encoding="utf-8")
    assert load_rubric() == {"only": "Only"}
    # Bundled prompts stay valid, and the user's new item is known to their prompts.
    assert load_library().problems == []
    mine = GOOD.read_text(encoding="utf-8").replace('"idempotency"', '"only"').replace(
        "messaging-scheduled-messages", "uses-only")
    (data_dir / "mine.toml").write_text(mine, encoding="utf-8")
    assert load_prompt_file(data_dir / "mine.toml").rubric[0] == "only"
    (data_dir / "rubric.toml").write_text("[[item]\n", encoding="utf-8")
    with pytest.raises(DebriefError, match="not valid TOML"):
        load_rubric()
    library = load_library()
    assert len(library.prompts) >= 14  # fell back to the bundled rubric
    assert [p.path.name for p in library.problems] == ["rubric.toml"]
    assert library.problems[0].line == 1


def test_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "bom.toml"
    path.write_bytes(b"\xef\xbb\xbf" + GOOD.read_bytes().replace(
        b"messaging-scheduled-messages", b"with-bom"))
    assert load_prompt_file(path).id == "with-bom"


def test_empty_file_and_single_stage_table(tmp_path: Path) -> None:
    empty = tmp_path / "empty.toml"
    empty.write_text("\n", encoding="utf-8")
    [problem] = check_paths([empty])
    assert problem.message.startswith("is empty: a prompt needs id, title")
    single = tmp_path / "single.toml"
    single.write_text(GOOD.read_text(encoding="utf-8").split("[[stage]]")[0].replace(
        "messaging-scheduled-messages", "single") + '[stage]\nid = "problem"\n',
        encoding="utf-8")
    [problem] = check_paths([single])
    assert problem.message == "'stage' must be [[stage]] tables, not a table"
    assert single.read_text().splitlines()[problem.line - 1] == "[stage]"
