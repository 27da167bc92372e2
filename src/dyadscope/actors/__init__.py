"""Actor stage: find actor mentions in a parsed document and resolve them to country and sector.

:func:`actor_mentions` (:mod:`.mentions`) is the stage; :func:`resolve_phrase` (:mod:`.resolve`)
resolves a short phrase without a parsed document; :func:`resolve_entry` (:mod:`.resolution`)
says what one knowledge-base entry stands for on a date. ``RULE_TABLES`` lists the stage's
named rules in order.
"""

from .mentions import RULE_TABLES, actor_mentions
from .resolution import Resolution, resolve_entry
from .resolve import resolve_phrase

__all__ = ["actor_mentions", "resolve_phrase", "resolve_entry", "Resolution", "RULE_TABLES"]
