"""Event stage: PLOVER/CAMEO events between actors, with modality, date and evidence.

Pipeline per sentence: verb patterns (governing verbs first, so "agreed to meet" composes into
one event), then event nouns not already used; each candidate gets its actors from the parse
(:mod:`.attach`), a modality (:mod:`.modality`) and a date (:mod:`.dates`), and becomes one
:class:`Event` per source/target pairing (reciprocal events: one per unordered pair of parties).
Within-document duplicates are merged (:mod:`.dedup`). The CAMEO code always comes from a
pattern or a composition of patterns; nothing is coded by default.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from itertools import combinations

from ..records import Article, Event, Mention, Quote
from .attach import DocActors, actor_key
from .dates import date_for, parse_pub, sentence_dates
from .dedup import merge_duplicates
from .modality import is_refusal, modality_of
from .nominal import Candidate, match_noun, noun_candidate
from .ontology import code_info, compose
from .verbal import condition_subject, protest_target, verb_candidate, verb_key

VERSION = "v1"
# Recipient-less events are kept for material actions whose recipient is often implicit
# ("rebels surrendered", "workers went on strike") and for composed events ("agreed to a
# ceasefire", "threatened to hold a strike"); a bare "X declined" / "X warned" is not kept.
_ONE_SIDED_TYPES = {"PROTEST", "MOBILIZE", "RETREAT", "ASSAULT", "COERCE"}
# Who can refuse on behalf of a party: the state itself or its government, leaders, forces, organs.
_POLITY_SECTORS = {None, "GOV", "MIL", "ELI", "LEG", "JUD", "SPY", "PTY", "OPP", "REB"}


def coded_events(doc, *, article: Article, mentions: Sequence[Mention], quotes: Sequence[Quote], kb) -> list[Event]:
    """Events of ``doc`` in document order.

    Args:
        doc: spaCy ``Doc`` parsed from ``article.text``.
        article: The article (its ``date`` anchors relative event dates).
        mentions: Actor mentions from the actor stage; events only link these.
        quotes: Quotations from the quote stage; events inside their content are ``reported``.
        kb: The :class:`~dyadscope.knowledge.Knowledge` object (uses ``kb.events``).

    Returns:
        Events sorted by start offset, duplicates within the document merged (their offsets
        kept in ``Event.mentions``).
    """
    if not mentions:
        return []
    dactors = DocActors(doc, mentions, kb)
    pub = parse_pub(article.date)
    events: list[Event] = []
    details: dict[int, str] = {}  # id(event) -> what the predicate is about, for dedup
    date_ents = [e for e in doc.ents if e.label_ == "DATE"]  # once: Span.ents scans the document
    for sent in doc.sents:
        if not any(t.i in dactors.by_token for t in sent):
            continue
        cands = sentence_candidates(sent, kb, dactors)
        if cands:
            dates = sentence_dates(sent, pub, [e for e in date_ents if sent.start <= e.start < sent.end])
            for cand in cands:
                new = _events_of(cand, sent, dactors, quotes, kb, dates, pub)
                detail = _detail(cand, dactors)
                for e in new:
                    details[id(e)] = detail
                events.extend(new)
    events.sort(key=lambda e: (e.start, e.end))
    return merge_duplicates(events, details)


def sentence_candidates(sent, kb, dactors: DocActors) -> list[Candidate]:
    """Event candidates of one sentence: governing verbs first, then event nouns not yet used.

    Candidates may lack actors (``dactors`` may hold no mentions); :func:`coded_events` keeps
    only those with both sides, while sentence-level typing (:func:`sentence_quad`) uses all.
    """
    verbs, nouns = kb.events.verbs, kb.events.nouns
    consumed: set[int] = set()
    cands: list[Candidate] = []
    verb_toks = [
        t for t in sent
        if (t.pos_ in ("VERB", "AUX") and verb_key(t, verbs) is not None)
        or (t.pos_ in ("ADJ", "NOUN") and any(p.pos == t.pos_ for p in verbs.get(t.lemma_.lower(), ())))
    ]
    verb_toks.sort(key=lambda t: sum(1 for _ in t.ancestors))
    for tok in verb_toks:
        if tok.i in consumed:
            continue
        cand = verb_candidate(tok, kb, dactors, consumed)
        if cand is not None:
            consumed.add(tok.i)
            cands.append(cand)
    for tok in sent:
        if tok.i in consumed or tok.pos_ not in ("NOUN", "PROPN") or tok.lemma_.lower() not in nouns:
            continue
        pattern = match_noun(tok, kb)
        if pattern is not None:
            cands.append(noun_candidate(tok, pattern, dactors, kb))
    return cands


def sentence_quad(sent, kb, dactors: DocActors | None = None) -> tuple[int, Candidate | None]:
    """Sentence type in the penta scheme (0 statement or no event, else the GDELT quad class of
    the candidate nearest the root), with that candidate. Actors are not required."""
    dactors = dactors or DocActors(sent.doc, [], kb)
    best, best_depth = None, None
    for cand in sentence_candidates(sent, kb, dactors):
        if cand.code not in kb.events.cameo:
            continue
        top = cand.chain[0] if cand.chain else cand.trigger
        depth = sum(1 for _ in top.ancestors)
        if best is None or depth < best_depth:
            best, best_depth = cand, depth
    if best is None or code_info(kb.events, best.code) is None:
        return 0, best  # no event, or a statement (01x) pattern
    return kb.events.cameo[best.code].quad_class, best


_ARMED_SECTORS = {"MIL", "REB", "INS", "COP", "SPY", "UAF", "TER", "SEP", "IMG", "PRM", "MLT", "GRD"}


def _armed(actor) -> bool:
    code = actor.code or ""
    return actor.sector in _ARMED_SECTORS or any(code[i:i + 3] in _ARMED_SECTORS for i in range(3, len(code), 3)) \
        or (actor.sector is None and actor.code is not None and actor.code == actor.country)


def _detail(cand: Candidate, dactors: DocActors) -> str:
    """The non-actor object of the predicate ("request" in "supported Iran's request"), so that
    two different acts between the same actors are not merged as duplicates."""
    for c in cand.trigger.children:
        if c.dep_ in ("dobj", "attr") and c.i not in dactors.by_token:
            return c.lemma_.lower()
    return ""


def _has_complement(tok) -> bool:
    """Whether a predicate says what it is about (object, clause, or a non-temporal prepositional
    phrase): "Iran demanded an admission", not a bare "Chaffetz declined"."""
    for c in tok.children:
        if c.dep_ in ("dobj", "dative", "xcomp", "ccomp", "attr", "oprd"):
            return True
        if c.dep_ == "prep" and any(p.dep_ in ("pobj", "pcomp") and p.ent_type_ not in ("DATE", "TIME") for p in c.children):
            return True
    return False


def _events_of(cand: Candidate, sent, dactors, quotes, kb, dates, pub) -> list[Event]:
    info = code_info(kb.events, cand.code)
    if info is None:
        return []
    if not cand.reciprocal and not cand.target and len(cand.source) >= 2 \
            and (cand.can_recip or (cand.kind == "verb" and info.quad_class <= 2)):
        # "X and Y renewed ties", "X and Y agree that ...": cooperation between the coordinated parties
        cand.reciprocal, cand.parties = True, list(cand.source)
    if cand.reciprocal and len(cand.parties) == 1:
        cand.reciprocal, cand.source, cand.target = False, list(cand.parties), []
    if not cand.reciprocal and cand.source and info.plover_type == "PROTEST" \
            and not {actor_key(a) for a in cand.target} - {actor_key(a) for a in cand.source}:
        # "went on hunger strike to demand the resignation of X", "in protest of X's policies":
        # a protest is against whom its stated purpose names
        cand.target = protest_target(cand, dactors)
    if cand.reciprocal:
        pairs = [((a,), (b,)) for a, b in combinations(cand.parties, 2) if actor_key(a) != actor_key(b)]
    else:
        src = tuple(cand.source)
        tgt = tuple(a for a in cand.target if actor_key(a) not in {actor_key(s) for s in src})
        pairs = [(src, tgt)] if src and tgt else []
        # a target that is the source itself ("Sudan's government lifted the emergency in ... [the
        # government]") leaves a one-sided event
        if src and not tgt and (cand.kind == "verb" or cand.chain) \
                and info.plover_type not in kb.events.needs_recipient \
                and (info.plover_type in _ONE_SIDED_TYPES or len(cand.rule.split("+")) > 1 or _has_complement(cand.trigger)):
            # PLOVER: most types need no recipient ("rebels surrendered", "workers went on strike")
            if info.plover_type == "ASSAULT" and not cand.chain and not any(_armed(a) for a in src):
                return []  # "Trump attacked ...": without a recipient, only armed actors assault
            pairs = [(src, ())]
            cand.confidence *= 0.6
            cand.rule += "+norecipient"
    if not pairs:
        return []
    doc = sent.doc
    toks = set(cand.tokens) | {cand.trigger.i} | {t.i for t in cand.chain}
    lo = min(doc[i].idx for i in toks)
    hi = max(doc[i].idx + len(doc[i]) for i in toks)
    modality, speaker = modality_of(cand.trigger, cand.chain, sent=sent, dactors=dactors, quotes=quotes, kb=kb,
                                    start=lo, end=hi, conditions_are_content=cand.code[:2] == "13")
    date, basis = date_for(cand, dates, pub, kb.quotes.event_reporting_verbs)
    if modality == "future" and cand.code[:2] in ("04", "05", "06", "07", "08"):
        # PLOVER/CAMEO: cooperative actions announced for the future are intents (AGREE, 03x)
        intent = compose(kb.events, "intend", cand.code)
        if intent and code_info(kb.events, intent):
            info = code_info(kb.events, intent)
            cand.rule += "+intent"
    elif modality in ("future", "hypothetical") and cand.code[:2] in ("14", "15", "16", "17", "18", "19", "20") \
            and not cand.reciprocal and (cand.kind == "verb" or cand.chain):
        # PLOVER: announced or conditional material conflict is a threat (THREATEN, 13x)
        threat = compose(kb.events, "threaten", cand.code)
        if threat and code_info(kb.events, threat):
            info = code_info(kb.events, threat)
            cand.rule += "+threat"
    if modality in ("future", "hypothetical") and basis == "publication":
        date, basis = None, "unknown"
    rev_info = code_info(kb.events, cand.reverse) if cand.reverse and not cand.reciprocal else None
    out = []
    refusal = _refusal_info(cand, info, modality, speaker, pairs, kb)
    for src, tgt in pairs:
        if refusal is not None:
            # the public refusal is itself an (asserted) event, besides the negated act it refuses;
            # "won't drop the suit until Russia delivers": its terms name whom it is addressed to
            rtgt = tgt or tuple(a for a in condition_subject(cand, dactors) if actor_key(a) not in {actor_key(x) for x in src})
            ev = _event(refusal, src, rtgt, sent, lo, hi, cand, "asserted", speaker, date, basis, "+refusal")
            if rtgt and not tgt:  # the recipient came from the terms: not a one-sided event
                ev = replace(ev, rule=ev.rule.replace("+norecipient", "+terms"))
            out.append(ev)
        if rev_info is not None and tgt:
            # the return act of a code pair: the host's side of a visit
            out.append(_event(rev_info, tgt, src, sent, lo, hi, cand, modality, speaker, date, basis, "+reverse"))
        out.append(_event(info, src, tgt, sent, lo, hi, cand, modality, speaker, date, basis, ""))
    return out


def _party(actor) -> str | None:
    return actor.country or actor.code or actor.name


def _refusal_info(cand: Candidate, info, modality: str, speaker, pairs, kb):
    """PLOVER REJECT for a stated refusal: actor A says that A will not do the cooperative act X
    ("Russia said it won't deliver the system to Iran" -> REJECT, CAMEO 12x composed from X's code
    as "refused to deliver" would be). Only when the speaker is the refused act's source (same
    actor or country) and the negation is one of will ("won't", "would never"), not of fact."""
    if modality != "negated" or speaker is None or cand.reciprocal or info.quad_class not in (1, 2):
        return None
    if not is_refusal(cand.trigger, cand.chain):
        return None
    who = _party(speaker)
    if who is None or not pairs or any(_party(a) != who for src, _ in pairs for a in src):
        return None
    if any(a.sector not in _POLITY_SECTORS for src, _ in pairs for a in src):
        return None  # "citizens don't want to go": a wish of a population, not a refusal by a polity
    code = compose(kb.events, "refuse", cand.code)
    return code_info(kb.events, code) if code else None


def _event(info, src, tgt, sent, lo, hi, cand, modality, speaker, date, basis, suffix) -> Event:
    """One :class:`Event`; the evidence spans the predicate and the actors within the sentence."""
    start = max(sent.start_char, min([lo, *(a.start for a in src + tgt if a.start >= sent.start_char)]))
    end = min(sent.end_char, max([hi, *(a.end for a in src + tgt if a.end <= sent.end_char)]))
    conf = cand.confidence * (0.8 if modality == "hypothetical" else 1.0)
    return Event(
        event_type=info.plover_type, mode=info.plover_mode, contexts=info.contexts, cameo=info.code,
        goldstein=info.goldstein, quad_class=info.quad_class, source=src, target=tgt, date=date,
        date_basis=basis, modality=modality, speaker=speaker, sentence=sent.text, start=start, end=end,
        confidence=round(conf, 3),
        rule=f"events.{cand.kind}.{VERSION}:{cand.rule}{suffix}" + ("+recip" if cand.reciprocal else ""),
        mentions=((start, end),),
    )
