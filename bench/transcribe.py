#!/usr/bin/env python3
"""Transcription benchmark: batch and import overhead, live lag, memory, word error rate.

    python bench/transcribe.py [--minutes 10] [--threads 2] [--speedup 8] [--work DIR]

1. Builds a mock rehearsal by speaking ../shared/eval scripts D1-D4 with espeak-ng
   (tools/make_mock_audio.py), or, where ../shared is absent, the scripts of
   tests/data/corpus (tests/evaluation/script_audio.py); it says which. The speech is
   cut to --minutes (or repeated to fill them), and a long one is six times as long.
2. Batch: Debrief's transcribe_file against plain faster-whisper on the same model,
   options and thread count, interleaved twice, best of each; plus the background job
   (child process, including its start-up and model load). Then a whole import, as the
   user runs it (`debrief import`, its own process: start-up, decoding, the worker,
   transcription, analysis), against a plain faster-whisper script in its own process
   (start-up, model load, decoding, transcription) with the same model, threads,
   beam 5, word timestamps and VAD.
3. Live, on the long audio: a child process runs the live transcriber on a WAV that a
   thread appends to at --speedup times real time, the way the recorder writes it
   (0.1 s blocks, header synced every half second). Chunks are cut and transcribed as
   they would be in a rehearsal; for each chunk the bench records how long the worker
   took. Arrival is then replayed on the audio clock: chunk i becomes available when
   its last sample would have been spoken (its end time), the single worker starts it
   when both the chunk and the worker are free, and it is done a measured processing
   time later. Lag of a chunk = done - end on that clock. Finish-to-transcript is
   measured directly: once the backlog that the faster-than-real-time feed built up is
   gone, Finish is called and timed (the tail chunk plus writing the file).
   Peak RSS covers that child and its worker process (the app process tree).
4. WER on D1-D4 (no cut), batch and chunk-wise as in live mode, with and without the
   domain vocabulary; "terms" counts the vocabulary words of the references heard.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import numpy as np
import soundfile

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
from proc_rss import tree_rss  # noqa: E402  (bench/ is the script's own folder)
from wer import TermScore, edit_distance, term_score, words  # noqa: E402

SHARED = REPO.parent / "shared"
SR = 16000
EVAL_IDS = ("D1", "D2", "D3", "D4")
IMPORT_PROMPT = "messaging-scheduled-messages"
# The words the vocabulary should help with, as they appear in the references.
SCORED_TERMS = ("API", "SDK", "SDKs", "webhook", "webhooks", "status callback", "callback URL",
                "idempotency", "idempotent", "SID", "TwiML", "E.164", "OAuth", "429",
                "rate limit", "rate limits", "backoff", "endpoint", "payload", "paginated",
                "latency", "JSON", "SendGrid", "Twilio")


def eval_audio(work: Path) -> dict[str, tuple[Path, dict]]:
    """Speak the eval scripts once (cached in `work`): ../shared/eval's, else the corpus's."""
    if (SHARED / "eval" / "scripts").is_dir():
        print(f"speech: {', '.join(EVAL_IDS)} from ../shared/eval")
        scripts = [SHARED / "eval" / "scripts" / f"{sid}.json" for sid in EVAL_IDS]
    else:
        from tests.evaluation.corpus import script_paths

        scripts = script_paths()
        print(f"speech: ../shared is absent; {', '.join(p.stem for p in scripts)} "
              "from tests/data/corpus")
    out = {}
    for script in scripts:
        sid = json.loads(script.read_text(encoding="utf-8"))["id"]
        wav = work / f"{sid}.wav"
        if not wav.exists():
            if script.is_relative_to(SHARED):
                subprocess.run([sys.executable, str(SHARED / "tools" / "make_mock_audio.py"),
                                str(script), str(work), "--voice", "en-us"], check=True,
                               capture_output=True)
            else:
                from tests.evaluation.script_audio import make_script_audio

                make_script_audio(script, work)
        out[sid] = (wav, json.loads((work / f"{sid}.truth.json").read_text()))
    return out


def build_mocks(work: Path, evals: dict, minutes: float) -> tuple[Path, Path]:
    from app.audio.decode import load_audio

    short, long = work / f"mock-{minutes:g}min.wav", work / f"mock-{6 * minutes:g}min.wav"
    if not (short.exists() and long.exists()):
        audio = np.concatenate([load_audio(wav) for wav, _ in evals.values()])
        audio = np.resize(audio, int(minutes * 60 * SR))  # cut, or repeat if too short
        soundfile.write(str(short), audio, SR, subtype="PCM_16")
        soundfile.write(str(long), np.tile(audio, 6), SR, subtype="PCM_16")
    return short, long


def bench_batch(short: Path, threads: int) -> None:
    from faster_whisper import WhisperModel

    from app.audio.decode import load_audio
    from app.transcription.engine import (
        COMPUTE_TYPE,
        load_model,
        transcribe_file,
        transcribe_options,
    )
    from app.transcription.job import TranscriptionJob
    from app.transcription.models import bundled_model

    choice = bundled_model()
    plain_model = WhisperModel(str(choice.path), device="cpu", compute_type=COMPUTE_TYPE,
                               cpu_threads=threads)
    load_model(choice, threads)  # both sides start with a loaded model
    minutes = len(load_audio(short)) / SR / 60

    def plain() -> float:
        began = time.perf_counter()
        audio = load_audio(short)  # the same decode Debrief does, so both read the file
        segments, _ = plain_model.transcribe(audio, **transcribe_options(None))
        for _ in segments:
            pass
        return time.perf_counter() - began

    def debrief() -> float:
        began = time.perf_counter()
        transcribe_file(short, choice, threads=threads)
        return time.perf_counter() - began

    times: dict[str, list[float]] = {"plain": [], "debrief": []}
    for _ in range(2):
        times["plain"].append(plain())
        times["debrief"].append(debrief())
    p, d = min(times["plain"]), min(times["debrief"])
    print(f"\n== Batch, {minutes:.1f} min of speech, tiny.en int8, {threads} threads, beam 5 ==")
    runs = {k: ", ".join(f"{t:.1f}" for t in v) for k, v in times.items()}
    print(f"plain faster-whisper : {p:6.1f} s  (runs: {runs['plain']})")
    print(f"Debrief transcribe   : {d:6.1f} s  (runs: {runs['debrief']})")
    print(f"ratio Debrief/plain  : {d / p:.3f}   (target <= 1.05)")
    print(f"speed                : {minutes * 60 / d:.1f}x real time")
    began = time.perf_counter()
    job = TranscriptionJob(short, threads=threads)
    job.start()
    job.wait()
    j = time.perf_counter() - began
    print(f"background job       : {j:6.1f} s  (child process: start-up and model load "
          f"included; ratio {j / p:.3f})")


# Plain faster-whisper as a script of its own: what an import is measured against.
PLAIN_SCRIPT = """
import sys
from faster_whisper import WhisperModel
from app.audio.decode import load_audio
from app.transcription.engine import COMPUTE_TYPE, transcribe_options
from app.transcription.models import bundled_model
model = WhisperModel(str(bundled_model().path), device="cpu", compute_type=COMPUTE_TYPE,
                     cpu_threads=int(sys.argv[2]))
segments, _ = model.transcribe(load_audio(sys.argv[1]), **transcribe_options(None))
for _ in segments:
    pass
"""


def bench_import(short: Path, work: Path) -> None:
    """A whole `debrief import` against plain faster-whisper, each its own process."""
    from app.transcription.engine import default_threads

    threads = default_threads()  # what an import uses
    paths = [str(REPO), *filter(None, [os.environ.get("PYTHONPATH")])]
    env = {**os.environ, "DEBRIEF_DATA_DIR": str(work / "import-data"),
           "PYTHONPATH": os.pathsep.join(paths)}
    commands = {
        "plain": [sys.executable, "-c", PLAIN_SCRIPT, str(short), str(threads)],
        "import": [sys.executable, "-m", "app", "import", str(short), "--prompt",
                   IMPORT_PROMPT],
    }
    times: dict[str, list[float]] = {"plain": [], "import": []}
    cpu: dict[str, list[float]] = {"plain": [], "import": []}
    for _ in range(2):
        for name, command in commands.items():
            began, used = time.perf_counter(), _children_cpu()
            subprocess.run(command, check=True, env=env, capture_output=True)
            times[name].append(time.perf_counter() - began)
            cpu[name].append(_children_cpu() - used)
    p, d = min(times["plain"]), min(times["import"])
    pc, dc = min(cpu["plain"]), min(cpu["import"])
    runs = {k: ", ".join(f"{t:.1f}" for t in v) for k, v in times.items()}
    print(f"\n== Import, whole process, {threads} threads (the import's default) ==")
    print(f"plain faster-whisper : {p:6.1f} s, CPU {pc:6.1f} s  (runs: {runs['plain']}; "
          "start-up, model load, decode, transcribe)")
    print(f"debrief import       : {d:6.1f} s, CPU {dc:6.1f} s  (runs: {runs['import']}; "
          "start-up, worker, decode, transcribe, analysis)")
    print(f"ratio import/plain   : {d / p:.3f}, CPU {dc / pc:.3f}   (target <= 1.10; on a "
          "busy machine CPU time is the steadier figure)")


def _children_cpu() -> float:
    """CPU seconds used so far by ended child processes and theirs (the import's worker)."""
    import resource

    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def live_child(long: Path, threads: int, speedup: float, result: Path) -> None:
    """Runs in its own process (the 'app'): feed a growing WAV, transcribe it live.

    The feed streams the source in 0.1 s blocks, as a recorder holds only its latest
    block, so this process's memory is the app's, not a copy of the whole hour."""
    from app.audio.wav_stream import WavStream
    from app.transcription.hint_words import case_vocabulary
    from app.transcription.live import LiveTranscriber

    work = Path(tempfile.mkdtemp(prefix="debrief-live-"))
    wav, out = work / "audio.wav", work / "transcript.json"
    live = LiveTranscriber(wav, out, vocabulary=case_vocabulary(), threads=threads)
    live.start()
    stream = WavStream(wav)
    block = SR // 10
    began = time.monotonic()

    def feed() -> None:
        with soundfile.SoundFile(str(long)) as source:
            for n, samples in enumerate(source.blocks(block, dtype="float32")):
                stream.write(samples)
                if n % 5 == 4:
                    stream.sync()
                # Pace the feed against the wall clock at `speedup` times real time.
                ahead = began + (n + 1) * block / SR / speedup - time.monotonic()
                if ahead > 0:
                    time.sleep(ahead)
        stream.close()

    writer = threading.Thread(target=feed)
    writer.start()
    while writer.is_alive():
        status = live.poll()
        if status.error:
            raise SystemExit(f"live transcription failed: {status.error}")
        time.sleep(0.1)
    # Drain the backlog the fast feed built up, leaving only the tail for Finish.
    while live.poll().chunks_waiting:
        time.sleep(0.05)
    finish_began = time.monotonic()
    transcript = live.finish(timeout=600)
    finish = time.monotonic() - finish_began
    chunks = [(p.start, p.end, p.done - p.sent) for p in live.history]
    result.write_text(json.dumps({"chunks": chunks, "finish": finish,
                                  "duration": soundfile.info(str(long)).duration,
                                  "words": sum(len(s.words) for s in transcript.segments),
                                  "wall": time.monotonic() - began}))


def bench_live(long: Path, threads: int, speedup: float, work: Path) -> None:
    result = work / "live-result.json"
    proc = subprocess.Popen([sys.executable, __file__, "--live-child", str(long),
                             "--threads", str(threads), "--speedup", str(speedup),
                             "--result", str(result)])
    peak = 0
    while proc.poll() is None:
        peak = max(peak, tree_rss(proc.pid))
        time.sleep(0.25)
    if proc.returncode:
        raise SystemExit(f"live run failed ({proc.returncode})")
    data = json.loads(result.read_text())
    # Replay on the audio clock: chunk i is available at its end, the worker is serial.
    free, lags = 0.0, []
    for _start, end, took in data["chunks"][:-1]:  # the last chunk is Finish's tail
        done = max(end, free) + took
        lags.append(done - end)
        free = done
    tail_start, tail_end, tail_took = data["chunks"][-1]
    replayed_finish = max(0.0, free - tail_end) + tail_took
    took = [p[2] for p in data["chunks"]]
    length = [p[1] - p[0] for p in data["chunks"]]
    q = statistics.quantiles(lags, n=20) if len(lags) >= 2 else lags * 19
    print(f"\n== Live, {data['duration'] / 60:.0f} min rehearsal, {threads} thread(s), "
          f"domain vocabulary, fed at {speedup:g}x real time ==")
    print(f"chunks               : {len(took)}, {min(length):.1f}-{max(length):.1f} s long, "
          f"worker time per chunk median {statistics.median(took):.2f} s, max {max(took):.2f} s")
    print(f"worker speed         : {sum(length) / sum(took):.1f}x real time")
    print(f"lag behind speech    : p50 {statistics.median(lags):.1f} s, p95 {q[18]:.1f} s, "
          f"max {max(lags):.1f} s   (target p95 <= 10 s; time from the end of a chunk "
          "being spoken to its text)")
    print(f"Finish-to-transcript : {data['finish']:.1f} s measured, {replayed_finish:.1f} s "
          f"replayed (tail chunk {tail_end - tail_start:.1f} s; target <= 15 s)")
    print(f"peak RSS, app tree   : {peak / 2**20:.0f} MB   (target <= 700 MB)")
    print("audio overflows      : n/a (no recorder in this bench; transcription only reads "
          "the WAV)")
    print(f"words transcribed    : {data['words']}; wall time of the run {data['wall']:.0f} s")


def bench_wer(evals: dict, threads: int) -> None:
    from app.audio.decode import load_audio
    from app.transcription.engine import transcribe_array
    from app.transcription.hint_words import case_vocabulary
    from app.transcription.models import bundled_model

    choice = bundled_model()
    print(f"\n== Word error rate on {', '.join(evals)} (espeak en-us), tiny.en ==")
    rows = (("whole file", "no vocabulary"), ("chunks", "no vocabulary"),
            ("chunks", "vocabulary"))
    for mode, label in rows:
        errors = total = 0
        terms = TermScore()
        for wav, truth in evals.values():
            vocab = case_vocabulary() if label == "vocabulary" else None
            reference = " ".join(s["text"] for s in truth["sentences"])
            audio = load_audio(wav)
            hypothesis = transcribe_array(audio, 0.0, choice, vocabulary=vocab,
                                          threads=threads, chunks=mode == "chunks").text
            errors += edit_distance(words(reference), words(hypothesis))
            total += len(words(reference))
            term_score(reference, hypothesis, SCORED_TERMS, terms)
        print(f"{mode:11s} {label:14s}: WER {errors / total:.3f}   vocabulary words heard "
              f"{terms.found}/{terms.expected} (error {terms.error:.2f}), "
              f"invented {terms.invented}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--minutes", type=float, default=10.0, help="length of the short mock")
    ap.add_argument("--threads", type=int, default=2, help="batch threads")
    ap.add_argument("--live-threads", type=int, default=1)
    ap.add_argument("--speedup", type=float, default=8.0, help="live feed, x real time")
    ap.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "debrief-bench")
    ap.add_argument("--skip", action="append", default=[],
                    choices=["batch", "import", "live", "wer"])
    ap.add_argument("--live-child", type=Path, help=argparse.SUPPRESS)
    ap.add_argument("--result", type=Path, help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.live_child:
        live_child(a.live_child, a.threads, a.speedup, a.result)
        return
    a.work.mkdir(parents=True, exist_ok=True)
    print(f"Debrief transcription bench: {os.cpu_count()} cores, "
          f"load average {os.getloadavg()[0]:.1f} at start")
    evals = eval_audio(a.work)
    short, long = build_mocks(a.work, evals, a.minutes)
    if "batch" not in a.skip:
        bench_batch(short, a.threads)
    if "import" not in a.skip:
        bench_import(short, a.work)
    if "live" not in a.skip:
        bench_live(long, a.live_threads, a.speedup, a.work)
    if "wer" not in a.skip:
        bench_wer(evals, a.threads)
    print(f"\nload average at end {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
