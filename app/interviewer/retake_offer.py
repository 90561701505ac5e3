"""What a review can offer to retake, and the question the interviewer then asks.

A finding of the review (a missed rubric item, a probe not addressed, a UI-heavy
solution, a stage that ran over) becomes a RetakeOffer: the stage to answer in, the
rubric item it is about (if any), the question, and why. `retake_plan` turns an offer
into the one-stage plan a short take records with, kind "retake" and linked to its
parent session, so the take is crash-safe and recovered like any rehearsal.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass, replace

from app.analysis.before_after import ITEM, OVERRUN, PROBE, UI_HEAVY, Retake
from app.analysis.model import Analysis, Finding
from app.analysis.probes import asked_probes, probe_text, probe_topics
from app.prompts.followups import FollowupItem, load_followups
from app.prompts.plan import Plan, ProbeTiming, StageBudget
from app.sessions.meta import RETAKE
from app.stages import STAGE_IDS, STAGE_TITLES
from app.timefmt import clock

# The take's length: short enough to repeat, long enough for a real answer.
MIN_SECONDS, DEFAULT_SECONDS, MAX_SECONDS = 60, 90, 120
_PLATFORM_PUSH = ("Let's go back to the solution and leave the console aside. What does the "
                  "developer call, what comes back, and which events tell their system "
                  "what happened?")
_OVERRUN_ASK = ("Let's take {stage} again, in {time}: the same ground, only the points "
                "that matter most.")


@dataclass(frozen=True)
class RetakeOffer:
    """One "Retake this": what it answers (`what`, one of ITEM..OVERRUN, and `key`, the
    rubric item or finding id), where and what to answer, and why it is offered."""

    what: str
    key: str
    title: str
    stage: str
    item: str  # the rubric item the take is judged on ("" when there is none)
    question: str  # for an overrun, "{time}" stands for the take's length
    why: str

    def asked(self, seconds: float) -> str:
        """The question as the interviewer puts it, for a take of `seconds`."""
        return self.question.replace("{time}", _spoken_length(seconds))


def _spoken_length(seconds: float) -> str:
    whole = round(seconds)
    return f"{whole} seconds" if whole % 60 else f"{whole // 60} minute{'s' * (whole > 60)}"


def offers_for(analysis: Analysis, prompt_id: str = "", asked: Collection[str] = (),
               bank: dict[str, FollowupItem] | None = None) -> list[RetakeOffer]:
    """Every retake a review offers, missed rubric items first, then probes not
    addressed, a UI-heavy solution and overruns. `asked` are questions already put
    (in the session and its earlier retakes): a follow-up not yet asked is chosen."""
    bank = load_followups() if bank is None else bank
    stages = [s.stage for s in analysis.stages]
    offers = [_item_offer(r.id, r.title, stages, prompt_id, asked, bank)
              for r in analysis.rubric if not r.covered]
    for finding in analysis.flags:
        offer = _finding_offer(finding, analysis)
        if offer is not None:
            offers.append(offer)
    return offers


def _item_offer(item: str, title: str, stages: list[str], prompt_id: str,
                asked: Collection[str], bank: dict[str, FollowupItem]) -> RetakeOffer:
    followup = bank.get(item)
    due = followup.stages if followup is not None else ("solution",)
    stage = next((s for s in due if s in stages), due[0])
    questions = followup.questions_for(prompt_id) if followup is not None else ()
    fresh = [q for q in questions if q not in asked]
    named = _in_sentence(title)
    question = (fresh or list(questions) or [f"Walk me through {named} in this design."])[0]
    return RetakeOffer(ITEM, item, f"{title} — missed", stage, item, question,
                       f"The rubric expects {named}, and nothing in the answer covered it.")


def _in_sentence(title: str) -> str:
    """A rubric title inside a sentence: "Idempotency" -> "idempotency", "API adoption"
    and "SDKs" as they are."""
    return title[0].lower() + title[1:] if title[1:2].islower() else title


def _finding_offer(finding: Finding, analysis: Analysis) -> RetakeOffer | None:
    if finding.id.startswith("probe-missed:"):
        text = probe_text(finding)
        stage = _stage_at(analysis, finding.moments[0].time if finding.moments else 0.0)
        # Judged on the item it is about: the one the session missed, when it names two.
        missed = {r.id for r in analysis.rubric if not r.covered}
        topics = sorted(probe_topics(text), key=lambda t: t not in missed)
        return RetakeOffer(PROBE, finding.id, "Probe not addressed", stage,
                           topics[0] if topics else "", text,
                           "The interviewer asked this, and what followed did not take "
                           "it up.")
    if finding.id == "ui-heavy":
        return RetakeOffer(UI_HEAVY, finding.id, finding.title, "solution", "",
                           _PLATFORM_PUSH, finding.detail.split(". ")[0] + ".")
    if finding.id.startswith("stage-overrun:"):
        stage = finding.id.partition(":")[2]
        title = STAGE_TITLES.get(stage, stage)
        return RetakeOffer(OVERRUN, finding.id, finding.title, stage, "",
                           _OVERRUN_ASK.replace("{stage}", title.lower()),
                           finding.detail.split(" It ate")[0])
    return None


def _stage_at(analysis: Analysis, seconds: float) -> str:
    for report in analysis.stages:
        if report.start <= seconds < report.end:
            return report.stage
    return analysis.stages[-1].stage if analysis.stages else "solution"


def retake_plan(offer: RetakeOffer, parent_id: str, seconds: float = DEFAULT_SECONDS, *,
                prompt_id: str = "", prompt_title: str = "") -> Plan:
    """The plan of a take of `offer` for session `parent_id`: its one stage for
    `seconds` (MIN_SECONDS..MAX_SECONDS), with the question due at once."""
    seconds = float(min(max(seconds, MIN_SECONDS), MAX_SECONDS))
    stage = offer.stage if offer.stage in STAGE_IDS else "solution"
    budget = StageBudget(stage, STAGE_TITLES[stage], seconds)
    plan = Plan((budget,), (ProbeTiming(stage, offer.asked(seconds), 0.0),), prompt_id,
                prompt_title)
    return replace(plan, kind=RETAKE, scope=stage, item=offer.item, parent=parent_id)


def retake_fields(offer: RetakeOffer, seconds: float, parent_title: str) -> dict[str, object]:
    """What session.json says about a take beside its kind: its title in the history
    and what it retook (read back by app.sessions.retakes)."""
    what = offer.title.removesuffix(" — missed")
    return {"title": f"Retake: {what} · of {parent_title}"[:120],
            "retake": {"what": offer.what, "key": offer.key, "title": offer.title,
                       "question": offer.asked(seconds), "budget": float(seconds)}}


def budget_left(seconds: float, spent: float) -> str:
    """The take's countdown: "1:12 left", or how far over once it is spent."""
    left = seconds - spent
    return f"{clock(left)} left" if left >= 0 else f"{clock(-left)} over"


def asked_before(events: object, retakes: Sequence[Retake]) -> set[str]:
    """The questions a session and its retakes have put already (so a new take of the
    same item gets a follow-up it has not heard)."""
    return {p.text for p in asked_probes(events)} | {r.question for r in retakes}
