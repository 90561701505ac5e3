"""No network at run time: the whole flow (rehearse -> live and batch transcription ->
analyse -> every report -> export, PDF included) in a child process where any AF_INET or
AF_INET6 connection or host lookup fails loudly and is logged, from that process and
every process it starts. Local sockets (PulseAudio, the transcriber's pipe) still work.
The same run checks that nothing is written outside the data dir and the export folder:
home, the working folder and the temp folder are new and must stay empty."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = [pytest.mark.audio, pytest.mark.model, pytest.mark.slow]

FLOW = Path(__file__).with_name("offline_flow.py")

SITECUSTOMIZE = '''
"""Installed by tests/privacy/test_offline.py: no internet for this process tree."""
import os
import socket
import traceback

_LOG = os.environ["DEBRIEF_NET_LOG"]
_INET = (socket.AF_INET, socket.AF_INET6)


def _blocked(what):
    with open(_LOG, "a") as fh:
        fh.write(f"pid {os.getpid()}: {what}\\n")
        fh.write("".join(traceback.format_stack(limit=12)[:-1]))
    return OSError(f"network blocked in this test: {what}")


def _guard(name):
    original = getattr(socket.socket, name)

    def guarded(self, address, *args):
        if self.family in _INET:
            raise _blocked(f"socket.{name}({address!r})")
        return original(self, address, *args)

    setattr(socket.socket, name, guarded)


for _name in ("connect", "connect_ex"):
    _guard(_name)

_sendto = socket.socket.sendto


def _guarded_sendto(self, *args):
    if self.family in _INET:
        raise _blocked(f"socket.sendto{args[-1:]!r}")
    return _sendto(self, *args)


socket.socket.sendto = _guarded_sendto


def _no_lookup(name):
    def lookup(host, *args, **kwargs):
        raise _blocked(f"{name}({host!r})")
    return lookup


for _name in ("getaddrinfo", "gethostbyname", "gethostbyname_ex", "create_connection"):
    setattr(socket, _name, _no_lookup(_name))
'''


def test_full_flow_with_the_network_blocked(pulse, speak, tmp_path, data_dir):
    speech = speak("We return a four twenty nine error with a retry after header when "
                   "the developer goes over the rate limit.")
    trap = tmp_path / "trap"
    trap.mkdir()
    (trap / "sitecustomize.py").write_text(SITECUSTOMIZE)
    log = tmp_path / "network.log"
    home, cwd, tmp, out = (tmp_path / n for n in ("home", "cwd", "tmp", "exports"))
    for d in (home, cwd, tmp, out):
        d.mkdir()
    env = {**os.environ, "PYTHONPATH": str(trap), "DEBRIEF_NET_LOG": str(log),
           "HOME": str(home), "TMPDIR": str(tmp), "XDG_DATA_HOME": str(home / ".local/share"),
           "XDG_CACHE_HOME": str(home / ".cache"), "XDG_CONFIG_HOME": str(home / ".config")}
    env.pop("HF_HUB_OFFLINE", None)  # the app must not need it to stay offline
    env.pop("ORT_DISABLE_TELEMETRY", None)  # the app must opt out by itself
    cmd = [sys.executable, str(FLOW), str(speech), str(out)]
    # Native code (a C++ telemetry uploader, say) bypasses Python's socket module: watch
    # the connect() system calls of the whole process tree too.
    trace = tmp_path / "connect.trace"
    if shutil.which("strace"):
        cmd = ["strace", "-f", "-qq", "--seccomp-bpf", "-e", "trace=connect", "-o",
               str(trace), *cmd]
    done = subprocess.run(cmd, env=env, cwd=cwd, capture_output=True, text=True,
                          timeout=240)
    attempts = log.read_text() if log.exists() else ""
    # The child's self-check (a connection to 127.0.0.1:9) is the one expected entry.
    lines = [line for line in attempts.splitlines() if line.startswith("pid ")]
    assert len(lines) == 1 and "('127.0.0.1', 9)" in lines[0], attempts
    assert done.returncode == 0, done.stderr[-3000:]
    if shutil.which("strace"):
        calls = trace.read_text().splitlines()
        assert any("AF_UNIX" in line for line in calls)  # it watched: PulseAudio's socket
        native = [line for line in calls if "AF_INET" in line]
        assert native == [], native
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert "rate limit" in result["text"].lower()
    assert "rate limit" in result["batch_text"].lower()
    assert result["overflows"] == 0
    exported = sorted(p.name for p in out.iterdir())
    assert {"export.pdf", "export.html", "report.html", "batch.json"} <= set(exported)
    # Nothing landed outside the data dir and the export folder (the audio system's and
    # the font system's own caches aside).
    leftovers = [str(p.relative_to(tmp_path)) for d in (home, cwd, tmp) for p in d.rglob("*")
                 if p.is_file() and not {"fontconfig", "pulse"} & set(p.parts)]
    assert leftovers == [], leftovers
    assert Path(result["session"]).parent == data_dir / "sessions"
