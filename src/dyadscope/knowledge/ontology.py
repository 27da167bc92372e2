"""The event ontology: PLOVER types with their quad classes, PLOVER contexts, and the CAMEO table.

One loader for both files, used by the events stage (through :class:`~.events.EventKB`) and by
the analysis (quad classes of events that carry a PLOVER type but no CAMEO code):

- ``events/plover.jsonl``: PLOVER event types (``quad``, ``modes``, ``requires_recipient``) and
  contexts, summarised in our own words from the PLOVER manual.
- ``events/cameo.csv``: one CAMEO code a row: ``code, name, goldstein, quad_class, plover_type,
  plover_mode, contexts``. Goldstein values follow GDELT's published scale; ``quad_class``
  follows GDELT 2.0 (1 verbal cooperation, 2 material cooperation, 3 verbal conflict,
  4 material conflict). An empty ``plover_type`` (01x public statements) means the code has
  no PLOVER event.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..errors import KnowledgeError
from .load import DATA_DIR, read_csv, read_jsonl

#: GDELT 2.0 QuadClass numbers by the names plover.jsonl uses.
QUAD_NUMBERS = {"verbal_cooperation": 1, "material_cooperation": 2, "verbal_conflict": 3, "material_conflict": 4}


@dataclass(frozen=True, slots=True)
class PloverType:
    """One PLOVER event type: its quad class (1..4, GDELT numbering), modes, and whether the
    manual requires a recipient."""

    id: str
    quad: int
    modes: tuple[str, ...]
    requires_recipient: bool

    @property
    def quad_name(self) -> str:
        return next(name for name, number in QUAD_NUMBERS.items() if number == self.quad)


@dataclass(frozen=True, slots=True)
class CameoCode:
    """One row of the CAMEO table."""

    code: str
    name: str
    goldstein: float
    quad_class: int
    plover_type: str | None
    plover_mode: str | None
    contexts: tuple[str, ...]


@dataclass(frozen=True)
class Ontology:
    """PLOVER types by id (in the file's order), PLOVER contexts, CAMEO codes by code."""

    types: dict[str, PloverType] = field(default_factory=dict)
    contexts: frozenset[str] = frozenset()
    cameo: dict[str, CameoCode] = field(default_factory=dict)

    def type_quads(self) -> dict[str, int]:
        """PLOVER type -> quad class (1..4)."""
        return {t.id: t.quad for t in self.types.values()}


def _read_plover(path: Path, problems: list[str]) -> tuple[dict[str, PloverType], frozenset[str]]:
    types: dict[str, PloverType] = {}
    contexts: set[str] = set()
    for lineno, e in read_jsonl(path, problems):
        where = f"{path.name}:{lineno}"
        kind, ident = e.get("kind"), e.get("id")
        if not isinstance(ident, str) or not ident:
            problems.append(f"{where}: id -> must be a non-empty string")
        elif kind == "type":
            modes = e.get("modes", [])
            quad = QUAD_NUMBERS.get(str(e.get("quad", "")))
            if not isinstance(modes, list) or not all(isinstance(m, str) for m in modes):
                problems.append(f"{where}: modes -> must be a list of strings")
            elif quad is None:
                problems.append(f"{where}: quad -> {e.get('quad')!r} is not one of {', '.join(QUAD_NUMBERS)}")
            else:
                types[ident] = PloverType(ident, quad, tuple(modes), bool(e.get("requires_recipient", True)))
        elif kind == "context":
            contexts.add(ident)
        else:
            problems.append(f"{where}: kind -> {kind!r} is not one of 'type', 'context'")
    return types, frozenset(contexts)


def _cameo_row(row: dict, where: str, types, contexts, problems: list[str]) -> CameoCode | None:
    code = row.get("code", "")
    if not (code.isdigit() and 2 <= len(code) <= 4 and 1 <= int(code[:2]) <= 20):
        problems.append(f"{where}: code -> {code!r} is not a CAMEO code (2-4 digits, root 01-20)")
        return None
    try:
        goldstein = float(row.get("goldstein", ""))
        quad = int(row.get("quad_class", ""))
    except ValueError:
        problems.append(f"{where}: goldstein/quad_class -> must be numbers")
        return None
    if not -10.0 <= goldstein <= 10.0:
        problems.append(f"{where}: goldstein -> {goldstein} outside -10..10")
    if quad not in (1, 2, 3, 4):
        problems.append(f"{where}: quad_class -> {quad} is not one of 1, 2, 3, 4")
    ptype = row.get("plover_type") or None
    mode = row.get("plover_mode") or None
    ctx = tuple(c for c in (row.get("contexts") or "").split(";") if c)
    if ptype is not None and ptype not in types:
        problems.append(f"{where}: plover_type -> {ptype!r} unknown; known: {sorted(types)}")
    elif mode is not None and (ptype is None or mode not in types[ptype].modes):
        problems.append(f"{where}: plover_mode -> {mode!r} is not a mode of {ptype}")
    for c in ctx:
        if c not in contexts:
            problems.append(f"{where}: contexts -> {c!r} is not a PLOVER context")
    return CameoCode(code, row.get("name", ""), goldstein, quad, ptype, mode, ctx)


def read_ontology(plover_path: Path, cameo_path: Path, problems: list[str]) -> Ontology:
    """Read both ontology files, appending every malformed entry to ``problems``."""
    types, contexts = _read_plover(plover_path, problems)
    table: dict[str, CameoCode] = {}
    for lineno, row in read_csv(cameo_path, problems):
        where = f"{cameo_path.name}:{lineno}"
        entry = _cameo_row(row, where, types, contexts, problems)
        if entry is None:
            continue
        if entry.code in table:
            problems.append(f"{where}: code -> {entry.code!r} is listed twice")
            continue
        table[entry.code] = entry
    return Ontology(types, contexts, table)


def load_ontology(data_dir: Path = DATA_DIR) -> Ontology:
    """Load the PLOVER and CAMEO tables from ``data_dir/events``.

    Raises:
        KnowledgeError: listing every malformed entry as ``file:line: problem``.
    """
    problems: list[str] = []
    folder = Path(data_dir) / "events"
    ontology = read_ontology(folder / "plover.jsonl", folder / "cameo.csv", problems)
    if problems:
        raise KnowledgeError(problems)
    return ontology
