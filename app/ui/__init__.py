"""The window: widgets that render models and emit intents (the only package that imports Qt)."""
