"""Speakers the actor stage left without a country: what the speaker phrase or the document says.

A speaker phrase may resolve to a person or role with no country ("Ana Ruiz, a Chilean
lawyer", "a spokesman for the Blorvak Institute", "the ministry"). :data:`SPEAKER_COUNTRY_RULES`
are tried in order on such a speaker; the first that finds a country decides:

1. the same person named elsewhere in the document with a country (the full name, or the
   surname alone: "Ruiz said" after "Chilean lawyer Ana Ruiz");
2. an actor inside the speaker phrase that modifies its head or its apposition — a body it
   belongs to or leads ("the head of the Blorvak Institute", "a commander in the Peruvian
   army", "X, who heads the Blorvak Institute"), else a state or demonym ("a Chilean
   official", "Ana Ruiz, a Chilean lawyer"); never one elsewhere in a relative clause ("who
   fought in Peru");
3. a person the speaker speaks for ("a spokesman for X", "her communications director",
   "those close to X"): that person's country and sector;
4. a named person introduced elsewhere in the document with such an actor or (a civilian)
   a place in their phrase ("Ana Ruiz, a Chilean lawyer, ... she said"): read as 2 and 7;
5. a definite description ("the ministry", "the prime minister", "the report") standing for
   the nearest earlier actor whose phrase ends in the same words, or earlier speaker whose
   phrase up to its head does;
6. one of a group just named ("Four Peruvian officials ... one said"): the group's country;
7. civilians named with a place in their own phrase, relative clauses included ("Ana Ruiz,
   53, who fled Valdora", "residents of Valdora"): the nearest such place's country;
8. other civilians ("witnesses", "one woman", "local woman Ana", a name given only with an
   age: "Ana Ruiz, 47,"): the country the document is clearly about (named at least three
   times, twice as often as any other);
9. a speaker called local ("local authorities", "a local commander"): a place in their phrase,
   else the country the document is clearly about;
10. a named person in an unqualified national office ("the defence minister X", no body or
   place named in the phrase): the publisher's country.

A definite description of an office ("the president", "the secretary of state") is not read
here: the actor stage resolves it (``actors.coref.office_title.v1``, checking the dates of the
office) and the speaker takes that mention's actor like any other.

Notes:
    Rule 2 reads the role the way the PolNeAR and ICEWS codebooks code a source: by the
    organisation or state the phrase attaches it to. A speaker completed here is remembered, so
    later surname mentions and pronouns for the same name inherit it (rule 1).
"""

from __future__ import annotations

from ..knowledge.entries import BODY_KINDS, STATE_KINDS

PLACE_KINDS = STATE_KINDS | {"place"}
from ..rules import rule_table

_MAX_STEPS = 6
#: How many of a person's mentions are read for the phrase introducing them.
_MAX_INTRODUCTIONS = 3


def _path(tok, head, link_deps, leading_verbs) -> list | None:
    """Tokens from ``tok`` up to ``head`` (exclusive) when every step is a modifying link
    (``speaker_link_deps``), or the object of a relative clause of leading ("X, who heads the
    Blorvak Institute"; the verb stands in the path as a "lead" link)."""
    out = []
    for _ in range(_MAX_STEPS):
        if tok.i == head.i:
            return out
        verb = tok.head
        if tok.dep_ == "dobj" and verb.dep_ == "relcl" and verb.lemma_.lower() in leading_verbs:
            out += [tok, verb]
            tok = verb.head
            continue
        if tok.dep_ not in link_deps or tok.head.i == tok.i:
            return None
        out.append(tok)
        tok = tok.head
    return None


def _one_member_prep(path, member_preps) -> bool:
    """At most one preposition on the path, and one of belonging ("spokesman for X"; not
    "relatives of the victims of X", "countries including X")."""
    preps = [t for t in path if t.dep_ == "prep"]
    return len(preps) <= 1 and all(t.lower_ in member_preps and t.head.pos_ in ("NOUN", "PROPN", "NUM")
                                   for t in preps)  # not "an official familiar with X"


def known_person(r, found, head, span):
    """The same name (or its surname) resolved with a country elsewhere in the document."""
    if found is None or not found.name or found.number != "sg":
        return None  # not a coordination ("Ana Park and Luis Mendes"): its parts differ
    return r.known(found.name)


def phrase_actor(r, found, head, span):
    """A body, else a state or demonym, modifying the speaker's head inside its phrase."""
    lo, hi = span
    doc = r.doc
    start, end = doc[lo].idx, doc[hi - 1].idx + len(doc[hi - 1])
    own = r.mention_at(head)
    words = r.words
    link_deps, member_preps, leading = words["speaker_link_deps"], words["member_prepositions"], words["leading_verbs"]
    best = None
    for m in r.mentions_in(start, end):
        if m is own or not m.country or m.members or m.kind in ("pronoun", "person", "region"):
            continue
        tok = doc.char_span(m.start, m.end, alignment_mode="expand")
        if tok is None or not len(tok):
            continue
        path = _path(tok.root, head, link_deps, leading)
        if path is None or not _one_member_prep(path, member_preps):
            continue
        body = m.kind in BODY_KINDS or (m.kind not in STATE_KINDS and m.kind != "place" and m.sector is not None)
        member = body and any(t.dep_ == "pobj" and t.head.lower_ in member_preps or t.dep_ in ("poss", "relcl")
                              for t in path)
        rank = 0 if body else (1 if m.kind in STATE_KINDS else 2)
        if rank == 2 and head.lemma_.lower() in r.source_nouns:
            continue  # "a study in Peru": where it was made, not whose it is
        if best is None or rank < best[0]:
            best = (rank, m, member)
    if best is None:
        return None
    _, m, member = best
    sector = m.sector if member else (found.sector if found is not None else None)
    return r.completed(found, m.country, sector)


def _speaks_for(path, head, words) -> bool:
    """Whether the path from a person up to the speaker's head makes the speaker that person's
    voice: "a spokesman for X", "X's aide", "an adviser to X" (a representative noun), or
    "those close to X"."""
    if not path or any(t.dep_ not in words["spoken_for_link_deps"] for t in path):
        return False
    preps = [t for t in path if t.dep_ == "prep"]
    if len(preps) > 1 or any(t.lower_ not in words["spoken_for_prepositions"] for t in preps):
        return False
    if any(t.dep_ == "amod" for t in path):  # only "close to X", and only through "to"
        return [t.lower_ for t in path if t.dep_ == "amod"] == list(words["close_words"]) and bool(preps)
    return _noun_key(head) in words["representative_nouns"] or head.lemma_.lower() in words["representative_nouns"]


def person_spoken_for(r, found, head, span):
    """'a spokesman for Ana Ruiz', 'her communications director', 'those close to him': the
    speaker speaks for a person the document resolved with a country, so is of that country
    (and that person's sector)."""
    if found is not None and found.name:
        return None  # a named speaker has their own country or none
    lo, hi = span
    doc = r.doc
    start, end = doc[lo].idx, doc[hi - 1].idx + len(doc[hi - 1])
    own = r.mention_at(head)
    for m in r.mentions_in(start, end):
        if m is own or not m.country or m.members or m.kind not in ("person", "pronoun") or m.former:
            continue
        tok = doc.char_span(m.start, m.end, alignment_mode="expand")
        if tok is None or not len(tok):
            continue
        path = _path(tok.root, head, r.words["speaker_link_deps"], frozenset())
        if path is not None and _speaks_for(path, head, r.words):
            return r.completed(None, m.country, m.sector, name=found.name if found is not None else None)
    return None


def introduced_person(r, found, head, span):
    """'Ana Ruiz, a Chilean lawyer, arrived ... “...,” she said': a named speaker with no
    country of their own takes what the phrase introducing them elsewhere in the document
    says (a state, demonym or body modifying it, or, for a civilian, the place they are from),
    read as the speaker's own phrase would be."""
    if found is None or not found.name or found.number != "sg" or found.kind not in ("person", "any"):
        return None
    doc = r.doc
    here = (doc[span[0]].idx, doc[span[1] - 1].idx)
    for m in r.mentions_named(found.name)[:_MAX_INTRODUCTIONS]:
        if here[0] <= m.start <= here[1]:
            continue  # the speaker's own phrase: already read
        tok = doc.char_span(m.start, m.end, alignment_mode="expand")
        if tok is None or not len(tok):
            continue
        intro = tok.root
        intro_span = r.phrase(intro)
        for rule in (phrase_actor, civilians_from_a_place):
            res = rule(r, found, intro, intro_span)
            if res is not None and res.country:
                return res
    return None


def _noun_key(head) -> str:
    """The head noun with the modifiers compounded on its left: "interior ministry", "prime minister"."""
    mods = [c for c in head.lefts if c.dep_ in ("amod", "compound") and c.i >= head.i - 3]
    start = mods[0].i if mods else head.i
    return " ".join(t.lower_ for t in head.doc[start : head.i + 1])


def earlier_description(r, found, head, span):
    """'the ministry said', 'the prime minister said', 'the ministers told reporters': the
    nearest earlier actor (or speaker) whose phrase ends in the same words."""
    if (found is not None and found.name) or head.pos_ != "NOUN" or head.tag_ not in ("NN", "NNS"):
        return None  # singular or plural: "the ministry", "the ministers"
    if not any(c.dep_ == "det" and c.lower_ in r.definite for c in head.children):
        return None
    if any(c.dep_ in ("poss", "prep") for c in head.children):
        return None  # "the ministry's", "the ministry of X": their own words decide
    m = r.described_before(head.idx, _noun_key(head))
    return None if m is None else r.completed(found, m.country, m.sector, name=m.name)


def one_of_a_group(r, found, head, span):
    """'Four Peruvian officials spoke to us. "...," said one senior figure': one of a group
    just named is of the group's country."""
    if (found is not None and found.name) or head.tag_ not in ("NN", "CD"):
        return None
    one = head.lower_ in r.words["partitive_determiners"] or any(
        c.dep_ in ("nummod", "det") and c.lower_ in r.words["partitive_determiners"] for c in head.children)
    if not one:
        return None
    m = r.partitive_group(head)
    return None if m is None else r.completed(found, m.country, m.sector)


def _civilian(r, tok) -> bool:
    """A civilian noun, or a quantity of them ("a number of women", "dozens of residents")."""
    nouns = r.words["civilian_speaker_nouns"]
    if tok.lower_ in nouns or tok.lemma_.lower() in nouns:
        return True
    if tok.lemma_.lower() not in r.words["quantity_nouns"]:
        return False
    return any(p.dep_ == "prep" and p.lower_ == "of" and any(
        o.dep_ == "pobj" and (o.lower_ in nouns or o.lemma_.lower() in nouns) for o in p.children) for p in tok.children)


def _aged(head) -> bool:
    """A name given with an age and nothing else ("Ana Ruiz, 47," / "47-year-old Ana Ruiz"):
    how reports introduce the ordinary people they quote."""
    for c in head.children:
        if c.dep_ == "appos" and c.like_num and not any(g.dep_ == "prep" for g in c.children):
            return True
        if c.dep_ == "amod" and c.lower_ == "old" and c.i < head.i and any(
                g.lower_ in ("year", "years") for g in c.children):
            return True
    return False


def _described_civilian(r, head) -> bool:
    """A civilian noun, or a name the phrase calls a civilian or gives only an age."""
    return _civilian(r, head) or (head.pos_ == "PROPN" and (any(
        c.dep_ in ("compound", "appos") and _civilian(r, c) for c in head.children) or _aged(head)))


def placed_civilians(r, found, head, span):
    """'witnesses said', 'one woman told us', 'local woman Ana, 31': civilians speak from the
    country the document is about, when it clearly is about one (as the actor stage places
    domestic roles); a named one only when the phrase calls them a civilian or gives only
    their age ("Ana Ruiz, 47,"), with no role of their own."""
    if found is not None and found.sector not in (None, "CVL"):
        return None
    if not _described_civilian(r, head):
        return None
    country = r.document_country()
    return None if country is None else r.completed(found, country, "CVL")


def _place_near(r, head, span):
    """The country of the place or state nearest the head inside the speaker's phrase, its
    relative clauses included ("X, 53, who fled Valdora", "residents of Valdora"); None when
    the phrase names none."""
    lo, hi = span
    doc = r.doc
    start, end = doc[lo].idx, doc[hi - 1].idx + len(doc[hi - 1])
    best = None
    for m in r.mentions_in(start, end):
        if not m.country or len(m.country) != 3 or m.members or m.kind not in PLACE_KINDS:
            continue
        gap = abs(m.start - head.idx)
        if best is None or gap < best[0]:
            best = (gap, m.country)
    return None if best is None else best[1]


def civilians_from_a_place(r, found, head, span):
    """'Ana Ruiz, 47, who fled Valdora', 'residents of Valdora': civilians named with the place
    they live in or fled are of that place's country (before the document's country)."""
    if found is not None and found.sector not in (None, "CVL"):
        return None
    if not _described_civilian(r, head):
        return None
    country = _place_near(r, head, span)
    return None if country is None else r.completed(found, country, "CVL")


def local_speakers(r, found, head, span):
    """'local authorities said', 'a local commander told us': "local" places a speaker in the
    place the story is in: a place named in their own phrase, else the country the document
    is clearly about."""
    if (found is not None and found.name) or not any(
            c.dep_ == "amod" and c.lower_ in r.words["local_words"] for c in head.children):
        return None
    country = _place_near(r, head, span) or r.document_country()
    return None if country is None else r.completed(found, country, None)


#: Sectors of a national office ("the defence minister", "the chief prosecutor").
NATIONAL_SECTORS = frozenset({"GOV", "LEG", "JUD", "MIL", "COP"})


def house_country(r, found, head, span):
    """'the defence minister X said', with no country in the text or the knowledge base: a
    national newspaper's unqualified office is its own country's (a foreign one is written
    "Peru's defence minister"), so the publisher's country, when the knowledge base knows it."""
    if found is None or not found.name or found.sector not in NATIONAL_SECTORS | {None} \
            or found.kind not in ("person", "any"):
        return None  # a named person the knowledge base does not know (a bare "the president" may be anyone's)
    doc = r.doc
    spans = [doc[span[0] : span[1]]] + [doc.char_span(m.start, m.end, alignment_mode="expand")
                                        for m in r.mentions_named(found.name)]
    spans = [p for p in spans if p is not None]
    office = r.words["national_office_words"]
    words = [t.lower_ for p in spans for t in p if t.lower_ in office]
    if not words:
        return None  # "director", "spokesman": any body's, not only a government's
    sector = found.sector
    if sector is None:
        # "the shadow home secretary, X": a government or parliament office word's sector (not
        # "an attorney", which a private lawyer is too)
        role = r.kb.actors.index.roles.get((words[0],))
        sector = role.sector if role is not None and role.sector in ("GOV", "LEG") else None
        if sector is None:
            return None
    if any(ent.label_ in ("ORG", "GPE", "NORP", "FAC", "LOC") and ent.text not in found.name
           for p in spans for ent in p.ents):
        return None  # the office is someone's the text names ("the chancellor of the Lakeland province council")
    country = r.house_country()
    return None if country is None else r.completed(found, country, sector)


#: Tried in order on a speaker with no country; the first that finds one decides.
SPEAKER_COUNTRY_RULES = rule_table(
    ("quotes.speaker_country.known_person.v1", known_person),
    ("quotes.speaker_country.phrase_actor.v1", phrase_actor),
    ("quotes.speaker_country.person_spoken_for.v1", person_spoken_for),
    ("quotes.speaker_country.introduced_person.v1", introduced_person),
    ("quotes.speaker_country.earlier_description.v1", earlier_description),
    ("quotes.speaker_country.one_of_a_group.v1", one_of_a_group),
    ("quotes.speaker_country.civilians_from_a_place.v1", civilians_from_a_place),
    ("quotes.speaker_country.placed_civilians.v1", placed_civilians),
    ("quotes.speaker_country.local_speakers.v1", local_speakers),
    ("quotes.speaker_country.house_country.v1", house_country),
)
