"""`debrief prompts list|show|check`: the case-prompt library without a window."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from app.paths import bundled_prompts_dir, user_prompts_dir
from app.prompts import Library, Prompt, check_paths, load_library
from app.prompts.library import prompt_files, shown


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `prompts` and its subcommands."""
    parser = subparsers.add_parser(
        "prompts", help="list, show and check case prompts",
        description="The case prompts: bundled ones and those in your prompts folder "
        f"({user_prompts_dir()}).")
    sub = parser.add_subparsers(dest="prompts_command", metavar="ACTION", required=True)

    ls = sub.add_parser("list", help="list the prompts (id, kind, product, minutes, title)")
    ls.add_argument("--dir", dest="dirs", action="append", type=Path, default=[],
                    metavar="DIR", help="also load prompts from DIR (repeatable)")
    ls.add_argument("--json", action="store_true", help="print JSON instead of a table")
    ls.set_defaults(func=_list)

    show = sub.add_parser("show", help="print one prompt with its stage plan and probes")
    show.add_argument("id", help="prompt id (see `debrief prompts list`)")
    show.add_argument("--minutes", type=int, choices=(45, 60),
                      help="scale the stage plan to this length")
    show.add_argument("--dir", dest="dirs", action="append", type=Path, default=[],
                      metavar="DIR", help="also load prompts from DIR (repeatable)")
    show.set_defaults(func=_show)

    check = sub.add_parser(
        "check", help="report every problem in prompt files; exit 1 if there is any",
        description="Check prompt files and folders. With no PATH: the bundled prompts "
        "and your prompts folder.")
    check.add_argument("paths", nargs="*", type=Path, metavar="PATH",
                       help="prompt files or folders of them")
    check.set_defaults(func=_check)


def _warn_problems(library: Library) -> None:
    if library.problems:
        n = len(library.problems)
        print(f"debrief: {n} problem{'s' if n > 1 else ''} in prompt files left them out; "
              "run `debrief prompts check`", file=sys.stderr)


def _list(args: argparse.Namespace) -> int:
    library = load_library(args.dirs)
    if args.json:
        json.dump([p.to_dict() for p in library.prompts], sys.stdout, indent=1,
                  ensure_ascii=False)
        print()
    else:
        rows = [("ID", "KIND", "PRODUCT", "MIN", "TITLE")]
        rows += [(p.id, p.kind, p.product, str(p.minutes), p.title) for p in library.prompts]
        widths = [max(len(r[i]) for r in rows) for i in range(4)]
        for row in rows:
            cells = [c.ljust(w) if i != 3 else c.rjust(w) for i, (c, w) in
                     enumerate(zip(row[:4], widths, strict=True))]
            print("  ".join([*cells, row[4]]))
    _warn_problems(library)
    return 0


def format_prompt(prompt: Prompt) -> str:
    """The prompt as plain text: what the candidate hears, the plan, the probes."""
    out = [prompt.title, f"{prompt.product} · {prompt.kind_title} · {prompt.minutes} minutes",
           "", prompt.text, "", "Stage plan:"]
    for stage in prompt.stages:
        out.append(f"  {stage.minutes:5.1f} min  {stage.title}: {stage.hint}")
        for probe in prompt.probes_for(stage.id):
            when = f"at {probe.at:g} min" if probe.at is not None else "any time"
            out.append(f"      probe ({when}): {probe.text}")
    if prompt.rubric:
        out += ["", "Rubric: " + ", ".join(prompt.rubric)]
    return "\n".join(out)


def _show(args: argparse.Namespace) -> int:
    library = load_library(args.dirs)
    prompt = library.get(args.id)
    if args.minutes:
        prompt = prompt.scaled(args.minutes)
    print(format_prompt(prompt))
    return 0


def _check(args: argparse.Namespace) -> int:
    paths = list(args.paths)
    if not paths:
        paths = [bundled_prompts_dir()]
        if prompt_files(user_prompts_dir()):
            paths.append(user_prompts_dir())
    problems = check_paths(paths)
    for problem in problems:
        where = shown(problem.path)
        where_line = f"{where}:{problem.line}" if problem.line else str(where)
        print(f"{where_line}: {problem.message}")
    files = sum(len(prompt_files(p)) if p.is_dir() else int(p.is_file()) for p in paths)
    if problems:
        n = len(problems)
        print(f"{n} problem{'s' if n > 1 else ''} in {files} file{'s' if files != 1 else ''}",
              file=sys.stderr)
        return 1
    print(f"{files} prompt file{'s' if files != 1 else ''} checked, all good", file=sys.stderr)
    return 0
