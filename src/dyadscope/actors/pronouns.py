"""Pronouns and dyad phrases: what "he", "it", "they", "we", "both sides" and "the two" stand for.

* Dyad phrases ("the two countries", "both", "the two", "both sides") -> a group of the two most
  recent distinct states within the last sentences (or, for "sides", the last two actors).
* it/its and they/them/their -> first the subject of the pronoun's own or a governing clause
  ("the Danes were seen as siding with Norway because they ..."; a coordinated subject
  "Chile and Peru ... their" is a group), then, for "they", the subject of the previous
  sentence's main clause.
* we/us/our -> the state or organisation (or an official's country) that says the sentence.
* he/she/him/her/his -> the most recent person (named, or one resolved role: "the Peruvian
  ambassador") within three sentences, skipping people
  named inside a quotation the pronoun is not in; from an earlier sentence, its main subject
  when that is one of its people (an earlier "he" counts as the person it stands for).
* Failing the subject, it/its -> a state only when exactly one state precedes it in the same
  sentence, and they/them/their -> the most recent plural actor (a group, a plural demonym, a
  plural role, or coordinated people) in the same or previous sentence.

:data:`PRONOUN_RULES` are tried in order for each such word; the first that applies decides.
Every mention resolved this way records the start offset of its antecedent.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field, replace

from ..knowledge.entries import BODY_KINDS, STATE_KINDS
from ..nlp import sentences as doc_sentences
from ..records import Mention
from ..rules import rule_table
from .context import ActorContext

#: Kinds "it"/"its" may stand for: a state (not a demonym: "the Danes") or a body.
IT_KINDS = (STATE_KINDS - {"demonym"}) | BODY_KINDS
#: Kinds of actors "the two sides" may stand for when they are not two states.
PARTY_KINDS = STATE_KINDS | BODY_KINDS | {"person"}
#: Singular actors: one of them nearer than a plural one makes "they" unsafe.
SINGULAR_KINDS = frozenset({"state", "person", "capital"}) | BODY_KINDS
#: Sectors of officials whose "we" is the body they speak for.
SPEAKING_SECTORS = frozenset({"GOV", "MIL", "LEG", "IGO"})


def copy_mention(m: Mention, start: int, end: int, text: str, kind: str, rule: str) -> Mention:
    """A new mention at ``start``..``end`` resolved as ``m`` (its antecedent)."""
    return Mention(start=start, end=end, text=text, name=m.name, code=m.code, country=m.country, sector=m.sector,
                   kind=kind, antecedent=m.start, members=m.members, rule=rule, former=m.former,
                   state_owned=m.state_owned)


def sentence_of(starts: list[int], offset: int) -> int:
    """The index of the sentence (by start offsets) that contains ``offset``."""
    return max(0, bisect_right(starts, offset) - 1) if starts else 0


def is_plural_mention(m: Mention) -> bool:
    if m.kind == "group":
        return True
    low = m.text.lower()
    if m.kind == "demonym":
        return low.endswith("s") or low.endswith("ese")
    return m.kind in ("person", "organization") and m.name is None and (low.endswith("s") or low.endswith("police"))


_DOUBLE_MARKS = re.compile('[\u201c\u201d"\n]')


def quoted_spans(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each stretch between double quotation marks, never across a paragraph
    break (curly marks pair open with close; straight ones alternate), in text order."""
    spans, opened = [], None
    for m in _DOUBLE_MARKS.finditer(text):
        ch, i = m.group(), m.start()
        if ch == "\n":
            opened = None
        elif ch == "\u201c" or (ch == '"' and opened is None):
            opened = i
        elif opened is not None:
            spans.append((opened, i + 1))
            opened = None
    return spans


@dataclass
class Scene:
    """The mentions a pronoun of one document may refer to, and the document around them.

    Attributes:
        mentions: The mentions so far (named ones, plus coordinated-people groups), by start.
        taken: Their spans; a dyad phrase already a mention is not added twice.
        role_offsets: Character offsets of role nouns ("forces", "government"): a possessive
            pronoun on one ("moved their troops") is resolved even in its subject's own clause.
    """

    ctx: ActorContext
    doc: object
    text: str
    sent_starts: list[int]
    mentions: list[Mention]
    role_offsets: frozenset[int] = frozenset()
    starts: list[int] = field(init=False)
    max_end: list[int] = field(init=False)
    taken: set[tuple[int, int]] = field(init=False)
    _sents: list | None = field(default=None, init=False)
    _quoted: list | None = field(default=None, init=False)
    #: he/she mentions resolved so far, in document order ("He ... he": the second may take the first).
    person_chain: list[Mention] = field(default_factory=list, init=False)

    def __post_init__(self) -> None:
        self.mentions = sorted(self.mentions, key=lambda m: m.start)
        self.starts = [m.start for m in self.mentions]
        self.taken = {(m.start, m.end) for m in self.mentions}
        running, self.max_end = -1, []
        for m in self.mentions:
            running = max(running, m.end)
            self.max_end.append(running)

    def inside_mention(self, offset: int) -> bool:
        k = bisect_right(self.starts, offset) - 1
        return k >= 0 and offset < self.max_end[k]

    def mention_at(self, tok) -> Mention | None:
        """The mention covering token ``tok`` (among the three starting last before it)."""
        top = bisect_right(self.starts, tok.idx) - 1
        for k in range(top, max(top - 3, -1), -1):
            if self.mentions[k].start <= tok.idx < self.mentions[k].end:
                return self.mentions[k]
        return None

    def before(self, offset: int):
        """Mentions starting before ``offset``, nearest first."""
        for k in range(bisect_left(self.starts, offset) - 1, -1, -1):
            yield self.mentions[k]

    def sentence(self, offset: int) -> int:
        return sentence_of(self.sent_starts, offset)

    def quotation_at(self, offset: int) -> int | None:
        """Start of the quotation (between double marks, within a paragraph) holding ``offset``."""
        if self._quoted is None:
            self._quoted = quoted_spans(self.text)
        k = bisect_right(self._quoted, (offset, len(self.text) + 1)) - 1
        if k >= 0 and self._quoted[k][0] <= offset < self._quoted[k][1]:
            return self._quoted[k][0]
        return None

    def is_main_subject(self, m: Mention) -> bool:
        """Whether mention ``m`` is the subject of its sentence's main verb (or apposed to it)."""
        span = self.doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None or not len(span):
            return False
        root = span.root
        if root.dep_ == "appos":
            root = root.head
        return root.dep_ in self.ctx.words.subject_deps and root.head.dep_ == "ROOT"

    def previous_roots(self, cur: int) -> list:
        """The ROOT tokens of sentence ``cur - 1``."""
        if self._sents is None:
            self._sents = list(doc_sentences(self.doc))
        return [t for t in self._sents[cur - 1] if t.dep_ == "ROOT"]


def governing_subjects(ctx: ActorContext, tok, *, max_steps: int = 6):
    """Subjects of the clauses governing ``tok``, nearest clause first (never ``tok``'s own phrase)."""
    words = ctx.words
    node = tok
    for _ in range(max_steps):
        if node.head is node:
            return
        child, node = node, node.head
        if node.pos_ not in ("VERB", "AUX") and node.dep_.lower() not in words.governing_clause_deps:
            continue
        for c in node.children:
            if c.dep_ in words.subject_deps and c is not child and not (c.left_edge.i <= tok.i <= c.right_edge.i):
                yield node, c
        if node.dep_ == "relcl":
            return  # the head noun of a relative clause is not a clause subject


# --- dyads -------------------------------------------------------------------------------------


def _recent_dyad(s: Scene, before: int, cur: int) -> list[Mention]:
    """The dyad a "the two countries" refers to: two distinct states named in the last two sentences.

    Among the states of that window, the two most mentioned in the document so far win (the
    window counts double), ties going to the most recent; a two-member group in the window
    ("Chile-Peru") is taken as it is when it is the nearest state-level mention.
    """
    window: dict[str, Mention] = {}
    counts: dict[str, int] = {}
    for m in s.before(before):
        in_window = s.sentence(m.start) >= cur - 2
        if in_window and m.kind == "group" and m.members and len({a.country for a in m.members}) == 2 and not window:
            return [m]
        if m.kind in STATE_KINDS and m.country:
            counts[m.country] = counts.get(m.country, 0) + (3 if in_window else 1)
            if in_window:
                window.setdefault(m.country, m)
    if len(window) < 2:
        return []
    ranked = sorted(window, key=lambda c: (-counts[c], -window[c].start))[:2]
    return sorted((window[c] for c in ranked), key=lambda m: m.start)


def _recent_parties(s: Scene, before: int, cur: int) -> list[Mention]:
    """"The two sides" after two actors that are not two states ("the army ... the rebels"):
    the two most recent distinct resolved actors of the current or previous sentence."""
    found: dict[str, Mention] = {}
    for m in s.before(before):
        if s.sentence(m.start) < cur - 1:
            break
        if m.kind not in PARTY_KINDS or not (m.code or m.country) or m.antecedent is not None:
            continue
        found.setdefault(m.name or m.code or m.country, m)
        if len(found) == 2:
            break
    if len(found) < 2:
        return []
    return sorted(found.values(), key=lambda m: m.start)


def _dyad_span(s: Scene, tok, low: str) -> tuple[int, int, str | None] | None:
    """``(start, end, dyad noun)`` of "the two [countries]" / "both [sides]" at ``tok``, or None."""
    doc, words = s.doc, s.ctx.words
    if low == "two" and not (tok.i > 0 and doc[tok.i - 1].lower_ == "the"):
        return None
    if low == "both" and (tok.dep_ == "preconj" or tok.i > 0 and doc[tok.i - 1].lower_ in words.plural_capable_pronouns):
        return None  # "both Chile and Peru", "they both": no actor of its own
    nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
    noun = nxt.lower_ if nxt is not None and nxt.lower_ in words.dyad_nouns else None
    start = doc[tok.i - 1].idx if low == "two" else tok.idx
    end = tok.idx + len(tok.text)
    if noun is not None:
        end = nxt.idx + len(nxt.text)
    elif nxt is not None and nxt.pos_ in ("NOUN", "PROPN", "NUM", "ADJ"):
        return None  # "two days", "both Chile and Peru"
    elif low == "both" and tok.dep_ not in words.dyad_both_deps:
        return None
    if low == "both" and tok.dep_ in ("advmod", "det") and noun is None:
        return None  # "are both": floating quantifier of a subject, not an actor itself
    return start, end, noun


def dyad_phrase(s: Scene, tok, low: str, cur: int) -> Mention | None:
    """'the two countries', 'both sides', 'the two': a group of the two actors named just before."""
    if low not in ("both", "two"):
        return None
    span = _dyad_span(s, tok, low)
    if span is None:
        return None
    start, end, noun = span
    pair = _recent_dyad(s, start, cur)
    if not pair and (noun is None or noun in s.ctx.words.party_nouns):
        pair = _recent_parties(s, start, cur)
    if not pair or (start, end) in s.taken:
        return None
    members = pair[0].members if len(pair) == 1 else tuple(m.as_actor() for m in pair)
    return Mention(start=start, end=end, text=s.text[start:end], name=None, code=None, country=None, sector=None,
                   kind="group", antecedent=pair[0].start, members=members, rule="coref:dyad")


def _recent_people(s: Scene, before: int, cur: int) -> list[Mention]:
    """The two named people of the last three sentences, when there are exactly two and both have a country."""
    found: dict[str, Mention] = {}
    for m in s.before(before):
        if s.sentence(m.start) < cur - 2:
            break
        if m.kind == "person" and m.name:
            found.setdefault(m.name, m)
    if len(found) != 2 or not all(m.country for m in found.values()):
        return []
    return sorted(found.values(), key=lambda m: m.start)


def person_pair(s: Scene, tok, low: str, cur: int) -> Mention | None:
    """'the two men', 'both leaders', 'the pair': a group of the two people named just before.

    Only when the current and two previous sentences name exactly two people, each with a
    country; the group takes their code when they share one ("the two Chilean ministers").
    """
    doc, words = s.doc, s.ctx.words
    prev = doc[tok.i - 1] if tok.i > 0 else None
    if low == "pair":
        if prev is None or prev.lower_ != "the":
            return None
        start, end = prev.idx, tok.idx + len(tok.text)
    elif low in ("two", "both"):
        nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
        if nxt is None or nxt.lower_ not in words.person_dyad_nouns:
            return None
        if low == "two" and (prev is None or prev.lower_ != "the"):
            return None
        start, end = (prev.idx if low == "two" else tok.idx), nxt.idx + len(nxt.text)
    else:
        return None
    pair = _recent_people(s, start, cur)
    if not pair or (start, end) in s.taken:
        return None
    members = tuple(m.as_actor() for m in pair)
    codes = {a.code for a in members}
    shared = next(iter(codes)) if len(codes) == 1 else None
    country, sector = (pair[0].country, pair[0].sector) if shared else (None, None)
    return Mention(start=start, end=end, text=s.text[start:end], name=None, code=shared, country=country,
                   sector=sector, kind="group", antecedent=pair[0].start, members=members, rule="coref:person-pair")


# --- pronouns ----------------------------------------------------------------------------------


def _coordinated_subject(s: Scene, subj, first: Mention | None, conj: list) -> Mention | None:
    """"Chile and Peru said they ...": the coordinated subject as one group, when every part is an actor."""
    parts = [x for x in (first, *(s.mention_at(c) for c in conj)) if x is not None and (x.country or x.members)]
    if len(parts) != len(conj) + 1:
        return None
    members = tuple({(a.start, a.end): a for x in parts for a in (x.members or (x.as_actor(),))}.values())
    end = max(x.end for x in parts)
    return Mention(start=parts[0].start, end=end, text=s.text[parts[0].start:end], name=None, code=None,
                   country=None, sector=None, kind="group", members=members, rule="group:coordinated-subject")


def _subject_actor(s: Scene, subj, tok, plural: bool) -> Mention | None:
    """The mention a clause subject stands for, if it agrees with the pronoun ``tok``."""
    words = s.ctx.words
    m = s.mention_at(subj)
    conj = [c for c in subj.conjuncts if c.i > subj.i]
    if plural and conj:
        return _coordinated_subject(s, subj, m, conj)
    if m is None or conj or (m.antecedent is not None and m.kind == "pronoun" and m.start >= tok.idx):
        return None
    if not (m.country or m.members or m.code):
        return None
    if plural:
        return m if is_plural_mention(m) or (m.kind == "pronoun" and m.text.lower() in words.plural_pronouns) else None
    if m.kind == "pronoun" and m.text.lower() in words.body_pronouns:
        return m
    if m.kind not in IT_KINDS or is_plural_mention(m):
        return None
    # another singular body of a different country between them makes "it" ambiguous
    for o in s.before(tok.idx):
        if o.start <= m.start:
            break
        if o.kind in IT_KINDS and o.country and o.country != m.country and not is_plural_mention(o):
            return None
    return m


def _subject_antecedent(s: Scene, tok, plural: bool, cur: int) -> Mention | None:
    """The nearest governing clause's subject; for "they", else the previous sentence's main subject."""
    words = s.ctx.words
    nearest = next(governing_subjects(s.ctx, tok), None)
    ante = _subject_actor(s, nearest[1], tok, plural) if nearest else None  # only the nearest clause subject
    if ante is not None and tok.dep_ == "poss" and tok.head.idx not in s.role_offsets:
        ante = None  # "X welcomed their renewal of links": X's own thing; only the later rules apply
    if ante is None and plural and cur > 0:
        is_main_subject = tok.dep_ in words.subject_deps and tok.head.dep_ == "ROOT"
        if is_main_subject or nearest is None:
            for root in s.previous_roots(cur)[-1:]:
                for c in root.children:
                    if c.dep_ in words.subject_deps:
                        ante = _subject_actor(s, c, tok, True)
    return ante


def pronoun_subject(s: Scene, tok, low: str, cur: int) -> Mention | None:
    """it/its/they/them/their -> the subject of the governing clause when it agrees."""
    words = s.ctx.words
    if low not in words.body_pronouns and low not in words.plural_pronouns:
        return None
    ante = _subject_antecedent(s, tok, low in words.plural_pronouns, cur)
    if ante is None:
        return None
    rule = "coref:pronoun:subject"
    end = tok.idx + len(tok.text)
    if ante.kind == "group" and ante.rule == "group:coordinated-subject":
        return Mention(start=tok.idx, end=end, text=tok.text, name=None, code=None, country=None, sector=None,
                       kind="pronoun", antecedent=ante.start, members=ante.members, rule=rule)
    if ante.kind == "pronoun" and ante.antecedent is not None:
        rule = ante.rule
    m = copy_mention(ante, tok.idx, end, tok.text, "pronoun", rule)
    return replace(m, antecedent=ante.antecedent) if ante.kind == "pronoun" else m


def pronoun_we(s: Scene, tok, low: str, cur: int) -> Mention | None:
    """we/us/our -> the state or body saying the sentence, or the body an official speaks for."""
    if low not in s.ctx.words.we_pronouns:
        return None
    verbs = s.ctx.words.we_reporting_verbs
    speaker = None
    for verb, subj in governing_subjects(s.ctx, tok, max_steps=8):
        if verb.lemma_.lower() in verbs:
            speaker = s.mention_at(subj)
            break
    if speaker is None or not speaker.country or speaker.members:
        return None
    end = tok.idx + len(tok.text)
    if speaker.kind in IT_KINDS or speaker.kind == "group":
        return copy_mention(speaker, tok.idx, end, tok.text, "pronoun", "coref:pronoun:we")
    if speaker.kind in ("person", "pronoun") and speaker.sector in SPEAKING_SECTORS:
        code = "IGO" + speaker.country if speaker.sector == "IGO" else f"{speaker.country}{speaker.sector}"
        return Mention(start=tok.idx, end=end, text=tok.text, name=None, code=code, country=speaker.country,
                       sector=speaker.sector, kind="pronoun", antecedent=speaker.start, rule="coref:pronoun:we")
    return None


def _person_like(m: Mention) -> bool:
    """A named person, a he/she already resolved, or one person described by a resolved role
    ("the Peruvian ambassador"; not "officials")."""
    if m.kind == "pronoun":
        return bool(m.name or m.code)
    return m.kind == "person" and not m.members and (
        bool(m.name) or bool(m.country and m.sector) and not is_plural_mention(m))


def _nearest_people(s: Scene, earlier, cur: int, own: int | None) -> tuple[int, list[Mention]]:
    """(sentence, people) of the nearest sentence, within three back, holding people of
    ``earlier`` (mentions nearest first); people inside a quotation other than ``own`` skipped."""
    found: list[Mention] = []
    sent = -1
    for m in earlier:
        at = s.sentence(m.start)
        if at < cur - 3 or (found and at != sent):
            break
        if not _person_like(m) or s.quotation_at(m.start) not in (None, own):
            continue  # "'... people like Ana Ruiz,' he said": Ruiz is not the speaker
        found.append(m)
        sent = at
    return sent, found


def _person_candidates(s: Scene, tok, cur: int) -> list[Mention]:
    """People (:func:`_person_like`), and he/she already resolved, of the nearest earlier
    sentence (within three) that has one, nearest first; people inside a quotation count only
    for a pronoun in it."""
    own = s.quotation_at(tok.idx)
    named_at, named = _nearest_people(s, (m for m in s.before(tok.idx) if m.kind != "pronoun"), cur, own)
    chain_at, chain = _nearest_people(s, reversed(s.person_chain), cur, own)  # all before ``tok``
    if named_at != chain_at:
        return named if named_at > chain_at else chain
    return sorted(named + chain, key=lambda m: -m.start)


def pronoun_person(s: Scene, tok, low: str, cur: int) -> Mention | None:
    """he/she/him/her/his -> the most recent named person within three sentences, outside the
    quotations the pronoun is not in; from an earlier sentence, that sentence's main subject
    when it is one of its people ("Ruiz said that while Soto stayed ... . He added")."""
    if low not in s.ctx.words.person_pronouns:
        return None
    found = _person_candidates(s, tok, cur)
    if not found:
        return None
    ante = found[0]
    if s.sentence(ante.start) < cur:
        ante = next((m for m in found if s.is_main_subject(m)), ante)
    rule = "coref:pronoun:person"
    if ante.kind == "pronoun":
        m = replace(copy_mention(ante, tok.idx, tok.idx + len(tok.text), tok.text, "pronoun", rule),
                    antecedent=ante.antecedent)
    else:
        m = copy_mention(ante, tok.idx, tok.idx + len(tok.text), tok.text, "pronoun", rule)
    s.person_chain.append(m)
    return m


def pronoun_state(s: Scene, tok, low: str, cur: int) -> Mention | None:
    """it/its -> the state when exactly one country precedes it in its sentence and no person does."""
    if low not in s.ctx.words.body_pronouns:
        return None
    sent_start = s.sent_starts[cur]
    before = []
    for m in s.before(tok.idx):
        if m.start < sent_start:
            break
        if m.country and m.kind != "place":
            before.insert(0, m)
    countries = {m.country for m in before if m.kind in STATE_KINDS or m.kind in ("igo", "region")}
    states = [m for m in before if m.kind in STATE_KINDS and m.kind != "demonym"]
    if len(countries) == 1 and states and not any(m.kind == "person" for m in before):
        return copy_mention(states[-1], tok.idx, tok.idx + len(tok.text), tok.text, "pronoun", "coref:pronoun:state")
    return None


def pronoun_plural(s: Scene, tok, low: str, cur: int) -> Mention | None:
    """they/them/their -> the most recent plural actor of this or the previous sentence, unless a singular one is nearer."""
    if low not in s.ctx.words.plural_pronouns:
        return None
    for m in s.before(tok.idx):
        if s.sentence(m.start) < cur - 1:
            return None
        low_text = m.text.lower()
        if m.kind == "group" or (m.kind == "demonym" and low_text.endswith("s")) or \
                (m.kind == "person" and m.name is None and low_text.endswith("s")):
            return copy_mention(m, tok.idx, tok.idx + len(tok.text), tok.text, "pronoun", "coref:pronoun:plural")
        if m.kind in SINGULAR_KINDS:
            return None  # a singular actor is nearer: not safe
    return None


#: Tried in order for each "both", "two" and pronoun outside a mention; the first that applies decides.
PRONOUN_RULES = rule_table(
    ("actors.coref.person_pair.v1", person_pair),
    ("actors.coref.dyad_phrase.v1", dyad_phrase),
    ("actors.coref.pronoun_subject.v1", pronoun_subject),
    ("actors.coref.pronoun_we.v1", pronoun_we),
    ("actors.coref.pronoun_person.v1", pronoun_person),
    ("actors.coref.pronoun_state.v1", pronoun_state),
    ("actors.coref.pronoun_plural.v1", pronoun_plural),
)
