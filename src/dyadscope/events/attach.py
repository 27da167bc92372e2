"""Actor attachment: which actor mentions fill a token's syntactic slot (subject, object, ...).

Actors always come from the actor stage's :class:`Mention` records; this module only maps
tokens of the dependency parse onto them. A noun phrase's actors are the mention it is part of,
or the actor mentions among its modifiers ("Ithilen's president", "the ambassadors of Arnor",
"Chilean officials"), expanded over coordination ("Arnor, Osgiliath and Gondor").

The words these rules test (relative pronouns, object-control verbs, ...) are lexicon lists
(``knowledge/data/lexicon/events.jsonl``, ``syntax.jsonl``) read once per document.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..nlp import token_columns
from ..records import Actor, Mention

SUBJ_DEPS = ("nsubj", "csubj", "expl")


class DocActors:
    """Token-to-mention index for one document, with the word lists the attachment rules test.

    Args:
        doc: The parse.
        mentions: The actor stage's mentions (may be empty: sentence typing needs no actors).
        kb: The :class:`~dyadscope.knowledge.Knowledge` object (its lexicon and reporting verbs).
    """

    def __init__(self, doc, mentions: Sequence[Mention], kb):
        self.doc = doc
        self.words = kb.lexicon
        # lemmas of verbs whose clause is reported content (quotes/reporting_verbs.jsonl)
        self.reporting = kb.quotes.event_reporting_verbs
        self.object_control = kb.lexicon["object_control_verbs"]
        self._modifier_deps = kb.lexicon["actor_modifier_deps"]
        self._relative = kb.lexicon["relative_pronouns"]
        self._actor_of = kb.lexicon["actor_of_prepositions"]
        self._compound_to = kb.lexicon["non_recipient_to_heads"]
        self.reporter_pronouns = kb.lexicon["reporter_pronouns"]
        self._event_nouns = kb.events.nouns
        self._agent_of = kb.lexicon["agent_prepositions"]
        self._agent_modifier_deps = kb.lexicon["agent_modifier_deps"]
        # per-token lemma (lower-cased) and coarse tag, read once: the sentence passes test these
        # for every token, and building a Token for each test is what costs (one to_array read)
        lemmas, pos = token_columns(doc, ("lemma", "pos"))
        self.lemmas: list[str] = lemmas
        self.pos: list[str] = pos
        self.mentions = list(mentions)
        self.by_token: dict[int, int] = {}
        for mi, m in enumerate(self.mentions):
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is None:
                continue
            for tok in span:
                self.by_token.setdefault(tok.i, mi)

    def mention_at(self, tok) -> Mention | None:
        mi = self.by_token.get(tok.i)
        return None if mi is None else self.mentions[mi]

    def actors(self, m: Mention) -> list[Actor]:
        """Actors a mention stands for: its members for groups, else itself (if resolved)."""
        if m.members:
            return list(m.members)
        if m.code is None and m.country is None and m.name is None:
            return []
        return [m.as_actor()]

    def _opposed(self, tok) -> bool:
        """"anti-Peru": a modifier written against the actor it names."""
        doc = tok.doc
        return tok.i >= 2 and doc[tok.i - 1].text == "-" and doc[tok.i - 2].lower_ in self.words["opposing_prefixes"]

    @staticmethod
    def partial_actors(m: Mention | None) -> list[Actor]:
        """A mention the actor stage left without country, code or name but with a sector
        ("gunmen", "civilians", "the troops"): an actor known only by what the text says of it."""
        if m is None or m.members or m.sector is None or m.code or m.country or m.name:
            return []
        return [m.as_actor()]

    def phrase_actors(self, tok, *, depth: int = 0, conj: bool = True) -> list[Actor]:
        """Actors of the noun phrase headed by ``tok``, expanded over conjuncts: the head's
        mention, else actor modifiers ("Peru's envoy"), else the head's partial actor
        (:meth:`partial_actors`)."""
        out: list[Actor] = []
        m = self.mention_at(tok)
        if m is not None:
            out.extend(self.actors(m))  # empty when the mention is unresolved: look at modifiers
        if out and depth < 3:
            # "French and Egyptian warships": coordinated actor modifiers outside the head's mention
            for child in tok.children:
                if child.dep_ in ("amod", "compound") and self.by_token.get(child.i) != self.by_token.get(tok.i) \
                        and any(c.dep_ == "conj" and c.i in self.by_token for c in child.children):
                    out.extend(self.phrase_actors(child, depth=depth + 1))
        if not out and tok.lower_ in self._relative and tok.head.dep_ == "relcl":
            return self.phrase_actors(tok.head.head, depth=depth + 1)
        if not out and depth < 3:
            agent_named = False
            for child in tok.children:
                if (child.dep_ == "amod" and child.tag_ == "VBN") or self._opposed(child):
                    continue  # "Peruvian-backed rebels", "anti-Peru militias" are not Peruvian
                if child.dep_ in self._modifier_deps:
                    # "Chilean and Peruvian delegates": coordinated modifiers are all parties
                    got = self.phrase_actors(child, depth=depth + 1, conj=child.dep_ in ("amod", "compound"))
                    out.extend(got)
                    agent_named |= bool(got) and child.dep_ in self._agent_modifier_deps
            event_noun = tok.lemma_.lower() in self._event_nouns
            for child in tok.children:
                if child.dep_ == "prep" and child.lower_ in self._actor_of \
                        and not (event_noun and agent_named and child.lower_ not in self._agent_of):
                    # "the Chilean blockade of Peru": an event noun whose agent is named stands
                    # for it, not for its patient ("the withdrawal of Peruvian troops": no agent)
                    for p in child.children:
                        if p.dep_ == "pobj":
                            out.extend(self.phrase_actors(p, depth=depth + 1))
        if not out:
            out = self.partial_actors(m)
        if conj:
            items = [c for c in tok.conjuncts if c.i > tok.i]
            for a in tok.children:
                # "Mordor, the Shire, Fornost and Bree" / "Arnor, Calenardhon and ... Gondor": a
                # list the parser hung on an apposition or a nominal modifier of the last item
                if a.dep_ in ("appos", "nmod") and a.pos_ == "PROPN" and a.i < tok.i + 1 \
                        and any(c.dep_ == "conj" for c in a.children):
                    items += [a, *(c for c in a.conjuncts if c.i > a.i)]
            for c in items:
                if c.pos_ in ("NOUN", "PROPN", "PRON", "ADJ"):
                    out.extend(self.phrase_actors(c, depth=depth + 1, conj=False))
        return dedup_actors(out)

    def own_preps(self, tok, preps: Sequence[str]) -> list[str]:
        """The prepositions of ``preps`` whose object, inside the phrase headed by ``tok``, can be
        a governing verb's target: all of them, except under an event noun, whose own patient or
        place they name ("condemned the blockade of Peru": Peru is not condemned), where only
        its parties (with, between) and agent (by) pass."""
        if tok.lemma_.lower() not in self._event_nouns:
            return list(preps)
        return [p for p in preps if p in self._agent_of or p in self.words["party_prepositions"]]

    def prep_actors(self, tok, preps: Sequence[str]) -> list[Actor]:
        """Actors of the objects of ``tok``'s prepositions named in ``preps`` (first that has any)."""
        for want in preps:
            for child in tok.children:
                if child.dep_ in ("prep", "dative", "agent") and child.lower_ == want:
                    # "according to X", "due to X": not a recipient
                    if want == "to" and (child.head.lower_ in self._compound_to
                                         or any(c.lower_ in self._compound_to for c in child.lefts)):
                        continue
                    for p in child.children:
                        if p.dep_ == "pobj":
                            got = self.phrase_actors(p)
                            if got:
                                return got
        return []


def actor_key(a: Actor) -> tuple:
    return (a.code, a.country, a.name) if (a.code or a.country or a.name) else (a.text.lower(),)


def dedup_actors(actors: Sequence[Actor]) -> list[Actor]:
    seen, out = set(), []
    for a in actors:
        k = actor_key(a)
        if k not in seen:
            seen.add(k)
            out.append(a)
    return out


def subject_of(verb, dactors: DocActors, *, depth: int = 0) -> tuple[list[Actor], bool]:
    """Source actors of ``verb`` and whether the clause is passive (the subject is then a target).

    Handles relative clauses, conjoined verbs sharing a subject, control ("agreed to meet")
    and participial clauses.
    """
    subjects = [c for c in verb.children if c.dep_ in SUBJ_DEPS or c.dep_ in ("nsubjpass", "csubjpass")]
    for child in subjects:  # "Old foes Gondor and Osgiliath": the parser may give two subjects
        got = dactors.phrase_actors(child)
        if not got and child.lower_ in dactors.reporter_pronouns and child.i not in dactors.by_token and depth < 3:
            got = _reporter_as_subject(verb, dactors, depth)
        if got or child.i == subjects[-1].i:
            return got, child.dep_ in ("nsubjpass", "csubjpass")
    if depth > 3:
        return [], False
    head = verb.head
    if verb.dep_ == "relcl":
        return dactors.phrase_actors(head), False
    if verb.dep_ == "acl" or (verb.dep_ == "amod" and verb.tag_ == "VBN"):
        # "the turbines bought by Peru", "Peruvian-backed rebels": a past participle modifying
        # its (patient) head noun
        got = dactors.phrase_actors(head)
        if not got and verb.tag_ == "VBG" and head.dep_ in ("dobj", "attr") and head.head.pos_ in ("VERB", "AUX"):
            # "released a communique urging ...", "adopted a motion deploring ...": the
            # document speaks for whoever issued it
            return subject_of(head.head, dactors, depth=depth + 1)
        return got, verb.tag_ in ("VBN", "VBD")  # a past form modifying a noun is a participle
    if verb.dep_ == "conj" and head.pos_ in ("VERB", "AUX"):
        got, passive = subject_of(head, dactors, depth=depth + 1)
        return got, passive or _own_passive(verb)
    if verb.dep_ == "pcomp" and head.dep_ == "prep" and head.head.pos_ in ("VERB", "AUX") and verb.tag_ == "VBG":
        # "worked with Peru in mapping the reef ...", "by dredging the harbour": an adjunct
        # gerund shares the subject of the verb its preposition modifies
        got, passive = subject_of(head.head, dactors, depth=depth + 1)
        if head.lower_ in dactors.words["charge_prepositions"]:
            # "accused Peru of shelling the port", "Peru was blamed for shelling it": the one
            # charged (or thanked) did the act, not the one who charges
            charged = next((a for c in head.head.children if c.dep_ in ("dobj", "dative")
                            for a in [dactors.phrase_actors(c)] if a), [])
            if charged or passive:
                return charged or got, False
        return got, passive
    if verb.dep_ == "acomp" and head.i != verb.i:
        return subject_of(head, dactors, depth=depth + 1)
    if verb.dep_ in ("xcomp", "advcl", "ccomp") and head.i != verb.i:
        if verb.dep_ == "xcomp" and head.lemma_ in dactors.object_control:
            for child in head.children:
                if child.dep_ in ("dobj", "dative"):
                    got = dactors.phrase_actors(child)
                    if got:
                        return got, False
        if verb.dep_ != "ccomp":
            # "was killed fighting alongside X": the controller acts in the controlled clause,
            # even when it is the governor's passive subject; "has to be allowed to stand": it
            # undergoes a passive one
            return subject_of(head, dactors, depth=depth + 1)[0], _own_passive(verb)
    return [], False


def _own_passive(verb) -> bool:
    """A past participle passive in its own right: with its own "be" ("and was arrested", "to
    be allowed"), or sharing its conjunct's ("were identified and arrested")."""
    if verb.tag_ != "VBN":
        return False
    if any(c.dep_ == "auxpass" for c in verb.children):
        return True
    return verb.dep_ == "conj" and not any(c.dep_ in ("aux", "nsubj") for c in verb.children) \
        and verb.head.tag_ == "VBN" and any(c.dep_ == "auxpass" for c in verb.head.children)




def _reporter_as_subject(verb, dactors: DocActors, depth: int) -> list[Actor]:
    """"X announced (that) it will ...": an unresolved pronoun subject of a reporting verb's
    complement clause is the reporter (the usual reading; the actor stage resolves most pronouns,
    this covers those it left without a mention)."""
    clause = verb
    while clause.dep_ == "conj" and clause.head.i != clause.i:
        clause = clause.head
    if clause.dep_ != "ccomp" or clause.head.lemma_ not in dactors.reporting:
        return []
    got, passive = subject_of(clause.head, dactors, depth=depth + 1)
    return [] if passive else got


def agent_of(verb, dactors: DocActors) -> list[Actor]:
    """Actors of a passive verb's "by" phrase, or of the agent a participle modifier is
    compounded with ("Peruvian-backed rebels", "Chile-led talks")."""
    for child in verb.children:
        if child.dep_ == "agent" or (child.dep_ == "prep" and child.lower_ == "by"):
            for p in child.children:
                if p.dep_ == "pobj":
                    return dactors.phrase_actors(p)
    if verb.dep_ == "amod" and verb.tag_ == "VBN":
        for child in verb.children:
            if child.dep_ in ("npadvmod", "compound", "amod") and child.i < verb.i:
                got = dactors.phrase_actors(child)
                if got:
                    return got
    return []
