"""Files on disk, below everything that uses them: atomic writes, JSON reading and
writing, and the output helper every command and export writes through."""
