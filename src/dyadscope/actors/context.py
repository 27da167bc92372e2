"""What every actor rule reads: the actor knowledge, its word lists by name, and the dates.

The word lists are data (``knowledge/data/lexicon/actors.jsonl``, ``syntax.jsonl`` and the common
pronoun table); :class:`ActorWords` gives them to the rules as named frozensets, checked once
when a document (or phrase) starts, so a missing list fails loudly and a rule never spells a
list id inline.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, fields

from ..knowledge.actors import ActorKB
from ..rules import Rule
from .resolution import UNDATED, Dating


@dataclass(frozen=True, slots=True)
class ActorWords:
    """The word lists of the actor rules; each field is the lexicon list of the same id.

    The pronoun classes at the end are taken from the pronoun table by grammar, not listed.
    """

    # lexicon/actors.jsonl
    state_owned_cues: frozenset[str]
    name_wrapping_marks: frozenset[str]
    phrase_split_preps: frozenset[str]
    former_words: frozenset[str]
    compound_joiners: frozenset[str]
    official_roles: frozenset[str]
    leader_bodies: frozenset[str]
    phrase_glue: frozenset[str]
    stance_prefixes: frozenset[str]
    backing_words: frozenset[str]
    list_glue: frozenset[str]
    complement_preps: frozenset[str]
    locative_preps: frozenset[str]
    not_locative_before_to: frozenset[str]
    destination_verbs: frozenset[str]
    weak_roles: frozenset[str]
    strong_role_plurals: frozenset[str]
    location_preps: frozenset[str]
    acronym_skip_words: frozenset[str]
    minority_place_glue: frozenset[str]
    apposition_openers: frozenset[str]
    former_clause_verbs: frozenset[str]
    apposition_breakers: frozenset[str]
    workplace_verbs: tuple[str, ...]  # word beginnings
    dyad_nouns: frozenset[str]
    party_nouns: frozenset[str]
    name_particles: tuple[str, ...]  # word beginnings
    we_reporting_verbs: frozenset[str]
    state_anaphors: frozenset[str]
    government_anaphors: frozenset[str]
    group_anaphors: frozenset[str]
    bloc_anaphors: frozenset[str]
    definite_determiners: frozenset[str]
    place_nouns: frozenset[str]
    place_direction_words: frozenset[str]
    place_only_preps: frozenset[str]
    place_type_nouns: frozenset[str]
    jihadist_roles: frozenset[str]
    person_dyad_nouns: frozenset[str]
    apposition_closers: frozenset[str]
    military_nouns: frozenset[str]
    kin_nouns: frozenset[str]
    # lexicon/syntax.jsonl
    subject_deps: frozenset[str]
    governing_clause_deps: frozenset[str]
    dyad_both_deps: frozenset[str]
    not_place_entity_labels: frozenset[str]
    # the pronoun table
    person_pronouns: frozenset[str]
    body_pronouns: frozenset[str]
    plural_pronouns: frozenset[str]
    we_pronouns: frozenset[str]
    possessive_pronouns: frozenset[str]
    plural_capable_pronouns: frozenset[str]
    relative_pronouns: frozenset[str]

    @classmethod
    def of(cls, kb: ActorKB) -> ActorWords:
        """The lists of ``kb.lexicon`` and ``kb.pronouns``.

        Raises:
            KeyError: naming the lists that exist when one is missing.
        """
        p = kb.pronouns
        pronoun_classes = {
            # he, him, his, she, her, hers, himself, herself
            "person_pronouns": {x.text for x in p if x.person == 3 and x.refers_to == "person"},
            # it, its, itself: a state or a body
            "body_pronouns": {x.text for x in p if x.person == 3 and x.number == "sg" and x.refers_to == "organization"},
            "plural_pronouns": {x.text for x in p if x.person == 3 and x.number == "pl"},
            "we_pronouns": {x.text for x in p if x.person == 1 and x.number == "pl"},
            # its, their, his, her, our: may own a role noun ("its army")
            "possessive_pronouns": {x.text for x in p if "possessive" in x.cases},
            # they, them, we, us, you, who, which, that: "both" after one floats ("they both agreed")
            "plural_capable_pronouns": {x.text for x in p if x.number in ("pl", "any")
                                        and x.cases & {"subject", "object", "relative"}},
            # who, which, ...: open a relative clause ("X, who heads ...")
            "relative_pronouns": {x.text for x in p if "relative" in x.cases},
        }
        values = {}
        for f in fields(cls):
            if f.name in pronoun_classes:
                values[f.name] = frozenset(pronoun_classes[f.name])
            elif f.type.startswith("tuple"):
                values[f.name] = tuple(sorted(kb.lexicon[f.name]))
            else:
                values[f.name] = kb.lexicon[f.name]
        return cls(**values)


@dataclass(frozen=True, slots=True)
class ActorContext:
    """What every actor rule reads.

    Attributes:
        kb: The actor knowledge (entries, alias index).
        words: Its word lists by name.
        dating: The article's date and the reference date (:class:`.resolution.Dating`).
    """

    kb: ActorKB
    words: ActorWords
    dating: Dating = UNDATED

    @classmethod
    def of(cls, kb: ActorKB, dating: Dating = UNDATED) -> ActorContext:
        return cls(kb, ActorWords.of(kb), dating)


def first_result(rules: Iterable[Rule], *args) -> object | None:
    """The result of the first rule that applies (returns something other than None)."""
    for rule in rules:
        out = rule.func(*args)
        if out is not None:
            return out
    return None

