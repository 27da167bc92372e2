"""The event stage: PLOVER/CAMEO events between actors, with modality, date and evidence.

Per sentence with an actor mention: candidates from verb patterns (governing verbs first, so
"agreed to meet" composes into one event) and event nouns not already used
(:mod:`.sentences`). Each candidate is coded in four ordered rule tables:

1. :data:`PARTY_RULES` settle who takes part (coordinated parties, protest targets);
2. :data:`PAIRING_RULES` give the source/target pairings (reciprocal events: one per unordered
   pair of parties; one-sided events where PLOVER allows them);
3. :data:`PLOVER_RULES` recode by modality (announced cooperation is an intent, announced or
   conditional material conflict a threat), after modality (:mod:`.modality`) and date
   (:mod:`.dates`) are known;
4. :data:`EVENT_RULES` make the records (a stated refusal, the return act of a code pair, the act).

Within-document duplicates are merged (:mod:`.dedup`). The CAMEO code always comes from a
pattern or a composition of patterns; nothing is coded by default.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, replace
from itertools import combinations

from ..knowledge.events import CameoCode
from ..nlp import doc_text, entities as doc_entities, sentences as doc_sentences
from ..records import Actor, Article, Event, Mention, Quote
from ..rules import rule_table
from .attach import DocActors, actor_key
from .candidate import Candidate
from .dates import date_for, parse_pub, sentence_dates
from .dedup import merge_duplicates
from .modality import is_refusal, is_scheduled, modality_of
from .ontology import code_info, compose
from .reality import acts_armed, armed_actor, not_an_act, unresolved_non_event
from .sentences import sentence_candidates
from .speech import speech_candidates
from .targets import protest_target, terms_subject
from .typer import TYPING_RULES, main_candidate

VERSION = "v1"
_NON_EVENT = "+nonevent"  # marks a fallback candidate the reality rules made no event
# Recipient-less events are kept for material actions whose recipient is often implicit
# ("rebels surrendered", "workers went on strike") and for composed events ("agreed to a
# ceasefire", "threatened to hold a strike"); a bare "X declined" / "X warned" is not kept.
_ONE_SIDED_TYPES = {"PROTEST", "MOBILIZE", "RETREAT", "ASSAULT", "COERCE"}
# An event noun whose agent is named ("Chile's appeal for calm", "the Peruvian withdrawal") is
# kept with no recipient for these types.
_ONE_SIDED_NOUN_TYPES = {"PROTEST", "RETREAT", "REQUEST"}
#: The sentence-level fallback (:func:`_fallback`: the main candidate of a sentence where no
#: candidate gave an event comes out with the sides it has, possibly none) applies only in a text
#: of at most this many sentences: a headline, a lead, a wire snippet or a coded example, a text
#: chosen because it reports an event. In a longer text (an article) most sentences report no
#: act, and such a sentence's candidate is background far more often than an event (on our own
#: real-news development articles, dev and dev2, 18 of 237 were right); there only the pairing
#: rules give events, unresolved sides included (``+nosource``, ``+norecipient``).
SNIPPET_SENTENCES = 3


@dataclass(frozen=True, slots=True)
class SentenceContext:
    """What coding a candidate needs around it."""

    sent: object
    dactors: DocActors
    quotes: Sequence[Quote]
    kb: object
    dates: list  # the sentence's date expressions (:class:`.dates.SentenceDate`)
    pub: dt.date | None
    unresolved: Candidate | None = None  # the main candidate, once no candidate gave an event


def coded_events(doc, *, article: Article, mentions: Sequence[Mention], quotes: Sequence[Quote], kb) -> list[Event]:
    """Events of ``doc`` in document order.

    Args:
        doc: spaCy ``Doc`` parsed from ``article.text``.
        article: The article (its ``date`` anchors relative event dates).
        mentions: Actor mentions from the actor stage; events only link these.
        quotes: Quotations from the quote stage; events inside their content are ``reported``.
        kb: The :class:`~dyadscope.knowledge.Knowledge` object (``kb.events``, ``kb.lexicon``,
            and the reporting verbs of ``kb.quotes``).

    Returns:
        Events sorted by start offset, duplicates within the document merged (their offsets
        kept in ``Event.mentions``).
    """
    dactors = DocActors(doc, mentions, kb)
    pub = parse_pub(article.date)
    events: list[Event] = []
    details: dict[int, str] = {}  # id(event) -> what the predicate is about, for dedup
    date_ents = [e for e in doc_entities(doc) if e.label_ == "DATE"]  # once: Span.ents scans the document
    text = doc_text(doc, article)  # once: Doc.text joins every token
    sents = list(doc_sentences(doc))
    snippet = len(sents) <= SNIPPET_SENTENCES
    for sent in sents:
        cands = [c for c in sentence_candidates(sent, kb, dactors) if not not_an_act(c, kb, dactors)]
        speech = speech_candidates(sent, cands, dactors, quotes)
        if not cands and not speech:
            continue
        for rule in TYPING_RULES:
            rule.func(sent, cands, kb)
        dates = sentence_dates(sent, pub, [e for e in date_ents if sent.start <= e.start < sent.end], dactors.by_token,
                               text)
        ctx = SentenceContext(sent, dactors, quotes, kb, dates, pub)
        coded = [(cand, events_of(cand, ctx)) for cand in cands + speech]
        if snippet and not any(new for _, new in coded):
            coded = _fallback(cands, ctx)
        for cand, new in coded:
            detail = _detail(cand, dactors)
            for e in new:
                details[id(e)] = detail
            events.extend(new)
    events.sort(key=lambda e: (e.start, e.end))
    return merge_duplicates(events, details)


def _fallback(cands: list[Candidate], ctx: SentenceContext) -> list[tuple[Candidate, list[Event]]]:
    """Issue 11, item 4: in a short text (:data:`SNIPPET_SENTENCES`), a sentence where no
    candidate gave an event still gives its main candidate's event, with the sides it has
    (:func:`unresolved_sides`). When the rules of :data:`.reality.UNRESOLVED_RULES` say the main
    one is no event ("since the war began, ..."), the candidate next nearest the root of the
    parse is tried."""
    rest = list(cands)
    while (main := main_candidate(rest, ctx.kb.events.cameo)) is not None:
        new = events_of(main, replace(ctx, unresolved=main))
        if new or not main.rule.endswith(_NON_EVENT):
            return [(main, new)]
        rest.remove(main)
    return []


def _detail(cand: Candidate, dactors: DocActors) -> str:
    """The non-actor object of the predicate ("request" in "backed Chile's request"), so that
    two different acts between the same actors are not merged as duplicates."""
    for c in cand.trigger.children:
        if c.dep_ in ("dobj", "attr") and c.i not in dactors.by_token:
            return c.lemma_.lower()
    return ""


# ----- 1. parties ---------------------------------------------------------------------------

def armed_sense(cand: Candidate, info: CameoCode, ctx: SentenceContext) -> None:
    """"a Chilean strike on Peru", "Peru conducted strikes": an event noun whose sense depends on
    its agent (``armed_cameo`` in nouns.jsonl) takes the armed reading when a source is a state
    or an armed actor; a strike by dockers stays a labour strike."""
    armed = ctx.kb.lexicon["armed_sectors"]
    if cand.armed_code and any(acts_armed(a, cand.trigger, ctx.dactors, armed) for a in cand.source + cand.parties):
        cand.code = cand.armed_code


def coordinated_reciprocal(cand: Candidate, info: CameoCode, ctx: SentenceContext) -> None:
    """"Chile and Peru restored ties", "X and Y agree that ...": a reciprocal pattern, or a verb
    acting on the parties' relation (``relation_nouns``), with no target between coordinated
    subjects is reciprocal between them (not any cooperation: "Chile and Peru helped rebuild the
    port" is their joint act on someone else)."""
    relation = ctx.kb.lexicon["relation_nouns"]
    if not cand.reciprocal and not cand.target and len(cand.source) >= 2 \
            and (cand.can_recip or any(c.dep_ == "dobj" and c.lemma_.lower() in relation for c in cand.trigger.children)):
        cand.reciprocal, cand.parties = True, list(cand.source)


def single_party(cand: Candidate, info: CameoCode, ctx: SentenceContext) -> None:
    """A reciprocal event with one party left is that party's own act."""
    if cand.reciprocal and len(cand.parties) == 1:
        cand.reciprocal, cand.source, cand.target = False, list(cand.parties), []


def protest_purpose(cand: Candidate, info: CameoCode, ctx: SentenceContext) -> None:
    """"went on hunger strike to demand the release of X", "in protest at X's tariffs": a
    protest with no other target is against whom its stated purpose names."""
    if not cand.reciprocal and cand.source and info.plover_type == "PROTEST" \
            and not {actor_key(a) for a in cand.target} - {actor_key(a) for a in cand.source}:
        cand.target = protest_target(cand, ctx.dactors)


#: Who takes part, in order.
PARTY_RULES = rule_table(
    ("events.parties.armed_sense.v1", armed_sense),
    ("events.parties.coordinated_reciprocal.v1", coordinated_reciprocal),
    ("events.parties.single_party.v1", single_party),
    ("events.parties.protest_purpose.v1", protest_purpose),
)


# ----- 2. pairings --------------------------------------------------------------------------

Pairs = list[tuple[tuple[Actor, ...], tuple[Actor, ...]]]


def reciprocal_pairs(cand: Candidate, info: CameoCode, ctx: SentenceContext) -> Pairs | None:
    """One pairing per unordered pair of parties: three states give three dyads, never both
    directions."""
    if not cand.reciprocal:
        return None
    if cand.pairs:  # "clashes between Chile and Peru, Bolivia and Peru"
        return [((a,), (b,)) for side_a, side_b in cand.pairs for a in side_a for b in side_b if actor_key(a) != actor_key(b)]
    return [((a,), (b,)) for a, b in combinations(cand.parties, 2) if actor_key(a) != actor_key(b)]


def source_target(cand: Candidate, info: CameoCode, ctx: SentenceContext) -> Pairs | None:
    """Sources and targets as they are, a target that is the source itself left out."""
    src = tuple(cand.source)
    tgt = tuple(a for a in cand.target if actor_key(a) not in {actor_key(s) for s in src})
    return [(src, tgt)] if src and tgt else None


def _has_complement(tok, deps) -> bool:
    """Whether a predicate says what it is about (object, clause, or a non-temporal prepositional
    phrase): "Chile demanded an apology", not a bare "the senator declined"."""
    for c in tok.children:
        if c.dep_ in deps:
            return True
        if c.dep_ == "prep" and any(p.dep_ in ("pobj", "pcomp") and p.ent_type_ not in ("DATE", "TIME") for p in c.children):
            return True
    return False


def one_sided(cand: Candidate, info: CameoCode, ctx: SentenceContext) -> Pairs | None:
    """PLOVER: types that need no recipient ("rebels surrendered", "workers went on strike") keep
    a source-only event when it is a material action, a composed event or a predicate with a
    complement (a target that was the source itself also leaves a one-sided event). Confidence
    x0.6, ``+norecipient`` in the rule. Without a recipient only armed actors assault."""
    src = tuple(cand.source)
    own_noun = cand.kind == "noun" and info.plover_type in _ONE_SIDED_NOUN_TYPES
    if not src or cand.reciprocal or not (cand.kind == "verb" or cand.chain or own_noun) \
            or info.plover_type in ctx.kb.events.needs_recipient:
        return None
    if not (info.plover_type in _ONE_SIDED_TYPES or len(cand.rule.split("+")) > 1
            or _has_complement(cand.trigger, ctx.kb.lexicon["complement_deps"])):
        return None
    if info.plover_type == "ASSAULT" and not cand.chain \
            and not any(armed_actor(a, ctx.kb.lexicon["armed_sectors"]) for a in src):
        return []  # "the senator attacked ...": no event
    cand.confidence *= 0.6
    cand.rule += "+norecipient"
    return [(src, ())]


def _agentless_passive(tok) -> bool:
    """A passive verb with no "by" agent ("two Peruvian soldiers were killed overnight", "a
    Peruvian teacher killed fighting the rebels")."""
    children = list(tok.children)
    passive = (tok.tag_ == "VBN" and any(c.dep_ in ("nsubjpass", "auxpass") for c in children)) \
        or (tok.dep_ == "acl" and tok.tag_ in ("VBN", "VBD"))
    return passive and not any(c.dep_ == "agent" or (c.dep_ == "prep" and c.lower_ == "by") for c in children)


def no_source(cand: Candidate, info: CameoCode, ctx: SentenceContext) -> Pairs | None:
    """A passive with no agent whose patient is a resolved actor ("two Peruvian soldiers were
    killed"; not one governing an infinitive, "was forced to withdraw", where the patient is the
    one who acts), or an attack noun whose target is named and agent is not ("the shelling of
    Peru's ports", "the fight against the rebels"): the text names no source, so the event has an
    empty source and is marked unresolved (:attr:`~dyadscope.records.Event.resolved`); ``+nosource``
    in the rule."""
    if cand.kind == "noun" and not (cand.source or cand.reciprocal or cand.chain) and info.plover_type == "ASSAULT" \
            and cand.target and all(a.country for a in cand.target):
        cand.confidence *= 0.6  # "the shelling of Peru's ports": an attack whose agent the text leaves out
        cand.rule += "+nosource"
        return [((), tuple(cand.target))]
    if cand.source or cand.reciprocal or cand.chain or cand.kind != "verb" or not _agentless_passive(cand.trigger) \
            or any(c.dep_ == "xcomp" and any(a.dep_ == "aux" for a in c.children) for c in cand.trigger.children) \
            or not cand.target or not all(a.country for a in cand.target):
        return None
    cand.confidence *= 0.6
    cand.rule += "+nosource"
    return [((), tuple(cand.target))]


def unresolved_sides(cand: Candidate, info: CameoCode, ctx: SentenceContext) -> Pairs | None:
    """Issue 11, item 4: when no candidate of the sentence gave an event, its main candidate (the
    one the sentence is typed by) is still an event with the sides it has, possibly none: its
    type counts, dyad series never see it. Confidence x0.5, ``+unresolved`` in the rule. An
    explicit "no event" of the rules above (an empty list) is kept."""
    if ctx.unresolved is not cand:
        return None
    src = tuple(cand.parties if cand.reciprocal else cand.source)
    tgt = () if cand.reciprocal else tuple(a for a in cand.target if actor_key(a) not in {actor_key(s) for s in src})
    cand.confidence *= 0.5
    cand.rule += "+unresolved"
    return [(src, tgt)]


#: Source/target pairings; the first rule that gives pairings decides (an empty list: no event).
PAIRING_RULES = rule_table(
    ("events.pairing.reciprocal_pairs.v1", reciprocal_pairs),
    ("events.pairing.source_target.v1", source_target),
    ("events.pairing.one_sided.v1", one_sided),
    ("events.pairing.no_source.v1", no_source),
    ("events.pairing.unresolved_sides.v1", unresolved_sides),
)


# ----- 3. PLOVER recoding by modality -------------------------------------------------------

def _root(code: str) -> int:
    return int(code[:2])


def _scheduled(cand: Candidate, kb) -> bool:
    return is_scheduled(cand.trigger, cand.chain, cand.trigger.sent, kb.lexicon)


def _sought(cand: Candidate, kb) -> bool:
    """"Chile wants to meet Peru", "the rebels tried to seize the port": an act governed by a verb
    of seeking, wishing or trying (``sought_act_verbs``) is an aim, not an announcement of it."""
    return any(t.lemma_.lower() in kb.lexicon["sought_act_verbs"] for t in cand.chain)


def cooperation_intent(cand: Candidate, info: CameoCode, modality: str, kb) -> CameoCode | None:
    """PLOVER/CAMEO: cooperative actions (04-08) announced for the future are intents (AGREE, 03x);
    not those reported as scheduled ("talks are due to resume": a future meeting), nor those only
    sought or tried (:func:`_sought`: the act keeps its type, modality future)."""
    if modality == "future" and 4 <= _root(cand.code) <= 8 and not _scheduled(cand, kb) and not _sought(cand, kb):
        intent = compose(kb.events, "intend", cand.code)
        if intent and code_info(kb.events, intent):
            cand.rule += "+intent"
            return code_info(kb.events, intent)
    return None


def conflict_threat(cand: Candidate, info: CameoCode, modality: str, kb) -> CameoCode | None:
    """PLOVER: announced or conditional material conflict (14-20) is a threat (THREATEN, 13x); not
    one reported as expected ("Chile is set to attack Peru": an expected attack), nor one only
    sought or tried (:func:`_sought`: "the rebels tried to seize the port" is an attempted
    attack, not a threat)."""
    if modality in ("future", "hypothetical") and 14 <= _root(cand.code) <= 20 \
            and not cand.reciprocal and (cand.kind == "verb" or cand.chain) and not _scheduled(cand, kb) \
            and not _sought(cand, kb):
        threat = compose(kb.events, "threaten", cand.code)
        if threat and code_info(kb.events, threat):
            cand.rule += "+threat"
            return code_info(kb.events, threat)
    return None


#: Recodings by modality; the first that applies gives the code.
PLOVER_RULES = rule_table(
    ("events.plover.cooperation_intent.v1", cooperation_intent),
    ("events.plover.conflict_threat.v1", conflict_threat),
)


# ----- 4. records ---------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Coding:
    """A candidate with everything settled: code, pairings, modality, date and evidence span."""

    cand: Candidate
    info: CameoCode
    pairs: Pairs
    ctx: SentenceContext
    lo: int
    hi: int
    modality: str
    speaker: Actor | None
    date: str | None
    basis: str

    def event(self, info: CameoCode, src, tgt, modality: str, suffix: str) -> Event:
        """One :class:`Event`; the evidence spans the predicate and the actors within the sentence."""
        sent, cand = self.ctx.sent, self.cand
        start = max(sent.start_char, min([self.lo, *(a.start for a in src + tgt if a.start >= sent.start_char)]))
        end = min(sent.end_char, max([self.hi, *(a.end for a in src + tgt if a.end <= sent.end_char)]))
        conf = cand.confidence * (0.8 if modality == "hypothetical" else 1.0)
        return Event(
            event_type=info.plover_type, mode=info.plover_mode, contexts=info.contexts, cameo=info.code,
            goldstein=info.goldstein, quad_class=info.quad_class, source=src, target=tgt, date=self.date,
            date_basis=self.basis, modality=modality, speaker=self.speaker, sentence=sent.text, start=start,
            end=end, confidence=round(conf, 3),
            rule=f"events.{cand.kind}.{VERSION}:{cand.rule}{suffix}" + ("+recip" if cand.reciprocal else ""),
            mentions=((start, end),), resolved=bool(src) and all(a.country or a.code for a in src + tgt),
        )


def _party(actor: Actor) -> str | None:
    return actor.country or actor.code or actor.name


def _refusal_code(c: Coding) -> CameoCode | None:
    """PLOVER REJECT for a stated refusal: actor A says that A will not do the cooperative act X
    ("Chile said it won't sign the accord with Peru" -> REJECT, CAMEO 12x composed from X's code as
    "refused to sign" would be). Only when the speaker is the refused act's source (same actor or
    country), the source is a polity, and the negation is one of will ("won't", "would never"),
    not of fact."""
    cand, speaker, kb = c.cand, c.speaker, c.ctx.kb
    if c.modality != "negated" or speaker is None or cand.reciprocal or c.info.quad_class not in (1, 2) \
            or not all(src for src, _ in c.pairs):
        return None
    if not is_refusal(cand.trigger, cand.chain, kb.lexicon):
        return None
    who = _party(speaker)
    if who is None or not c.pairs or any(_party(a) != who for src, _ in c.pairs for a in src):
        return None
    polity = kb.lexicon["polity_sectors"]
    if any(a.sector is not None and a.sector.lower() not in polity for src, _ in c.pairs for a in src):
        return None  # "the villagers won't leave": a wish of a population, not a refusal by a polity
    code = compose(kb.events, "refuse", cand.code)
    return code_info(kb.events, code) if code else None


def stated_refusal(c: Coding) -> list[Event]:
    """The public refusal is itself an (asserted) event, besides the negated act it refuses;
    "won't sign until Peru pays": its terms name whom it is addressed to."""
    refusal = _refusal_code(c)
    if refusal is None:
        return []
    out = []
    for src, tgt in c.pairs:
        keys = {actor_key(x) for x in src}
        rtgt = tgt or tuple(a for a in terms_subject(c.cand, c.ctx.dactors) if actor_key(a) not in keys)
        ev = c.event(refusal, src, rtgt, "asserted", "+refusal")
        if rtgt and not tgt:  # the recipient came from the terms: not a one-sided event
            ev = replace(ev, rule=ev.rule.replace("+norecipient", "+terms"))
        out.append(ev)
    return out


def reverse_act(c: Coding) -> list[Event]:
    """The return act of a code pair (PETRARCH ``[A:B]``): the host's side of a visit."""
    cand, kb = c.cand, c.ctx.kb
    rev = code_info(kb.events, cand.reverse) if cand.reverse and not cand.reciprocal else None
    if rev is None:
        return []
    return [c.event(rev, tgt, src, c.modality, "+reverse") for src, tgt in c.pairs if tgt]


def coded_act(c: Coding) -> list[Event]:
    """The event itself, one per pairing."""
    return [c.event(c.info, src, tgt, c.modality, "") for src, tgt in c.pairs]


#: The records a coded candidate gives, in order.
EVENT_RULES = rule_table(
    ("events.records.stated_refusal.v1", stated_refusal),
    ("events.records.reverse_act.v1", reverse_act),
    ("events.records.coded_act.v1", coded_act),
)


def _pairs(cand: Candidate, info: CameoCode, ctx: SentenceContext) -> Pairs:
    for rule in PAIRING_RULES:
        pairs = rule.func(cand, info, ctx)
        if pairs is not None:
            return pairs
    return []


def events_of(cand: Candidate, ctx: SentenceContext) -> list[Event]:
    """The :class:`Event` records of one candidate (none when it lacks a PLOVER code or a side)."""
    kb = ctx.kb
    info = code_info(kb.events, cand.code)
    if info is None:
        return []
    for rule in PARTY_RULES:
        rule.func(cand, info, ctx)
    info = code_info(kb.events, cand.code) or info
    pairs = _pairs(cand, info, ctx)
    if not pairs:
        return []
    doc = ctx.sent.doc
    toks = set(cand.tokens) | {cand.trigger.i} | {t.i for t in cand.chain}
    lo = min(doc[i].idx for i in toks)
    hi = max(doc[i].idx + len(doc[i]) for i in toks)
    modality, speaker = modality_of(cand.trigger, cand.chain, sent=ctx.sent, dactors=ctx.dactors, quotes=ctx.quotes,
                                    kb=kb, conditions_are_content=cand.code[:2] == "13", content=cand.content)
    date, basis = date_for(cand, ctx.dates, ctx.pub, kb.quotes.event_reporting_verbs,
                           ahead=modality in ("future", "hypothetical"), portions=kb.lexicon["event_portion_nouns"])
    if ctx.unresolved is cand and unresolved_non_event(cand, modality, kb):
        cand.rule += _NON_EVENT
        return []
    info = next((got for rule in PLOVER_RULES if (got := rule.func(cand, info, modality, kb)) is not None), info)
    if modality in ("future", "hypothetical") and basis == "publication":
        date, basis = None, "unknown"  # a plan or possibility is not dated by the report of it
    coding = Coding(cand, info, pairs, ctx, lo, hi, modality, speaker, date, basis)
    return [ev for rule in EVENT_RULES for ev in rule.func(coding)]
