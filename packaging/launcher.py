"""Entry point of the desktop bundle: the same `debrief` command, frozen."""

import multiprocessing

from app.cli import main

if __name__ == "__main__":
    # The transcription worker runs in a child process; a frozen app must route that
    # child back to the worker instead of starting a second copy of the app.
    multiprocessing.freeze_support()
    raise SystemExit(main())
