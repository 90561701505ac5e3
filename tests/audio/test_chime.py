"""A chime counts as an open stream: the setup page's device rescan, which restarts
PortAudio, waits for it instead of tearing PortAudio down under it (which aborts)."""

from __future__ import annotations

import pytest

from app.audio import devices
from app.audio.chime import play_chime

pytestmark = pytest.mark.audio


def test_a_rescan_while_a_chime_plays_leaves_it_playing(pulse):
    thread = play_chime("red")
    assert thread is not None
    seen_open = False
    while thread.is_alive():
        seen_open = seen_open or devices._open_streams > 0
        devices.input_devices(refresh=True)  # what show_setup does; must not abort
    thread.join(5)
    assert seen_open and devices._open_streams == 0
