"""A private PulseAudio server with a null sink whose monitor is the default source.

Whatever is played into the sink `mock`, any PortAudio input stream on the default device
hears. One implementation for the test rig (tests/conftest.py's `pulse` fixture) and the
soak (bench/soak.py --own-pulse): it touches no other server on the machine.

    server = start_pulse()          # sets XDG_RUNTIME_DIR / PULSE_SERVER in os.environ
    server.play(wav); server.unload_sink(); server.load_sink()
    stop_pulse(server)              # and puts the environment back
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

_ENV_KEYS = ("XDG_RUNTIME_DIR", "PULSE_SERVER")


class PulseServer:
    """A private PulseAudio server with a null sink `mock` whose monitor is the default
    source. Callers play into the sink; recorders hear it on the default input."""

    def __init__(self, runtime: Path) -> None:
        self.runtime = runtime
        self.env = {**os.environ, "XDG_RUNTIME_DIR": str(runtime),
                    "PULSE_SERVER": f"unix:{runtime}/pulse/native"}
        self.saved_env: dict[str, str | None] = {}

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
        """Bring the sink (and so the default source) back."""
        if "module-null-sink" not in self.pactl("list", "short", "modules"):
            self.pactl("load-module", "module-null-sink", "sink_name=mock")
        self.pactl("set-default-source", "mock.monitor")


def missing_tools() -> list[str]:
    """The programs the server needs that are not installed."""
    return [t for t in ("pulseaudio", "pactl", "paplay") if not shutil.which(t)]


def start_pulse() -> PulseServer:
    """Start a private server and point this process (and its children) at it."""
    runtime = Path(tempfile.mkdtemp(prefix="debrief-pulse-"))
    runtime.chmod(0o700)
    server = PulseServer(runtime)
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
    server.saved_env = {k: os.environ.get(k) for k in _ENV_KEYS}
    os.environ.update({k: server.env[k] for k in _ENV_KEYS})
    # PortAudio lists devices once, when it starts: restart it if something imported
    # sounddevice before the server was up, so streams see the new default source.
    sd = sys.modules.get("sounddevice")
    if sd is not None:
        sd._terminate()
        sd._initialize()
    return server


def stop_pulse(server: PulseServer) -> None:
    """Stop the server, restore the environment, remove its runtime folder."""
    server.pactl("exit", check=False)
    for k, v in server.saved_env.items():
        if v is None:
            os.environ.pop(k, None)
        else:
            os.environ[k] = v
    shutil.rmtree(server.runtime, ignore_errors=True)
