"""Users' verb dictionaries (``--verbs FILE``): PETRARCH/TABARI verb dictionaries and JSONL files of
verb patterns in our ``verbs.jsonl`` format, applied on top of the shipped patterns."""

from __future__ import annotations

from pathlib import Path

from ..errors import KnowledgeError
from .events import EventKB, _load_verbs
from .petrarch_verbs import read_petrarch_verbs, with_verb_patterns


def with_user_verbs(ekb: EventKB, verb_files) -> EventKB:
    """``ekb`` with the user verb dictionaries ``verb_files`` applied, in the order given.

    - ``.txt``: a PETRARCH/TABARI verb dictionary (:mod:`.petrarch_verbs`); its patterns replace
      ours for every verb it covers (the dictionary codes those verbs as a whole);
    - ``.jsonl``: verb patterns in our ``verbs.jsonl`` format; they are tried before ours for the
      same verb at equal specificity, and ours stay.

    Raises:
        KnowledgeError: listing every problem as ``file:line: problem`` (a file of another kind,
            a dictionary with no usable verb pattern, malformed entries, ids already used).
    """
    problems: list[str] = []
    ids = {p.id for ps in ekb.verbs.values() for p in ps}
    for path in map(Path, verb_files):
        before = len(problems)
        suffix = path.suffix.lower()
        if suffix == ".txt":
            patterns, _skipped = read_petrarch_verbs(path, ekb.cameo)
            replace_lemmas = True
        elif suffix == ".jsonl":
            patterns = [p for ps in _load_verbs(path, ekb.cameo, problems).values() for p in ps]
            problems += [f"{path.name}: id -> {p.id!r} is already used by the shipped verbs.jsonl"
                         for p in patterns if p.id in ids]
            replace_lemmas = False
        else:
            problems.append(f"{path.name}: a verb dictionary is a PETRARCH/TABARI .txt file or a .jsonl file of "
                            f"verb patterns (verbs.jsonl format), not {suffix or 'a file without extension'}")
            continue
        if not patterns and len(problems) == before:
            problems.append(f"{path.name}: no verb pattern with a CAMEO code of cameo.csv found")
            continue
        ids |= {p.id for p in patterns}
        ekb = with_verb_patterns(ekb, patterns, replace_lemmas=replace_lemmas)
    if problems:
        raise KnowledgeError(problems)
    return ekb
