"""Compressed audio for tests, encoded with PyAV (which faster-whisper already brings),
so the suite needs no ffmpeg program."""

from __future__ import annotations

from pathlib import Path

import av
import numpy as np
import soundfile as sf

# The codec each container gets; PyAV's bundled FFmpeg has encoders for both.
_CODECS = {"mp3": "libmp3lame", "mp4": "aac", "ipod": "aac", "ogg": "libvorbis"}
_FORMATS = {".mp3": "mp3", ".m4a": "ipod", ".ogg": "ogg"}


def encode_audio(src: Path, dst: Path, fmt: str | None = None, rate: int | None = None,
                 channels: int | None = None) -> Path:
    """Encode the WAV `src` into `dst`: the container is `fmt` (mp3, ipod for .m4a, ...)
    or follows dst's suffix, so an MP3 can be given any name. `rate` and `channels`
    default to the source's."""
    audio, src_rate = sf.read(str(src), dtype="float32", always_2d=True)
    rate = rate or src_rate
    channels = channels or audio.shape[1]
    if audio.shape[1] != channels:  # spread mono to every channel, or mix down
        audio = np.repeat(audio.mean(axis=1, keepdims=True), channels, axis=1)
    container_format = fmt or _FORMATS[dst.suffix.lower()]
    layout = "mono" if channels == 1 else "stereo"
    with av.open(str(dst), "w", format=container_format) as out:
        stream = out.add_stream(_CODECS[container_format], rate=rate, layout=layout)
        resampler = av.AudioResampler(format=stream.format, layout=layout, rate=rate)
        frame = av.AudioFrame.from_ndarray(np.ascontiguousarray(audio.T), format="fltp",
                                           layout=layout)
        frame.sample_rate = src_rate
        for chunk in resampler.resample(frame) + resampler.resample(None):
            for packet in stream.encode(chunk):
                out.mux(packet)
        for packet in stream.encode(None):
            out.mux(packet)
    return dst
