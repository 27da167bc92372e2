"""The learned event-typing model (``data/events/typer.jsonl``): a record and its loader.

The file is JSON Lines: a first ``meta`` line (``classes``, ``codes``, ``intercepts``,
``threshold``, ``version``, ``name_entities``), then one ``{"feature", "weights"[, "idf"]}`` line per feature, with
``weights`` mapping class names to weights (absent: zero). ``evals/event_typer.py`` writes it
(``python -m evals train event-typer``); :mod:`dyadscope.events.typer` applies it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .load import read_jsonl


@dataclass(frozen=True)
class TypingModel:
    """A fitted typing model.

    Attributes:
        classes: Class names, ``"TYPE/penta"`` (``"/0"``: a public statement, no PLOVER type).
        codes: The CAMEO code an event re-typed to each class takes (same order as ``classes``).
        intercepts: One per class.
        weights: Feature -> ``{class index: weight}`` (sparse).
        idf: Word feature -> inverse document frequency (rule features are indicators).
        threshold: Re-type only when the model's probability for another class is at least this.
        version: The model's version, cited in the rule name of re-typed events (``typed.v1``).
        name_entities: spaCy entity types whose words the features replace by the type (names
            are not event words): part of the model, as it was fitted with them.
    """

    classes: tuple[str, ...]
    codes: tuple[str, ...]
    intercepts: tuple[float, ...]
    weights: dict[str, dict[int, float]] = field(default_factory=dict)
    idf: dict[str, float] = field(default_factory=dict)
    threshold: float = 1.0
    version: str = "v1"
    name_entities: frozenset[str] = frozenset()


def _meta(e: dict, where: str, cameo, problems: list[str]) -> dict | None:
    meta = e.get("meta")
    keys = ("classes", "codes", "intercepts", "threshold")
    if not isinstance(meta, dict) or any(k not in meta for k in keys):
        problems.append(f"{where}: the first line must be {{\"meta\": {{...}}}} with {', '.join(keys)}")
        return None
    n = len(meta["classes"])
    if len(meta["codes"]) != n or len(meta["intercepts"]) != n:
        problems.append(f"{where}: classes, codes and intercepts must have one entry per class ({n})")
        return None
    unknown = [c for c in meta["codes"] if c not in cameo]
    if unknown:
        problems.append(f"{where}: codes -> not in cameo.csv: {unknown}")
        return None
    return meta


def load_typing_model(path: Path, cameo, problems: list[str]) -> TypingModel | None:
    """The model in ``path`` (None when the file is absent); problems are appended as
    ``file:line: message``."""
    if not path.is_file():
        return None
    meta, weights, idf = None, {}, {}
    for lineno, e in read_jsonl(path, problems):
        where = f"{path.name}:{lineno}"
        if meta is None:
            meta = _meta(e, where, cameo, problems)
            if meta is None:
                return None
            index = {k: i for i, k in enumerate(meta["classes"])}
            continue
        feature, row = e.get("feature"), e.get("weights")
        if not isinstance(feature, str) or not isinstance(row, dict) or any(k not in index for k in row):
            problems.append(f"{where}: must be {{\"feature\": str, \"weights\": {{class: weight}}}} with classes of the meta line")
            continue
        weights[feature] = {index[k]: float(w) for k, w in row.items()}
        if "idf" in e:
            idf[feature] = float(e["idf"])
    if meta is None:
        return None
    return TypingModel(
        classes=tuple(meta["classes"]), codes=tuple(meta["codes"]), intercepts=tuple(float(b) for b in meta["intercepts"]),
        weights=weights, idf=idf, threshold=float(meta["threshold"]), version=str(meta.get("version", "v1")),
        name_entities=frozenset(meta.get("name_entities", ())),
    )
