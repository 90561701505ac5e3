"""The exports of a reviewed session: the corrected analysis with the user's own work
(bookmarks, notes, their title) and the session's prompt title and date, as text, and
the audio copy. The review screen and `debrief sessions export` both come here.

The formats are rendered by app.reports; PDF is laid out by app/ui/pdf_report.py.
"""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

from app.analysis.before_after import Retake
from app.analysis.model import Analysis
from app.errors import DebriefError
from app.fileio.output import is_stdout, open_output, write_output
from app.marks import Bookmark
from app.reports import render as report_render
from app.reports.session_info import SessionInfo
from app.review_state import bookmarks as bookmark_store
from app.review_state import correction_file
from app.review_state.session_review import SessionReview
from app.sessions.folder import SessionFolder
from app.sessions.meta import SessionMeta
from app.sessions.retakes import retakes_of
from app.sessions.summary import load_analysis

log = logging.getLogger(__name__)

TEXT_FORMATS: dict[str, str] = {
    "md": "Markdown", "html": "HTML", "json": "JSON", "srt": "SubRip subtitles",
    "vtt": "WebVTT subtitles", "txt": "Plain text",
}
ALL_FORMATS: dict[str, str] = {**TEXT_FORMATS, "pdf": "PDF", "wav": "Audio (WAV)"}


def session_info(meta: SessionMeta, bookmarks: list[Bookmark],
                 retakes: list[Retake] | None = None) -> SessionInfo:
    """What session.json, the user's bookmarks and the session's retakes add to the
    analysis in a report."""
    def text(value: str | None) -> str:
        return value.strip() if isinstance(value, str) else ""

    return SessionInfo(prompt_title=text(meta.prompt_title) or _title_of(text(meta.prompt_id)),
                       date=text(meta.started_at), title=text(meta.title),
                       notes=text(meta.notes), bookmarks=list(bookmarks),
                       retakes=list(retakes or []))


def review_info(review: SessionReview) -> SessionInfo:
    """The SessionInfo of a session open in the review, bookmarks as edited there."""
    return session_info(review.meta, review.bookmarks,
                        retakes_of(review.folder, review.analysis))


def load_session(folder: SessionFolder) -> tuple[Analysis, SessionInfo]:
    """A stored session as the review would show it, for `debrief sessions export`: the
    analysis with the user's corrections, and its SessionInfo. A damaged session.json
    costs only what it holds (notes, prompt title, date, the rehearsal's marks): the
    analysis is still exported, with a warning."""
    analysis = load_analysis(folder.analysis_path)
    analysis = correction_file.apply(analysis, correction_file.load(folder.corrections_path))
    try:
        meta = folder.read_meta()
    except DebriefError as exc:
        log.warning("%s: exported without the session's notes, prompt title, date and "
                    "marks", exc)
        meta = SessionMeta()
    return analysis, session_info(meta, bookmark_store.of_session(folder.path, meta.events),
                                  retakes_of(folder, analysis))


def _title_of(prompt_id: str) -> str:
    """The prompt's title from the library, for a session.json that names only its id."""
    if not prompt_id:
        return ""
    from app.prompts import load_library

    try:
        return load_library().get(prompt_id).title
    except DebriefError:  # a prompt since deleted: the report shows its id
        return ""


def render(analysis: Analysis, fmt: str, info: SessionInfo | None = None) -> str:
    """The analysis as text in `fmt` (one of TEXT_FORMATS)."""
    if fmt not in TEXT_FORMATS:
        raise DebriefError(f"unknown export format {fmt!r}")
    return report_render(analysis, fmt, info)


def write_text(analysis: Analysis, fmt: str, out: str | Path,
               info: SessionInfo | None = None) -> str | Path:
    """Write the `fmt` export to `out` (a file, a device or pipe, or `-`)."""
    body = render(analysis, fmt, info)
    if is_stdout(out) and not body.endswith("\n"):
        body += "\n"  # a terminal's prompt starts on a line of its own
    write_output(out, body)
    return out


def copy_audio(audio: Path, out: str | Path) -> str | Path:
    """Copy the session's recording to `out`."""
    try:
        src = open(audio, "rb")  # noqa: SIM115 - closed below, after the output is done
    except FileNotFoundError:
        raise DebriefError("this session has no recording", audio) from None
    except OSError as exc:
        raise DebriefError(f"cannot be read ({exc.strerror})", audio) from None
    with src, open_output(out) as dst:
        shutil.copyfileobj(src, dst, 1 << 20)
    return out
