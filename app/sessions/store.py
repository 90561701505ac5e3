"""Every stored session, listed fast and edited safely.

The folders under sessions_dir() are the truth. Listing compares each folder's file
signature (size and mtime of session.json and analysis.json) with what the index
cached and re-summarizes only what changed, so the list is right even after another
process wrote a session, and an index that is deleted or corrupt costs one rebuild.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
from dataclasses import replace
from pathlib import Path

from app.errors import DebriefError
from app.fileio.atomic import write_atomic
from app.paths import data_dir, sessions_dir
from app.sessions.folder import SessionFolder
from app.sessions.index import SUMMARY_VERSION, SessionIndex
from app.sessions.retakes import children
from app.sessions.summary import ProductLookup, SessionSummary, summarize
from app.sessions.trash import Trashed, move_to_trash, restore

log = logging.getLogger(__name__)

INDEX_NAME = "index.sqlite3"
# A disposable copy of the summary kept in each folder, so rebuilding a lost index reads
# one small file per session instead of every analysis (hundreds of KB each).
SUMMARY_CACHE = "summary.cache.json"
_SIGNED_FILES = ("session.json", "analysis.json", "corrections.json")


def signature(path: Path) -> str:
    """What must change for a session's summary to change."""
    parts = []
    for name in _SIGNED_FILES:
        try:
            st = os.stat(path / name)
        except OSError:
            parts.append("-")
        else:
            parts.append(f"{st.st_mtime_ns}:{st.st_size}")
    return "/".join(parts)


def library_products(extra_dirs: list[Path] | None = None) -> ProductLookup:
    """A prompt-id -> product-area lookup backed by the prompt library, loaded on first
    use; unknown ids (or no library) give ""."""
    cache: dict[str, str] | None = None

    def product_of(prompt_id: str) -> str:
        nonlocal cache
        if cache is None:
            cache = {}
            try:
                from app.prompts import load_library

                cache = {p.id: p.product for p in load_library(extra_dirs).prompts}
            except (ImportError, DebriefError) as exc:
                log.warning("prompt library unavailable for product areas: %s", exc)
        return cache.get(prompt_id, "")

    return product_of


class SessionStore:
    """The sessions under `root`, with their summary index at `index_path`."""

    def __init__(
        self,
        root: Path | None = None,
        index_path: Path | None = None,
        product_of: ProductLookup | None = None,
    ) -> None:
        self.root = Path(root) if root is not None else sessions_dir()
        self.root.mkdir(parents=True, exist_ok=True)
        self.index = SessionIndex(index_path or data_dir() / INDEX_NAME)
        self.product_of = product_of or library_products()

    # -- listing ---------------------------------------------------------------------

    def _folders(self) -> dict[str, Path]:
        with os.scandir(self.root) as entries:
            return {
                e.name: Path(e.path)
                for e in entries
                if e.is_dir() and not e.name.startswith(".")
            }

    def sync(self) -> int:
        """Bring the index in line with the folders; returns how many rows it recomputed."""
        folders = self._folders()
        cached = self.index.signatures()
        stale = []
        for sid, path in folders.items():
            sig = signature(path)
            if cached.get(sid) != sig:
                stale.append((sig, self._summarize(path, sig)))
        self.index.put_many(stale)
        self.index.remove(set(cached) - set(folders))
        return len(stale)

    def _summarize(self, path: Path, sig: str) -> SessionSummary:
        """The folder's summary, from its cache file when that matches `sig`."""
        cache = path / SUMMARY_CACHE
        try:
            data = json.loads(cache.read_bytes())
            if data["signature"] == sig and data["version"] == SUMMARY_VERSION:
                summary = SessionSummary.from_dict(data["summary"])
                summary.id, summary.path = path.name, str(path)
                return summary
        except (OSError, ValueError, TypeError, KeyError):
            pass  # missing, stale or garbled: summarize from the real files
        summary = summarize(path, self.product_of)
        if summary.damaged is None:
            payload = {"version": SUMMARY_VERSION, "signature": sig, "summary": summary.to_dict()}
            # Not durable: losing this file only costs a slower rebuild.
            with contextlib.suppress(OSError):
                write_atomic(cache, json.dumps(payload), durable=False)
        return summary

    def list(self) -> list[SessionSummary]:
        """Every session, newest first (damaged ones included, with their reason)."""
        self.sync()
        return self.index.summaries()

    def rebuild_index(self) -> int:
        """Forget the index and summarize every folder again; returns the count."""
        self.index.clear()
        return self.sync()

    # -- one session -----------------------------------------------------------------

    def folder(self, session_id: str) -> SessionFolder:
        """The folder of session `session_id` (DebriefError if there is none)."""
        if not session_id or "/" in session_id or "\\" in session_id or session_id in (".", ".."):
            raise DebriefError(f"not a session id: {session_id!r}")
        path = self.root / session_id
        if not path.is_dir():
            raise DebriefError(f"no session {session_id!r} (see `debrief sessions list`)")
        return SessionFolder(path)

    def refresh(self, session_id: str) -> SessionSummary:
        """Re-summarize one session now (after its analysis or meta changed)."""
        path = self.folder(session_id).path
        sig = signature(path)
        summary = self._summarize(path, sig)
        self.index.put_many([(sig, summary)])
        return summary

    def get(self, session_id: str) -> SessionSummary:
        """The summary of one session, recomputed if its files changed."""
        path = self.folder(session_id).path
        cached = self.index.get(session_id)
        if cached is not None and self.index.signatures().get(session_id) == signature(path):
            return cached
        return self.refresh(session_id)

    def _update_meta(self, session_id: str, **changes: str) -> SessionSummary:
        folder = self.folder(session_id)
        folder.write_meta(folder.read_meta().updated(**changes))
        return self.refresh(session_id)

    def rename(self, session_id: str, title: str) -> SessionSummary:
        """Give a session the user's own title ("" goes back to the prompt's)."""
        return self._update_meta(session_id, title=title.strip())

    def set_notes(self, session_id: str, text: str) -> SessionSummary:
        """Replace the user's notes on a session."""
        return self._update_meta(session_id, notes=text)

    def delete(self, session_id: str) -> Trashed:
        """Move a session (audio and all) out of the data dir into the trash, its
        retakes with it; the returned token undoes it all."""
        folder = self.folder(session_id)
        along = tuple(move_to_trash(child.path) for child, _ in children(folder))
        token = replace(move_to_trash(folder.path), along=along)
        self.index.remove([session_id, *(t.original.name for t in along)])
        return token

    def undo_delete(self, token: Trashed) -> SessionSummary:
        """Bring a deleted session back, with the retakes that went with it."""
        path = restore(token)
        for child in token.along:
            self.refresh(restore(child).name)
        return self.refresh(path.name)
