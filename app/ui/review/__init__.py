"""The review screen: the annotated transcript with playback, charts, rubric evidence
and export. `ReviewScreen` is the entry point."""
