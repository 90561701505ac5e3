"""Case prompts: the bundled and user prompt files, validated, with a stage plan each.

Qt-free. `load_library()` never fails on a bad file: it keeps the good prompts and lists
the problems; `check_paths()` reports problems in any files or folders.
"""

from app.prompts.library import Library, check_paths, load_library, use_prompts_folder
from app.prompts.loader import load_prompt_file
from app.prompts.model import KIND_TITLES, KINDS, PRODUCTS, Probe, Problem, Prompt, StagePlan
from app.prompts.rubric import load_rubric

__all__ = [
    "KINDS",
    "KIND_TITLES",
    "PRODUCTS",
    "Library",
    "Probe",
    "Problem",
    "Prompt",
    "StagePlan",
    "check_paths",
    "load_library",
    "load_prompt_file",
    "load_rubric",
    "use_prompts_folder",
]
