"""The whole flow a user goes through, in one process, for the no-network test:

    python offline_flow.py SPEECH.wav OUT_DIR

rehearse (the real Rehearsal and Recorder, with live transcription as the app runs it)
while SPEECH.wav plays into the microphone -> finish -> analyse the session -> render
every report format -> `debrief sessions export` in each format -> a PDF through Qt ->
`debrief analyze` on the recording (batch transcription). Prints a JSON summary.

Run by test_offline.py with a sitecustomize that makes every AF_INET/AF_INET6 connection
and host lookup fail loudly and logs it, so any attempt anywhere (this process, the
transcriber child, a library) shows up.
"""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))


def armed() -> bool:
    """The trap is in place: a connection to localhost fails with our message."""
    try:
        socket.create_connection(("127.0.0.1", 9), timeout=1)
    except OSError as exc:
        return "network blocked" in str(exc)
    return False


def main() -> int:
    speech, out = Path(sys.argv[1]), Path(sys.argv[2])
    if not armed():
        raise SystemExit("the network trap is not armed")
    from app.cli import main as debrief
    from app.prompts import load_library
    from app.prompts.plan import plan_from_prompt
    from app.rehearsal.rehearsal import Rehearsal
    from app.reports import FORMATS, render
    from app.sessions.finalize import analyze_session
    from app.sessions.summary import load_analysis
    from app.transcription.live import LiveTranscriber

    prompt = load_library().get("messaging-scheduled-messages")
    rehearsal = Rehearsal(plan_from_prompt(prompt, 45))
    rehearsal.open()
    folder = rehearsal.folder
    live = LiveTranscriber(folder.audio_path, folder.transcript_path, threads=1,
                           min_chunk=3.0, max_chunk=6.0)
    live.start()
    while not rehearsal.started:
        rehearsal.poll()
        time.sleep(0.02)
    for _ in range(2):
        player = subprocess.Popen(["paplay", "--device=mock", str(speech)])
        while player.poll() is None:
            live.poll()
            time.sleep(0.1)
        rehearsal.next_stage()
    rehearsal.mark("said it")
    time.sleep(0.5)
    rehearsal.finish()
    transcript = live.finish(timeout=180)
    analysis = analyze_session(folder, transcript)
    for fmt in FORMATS:
        (out / f"report.{fmt}").write_text(render(analysis, fmt), encoding="utf-8")
    for fmt in ("md", "html", "json", "srt", "vtt", "txt"):
        code = debrief(["sessions", "export", folder.id, "--format", fmt, "-o",
                        str(out / f"export.{fmt}")])
        assert code == 0, fmt

    from PySide6.QtWidgets import QApplication

    from app.review_state.session_review import SessionReview
    from app.ui.review.export import export_session

    app = QApplication([])
    export_session(SessionReview(folder.path), "pdf", out / "export.pdf")
    app.quit()
    assert debrief(["analyze", str(folder.audio_path), "--format", "json", "-o",
                    str(out / "batch.json")]) == 0
    batch = load_analysis(out / "batch.json")
    print(json.dumps({"session": str(folder.path), "text": transcript.text,
                      "batch_text": " ".join(s.text for s in batch.segments),
                      "overflows": rehearsal.overflows}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
