"""The one pronoun table every stage reads: ``data/common/pronouns.jsonl``.

One line per pronoun with its grammar; each stage takes the pronouns it needs by their features
instead of keeping its own list (the actor stage's coreference classes, the quote stage's
speaker pronouns)::

    {"text": "their", "person": 3, "number": "pl", "refers_to": "any", "cases": ["possessive"], "speaker": true}

``person`` is 1, 2, 3 or null (relative pronouns); ``number`` ``sg``/``pl``/``any``;
``refers_to`` what it can stand for (``person``, ``organization``, ``any``); ``cases`` the forms
it is (``subject``, ``object``, ``possessive`` before a noun, ``independent``, ``reflexive``,
``relative``); ``speaker`` whether a quote's speaker phrase may be this pronoun.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..errors import KnowledgeError
from .load import read_jsonl

PRONOUNS_FILE = Path("common") / "pronouns.jsonl"
NUMBERS = ("sg", "pl", "any")
REFERS_TO = ("person", "organization", "any")
PERSONS = (1, 2, 3, None)
CASES = ("subject", "object", "possessive", "independent", "reflexive", "relative")
_FIELDS = frozenset({"text", "person", "number", "refers_to", "cases", "speaker"})


@dataclass(frozen=True, slots=True)
class Pronoun:
    """One pronoun and its grammar (fields as in the file, see the module docstring)."""

    text: str
    person: int | None
    number: str
    refers_to: str
    cases: frozenset[str]
    speaker: bool


def _check(entry: dict, where: str, problems: list[str]) -> Pronoun | None:
    bad = len(problems)
    unknown = set(entry) - _FIELDS
    if unknown:
        problems.append(f"{where}: unknown field(s) {', '.join(sorted(unknown))}; allowed: {', '.join(sorted(_FIELDS))}")
    text = entry.get("text")
    if not isinstance(text, str) or not text.strip() or text != text.strip().lower():
        problems.append(f"{where}: text -> must be a trimmed lower-case word, got {text!r}")
    for key, allowed in (("person", PERSONS), ("number", NUMBERS), ("refers_to", REFERS_TO)):
        if entry.get(key) not in allowed:
            problems.append(f"{where}: {key} -> {entry.get(key)!r} is not one of {list(allowed)}")
    cases = entry.get("cases")
    if not isinstance(cases, list) or not cases or any(c not in CASES for c in cases):
        problems.append(f"{where}: cases -> must be a non-empty list of {list(CASES)}, got {cases!r}")
    if not isinstance(entry.get("speaker"), bool):
        problems.append(f"{where}: speaker -> must be true or false")
    if len(problems) > bad:
        return None
    return Pronoun(text, entry["person"], entry["number"], entry["refers_to"], frozenset(cases), entry["speaker"])


def load_pronouns(data_dir: Path) -> tuple[Pronoun, ...]:
    """Read the pronoun table under ``data_dir``.

    Raises:
        KnowledgeError: listing every malformed line and every pronoun listed twice.
    """
    path = Path(data_dir) / PRONOUNS_FILE
    if not path.is_file():
        raise KnowledgeError([f"{path}: missing (the pronoun table every stage reads)"])
    problems: list[str] = []
    table: dict[str, Pronoun] = {}
    for lineno, entry in read_jsonl(path, problems):
        where = f"{path.name}:{lineno}"
        pronoun = _check(entry, where, problems)
        if pronoun is None:
            continue
        if pronoun.text in table:
            problems.append(f"{where}: text -> {pronoun.text!r} is listed twice")
            continue
        table[pronoun.text] = pronoun
    if problems:
        raise KnowledgeError(problems)
    return tuple(table.values())
