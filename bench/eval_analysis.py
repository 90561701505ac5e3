"""Analysis accuracy on the in-repo corpus and on the labeled eval scripts beside the
repository, from clean text and from speech, and the speed of analysing a 60-minute
transcript.

    python bench/eval_analysis.py [--engine espeak|flite|festival] [--voice en-us]
                                  [--speed 165] [--noise 0.0] [--sweep]
                                  [--no-audio] [--cache /tmp/debrief-eval]
                                  [--audio-scripts 2]

Corpus (tests/data/corpus, tests/evaluation/heldout.py): every script scored from clean
text by a model trained on all the other scripts (held apart) and by the shipped model
(in sample), with the truth's stage marks and without; then every --audio-scripts'th
share of the corpus spoken by espeak-ng (en-us) and flite (slt) through
tests/evaluation/script_audio.py, transcribed by the bundled model with the case's hint
words (as a rehearsal or an import transcribes), and labelled by the held-apart model
and by the shipped one. Recordings and their transcripts are cached under --cache, so a
label change is re-scored in a minute. Targets on held-apart scripts: macro-F1 >= 0.90
from text and >= 0.85 from speech, share gap <= 5 and <= 7 pp.

Shared eval (../shared/eval, when it is there):
Clean text: each sentence becomes an SRT cue timed as the acceptance check times it.
Speech: ../shared/tools/make_mock_audio.py speaks the script, the default model
transcribes it (both cached under --cache), and the analysis is scored against the truth
with ../shared/tools/score_analysis.py. Targets: clean macro-F1 >= 0.90 and share gap
<= 5 pp; espeak audio macro-F1 >= 0.85 and gap <= 7 pp. --sweep speaks every script in
seven voices, speeds and noise levels (SWEEP) and prints the mean macro-F1: unseen
voices are what a real user brings.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "tests"))  # the hour builder lives with the tests
SHARED = REPO.parent / "shared"

from app.analysis import analyze  # noqa: E402
from app.analysis.vocabulary import load_vocabulary  # noqa: E402
from app.marks import load_marks  # noqa: E402
from app.transcript import (  # noqa: E402
    Segment,
    Transcript,
    load_transcript,
    save_transcript,
)


def _scorer():
    sys.path.insert(0, str(SHARED / "tools"))
    from score_analysis import score

    return score


def clean_srt(script: dict, path: Path) -> dict:
    """Write the script as SRT cues, timed like the acceptance check; returns the truth."""
    t, sentences = 0.5, []
    for s in script["sentences"]:
        d = max(1.2, len(s["text"].split()) / 2.6)
        sentences.append({**s, "start": t, "end": t + d})
        t += d + 0.6
    save_transcript(Transcript([Segment(s["start"], s["end"], s["text"]) for s in sentences]),
                    path)
    return {"sentences": sentences}


# (engine, voice, speed, noise): other accents, a faster and a slower speaker, a little
# noise, and the three flite voices.
SWEEP = (
    ("espeak", "en-us", 165, 0.0), ("espeak", "en-gb", 190, 0.01),
    ("espeak", "en-gb-scotland", 150, 0.0), ("espeak", "en-us+f3", 180, 0.005),
    ("flite", "rms", 165, 0.0), ("flite", "awb", 165, 0.005), ("flite", "slt", 180, 0.0),
)


def speech(script_path: Path, cache: Path, engine: str, voice: str, speed: int = 165,
           noise: float = 0.0) -> tuple[Path, Path, Path]:
    """(audio, truth, marks) for the script spoken by `engine`, made once and cached."""
    out = cache / f"{engine}-{voice}-{speed}-{noise}"
    sid = json.loads(script_path.read_text())["id"]
    wav, truth, marks = out / f"{sid}.wav", out / f"{sid}.truth.json", out / f"{sid}.marks.json"
    if not wav.exists():
        subprocess.run([sys.executable, str(SHARED / "tools" / "make_mock_audio.py"),
                        str(script_path), str(out), "--engine", engine, "--voice", voice,
                        "--speed", str(speed), "--noise", str(noise)],
                       check=True, capture_output=True)
    return wav, truth, marks


def audio_score(score, path: Path, cache: Path, voice: tuple[str, str, int, float]) -> dict:
    """Transcribe the spoken script (as `debrief analyze` does) and score its analysis."""
    from app.transcription.engine import transcribe_file

    wav, truth, marks = speech(path, cache, *voice)
    transcript = transcribe_file(wav)
    analysis = analyze(transcript, load_marks(marks, transcript.duration))
    return score(json.loads(truth.read_text()), analysis.to_dict())


def synthetic_hour() -> Transcript:
    """About an hour of speech with word timings, cycled from the corpus sentences."""
    from analysis.helpers import timed_hour
    from evaluation.corpus import load_script, script_paths

    return timed_hour([s["text"] for p in script_paths() for s in load_script(p)["sentences"]])


def corpus_text() -> None:
    """Held-apart and in-sample figures on the corpus from clean text."""
    from evaluation import heldout
    from evaluation.corpus import load_script, script_paths

    scripts = [load_script(p) for p in script_paths()]
    print(f"corpus: {len(scripts)} scripts, {sum(len(s['sentences']) for s in scripts)} "
          "sentences, clean text with stage marks (held apart = leave-one-script-out)")
    print(f"{'script':32}{'held-apart F1':>14}{'gap pp':>8}{'in-sample F1':>14}{'gap pp':>8}")
    results = heldout.leave_one_out(scripts)
    for r in results:
        print(f"{r.id:32}{r.held_apart['macro_f1']:14.3f}{r.held_apart['max_share_gap_pp']:8.1f}"
              f"{r.in_sample['macro_f1']:14.3f}{r.in_sample['max_share_gap_pp']:8.1f}")
    for name, rows in (("held apart", results),
                       ("held apart, no marks", heldout.leave_one_out(scripts, marked=False)),
                       ("cues alone", heldout.leave_one_out(scripts, learned=False))):
        o = heldout.overall(rows)
        print(f"{name:24} macro-F1 mean {o['macro_f1']:.3f} (worst {o['min_macro_f1']:.3f}), "
              f"share gap mean {o['share_gap_pp']:.1f} pp (worst {o['max_share_gap_pp']:.1f})")
    o = heldout.overall(results, "in_sample")
    print(f"{'in sample':24} macro-F1 mean {o['macro_f1']:.3f}, share gap mean "
          f"{o['share_gap_pp']:.1f} pp")


CORPUS_VOICES = (("espeak", "en-us"), ("flite", "slt"))


def corpus_audio(cache: Path, every: int) -> None:
    """Every `every`th corpus script spoken in CORPUS_VOICES, transcribed and labelled
    by the model that never saw the script (held apart) and by the shipped one (in
    sample). Each recording's transcript is cached beside it, so a label change is
    re-scored without transcribing again."""
    from evaluation import heldout
    from evaluation.corpus import load_script, script_paths
    from evaluation.score import score as corpus_score
    from evaluation.script_audio import make_script_audio
    from evaluation.train_labels import train

    from app.analysis.label_model import load_label_model
    from app.transcription.hint_words import case_vocabulary

    vocabulary = load_vocabulary()
    shipped = load_label_model()
    paths = script_paths()
    scripts = [load_script(p) for p in paths]
    chosen = list(range(0, len(paths), every))
    print(f"corpus from speech: {len(chosen)} of {len(paths)} scripts "
          f"({', '.join(scripts[i]['id'] for i in chosen)})")
    print(f"{'script':32}{'voice':14}{'held-apart F1':>14}{'gap pp':>8}"
          f"{'in-sample F1':>14}{'gap pp':>8}")
    rows: list[tuple[dict, dict]] = []
    for i in chosen:
        fold = train([s for j, s in enumerate(scripts) if j != i], vocabulary)
        for engine, voice in CORPUS_VOICES:
            out = cache / f"corpus-{engine}-{voice}"
            wav = out / f"{scripts[i]['id']}.wav"
            if not wav.exists():
                make_script_audio(paths[i], out, engine=engine, voice=voice)
            truth = json.loads(wav.with_suffix(".truth.json").read_text())
            marks = load_marks(wav.with_suffix(".marks.json"), truth["duration"])
            transcript = _transcribed(wav, case_vocabulary([scripts[i]["product"]]))
            held, own = (corpus_score(truth, {"segments": heldout.label_segments(
                transcript, vocabulary, model, marks)}) for model in (fold, shipped))
            rows.append((held, own))
            print(f"{scripts[i]['id']:32}{engine + ' ' + voice:14}{held['macro_f1']:14.3f}"
                  f"{held['max_share_gap_pp']:8.1f}{own['macro_f1']:14.3f}"
                  f"{own['max_share_gap_pp']:8.1f}", flush=True)
    for name, k in (("held apart", 0), ("in sample", 1)):
        scored = [r[k] for r in rows]
        if scored:
            print(f"{name} from speech over {len(scored)} recordings: macro-F1 mean "
                  f"{sum(r['macro_f1'] for r in scored) / len(scored):.3f} (worst "
                  f"{min(r['macro_f1'] for r in scored):.3f}), share gap mean "
                  f"{sum(r['max_share_gap_pp'] for r in scored) / len(scored):.1f} pp "
                  f"(worst {max(r['max_share_gap_pp'] for r in scored):.1f})")


def _transcribed(wav: Path, vocabulary: list[str]) -> Transcript:
    """The bundled model's transcript of `wav` with the hint `vocabulary`, made once and
    kept beside it (delete it to transcribe again)."""
    from app.transcription.engine import transcribe_file

    cached = wav.with_suffix(".transcript.json")
    if cached.exists():
        return load_transcript(cached)
    transcript = transcribe_file(wav, vocabulary=vocabulary)
    save_transcript(transcript, cached)
    return transcript


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--engine", default="espeak")
    ap.add_argument("--voice", default="en-us")
    ap.add_argument("--speed", type=int, default=165, help="words per minute")
    ap.add_argument("--noise", type=float, default=0.0, help="white-noise amplitude")
    ap.add_argument("--sweep", action="store_true", help="every voice in SWEEP")
    ap.add_argument("--no-audio", action="store_true")
    ap.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()) / "debrief-eval")
    ap.add_argument("--audio-scripts", type=int, default=2, metavar="N",
                    help="speak every Nth corpus script")
    args = ap.parse_args()
    args.cache.mkdir(parents=True, exist_ok=True)
    corpus_text()
    if not args.no_audio:
        corpus_audio(args.cache, args.audio_scripts)
    scripts = sorted((SHARED / "eval" / "scripts").glob("*.json"))
    if not scripts:
        print(f"no shared eval scripts under {SHARED / 'eval' / 'scripts'}: skipped")
        return speed()
    print(f"shared eval: {len(scripts)} scripts (the shipped model)")
    score = _scorer()
    voices = SWEEP if args.sweep else ((args.engine, args.voice, args.speed, args.noise),)
    print(f"{'script':8}{'source':30}{'macro-F1':>9}{'gap pp':>8}{'accuracy':>9}")
    f1s: list[float] = []
    for path in scripts:
        script = json.loads(path.read_text())
        srt = args.cache / f"{script['id']}.clean.srt"
        truth = clean_srt(script, srt)
        r = score(truth, analyze(load_transcript(srt)).to_dict())
        print(f"{script['id']:8}{'clean text':30}{r['macro_f1']:9.3f}"
              f"{r['max_share_gap_pp']:8.1f}{r['accuracy']:9.3f}")
        for voice in () if args.no_audio else voices:
            r = audio_score(score, path, args.cache, voice)
            f1s.append(r["macro_f1"])
            name = f"{voice[0]} {voice[1]} {voice[2]} wpm" + (f" +{voice[3]:g}" if voice[3]
                                                             else "")
            print(f"{script['id']:8}{name:30}{r['macro_f1']:9.3f}"
                  f"{r['max_share_gap_pp']:8.1f}{r['accuracy']:9.3f}", flush=True)
    if len(f1s) > 1:
        print(f"mean macro-F1 from speech over {len(f1s)} recordings: "
              f"{sum(f1s) / len(f1s):.3f}")
    return speed()


def speed() -> int:
    hour = synthetic_hour()
    analyze(Transcript(hour.segments[:5]))  # start-up: the vocabulary and the model
    start = time.perf_counter()
    analysis = analyze(hour)
    took = time.perf_counter() - start
    print(f"analysis of a {hour.duration / 60:.0f}-minute transcript "
          f"({sum(len(s.text.split()) for s in hour.segments)} words, "
          f"{len(analysis.segments)} sentences): {took:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
