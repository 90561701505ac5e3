"""Local speech recognition: the faster-whisper adapter, models, live and batch runs.

- engine.py: audio in, our Transcript out (`transcribe_file`, `transcribe_array`)
- models.py: which model to load, found on disk (`resolve_model`)
- hint_words.py: the case's words, the hint that biases recognition toward them
- chunks.py: where to cut a recording at pauses
- inventions.py: the lines the recognizer made up, dropped before any transcript
- speech_chunks.py: the speech alone, cut into chunks that take the hint words
- worker.py: the recognizer in a child process
- live.py: transcription during the rehearsal (`LiveTranscriber`)
- job.py: a whole file in the worker process (`TranscriptionJob`): imports, Finish
"""
