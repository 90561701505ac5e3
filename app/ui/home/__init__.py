"""The home screen: past sessions, progress over time, imports."""

from app.ui.home.home_view import HomeView

__all__ = ["HomeView"]
