"""Sessions of one stage: a stage drill of a case prompt, and a quick drill on one rubric
item. Both are rehearsed and analysed like a mock, through a prompt reduced to the one
stage (its budget the drill's length, its rubric the items due there) and a plan made
from it."""

from __future__ import annotations

from dataclasses import replace

from app.prompts.followups import due_in
from app.prompts.model import Probe, Prompt, StagePlan
from app.prompts.plan import Plan, plan_from_prompt, stage_plan
from app.prompts.quick_drills import QuickDrill, bundled_quick_drills_path
from app.stages import STAGE_TITLES


def stage_prompt(prompt: Prompt, stage: str, seconds: float | None = None,
                 item: str = "") -> Prompt:
    """`prompt` reduced to `stage`, run for `seconds` (the stage's own budget by default):
    its probes stretched alike, its rubric the prompt's items due in that stage (only
    `item` when the session is about one). KeyError when the prompt has no such stage."""
    plan = prompt.stage(stage)
    minutes = seconds / 60.0 if seconds else plan.minutes
    factor = minutes / plan.minutes if plan.minutes else 1.0
    probes = tuple(replace(p, at=None if p.at is None else min(p.at * factor, minutes))
                   for p in prompt.probes if p.stage == stage)
    rubric = (item,) if item else due_in(stage, prompt.rubric)
    return replace(prompt, minutes=0, stages=(replace(plan, minutes=minutes),),
                   probes=probes, rubric=rubric)


def drill_plan(prompt: Prompt, stage: str, seconds: float | None = None) -> Plan:
    """The plan of a stage drill of `prompt` (as scaled for the rehearsal)."""
    return stage_plan(plan_from_prompt(prompt), stage, seconds)


def quick_prompt(stage: str, seconds: float, item: str, title: str = "",
                 question: str = "") -> Prompt:
    """The prompt a quick drill stands for: one stage, one rubric item, its question asked
    at the start."""
    budget = StagePlan(stage, STAGE_TITLES.get(stage, stage), seconds / 60.0, "")
    probes = (Probe(stage, question, 0.0),) if question else ()
    return Prompt(id="", title=title, product="", kind="", text=question, minutes=0,
                  stages=(budget,), probes=probes, rubric=(item,),
                  source=bundled_quick_drills_path())


def quick_plan(drill: QuickDrill, seconds: float | None = None) -> Plan:
    """The plan of a quick drill: its question shown (or spoken) as the clock starts."""
    prompt = quick_prompt(drill.stage, float(seconds or drill.seconds), drill.item,
                          drill.title, drill.question)
    plan = plan_from_prompt(prompt)
    return replace(plan, prompt_id="", kind="quick", scope=drill.stage, item=drill.item)
