"""Evaluations against public gold data, outside the installed product.

Run from the repository root: ``python -m evals NAME [PATH] [--json]`` (see ``python -m evals
--help``). Each module has ``run(path=None) -> dict`` of figures. Gold data is found by an explicit
``PATH``, else ``$DYADSCOPE_SHARED_DATA``, else ``../shared/data`` beside this checkout; it is never
copied into the project.
"""

from __future__ import annotations

import os
from pathlib import Path

CHECKOUT = Path(__file__).resolve().parents[1]


def shared_data() -> Path:
    """The gold-data folder: ``$DYADSCOPE_SHARED_DATA``, else ``../shared/data`` beside the checkout."""
    if os.environ.get("DYADSCOPE_SHARED_DATA"):
        return Path(os.environ["DYADSCOPE_SHARED_DATA"])
    return CHECKOUT.parent / "shared" / "data"


def gold_path(relative: str, path: Path | None = None) -> Path:
    """``path`` if given, else ``relative`` under :func:`shared_data`; raise if missing."""
    target = path or shared_data() / relative
    if not target.exists():
        raise FileNotFoundError(str(target))
    return target
