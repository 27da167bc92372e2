"""Quote stage: direct, indirect and mixed quotations with cue and resolved speaker.

The stage is :func:`quotations` (:mod:`.attribution`); its rules are ordered tables of named,
versioned functions, listed in the order they apply by :data:`RULE_TABLES`. ``quote_at`` (the
quotation containing a character range) lives beside the ``Quote`` record in
:mod:`dyadscope.records` and is handed on here.
"""

from ..records import quote_at
from .attribution import ATTRIBUTION_RULES, quotations
from .described import SPEAKER_COUNTRY_RULES
from .direct import CUE_RULES
from .indirect import INDIRECT_RULES

#: The stage's rule tables by step, in the order a document meets them.
RULE_TABLES = {
    "direct_cues": CUE_RULES,
    "reported_speech": INDIRECT_RULES,
    "attribution": ATTRIBUTION_RULES,
    "speaker_country": SPEAKER_COUNTRY_RULES,
}

__all__ = ["RULE_TABLES", "quotations", "quote_at"]
