"""Parties: which tokens stand for a state or body a relationship can be judged between.

A party is a country code (ISO 3166 alpha-3, or an IGO/regional code such as ``EUR``, ``NAT``)
carried by an actor mention (states, capitals, demonyms, IGOs, organisations and officials with a
country, pronouns resolved by the actor stage, group mentions through their members), or, where no
mention gives one, by a party form of the knowledge ("Sino-", "Brussels") or a demonym inside a
hyphenated compound ("Franco-German"). Places and regions are not parties.
"""

from __future__ import annotations

import bisect
from collections import Counter
from dataclasses import dataclass, field

from ..actors import resolve_phrase
from ..nlp import sentences as doc_sentences
from ..records import Mention

#: Mention kinds that never stand for a party.
NOT_PARTY_KINDS = frozenset({"place", "region"})
#: Pronouns that may stand for the subject of a first coordinated clause.
SUBJECT_PRONOUNS = frozenset({"it", "they", "he", "she"})
#: How many sentences back a pair named earlier still stands for "the relationship".
CONTEXT_SENTENCES = 3


@dataclass(slots=True)
class PartyIndex:
    """Token index -> the countries it stands for, and the mention it belongs to.

    Attributes:
        countries: token index -> country codes (two or more for a group mention).
        mention_at: token index -> the actor mention covering it.
        pair_tokens: token indexes of "the two countries" / "both" phrases with no members.
    """

    countries: dict[int, tuple[str, ...]] = field(default_factory=dict)
    mention_at: dict[int, Mention] = field(default_factory=dict)
    pair_tokens: set[int] = field(default_factory=set)

    def of(self, i: int) -> tuple[str, ...]:
        return self.countries.get(i, ())

    def in_span(self, tokens) -> list[str]:
        """Distinct countries of the given tokens, in token order."""
        seen: list[str] = []
        countries = self.countries
        for i in tokens if isinstance(tokens, range) and tokens.step > 0 else sorted(tokens):
            found = countries.get(i)
            if found:
                seen += [c for c in found if c not in seen]
        return seen


def _mention_countries(m: Mention) -> tuple[str, ...]:
    if m.kind in NOT_PARTY_KINDS:
        return ()
    if m.members:
        return tuple(dict.fromkeys(a.country for a in m.members if a.country))
    return (m.country,) if m.country else ()


def _compound_countries(tokens, akb, actors, cache: dict) -> tuple[str, ...]:
    """Countries of the parts of a hyphenated compound no mention resolved ("Franco-German")."""
    found: list[str] = []
    for tok in tokens:
        word = tok.lower_
        if word not in cache:
            country = akb.party_forms.get(word)
            if country is None and tok.is_alpha and tok.text[:1].isupper():
                res = resolve_phrase(tok.text, kb=actors)
                country = res.country if res is not None and res.kind in ("state", "demonym", "igo") else None
            cache[word] = country
        if cache[word] and cache[word] not in found:
            found.append(cache[word])
    return tuple(found)


def _token_range(starts: list[int], start: int, end: int) -> range:
    """Indexes of the tokens overlapping ``[start, end)`` (``starts``: each token's offset)."""
    first = max(bisect.bisect_right(starts, start) - 1, 0)
    last = bisect.bisect_left(starts, end)
    return range(first, last)


def party_index(doc, mentions, kb, quotes=(), *, lowers: list[str] | None = None,
                starts: list[int] | None = None) -> PartyIndex:
    """The parties of a parsed document, from its actor mentions and the assessment knowledge.

    Inside a quotation, "we"/"us"/"our" stand for the speaker's country; a pronoun subject of a
    coordinated clause the actor stage left unresolved stands for the first clause's subject
    ("Chile has backed Peru for years and it now sees Lima as ...")."""
    akb = kb.assessments
    index = PartyIndex()
    cache: dict[str, str | None] = {}
    if starts is None:
        starts = [t.idx for t in doc]
    for m in mentions:
        tokens = _token_range(starts, m.start, m.end)
        if not tokens:
            continue
        countries = _mention_countries(m)
        if not countries and "-" in m.text and m.kind not in NOT_PARTY_KINDS:
            countries = _compound_countries([doc[i] for i in tokens], akb, kb.actors, cache)
        for i in tokens:
            index.mention_at[i] = m
            if countries:
                index.countries[i] = countries
    lowers = lowers if lowers is not None else [t.lower_ for t in doc]
    for i, word in enumerate(lowers):
        if word not in akb.party_forms:
            continue
        m = index.mention_at.get(i)
        if m is None or m.kind in NOT_PARTY_KINDS or not m.country:
            index.countries[i] = (akb.party_forms[word],)
    _speakers_we(doc, index, akb, quotes)
    _coordinated_pronouns(doc, index, lowers)
    _mark_pairs(doc, index, akb, lowers)
    return index


def _speakers_we(doc, index: PartyIndex, akb, quotes) -> None:
    for q in quotes:
        country = q.speaker.country if q.speaker is not None else None
        if not country:
            continue
        for start, end in q.content_spans:
            span = doc.char_span(start, end, alignment_mode="expand")
            for tok in span if span is not None else ():
                if tok.lower_ in akb["first_plural"] and tok.i not in index.countries:
                    index.countries[tok.i] = (country,)


def _coordinated_pronouns(doc, index: PartyIndex, lowers: list[str]) -> None:
    for i, word in enumerate(lowers):
        if word not in SUBJECT_PRONOUNS or i in index.mention_at:
            continue
        tok = doc[i]
        if tok.dep_ not in ("nsubj", "nsubjpass"):
            continue
        verb = tok.head
        if verb.dep_ != "conj":
            continue
        first = [c for c in verb.head.children if c.dep_ in ("nsubj", "nsubjpass")]
        if first and first[0].i in index.mention_at and first[0].i in index.countries:
            index.mention_at[tok.i] = index.mention_at[first[0].i]
            index.countries[tok.i] = index.countries[first[0].i]


def _mark_pairs(doc, index: PartyIndex, akb, lowers: list[str]) -> None:
    """'the two countries', 'both sides', 'the two': a pair of parties named earlier."""
    groups, pair = akb["dyad_group_nouns"], akb["pair_words"]
    for i, word in enumerate(lowers):
        if i in index.countries or (word not in groups and word not in pair):
            continue
        tok = doc[i]
        if word in groups and any(c.lower_ in pair for c in tok.children):
            index.pair_tokens.add(i)
        elif word in pair and tok.pos_ in ("NOUN", "PRON", "NUM") and tok.dep_ in ("nsubj", "nsubjpass", "pobj", "dobj"):
            index.pair_tokens.add(i)


@dataclass(slots=True)
class PairContext:
    """Pairs of parties named so far, by sentence, for judgements that name neither party."""

    by_sentence: dict[int, list[tuple[str, str]]] = field(default_factory=dict)
    counts: Counter = field(default_factory=Counter)

    def add(self, sent_index: int, pair: tuple[str, str]) -> None:
        self.by_sentence.setdefault(sent_index, []).append(pair)
        self.counts[pair] += 1

    def recent(self, sent_index: int, containing: str | None = None) -> tuple[str, str] | None:
        """The latest pair named in this sentence or the few before it (with ``containing`` in it)."""
        for k in range(sent_index, sent_index - CONTEXT_SENTENCES - 1, -1):
            for pair in reversed(self.by_sentence.get(k, ())):
                if containing is None or containing in pair:
                    return pair
        return None

    def main(self, containing: str | None = None) -> tuple[str, str] | None:
        """The pair named most often in the document (with ``containing`` in it)."""
        for pair, _ in self.counts.most_common():
            if containing is None or containing in pair:
                return pair
        return None


def sorted_pair(a: str, b: str) -> tuple[str, str]:
    return (a, b) if a <= b else (b, a)


def pair_context(doc, index: PartyIndex, sents=None) -> PairContext:
    """Every pair a sentence names: group mentions of two and coordinations of two parties."""
    sents = list(doc_sentences(doc)) if sents is None else sents
    starts = [s.start for s in sents]
    found: dict[int, set[tuple[str, str]]] = {}
    for i in sorted(index.countries):
        countries = index.countries[i]
        k = bisect.bisect_right(starts, i) - 1
        seen = found.setdefault(k, set())
        if len(countries) == 2:
            seen.add(sorted_pair(*countries))
        others = [c for c in doc[i].children if c.dep_ == "conj" and c.i in index.countries]
        for a in countries if len(others) == 1 else ():
            seen.update(sorted_pair(a, b) for b in index.countries[others[0].i] if a != b)
    context = PairContext()
    for k in sorted(found):
        for pair in sorted(found[k]):
            context.add(k, pair)
    return context
