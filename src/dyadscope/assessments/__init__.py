"""Assessment stage: judgements, held by someone, of the relationship between two parties.

``relationship_assessments`` finds evaluative judgements of a relationship's state, direction,
nature or quality in one domain, and one side's lasting attitude to the other ("relations have
never been better", "a tactical alliance, not a strategic one", "deeply distrustful of"), with
their polarity, holder (through the quote and actor stages), aspects and evidence; see
docs/assessments.md. The rules are the tables in :mod:`.stage` (the shifts of polarity in :mod:`.shifts`),
applied in order.
"""

from __future__ import annotations

from .stage import ANCHOR_RULES, FILTER_RULES, HOLDER_RULES, RULE_TABLES, relationship_assessments

__all__ = ["relationship_assessments", "ANCHOR_RULES", "FILTER_RULES", "HOLDER_RULES", "RULE_TABLES"]
