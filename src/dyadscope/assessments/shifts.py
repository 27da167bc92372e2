"""Shifts: phenomena that reshape a judgement's signed cues before they combine into one polarity.

Each rule takes the document and the cues found in one judgement's scope (``cues.find_cues``),
already signed for negation, and returns them reshaped: a cue may drop out (the part of "not A but
B" that is denied, a state the relationship has left), change sign (a friendship that "is over", a
"so-called" brotherhood) or become mixed (faint praise). They apply in the order of
``SHIFT_RULES``; every rule has its tests in ``tests/assessments/test_polarity.py`` on sentences of
our own, and its words are lexicon lists (``assess_past_markers``, ``assess_end_verbs``, ...).

Signature of every rule: ``rule(doc, cues, *, scope, stop, akb, marks, faint) -> list[Cue]``, with
``scope`` the judgement's token indexes, ``stop`` its head, ``marks`` the ends of multi-word
negators and ``faint`` the tokens of faint praise found in it.
"""

from __future__ import annotations

from dataclasses import replace

from ..rules import rule_table
from .cues import FLIP, SUBJECTS, Cue, _corrects, negation_count

CLAUSE_POS = frozenset({"VERB", "AUX"})


def _negated(doc, cue: Cue, stop: int, akb, marks) -> bool:
    return bool(negation_count(doc, cue.head, stop, frozenset(cue.tokens), akb, marks) % 2)


def _correction_parts(doc, scope: set[int], akb):
    """(denied, stated) token sets of each correction in ``scope``: "no longer a rival but an enemy"
    (two conjoined phrases) and "does not regard B as a threat but as a partner" (two "as" phrases
    of one verb, "but" between them, the negation before the first)."""
    for i in scope:
        second = doc[i]
        if _corrects(second, akb):
            inner = {t.i for t in second.subtree}
            yield {t.i for t in second.head.subtree} - inner, inner
            continue
        head = second.head
        if second.dep_ != "prep" or head.i == second.i:
            continue
        firsts = [c for c in head.children if c.dep_ == "prep" and c.lower_ == second.lower_ and c.i < second.i]
        if not firsts:
            continue
        first = firsts[-1]
        if not any(c.dep_ == "cc" and c.lower_ in akb["contrast"] and first.i < c.i < second.i for c in head.children):
            continue
        if not any(c.i < first.i and c.lower_ in akb["negators"] for c in head.children):
            continue
        yield {t.i for t in first.subtree}, {t.i for t in second.subtree}


def corrected(doc, cues: list[Cue], *, scope, stop, akb, marks, **_) -> list[Cue]:
    """In "no longer a difficult partner but an adversary" the relationship is what follows "but":
    the cues of the denied first part drop out, when the second part has cues and is not itself a
    denial ("no longer an enemy, but far from a friend" keeps both: mixed). The same holds for "not
    as A but as B" after a frame verb ("does not see B as a threat but as a partner": positive)."""
    if len(cues) < 2:
        return cues
    for first, inner in _correction_parts(doc, scope, akb):
        later = [c for c in cues if c.head in inner]
        denied = [c for c in cues if c.head in first]
        if not later or not denied:
            continue
        if any(_negated(doc, c, stop, akb, marks) for c in later):
            continue
        if all(_negated(doc, c, stop, akb, marks) for c in denied):
            cues = [c for c in cues if c not in denied]
    return cues


def _phrase_in(doc, tok, phrases) -> bool:
    """``tok`` starts one of ``phrases`` ("in the past") or is one of its single words."""
    for phrase in phrases:
        words = phrase.split()
        if all(tok.i + j < len(doc) and doc[tok.i + j].lower_ == w for j, w in enumerate(words)):
            return True
    return False


def _past_mark(doc, cue: Cue, akb) -> str | None:
    """"past" when the cue sits under a marker of a past state ("once tense", "Once bitter enemies, ...",
    "formerly allies"), "duration" under "for a decade" ("frosty for a decade"), else None. The walk
    goes up from the cue to its own clause's head and no further."""
    node = doc[cue.head]
    for _ in range(4):
        if node.i != cue.head and _phrase_in(doc, node, akb["past_markers"]) and node.pos_ in ("ADV", "ADP", "SCONJ"):
            return "past"
        for c in node.children:
            if c.dep_ in ("advmod", "npadvmod", "prep") and _phrase_in(doc, c, akb["past_markers"]) and not (
                    c.pos_ == "ADV" and any(g.dep_ in ("pobj", "dobj") for g in c.children)):
                return "past"  # "were once tense"; a fronted "Once rivals, ..." marks only its own phrase
            if c.dep_ == "prep" and c.lower_ == "for" and any(
                    g.dep_ == "pobj" and g.lemma_.lower() in akb["duration_nouns"] for g in c.children):
                return "duration"
        if node.pos_ in CLAUSE_POS or node.head.i == node.i:
            return None
        node = node.head
    return None


def _marker_before(doc, cue: Cue, akb) -> str | None:
    """"past" or "now" when the nearest marker of time before the cue, in its sentence, is a past one
    ("once", "what was") or a present one ("now") and no predicate stands between them, else None:
    "A and B, once friends, are now estranged" and "What was once a close alliance ... has curdled into
    suspicion", where the parser hangs "once" on the main verb. Read in the text, since the parse
    often puts it wrong."""
    sent = doc[cue.head].sent
    for k in range(min(cue.tokens) - 1, sent.start - 1, -1):
        tok = doc[k]
        if _phrase_in(doc, tok, akb["present_markers"]) and tok.dep_ in ("advmod", "npadvmod", "prep"):
            return "now"
        if _phrase_in(doc, tok, akb["past_markers"]) and (tok.pos_ in ("ADV", "ADP", "SCONJ") or tok.lower_ == "what"):
            return "past"
        if tok.pos_ in CLAUSE_POS and tok.dep_ in ("ROOT", "conj") and tok.lower_ not in ("was", "were", "been"):
            return None
    return None


def _time_of(doc, cue: Cue, akb) -> str | None:
    """The cue's time: the marker right before it in the text when there is one, else the one its
    parse hangs from (:func:`_past_mark`)."""
    before = _marker_before(doc, cue, akb)
    if before is not None:
        return "past" if before == "past" else None
    return _past_mark(doc, cue, akb)


def _says_now(doc, scope: set[int], akb) -> bool:
    return any(_phrase_in(doc, doc[k], akb["present_markers"]) and doc[k].dep_ in ("advmod", "npadvmod", "prep")
               for k in scope)


def past_states_out(doc, cues: list[Cue], *, scope, akb, **_) -> list[Cue]:
    """A state the relationship has left gives way to what it is now: "were once tense but are now
    cordial" is positive, "Once rivals, they have become allies" positive; "frosty for a decade, are
    now improving" positive (a duration is past only when the judgement says "now" or has a verb of
    change). A past state with no cue of another sign beside it stays ("once close, and still close")."""
    if len(cues) < 2:
        return cues
    marks = {id(c): _time_of(doc, c, akb) for c in cues}
    if not any(marks.values()):
        return cues
    now = _says_now(doc, scope, akb) or any(c.kind == "direction" and not marks[id(c)] for c in cues)
    past = [c for c in cues if marks[id(c)] == "past" or (marks[id(c)] == "duration" and now)]
    present = [c for c in cues if c not in past]
    if not past or not present:
        return cues
    if {c.polarity for c in present} == {c.polarity for c in past}:
        return cues
    return present


def _ended(doc, tok, akb) -> bool:
    """``tok`` is the subject of a predicate saying it has ended: "is over", "has ended", "came to an
    end" (not negated: "the rivalry is not over" has not ended)."""
    if tok.dep_ not in SUBJECTS:
        return False
    pred = tok.head
    if any(c.dep_ == "neg" or c.lower_ in akb["negators"] and c.dep_ in ("advmod", "neg") for c in pred.children):
        return False
    lemma = pred.lemma_.lower()
    if lemma in ("be", "seem", "look") and any(c.lower_ == "over" and c.dep_ in ("advmod", "acomp", "prt", "prep")
                                              for c in pred.children):
        return True
    if lemma in akb["end_verbs"] and not any(c.dep_ == "dobj" for c in pred.children):
        return True
    return lemma == "come" and any(c.dep_ == "prep" and c.lower_ == "to" and any(
        g.lemma_.lower() == "end" for g in c.children) for c in pred.children)


def ended_states(doc, cues: list[Cue], *, akb, **_) -> list[Cue]:
    """A state said to have ended turns: "the honeymoon between A and B is over" is negative, "their
    feud has ended" positive. A cue whose own words say so ("honeymoon is over") is already signed."""
    out = []
    for cue in cues:
        tok = doc[cue.head]
        if cue.polarity != "mixed" and tok.head.i not in cue.tokens and _ended(doc, tok, akb):
            cue = replace(cue, polarity=FLIP[cue.polarity])
        out.append(cue)
    return out


def _pretended(tok, akb) -> bool:
    """``tok`` has a modifier that doubts it: "so-called", "supposed", "self-styled"."""
    words = akb["pretence_modifiers"]
    for c in tok.children:
        if c.dep_ in ("amod", "compound", "advmod") and c.i < tok.i:
            form = "".join(t.text for t in c.subtree).lower()
            if form in words or c.lower_ in words:
                return True
    return False


def _supposed(tok, akb) -> bool:
    """``tok`` is what something is "supposed to be" ("are supposed to be partners", "meant to be
    allies"): the predicate of an infinitive "be" under a verb of ``assess_pretence_modifiers``."""
    be = tok.head
    if tok.dep_ not in ("attr", "acomp") or be.lemma_.lower() != "be" or be.dep_ != "xcomp":
        return False
    return be.head.lower_ in akb["pretence_modifiers"] and be.head.tag_ == "VBN"


def _pretending(tok) -> bool:
    """``tok`` sits in what someone "pretends" ("stopped pretending that B is a friend")."""
    node = tok
    for _ in range(6):
        if node.head.i == node.i:
            return False
        if node.dep_ in ("ccomp", "xcomp") and node.head.lemma_.lower() == "pretend":
            return True
        node = node.head
    return False


def pretences(doc, cues: list[Cue], *, akb, **_) -> list[Cue]:
    """A relationship word under a modifier that doubts it is denied: "the so-called brotherhood" is
    negative; a doubted bad word ("the so-called rivalry") is mixed. So is what the pair is only
    "supposed to be" ("A and B are supposed to be partners, yet ...": negative)."""
    out = []
    for cue in cues:
        if _pretended(doc[cue.head], akb) or _supposed(doc[cue.head], akb) or _pretending(doc[cue.head]):
            cue = replace(cue, polarity="negative" if cue.polarity == "positive" else "mixed")
        out.append(cue)
    return out


def _on_rhetoric(doc, cue: Cue, akb) -> bool:
    """The cue modifies what is said or shown ("warm words", "talk of brotherhood")."""
    tok, words = doc[cue.head], akb["rhetoric_nouns"]
    if tok.dep_ in ("amod", "compound") and (tok.head.lower_ in words or tok.head.lemma_.lower() in words):
        return True
    return (tok.dep_ == "pobj" and tok.head.lower_ == "of"
            and (tok.head.head.lower_ in words or tok.head.head.lemma_.lower() in words))


def rhetoric_out(doc, cues: list[Cue], *, akb, **_) -> list[Cue]:
    """Words against the relationship itself: "Despite warm words, relations remain cool" is
    negative; a cue on rhetoric alone stays ("an exchange of warm words" is for the filters)."""
    said = [c for c in cues if _on_rhetoric(doc, c, akb)]
    rest = [c for c in cues if c not in said]
    return rest if said and rest else cues


def qualified_nouns(doc, cues: list[Cue], *, akb, **_) -> list[Cue]:
    """A positive relationship noun under a modifier of manner (``assess_qualifiers``) is qualified,
    not denied: "uneasy allies", "a prickly partner", "grudging respect" are mixed ("an unreliable
    friend" stays negative: unreliable denies the friendship). A negative noun under a positive
    word is softened, not turned: "friendly rivals" is mixed."""
    by_head = {c.head: c for c in cues}
    words = akb["qualifiers"]
    out = list(cues)
    for cue in cues:
        tok = doc[cue.head]
        if cue.polarity == "negative" and tok.pos_ == "NOUN" and len(cue.tokens) == 1:
            friendly = [by_head[c.i] for c in tok.children if c.dep_ == "amod" and c.i in by_head
                        and by_head[c.i].polarity == "positive" and by_head[c.i].kind == "word"]
            out = [replace(c, polarity="mixed") if c in friendly else c for c in out]
            continue
        if cue.polarity != "positive" or tok.pos_ != "NOUN" or len(cue.tokens) != 1:
            continue
        mods = [c for c in tok.children if c.dep_ == "amod" and (c.lower_ in words or c.lemma_.lower() in words)]
        if not mods:
            continue
        for mod in mods:
            if mod.i in by_head:
                out = [replace(c, polarity="mixed") if c is by_head[mod.i] and c.polarity == "negative" else c for c in out]
        if not any(m.i in by_head for m in mods):
            out = [replace(c, polarity="mixed") if c is cue else c for c in out]
    return out


def tentative_recoveries(doc, cues: list[Cue], *, akb, **_) -> list[Cue]:
    """A positive change said to be slow or tentative (``assess_tentative``) is two-sided: "are being
    rebuilt brick by brick", "a tentative rapprochement", "improving, but slowly" are mixed; "steadily
    recovering" stays positive."""
    words = akb["tentative"]
    out = []
    for cue in cues:
        tok = doc[cue.head]
        change = cue.kind == "direction" or (tok.pos_ == "NOUN" and tok.lemma_.lower() in akb["state_nouns"])
        if cue.polarity == "positive" and change and any(
                c.dep_ in ("advmod", "amod", "npadvmod", "prep") and _phrase_in(doc, c, words) for c in tok.children):
            cue = replace(cue, polarity="mixed")
        out.append(cue)
    return out


def contrasted_modifiers(doc, cues: list[Cue], *, scope, akb, **_) -> list[Cue]:
    """Two modifiers joined by "but" are set against each other ("a demanding but loyal partner",
    "small but valued"): when only one is a cue, the other is read as its opposite, and the
    judgement is mixed."""
    heads = {c.head: c for c in cues}
    for k in scope:
        tok = doc[k]
        if tok.dep_ != "conj" or tok.pos_ not in ("ADJ", "ADV") or tok.head.pos_ != tok.pos_:
            continue
        if not any(c.dep_ == "cc" and c.lower_ in akb["contrast"] and tok.head.i < c.i < k for c in tok.head.children):
            continue
        known = [heads[i] for i in (tok.head.i, k) if i in heads]
        if len(known) == 1 and known[0].polarity != "mixed":
            cues = [replace(c, polarity="mixed") if c is known[0] else c for c in cues]
    return cues


def relative_contrasts(doc, cues: list[Cue], *, scope, akb, **_) -> list[Cue]:
    """A relative clause that sets the other side against a role noun makes it two-sided: "allies
    who often disagree", "partners who quarrel over fish" (a positive noun, a verb of
    ``assess_relative_strain``), "rivals who need each other", "enemies who depend on one another"
    (a negative noun, a verb of ``assess_relative_bond``) are mixed."""
    out = list(cues)
    for cue in cues:
        tok = doc[cue.head]
        if tok.pos_ != "NOUN" or cue.polarity == "mixed":
            continue
        words = akb["relative_strain"] if cue.polarity == "positive" else akb["relative_bond"]
        for rel in tok.children:
            if rel.dep_ == "relcl" and rel.i in scope and rel.lemma_.lower() in words and not any(
                    c.dep_ == "neg" for c in rel.children):
                out = [replace(c, polarity="mixed") if c is cue else c for c in out]
    return out


#: Words that may stand between a contrast word and the qualifier it concedes ("though a rather difficult one").
_CONCESSION_FILLERS = frozenset({"DET", "ADV", "PUNCT"})


def conceded_qualifiers(doc, cues: list[Cue], *, scope, akb, **_) -> list[Cue]:
    """A word of manner (``assess_qualifiers``) conceded after a contrast word qualifies a positive
    judgement: "a good neighbour, though a difficult one", "good, though prickly", "close, if
    awkward" are mixed. The qualifier is not a cue alone ("difficult talks"); only a judgement
    with a positive cue and a qualifier right after "though"/"if"/"but"/"yet" (articles and
    adverbs between) turns mixed."""
    if not any(c.polarity == "positive" for c in cues) or any(c.polarity != "positive" for c in cues):
        return cues
    words, contrast, heads = akb["qualifiers"], akb["contrast"], {c.head for c in cues}
    for k in sorted(scope):
        tok = doc[k]
        if k in heads or (tok.lower_ not in words and tok.lemma_.lower() not in words):
            continue
        j = k - 1
        while j >= 0 and doc[j].pos_ in _CONCESSION_FILLERS and doc[j].lower_ not in contrast:
            j -= 1
        if j >= 0 and doc[j].lower_ in contrast and (j in scope or doc[j].head.i in scope) and any(c.head < j for c in cues):
            return cues + [Cue(k, (k,), "mixed", "word")]
    return cues


#: Finite verb tags: a conceded phrase with one of them is a clause of its own, read by ``stage._concede``.
_FINITE_TAGS = frozenset({"VBZ", "VBP", "VBD", "MD"})


def _limiting_phrase(doc, start: int, end: int, akb) -> bool:
    """The words ``doc[start:end]`` limit what came before them: a negator ("but not an uncritical
    one", "though hardly enthusiastic ones"), a limiter ("if only a little"), a word of slowness
    ("but slowly"), of manner ("though a difficult one", ``assess_qualifiers``) or of a limit
    (``assess_limiting``: "up to a point", "more or less")."""
    words = akb["negators"] | akb["limiters"] | akb["tentative"] | akb["limiting"] | akb["qualifiers"]
    for k in range(start, end):
        if doc[k].lower_ in words or any(_phrase_in(doc, doc[k], (p,)) for p in akb["limiting"] if " " in p):
            return True
    return False


def conceded_limits(doc, cues: list[Cue], *, scope, stop, akb, marks, **_) -> list[Cue]:
    """A limit conceded right after a judgement, in a phrase with no verb of its own, makes it
    two-sided: "partners, though hardly enthusiastic ones", "a friend, but not an uncritical one",
    "improving, but slowly and unevenly", "have warmed, if only a little", "trusts B, up to a point",
    "a good neighbour, though a difficult one, a diplomat said" are mixed. The phrase is read in the
    text (the parser often hangs it on a verb of saying after it): from the first comma after the
    last cue (with no finite verb before it) to the next punctuation, after a contrast word, or with
    none when it holds a phrase of ``assess_limiting``. A phrase naming someone ("close to B, but not
    to C") or with a finite verb or subject ("..., but they are not allies": a clause, read by
    ``stage._concede``) is no limit; nor is a denied judgement ("no longer rivals, but not yet
    friends", read by the negation rules)."""
    if not cues or len({c.polarity for c in cues}) != 1 or cues[0].polarity == "mixed":
        return cues
    sent_end = doc[stop].sent.end
    k = max(max(c.tokens) for c in cues) + 1
    while k < sent_end and doc[k].text != ",":
        if doc[k].tag_ in _FINITE_TAGS or doc[k].is_punct:
            return cues
        k += 1
    start = k + 1
    if start >= sent_end:
        return cues
    contrast = doc[start].lower_ in akb["contrast"]
    end = start
    while end < sent_end and not doc[end].is_punct:
        end += 1
    phrase = range(start + (1 if contrast else 0), end)
    if not phrase or any(doc[j].pos_ == "PROPN" or doc[j].tag_ in _FINITE_TAGS
                         or doc[j].dep_ in ("nsubjpass", "expl") for j in phrase):
        return cues
    if not contrast and not any(_phrase_in(doc, doc[j], (p,)) for j in phrase for p in akb["limiting"]):
        return cues  # with no contrast word only a phrase of ``assess_limiting`` limits ("..., up to a point")
    if any(_negated(doc, c, stop, akb, marks) for c in cues if c.kind != "state"):
        return cues
    if _limiting_phrase(doc, phrase.start, phrase.stop, akb):
        return cues + [Cue(phrase.start, (phrase.start,), "mixed", "word")]
    return cues


def _markers(doc, scope: set[int], phrases) -> list[int]:
    """Start tokens of the phrases of a marker list found in ``scope``."""
    found = []
    for k in sorted(scope):
        for phrase in phrases:
            words = phrase.split()
            if all(k + j in scope and doc[k + j].lower_ == w for j, w in enumerate(words)):
                found.append(k)
                break
    return found


def reality_over_appearance(doc, cues: list[Cue], *, scope, akb, **_) -> list[Cue]:
    """"Allies on paper and adversaries in practice", "cordial in form and empty in substance": a
    cue qualified by a marker of appearance (the first marker after it) gives way to one qualified
    by a marker of reality; with no such cue a positive one is denied ("allies in name only")."""
    if not cues:
        return cues
    seeming = _markers(doc, scope, akb["appearance_markers"])
    if not seeming:
        return cues
    real = _markers(doc, scope, akb["reality_markers"])
    marks = sorted([(k, "seeming") for k in seeming] + [(k, "real") for k in real])

    def qualifier(cue):
        after = [m for m in marks if m[0] > max(cue.tokens)]
        if not after:
            return None
        k, kind = after[0]
        between = [c for c in cues if c is not cue and max(cue.tokens) < c.head < k]
        return None if between else kind

    kinds = {id(c): qualifier(c) for c in cues}
    if any(kind == "real" for kind in kinds.values()):
        return [c for c in cues if kinds[id(c)] != "seeming"]
    return [replace(c, polarity="negative") if kinds[id(c)] == "seeming" and c.polarity == "positive" else c
            for c in cues]


def faint_praise(doc, cues: list[Cue], *, faint, **_) -> list[Cue]:
    """Faint praise ("cordial at best", "merely functional", ``assess_faint``) limits what is
    positive in the judgement to mixed."""
    if faint and any(c.polarity == "positive" for c in cues):
        return [replace(c, polarity="mixed") if c.polarity == "positive" else c for c in cues]
    return cues


SHIFT_RULES = rule_table(
    ("assessments.shift.correction.v1", corrected),
    ("assessments.shift.past_state.v1", past_states_out),
    ("assessments.shift.ended_state.v1", ended_states),
    ("assessments.shift.pretence.v1", pretences),
    ("assessments.shift.rhetoric.v1", rhetoric_out),
    ("assessments.shift.qualified_noun.v1", qualified_nouns),
    ("assessments.shift.tentative.v1", tentative_recoveries),
    ("assessments.shift.contrasted_modifiers.v1", contrasted_modifiers),
    ("assessments.shift.relative_contrast.v1", relative_contrasts),
    ("assessments.shift.conceded_qualifier.v1", conceded_qualifiers),
    ("assessments.shift.conceded_limit.v1", conceded_limits),
    ("assessments.shift.appearance.v1", reality_over_appearance),
    ("assessments.shift.faint_praise.v1", faint_praise),
)
