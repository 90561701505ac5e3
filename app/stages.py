"""The six stages of a platform-PM case answer, in the order a strong answer takes them."""

from __future__ import annotations

STAGE_IDS: tuple[str, ...] = ("problem", "developer", "solution", "technical", "metrics", "wrapup")

STAGE_TITLES: dict[str, str] = {
    "problem": "Problem definition",
    "developer": "The developer and their needs",
    "solution": "Solution, API-first",
    "technical": "Technical considerations",
    "metrics": "Metrics",
    "wrapup": "Trade-offs and wrap-up",
}

CATEGORIES: tuple[str, ...] = ("ui", "api", "webhooks", "tradeoffs", "other")
PLATFORM_CATEGORIES: tuple[str, ...] = ("api", "webhooks", "tradeoffs")
