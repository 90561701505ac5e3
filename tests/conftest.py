"""Shared test infrastructure: real parts, isolated from the user's machine.

- Qt runs offscreen unless QT_QPA_PLATFORM says otherwise (make test uses Xvfb-free
  offscreen; screenshots use Xvfb).
- Every test gets its own DEBRIEF_DATA_DIR and QSettings location.
- `pulse` starts a private PulseAudio server (own runtime dir) with a null sink whose
  monitor is the default source: whatever `play_into_mic` plays, any PortAudio input
  stream on the default device hears.
- `speak` makes a 16 kHz mono WAV of text with espeak-ng.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Never reach for a model hub in tests: the bundled model is on disk.
os.environ.setdefault("HF_HUB_OFFLINE", "1")

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
SAMPLE_RATE = 16000


@pytest.fixture(autouse=True)
def data_dir(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh data dir (and settings dir) for every test, so nothing touches the user's."""
    path = tmp_path_factory.mktemp("data")
    monkeypatch.setenv("DEBRIEF_DATA_DIR", str(path))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(path / "config"))
    return path


def _require(tool: str) -> str:
    found = shutil.which(tool)
    if not found:
        pytest.fail(f"{tool} is not installed; run `make test`, which installs it")
    return found


class PulseServer:
    """A private PulseAudio server with a null sink `mock` whose monitor is the default
    source. Tests play into the sink; recorders hear it on the default input."""

    def __init__(self, runtime: Path) -> None:
        self.runtime = runtime
        self.env = {**os.environ, "XDG_RUNTIME_DIR": str(runtime),
                    "PULSE_SERVER": f"unix:{runtime}/pulse/native"}

    def pactl(self, *args: str, check: bool = True) -> str:
        out = subprocess.run(["pactl", *args], env=self.env, capture_output=True, text=True,
                             timeout=20, check=False)
        if check and out.returncode:
            raise RuntimeError(f"pactl {' '.join(args)}: {out.stderr.strip()}")
        return out.stdout

    def play(self, wav: Path, wait: bool = True) -> subprocess.Popen:
        """Play a WAV into the null sink (what the 'microphone' hears)."""
        proc = subprocess.Popen(["paplay", "--device=mock", str(wav)], env=self.env)
        if wait:
            proc.wait(timeout=600)
        return proc

    def unload_sink(self) -> None:
        """Make the input device disappear, as an unplugged mic does."""
        for line in self.pactl("list", "short", "modules").splitlines():
            if "module-null-sink" in line:
                self.pactl("unload-module", line.split()[0])

    def load_sink(self) -> None:
        self.pactl("load-module", "module-null-sink", "sink_name=mock")
        self.pactl("set-default-source", "mock.monitor")


@pytest.fixture(scope="session")
def pulse() -> Iterator[PulseServer]:
    """Start the private PulseAudio server once per test session."""
    _require("pulseaudio")
    _require("paplay")
    runtime = Path(tempfile.mkdtemp(prefix="debrief-pulse-"))
    runtime.chmod(0o700)
    server = PulseServer(runtime)
    old = {k: os.environ.get(k) for k in ("XDG_RUNTIME_DIR", "PULSE_SERVER")}
    subprocess.run(
        ["pulseaudio", "-n", "--daemonize=yes", "--exit-idle-time=-1", "--use-pid-file=yes",
         "--load=module-null-sink sink_name=mock", "--load=module-native-protocol-unix"],
        env=server.env, check=True, capture_output=True, timeout=30,
    )
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        if subprocess.run(["pactl", "info"], env=server.env, capture_output=True).returncode == 0:
            break
        time.sleep(0.1)
    server.pactl("set-default-source", "mock.monitor")
    # PortAudio's ALSA backend reaches PulseAudio through the ALSA pulse plugin, which
    # finds the server through these variables; set them for this process and children.
    os.environ.update({k: server.env[k] for k in old})
    # PortAudio lists devices once, when it starts: restart it if something imported
    # sounddevice before the server was up, so streams see the new default source.
    sd = sys.modules.get("sounddevice")
    if sd is not None:
        sd._terminate()
        sd._initialize()
    try:
        yield server
    finally:
        server.pactl("exit", check=False)
        for k, v in old.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
        shutil.rmtree(runtime, ignore_errors=True)


def speak_to_wav(text: str, path: Path, voice: str = "en-us", speed: int = 165) -> Path:
    """Speak `text` with espeak-ng into a 16 kHz mono PCM16 WAV at `path`."""
    _require("espeak-ng")
    _require("sox")
    raw = path.with_suffix(".raw.wav")
    subprocess.run(["espeak-ng", "-v", voice, "-s", str(speed), "-w", str(raw), text],
                   check=True, capture_output=True)
    subprocess.run(["sox", str(raw), "-r", str(SAMPLE_RATE), "-c", "1", "-b", "16", str(path)],
                   check=True, capture_output=True)
    raw.unlink()
    return path


@pytest.fixture
def speak(tmp_path: Path) -> Callable[..., Path]:
    """speak(text, name="speech.wav") -> a 16 kHz mono WAV of the text, made by espeak-ng."""

    def _speak(text: str, name: str = "speech.wav", **kw: object) -> Path:
        return speak_to_wav(text, tmp_path / name, **kw)  # type: ignore[arg-type]

    return _speak
