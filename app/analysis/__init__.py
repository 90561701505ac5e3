"""Where the time went: labels each sentence ui / api / webhooks / tradeoffs / other,
places it in a stage, and judges the answer as a platform hiring committee would.

Qt-free. `analyze(transcript, marks, prompt) -> Analysis`;
`apply_corrections(analysis, corrections) -> Analysis`.
"""

from app.analysis.analyzer import analyze
from app.analysis.corrections import apply_corrections
from app.analysis.model import Analysis

__all__ = ["Analysis", "analyze", "apply_corrections"]
