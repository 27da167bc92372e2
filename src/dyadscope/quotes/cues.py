"""Cues: reporting verbs and phrases in a parse, their extent, and the token naming their source.

Functions take the :class:`~dyadscope.knowledge.Knowledge` object: reporting verbs, phrases and
frames from ``kb.quotes``, the words of the rules (expletive subjects, quoting verbs) from
``kb.lexicon``.
"""

from __future__ import annotations

from dataclasses import dataclass

from .frames import pos_group



@dataclass(frozen=True, slots=True)
class Cue:
    """A cue found in the parse.

    Attributes:
        i: Token index of the cue's head (the verb, or the first word of a phrase).
        start, end: Character span of the whole cue ("has said", "told Xinhua", "according to").
        kind: ``speech``, ``thought``, ``evidence`` (reporting verbs), ``frame`` (verbs known only
            from ``cue_frames.jsonl``) or ``source_after`` (phrases).
        source: Token index of the source's head, or None when the parse names none.
        passive: True for "it was stated that ..." (a source, if any, sits in a phrase).
    """

    i: int
    start: int
    end: int
    kind: str
    source: int | None
    passive: bool = False


def is_cue_verb(tok, kb, *, table: bool = True) -> bool:
    """A reporting verb (``reporting_verbs.jsonl``), or (with ``table``) a verb, noun or adjective
    with learned frames (``cue_frames.jsonl``)."""
    pos = pos_group(tok)
    if pos is None:
        return False
    lemma = tok.lemma_.lower()
    verbs = kb.quotes.verbs
    if pos == "VERB" and lemma in verbs:
        return verbs[lemma] != "not_a_cue"
    return table and (lemma, pos) in kb.quotes.frames


def is_cue_at(i: int, groups: list, lemmas: list[str], kb, *, table: bool = True) -> bool:
    """:func:`is_cue_verb` of token ``i``, given every token's :func:`~.frames.pos_group` and
    lower-cased lemma."""
    pos = groups[i]
    if pos is None:
        return False
    lemma = lemmas[i]
    verbs = kb.quotes.verbs
    if pos == "VERB" and lemma in verbs:
        return verbs[lemma] != "not_a_cue"
    return table and (lemma, pos) in kb.quotes.frames


def characterisation(tok, words):
    """The "as" phrase of a characterising verb that holds a quotation mark ('described the
    plan as a “toy army”', 'was described as a “farce” by X'): the source's own words;
    None otherwise."""
    if tok.pos_ != "VERB" or tok.lemma_.lower() not in words["characterising_cue_verbs"]:
        return None
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ == "as" and any(
                t.tag_ in ("``", "''") or t.text in "\"“”«»" for t in c.subtree):
            return c
    return None


def cue_extent(verb, words) -> tuple[int, int]:
    """Character span of a verb cue: auxiliaries and particles next to it, and "told Xinhua"."""
    left = right = verb.i
    doc = verb.doc
    for c in verb.children:
        if c.dep_ in ("aux", "auxpass", "neg", "prt") and abs(c.i - verb.i) <= 3:
            left, right = min(left, c.i), max(right, c.i)
        elif c.dep_ in ("dobj", "dative") and c.i == verb.i + 1 and c.pos_ == "PROPN" \
                and verb.lemma_ in words["addressee_cue_verbs"]:
            right = max(right, c.right_edge.i)
    # Only keep a contiguous run around the verb (adverbs in between are fine).
    return doc[left].idx, doc[right].idx + len(doc[right])


def _across_quote_mark(doc, lo: int, hi: int) -> bool:
    """True when a quotation mark lies between tokens ``lo`` and ``hi`` (exclusive)."""
    return any(doc[k].tag_ in ("''", "``") or doc[k].text in "\"“”«»" for k in range(lo + 1, hi))


def subject_token(verb, words, depth: int = 0):
    """The subject token of ``verb``, climbing through coordination, participles and gerunds
    ("is determined to act by insisting that ..."). Where the parse gives the verb two subjects,
    one inside the quotation before it ('"... the council," said Ana Ruiz'), the one not
    across the quotation's closing mark."""
    for c in verb.children:
        if c.dep_ in ("nsubj", "csubj"):
            if c.i < verb.i and _across_quote_mark(verb.doc, max(c.i, verb.i - 3), verb.i):
                # '"... the marines ...," said X': a later subject outside the quotation wins
                return next((x for x in verb.rights if x.dep_ in ("nsubj", "csubj")), c)
            return c
        if c.dep_ == "nsubjpass":
            if c.lower_ in words["expletive_subjects"]:
                return None
            # "X was quoted as saying": the passive subject is the speaker only for these verbs,
            # or, for a participle reached by climbing, a name, a pronoun or people ("residents
            # were moved, saying ..."; not "her passport was revoked, while asking ...").
            if verb.lemma_ in words["quoting_verbs"]:
                return c
            person = c.pos_ in ("PROPN", "PRON") or c.lower_ in words["civilian_speaker_nouns"]
            return c if depth > 0 and person else None
    if depth < 3 and verb.dep_ in ("conj", "xcomp", "advcl", "acomp") and verb.head is not verb:
        if verb.dep_ == "advcl" and verb.tag_ != "VBG":
            return None
        return subject_token(verb.head, words, depth + 1)
    if depth < 3 and verb.dep_ == "pcomp" and verb.tag_ == "VBG" and verb.head.dep_ == "prep" \
            and verb.head.head.pos_ in ("VERB", "AUX", "ADJ"):
        return subject_token(verb.head.head, words, depth + 1)  # "... by insisting that"
    return None


def preceding_name(verb):
    """'"...," Ana Ruiz said': the name right before a reporting verb, after punctuation, when
    the parse gave the verb no subject (it sometimes takes the name for an adverb)."""
    doc = verb.doc
    j = verb.i - 1
    while j >= 0 and doc[j].pos_ == "PROPN" and doc[j].is_alpha:
        j -= 1
    if j == verb.i - 1 or j < 0 or not doc[j].is_punct:
        return None
    return doc[verb.i - 1]


def inverted_subject(verb, words):
    """'"...," said 35-year-old Ana Ruiz': the noun right after a reporting verb that follows
    punctuation, when the parse gave the verb no subject (it often hangs the name on a later
    verb of its own apposition or relative clause). Never after verbs whose object is the
    addressee ("told reporters")."""
    doc = verb.doc
    if verb.i == 0 or not doc[verb.i - 1].is_punct or verb.lemma_.lower() in words["addressee_cue_verbs"]:
        return None
    modifier_deps = words["speaker_name_modifier_deps"]
    for j in range(verb.i + 1, min(len(doc), verb.i + 9)):
        t = doc[j]
        if t.dep_ in modifier_deps and j < t.head.i <= verb.i + 9:
            continue
        return t if t.pos_ in ("PROPN", "NOUN") else None
    return None


def agent_of(verb):
    """``X`` in "... was said by X"."""
    for c in verb.children:
        if c.dep_ == "agent":
            for g in c.children:
                if g.dep_ == "pobj":
                    return g
    return None


def is_passive(verb) -> bool:
    return any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children)


def nominal_source(tok, words):
    """Source of a noun or adjective cue: "her claim", "the mayor made the claim", "X is critical of"."""
    for c in tok.children:
        if c.dep_ == "poss":
            return c
    if tok.dep_ in ("dobj", "attr", "acomp") and tok.head.pos_ in ("VERB", "AUX"):
        return subject_token(tok.head, words)
    return None


def verb_cue(verb, kb) -> Cue:
    """The :class:`Cue` of a cue token (normally a verb; nouns and adjectives via learned frames)."""
    words = kb.lexicon
    if verb.pos_ in ("NOUN", "ADJ"):
        src = nominal_source(verb, words)
        return Cue(verb.i, verb.idx, verb.idx + len(verb), "frame", None if src is None else src.i)
    start, end = cue_extent(verb, words)
    subj = subject_token(verb, words)
    passive = is_passive(verb) and subj is None
    if passive:
        subj = agent_of(verb)
    elif subj is None:
        subj = inverted_subject(verb, words) or preceding_name(verb)
    kind = kb.quotes.verbs.get(verb.lemma_.lower(), "frame")
    return Cue(verb.i, start, end, kind, None if subj is None else subj.i, passive)


def phrase_cues(doc, kb, lowers: list[str] | None = None) -> list[Cue]:
    """Multi-word cues such as "according to X", with X's head as source (``lowers``: every
    token's ``lower_``, when the caller has them)."""
    phrases = kb.quotes.phrases
    if not phrases:
        return []
    by_first: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for phrase, kind in phrases.items():
        by_first.setdefault(phrase[0], []).append((phrase, kind))
    if lowers is None:
        lowers = [t.lower_ for t in doc]
    out = []
    for i, lower in enumerate(lowers):
        candidates = by_first.get(lower)
        if candidates is None:
            continue
        tok = doc[i]
        for phrase, kind in candidates:
            n = len(phrase)
            if tok.i + n > len(doc):
                continue
            if tuple(lowers[tok.i : tok.i + n]) != phrase:
                continue
            last = doc[tok.i + n - 1]
            src = next((c for c in last.children if c.dep_ == "pobj"), None)
            if src is None and tok.i + n < len(doc):
                nxt = doc[tok.i + n]
                # The parser sometimes attaches the object elsewhere; take the next noun phrase head.
                src = nxt if nxt.pos_ in ("PROPN", "NOUN", "PRON") else None
                if src is not None:
                    while src.dep_ == "compound" and src.head.i > src.i:
                        src = src.head
            out.append(Cue(tok.i, tok.idx, last.idx + len(last), kind, None if src is None else src.i))
            break
    return out
