"""dyadscope: evidence-backed event, actor and quotation data about how states treat each other."""

from __future__ import annotations

__version__ = "0.1.0"
