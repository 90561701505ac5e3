"""The cue-phrase vocabulary (resources/vocabulary.toml, or the user's copy) compiled
into one matcher.

Text is normalised before matching so the phrase lists stay readable: lower case,
hyphens as spaces, "client.create" as "client dot create", "/v1/orders" as
"slash v1 slash orders", "50%" as "50 percent".
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from app.errors import DebriefError
from app.paths import data_dir, resources_dir
from app.stages import CATEGORIES, STAGE_IDS

LEVELS = ("decisive", "strong", "medium", "weak")
DEFAULT_WEIGHTS = {"decisive": 6.0, "strong": 3.0, "medium": 2.0, "weak": 1.0}
# "could ... but": how many words the gap may span.
GAP_WORDS = 8


@dataclass(frozen=True)
class Cue:
    """One phrase as written in the vocabulary, and what it points at."""

    phrase: str
    category: str  # a category id, or "stage:<id>" for stage cues
    weight: float


@dataclass(frozen=True)
class Hit:
    cue: Cue
    start: int  # character offset in the normalised text
    text: str  # the words matched ("endpoints" for endpoint*); the phrase for gap phrases


class Matcher:
    """Finds cue phrases in normalised text. Plain phrases match leftmost-longest and do
    not overlap; gap phrases ("could ... but") are matched separately so they never
    hide the plain cues inside their gap.

    Phrases are indexed by their first word (or its stem, for "endpoint*"), so each
    word of the text is tried only against the phrases that can start there.
    """

    def __init__(self, cues: list[Cue]) -> None:
        by_phrase: dict[str, list[Cue]] = {}
        for cue in cues:
            by_phrase.setdefault(cue.phrase, []).append(cue)
        self._exact: dict[str, list[_Entry]] = {}
        self._stems: dict[str, list[tuple[str, _Entry]]] = {}
        self._gapped: list[_Entry] = []
        self._cache: dict[str, list[_Entry]] = {}  # word -> its candidate phrases
        for phrase in sorted(by_phrase, key=lambda p: (-len(p), p)):
            entry = (re.compile(_pattern(phrase) + r"(?![\w'])"), by_phrase[phrase])
            if "..." in phrase:
                self._gapped.append((re.compile(r"(?<![\w'])" + entry[0].pattern), entry[1]))
                continue
            first = normalise(phrase).split()[0]
            if first.endswith("*"):
                stem = first[:-1]
                self._stems.setdefault(stem[:_STEM_KEY], []).append((stem, entry))
            else:
                self._exact.setdefault(first, []).append(entry)

    def _candidates(self, word: str) -> list[_Entry]:
        cached = self._cache.get(word)
        if cached is not None:
            return cached
        found = list(self._exact.get(word, ()))
        for key in {word[:n] for n in range(1, _STEM_KEY + 1)}:
            found += [e for stem, e in self._stems.get(key, ()) if word.startswith(stem)]
        # Longest phrase first: "status callback url" before "status".
        found.sort(key=lambda e: -len(e[0].pattern))
        if len(self._cache) < _CACHE_WORDS:
            self._cache[word] = found
        return found

    def hits(self, text: str) -> list[Hit]:
        """Every cue in `text` (already normalised), in order of position."""
        found: list[Hit] = []
        taken_until = 0
        for token in _TOKEN.finditer(text):
            if token.start() < taken_until:
                continue
            for pattern, cues in self._candidates(token.group()):
                m = pattern.match(text, token.start())
                if m:
                    found.extend(Hit(cue, m.start(), m.group()) for cue in cues)
                    taken_until = m.end()
                    break
        for pattern, cues in self._gapped:
            m = pattern.search(text)
            if m:
                found.extend(Hit(cue, m.start(), cue.phrase) for cue in cues)
        found.sort(key=lambda h: h.start)
        return found


_Entry = tuple[re.Pattern[str], list[Cue]]
_TOKEN = re.compile(r"\S+")
_STEM_KEY = 3  # stems are indexed by up to this many leading characters
_CACHE_WORDS = 50_000  # a vocabulary's worth of distinct words


def _word_pattern(word: str) -> str:
    if word.endswith("*"):
        return re.escape(word[:-1]) + r"[\w']*"
    return re.escape(word)


def _pattern(phrase: str) -> str:
    parts = []
    for chunk in phrase.split("..."):
        words = normalise(chunk).split()
        if words:
            parts.append(r"\s+".join(_word_pattern(w) for w in words))
    gap = rf"(?:\s+\S+){{0,{GAP_WORDS}}}?\s+"
    return gap.join(parts)


# A dot between a word and a lower-case letter is code said aloud ("client.create");
# "U.S." is not.
_DOT = re.compile(r"(?<=[A-Za-z0-9])\.(?=[a-z])")
_SLASH = re.compile(r"/(?=\w)")
_NOISE = re.compile(r"[^\w\s'%*]")


def normalise(text: str) -> str:
    """Text as the matcher sees it (see the module docstring)."""
    text = text.replace("’", "'").replace("‘", "'")
    text = _DOT.sub(" dot ", text).lower()
    text = _SLASH.sub(" slash ", text)
    text = text.replace("%", " percent ").replace("-", " ").replace("_", " ")
    text = _NOISE.sub(" ", text)
    return " ".join(text.split())


@dataclass(frozen=True)
class Vocabulary:
    categories: Matcher  # cues whose category is one of CATEGORIES
    stages: Matcher  # cues whose category is "stage:<id>"
    source: Path


def vocabulary_path() -> Path:
    """The user's copy when there is one, else the bundled file."""
    user = data_dir() / "vocabulary.toml"
    return user if user.is_file() else resources_dir() / "vocabulary.toml"


def vocabulary_is_bundled(vocabulary: Vocabulary) -> bool:
    """Whether `vocabulary` is the file that ships with Debrief."""
    return vocabulary.source.resolve() == (resources_dir() / "vocabulary.toml").resolve()


def load_vocabulary(path: Path | None = None) -> Vocabulary:
    """Read and compile a vocabulary file (the user's or the bundled one by default)."""
    path = path or vocabulary_path()
    try:
        stamp = path.stat().st_mtime_ns
    except OSError:
        raise DebriefError("vocabulary file not found", path) from None
    return _load_cached(path, stamp)


@lru_cache(maxsize=4)
def _load_cached(path: Path, _stamp: int) -> Vocabulary:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise DebriefError(f"cannot read the vocabulary ({exc})", path) from None
    except tomllib.TOMLDecodeError as exc:
        raise DebriefError(f"not valid TOML ({exc})", path) from None
    weights = {**DEFAULT_WEIGHTS, **data.get("weights", {})}
    category_cues: list[Cue] = []
    for category in CATEGORIES:
        table = data.get(category, {})
        for level in LEVELS:
            for phrase in _phrases(table.get(level, []), f"{category}.{level}", path):
                category_cues.append(Cue(phrase, category, float(weights[level])))
    if not category_cues:
        raise DebriefError("the vocabulary has no cue phrases", path)
    stage_cues: list[Cue] = []
    for stage, table in data.get("stages", {}).items():
        if stage not in STAGE_IDS:
            raise DebriefError(f"unknown stage {stage!r} under [stages]", path)
        for phrase in _phrases(table.get("phrases", []), f"stages.{stage}", path):
            stage_cues.append(Cue(phrase, f"stage:{stage}", 1.0))
    return Vocabulary(Matcher(category_cues), Matcher(stage_cues), path)


def _phrases(value: object, where: str, path: Path) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(p, str) for p in value):
        raise DebriefError(f"{where} must be a list of phrases", path)
    return [p.strip().lower() for p in value if normalise(p.replace("...", " "))]
