"""The debrief as plain text: the Markdown report without its markup."""

from __future__ import annotations

import re

from app.analysis.model import Analysis
from app.reports.markdown import render_markdown
from app.reports.session_info import SessionInfo

_ESCAPED = re.compile(r"\\([\\`*_\[\]|~])")
_ENTITIES = {"&lt;": "<", "&gt;": ">", "&amp;": "&"}


def render_text(analysis: Analysis, info: SessionInfo | None = None) -> str:
    lines = []
    for line in render_markdown(analysis, info).splitlines():
        heading = re.match(r"^(#+) (.*)$", line)
        if heading:
            title = heading.group(2)
            underline = "=" if len(heading.group(1)) == 1 else "-"
            lines += [title, underline * len(title)] if len(heading.group(1)) < 3 else [title]
            continue
        if line.startswith("|---"):
            continue
        line = line.replace("**", "").replace("`", "")
        line = re.sub(r"(?<!\\)_\((.*)\)_$", r"(\1)", line)
        line = _ESCAPED.sub(r"\1", line)
        for entity, char in _ENTITIES.items():
            line = line.replace(entity, char)
        lines.append(line)
    return "\n".join(lines).rstrip() + "\n"
