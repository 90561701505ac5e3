"""The interviewer who speaks: a voice, when to ask, what to ask, and whose turn it was.

Qt-free, so the rehearsal screen drives it with its own clock and level meter and the
tests drive it with made-up ones.
"""
