"""Knowledge: dictionaries, patterns and ontology tables, loaded from data files into one object.

The caller builds one :class:`Knowledge` with :func:`load_knowledge` and passes it to the stages;
there is no module-level cache. Each part has its own loader beside it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from .actors import ActorKB, load_actor_kb
from .events import EventKB, load_event_kb, with_user_verbs
from .lexicon import Lexicon, load_lexicon
from .load import DATA_DIR
from .quotes import QuoteKB, load_quote_kb


@dataclass(frozen=True)
class Knowledge:
    """Everything the stages know that is not code."""

    actors: ActorKB
    events: EventKB
    quotes: QuoteKB
    lexicon: Lexicon


def load_knowledge(actor_files: Iterable[str | Path] = (), verb_files: Iterable[str | Path] = (), *,
                   data_dir: Path = DATA_DIR) -> Knowledge:
    """Load the shipped knowledge files plus user actor and verb dictionaries.

    Args:
        actor_files: User dictionaries (YAML/CSV/JSONL in our format, or PETRARCH/TABARI
            ``.txt`` actor and agent dictionaries), applied on top of the shipped ones.
        verb_files: User verb dictionaries (PETRARCH/TABARI ``.txt`` verb dictionaries, or JSONL
            verb patterns in our ``verbs.jsonl`` format), applied in order on top of the shipped
            patterns (:func:`.events.with_user_verbs`).
        data_dir: Folder of the shipped knowledge files.

    Raises:
        KnowledgeError: listing every malformed entry as ``file:line: problem``.
    """
    return Knowledge(
        actors=load_actor_kb(data_dir, [Path(p) for p in actor_files]),
        events=with_user_verbs(load_event_kb(data_dir), verb_files),
        quotes=load_quote_kb(data_dir),
        lexicon=load_lexicon(data_dir),
    )


__all__ = ["Knowledge", "Lexicon", "load_knowledge", "DATA_DIR"]
