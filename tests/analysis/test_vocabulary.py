"""The vocabulary file: readable phrases, user copy replaces the bundled one."""

from __future__ import annotations

import pytest

from app.analysis import analyze
from app.analysis.classifier import label_text
from app.analysis.vocabulary import load_vocabulary, vocabulary_path
from app.errors import DebriefError
from app.paths import resources_dir

from .helpers import cues


def test_the_bundled_vocabulary_is_used_by_default():
    assert vocabulary_path() == resources_dir() / "vocabulary.toml"
    assert load_vocabulary().categories.hits("we call the endpoint")


def test_a_user_copy_replaces_the_bundled_vocabulary(data_dir):
    (data_dir / "vocabulary.toml").write_text(
        '[api]\nstrong = ["frobnicator*"]\n[ui]\nstrong = ["endpoint"]\n', encoding="utf-8")
    vocab = load_vocabulary()
    assert label_text("the frobnicators are ready", vocab).category == "api"
    assert label_text("the endpoint", vocab).category == "ui"
    assert analyze(cues(["Then the frobnicator runs."])).segments[0].cues == ["frobnicator"]


def test_a_broken_user_vocabulary_is_one_clear_error(data_dir):
    path = data_dir / "vocabulary.toml"
    path.write_text("[api\nstrong = 3", encoding="utf-8")
    with pytest.raises(DebriefError, match="not valid TOML") as err:
        load_vocabulary()
    assert str(path) in str(err.value)
    path.write_text('[api]\nstrong = "endpoint"\n', encoding="utf-8")
    with pytest.raises(DebriefError, match="list of phrases"):
        load_vocabulary()


def test_gap_phrases_do_not_hide_the_cues_inside_them():
    vocab = load_vocabulary()
    label = label_text("We could send a webhook, but polling is simpler.", vocab)
    assert label.category == "tradeoffs"
    assert label.scores["webhooks"] > 0
