"""The labelled corpus in tests/data/corpus: one JSON script per mock answer."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

CORPUS_DIR = Path(__file__).resolve().parent.parent / "data" / "corpus"


def script_paths() -> list[Path]:
    """Every script in the corpus, by name."""
    return sorted(CORPUS_DIR.glob("*.json"))


def load_script(path: Path) -> dict[str, Any]:
    """One script: {"id", "prompt", "kind", "product", "quality", "sentences": [...]}."""
    return json.loads(path.read_text(encoding="utf-8"))
