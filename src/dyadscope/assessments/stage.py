"""The assessment stage: anchors, filters, holders and polarity, applied sentence by sentence.

``relationship_assessments`` reads each sentence that names a party or a relationship, asks the
anchor rules for candidate judgements, drops the near-misses (filter rules), finds each one's
cues, holder and pair of parties, and merges what one holder says of one pair in one sentence into
one :class:`~dyadscope.records.Assessment`. The rule tables below are the stage's rules, in the
order they apply (docs/assessments.md); the shifts (``shifts.py``) reshape a judgement's cues.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from ..nlp import sentences as doc_sentences, token_columns
from ..records import ASPECTS, Actor, Assessment, Quote
from ..rules import rule_table
from .anchors import (
    View,
    attitude_adjective_units,
    attitude_frame_units,
    attitude_verb_units,
    between_pair_units,
    than_between_units,
    desire_units,
    dyad_subject_units,
    named_relations,
    relation_noun_units,
    relation_pronoun_units,
    role_noun_units,
)
from .filters import VERBLESS, is_bloc, is_conditional, is_name, is_wish
from .holders import UNDECIDED, frame_subject_holder, quote_at, quote_holder, speech_frame_holder, viewpoint_holder
from .cues import Cue, compose, find_cues, negator_marks, signed
from .shifts import SHIFT_RULES, past_states_out
from .parties import pair_context, party_index, sorted_pair
from .tree import VERBAL
from .units import Unit, clause_scope

ANCHOR_RULES = rule_table(
    ("assessments.anchor.attitude_frame.v1", attitude_frame_units),
    ("assessments.anchor.relation_noun.v1", relation_noun_units),
    ("assessments.anchor.dyad_subject.v1", dyad_subject_units),
    ("assessments.anchor.between_pair.v1", between_pair_units),
    ("assessments.anchor.than_between.v1", than_between_units),
    ("assessments.anchor.role_noun.v1", role_noun_units),
    ("assessments.anchor.attitude_adjective.v1", attitude_adjective_units),
    ("assessments.anchor.attitude_verb.v1", attitude_verb_units),
    ("assessments.anchor.desire.v1", desire_units),
    ("assessments.anchor.relation_pronoun.v1", relation_pronoun_units),
)
FILTER_RULES = rule_table(
    ("assessments.filter.name.v1", is_name),
    ("assessments.filter.bloc.v1", is_bloc),
    ("assessments.filter.wish.v1", is_wish),
    ("assessments.filter.conditional.v1", is_conditional),
)
HOLDER_RULES = rule_table(
    ("assessments.holder.speech_frame.v1", speech_frame_holder),
    ("assessments.holder.viewpoint.v1", viewpoint_holder),
    ("assessments.holder.quote.v1", quote_holder),
    ("assessments.holder.frame_subject.v1", frame_subject_holder),
)
#: The stage's rule tables by step, in the order a candidate judgement meets them.
RULE_TABLES = {"anchors": ANCHOR_RULES, "filters": FILTER_RULES, "shifts": SHIFT_RULES, "holders": HOLDER_RULES}
#: Dependency labels of a clause that continues another ("..., but they have cooled since").
CONTINUATION_DEPS = frozenset({"conj", "ccomp", "parataxis"})


@dataclass(slots=True)
class Judged:
    """A unit that passed the filters, with its cues, holder, pair and quotation."""

    unit: Unit
    cues: list[Cue]
    dyad: tuple[str, str]
    holder: Actor | None
    quote: Quote | None
    sentence: str
    tokens: set[int] = field(default_factory=set)


def relationship_assessments(doc, *, article, mentions, quotes, kb) -> list[Assessment]:
    """Every judgement of a relationship between two parties in the document, in text order.

    Args:
        doc: The spaCy ``Doc`` of ``article.text``.
        article: The article; its ``author``, when a sentence names them as a source ("X writes
            about ..."), is not a holder: their judgements are the author's own (holder None).
        mentions: The actor stage's mentions; quotes: the quote stage's quotations.
        kb: The knowledge object; reads ``kb.assessments`` and ``kb.actors``.

    Returns:
        :class:`~dyadscope.records.Assessment` records ordered by ``start``.

    Raises:
        Nothing of its own; like every stage it does not catch exceptions: the pipeline turns one
        into the document's failure.
    """
    return _assess(doc, article, mentions, quotes, kb)


def _assess(doc, article, mentions, quotes, kb) -> list[Assessment]:
    akb = kb.assessments
    if not akb.words:
        return []
    lowers, lemmas, deps, starts = _strings(doc)
    sents = list(doc_sentences(doc))
    parties = party_index(doc, mentions, kb, quotes, lowers=lowers, starts=starts)
    context = pair_context(doc, parties, sents)
    excluded = _source_tokens(doc, quotes, akb, lowers, lemmas)
    by_start = {m.start: m for m in mentions}
    author = (article.author or "").strip().lower() if article is not None else ""
    out: list[Assessment] = []
    un_words = _un_words(set(lowers) | set(lemmas), akb)
    for k, sent in enumerate(sents):
        words = set(lowers[sent.start : sent.end]) | set(lemmas[sent.start : sent.end])
        if not _worth_reading(sent, parties, akb, words, un_words):
            continue
        view = View(doc, sent, k, parties, context, akb, excluded, negator_marks(sent, akb, lowers), by_start,
                    tuple(quotes), author=author, lowers=lowers, lemmas=lemmas, deps=deps, words=words)
        view.relations = named_relations(view)
        judged = [j for unit in _units(view) if (j := _judge(view, unit)) is not None]
        out += [_record(view, group) for group in _groups(judged)]
    return sorted(out, key=lambda a: (a.start, a.end))


def _strings(doc) -> tuple[list[str], list[str], list[str], list[int]]:
    """Lower-cased text, lower-cased lemma, dependency label and offset of every token, read once."""
    return token_columns(doc, ("lower", "lemma", "dep", "idx"))


def _source_tokens(doc, quotes, akb, lowers: list[str], lemmas: list[str]) -> set[int]:
    """Tokens of quotation speakers and cues: never part of what a judgement says, except a cue
    that is itself evaluative (the quote stage reads "X is wary of Y" as X's attitude)."""
    out: set[int] = set()
    for q in quotes:
        spans = [(q.cue_start, q.cue_end, True)]
        if q.speaker is not None:
            spans.append((q.speaker.start, q.speaker.end, False))
        for start, end, is_cue in spans:
            span = doc.char_span(start, end, alignment_mode="expand") if start is not None and end else None
            for i in range(span.start, span.end) if span is not None else ():
                if not (is_cue and (lowers[i] in akb.cue_words or lemmas[i] in akb.cue_words)):
                    out.add(i)
    return out


def _worth_reading(sent, parties, akb, words: set[str], un_words: frozenset[str]) -> bool:
    """The cheap gate before any rule runs: a sentence with a cue word that names a relationship;
    or names two parties (or "the two countries") and holds a polar word; or names one party and a
    role, frame or attitude word. ``words``: the sentence's lower-cased texts and lemmas;
    ``un_words``: the document's words negating a positive word ("unfriendly", :func:`_un_words`)."""
    cues = words & akb.cue_words
    negated_relation = words & akb["relation_nouns"] and words & akb["negators"]
    unwords = not un_words.isdisjoint(words)
    if not (cues or negated_relation or unwords):
        return False
    if words & akb["relation_nouns"]:
        return True
    named = len(parties.in_span(range(sent.start, sent.end)))
    if named >= 2 or any(i in parties.pair_tokens for i in range(sent.start, sent.end)):
        return bool(cues - akb["intensity"]) or unwords or bool(words & akb.triggers)
    return named == 1 and bool(words & akb.triggers)


def _un_words(words: set[str], akb) -> frozenset[str]:
    """The words of ``words`` that are "un" + a positive word."""
    positive = akb["positive"]
    return frozenset(w for w in words if w.startswith("un") and w[2:] in positive)


def _units(view: View) -> list[Unit]:
    """Candidates of every anchor rule, in rule order, one per clause head and pair."""
    out: list[Unit] = []
    seen: dict[tuple, Unit] = {}
    for rule in ANCHOR_RULES:
        for unit in rule.func(view):
            key = (unit.head, tuple(sorted(unit.parties)), unit.noun)
            if key in seen:  # two rules read one clause: the first keeps it, with both rules' cues
                seen[key].cues += unit.cues
                seen[key].scope |= unit.scope
                continue
            seen[key] = unit
            unit.rule = rule.name
            out.append(unit)
    out = _fold_pronouns(out)
    heads = {u.head for u in out}
    unnamed = {u.head for u in out if not u.parties and not (u.noun is not None and _definite(view.doc[u.noun], view.akb))}
    _said_of(view, out)
    for unit in out:
        _free_relative(view, unit)
        _continue(view, unit, heads - unnamed)
        if unit.parties:
            _concede(view, unit, heads - unnamed)
    return out


def _concessive(clause, akb) -> bool:
    """An adverbial clause opened by a contrast word ("although ...", "though ...", "while ...")."""
    return clause.dep_ == "advcl" and any(c.dep_ in ("mark", "advmod") and c.lower_ in akb["contrast"] and c.i < clause.i
                                          for c in clause.children)


#: Heads of an elliptical concession: "good, if not warm", "a good neighbour, if a difficult one".
ELLIPTICAL_POS = VERBLESS | frozenset({"ADP", "SCONJ"})  # and "though" the parser takes for a preposition


def _concessive_phrase(tok, akb) -> bool:
    """A contrast word the parser took for a preposition, with its phrase ("a good neighbour,
    though a difficult one"): an elliptical concession."""
    return tok.dep_ == "prep" and tok.lower_ in akb["contrast"] and any(c.dep_ == "pobj" for c in tok.children)


def _concede(view: View, unit: Unit, heads: set[int]) -> None:
    """A concessive clause joined to a judgement, or the clause a judgement concedes to, is part of
    it when it judges the same relationship without naming a pair: "Although ties have warmed, deep
    mistrust persists"; "..., though suspicion lingers"; an elliptical one too ("good, if not warm",
    "a good neighbour, though a difficult one").
    Its subject must be a relationship word
    ("mistrust", "trade"), a polar noun ("suspicion"), a pronoun or a quantifier standing for people
    ("..., though few would call them friends"), so "although Peru's economy is weak" stays out. A
    noun of disagreement as its subject ("..., though disputes over water persist") is the strain
    it concedes: a negative cue of the judgement."""
    head = view.doc[unit.head]
    others = [c for c in head.children if _concessive(c, view.akb)]
    if _concessive(head, view.akb):
        others.append(head.head)
    for clause in others + [c for c in head.children if _concessive_phrase(c, view.akb)]:
        if clause.i in heads:
            continue
        subjects = [c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")]
        if not subjects and clause.pos_ in ELLIPTICAL_POS and clause.head.i == head.i:
            unit.scope |= clause_scope(clause, excluded=view.excluded)  # elliptical: "good, if not warm"
            if clause.lemma_.lower() in view.akb["strain_nouns"] or clause.lower_ in view.akb["strain_nouns"]:
                unit.cues.append(Cue(clause.i, (clause.i,), "negative", "word"))  # "disputes" taken for the clause's head
            continue
        if clause.pos_ not in VERBAL or not subjects:
            continue
        subject = subjects[0]
        if any(view.parties.of(t.i) for t in subject.subtree):
            continue
        lemma = subject.lemma_.lower()
        if lemma in view.akb["strain_nouns"] or subject.lower_ in view.akb["strain_nouns"]:
            unit.scope |= clause_scope(clause, excluded=view.excluded)
            unit.cues.append(Cue(subject.i, (subject.i,), "negative", "word"))  # "..., though disputes persist"
            continue
        if subject.tag_ != "PRP" and lemma not in view.akb["relation_nouns"] and not (
                subject.pos_ == "NOUN" and view.akb.polarity_of(lemma)) and subject.lower_ not in view.akb["negative_quantifiers"]:
            continue
        unit.scope |= clause_scope(clause, excluded=view.excluded)


def _free_relative(view: View, unit: Unit) -> None:
    """A judgement in a free relative that is the subject of a verb of change ("What was a warm
    friendship between A and B has soured into open hostility") is read with that verb's clause:
    the relative names the state the relationship left, the main clause the one it is in now
    (``shift.past_state`` with "what was" in ``assess_past_markers``)."""
    head = view.doc[unit.head]
    if head.dep_ != "csubj" or head.head.i == head.i or head.head.pos_ not in VERBAL:
        return
    if not any(c.lower_ == "what" and c.dep_ in ("attr", "nsubj", "nsubjpass") for c in head.children):
        return
    unit.scope |= clause_scope(head.head, excluded=view.excluded) - {t.i for t in head.subtree}


def _said_of(view: View, units: list[Unit]) -> None:
    """A relationship the cue of a quotation is said "of" or "about" ("'We are neighbours, not
    friends,' the senator said of relations with Ecuador") is what the quotation judges: a
    judgement inside its content that names fewer than two parties takes the relationship's."""
    doc = view.doc
    for unit in units:
        if unit.noun is None or len(unit.parties) < 2:
            continue
        noun = doc[unit.noun]
        prep, verb = noun.head, noun.head.head
        if noun.dep_ != "pobj" or prep.lower_ not in ("of", "about") or verb.pos_ != "VERB":
            continue
        quote = next((q for q in view.quotes if q.cue_start is not None and q.cue_start <= verb.idx < q.cue_end), None)
        if quote is None:
            continue
        for other in units:
            at = doc[other.head].idx
            if other is unit or len(other.parties) >= 2 or not any(s <= at < e for s, e in quote.content_spans):
                continue
            other.parties = list(dict.fromkeys([*other.parties, *unit.parties]))[:2]


def _fold_pronouns(units: list[Unit]) -> list[Unit]:
    """A clause about "it"/"they" standing for a relationship judged in the same sentence joins that judgement."""
    by_noun = {u.noun: u for u in units if u.noun is not None and u.rule != "assessments.anchor.relation_pronoun.v1"}
    out = []
    for unit in units:
        target = by_noun.get(unit.noun) if unit.rule == "assessments.anchor.relation_pronoun.v1" else None
        if target is not None:
            target.scope |= unit.scope
        else:
            out.append(unit)
    return out


def _continue(view: View, unit: Unit, heads: set[int]) -> None:
    """Add the clauses that continue a judgement with no anchor of their own ("..., X said, 'but we
    are far from trusting them'"; "...; it is plainly adversarial")."""
    head = view.doc[unit.head]
    roots = {head.i}
    if head.dep_ in CONTINUATION_DEPS and head.head.i != head.i:
        roots.add(head.head.i)
    roots |= {c.i for c in head.children if c.dep_ == "parataxis"}
    for tok in view.sent:
        if tok.i <= head.i or tok.i in heads or tok.pos_ not in VERBAL or tok.dep_ not in CONTINUATION_DEPS:
            continue
        if tok.head.i not in roots:
            continue
        subjects = [c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass", "expl")]
        if subjects and subjects[0].tag_ != "PRP" and not _contrast_by_party(view, unit, head, tok, subjects[0]):
            continue  # "it", "they", "we"; not "that" (a fact), not "there is"
        unit.scope |= clause_scope(tok, excluded=view.excluded, drop=subjects[0] if subjects else None)


def _contrast_by_party(view: View, unit: Unit, head, clause, subject) -> bool:
    """A clause set against the judgement by "but"/"yet" whose subject is one of its own parties
    ("A and B are friendly neighbours, yet A keeps B at arm's length") or a relationship word with no
    pair of its own ("..., but trust remains thin") qualifies the same judgement.
    It must hang from the judgement's own clause, so a second holder's view ("X insists ties are
    good, but Y's diplomats describe them as chilly") stays apart."""
    if clause.dep_ != "conj" or clause.head.i != head.i or not unit.parties:
        return False
    if not any(c.dep_ == "cc" and c.lower_ in view.akb["contrast"] and head.i < c.i < clause.i for c in head.children):
        return False
    if any(code in unit.parties for t in subject.subtree for code in view.parties.of(t.i)):
        return True
    lemma = subject.lemma_.lower()  # "..., but trust remains thin": the same relationship, no pair of its own
    return (lemma in view.akb["relation_nouns"] or subject.lower_ in view.akb["relation_nouns"]) and not any(
        view.parties.of(t.i) for t in subject.subtree)


def _skip_tokens(view: View, unit: Unit) -> set[int]:
    """Tokens whose cues do not judge this unit: parties, sources, and other pairs' relationships
    ("hardened by the long feud between A and C")."""
    skip = {i for i in unit.scope if view.parties.of(i)} | view.excluded
    if unit.noun is not None:
        skip.add(unit.noun)
    own = set(unit.parties)
    for noun, (tokens, parties) in view.relations.items():
        if noun != unit.noun and len(parties) >= 2 and set(parties) != own:
            skip |= tokens
    return skip


def _threats_to_others_out(view: View, unit: Unit, cues: list[Cue]) -> list[Cue]:
    """A relationship called a threat or a worry to someone outside the pair ("the deepening
    partnership between A and B is a threat to C") is described as close: the threat word is the
    holder's fear, not the pair's polarity (docs/assessments.md, "What counts"). It drops out; when
    nothing else judges the relationship, its own noun does ("the alliance ... is a danger to C")."""
    doc, akb, own = view.doc, view.akb, set(unit.parties)
    if not own:
        return cues

    def to_others(cue):
        tok = doc[cue.head]
        if cue.polarity != "negative" or not (tok.lower_ in akb["threat_words"] or tok.lemma_.lower() in akb["threat_words"]):
            return False
        for prep in (c for c in tok.children if c.dep_ == "prep" and c.lower_ in ("to", "for")):
            named = {code for t in prep.subtree for code in view.parties.of(t.i)}
            if named and not named & own:
                return True
        return False

    kept = [c for c in cues if not to_others(c)]
    if len(kept) == len(cues) or kept:
        return kept
    if unit.noun is not None and view.akb.polarity_of(doc[unit.noun].lemma_.lower()) == "positive":
        return [Cue(unit.noun, (unit.noun,), "positive", "word")]
    return kept


def _state_noun_cue(view: View, unit: Unit) -> list[Cue]:
    """A relationship noun that judges by itself ("the rivalry between A and B"), named with its pair."""
    if unit.noun is None or unit.from_context or len(unit.parties) != 2:
        return []
    tok = view.doc[unit.noun]
    if tok.lemma_.lower() not in view.akb["state_nouns"] and tok.lower_ not in view.akb["state_nouns"]:
        return []
    polarity = view.akb.polarity_of(tok.lower_) or view.akb.polarity_of(tok.lemma_.lower())
    if not polarity:
        return []
    cues = [Cue(tok.i, (tok.i,), polarity, "state")]
    for rule in SHIFT_RULES:  # "the honeymoon between A and B is over", "the so-called brotherhood"
        cues = rule.func(view.doc, cues, scope=unit.scope, stop=unit.head, akb=view.akb, marks=view.marks, faint=set())
    return cues


def _existence_cue(view: View, unit: Unit) -> list[Cue]:
    """A relationship said not to exist ("there is no real relationship", "have no ties")."""
    if unit.noun is None:
        return []
    tok = view.doc[unit.noun]
    head = tok.head
    existential = tok.dep_ == "attr" and any(c.dep_ == "expl" for c in head.children)
    possessed = tok.dep_ == "dobj" and head.lemma_.lower() in view.akb["possession_verbs"]
    if not (existential or possessed):
        return []
    polarity = signed(view.doc, "positive", tok.i, (tok.i,), unit.head, view.akb, view.marks)
    return [Cue(tok.i, (tok.i,), polarity, "existence")] if polarity == "negative" else []


def _comments(view: View, unit: Unit) -> set[int]:
    """Appositions that comment on the judgement rather than continue it ("portrays B as a hostile
    neighbour, a view the ambassador rejected, saying ..."): another holder's reaction, read apart."""
    out: set[int] = set()
    for i in unit.scope:
        tok = view.doc[i]
        if tok.dep_ == "appos" and tok.lemma_.lower() in view.akb["meta_nouns"] and i not in unit.anchor:
            out |= {t.i for t in tok.subtree}
    return out


def _judge(view: View, unit: Unit) -> Judged | None:
    comments = _comments(view, unit)
    if comments:
        unit.scope -= comments
    cues = unit.cues + find_cues(view.doc, unit.scope, stop=unit.head, skip=_skip_tokens(view, unit),
                                 akb=view.akb, parties=view.parties, marks=view.marks, shifts=SHIFT_RULES)
    if unit.cues:  # a cue the anchor rule brought may be a past state too ("Once bitter rivals, A and B ...")
        cues = past_states_out(view.doc, cues, scope=unit.scope, akb=view.akb)
    cues = _threats_to_others_out(view, unit, cues)
    cues = cues or _state_noun_cue(view, unit) or _existence_cue(view, unit)
    if not cues or any(rule.func(view, unit) for rule in FILTER_RULES):
        return None
    quote = None
    for cue in cues:  # a judgement partly inside a quotation is its speaker's
        tok = view.doc[cue.head]
        quote = quote_at(view.quotes, tok.idx, tok.idx + len(tok))
        if quote is not None:
            break
    holder = None
    for rule in HOLDER_RULES:
        decided = rule.func(view, unit, quote)
        if decided is not UNDECIDED:
            holder = decided
            break
    if holder is not None and (holder.text or "").lower() in view.akb["negative_quantifiers"]:
        holder = None  # "..., though few would call them friends": no one holds it but the author
    if holder is not None and holder.country is None and _holder_country(view, holder):
        holder = replace(holder, country=_holder_country(view, holder))  # "a senior Chilean official"
    dyad = _dyad(view, unit, holder)
    if dyad is None:
        return None
    tokens = set(unit.anchor) | {i for c in cues for i in c.tokens} | _modified_heads(view, unit, cues)
    return Judged(unit, cues, dyad, holder, quote, view.sent.text.strip(), tokens)


def _completed(view: View, unit: Unit, party: str, holder_country: str | None) -> list[str]:
    """One named party and the other. For "relations with B" said by A's official: the holder's
    country. For "B is a mere tool", where the other side is implicit: a pair with B named just
    before, else the document's most named pair with B, else the holder's country."""
    own = holder_country if holder_country and holder_country != party and len(holder_country) == 3 else None
    earlier = view.context.recent(view.index, party) or view.context.main(party)
    if own and not unit.implicit_other:
        return [party, own]
    if earlier:
        unit.from_context = True
        return list(earlier)
    return [party, own] if own else [party]


def _modified_heads(view: View, unit: Unit, cues: list[Cue]) -> set[int]:
    """The nouns cue words modify ("closest" -> "allies"), so a judgement's span ends on its noun."""
    out = set()
    for cue in cues:
        tok = view.doc[cue.head]
        if tok.dep_ in ("amod", "compound", "nmod", "advmod") and tok.head.i in unit.scope and tok.head.i > tok.i:
            out.add(tok.head.i)
    return out


def _dyad(view: View, unit: Unit, holder: Actor | None) -> tuple[str, str] | None:
    """The unit's pair: its own parties, completed by the holder's country or an earlier pair."""
    parties = list(dict.fromkeys(unit.parties))
    if len(parties) == 1:
        parties = _completed(view, unit, parties[0], _holder_country(view, holder))
    elif not parties:
        if unit.noun is not None and not _definite(view.doc[unit.noun], view.akb):
            return None
        parties, unit.from_context = _unnamed_pair(view, holder), True
    if len(parties) != 2:
        return None
    return sorted_pair(*parties)


def _holder_country(view: View, holder: Actor | None) -> str | None:
    """The holder's country, or the one country its phrase names ("Mr Okafor, a Nigerian diplomat")."""
    if holder is None:
        return None
    if holder.country:
        return holder.country
    span = view.doc.char_span(holder.start, holder.end, alignment_mode="expand")
    named = view.parties.in_span(t.i for t in span) if span is not None else []
    return named[0] if len(named) == 1 else None


def _definite(noun, akb) -> bool:
    """'the relationship', 'this alliance', 'their ties'; not a generic 'alliances in politics'."""
    return any(c.dep_ == "poss" or (c.dep_ == "det" and c.lower_ in akb["definite"]) for c in noun.children)


def _unnamed_pair(view: View, holder: Actor | None) -> list[str]:
    """The pair of a relationship named by neither party ("the relationship", "this alliance"): the
    pair named last in this or the few sentences before, else the document's most named pair if
    this sentence names one of them, else the one party this sentence names and the holder's."""
    pair = view.context.recent(view.index)
    if pair is not None:
        return list(pair)
    named = view.parties.in_span(range(view.sent.start, view.sent.end))
    main = view.context.main()
    if main and set(main) & set(named):
        return list(main)
    own = _holder_country(view, holder)
    others = [c for c in named if c != own]
    if own and len(own) == 3 and len(others) == 1:
        return [others[0], own]
    return []


def _holder_key(holder: Actor | None):
    return None if holder is None else (holder.start, holder.end)


def _groups(judged: list[Judged]) -> list[list[Judged]]:
    """What one holder says of one pair in one sentence is one judgement."""
    groups: dict[tuple, list[Judged]] = {}
    for j in judged:
        groups.setdefault((j.dyad, _holder_key(j.holder)), []).append(j)
    return list(groups.values())


def _aspects(view: View, tokens: set[int]) -> tuple[str, ...]:
    words = {view.doc[i].lower_ for i in tokens} | {view.doc[i].lemma_.lower() for i in tokens}
    found = tuple(a for a in ASPECTS if a != "general" and words & view.akb.aspects.get(a, frozenset()))
    return found or ("general",)


def _confidence(view: View, group: list[Judged], tokens: set[int]) -> float:
    words = {view.doc[i].lower_ for i in tokens}
    n_cues = sum(len(j.cues) for j in group)
    score = 0.55 + 0.1 * min(n_cues - 1, 2)
    score += 0.1 if words & view.akb["degree"] else 0.0
    score -= 0.15 if words & view.akb["hedges"] else 0.0
    score -= 0.15 if all(j.unit.from_context for j in group) else 0.0
    return round(min(max(score, 0.05), 0.95), 2)


def _record(view: View, group: list[Judged]) -> Assessment:
    first = group[0]
    cues = [c for j in group for c in j.cues]
    span_tokens = set().union(*(j.tokens for j in group))
    scope = set().union(*(j.unit.scope for j in group)) | span_tokens
    if len(group) > 1:  # a past state read by one anchor, the present one by another: "Once rivals, A and B are allies"
        cues = past_states_out(view.doc, cues, scope=scope, akb=view.akb)
    start, end = min(span_tokens), max(span_tokens)
    return Assessment(
        dyad=first.dyad,
        polarity=compose(cues),
        holder=first.holder,
        start=view.doc[start].idx,
        end=view.doc[end].idx + len(view.doc[end]),
        sentence=first.sentence,
        aspects=_aspects(view, scope),
        quote=next((j.quote for j in group if j.quote is not None), None),
        confidence=_confidence(view, group, scope),
        rule=first.unit.rule,
    )
