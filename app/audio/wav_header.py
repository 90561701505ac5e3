"""The one reader of WAV headers: where the samples start and what they are.

Three readers need it: the live transcriber and the growing-WAV reader (decode.py), the
recovery of a recording cut off mid-write (wav_stream.py), and the review player, which
maps the samples instead of reading them. A file still being written has a header whose
sizes lag behind its length, so the header gives the layout and the file's length
gives how many samples there are.
"""

from __future__ import annotations

import os
import struct
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from app.errors import DebriefError

_PCM_TAGS = (1, 0xFFFE)  # plain PCM, or WAVE_FORMAT_EXTENSIBLE around it


class WavHeaderError(ValueError):
    """The bytes are not a WAV header this module can read (the message says why)."""


@dataclass(frozen=True)
class WavHeader:
    tag: int  # format tag: 1 is PCM
    channels: int
    rate: int
    bits: int
    data_offset: int  # byte offset of the first sample
    data_bytes: int  # what the header claims; may lag behind a growing file

    @property
    def pcm16_mono(self) -> bool:
        return self.tag in _PCM_TAGS and self.channels == 1 and self.bits == 16

    def frames(self, file_size: int) -> int:
        """Whole samples the file holds by its length (a PCM16 mono file)."""
        return max(0, (file_size - self.data_offset) // 2)


def parse_header(fh: BinaryIO) -> WavHeader:
    """Walk the RIFF chunks from the start of `fh` up to the data chunk."""
    fh.seek(0)
    head = fh.read(12)
    if len(head) < 12 or head[:4] != b"RIFF" or head[8:12] != b"WAVE":
        raise WavHeaderError("not a WAV file")
    fmt: tuple[int, int, int, int] | None = None
    while True:
        chunk = fh.read(8)
        if len(chunk) < 8:
            raise WavHeaderError("WAV file has no data chunk yet")
        cid, size = struct.unpack("<4sI", chunk)
        if cid == b"fmt ":
            body = fh.read(size + (size & 1))
            if len(body) < 16:
                raise WavHeaderError("WAV format chunk is cut short")
            tag, channels, rate = struct.unpack("<HHI", body[:8])
            fmt = (tag, channels, rate, struct.unpack("<H", body[14:16])[0])
        elif cid == b"data":
            if fmt is None:
                raise WavHeaderError("WAV data comes before its format chunk")
            return WavHeader(*fmt, data_offset=fh.tell(), data_bytes=size)
        else:
            fh.seek(size + (size & 1), os.SEEK_CUR)


def read_header(path: Path) -> WavHeader:
    """The header of the WAV at `path`; DebriefError naming the file when it is not one."""
    try:
        with open(path, "rb") as fh:
            return parse_header(fh)
    except WavHeaderError as exc:
        raise DebriefError(str(exc), path) from None
