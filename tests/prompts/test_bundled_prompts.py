"""The prompts that ship with Debrief: enough of them, covering every area and kind."""

from __future__ import annotations

import pytest

from app.paths import bundled_prompts_dir
from app.prompts import KINDS, PRODUCTS, check_paths, load_library, load_rubric
from app.stages import STAGE_IDS

LIBRARY = load_library()


def test_bundled_prompts_are_all_valid() -> None:
    assert check_paths([bundled_prompts_dir()]) == []
    assert LIBRARY.problems == []
    files = sorted(bundled_prompts_dir().glob("*.toml"))
    assert len(LIBRARY.prompts) == len(files) >= 14


def test_every_product_area_and_kind_is_covered() -> None:
    assert LIBRARY.products() == list(PRODUCTS)
    assert LIBRARY.kinds() == list(KINDS)


def test_library_is_sorted_by_product_then_title() -> None:
    keys = [(p.product.casefold(), p.title.casefold()) for p in LIBRARY.prompts]
    assert keys == sorted(keys)


@pytest.mark.parametrize("prompt", LIBRARY.prompts, ids=lambda p: p.id)
def test_each_bundled_prompt_is_complete(prompt) -> None:
    assert prompt.minutes in (45, 60)
    assert [s.id for s in prompt.stages] == list(STAGE_IDS)
    assert sum(s.minutes for s in prompt.stages) == pytest.approx(prompt.minutes)
    assert all(s.hint and s.title for s in prompt.stages)
    assert len(prompt.probes) >= 4
    assert {p.stage for p in prompt.probes} <= set(STAGE_IDS)
    assert len(prompt.text) > 300, "a prompt needs a concrete scenario"
    assert prompt.rubric and set(prompt.rubric) <= set(load_rubric())
    assert prompt.source.parent == bundled_prompts_dir()
    assert prompt.source.stem == prompt.id
