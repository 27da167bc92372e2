"""The web app (``dyadscope serve``): pages over a store, each with a JSON twin."""

from __future__ import annotations

from .app import create_app

__all__ = ["create_app"]
