"""Finding the line of a key in TOML text, so semantic errors can say where they are.

tomllib gives lines only for syntax errors; for everything else we scan the text. The
scan understands the shapes prompt files use (top-level keys and `[[table]]` arrays)
and falls back to the nearest thing it can find, or to no line at all.
"""

from __future__ import annotations

import re


class LineFinder:
    """Lines (1-based) of keys, array-of-table headers and values in one TOML text."""

    def __init__(self, text: str) -> None:
        self._lines = text.splitlines()
        self._headers = [
            n for n, line in enumerate(self._lines) if re.match(r"\s*\[", line)
        ]

    def _block(self, table: str | None, index: int) -> tuple[int, int] | None:
        """Index range [start, end) of the top level (table None) or the index-th [[table]]."""
        if table is None:
            return 0, self._headers[0] if self._headers else len(self._lines)
        pattern = re.compile(r"\s*\[\[\s*" + re.escape(table) + r"\s*\]\]")
        starts = [n for n in self._headers if pattern.match(self._lines[n])]
        if index >= len(starts):
            return None
        start = starts[index]
        end = next((n for n in self._headers if n > start), len(self._lines))
        return start, end

    def key(self, key: str, table: str | None = None, index: int = 0) -> int | None:
        """The line of `key = ...` at top level or in the index-th `[[table]]`.

        Falls back to the table's header line when the key is absent there.
        """
        block = self._block(table, index)
        if block is None:
            return None
        pattern = re.compile(r"\s*[\"']?" + re.escape(key) + r"[\"']?\s*=")
        for n in range(*block):
            if pattern.match(self._lines[n]):
                return n + 1
        return block[0] + 1 if table is not None else None

    def header(self, table: str, index: int = 0) -> int | None:
        """The line of the index-th `[[table]]` header."""
        block = self._block(table, index)
        return block[0] + 1 if block else None

    def table(self, name: str) -> int | None:
        """The first line that opens `[name]` or `[[name]]`."""
        pattern = re.compile(r"\s*\[\[?\s*" + re.escape(name) + r"\s*\]")
        return next((n + 1 for n in self._headers if pattern.match(self._lines[n])), None)

    def value(self, value: str, after: int | None = None) -> int | None:
        """The first line at or after line `after` holding the quoted string `value`."""
        quoted = re.compile(r"[\"']" + re.escape(value) + r"[\"']")
        start = (after or 1) - 1
        for n in range(start, len(self._lines)):
            if quoted.search(self._lines[n]):
                return n + 1
        return after
