"""Speakers: from a cue's source token to the speaker phrase and its resolved actor.

Resolution order for a phrase: the actor mention containing its head; for coordinations and
appositions ("the two auditors - A and B") the mentions of each named part, combined; for
pronouns and demonstrative descriptions without a resolved mention, the most recent compatible
speaker or person mention; otherwise an actor with the local text only (never a guess).
Where the actor stage has not resolved a named part, the parser's entity text stands in as the
name (code, country and sector stay None).
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass

from ..actors.document import MIN_DOCUMENT_COUNTRY_MENTIONS, clear_country
from ..knowledge.entries import STATE_KINDS, actor_code
from ..nlp import entities as doc_entities
from ..records import Actor, Mention
from .described import SPEAKER_COUNTRY_RULES

_NAME_LABELS = {"PERSON": "person", "ORG": "organization", "GPE": "organization", "NORP": "organization",
                "FAC": "organization"}
_TRIM_DEPS = {"punct", "cc"}
_MAX_PHRASE_TOKENS = 40
#: Kinds of mention whose country says where a document is.
PLACE_KINDS = STATE_KINDS | {"place"}


@dataclass(frozen=True, slots=True)
class _Resolved:
    """What a speaker phrase stands for, before it is pinned to a local span."""

    name: str | None
    code: str | None
    country: str | None
    sector: str | None
    former: bool
    number: str  # "sg" or "pl"
    kind: str  # "person", "organization", "any"


def _ends_with_words(text: str, words: str) -> bool:
    """Whether ``text`` ends with ``words`` as whole words ("the foreign ministry", "ministry")."""
    return text == words or text.endswith(" " + words)


def _wordy(tok) -> bool:
    return any(ch.isalnum() for ch in tok.text)


def _linked(tok, head, link_deps) -> bool:
    """True when ``tok`` hangs off ``head`` through appositions and coordination only
    (``link_deps``; not through a relative clause or a prepositional phrase)."""
    for _ in range(8):
        if tok.i == head.i:
            return True
        if tok.dep_ not in link_deps or tok.head.i == tok.i:
            return False
        tok = tok.head
    return False


def _common(values):
    values = set(values)
    return values.pop() if len(values) == 1 else None


def _combine(parts: list[_Resolved]) -> _Resolved | None:
    parts = [p for p in parts if p is not None]
    if not parts:
        return None
    if len(parts) == 1:
        return parts[0]
    names = [p.name for p in parts if p.name]
    return _Resolved(
        name=" and ".join(dict.fromkeys(names)) or None,
        code=_common(p.code for p in parts),
        country=_common(p.country for p in parts),
        sector=_common(p.sector for p in parts),
        former=False,
        number="pl",
        kind=_common(p.kind for p in parts) or "any",
    )


def _from_mention(m: Mention) -> _Resolved | None:
    if m.members:
        return _combine([_Resolved(a.name, a.code, a.country, a.sector, a.former, "sg",
                                   "person" if a.sector is None and a.name and " " in a.name else "any")
                         for a in m.members])
    if m.name is None and m.code is None:
        return None
    kind = "person" if m.kind == "person" else ("organization" if m.kind != "pronoun" else "any")
    return _Resolved(m.name, m.code, m.country, m.sector, m.former, "sg", kind)


class SpeakerResolver:
    """Resolves speakers of one document; remembers earlier speakers for pronouns.

    Call :meth:`resolve` in document order of the attributions.
    """

    def __init__(self, doc, mentions: Sequence[Mention], kb, *, publisher: str | None = None):
        self.doc = doc
        self.kb = kb
        self.publisher = publisher
        self._house: str | None = None
        self.source_nouns = kb.quotes.source_nouns
        self.pronouns = kb.quotes.pronouns
        self.words = words = kb.lexicon
        self._link_deps = words["apposition_link_deps"]
        self._relative = words["relative_pronouns"]
        # pronouns never linked to an earlier speaker: relative ones (they stand for the noun
        # they modify) and the speech participants
        self._unlinked = words["relative_pronouns"] | words["speech_participant_pronouns"]
        self._group_determiners = words["group_determiners"]
        self.mentions = sorted(mentions, key=lambda m: (m.start, -m.end))
        self._starts = [m.start for m in self.mentions]
        self._ents = {}
        self._ent_list = list(doc_entities(doc))  # Doc.ents builds new spans on every access
        labels = [ent.label_ for ent in self._ent_list]
        for ent, label in zip(self._ent_list, labels):
            if label in _NAME_LABELS:
                for i in range(ent.start, ent.end):
                    self._ents[i] = ent
        self._person_ents = [ent for ent, label in zip(self._ent_list, labels) if label == "PERSON"]
        # (char position, resolved) of earlier speakers and person names, for pronoun linking.
        self._history: list[tuple[int, _Resolved]] = []
        # Person mentions (resolved by the actor stage) and, where none covers them, the parser's
        # PERSON entities.
        persons = [(m.start, _Resolved(m.name, m.code, m.country, m.sector, m.former, "sg", "person"))
                   for m in self.mentions if m.kind == "person" and (m.name or m.code)]
        covered = {m.start for m in self.mentions if m.kind == "person"}
        for ent in self._person_ents:
            if self._mention_at(ent.root) is None and ent.start_char not in covered:
                persons.append((ent.start_char, _Resolved(ent.text, None, None, None, False, "sg", "person")))
        self._persons = sorted(persons, key=lambda pr: pr[0])
        self._person_starts = [p for p, _ in self._persons]
        self.definite = words["definite_determiners"]
        self._document_country: str | None = None
        # (char position, head word, resolution) of speakers resolved with a country so far.
        self._spoken: list[tuple[int, str, _Resolved]] = []
        # Name and surname -> the person's resolution with a country (None where two disagree).
        self._known: dict[str, _Resolved | None] = {}
        for m in self.mentions:
            if (m.kind == "person" or m.kind == "pronoun" and "pronoun:person" in m.rule) \
                    and m.name and m.country and not m.members:
                self._learn(m.name, _Resolved(m.name, m.code, m.country, m.sector, m.former, "sg", "person"))

    # ----- speakers without a country (:mod:`.described`) -----------------------------------
    def _learn(self, name: str, r: _Resolved, *, surname: bool = True) -> None:
        for key in {name, name.split()[-1]} if surname else {name}:
            if len(key) < 3:
                continue
            old = self._known.get(key, r)
            self._known[key] = r if old is not None and old.country == r.country else None

    def known(self, name: str) -> _Resolved | None:
        """The person of that name or surname resolved with a country in this document."""
        r = self._known.get(name)
        if r is None and " " in name:
            r = self._known.get(name.split()[-1])
        return r

    def mention_at(self, tok) -> Mention | None:
        return self._mention_at(tok)

    def house_country(self) -> str | None:
        """The country of the article's publisher, where the knowledge base knows it."""
        if self._house is None:
            from ..actors import resolve_phrase

            res = resolve_phrase(self.publisher, kb=self.kb) if self.publisher else None
            self._house = res.country if res is not None and res.country and len(res.country) == 3 else ""
        return self._house or None

    def document_country(self) -> str | None:
        """The country the document is clearly about: states, seats, places and demonyms naming
        it at least three times, twice as often as any other (None otherwise)."""
        if self._document_country is None:
            counts: dict[str, int] = {}
            for m in self.mentions:
                if m.country and len(m.country) == 3 and not m.members and m.kind in PLACE_KINDS:
                    counts[m.country] = counts.get(m.country, 0) + 1
            self._document_country = clear_country(counts, minimum=MIN_DOCUMENT_COUNTRY_MENTIONS) or ""
        return self._document_country or None

    def mentions_named(self, name: str) -> list[Mention]:
        """Person mentions of the document resolved to ``name``."""
        return [m for m in self.mentions if m.kind == "person" and m.name == name]

    def mentions_in(self, start: int, end: int) -> list[Mention]:
        """Mentions lying inside characters ``start``..``end``."""
        k = bisect.bisect_left(self._starts, start)
        out = []
        for m in self.mentions[k:]:
            if m.start >= end:
                break
            if m.end <= end:
                out.append(m)
        return out

    def described_before(self, pos: int, noun: str) -> _Resolved | None:
        """The nearest earlier non-person actor with a country whose text ends in ``noun``, or
        the nearest earlier speaker with a country whose head is ``noun`` ("the Peruvian
        report says ... the report says")."""
        k = bisect.bisect_left(self._starts, pos)
        found = None
        for m in reversed(self.mentions[:k]):
            if m.country and not m.members and m.kind not in ("pronoun", "place") \
                    and m.kind not in STATE_KINDS and _ends_with_words(m.text.lower(), noun):
                found = (m.start, _Resolved(m.name, m.code, m.country, m.sector, m.former, "sg", "organization"))
                break
        for at, head_noun, r in reversed(self._spoken):
            if at < pos and _ends_with_words(head_noun, noun):
                if found is None or at > found[0]:
                    found = (at, r)
                break
        return None if found is None else found[1]

    def name_before(self, cue, *, limit: tuple[int, int] | None = None):
        """The last token of a named actor mention right before ``cue`` that opens its clause
        ("X, however, suggests ...", '"...," X said'), for a cue the parse gave no subject
        (it sometimes reads such a name as an adverb); only punctuation and adverbs between the
        name and the cue, and a sentence start or punctuation before the name; never inside
        ``limit`` (the quotation). None when there is none."""
        doc = self.doc
        j = cue.i - 1
        while j >= 0 and cue.i - j <= 6 and (doc[j].is_punct or (doc[j].pos_ == "ADV" and doc[j].is_lower)):
            j -= 1
        if j < 0 or cue.pos_ not in ("VERB", "AUX") or limit is not None and limit[0] <= j < limit[1]:
            return None
        m = self._mention_at(doc[j])
        if m is None and doc[j].is_title and self._known.get(doc[j].text):
            k = j  # a surname of a person named earlier, which the actor stage did not see as a name
        else:
            if m is None or m.end != doc[j].idx + len(doc[j]) or not m.name \
                    or m.kind not in self.words["named_source_mention_kinds"]:
                return None
            first = doc.char_span(m.start, m.end, alignment_mode="expand")
            if first is None or limit is not None and limit[0] <= first.start < limit[1]:
                return None
            k = first.start
        if k == 0 or doc[k].is_sent_start or doc[k - 1].is_punct or "\n" in doc[k - 1].text_with_ws:
            return doc[j]
        return None

    def partitive_group(self, head) -> Mention | None:
        """The nearest plural group of people with a country in the sentence of ``head`` or the
        two before ("Four Peruvian officials spoke to us. One said ...")."""
        sent = head.sent
        first = sent.start
        for _ in range(2):
            if first == 0:
                break
            first = self.doc[first - 1].sent.start
        lo = self.doc[first].idx
        k = bisect.bisect_left(self._starts, head.idx)
        for m in reversed(self.mentions[:k]):
            if m.start < lo:
                return None
            if m.country and not m.members and m.name is None and m.kind in ("person", "organization") \
                    and m.text.lower().endswith("s"):
                return m
        return None

    def completed(self, found: _Resolved | None, country: str, sector: str | None, name: str | None = None
                  ) -> _Resolved:
        """``found`` (or a bare actor) with the country, and the sector where it has none."""
        if found is None:
            return _Resolved(name, actor_code(country, sector), country, sector, False, "sg", "any")
        sector = found.sector or sector
        return _Resolved(found.name or name, actor_code(country, sector), country, sector, found.former,
                         found.number, found.kind)

    def _complete(self, found: _Resolved | None, head, span: tuple[int, int]) -> _Resolved | None:
        for rule in SPEAKER_COUNTRY_RULES:
            r = rule.func(self, found, head, span)
            if r is not None and r.country:
                return r
        return found

    # ----- phrases -------------------------------------------------------------------------
    def phrase(self, head, *, limit: tuple[int, int] | None = None) -> tuple[int, int]:
        """Token range ``[start, end)`` of the speaker phrase headed by ``head``.

        The subject's whole subtree (PolNeAR sources include appositions and relative clauses),
        cut at ``limit`` (a token range it must stay outside of, e.g. the quotation) and
        trimmed of edge punctuation.
        """
        start, end = head.left_edge.i, head.right_edge.i + 1
        if limit is not None:
            lo, hi = limit
            if start < lo <= head.i:
                pass
            elif head.i < lo < end:
                end = lo
            if start < hi <= head.i:
                start = hi
        if end - start > _MAX_PHRASE_TOKENS:
            start, end = max(start, head.i - 6), min(end, head.i + 1)
        doc = self.doc
        # Never across a paragraph break.
        for k in range(head.i - 1, start - 1, -1):
            if "\n" in doc[k].text_with_ws:
                start = k + 1
                break
        for k in range(head.i, end - 1):
            if "\n" in doc[k].text_with_ws:
                end = k + 1
                break
        while end - 1 > head.i and (doc[end - 1].dep_ in _TRIM_DEPS or not _wordy(doc[end - 1])):
            end -= 1
        while start < head.i and (doc[start].dep_ in _TRIM_DEPS or not _wordy(doc[start])):
            start += 1
        return start, end

    # ----- resolution ----------------------------------------------------------------------
    def _mention_at(self, tok) -> Mention | None:
        """The narrowest mention containing token ``tok``."""
        pos = tok.idx
        k = bisect.bisect_right(self._starts, pos)
        best = None
        for m in self.mentions[max(0, k - 20) : k]:
            if m.start <= pos < m.end and (best is None or m.end - m.start < best.end - best.start):
                best = m
        return best

    def _unit(self, tok) -> _Resolved | None:
        m = self._mention_at(tok)
        if m is not None:
            r = _from_mention(m)
            if r is not None:
                return r
        ent = self._ents.get(tok.i)
        if ent is not None:
            return _Resolved(ent.text, None, None, None, False, "sg", _NAME_LABELS[ent.label_])
        if tok.is_title and tok.pos_ not in ("PROPN", "PRON", "DET") and self._known.get(tok.text):
            return self._known[tok.text]  # a known surname the parser took for another word
        if tok.pos_ == "PROPN" and tok.is_alpha and tok.dep_ not in ("compound", "poss"):
            # A proper name the parser did not tag as an entity: its compound run is the name.
            s = tok.i
            while s > 0 and self.doc[s - 1].dep_ in ("compound", "punct", "flat") \
                    and (self.doc[s - 1].pos_ == "PROPN" or self.doc[s - 1].text in "-‐") \
                    and self.doc[s - 1].head.i in range(s, tok.i + 1):
                s -= 1
            if self.doc[s].pos_ == "PROPN":
                return _Resolved(self.doc[s : tok.i + 1].text, None, None, None, False, "sg", "any")
        return None

    def _resolve_head(self, head, depth: int = 0) -> _Resolved | None:
        """The actor(s) a noun phrase names: its head, its coordinated heads, its apposition
        ("the port director, Ines Valdes"), or a name modifying an outlet noun
        ("the weekly Kestrel news portal"; not "the Ohio mayor"). A name found in an apposition or a modifier
        completes a head mention that has only a code."""
        unit = self._unit(head)
        if unit is None or unit.name is None:
            named = None
            if depth < 4:
                for c in head.children:
                    if c.dep_ == "appos":
                        named = self._resolve_head(c, depth + 1)
                        if named is not None:
                            break
            if named is None and head.pos_ == "NOUN" and head.lemma_.lower() in self.source_nouns:
                for c in self.doc[head.left_edge.i : head.i]:
                    if c.pos_ == "PROPN" and c.is_alpha and c.dep_ in ("compound", "nmod", "amod") \
                            and _linked(c, head, self._link_deps):
                        named = self._unit(c)
                        if named is None or named.name is None:
                            ent = self._ents.get(c.i)
                            named = _Resolved(ent.text if ent is not None and ent.root.i < head.i else c.text,
                                              None, None, None, False, "sg", "organization")
                        break
            if named is not None:
                unit = named if unit is None else _Resolved(
                    named.name, named.code or unit.code, named.country or unit.country,
                    named.sector or unit.sector, named.former or unit.former, named.number, named.kind)
        parts = [unit]
        for c in head.children:
            if c.dep_ == "conj":
                parts.append(self._resolve_head(c, depth + 1) if depth < 4 else self._unit(c))
        found = _combine(parts)
        if found is not None and head.tag_ in ("NNS", "NNPS") and found.number == "sg":
            found = _Resolved(found.name, found.code, found.country, found.sector, found.former, "pl", found.kind)
        return found

    def _antecedent(self, pos: int, number: str, kind: str) -> _Resolved | None:
        candidates = [(p, r) for p, r in self._history if p < pos]
        if kind == "person" and number == "sg":
            k = bisect.bisect_left(self._person_starts, pos)
            candidates += self._persons[max(0, k - 5) : k]
        candidates.sort(key=lambda pr: pr[0])
        for _, r in reversed(candidates):
            if number != "any" and r.number != number:
                continue
            if kind != "any" and r.kind not in (kind, "any"):
                continue
            return r
        return None

    def resolve(self, head, *, limit: tuple[int, int] | None = None, span: tuple[int, int] | None = None) -> Actor:
        """The speaker :class:`Actor` for the phrase headed by token ``head``.

        Args:
            head: Head token of the speaker phrase.
            limit: Token range the phrase must not run into (the quotation itself).
            span: Token range to use as the local mention instead of the head's subtree.
        """
        doc = self.doc
        s, e = span if span is not None else self.phrase(head, limit=limit)
        local = doc[s:e]
        low = head.lower_
        resolved: _Resolved | None = None
        pron = self.pronouns.get(low) if head.pos_ in ("PRON", "DET") else None
        if pron is not None:
            m = self._mention_at(head)
            resolved = _from_mention(m) if m is not None else None
            if resolved is None and head.dep_ in ("nsubj", "nsubjpass") and head.head.dep_ == "relcl" \
                    and low in self._relative:
                resolved = self._resolve_head(head.head.head)
            if resolved is None and low not in self._unlinked:
                resolved = self._antecedent(head.idx, pron.number, pron.refers_to)
        else:
            resolved = self._resolve_head(head)
            if resolved is None:
                names = [self._unit(doc[ent.start]) for ent in self._person_ents
                         if s <= ent.start and ent.end <= e
                         and _linked(ent.root, head, self._link_deps)]
                resolved = _combine([_Resolved(r.name, r.code, r.country, r.sector, r.former, "sg", "person")
                                     for r in names if r is not None])
            if resolved is None and head.tag_ in ("NNS", "NNPS") and any(
                c.lower_ in self._group_determiners and c.dep_ == "det" for c in head.children
            ):
                resolved = self._antecedent(head.idx, "pl", "any")
            if resolved is not None and head.tag_ in ("NNS", "NNPS") and resolved.number == "sg" \
                    and self._mention_at(head) is None:
                resolved = _Resolved(resolved.name, resolved.code, resolved.country, resolved.sector,
                                     resolved.former, "pl", resolved.kind)
        if resolved is None or not resolved.country:
            resolved = self._complete(resolved, head, (s, e))
        if resolved is not None and resolved.country:
            if resolved.name and resolved.number == "sg" and (resolved.kind in ("person", "any") or head.pos_ == "PROPN"):
                # a name the parser did not take for a person's still names one ("local woman Ana")
                self._learn(resolved.name, resolved, surname=resolved.kind == "person" or " " not in resolved.name)
            if head.pos_ == "NOUN":
                self._spoken.append((head.idx, doc[max(s, head.left_edge.i) : head.i + 1].text.lower(), resolved))
        if resolved is not None:
            number = resolved.number
            if pron is not None and pron.number in ("sg", "pl"):
                number = pron.number
            self._history.append((head.idx, _Resolved(resolved.name, resolved.code, resolved.country,
                                                     resolved.sector, resolved.former, number, resolved.kind)))
            return Actor(local.text, resolved.name, resolved.code, resolved.country, resolved.sector,
                         local.start_char, local.end_char, resolved.former)
        if pron is None:
            number = "pl" if head.tag_ in ("NNS", "NNPS") else "sg"
            self._history.append((head.idx, _Resolved(None, None, None, None, False, number, "any")))
        return Actor(local.text, None, None, None, None, local.start_char, local.end_char)

    def remember(self, actor: Actor, pos: int) -> None:
        """Record an inherited speaker as the latest one (continuation quotes)."""
        if actor.name or actor.code:
            self._history.append((pos, _Resolved(actor.name, actor.code, actor.country, actor.sector,
                                                 actor.former, "pl" if " and " in (actor.name or "") else "sg",
                                                 "any")))
