"""Word lists the rules test against: one named list per entry, loaded once, cited by file and line.

Every list a rule needs ("pronouns that stand for a state", "verbs of reporting", "role nouns too
weak to carry a country") lives in a JSON Lines file under ``data/lexicon/``, one list per line::

    {"id": "state_pronouns", "words": ["it", "its", "itself"], "note": "why the rule needs them"}

``id`` is unique across all lexicon files, ``words`` is a non-empty list of distinct lower-case
strings (single words or space-separated phrases), ``note`` says what the list is for. Rules read
a list by id (``kb.lexicon["state_pronouns"]``), which gives a frozenset; an unknown id raises a
``KeyError`` naming the ids that exist, so a typo never silently matches nothing.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import KnowledgeError
from .load import read_jsonl

LEXICON_DIR = "lexicon"
_FIELDS = frozenset({"id", "words", "note", "match"})


@dataclass(frozen=True)
class WordList:
    """One named list: ``words`` (lower-case), the ``note`` saying why, and where it was read."""

    id: str
    words: frozenset[str]
    note: str
    where: str


@dataclass(frozen=True)
class Lexicon(Mapping):
    """All word lists by id; ``lexicon[id]`` is the frozenset of words."""

    lists: dict[str, WordList] = field(default_factory=dict)

    def __getitem__(self, list_id: str) -> frozenset[str]:
        try:
            return self.lists[list_id].words
        except KeyError:
            raise KeyError(
                f"no word list {list_id!r} in the lexicon; lists are: {', '.join(sorted(self.lists))}"
            ) from None

    def __iter__(self) -> Iterator[str]:
        return iter(self.lists)

    def __len__(self) -> int:
        return len(self.lists)


def _check_entry(entry: dict, where: str, problems: list[str]) -> WordList | None:
    bad = len(problems)
    unknown = set(entry) - _FIELDS
    if unknown:
        problems.append(f"{where}: unknown field(s) {', '.join(sorted(unknown))}; allowed: {', '.join(sorted(_FIELDS))}")
    list_id = entry.get("id")
    if not isinstance(list_id, str) or not list_id.isidentifier():
        problems.append(f"{where}: id -> must be a name made of letters, digits and '_'")
    note = entry.get("note")
    if not isinstance(note, str) or not note.strip():
        problems.append(f"{where}: note -> must say what the list is for")
    words = entry.get("words")
    if not isinstance(words, list) or not words:
        problems.append(f"{where}: words -> must be a non-empty list of strings")
        words = []
    seen: set[str] = set()
    for word in words:
        if not isinstance(word, str) or not word.strip() or word != word.strip():
            problems.append(f"{where}: words -> {word!r} is not a trimmed non-empty string")
        elif word != word.lower():
            problems.append(f"{where}: words -> {word!r} must be lower-case")
        elif word in seen:
            problems.append(f"{where}: words -> {word!r} is listed twice")
        else:
            seen.add(word)
    if len(problems) > bad:
        return None
    return WordList(list_id, frozenset(words), note, where)


def load_lexicon(data_dir: Path) -> Lexicon:
    """Read every ``data/lexicon/*.jsonl`` file.

    Raises:
        KnowledgeError: listing every malformed entry and every id defined twice, as ``file:line``.
    """
    problems: list[str] = []
    lists: dict[str, WordList] = {}
    for path in sorted((data_dir / LEXICON_DIR).glob("*.jsonl")):
        for lineno, entry in read_jsonl(path, problems):
            where = f"{path.name}:{lineno}"
            word_list = _check_entry(entry, where, problems)
            if word_list is None:
                continue
            if word_list.id in lists:
                problems.append(f"{where}: id {word_list.id!r} is already defined at {lists[word_list.id].where}")
                continue
            lists[word_list.id] = word_list
    if problems:
        raise KnowledgeError(problems)
    return Lexicon(lists)
