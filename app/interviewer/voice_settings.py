"""What the user chooses about the spoken interviewer, as plain data the screen stores."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class VoiceSettings:
    """On/off, which voice (None: the best installed), speed (1.0 = normal), volume
    (0..1) and the output device (PortAudio index or name; None: the system default)."""

    enabled: bool = True
    voice: str | None = None
    rate: float = 1.0
    volume: float = 0.8
    device: int | str | None = None
