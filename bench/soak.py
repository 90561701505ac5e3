#!/usr/bin/env python3
"""Soak: the real recorder and live transcription for N minutes, at real time.

    python bench/soak.py --minutes 60 [--own-pulse] [--threads 1] [--voice joe|espeak]
                         [--json OUT]

Records the default input into a session folder (in a temporary data dir) with the
crash-safe Recorder while the LiveTranscriber (bundled model, --threads CPU threads, a
niced child process) transcribes it as it grows, exactly as a rehearsal does. Speech
(espeak-ng, platform-PM sentences with pauses) plays into the default output in a loop.
With --own-pulse a private PulseAudio server is started whose null sink's monitor is
the default input (tests/pulse_server.py, the same rig the test suite uses), so nothing
on the machine is touched and the recorder hears exactly what is played.

Every minute, and at the end, it prints:
- overflows: input overflows the PortAudio callback reported (target 0);
- resident memory (RSS) of the app's processes, MB: this one (recorder, live
  transcriber) and the transcriber child, not the speech player. At the end the mean of
  the first steady minute against the mean of the last minute, as a % change (target:
  flat within 10 %). The steady minute starts when the first chunk has come back: by
  then the model is loaded and has run once, so what the first inference allocates for
  good is counted as the baseline, not as growth. The first minute after a 20 s
  warm-up (the definition used before) is reported too;
- transcription lag per chunk: when its text arrived minus when its last sample was
  spoken, p50/p95/max (target p95 <= 10 s);
- Finish-to-transcript: seconds from stopping the recorder to the full transcript on
  disk (target <= 15 s);
- CPU: cores kept busy by this process, by the transcriber, and by everything else on
  the machine (the speech player, other people's work), and the tail Finish had left.
--json writes the end figures as JSON (tests/faults/test_soak.py reads them).

With --voice the interviewer speaks (bench/soak_voice.py): a real Rehearsal, its plan a
bundled prompt scaled to the soak's length, the LiveInterviewer ticked ten times a
second with the recorder's level, its questions in that voice through the real
PortAudio output into the sink the microphone hears, and a candidate who stops to
listen. The lag target is then p95 <= 2.5 s on two cores. At the end it presses Finish
as the app does and reports Finish-to-review (target <= 2 s): the screen's stop and
save, finish_session (the tail, the interviewer's turns marked, the analysis) and the
review opened as bench/review_open.py opens it; the questions asked, spoken, cut off and
heard in the transcript; and the share of the words inside the questions' turns that
landed in candidate segments (target 0).

Measured, 20 minutes with --voice joe --own-pulse on the two-core build machine
(2026-12-02, messaging-scheduled-messages scaled to 20 minutes), nothing else running
(0.04 cores of other work), live chunks of 10-20 s:
- overflows 0; RSS first steady minute to last +1.7 % (653 -> 664 MB; max 744 MB: the
  neural voice and Qt, about 270 MB without);
- lag p50 1.5 s / p95 1.8 s / max 2.2 s over 92 chunks (target p95 <= 2.5 s); the
  worker itself p50 1.2 s, p95 1.5 s per chunk;
- Finish-to-review 1.82 s (target <= 2 s): stop and save 0.03 s, the tail (11.7 s of
  audio, 0.87 s), the turns marked, the analysis and writing 1.40 s together, the
  review open 0.38 s;
- 10 questions asked (6 probes, 4 follow-ups), 10 spoken, 10 heard in the transcript;
  0 of the 178 words inside their turns landed in candidate segments (the 3
  "question-only" words, "send", lay outside every turn: the candidate's own "sends").
Two earlier runs with 20-30 s live chunks missed both targets: lag p95 5.3 s (while
other work kept 0.82 cores busy) and 2.8 s (quiet), Finish-to-review 4.2 s and 2.03 s.
What changed: live chunks of 10-20 s (app/transcription/live.py), live transcription
polled every 250 ms instead of 1 s, the interviewer's coverage worked out only when the
transcript changes, the renderer at the transcriber's priority.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
from proc_rss import process_rss  # noqa: E402  (bench/ is the script's own folder)

SR = 16000
TICK = 0.1  # the rehearsal screen's interviewer tick, about ten a second
POLL = 0.25  # seconds between polls of the live transcriber (app/ui/live_session.py's)
WARM_UP = 20.0  # seconds excluded from the first minute's RSS (model loading)
SENTENCES = (
    "The developer sends a request to the messages endpoint with an idempotency key.",
    "If the same key arrives twice, we return the first result instead of sending again.",
    "Rate limits return four twenty nine with a retry after header.",
    "Status callbacks post to the developer's webhook URL when the message is delivered.",
    "We sign every webhook so the developer can validate it came from us.",
    "The trade-off is latency on the other hand we get consistency.",
    "We would measure time to first hello world and API adoption.",
    "Errors carry a code, a message and a link to the documentation.",
)


def speech_loop_wav(path: Path) -> Path:
    """The sentences spoken by espeak-ng at 16 kHz with 1.5 s pauses between them."""
    import soundfile

    parts = []
    with tempfile.TemporaryDirectory() as tmp:
        for n, text in enumerate(SENTENCES):
            raw = Path(tmp) / f"{n}.wav"
            subprocess.run(["espeak-ng", "-v", "en-us", "-s", "165", "-w", str(raw), text],
                           check=True, capture_output=True)
            audio, rate = soundfile.read(str(raw), dtype="float32")
            if rate != SR:
                audio = np.interp(np.arange(0, len(audio), rate / SR), np.arange(len(audio)),
                                  audio).astype(np.float32)
            parts += [audio, np.zeros(int(1.5 * SR), np.float32)]
    soundfile.write(str(path), np.concatenate(parts), SR, subtype="PCM_16")
    return path


class Player:
    """Plays a WAV into the default output (or the private sink) over and over."""

    def __init__(self, wav: Path, device: str | None) -> None:
        self.wav, self.device = wav, device
        self._stop = threading.Event()
        self._proc: subprocess.Popen | None = None
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        cmd = ["paplay", *([f"--device={self.device}"] if self.device else []), str(self.wav)]
        while not self._stop.is_set():
            self._proc = subprocess.Popen(cmd)
            self._proc.wait()

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._proc is not None and self._proc.poll() is None:
            self._proc.terminate()
        self._thread.join(10)


def percentile(values: list[float], q: float) -> float:
    """The q-quantile (0..1) by linear interpolation; 0 for no values."""
    return float(np.percentile(values, q * 100)) if values else 0.0


def lags(history: list, t0: float, before: float) -> list[float]:
    """Per chunk dispatched before `before`: done minus when its last sample was spoken."""
    return [p.done - (t0 + p.end) for p in history if p.sent < before]


def cpu_seconds(pid: int) -> float:
    """User and system CPU seconds a process has used (0 once it is gone)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def busy_seconds() -> float:
    """CPU seconds the whole machine has been busy (all cores), from /proc/stat."""
    values = [int(v) for v in Path("/proc/stat").read_text().split("\n")[0].split()[1:]]
    idle = values[3] + values[4]  # idle and iowait
    return (sum(values[:8]) - idle) / os.sysconf("SC_CLK_TCK")


def rss_figures(rss: list[tuple[float, int, int]], steady_from: float) -> dict:
    """First steady minute against the last minute, for the app and for each process."""
    mb = 2**20

    def mean(column: int | None, start: float, end: float) -> float:
        values = [(r[1] + r[2]) if column is None else r[column]
                  for r in rss if start <= r[0] < end] or [0]
        return statistics.mean(values) / mb

    def change(first: float, last: float) -> float:
        return round(100 * (last - first) / first, 1) if first else 0.0

    end = rss[-1][0] + 1
    steady = mean(None, steady_from, steady_from + 60)
    last = mean(None, end - 61, end)
    old_first = mean(None, WARM_UP, 60)
    return {
        "rss_mb": [(round(t), round(a / mb, 1), round(w / mb, 1)) for t, a, w in rss],
        "rss_steady_from": round(steady_from, 1),
        "rss_steady_minute_mb": round(steady, 1),
        "rss_last_minute_mb": round(last, 1),
        "rss_change_percent": change(steady, last),
        "rss_max_mb": round(max(a + w for _, a, w in rss) / mb, 1),
        "rss_app_change_percent": change(mean(1, steady_from, steady_from + 60),
                                         mean(1, end - 61, end)),
        "rss_transcriber_change_percent": change(mean(2, steady_from, steady_from + 60),
                                                 mean(2, end - 61, end)),
        "rss_after_warm_up_change_percent": change(old_first, last),
    }


def soak(minutes: float, threads: int, device: str | None, voice: str | None = None) -> dict:
    from app.audio.recorder import Recorder
    from app.sessions.folder import SessionFolder
    from app.transcription.hint_words import case_vocabulary
    from app.transcription.live import LiveTranscriber

    work = Path(tempfile.mkdtemp(prefix="debrief-soak-"))
    os.environ["DEBRIEF_DATA_DIR"] = str(work / "data")
    run = None
    try:
        if voice:
            from review_open import qt_app
            from soak_voice import Candidate, VoiceRun, sentence_wavs

            qt_app()  # the window's: in the app, Qt is loaded all along

            run = VoiceRun(minutes, voice)
            folder, rec = run.rehearsal.folder, run.rehearsal.recorder
            player: Player | Candidate = Candidate(sentence_wavs(SENTENCES, work), device)
            vocabulary = case_vocabulary((run.prompt.product,))
        else:
            folder = SessionFolder.create("soak")
            rec = Recorder(folder.audio_path)
            rec.start()
            player = Player(speech_loop_wav(work / "speech.wav"), device)
            vocabulary = case_vocabulary()
        deadline = time.monotonic() + 10
        while not rec.live and not rec.failed and time.monotonic() < deadline:
            time.sleep(0.02)
        if not rec.live:
            raise SystemExit(f"no sound from the default input: {rec.error or 'timed out'}")
        began = time.monotonic()
        t0 = began - rec.audio_time()  # monotonic time of audio second 0
        live = LiveTranscriber(folder.audio_path, folder.transcript_path,
                               vocabulary=vocabulary, threads=threads)
        live.start()
        player.start()
        busy0, mine0 = busy_seconds(), cpu_seconds(os.getpid())
        worker_cpu: dict[int, float] = {}  # per transcriber process (a retry starts one)
        rss: list[tuple[float, int, int]] = []  # (seconds, this process, transcriber)
        next_rss = began
        next_report = began + 60
        end = began + minutes * 60
        me = os.getpid()
        print(f"soak: {minutes:g} min, recording {rec.device_name!r}, {threads} thread(s)"
              + (f", the interviewer speaks ({voice}, {run.prompt.id})" if run else ""),
              flush=True)
        next_poll = began
        try:
            while True:
                now = time.monotonic()
                if run is not None:
                    run.tick(player)  # type: ignore[arg-type]
                if now < next_poll:
                    time.sleep(TICK)
                    continue
                next_poll += POLL
                status = live.poll()
                if status.error:
                    print(f"  transcription error: {status.error}; retrying", flush=True)
                    live.retry()
                if rec.failed:
                    raise SystemExit(f"recorder failed: {rec.error}")
                if now >= next_rss:
                    worker = live.worker_pid
                    if worker:
                        worker_cpu[worker] = cpu_seconds(worker) or worker_cpu.get(worker, 0)
                    rss.append((now - began, process_rss(me),
                                process_rss(worker) if worker else 0))
                    next_rss += 5.0
                if now >= next_report or now >= end:
                    minute = round((now - began) / 60)
                    done = lags(live.history, t0, now)
                    app_mb = (rss[-1][1] + rss[-1][2]) / 2**20
                    print(f"  min {minute:3d}: overflows {rec.overflows}, RSS {app_mb:.0f} MB, "
                          f"recorded {status.recorded:.0f} s, "
                          f"transcribed {status.transcribed:.0f} s, chunks {len(done)}, lag "
                          f"p50 {percentile(done, .5):.1f} s max "
                          f"{max(done, default=0):.1f} s"
                          + (f", questions {run.report()['asked']}" if run else ""),
                          flush=True)
                    next_report += 60
                if now >= end:
                    break
                time.sleep(TICK)
        finally:
            player.stop()
        time.sleep(0.5)  # the last words reach the microphone
        spent = time.monotonic() - began
        busy = busy_seconds() - busy0
        mine = cpu_seconds(os.getpid()) - mine0
        theirs = sum(worker_cpu.values())
        cpu = {"cpu_app_cores": round(mine / spent, 2),
               "cpu_transcriber_cores": round(theirs / spent, 2),
               # Everything else the machine ran meanwhile (the speech player, others).
               "cpu_other_cores": round(max(0.0, busy - mine - theirs) / spent, 2),
               "load_average": [round(v, 2) for v in os.getloadavg()]}
        stopped = time.monotonic()
        voice_figures: dict = {}
        if run is None:
            rec.stop()
            transcript = live.finish(timeout=600)
            finish = time.monotonic() - stopped
        else:
            voice_figures, transcript = finish_to_review(run, live, vocabulary, stopped)
            finish = voice_figures["finish_to_analysis_seconds"]
        all_lags = lags(live.history, t0, stopped)
        work = [p.done - p.sent for p in live.history if p.sent < stopped]
        by_minute: dict[int, float] = {}  # the worst lag of the chunks ending in each minute
        for p in live.history:
            if p.sent < stopped:
                m = int(p.end // 60)
                by_minute[m] = round(max(by_minute.get(m, 0.0), p.done - (t0 + p.end)), 2)
        tail = [p for p in live.history if p.sent >= stopped]  # what Finish transcribed
        cpu |= {"tail_audio_seconds": round(sum(p.end - p.start for p in tail), 2),
                "tail_transcribe_seconds": round(sum(p.done - p.sent for p in tail), 2)}
        steady_from = live.history[0].done - began if live.history else WARM_UP
        figures = rss_figures(rss, steady_from)
        return {
            "minutes": minutes,
            "recorded_seconds": round(rec.seconds_written, 2),
            "overflows": rec.overflows,
            "recorder_error": rec.error,
            **figures,
            "pieces": len(live.history),  # the --json key predates "chunk"
            "lag_p50": round(percentile(all_lags, .5), 2),
            "lag_p95": round(percentile(all_lags, .95), 2),
            "lag_max": round(max(all_lags, default=0.0), 2),
            # Of the lag, the worker's own time per chunk (the rest is waiting to be cut
            # and collected): it grows when something else takes the CPU.
            "chunk_seconds_p50": round(percentile(work, .5), 2),
            "chunk_seconds_p95": round(percentile(work, .95), 2),
            "lag_by_minute": by_minute,
            "finish_seconds": round(finish, 2),
            "words": sum(len(s.words) for s in transcript.segments),
            "transcribed_to": round(transcript.segments[-1].end if transcript.segments
                                    else 0.0, 2),
            **cpu,
            **voice_figures,
        }
    finally:
        if run is not None and not run.rehearsal.finished:
            run.finish()
        shutil.rmtree(work, ignore_errors=True)


def finish_to_review(run, live, vocabulary: list[str], pressed: float) -> tuple[dict, object]:
    """Press Finish as the window does, from `pressed` (time.monotonic()): the rehearsal
    screen stops the interviewer and the recording and saves the session; finish_session
    transcribes the tail, marks the interviewer's turns and analyses; the review opens
    (built, shown, painted). Then how the interviewer's turns came out."""
    from review_open import open_review
    from soak_voice import leak_figures

    from app.sessions.finalize import finish_session
    from app.transcript import load_transcript

    run.finish()
    saved = time.monotonic()
    finish_session(run.rehearsal.folder, live, vocabulary=vocabulary)
    analysed = time.monotonic()
    screen, _ = open_review(run.rehearsal.folder.path)
    shown = time.monotonic()
    lines = len(screen.review.analysis.interviewer)
    screen.close()
    transcript = load_transcript(run.rehearsal.folder.transcript_path)
    return {
        "voice": run.report(),
        "finish_stop_seconds": round(saved - pressed, 2),
        "finish_to_analysis_seconds": round(analysed - pressed, 2),
        "review_open_seconds": round(shown - analysed, 2),
        "finish_to_review_seconds": round(shown - pressed, 2),
        "review_interviewer_lines": lines,
        **leak_figures(run.rehearsal.folder.path, SENTENCES),
    }, transcript


def report_voice(r: dict) -> None:
    v = r["voice"]
    print(f"interviewer          : {v['asked']} questions asked ({v['followups']} follow-ups), "
          f"{v['spoken']} spoken ({v['cut']} cut off), {r['heard']} heard in the "
          f"transcript, {v['given_up']} "
          f"given up; all rendered {v['render_seconds']} s after Start"
          + (f"; voice error: {v['voice_error']}" if v["voice_error"] else ""))
    print(f"leaked into candidate: {r['leaked_words']} of {r['words_in_turns']} words inside "
          f"the questions' turns ({100 * r['leaked_share']:.1f} %, target 0); "
          f"{r['question_only_words_in_candidate']} question-only words in candidate "
          f"segments {r['question_only_examples'] or ''}")
    print(f"Finish-to-review     : {r['finish_to_review_seconds']:.2f} s  (target <= 2 s): "
          f"stop and save {r['finish_stop_seconds']:.2f} s, tail + turns + analysis "
          f"{r['finish_to_analysis_seconds'] - r['finish_stop_seconds']:.2f} s, review "
          f"open {r['review_open_seconds']:.2f} s ({r['review_interviewer_lines']} "
          f"interviewer lines)")


def report(r: dict) -> None:
    print(f"== soak, {r['minutes']:g} min: {r['recorded_seconds']:.0f} s recorded ==")
    print(f"overflows            : {r['overflows']}  (target 0)"
          + (f"; recorder error: {r['recorder_error']}" if r["recorder_error"] else ""))
    print(f"RSS, app + transcriber: steady minute (from {r['rss_steady_from']:.0f} s) "
          f"{r['rss_steady_minute_mb']:.0f} MB, last minute {r['rss_last_minute_mb']:.0f} MB, "
          f"{r['rss_change_percent']:+.1f} %  (target within 10 %); max "
          f"{r['rss_max_mb']:.0f} MB")
    print(f"  by process         : app {r['rss_app_change_percent']:+.1f} %, transcriber "
          f"{r['rss_transcriber_change_percent']:+.1f} %; from {WARM_UP:.0f} s instead of "
          f"the first chunk: {r['rss_after_warm_up_change_percent']:+.1f} %")
    print(f"lag behind speech    : p50 {r['lag_p50']:.1f} s, p95 {r['lag_p95']:.1f} s, max "
          f"{r['lag_max']:.1f} s over {r['pieces']} chunks  (target p95 <= "
          f"{'2.5' if 'voice' in r else '10'} s)")
    print(f"  of which the worker: p50 {r['chunk_seconds_p50']:.1f} s, p95 "
          f"{r['chunk_seconds_p95']:.1f} s per chunk; worst lag by minute "
          + " ".join(f"{v:.1f}" for v in r["lag_by_minute"].values()))
    print(f"CPU, cores busy      : app {r['cpu_app_cores']:.2f}, transcriber "
          f"{r['cpu_transcriber_cores']:.2f}, everything else {r['cpu_other_cores']:.2f} "
          f"(load average {', '.join(map(str, r['load_average']))})")
    print(f"tail at Finish       : {r['tail_audio_seconds']:.1f} s of audio transcribed in "
          f"{r['tail_transcribe_seconds']:.2f} s")
    if "voice" in r:
        report_voice(r)
    else:
        print(f"Finish-to-transcript : {r['finish_seconds']:.1f} s  (target <= 15 s)")
    print(f"words transcribed    : {r['words']}, up to {r['transcribed_to']:.0f} s")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--minutes", type=float, default=60.0)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--own-pulse", action="store_true",
                        help="start a private PulseAudio server with a null-sink microphone")
    parser.add_argument("--voice", choices=("joe", "espeak"),
                        help="a rehearsal with the interviewer speaking in this voice")
    parser.add_argument("--json", type=Path, metavar="OUT", help="write the figures here")
    args = parser.parse_args()
    # A TERM (a CI timeout, kill) ends the run through the finally blocks below, so the
    # private PulseAudio server and the temporary session are cleaned up.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    os.environ.setdefault("HF_HUB_OFFLINE", "1")  # the bundled model is on disk
    server = None
    if args.own_pulse:
        sys.path.insert(0, str(REPO / "tests"))
        from pulse_server import missing_tools, start_pulse

        if missing := missing_tools():
            raise SystemExit(f"--own-pulse needs {', '.join(missing)}")
        server = start_pulse()
    try:
        result = soak(args.minutes, args.threads, "mock" if server else None, args.voice)
    finally:
        if server is not None:
            from pulse_server import stop_pulse

            stop_pulse(server)
    report(result)
    if args.json:
        args.json.write_text(json.dumps(result, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
