"""Rehearsing: the stage clock, the session record it keeps, and recovery after a crash."""
