"""The event candidate: what a verb or noun pattern found, before modality, date and dedup are settled."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..records import Actor


@dataclass
class Candidate:
    """An event before modality, date and dedup are settled.

    Candidates hold spaCy tokens and are changed in place by the rules that refine them
    (composition, pairing); they never leave the stage: :mod:`.coding` turns them into
    :class:`~dyadscope.records.Event` records.

    Attributes:
        code: CAMEO code from a pattern or a composition of patterns.
        source, target: Actors found so far (may be empty).
        trigger: The spaCy token of the main predicate.
        chain: Governing tokens that composed the event ("agreed" in "agreed to meet").
        rule: Pattern ids joined by ``+`` ("v.agree+v.meet"); suffixes record later rules.
        confidence: 0..1.
        reciprocal, parties: A reciprocal event and its parties (one event per unordered pair).
        tokens: Token indices the evidence spans.
        kind: ``verb`` or ``noun``: the kind of the pattern that found it.
        can_recip: The pattern allows pairing coordinated subjects when there is no target.
        reverse: Code of the target's act back to the source (PETRARCH ``[A:B]``).
        armed_code: The code when the agent turns out to be a state or an armed actor
            (``armed_cameo`` of the noun pattern).
        pairs: For a reciprocal event whose parties come in pairs ("clashes between Chile and
            Peru, Bolivia and Peru"), the ``(side, side)`` pairs; empty: every pair of parties.
        content: Token indices of a requested act inside the event ("urged Peru not to deploy":
            "deploy"): their negation is what is asked for, not a negation of the event.
    """

    code: str
    source: list[Actor]
    target: list[Actor]
    trigger: object
    chain: list = field(default_factory=list)
    rule: str = ""
    confidence: float = 0.7
    reciprocal: bool = False
    parties: list[Actor] = field(default_factory=list)
    tokens: set = field(default_factory=set)
    kind: str = "verb"
    can_recip: bool = False
    reverse: str | None = None
    pairs: list = field(default_factory=list)
    armed_code: str | None = None
    content: set = field(default_factory=set)
