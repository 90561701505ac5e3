"""Red flags and strengths in the interview's own terms, each with its evidence."""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence

from app.analysis.delivery import PACE_RANGE
from app.analysis.model import Finding, LabelledSentence, Moment, RubricResult, StageReport
from app.analysis.rubric_coverage import cover_rubric, quote
from app.analysis.totals import platform_seconds
from app.stages import STAGE_IDS, STAGE_TITLES
from app.timefmt import clock as format_clock

# Shares and minimums behind the judgements.
API_NATIVE_SHARE = 0.7
FILLERS_PER_MINUTE = 4.0
EVIDENCE = 3
_DEVELOPER_METRICS = ("api-adoption", "time-to-first-hello-world", "developer-nps")
_METRIC_WORDS = re.compile(
    r"\b(measur\w*|metrics?|kpis?|success|adoption|nps|active (users|developers|accounts)|"
    r"conversion|retention|churn|time to first|usage|engagement|satisfaction)\b", re.I)


def _minutes(seconds: float) -> str:
    return f"{seconds / 60:.1f} min"


def _evidence(sentences: Sequence[LabelledSentence], n: int = EVIDENCE) -> list[Moment]:
    return [Moment(round(s.start, 3), quote(s.text)) for s in sentences[:n]]


def _longest(sentences: Sequence[LabelledSentence], n: int = EVIDENCE) -> list[Moment]:
    chosen = sorted(sentences, key=lambda s: s.end - s.start, reverse=True)[:n]
    return _evidence(sorted(chosen, key=lambda s: s.start), n)


def judge(sentences: Sequence[LabelledSentence], stages: Sequence[StageReport],
          totals: dict[str, float], ui_heavy: bool, solution_share: float | None,
          rubric: Sequence[RubricResult], words_per_minute: float,
          fillers_per_minute: float, only: Collection[str] | None = None) -> list[Finding]:
    """Every finding that follows from the labelled sentences (probes are separate).

    `only`, for a session of one stage (a drill), are the rubric items due in it: what
    a whole answer must have (metrics, trade-offs...) is judged only when it is due."""
    def due(*items: str) -> bool:
        return only is None or any(i in only for i in items)

    found: list[Finding] = []
    found += _platform(sentences, stages, totals, ui_heavy, solution_share)
    found += _async_status(sentences) if due("webhooks") else []
    found += _error_handling(sentences, rubric) if due("error-handling") else []
    found += _metrics(sentences, rubric) if due(*_DEVELOPER_METRICS) else []
    found += _tradeoffs(sentences) if due("tradeoffs") else []
    found += _overruns(stages)
    found += _delivery(stages, words_per_minute, fillers_per_minute)
    return found


def _platform(sentences: Sequence[LabelledSentence], stages: Sequence[StageReport],
              totals: dict[str, float], ui_heavy: bool, share: float | None
              ) -> list[Finding]:
    solution = next((r for r in stages if r.stage == "solution"), None)
    where = solution.categories if solution else totals
    in_scope = [s for s in sentences if solution is None or s.stage == "solution"]
    ui, platform = where.get("ui", 0.0), platform_seconds(where)
    scope = "the solution stage" if solution else "the answer"
    if ui_heavy:
        return [Finding(
            "ui-heavy", "flag", "App-native answer: the solution is mostly UI",
            f"In {scope} you spent {_minutes(ui)} on screens and dashboards against "
            f"{_minutes(platform)} on the platform (endpoints, webhooks, trade-offs). "
            "A platform interviewer listens for an API-native, composable design; "
            "lead with the resources and events, then the console.",
            _longest([s for s in in_scope if s.category == "ui"]))]
    if share is not None and share >= API_NATIVE_SHARE and platform > 0:
        return [Finding(
            "api-native", "strength", "API-native solution",
            f"{share:.0%} of the platform-or-UI time in {scope} was on the platform "
            f"({_minutes(platform)} against {_minutes(ui)} of UI).",
            _evidence([s for s in in_scope if s.category in ("api", "webhooks")]))]
    return []


def _async_status(sentences: Sequence[LabelledSentence]) -> list[Finding]:
    said = _evidence([s for s in sentences if s.category == "webhooks"])
    if not said:
        said = cover_rubric(sentences, ["webhooks"])[0].moments[:EVIDENCE]
    if said:
        return [Finding("async-status", "strength", "Asynchronous status story",
                        "You explained how developers learn that something changed "
                        "(webhooks, status callbacks or polling).", said)]
    return [Finding("no-async-status", "flag", "No asynchronous status story",
                    "Nothing on how the developer's system hears about changes: webhooks "
                    "or status callbacks, retries, signatures, or polling as a fallback. "
                    "Interviewers probe for this on almost every platform prompt.")]


def _covered(rubric: Sequence[RubricResult], item: str,
             sentences: Sequence[LabelledSentence]) -> RubricResult:
    for result in rubric:
        if result.id == item:
            return result
    return cover_rubric(sentences, [item])[0]


def _error_handling(sentences: Sequence[LabelledSentence],
                    rubric: Sequence[RubricResult]) -> list[Finding]:
    result = _covered(rubric, "error-handling", sentences)
    if result.covered:
        return [Finding("error-handling", "strength", "Error handling",
                        "You named error codes or how failures reach the developer.",
                        result.moments[:EVIDENCE])]
    return [Finding("no-error-handling", "flag", "No error handling",
                    "No error codes, validation errors or failure responses. Say what the "
                    "developer gets back when a request is wrong, and which code.")]


def _metrics(sentences: Sequence[LabelledSentence],
             rubric: Sequence[RubricResult]) -> list[Finding]:
    dev = [r for item in _DEVELOPER_METRICS if (r := _covered(rubric, item, sentences)).covered]
    if dev:
        moments = [m for r in dev for m in r.moments][:EVIDENCE]
        names = ", ".join(r.title for r in dev)
        return [Finding("developer-metrics", "strength", "Developer metrics",
                        f"You measured success the platform way: {names}.", moments)]
    said = [s for s in sentences if _METRIC_WORDS.search(s.text)]
    if said:
        return [Finding("no-developer-metrics", "flag", "No developer metrics",
                        "You named metrics, but none of the platform ones: API adoption, "
                        "time to first hello world, developer NPS, platform usage.",
                        _evidence(said))]
    return [Finding("no-metrics", "flag", "No metrics",
                    "Nothing on how you would know it worked. Name two or three metrics: "
                    "API adoption, time to first hello world, developer NPS.")]


def _tradeoffs(sentences: Sequence[LabelledSentence]) -> list[Finding]:
    said = [s for s in sentences if s.category == "tradeoffs"]
    if len(said) >= 2:
        return [Finding("tradeoffs", "strength", "Explicit trade-offs",
                        f"You weighed alternatives {len(said)} times.", _evidence(said))]
    if said:
        return []
    return [Finding("no-tradeoffs", "flag", "No trade-offs",
                    "You never weighed one design against another (webhooks vs polling, "
                    "REST vs GraphQL, cost vs freshness). Committees look for judgement.")]


def _overruns(stages: Sequence[StageReport]) -> list[Finding]:
    """Every stage that ran past its budget, by how much (all its spans together: a
    stage returned to later spends the same budget, as on the stage clock)."""
    spent: dict[str, float] = {}
    for report in stages:
        spent[report.stage] = spent.get(report.stage, 0.0) + report.length
    found, flagged = [], set()
    for report in stages:
        stage, budget = report.stage, report.budget
        over = round(spent[stage] - budget)
        if budget <= 0 or over < 1 or stage in flagged:
            continue
        flagged.add(stage)
        title = STAGE_TITLES.get(stage, stage)
        later = STAGE_IDS[STAGE_IDS.index(stage) + 1:] if stage in STAGE_IDS else ()
        short = []
        for other in later:
            if other not in spent:
                short.append(f"{STAGE_TITLES[other]} (never reached)")
                continue
            budget_left = next(r.budget for r in stages if r.stage == other) - spent[other]
            if budget_left > 30:
                short.append(f"{STAGE_TITLES[other]} ({_minutes(budget_left)} short)")
        ate = f" It ate into {', '.join(short)}." if short else ""
        by = format_clock(over, signed=True)
        found.append(Finding(
            f"stage-overrun:{stage}", "flag", f"{title} ran over ({by})",
            f"{title} took {format_clock(spent[stage])} against a {format_clock(budget)} "
            f"budget ({by}).{ate}",
            [Moment(round(_ran_out(stages, stage, budget), 3),
                    f"the {title.lower()} budget ran out here")]))
    return found


def _ran_out(stages: Sequence[StageReport], stage: str, budget: float) -> float:
    """The second at which `stage`, over all its spans, used up its budget."""
    left = budget
    for report in stages:
        if report.stage == stage:
            if report.length >= left:
                return report.start + left
            left -= report.length
    return stages[-1].end


def _delivery(stages: Sequence[StageReport], wpm: float, fillers: float) -> list[Finding]:
    found = []
    lo, hi = PACE_RANGE
    off = [r for r in stages if r.length >= 60 and not lo <= r.words_per_minute <= hi]
    if wpm and not lo <= wpm <= hi:
        pace = "fast" if wpm > hi else "slow"
        found.append(Finding(
            f"pace-{pace}", "flag", f"Pace too {pace}",
            f"{wpm:.0f} words per minute overall; {lo:.0f}-{hi:.0f} is easy to follow.",
            [Moment(r.start, f"{STAGE_TITLES[r.stage]}: {r.words_per_minute:.0f} wpm")
             for r in off]))
    elif off:
        found.append(Finding(
            "pace-uneven", "flag", "Pace uneven across stages",
            "Some stages ran outside a comfortable 120-170 words per minute.",
            [Moment(r.start, f"{STAGE_TITLES[r.stage]}: {r.words_per_minute:.0f} wpm")
             for r in off]))
    if fillers > FILLERS_PER_MINUTE:
        found.append(Finding(
            "fillers", "flag", "Many filler words",
            f"{fillers:.1f} fillers per minute (the recognizer drops many, so the real "
            "count is higher). Pause instead.", []))
    return found
