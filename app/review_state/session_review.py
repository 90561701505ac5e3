"""One session as the review screen sees it: the machine's analysis with the user's
corrections on top, bookmarks, probe moments, the word timeline and the stage bounds
the user sets by hand. No Qt here; the screen renders this and sends the user's edits
back through its methods."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from app.analysis.model import Analysis, InterviewerLine
from app.analysis.probes import asked_probes
from app.errors import DebriefError
from app.marks import Marks, StageStart
from app.review_state import bookmarks as bookmark_store
from app.review_state import correction_file, stage_marks
from app.review_state.bookmarks import Bookmark
from app.review_state.layout import SentenceText, WordIndex, sentence_text
from app.review_state.search import Hit, find_in_transcript
from app.review_state.stage_marks import StageChoice
from app.sessions.finalize import analyze_session
from app.sessions.folder import SessionFolder
from app.sessions.importer import IMPORTED
from app.sessions.meta import SessionMeta
from app.sessions.summary import load_analysis
from app.stages import CATEGORIES


@dataclass(frozen=True)
class Probe:
    """An interviewer follow-up shown during the rehearsal."""

    time: float
    text: str


class SessionReview:
    """Load a session folder for review. Raises DebriefError when session.json or
    analysis.json is unreadable; a session whose analysis is not written yet loads
    with `analysis` None (the screen shows that transcription is still running)."""

    def __init__(self, path: str | Path) -> None:
        self.folder = SessionFolder(Path(path))
        self.meta: SessionMeta = self.folder.read_meta()
        self.machine: Analysis | None = None
        self.analysis: Analysis | None = None
        self.texts: list[SentenceText] = []
        self.words = WordIndex([])
        self.corrections = correction_file.load(self.folder.corrections_path)
        self.bookmarks: list[Bookmark] = bookmark_store.of_session(self.folder.path,
                                                                   self.meta.events)
        self._undo: list[tuple[str, stage_marks.Snapshot]] = []  # stage edits, newest last
        self.reload_analysis()

    # -- loading ---------------------------------------------------------------------------

    @property
    def bookmarks_path(self) -> Path:
        return self.folder.path / bookmark_store.FILE_NAME

    def reload_analysis(self) -> bool:
        """(Re)read analysis.json; True when there is an analysis to show."""
        if not self.folder.analysis_path.exists():
            return False
        self.machine = load_analysis(self.folder.analysis_path)
        self.texts = [sentence_text(s) for s in self.machine.segments]
        self.words = WordIndex(self.machine.segments)
        self._reapply()
        return True

    def _reapply(self) -> None:
        assert self.machine is not None
        self.analysis = correction_file.apply(self.machine, self.corrections)

    # -- what the session says -------------------------------------------------------------

    @property
    def title(self) -> str:
        return self.meta.title or self.meta.default_title or self.folder.id

    @property
    def has_audio(self) -> bool:
        return self.folder.audio_path.exists()

    def planned_seconds(self) -> float | None:
        """The planned length: the minutes the user chose (45 or 60), or a drill's length
        (its analysis says it), never the sum of the stage spans found (an estimate may
        have dropped a stage)."""
        minutes = self.meta.minutes
        if minutes is not None and minutes > 0:
            return float(minutes) * 60
        if self.analysis is not None and self.analysis.planned:
            return self.analysis.planned
        return None

    @property
    def asked_lines(self) -> list[InterviewerLine]:
        """The interviewer's spoken questions in time order, as the transcript shows
        them (a search hit's index on an interviewer line counts in this list)."""
        lines = self.analysis.interviewer if self.analysis is not None else []
        return sorted(lines, key=lambda line: line.start)

    def find(self, query: str) -> list[Hit]:
        """Every match of `query` in the transcript, the interviewer's lines included,
        in reading order."""
        if self.analysis is None:
            return []
        sentences = [(s.start, t.text) for s, t in zip(self.analysis.segments, self.texts,
                                                       strict=True)]
        asked = [(line.start, sentence_text(line).text) for line in self.asked_lines]
        return find_in_transcript(sentences, asked, query)

    def hit_time(self, hit: Hit) -> float:
        """The audio second where a hit's sentence or line starts."""
        assert self.analysis is not None
        lines = self.asked_lines if hit.interviewer else self.analysis.segments
        return lines[hit.sentence].start

    def probes(self) -> list[Probe]:
        """Follow-up probes the stage clock showed, at their audio time."""
        return [Probe(p.time, p.text) for p in asked_probes(self.meta.events)]

    # -- corrections -----------------------------------------------------------------------

    def machine_category(self, index: int) -> str:
        assert self.machine is not None
        return self.machine.segments[index].category

    def is_corrected(self, index: int) -> bool:
        assert self.machine is not None
        return correction_file.key(self.machine.segments[index].start) in self.corrections

    def set_category(self, index: int, category: str) -> None:
        """Correct sentence `index` to `category` (back to the machine's label removes the
        correction), save corrections.json and recompute the totals."""
        if self.machine is None:
            raise DebriefError("this session has no analysis yet")
        if category not in CATEGORIES:
            raise DebriefError(f"unknown category {category!r}")
        k = correction_file.key(self.machine.segments[index].start)
        if category == self.machine.segments[index].category:
            self.corrections.pop(k, None)
        else:
            self.corrections[k] = category
        correction_file.save(self.folder.corrections_path, self.corrections)
        self._reapply()

    # -- bookmarks -------------------------------------------------------------------------

    def add_bookmark(self, time: float, note: str = "") -> int:
        """Add a bookmark and save; returns its index in the (time-sorted) list."""
        mark = Bookmark(max(0.0, time), note)
        self.bookmarks.append(mark)
        self._save_bookmarks()
        return self.bookmarks.index(mark)

    def edit_bookmark(self, index: int, note: str) -> None:
        self.bookmarks[index].note = note
        self._save_bookmarks()

    def remove_bookmark(self, index: int) -> None:
        del self.bookmarks[index]
        self._save_bookmarks()

    def _save_bookmarks(self) -> None:
        self.bookmarks.sort(key=lambda b: b.time)
        bookmark_store.save(self.bookmarks_path, self.bookmarks)

    # -- stage bounds ----------------------------------------------------------------------

    @property
    def stages_by_hand(self) -> bool:
        """True once the user has set the stage bounds (until they reset them)."""
        return stage_marks.is_edited(self.folder)

    def reset_stages_label(self) -> str:
        """What resetting the stages goes back to, in the user's words."""
        if stage_marks.recorded_were_estimated(self.folder):
            return "Reset to the estimated stages"
        if self.meta.state == IMPORTED:
            return "Reset to the imported stages"
        return "Reset to the recorded stages"

    def _stage_marks(self) -> tuple[Marks, float]:
        """The stage starts now in force (recorded, estimated or set) and where the
        audio ends."""
        if self.machine is None:
            raise DebriefError("this session has no analysis yet")
        end = self.machine.duration
        if self.meta.duration is not None:
            end = max(end, float(self.meta.duration))
        return [StageStart(s.stage, s.start) for s in self.machine.stages], end

    def stage_choices(self, seconds: float) -> list[StageChoice]:
        """For each stage, whether it can start at `seconds`, and if not, why."""
        marks, end = self._stage_marks()
        return stage_marks.choices(marks, seconds, end)

    def start_stage(self, stage: str, seconds: float) -> None:
        """Make `stage` start at `seconds`, save marks.json and analyse again."""
        marks, end = self._stage_marks()
        self._reanalyse(lambda: stage_marks.write_marks(
            self.folder, stage_marks.start_stage(marks, stage, seconds, end)),
            f"start {stage_marks.quoted(stage)}")

    def move_stage_start(self, index: int, seconds: float) -> None:
        """Move the start of stage span `index` (as in analysis.stages) to `seconds`."""
        marks, end = self._stage_marks()
        self._reanalyse(lambda: stage_marks.write_marks(
            self.folder, stage_marks.move_start(marks, index, seconds, end)),
            f"move {stage_marks.quoted(marks[index][0])}")

    def remove_stage(self, index: int) -> None:
        """Drop stage span `index`; its time goes to its neighbour."""
        marks, _end = self._stage_marks()
        self._reanalyse(lambda: stage_marks.write_marks(
            self.folder, stage_marks.remove_start(marks, index)),
            f"remove {stage_marks.quoted(marks[index][0])}")

    def reset_stages(self) -> None:
        """Back to the stages the session had before any hand edit."""
        if self.stages_by_hand:
            self._reanalyse(lambda: stage_marks.restore_recorded(self.folder),
                            "reset the stages")

    @property
    def stage_undo(self) -> str | None:
        """The stage edit that undo_stage_edit() would take back, in the user's words
        ("move “Solution”"); None when there is none since the session was opened."""
        return self._undo[-1][0] if self._undo else None

    def undo_stage_edit(self) -> str | None:
        """Put the stage marks back as they were before the last edit, analyse again,
        and return what was undone (None when there was nothing to undo)."""
        if not self._undo:
            return None
        what, saved = self._undo[-1]
        self._reanalyse(lambda: stage_marks.restore(self.folder, saved))
        self._undo.pop()
        return what

    def _reanalyse(self, change: Callable[[], None], what: str | None = None) -> None:
        """Apply `change` to the marks files and analyse the session again; if either
        fails, the files are put back as they were and the error is raised. A change
        named `what` can be undone."""
        saved = stage_marks.snapshot(self.folder)
        try:
            change()
            analyze_session(self.folder)
        except DebriefError:
            stage_marks.roll_back(self.folder, saved)
            raise
        except OSError as exc:  # analysis.json could not be written
            stage_marks.roll_back(self.folder, saved)
            raise DebriefError(f"cannot be written ({exc.strerror or exc})",
                               self.folder.analysis_path) from None
        if what is not None and stage_marks.snapshot(self.folder) != saved:
            self._undo.append((what, saved))
        self.reload_analysis()
