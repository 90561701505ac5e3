"""The words of the case, to bias the recognizer toward them.

Whisper reads a short text before a window as context (faster-whisper's
`initial_prompt`, where the previous window's text would go). Spelling the case's terms
there makes "idempotency" likelier than "item potency" and "SID" likelier than "sit".
The engine gives it to every pause-cut chunk (see engine.py for the measurements).
The list stays short: a long one costs time in every chunk and tempts the model to
say the terms where nobody did.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from app.errors import DebriefError
from app.prompts.rubric import bundled_rubric_path, read_rubric

# Terms of platform API design that a small model mishears; spelled the way a
# transcript should show them.
DOMAIN_TERMS: tuple[str, ...] = (
    "API", "SDK", "webhook", "status callback", "callback URL", "idempotency key",
    "idempotent", "SID", "TwiML", "E.164", "OAuth", "429", "rate limit", "backoff",
    "endpoint", "payload", "pagination", "GraphQL", "JSON",
)

# Twilio product names a prompt mentions; the prompt's own product words come first.
PRODUCT_TERMS: tuple[str, ...] = (
    "Twilio", "SendGrid", "WhatsApp", "SMS", "Flex", "Verify", "Segment",
)

# The prompt shares the 448-token context with nothing else (conditioning is off), but
# every token is read again in every chunk: keep it to about a line of text.
MAX_PROMPT_CHARS = 300


def rubric_terms() -> list[str]:
    """Short terms from the rubric titles ("Rate limits and 429s" -> "Rate limits", "429s")."""
    try:
        titles = read_rubric(bundled_rubric_path()).values()
    except DebriefError:
        return []
    terms: list[str] = []
    for title in titles:
        for part in title.replace("/", " and ").split(" and "):
            part = part.strip()
            if part and len(part.split()) <= 3:
                terms.append(part)
    return terms


def case_vocabulary(prompt_words: Iterable[str] = (), with_rubric: bool = False) -> list[str]:
    """The prompt's product words, then the domain terms (and optionally the rubric's),
    without duplicates, in that order of priority."""
    seen: set[str] = set()
    out: list[str] = []
    sources: list[Iterable[str]] = [prompt_words, DOMAIN_TERMS, PRODUCT_TERMS]
    if with_rubric:
        sources.append(rubric_terms())
    for source in sources:
        for term in source:
            term = " ".join(str(term).split())
            if term and term.lower() not in seen:
                seen.add(term.lower())
                out.append(term)
    return out


def vocabulary_text(vocabulary: Sequence[str]) -> str | None:
    """The hint text given to the recognizer, cut to MAX_PROMPT_CHARS; None if empty."""
    text = ""
    for term in vocabulary:
        candidate = f"{text}, {term}" if text else term
        if len(candidate) > MAX_PROMPT_CHARS:
            break
        text = candidate
    return f"{text}." if text else None
