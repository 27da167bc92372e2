"""Evaluations against public gold data in ``../shared/data``; each module has ``run(path=None) -> dict``."""

from __future__ import annotations

from pathlib import Path


def shared_data() -> Path:
    """The gold-data folder: ``$DYADSCOPE_SHARED_DATA``, else ``../shared/data`` beside the checkout or cwd."""
    import os

    if os.environ.get("DYADSCOPE_SHARED_DATA"):
        return Path(os.environ["DYADSCOPE_SHARED_DATA"])
    repo = Path(__file__).resolve().parents[3]
    for base in (repo, Path.cwd()):
        candidate = base.parent / "shared" / "data"
        if candidate.is_dir():
            return candidate
    return repo.parent / "shared" / "data"


def gold_path(relative: str, path: Path | None = None) -> Path:
    """``path`` if given, else ``relative`` under :func:`shared_data`; raise if missing."""
    target = path or shared_data() / relative
    if not target.exists():
        raise FileNotFoundError(str(target))
    return target
