"""Stored sessions: one folder each in the data dir."""
