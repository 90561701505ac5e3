"""Questions rendered ahead of time, so speaking one costs no wait.

At Start the screen hands over every question the rehearsal may ask (the prompt's probes
and the follow-up bank); one background thread renders them in that order while the
candidate talks. A question outside that list is rendered on the spot.
"""

from __future__ import annotations

import contextlib
import os
import sys
import threading
from collections.abc import Iterable

from app.errors import DebriefError
from app.interviewer.voice import Clip, Voice

NICE = 10  # the live transcriber's (app.transcription.live)


class RenderCache:
    """Text -> Clip for one voice and speed; thread-safe."""

    def __init__(self, voice: Voice, rate: float = 1.0) -> None:
        self.voice, self.rate = voice, rate
        self._clips: dict[str, Clip] = {}
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self.errors: list[str] = []

    def start(self, texts: Iterable[str]) -> threading.Thread:
        """Render `texts` in the background, in order; returns the thread (join to wait)."""
        todo = list(dict.fromkeys(texts))
        self._thread = threading.Thread(target=self._render_all, args=(todo,),
                                        name="interviewer-render", daemon=True)
        self._thread.start()
        return self._thread

    def _render_all(self, texts: list[str]) -> None:
        if sys.platform == "linux":  # a thread's own priority; elsewhere it is the process's
            # Behind capture and the screen, level with the live transcriber (also nice
            # 10): at Start the neural voice would otherwise hold the second core for
            # half a minute, and the first chunks' text would come seconds late.
            with contextlib.suppress(OSError):
                os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), NICE)
        for text in texts:
            try:
                self.get(text)
            except DebriefError as exc:  # the card still shows the question
                self.errors.append(str(exc))

    @property
    def busy(self) -> bool:
        """Whether the background is still rendering."""
        return self._thread is not None and self._thread.is_alive()

    def ready(self, text: str) -> bool:
        with self._lock:
            return text in self._clips

    def get(self, text: str) -> Clip:
        """The clip for `text`, rendering it now if the background has not yet."""
        with self._lock:
            clip = self._clips.get(text)
        if clip is None:
            clip = self.voice.render(text, self.rate)
            with self._lock:
                clip = self._clips.setdefault(text, clip)
        return clip
