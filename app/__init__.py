"""Debrief: rehearse a spoken platform-PM case interview, then see where the time went."""

__version__ = "0.1.0"
