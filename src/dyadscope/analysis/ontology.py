"""PLOVER types and their quad classes, read from the shipped knowledge file (plover.jsonl)."""

from __future__ import annotations

from ..errors import KnowledgeError
from ..knowledge.load import DATA_DIR, read_jsonl

#: GDELT 2.0 QuadClass numbers.
QUADS = {1: "verbal_coop", 2: "material_coop", 3: "verbal_conflict", 4: "material_conflict"}
_QUAD_NAMES = {"verbal_cooperation": 1, "material_cooperation": 2, "verbal_conflict": 3, "material_conflict": 4}


def plover_quads(data_dir=DATA_DIR) -> dict[str, int]:
    """PLOVER event type -> quad class (1..4), in the file's order.

    Raises:
        KnowledgeError: listing every malformed line of ``events/plover.jsonl``.
    """
    problems: list[str] = []
    quads: dict[str, int] = {}
    for lineno, entry in read_jsonl(data_dir / "events" / "plover.jsonl", problems):
        if entry.get("kind") != "type":
            continue
        quad = _QUAD_NAMES.get(str(entry.get("quad", "")))
        if quad is None or not entry.get("id"):
            problems.append(f"plover.jsonl:{lineno}: type needs an id and a quad in {sorted(_QUAD_NAMES)}")
            continue
        quads[str(entry["id"])] = quad
    if problems:
        raise KnowledgeError(problems)
    return quads
