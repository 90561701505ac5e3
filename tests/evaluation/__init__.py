"""Evaluation of the analysis on labelled mock interviews: the in-repo corpus, speech
with known timings, and the scorer. Used by the tests and by bench/."""
