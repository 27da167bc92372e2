"""Event stage: PLOVER/CAMEO events between actors, with modality, date and evidence.

The stage is :func:`coded_events` (:mod:`.coding`); its rules are ordered tables of named,
versioned functions, listed in the order they apply by :data:`RULE_TABLES`.
"""

from .coding import EVENT_RULES, PAIRING_RULES, PARTY_RULES, PLOVER_RULES, coded_events
from .composition import COMPOSITION_RULES
from .dates import DATE_EXPRESSIONS
from .modality import MODALITY_RULES
from .nominal import NOUN_RULES
from .reality import DETECTION_RULES, UNRESOLVED_RULES
from .sentences import sentence_candidates, sentence_quad
from .speech import SPEECH_RULES
from .targets import TARGET_RULES
from .typer import TYPING_RULES
from .verbal import PATTERN_CONDITIONS, VERB_RULES

#: The stage's rule tables by step, in the order a candidate meets them.
RULE_TABLES = {
    "verb_patterns": PATTERN_CONDITIONS,
    "verbs": VERB_RULES,
    "composition": COMPOSITION_RULES,
    "targets": TARGET_RULES,
    "nouns": NOUN_RULES,
    "detection": DETECTION_RULES,
    "speech": SPEECH_RULES,
    "typing": TYPING_RULES,
    "parties": PARTY_RULES,
    "pairing": PAIRING_RULES,
    "modality": MODALITY_RULES,
    "unresolved": UNRESOLVED_RULES,
    "dates": DATE_EXPRESSIONS,
    "plover": PLOVER_RULES,
    "records": EVENT_RULES,
}

__all__ = ["RULE_TABLES", "coded_events", "sentence_candidates", "sentence_quad"]
