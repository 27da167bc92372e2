"""Knowledge: dictionaries, patterns and ontology tables, loaded from data files into one object.

The caller builds one :class:`Knowledge` with :func:`load_knowledge` and passes it to the stages;
there is no module-level cache. Each part has its own loader beside it.
"""

from __future__ import annotations

import gc
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .actors import ActorKB, load_actor_kb
from .assessments import AssessmentKB, load_assessment_kb
from .events import EventKB, load_event_kb
from .lexicon import Lexicon, load_lexicon
from .load import DATA_DIR
from .pronouns import load_pronouns
from .quotes import QuoteKB, load_quote_kb
from .user_verbs import with_user_verbs


@dataclass(frozen=True)
class Knowledge:
    """Everything the stages know that is not code."""

    actors: ActorKB
    events: EventKB
    quotes: QuoteKB
    lexicon: Lexicon
    assessments: AssessmentKB = field(default_factory=AssessmentKB)


def load_knowledge(actor_files: Iterable[str | Path] = (), verb_files: Iterable[str | Path] = (), *,
                   data_dir: Path = DATA_DIR) -> Knowledge:
    """Load the shipped knowledge files plus user actor and verb dictionaries.

    Args:
        actor_files: User dictionaries (YAML/CSV/JSONL in our format, or PETRARCH/TABARI
            ``.txt`` actor and agent dictionaries), applied on top of the shipped ones.
        verb_files: User verb dictionaries (PETRARCH/TABARI ``.txt`` verb dictionaries, or JSONL
            verb patterns in our ``verbs.jsonl`` format), applied in order on top of the shipped
            patterns (:func:`.user_verbs.with_user_verbs`).
        data_dir: Folder of the shipped knowledge files.

    Raises:
        KnowledgeError: listing every malformed entry as ``file:line: problem``.

    Notes:
        The knowledge is a few hundred thousand long-lived objects. Python's cycle collector
        traverses all of them in every full collection: seven of them while loading (0.6-0.9 s
        CPU) and about one per hundred documents afterwards (0.15 s each). Loading therefore runs
        with the collector paused, and the objects alive at its end are moved to the collector's
        permanent generation (:func:`gc.freeze`), which full collections skip. Frozen objects are
        still freed by reference counting when dropped.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        lexicon = load_lexicon(data_dir)
        pronouns = load_pronouns(data_dir)
        kb = Knowledge(
            actors=load_actor_kb(data_dir, [Path(p) for p in actor_files], lexicon=lexicon, pronouns=pronouns),
            events=with_user_verbs(load_event_kb(data_dir), verb_files),
            quotes=load_quote_kb(data_dir, pronouns=pronouns),
            lexicon=lexicon,
            assessments=load_assessment_kb(data_dir, lexicon),
        )
    finally:
        if was_enabled:
            gc.enable()
    gc.freeze()
    return kb


__all__ = ["Knowledge", "Lexicon", "load_knowledge", "DATA_DIR"]
