"""Rebuild resources/label_model.json from the labelled corpus (tests/data/corpus).

    python bench/train_label_model.py

Then run bench/eval_analysis.py for the held-apart figures, and record the change and
its effect in docs/labels-changelog.md.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "tests"))

from evaluation.corpus import load_script, script_paths  # noqa: E402
from evaluation.train_labels import train  # noqa: E402

from app.analysis.label_model import model_path  # noqa: E402
from app.analysis.vocabulary import load_vocabulary  # noqa: E402
from app.fileio.atomic import write_atomic  # noqa: E402


def main() -> int:
    scripts = [load_script(p) for p in script_paths()]
    model = train(scripts, load_vocabulary())
    text = json.dumps(model.to_dict(), separators=(",", ":")) + "\n"
    write_atomic(model_path(), text)
    print(f"{model_path()}: {len(model.weights)} features from "
          f"{sum(len(s['sentences']) for s in scripts)} sentences in {len(scripts)} scripts")
    return 0


if __name__ == "__main__":
    sys.exit(main())
