"""Anchor rules: where in a sentence a judgement of a relationship can sit, and what it is about.

Each rule takes a :class:`View` of one sentence and returns :class:`~.units.Unit` candidates:

- ``relation_noun``: a relationship noun ("relations", "ties", "alliance", "rivalry") and the
  clause that judges it: its predicate ("ties have cooled"), its modifiers ("a tense
  relationship"), the complement of a frame verb ("call the relationship a lifeline"), the
  clause it sits in ("slipped into a relationship of mutual suspicion"). Not when it is the
  object of a verb acting on it ("to improve relations": an event or a goal) or the topic of a
  meeting or document ("a communique on warm ties").
- ``dyad_subject``: a pair of parties as the subject of a judging predicate ("A and B are drifting
  apart", "the two neighbours remain rivals").
- ``role_noun``: one party as the other's ally, partner, tool ("A is B's junior partner").
- ``attitude_frame``: "A regards/sees/views/describes B as ...".
- ``attitude_adjective``: "A remains distrustful of B", "A is getting close to B".
- ``attitude_verb``: "A distrusts B"; treatment with a habitual marker ("A has always used B").
- ``desire``: "A wants a weak B" (one side's attitude, not a wish about the relationship).
- ``relation_pronoun``: "it"/"they" standing for a relationship noun just before ("...; it is
  openly hostile").
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .cues import FLIP, Cue, in_name, negation_count
from .parties import PairContext, PartyIndex
from .tree import SUBJECTS, VERBAL, conjuncts, subject_of, verb_ancestor
from .units import Unit, clause_scope

NOUNS = frozenset({"NOUN", "PROPN"})
MODIFIERS = frozenset({"amod", "compound", "nmod"})
PERSON_KINDS = frozenset({"person"})
#: Prepositions after a relationship noun that name its parties.
PARTY_PREPS = frozenset({"between", "of", "among", "with"})
RELATION_PRONOUNS = frozenset({"it", "they"})
BETWEEN = frozenset({"between"})
#: Words standing for a relationship noun after "than" ("closer ties than the one between A and B").
STAND_INS = frozenset({"one", "that", "those", "ones"})
WITH = frozenset({"with"})
#: Prepositions that direct a verb of looking or regarding at its object ("look on", "gaze at").
ATTENTION_PREPS = frozenset({"on", "upon", "at"})


@dataclass(slots=True)
class View:
    """One sentence with what the rules read: parties, earlier pairs, knowledge, excluded tokens."""

    doc: object
    sent: object
    index: int
    parties: PartyIndex
    context: PairContext
    akb: object
    excluded: set[int]
    marks: set[int]
    mentions_by_start: dict
    quotes: tuple
    author: str = ""
    relations: dict = field(default_factory=dict)
    lowers: list = field(default_factory=list)
    lemmas: list = field(default_factory=list)
    deps: list = field(default_factory=list)
    words: set | None = None  # the sentence's lower-cased texts and lemmas, when known

    def tokens_with(self, *word_lists) -> list:
        """The sentence's tokens whose lower-cased text or lemma is in one of ``word_lists``."""
        words = word_lists[0] if len(word_lists) == 1 else frozenset().union(*word_lists)
        if self.words is not None and self.words.isdisjoint(words):
            return []
        lowers, lemmas, doc = self.lowers, self.lemmas, self.doc
        return [doc[i] for i in range(self.sent.start, self.sent.end) if lowers[i] in words or lemmas[i] in words]

    def tokens_as(self, deps) -> list:
        """The sentence's tokens with a dependency label in ``deps``."""
        labels = self.deps
        return [self.doc[i] for i in range(self.sent.start, self.sent.end) if labels[i] in deps]


def _lemma(tok) -> str:
    return tok.lemma_.lower()


def _in(tok, words) -> bool:
    return tok.lower_ in words or tok.lemma_.lower() in words


def _countries(view: View, tokens, *, persons: bool = True) -> list[str]:
    out: list[str] = []
    for t in tokens:
        m = view.parties.mention_at.get(t.i)
        if not persons and m is not None and m.kind in PERSON_KINDS:
            continue
        out += [c for c in view.parties.of(t.i) if c not in out]
    return out


def _phrase_countries(view: View, tok, *, persons: bool = True) -> list[str]:
    """Countries of a noun phrase's heads and their coordinated and left modifiers."""
    tokens = []
    for head in conjuncts(tok):
        tokens.append(head)
        for c in head.children:
            if c.i < head.i and c.dep_ in MODIFIERS | {"poss"}:
                tokens += conjuncts(c)
        tokens += [a for a in head.children if a.dep_ == "appos" for a in conjuncts(a)]
    return _countries(view, tokens, persons=persons)


def _is_pair(view: View, tok) -> bool:
    return any(t.i in view.parties.pair_tokens for t in tok.subtree)


# -- relation_noun ---------------------------------------------------------------------------


def _noun_parties(view: View, noun) -> tuple[list[str], bool, bool]:
    """(countries, bloc, pair) named by a relationship noun's own phrase, or by the stand-in it is
    compared with ("there are few closer partnerships than the one between A and B")."""
    found: list[str] = []
    bloc = pair = False
    bloc_words = view.akb["bloc_numbers"] | view.akb["bloc_words"]
    for c in noun.children:
        subtree = list(c.subtree)
        if c.i > noun.i and c.dep_ == "prep" and c.lower_ in PARTY_PREPS:
            found += [x for x in _countries(view, subtree) if x not in found]
            bloc |= c.lower_ in bloc_words
            pair |= _is_pair(view, c)
        elif c.i > noun.i and c.dep_ == "prep" and c.lower_ == "than":  # "few closer ties than the one between A and B"
            for stand_in in (o for o in c.children if o.dep_ == "pobj" and o.lower_ in STAND_INS):
                for p in (g for g in stand_in.children if g.dep_ == "prep" and g.lower_ in PARTY_PREPS):
                    found += [x for x in _countries(view, list(p.subtree)) if x not in found]
                    pair |= _is_pair(view, p)
        elif c.i < noun.i and c.dep_ != "det":
            found += [x for x in _countries(view, subtree) if x not in found]
            pair |= _is_pair(view, c)
        bloc |= c.i < noun.i and any(t.lower_ in bloc_words for t in subtree)
    return found, bloc or len(found) > 2, pair


def _complements(verb, skip, akb) -> set[int]:
    """Tokens of a frame verb's complements: its "as" phrase, predicate and second object, or a "with"
    phrase naming an attitude ("views B with suspicion")."""
    out: set[int] = set()
    for c in verb.children:
        if c.i in skip or c.dep_ in SUBJECTS:
            continue
        as_clause = c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ == "as" for m in c.children)
        if (c.dep_ == "prep" and c.lower_ == "as") or c.dep_ in akb["complement_deps"] or as_clause:
            out.update(t.i for t in c.subtree)
        elif c.dep_ == "prep" and c.lower_ == "with" and any(  # "views B with suspicion", "treats B with contempt"
                o.dep_ == "pobj" and o.pos_ == "NOUN" and akb.polarity_of(o.lemma_.lower()) for o in c.children):
            out.update(t.i for t in c.subtree)
    return out


def _under_noun(view: View, noun, gov) -> tuple[object, set[int]]:
    """A relationship noun inside another noun's phrase ("an indicator of a tense relationship"):
    that phrase, hanging from the clause it sits in, without the other noun's own modifiers ("a
    closer look at ...") unless they make a phrase of the lexicon with it ("a new paradigm in ...")."""
    clause = verb_ancestor(gov)
    left = {t.i for c in gov.children if c.i < gov.i for t in c.subtree}
    doc, akb = view.doc, view.akb
    for n in range(2, akb.max_phrase + 1):
        first = gov.i - n + 1
        if first >= 0 and tuple(doc[j].lower_ for j in range(first, gov.i + 1)) in akb.phrases:
            left -= set(range(first, gov.i + 1))
    return clause, {t.i for t in gov.subtree} - left | {clause.i}


def _place(view: View, noun):
    """(clause head, scope, frame subject, speech frame, clause subject) for a relationship noun."""
    akb, dep, head = view.akb, noun.dep_, noun.head
    if dep in SUBJECTS or dep in ("attr", "acomp", "oprd", "npadvmod", "ROOT"):
        clause = noun if dep == "ROOT" else head
        return clause, clause_scope(clause, excluded=view.excluded), None, False, subject_of(clause)
    if dep == "dobj":
        if _lemma(head) in akb["frame_verbs"]:
            subject = subject_of(head)
            scope = {t.i for t in noun.subtree} | _complements(head, {noun.i}, akb)
            return head, scope, subject, _lemma(head) in akb["speech_frames"], subject
        if _lemma(head) in akb["possession_verbs"]:
            return head, clause_scope(head, excluded=view.excluded), None, False, subject_of(head)
        if _lemma(head) in akb["showing_verbs"]:  # "drills that underscore their deepening partnership"
            return noun, {t.i for t in noun.subtree}, None, False, None
        return None
    if dep != "pobj" or (head.lower_ == "for" and head.head.pos_ in VERBAL):  # "called for closer ties": a goal
        return None
    gov = head.head
    if head.lower_ in akb["adjunct_preps"]:  # "hardened by the long feud between A and B"
        return noun, {t.i for t in noun.subtree}, None, False, None
    if _in(gov, akb["event_frames"]) or _lemma(gov) in akb["transform_verbs"] or _in(gov, akb["goal_words"]) or _in(gov, akb["goal_nouns"]):
        return None
    if gov.pos_ in VERBAL:
        speech = _lemma(gov) in akb["speech_frames"]
        subject = subject_of(gov)
        return gov, clause_scope(gov, excluded=view.excluded), subject if speech else None, speech, subject
    clause, scope = _under_noun(view, noun, gov)
    return clause, scope, None, False, None


def named_relations(view: View) -> dict[int, tuple[set[int], list[str]]]:
    """Relationship noun -> (its phrase's tokens, the parties its phrase names), in this sentence."""
    nouns, out = view.akb["relation_nouns"], {}
    for tok in view.tokens_with(nouns):
        if tok.pos_ in NOUNS:
            parties, _, _ = _noun_parties(view, tok)
            out[tok.i] = ({t.i for t in tok.subtree}, parties)
    return out


def relation_noun_units(view: View) -> list[Unit]:
    """Relationship nouns and the clauses that judge them."""
    out = []
    for tok in view.tokens_with(view.akb["relation_nouns"]):
        if tok.pos_ not in NOUNS or tok.dep_ in MODIFIERS or in_name(tok):
            continue
        base = tok
        while base.dep_ in ("conj", "appos") and base.head.pos_ in NOUNS and base.head.i != base.i:
            base = base.head
        placed = _place(view, base)
        if placed is None:
            continue
        head, scope, frame_subject, speech, subject = placed
        parties, bloc, pair = _noun_parties(view, tok)
        if head.pos_ in VERBAL and base.dep_ in ("dobj", "pobj"):  # "describes the pact with Rome as ..."
            withs = [c for c in head.children if c.dep_ == "prep" and c.lower_ == "with"]
            parties += [c for w in withs for c in _countries(view, list(w.subtree)) if c not in parties]
        if len(parties) < 2 and subject is not None and subject.i not in {t.i for t in tok.subtree}:
            parties += [c for c in _phrase_countries(view, subject) if c not in parties]
        unit = Unit("", head.i, tuple(range(tok.left_edge.i, tok.i + 1)), scope, parties,
                    frame_subject=None if frame_subject is None else frame_subject.i, speech_frame=speech, bloc=bloc,
                    noun=tok.i)
        unit.from_context = pair and len(parties) < 2
        out.append(unit)
    return out


# -- between_pair ----------------------------------------------------------------------------


def _polar_phrase_of(view: View, noun, skip: set[int]) -> bool:
    """The noun is a polar word, or heads a polar phrase or a polar modifier of its own phrase
    ("bad blood", "little love lost", "deep reservoir of goodwill"), outside the tokens ``skip``."""
    akb = view.akb
    tokens = sorted(t.i for t in noun.subtree if t.i not in skip)
    if any(akb.polarity_of(view.lowers[i]) or akb.polarity_of(view.lemmas[i]) for i in tokens):
        return True
    words = [view.lowers[i] for i in tokens]
    return any(tuple(words[a:b]) in akb.phrases for a in range(len(words)) for b in range(a + 2, len(words) + 1))


def between_pair_units(view: View) -> list[Unit]:
    """A polar noun phrase whose "between" phrase names the pair: "there is bad blood between A and
    B", "the gulf between A and B has widened", "little love lost between A and B". A relationship
    noun ("relations between ...") is the relation_noun rule's; a noun acted on or a topic ("sparked
    a confrontation between ...", "a report on the friction between ...") is placed as one is
    (``_place``), so it yields nothing; the judgement reads the noun's phrase and, when the noun is a
    clause's subject or predicate, that clause."""
    out = []
    akb = view.akb
    for prep in view.tokens_with(BETWEEN):
        if prep.dep_ != "prep":
            continue
        objects = [o for o in prep.children if o.dep_ == "pobj"]
        parties = _countries(view, [t for o in objects for t in o.subtree], persons=False)
        if len(parties) < 2:
            continue
        noun = prep.head
        if noun.pos_ in VERBAL and noun.dep_ == "acl":  # "little love lost between"
            noun = noun.head
        elif noun.pos_ in VERBAL:  # "there is bad blood between", "goodwill exists between": the verb's noun
            noun = next((c for c in noun.children if c.dep_ in ("nsubj", "attr") and c.pos_ in NOUNS), noun)
        if noun.pos_ not in NOUNS or _in(noun, akb["relation_nouns"]) or in_name(noun):
            continue
        pp = {t.i for t in prep.subtree}
        if not _polar_phrase_of(view, noun, pp):
            continue
        placed = _place(view, noun)
        if placed is None:
            continue
        head, scope, frame_subject, speech, _ = placed
        out.append(Unit("", head.i, tuple(range(noun.left_edge.i, noun.i + 1)), scope - pp, parties,
                        frame_subject=None if frame_subject is None else frame_subject.i, speech_frame=speech,
                        bloc=len(parties) > 2))
    return out


def than_between_units(view: View) -> list[Unit]:
    """A comparison whose standard is the pair: "nowhere have ties soured faster than between A and
    B", "nowhere is mistrust deeper than between A and B", "in no region have relations improved
    more than between A and B". The "between" phrase hangs from "than", not from the noun; the
    clause judged is the one the comparison sits in, and its relationship or polar noun (its subject
    or object) is what is judged, so the comparative's sign is the pair's ("soured faster": negative).
    The clause must hold a word that makes the comparison a superlative (``assess_superlative_negators``:
    "nowhere", "in no region") and the noun no pair of its own."""
    out = []
    akb = view.akb
    for prep in view.tokens_with(BETWEEN):
        than = prep.head
        if prep.dep_ != "prep" or than.lower_ != "than" or than.i == prep.i:
            continue
        parties = _countries(view, [t for o in prep.children if o.dep_ == "pobj" for t in o.subtree], persons=False)
        if len(parties) != 2:
            continue
        clause = verb_ancestor(than)
        if clause is None or clause.pos_ not in VERBAL:
            continue
        nouns = [c for node in (clause, *(c for c in clause.children if c.dep_ in ("acomp", "attr")))
                 for c in node.children if c.dep_ in (*SUBJECTS, "dobj", "npadvmod") and c.pos_ in NOUNS]
        nouns += [clause.head] if clause.dep_ == "acl" and clause.head.pos_ in NOUNS else []  # "have ties soured"
        nouns = [n for n in nouns if (_in(n, akb["relation_nouns"]) or _in(n, akb["state_nouns"])
                 or akb.polarity_of(n.lower_) or akb.polarity_of(n.lemma_.lower())) and not _noun_parties(view, n)[0]]
        if not nouns or not any(view.lowers[i] in akb["superlative_negators"] for i in range(view.sent.start, than.i)):
            continue  # "trade between C and D has grown faster than between A and B" compares two pairs
        head = clause.head if clause.dep_ == "acl" and clause.head.pos_ in NOUNS and clause.head.head.pos_ in VERBAL else clause
        pp = {t.i for t in prep.subtree}
        out.append(Unit("", head.i, tuple(t.i for t in nouns[0].subtree), clause_scope(head, excluded=view.excluded) - pp,
                        parties))
    return out


# -- dyad_subject ----------------------------------------------------------------------------


def _with_party(view: View, head) -> list[str]:
    """The other side of "A remains at odds with B", "A is on a collision course with B": a "with"
    phrase on the copula or on its complement, not inside a relationship noun's own phrase."""
    relations = view.akb["relation_nouns"]
    places = [head] + [c for c in head.children if c.dep_ in ("acomp", "attr", "prep")]
    places += [g for c in places[1:] if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"]
    preps = [c for p in places if not _in(p, relations) for c in p.children if c.dep_ == "prep" and c.lower_ == "with"]
    return [c for p in preps for o in p.children if o.dep_ == "pobj" for c in _countries(view, conjuncts(o), persons=False)]


def dyad_subject_units(view: View) -> list[Unit]:
    """A pair of parties (or "the two countries") as the subject of a clause."""
    out = []
    nouns = view.akb["relation_nouns"]
    for tok in view.tokens_as(SUBJECTS):
        if _in(tok, nouns):
            continue
        countries = _phrase_countries(view, tok)
        pair = tok.i in view.parties.pair_tokens
        head = tok.head
        if len(countries) == 1 and _lemma(head) in view.akb["copulas"]:
            countries += [c for c in _with_party(view, head) if c not in countries][:1]
        if len(countries) < 2 and not pair:
            continue
        scope = clause_scope(head, excluded=view.excluded, drop=tok)
        unit = Unit("", head.i, tuple(range(tok.left_edge.i, tok.right_edge.i + 1)), scope, countries,
                    bloc=len(countries) > 2)
        unit.from_context = len(countries) < 2
        out.append(unit)
    return out


# -- role_noun -------------------------------------------------------------------------------


def _other_party(view: View, role, own: list[str]) -> list[str]:
    """The party a role noun relates its subject to: "B's ally", "partner with B", "friend than B"."""
    places = [c for c in role.children if c.dep_ == "poss"]
    places += [c for c in role.children if c.dep_ == "prep" and c.lower_ in ("with", "of", "to", "for")]
    places += [t for t in role.subtree if t.lower_ == "than"]  # "no closer partner in the region than B"
    found = [c for p in places for c in _countries(view, list(p.subtree), persons=False) if c not in own]
    return found[:1]


def _appositive_role(view: View, tok):
    """"Belarus, Moscow's closest ally, ..." / "Moscow's closest ally, Belarus, ...": (party token, scope)."""
    head_party = tok.dep_ == "appos" and _countries(view, [tok.head], persons=False)
    if head_party:
        return tok.head, {t.i for t in tok.subtree}
    for c in tok.children:
        if c.dep_ == "appos" and _countries(view, [c], persons=False):
            return c, {t.i for t in tok.subtree} - {t.i for t in c.subtree}
    return None, set()


def _role_subject(view: View, tok, akb):
    """(the party a role noun describes, the clause head, the role's scope), or Nones."""
    party, scope = _appositive_role(view, tok)
    if party is not None:
        return party, tok, scope
    base = tok
    while base.dep_ == "appos" and base.head.i != base.i:
        base = base.head
    if base.dep_ not in ("attr", "dobj", "oprd") or (base.dep_ == "dobj" and _lemma(base.head) not in akb["possession_verbs"]):
        return None, None, set()
    return subject_of(base.head), base.head, {t.i for t in base.subtree} | {base.head.i}


def role_noun_units(view: View) -> list[Unit]:
    """One party described as the other's ally, partner, rival or tool; or a pair described, in
    apposition, by a plural role ("Ghana and Togo, old rivals, ...")."""
    akb, out = view.akb, []
    for tok in view.tokens_with(akb["role_nouns"]):
        if tok.pos_ not in NOUNS or any(_in(t, akb["fact_modifiers"]) for t in tok.subtree if t.i < tok.i):
            continue
        subject, head, scope = _role_subject(view, tok, akb)
        own = _phrase_countries(view, subject, persons=False) if subject is not None else []
        if (len(own) == 2 and tok.tag_ == "NNS" and subject.i in (tok.head.i, *(c.i for c in tok.children))
                and not _countries(view, [view.doc[i] for i in scope if i not in {t.i for t in subject.subtree}])):
            # a plural role in apposition with a pair: "A and B, old rivals, ..."; "two old allies, A and B";
            # not when the role names a party of its own ("A and B, both partners of C")
            anchor = tuple(t.i for t in subject.subtree if t.i not in scope)
            out.append(Unit("", head.i, anchor or (subject.i,), scope, own))
            continue
        if len(own) != 1:
            continue
        other = _other_party(view, tok, own)
        anchor = tuple(t.i for t in subject.subtree if t.i not in scope)
        out.append(Unit("", head.i, anchor or (subject.i,), scope, own + other, implicit_other=True))
    return out


# -- attitudes -------------------------------------------------------------------------------


def _frame_object(tok, akb):
    """What a frame verb judges and the tokens of its judgement: "regards B as ...", "B is seen as
    ...", "considered B a threat" (a small clause: B is its subject), "speaks of B as ..." (a
    preposition of ``assess_frame_preps`` and an "as" phrase)."""
    for c in tok.children:
        if c.dep_ in ("dobj", "nsubjpass"):
            return c, _complements(tok, {c.i}, akb) - {t.i for t in c.subtree}
    for c in tok.children:
        subjects = [s for s in c.children if s.dep_ in SUBJECTS]
        if c.dep_ in ("ccomp", "xcomp", "oprd") and c.pos_ in NOUNS and subjects:
            return subjects[0], {t.i for t in c.subtree} - {t.i for t in subjects[0].subtree}
    has_as = any(c.dep_ == "prep" and c.lower_ == "as" for c in tok.children)
    for c in tok.children:  # "speak of B as ...", "think of B as ...", "refer to B as ..."
        if has_as and c.dep_ == "prep" and c.lower_ in akb["frame_preps"]:
            objects = [o for o in c.children if o.dep_ == "pobj"]
            if objects:
                return objects[0], _complements(tok, {c.i}, akb)
    return None, set()


def attitude_frame_units(view: View) -> list[Unit]:
    """"A regards B as a partner", "B is seen in A as a threat", "A has used B as a tool"; and any
    verb directed at B with an attitude noun as its manner: "A has long looked on B with suspicion",
    "A eyes B with distrust" (B named as the verb's object or after on/upon/at, A as its subject)."""
    akb, out = view.akb, []
    for tok in view.tokens_with(akb["frame_verbs"]):
        if _lemma(tok) not in akb["frame_verbs"] or tok.pos_ not in VERBAL:
            continue
        obj, scope = _frame_object(tok, akb)
        if obj is None or _in(obj, akb["relation_nouns"]):
            continue
        target = _countries(view, conjuncts(obj), persons=False)
        subject = _agent(tok) if obj.dep_ == "nsubjpass" else subject_of(tok)
        if not target or not scope:
            continue
        own = _phrase_countries(view, subject) if subject is not None else []
        parties = own + [c for c in target if c not in own]
        holds = subject is not None and _lemma(tok) not in akb["treatment_verbs"]  # "X has used Y as a tool": no view of X's
        out.append(Unit("", tok.i, tuple(t.i for t in obj.subtree), scope, parties,
                        frame_subject=subject.i if holds else None,
                        speech_frame=_lemma(tok) in akb["speech_frames"]))
    framed = {u.head for u in out}
    for prep in view.tokens_with(WITH):  # "A looks on B with suspicion", "A eyes B with distrust"
        verb = prep.head
        if prep.dep_ != "prep" or verb.pos_ not in VERBAL or verb.i in framed:
            continue
        manner = [o for o in prep.children if o.dep_ == "pobj" and o.pos_ == "NOUN" and akb.polarity_of(_lemma(o))]
        targets = [c for c in verb.children if c.dep_ == "dobj"]
        targets += [o for c in verb.children if c.dep_ == "prep" and c.lower_ in ATTENTION_PREPS
                    for o in c.children if o.dep_ == "pobj"]
        subject = subject_of(verb)
        if not manner or not targets or subject is None:
            continue
        target = _countries(view, [t for o in targets for t in conjuncts(o)], persons=False)
        own = _phrase_countries(view, subject)
        if not target or not own:
            continue
        parties = own + [c for c in target if c not in own]
        out.append(Unit("", verb.i, tuple(t.i for o in targets for t in o.subtree), {t.i for t in prep.subtree},
                        parties, frame_subject=subject.i))
    return out


def _agent(verb):
    agents = [g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
    return agents[0] if agents else None


def attitude_adjective_units(view: View) -> list[Unit]:
    """"A remains distrustful of B", "A is getting increasingly close to B", "A is dependent on B"."""
    akb, out = view.akb, []
    for tok in view.tokens_with(akb["attitude_adjectives"]):
        if _lemma(tok) not in akb["attitude_adjectives"] or tok.pos_ != "ADJ" or tok.dep_ not in ("acomp", "attr", "oprd"):
            continue
        preps = [c for c in tok.children if c.dep_ == "prep" and c.lower_ in akb["attitude_preps"]]
        target = [c for p in preps for c in _countries(view, list(p.subtree), persons=False)]
        subject = subject_of(tok.head)
        own = _phrase_countries(view, subject) if subject is not None else []
        if len(own) != 1 or not [c for c in target if c not in own]:
            continue
        if subject.i not in view.parties.mention_at and not view.parties.of(subject.i):
            continue  # a thing of the party's, not the party: "Chile's economy is dependent on ..."
        cues = []
        if akb.polarity_of(_lemma(tok)) is None:  # dependent, reliant: close but unequal
            cues.append(Cue(tok.i, (tok.i,), "mixed", "attitude"))
        out.append(Unit("", tok.head.i, tuple(t.i for t in subject.subtree), {t.i for t in tok.subtree},
                        own + [c for c in target if c not in own][:1], cues=cues, frame_subject=subject.i))
    return out


def _treated(tok, akb) -> str | None:
    """The polarity of a treatment verb with a habitual marker ("has always used"), else None."""
    if not any(c.lower_ in akb["habitual"] for c in tok.children):
        return None
    if _lemma(tok) in akb["treatment_verbs"]:
        return "negative"
    return "positive" if _lemma(tok) in akb["treatment_positive"] else None


def _preceding_party(view: View, verb, skip: set[int]):
    """A subject the parse lost (dashes, asides): the nearest party a few tokens before the verb."""
    for t in reversed(view.doc[max(view.sent.start, verb.i - 8) : verb.i]):
        if view.parties.of(t.i) and t.i not in skip:
            return t
    return None


def attitude_verb_units(view: View) -> list[Unit]:
    """"A distrusts B"; "A has always used/betrayed B" (a habit, not one event)."""
    akb, out = view.akb, []
    for tok in view.tokens_with(akb["attitude_verbs"], akb["treatment_verbs"], akb["treatment_positive"]):
        lemma = _lemma(tok)
        raw = _treated(tok, akb) if lemma not in akb["attitude_verbs"] else akb.polarity_of(lemma) or "positive"
        objects = [c for c in tok.children if c.dep_ == "dobj"]
        if tok.pos_ != "VERB" or raw is None or not objects:
            continue
        subject = subject_of(tok)
        lost = subject is None
        subject = subject or _preceding_party(view, tok, {t.i for t in objects[0].subtree})
        if subject is None:
            continue
        own, target = _phrase_countries(view, subject), _countries(view, conjuncts(objects[0]), persons=False)
        target = [c for c in target if c not in own]
        if len(own) != 1 or not target:
            continue
        negated = negation_count(view.doc, tok.i, tok.i, frozenset(), akb, view.marks) % 2
        cue = Cue(tok.i, (tok.i,), FLIP[raw] if negated else raw, "attitude")
        anchor = (subject.i,) if lost else tuple(t.i for t in subject.subtree)
        holder = None if lost or lemma not in akb["attitude_verbs"] else subject.i
        out.append(Unit("", tok.i, anchor, {tok.i}, own + target[:1], cues=[cue], frame_subject=holder))
    return out


def _desired(tok):
    """The party a desire is about: "wants a weak B", "a desire to see a strong B"."""
    for c in tok.children:
        if c.dep_ == "dobj":
            return c
        if c.dep_ in ("xcomp", "acl"):
            found = [g for g in c.children if g.dep_ == "dobj"]
            if found:
                return found[0]
    return None


def desire_units(view: View) -> list[Unit]:
    """One side wanting the other weak (hostile) or strong (friendly)."""
    akb, out = view.akb, []
    for tok in view.tokens_with(akb["desire_verbs"]):
        if _lemma(tok) not in akb["desire_verbs"]:
            continue
        target = _desired(tok)
        if target is None or not _countries(view, [target], persons=False):
            continue
        states = [_lemma(a) for a in target.children if a.dep_ in ("amod", "conj")] + [_lemma(a) for a in target.subtree]
        raw = "negative" if set(states) & akb["harm_adjectives"] else "positive" if set(states) & akb["strength_adjectives"] else None
        holder_verb = verb_ancestor(tok.head) if tok.pos_ in NOUNS else tok
        subject = subject_of(holder_verb)
        if raw is None or subject is None:
            continue
        negated = negation_count(view.doc, tok.i, holder_verb.i, frozenset(), akb, view.marks)
        negated += sum(1 for c in holder_verb.children if c.dep_ == "neg") if holder_verb.i != tok.i else 0
        cue = Cue(tok.i, (tok.i, target.i), FLIP[raw] if negated % 2 else raw, "desire")
        target_countries = _countries(view, [target], persons=False)
        for own in conjuncts(subject):
            countries = [c for c in _countries(view, [own]) if c not in target_countries]
            if countries:
                out.append(Unit("", tok.i, (own.i,), {tok.i}, countries[:1] + target_countries[:1], cues=[cue], desire=True))
    return out


# -- relation_pronoun ------------------------------------------------------------------------


def _agrees(pronoun, noun) -> bool:
    return (pronoun.lower_ == "they") == (noun.tag_ in ("NNS", "NNPS"))


def relation_pronoun_units(view: View) -> list[Unit]:
    """"it"/"they" as the subject of a judging clause, standing for the relationship noun just before
    (the last common noun of the same number that is no party and no speaker)."""
    nouns, out = view.akb["relation_nouns"], []
    for tok in view.tokens_as(SUBJECTS):
        if tok.lower_ not in RELATION_PRONOUNS or view.parties.of(tok.i):
            continue
        before = [t for t in view.sent if t.i < tok.i and t.pos_ == "NOUN" and t.i not in view.excluded
                  and not view.parties.of(t.i) and _agrees(tok, t)]
        if not before or not _in(before[-1], nouns):
            continue
        parties, bloc, pair = _noun_parties(view, before[-1])
        scope = clause_scope(tok.head, excluded=view.excluded, drop=tok)
        unit = Unit("", tok.head.i, (tok.i,), scope, parties, bloc=bloc, noun=before[-1].i)
        unit.from_context = len(parties) < 2
        out.append(unit)
    return out
