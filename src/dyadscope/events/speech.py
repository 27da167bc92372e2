"""Speech acts made in reports and quotations: the accusation or praise the speaker makes.

"Chile claimed Peruvian troops shelled the border" reports a shelling (coded, ``reported``) and
is itself an accusation of Peru by Chile; "Chile said Peru's blockade was illegal" is a criticism of
Peru; "Chile said Peru had been a reliable partner" praise. The speaker is the reporting verb's
subject, or the quotation's speaker when the verb is its cue. :data:`SPEECH_RULES` derive these
speech acts from a sentence's reports and the candidates already found in what they report; the
reported acts stay as they are. The event is the speech act: its trigger is the reporting verb,
so its modality and date are the report's.

Notes: CAMEO 111/112 (criticize, accuse) and 051 (praise) with the speaker as source; the PLOVER
manual codes accusations and criticism made in statements as ACCUSE.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..records import Actor, Quote
from ..rules import rule_table
from .attach import DocActors, actor_key, subject_of
from .candidate import Candidate


@dataclass(frozen=True, slots=True)
class Report:
    """A reporting verb of the sentence, who speaks, and the heads of the clauses it reports."""

    cue: object
    speaker: list[Actor]
    clauses: list


def _quote_speaker(cue, quotes: Sequence[Quote]) -> Actor | None:
    """The speaker of the quotation whose cue is the verb ``cue``, if the quote stage found one."""
    for q in quotes:
        if q.speaker is not None and q.cue_start is not None and q.cue_start <= cue.idx < (q.cue_end or q.cue_start + 1):
            return q.speaker
    return None


def sentence_reports(sent, dactors: DocActors, quotes: Sequence[Quote]) -> list[Report]:
    """Reports in ``sent``: reporting verbs (``reports_events`` entries of the quote knowledge)
    with a complement clause, their speaker resolved."""
    out = []
    doc, lemmas, pos, reporting = sent.doc, dactors.lemmas, dactors.pos, dactors.reporting
    for i in range(sent.start, sent.end):
        if pos[i] not in ("VERB", "AUX") or lemmas[i] not in reporting:
            continue
        tok = doc[i]
        clauses = [c for c in tok.children if c.dep_ == "ccomp"]
        if not clauses or any(c.dep_ == "neg" for c in tok.children):
            continue
        quoted = _quote_speaker(tok, quotes)
        speaker, passive = subject_of(tok, dactors)
        speaker = [quoted] if quoted is not None and not _resolved(speaker) else speaker
        if speaker and not passive:
            out.append(Report(tok, speaker, clauses))
    return out


def _resolved(actors: Sequence[Actor]) -> bool:
    return any(a.country or a.code for a in actors)


def _same_party(a: Sequence[Actor], b: Sequence[Actor]) -> bool:
    ka, kb_ = {actor_key(x) for x in a}, {actor_key(x) for x in b}
    ca, cb = {x.country for x in a} - {None}, {x.country for x in b} - {None}
    return bool(ka & kb_) or bool(ca & cb)


def _speech_act(report: Report, code: str, target: list[Actor], rule: str, tokens: set) -> Candidate:
    return Candidate(code=code, source=list(report.speaker), target=list(target), trigger=report.cue, rule=rule,
                     confidence=0.6, tokens={report.cue.i, *tokens}, kind="speech")


def reported_hostility(report: Report, cands: Sequence[Candidate], dactors: DocActors) -> list[Candidate]:
    """"Chile claimed Peruvian troops shelled the border": putting forward (``allegation_verbs``)
    another actor's hostile act (a CAMEO root of ``hostile_roots``, not negated) accuses that
    actor (112); "officials confirmed the men were detained" only reports it."""
    if report.cue.lemma_ not in dactors.words["allegation_verbs"]:
        return []
    roots = dactors.words["hostile_roots"]
    spans = [(c.left_edge.i, c.right_edge.i) for c in report.clauses]
    out = []
    for cand in cands:
        t = cand.trigger
        if cand.code[:2] not in roots or not cand.source or cand.reciprocal \
                or not any(lo <= t.i <= hi for lo, hi in spans) or any(c.dep_ == "neg" for c in t.children) \
                or _same_party(cand.source, report.speaker):
            continue
        out.append(_speech_act(report, "112", cand.source, f"accuse+{cand.rule}", {t.i}))
    return out


def _evaluated(clause, words, dactors: DocActors) -> tuple[str | None, list[Actor]]:
    """``(kind, actors)`` of a copular clause that judges its subject: "was illegal", "is a
    reliable partner" (``condemnation_words`` / ``praise_words``)."""
    if clause.lemma_ != "be" or any(c.dep_ == "neg" for c in clause.children):
        return None, []
    preds = [c for c in clause.children if c.dep_ in ("acomp", "attr")]
    said = {c.lemma_.lower() for p in preds for c in (p, *p.children) if c.dep_ in ("acomp", "attr", "amod", "compound")}
    kind = "condemn" if said & words["condemnation_words"] or any(_blamed(p, words, dactors) for p in preds) \
        else "praise" if said & words["praise_words"] else None
    subject = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    return kind, (dactors.phrase_actors(subject) if kind and subject is not None else [])


def _blamed(pred, words, dactors: DocActors) -> bool:
    """"was responsible for the attack", "is to blame for the deaths": a word of blame
    (``blame_words``) whose "for" object is a hostile act (an event noun of ``hostile_roots``)
    or a harm (``harm_nouns``); "responsible for security" blames no one."""
    if pred.lemma_.lower() not in words["blame_words"]:
        return False
    roots, harms = words["hostile_roots"], words["harm_nouns"]
    for c in pred.subtree:
        if c.dep_ == "pobj" and c.head.lower_ in ("for", "of"):
            lemma = c.lemma_.lower()
            if lemma in harms or any(p.cameo[:2] in roots for p in dactors._event_nouns.get(lemma, ())):
                return True
    return False


def evaluation(report: Report, cands: Sequence[Candidate], dactors: DocActors) -> list[Candidate]:
    """"Chile said Peru's blockade was illegal" criticises Peru (111); "... Peru was a reliable
    partner" praises it (051)."""
    out = []
    for clause in report.clauses:
        kind, target = _evaluated(clause, dactors.words, dactors)
        target = [a for a in target if not _same_party([a], report.speaker)]
        if target:
            code = "111" if kind == "condemn" else "051"
            out.append(_speech_act(report, code, target, kind, {clause.i}))
    return out


def reported_wrongdoing(report: Report, cands: Sequence[Candidate], dactors: DocActors) -> list[Candidate]:
    """"Chile said Peru had lied about the talks", "“Peru has failed us,” the minister said": a
    report, with any verb of saying, whose clause says another actor did wrong (a verb of
    ``wrongdoing_verbs``; one of ``failing_verbs`` with an object: "failed us", not "failed to
    attend"), not negated and not itself an event the sentence codes, accuses that actor (112)."""
    wrong, failing = dactors.words["wrongdoing_verbs"], dactors.words["failing_verbs"]
    coded = {c.trigger.i for c in cands}  # "said Peru violated the truce": the act is coded; its accusation is
    out = []                              # reported_hostility's, with an allegation verb
    for clause in report.clauses:
        for verb in (clause, *clause.conjuncts):
            lemma = verb.lemma_.lower()
            if verb.i in coded or any(c.dep_ == "neg" for c in verb.children) or not (
                    lemma in wrong or (lemma in failing and any(c.dep_ == "dobj" for c in verb.children))):
                continue
            subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
            target = dactors.phrase_actors(subject) if subject is not None else []
            target = [a for a in target if not _same_party([a], report.speaker)]
            if target:
                out.append(_speech_act(report, "112", target, f"wrongdoing+{lemma}", {verb.i}))
    return out


#: Speech acts a report makes, in order; every rule's candidates are kept.
SPEECH_RULES = rule_table(
    ("events.speech.evaluation.v1", evaluation),
    ("events.speech.reported_hostility.v1", reported_hostility),
    ("events.speech.reported_wrongdoing.v1", reported_wrongdoing),
)


def characterisations(sent, dactors: DocActors) -> list[Candidate]:
    """"Chile described the Peruvian president as a dictator", "branded Peru an aggressor": a
    characterising verb (``characterising_verbs``) with a condemning word for its object
    criticises the object (111)."""
    words = dactors.words
    out = []
    doc, lemmas, verbs = sent.doc, dactors.lemmas, words["characterising_verbs"]
    for i in range(sent.start, sent.end):
        if lemmas[i] not in verbs:
            continue
        tok = doc[i]
        held = next((c for c in tok.children if c.dep_ in ("dobj", "dative") and dactors.phrase_actors(c)), None)
        if held is None:
            continue
        as_words = {p.lemma_.lower() for c in tok.children if c.i != held.i
                    and c.dep_ in words["characterisation_deps"] for p in c.subtree}
        as_words |= {p.lemma_.lower() for c in held.children if c.dep_ in ("appos", "oprd") for p in c.subtree}
        if not as_words & words["condemnation_words"]:
            continue
        source, passive = subject_of(tok, dactors)
        target = dactors.phrase_actors(held)
        if source and target and not passive and not _same_party(source, target):
            out.append(Candidate(code="111", source=source, target=target, trigger=tok, rule="characterise",
                                 confidence=0.6, tokens={tok.i}, kind="speech"))
    return out


def speech_candidates(sent, cands: Sequence[Candidate], dactors: DocActors, quotes: Sequence[Quote]) -> list[Candidate]:
    """The speech acts of ``sent`` (:data:`SPEECH_RULES` over its reports, and characterisations),
    given the candidates already found in it."""
    out, seen = [], set()
    found = [c for report in sentence_reports(sent, dactors, quotes) for rule in SPEECH_RULES
             for c in rule.func(report, cands, dactors)]
    for cand in found + characterisations(sent, dactors):
        key = (frozenset(map(actor_key, cand.source)), frozenset(map(actor_key, cand.target)))
        if key not in seen:  # one speech act per speaker and addressee ("said Peru's blockade was illegal")
            seen.add(key)
            out.append(cand)
    return out


__all__ = ["SPEECH_RULES", "Report", "sentence_reports", "speech_candidates"]
