"""Turning one prompt file into a Prompt, or into the list of what is wrong with it.

A prompt file (see prompts/*.toml):

    id = "messaging-scheduled-messages"
    title = "Design an API for scheduled messages"
    product = "Messaging"
    kind = "design-api"            # design-api | improve-devx | launch-feature
    minutes = 45
    rubric = ["idempotency", "webhooks"]
    text = '''What the candidate hears.'''

    [[stage]]                      # the six stages, in order
    id = "problem"
    title = "Problem definition"   # optional; defaults to the stage's usual title
    minutes = 5
    hint = "What good looks like in this stage."

    [[probe]]
    stage = "technical"
    at = 3                         # optional: minutes into the stage when it is due
    text = "How would developers manage concurrent requests?"
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from app.errors import DebriefError
from app.prompts.lines import LineFinder
from app.prompts.model import KINDS, PRODUCTS, Probe, Problem, Prompt, StagePlan
from app.prompts.rubric import known_rubric
from app.prompts.toml_file import parse_toml, read_text
from app.stages import STAGE_IDS, STAGE_TITLES

_TOP_KEYS = ("id", "title", "product", "kind", "minutes", "rubric", "text", "stage", "probe")
_STAGE_KEYS = ("id", "title", "minutes", "hint")
_PROBE_KEYS = ("stage", "text", "at")
# Said when a required key is missing, so the user knows what to write there.
_WHAT = {
    "id": "a short unique id such as 'voice-call-transcription'",
    "title": "the prompt's title",
    "product": f"the product area, e.g. {', '.join(PRODUCTS[:3])}",
    "kind": f"one of {', '.join(KINDS)}",
    "text": "the prompt the candidate hears",
    "minutes": "the interview length, 45 or 60",
    "hint": "one line on what good looks like in this stage",
}
_ID = re.compile(r"^[a-z0-9][a-z0-9._-]*$")
MAX_MINUTES = 240


def _type_name(value: Any) -> str:
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int):
        return "a whole number"
    if isinstance(value, float):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a table"
    return "a date or time"


def _num(value: float) -> str:
    return f"{value:g}"


def reflow(text: str) -> str:
    """Join hard-wrapped lines into paragraphs; blank lines still separate paragraphs."""
    paragraphs = re.split(r"\n\s*\n", text.strip())
    return "\n\n".join(" ".join(p.split()) for p in paragraphs)


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


class _Checker:
    """Walks the parsed TOML once, collecting problems with the best line it can find."""

    def __init__(self, data: dict[str, Any], text: str, path: Path,
                 rubric: Mapping[str, str]) -> None:
        self.data = data
        self.path = path
        self.rubric = rubric
        self.lines = LineFinder(text)
        self.problems: list[Problem] = []

    def problem(self, line: int | None, message: str) -> None:
        self.problems.append(Problem(self.path, line, message))

    def unknown_keys(self, table: dict[str, Any], allowed: tuple[str, ...],
                     where: str | None = None, index: int = 0) -> None:
        for key in table:
            if key in allowed:
                continue
            close = difflib.get_close_matches(key, allowed, n=1)
            hint = f" (did you mean '{close[0]}'?)" if close else ""
            self.problem(self.lines.key(key, where, index), f"unknown key '{key}'{hint}")

    def text_field(self, table: dict[str, Any], key: str, label: str,
                   where: str | None = None, index: int = 0,
                   required: bool = True) -> str | None:
        """A non-empty text value, or None after reporting why not."""
        line = self.lines.key(key, where, index)
        if key not in table:
            if required:
                known = key in _WHAT and (where is None or key == "hint")
                what = f" ({_WHAT[key]})" if known else ""
                self.problem(line, f"{label}missing '{key}'{what}")
            return None
        value = table[key]
        if not isinstance(value, str):
            self.problem(line, f"{label}'{key}' must be text, not {_type_name(value)}")
            return None
        if not value.strip():
            self.problem(line, f"{label}'{key}' is empty")
            return None
        return value.strip()

    def minutes_field(self, table: dict[str, Any], key: str, label: str,
                      where: str | None = None, index: int = 0,
                      whole: bool = False, required: bool = True,
                      zero_ok: bool = False) -> float | None:
        line = self.lines.key(key, where, index)
        if key not in table:
            if required:
                what = f" ({_WHAT[key]})" if key in _WHAT and not where else ""
                self.problem(line, f"{label}missing '{key}'{what}")
            return None
        value = table[key]
        kind = "a whole number" if whole else "a number"
        if not _is_number(value) or (whole and not isinstance(value, int)):
            self.problem(line, f"{label}'{key}' must be {kind} of minutes, not "
                               f"{_type_name(value)}")
            return None
        if value < 0 or (value == 0 and not zero_ok):
            floor = "0 or more" if zero_ok else "more than 0"
            self.problem(line, f"{label}'{key}' must be {floor} minutes, not {_num(value)}")
            return None
        if value > MAX_MINUTES:
            self.problem(line, f"{label}'{key}' = {_num(value)} is longer than an interview "
                               f"({MAX_MINUTES} minutes at most)")
            return None
        return float(value)

    def tables(self, key: str) -> list[dict[str, Any]] | None:
        value = self.data.get(key)
        if value is None:
            return None
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            self.problem(self.lines.key(key) or self.lines.table(key),
                         f"'{key}' must be [[{key}]] tables, not {_type_name(value)}")
            return None
        return value

    def check(self) -> Prompt | None:
        d = self.data
        if not d:
            self.problem(None, "is empty: a prompt needs id, title, product, kind, text, "
                               "minutes and a [[stage]] plan (see the bundled prompts)")
            return None
        self.unknown_keys(d, _TOP_KEYS)
        prompt_id = self.text_field(d, "id", "")
        if prompt_id and not _ID.match(prompt_id):
            self.problem(self.lines.key("id"), f"id '{prompt_id}' must be lowercase letters, "
                                               "digits and dashes")
            prompt_id = None
        title = self.text_field(d, "title", "")
        product = self.product()
        kind = self.kind()
        text = self.text_field(d, "text", "")
        minutes = self.minutes_field(d, "minutes", "", whole=True)
        stages = self.stages(minutes)
        probes = self.probes(stages)
        rubric = self.rubric_ids()
        if self.problems:
            return None
        assert prompt_id and title and product and kind and text and minutes and stages
        return Prompt(id=prompt_id, title=title, product=product, kind=kind, text=reflow(text),
                      minutes=int(minutes), stages=stages, probes=probes or (),
                      rubric=rubric or (), source=self.path)

    def product(self) -> str | None:
        product = self.text_field(self.data, "product", "")
        if product is None:
            return None
        # Accept "sendgrid" for "SendGrid": the library filters on one spelling.
        canonical = {p.casefold(): p for p in PRODUCTS}
        return canonical.get(product.casefold(), product)

    def kind(self) -> str | None:
        kind = self.text_field(self.data, "kind", "")
        if kind is not None and kind not in KINDS:
            self.problem(self.lines.key("kind"),
                         f"unknown kind '{kind}' (kinds are {', '.join(KINDS)})")
            return None
        return kind

    def stages(self, minutes: float | None) -> tuple[StagePlan, ...] | None:
        tables = self.tables("stage")
        if tables is None:
            if "stage" not in self.data:
                self.problem(None, "missing the stage plan: [[stage]] tables for "
                                   f"{', '.join(STAGE_IDS)}")
            return None
        plans: list[StagePlan] = []
        ok = True
        for n, table in enumerate(tables):
            label = f"stage {n + 1}: "
            self.unknown_keys(table, _STAGE_KEYS, "stage", n)
            stage_id = self.text_field(table, "id", label, "stage", n)
            if stage_id is not None and stage_id not in STAGE_IDS:
                self.problem(self.lines.key("id", "stage", n),
                             f"unknown stage '{stage_id}' (stages are {', '.join(STAGE_IDS)})")
                stage_id = None
            if stage_id:
                label = f"stage '{stage_id}': "
            title = self.text_field(table, "title", label, "stage", n, required=False)
            hint = self.text_field(table, "hint", label, "stage", n)
            stage_minutes = self.minutes_field(table, "minutes", label, "stage", n)
            if stage_id is None or hint is None or stage_minutes is None:
                ok = False
                continue
            plans.append(StagePlan(stage_id, title or STAGE_TITLES[stage_id], stage_minutes,
                                   hint))
        if not ok:
            return None
        ids = [p.id for p in plans]
        if ids != list(STAGE_IDS):
            twice = sorted({i for i in ids if ids.count(i) > 1})
            missing = [i for i in STAGE_IDS if i not in ids]
            if twice:
                what = f"stage '{twice[0]}' appears more than once"
            elif missing:
                what = f"missing stage{'s' if len(missing) > 1 else ''} " + ", ".join(
                    f"'{i}'" for i in missing)
            else:
                what = "stages are out of order"
            self.problem(self.lines.header("stage"),
                         f"{what}; the plan must be {', '.join(STAGE_IDS)}, in that order")
            return None
        total = sum(p.minutes for p in plans)
        if minutes is not None and abs(total - minutes) > 0.01:
            self.problem(self.lines.key("minutes"),
                         f"stage minutes add up to {_num(total)}, not the prompt's "
                         f"{_num(minutes)} minutes")
            return None
        return tuple(plans)

    def probes(self, stages: tuple[StagePlan, ...] | None) -> tuple[Probe, ...] | None:
        tables = self.tables("probe")
        if tables is None:
            return None
        budget = {s.id: s.minutes for s in stages or ()}
        probes: list[Probe] = []
        for n, table in enumerate(tables):
            label = f"probe {n + 1}: "
            self.unknown_keys(table, _PROBE_KEYS, "probe", n)
            stage = self.text_field(table, "stage", label, "probe", n)
            if stage is not None and stage not in STAGE_IDS:
                self.problem(self.lines.key("stage", "probe", n),
                             f"{label}unknown stage '{stage}' (stages are "
                             f"{', '.join(STAGE_IDS)})")
                stage = None
            text = self.text_field(table, "text", label, "probe", n)
            at = self.minutes_field(table, "at", label, "probe", n, required=False,
                                    zero_ok=True)
            if stage and at is not None and stage in budget and at > budget[stage]:
                self.problem(self.lines.key("at", "probe", n),
                             f"{label}due {_num(at)} minutes into '{stage}', which lasts "
                             f"{_num(budget[stage])} minutes")
                continue
            if stage and text:
                probes.append(Probe(stage, text, at))
        return tuple(probes)

    def rubric_ids(self) -> tuple[str, ...] | None:
        if "rubric" not in self.data:
            return ()
        value = self.data["rubric"]
        line = self.lines.key("rubric")
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.problem(line, "'rubric' must be a list of rubric item ids (text), not "
                               f"{_type_name(value)}")
            return None
        for item in value:
            if item not in self.rubric:
                close = difflib.get_close_matches(item, list(self.rubric), n=1)
                hint = f"did you mean '{close[0]}'?" if close else "see resources/rubric.toml"
                self.problem(self.lines.value(item, line),
                             f"unknown rubric item '{item}' ({hint})")
        return tuple(dict.fromkeys(value))


def check_prompt_text(text: str, path: Path,
                      rubric: Mapping[str, str]) -> tuple[Prompt | None, list[Problem]]:
    """Validate one prompt file's text: the Prompt if it is sound, and every problem."""
    try:
        data = parse_toml(text, path)
    except DebriefError as exc:
        return None, [Problem(path, exc.line, exc.message)]
    checker = _Checker(data, text, path, rubric)
    prompt = checker.check()
    return prompt, checker.problems


def check_prompt_file(path: Path,
                      rubric: Mapping[str, str]) -> tuple[Prompt | None, list[Problem]]:
    """Read and validate one prompt file; unreadable files are problems, not exceptions."""
    try:
        text = read_text(path)
    except DebriefError as exc:
        return None, [Problem(path, exc.line, exc.message)]
    return check_prompt_text(text, path, rubric)


def load_prompt_file(path: Path) -> Prompt:
    """Load one prompt file, raising DebriefError (file, line, what) on its first problem."""
    path = Path(path)
    prompt, problems = check_prompt_file(path, known_rubric())
    if prompt is None:
        first = problems[0]
        more = len(problems) - 1
        tail = (f" (and {more} more; run `debrief prompts check {path}`)" if more else "")
        raise DebriefError(first.message + tail, first.path, first.line)
    return prompt
