"""Audio at the edge: input devices, the crash-safe recorder, the WAV file it streams to."""
