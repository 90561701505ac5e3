"""Debrief: rehearse a spoken platform-PM case interview, then see where the time went."""

import os

__version__ = "0.1.0"

# ONNX Runtime (faster-whisper's voice-activity model) ships 1DS telemetry on Linux and
# macOS: a device id and an upload queue under ~/.cache/Microsoft, and a ProcessInfo
# event for upload. Nothing leaves this laptop: opt out before it initialises, here, so
# every process that imports the app (the transcriber child included) inherits it.
os.environ.setdefault("ORT_DISABLE_TELEMETRY", "1")
