"""At launch: offer to recover rehearsals that did not finish (a crash, a power cut)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QMessageBox, QWidget

from app.errors import DebriefError
from app.rehearsal.recovery import find_unfinished, recover


def _ask(parent: QWidget | None, count: int) -> bool:
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle("Recover rehearsals")
    noun = "rehearsal" if count == 1 else f"{count} rehearsals"
    box.setText(f"The last {noun} did not finish: Debrief closed while recording.")
    box.setInformativeText("Recover the recording (all but the last second) and the stage "
                           "marks?")
    recover_button = box.addButton("Recover", QMessageBox.ButtonRole.AcceptRole)
    box.addButton("Not now", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(recover_button)
    box.exec()
    return box.clickedButton() is recover_button


def offer_recovery(parent: QWidget | None = None, root: Path | None = None,
                   ask: Callable[[QWidget | None, int], bool] = _ask) -> list[str]:
    """Find unfinished sessions, ask once, recover them; return the recovered folders.
    Sessions that cannot be repaired are reported in one message and left as they are."""
    unfinished = find_unfinished(root)
    if not unfinished or not ask(parent, len(unfinished)):
        return []
    recovered, problems = [], []
    for folder in unfinished:
        try:
            recover(folder)
            recovered.append(str(folder.path))
        except DebriefError as exc:
            problems.append(str(exc))
    if problems:
        QMessageBox.warning(parent, "Recover rehearsals", "\n".join(problems))
    return recovered
