"""Evaluative cues in a judgement's scope, their polarity, and negation.

A cue is a word or phrase of the polar lexicons (``assess_positive``, ``assess_negative``,
``assess_mixed``), a verb of direction (``assess_rise_verbs``/``assess_fall_verbs``, signed by
what rises or falls: ties falling is negative, tensions falling positive), or a cue a rule brings
itself (an attitude verb, a desire about the other side). Negation is counted along the parse from
the cue up to the judgement's head; it passes through copulas and light verbs ("have", "see",
"talk") but not through other verbs ("have not ended their feud" leaves "feud"
negative). A negated comparative keeps its polarity ("never been better", "rarely looked
sturdier", "no better friend"); a negated equative is mixed ("not as close as they seem"); "not
merely" adds rather than negates; "rather than", "far from", "no longer", "without" negate.
A plain "not"/"never" denying something bad is mixed ("not in crisis": a denial that concedes
strain); "no longer", "far from", "rather than" still turn it positive. In "no longer A but B" the negation stops at "but": B is what the relationship is now. A
comparative measured against appearances ("sturdier than the quarrels suggest") is mixed.
"""

from __future__ import annotations

from dataclasses import dataclass

from .tree import conjuncts

FLIP = {"positive": "negative", "negative": "positive", "mixed": "mixed"}
SUBJECTS = frozenset({"nsubj", "nsubjpass"})
COMPARATIVE_TAGS = frozenset({"JJR", "RBR", "JJS", "RBS"})
MODIFIER_DEPS = frozenset({"amod", "compound", "nmod"})
NEGATOR_DEPS = frozenset({"neg", "advmod", "det", "preconj", "npadvmod"})


@dataclass(frozen=True, slots=True)
class Cue:
    """One evaluative cue: its tokens, the token it hangs from, its polarity after negation."""

    head: int
    tokens: tuple[int, ...]
    polarity: str
    kind: str


def negator_marks(sent, akb, lowers: list[str] | None = None) -> set[int]:
    """Token indexes ending a multi-word negator ("no longer", "far from", "rather than")."""
    marks: set[int] = set()
    words = lowers[sent.start : sent.end] if lowers is not None else [t.lower_ for t in sent]
    for k, word in enumerate(words):
        for phrase in akb.negator_phrases.get(word, ()):
            n = len(phrase)
            if tuple(words[k : k + n]) == phrase:
                marks.add(sent.start + k + n - 1)
    return marks


def _is_negator_child(tok, akb, marks: set[int]) -> bool:
    doc = tok.doc
    if tok.i in marks and (tok.pos_ in ("ADV", "CCONJ") or (  # "no longer", "anything but"
            tok.dep_ == "advmod" and not any(g.dep_ == "neg" for g in tok.children))):  # "nowhere near" (an adjective)
        return True
    if (tok.lower_ not in akb["negators"] and tok.norm_.lower() not in akb["negators"]) or tok.pos_ == "ADP":
        return False
    if tok.dep_ not in NEGATOR_DEPS:
        return False
    follower = doc[tok.i + 1].lower_ if tok.i + 1 < len(doc) else ""
    return follower not in akb["limiters"]


def _is_content_verb(tok, akb) -> bool:
    return tok.pos_ == "VERB" and tok.lemma_.lower() not in akb["light_verbs"]


def _owned_negators(node, prev, skip, akb, marks) -> int:
    """Negators among ``node``'s dependents that negate ``node`` itself. In "a rival, not a
    friend" the parse hangs "not" on "rival"; it negates the apposition after it instead (a phrase,
    not a clause: in "are not bad, but nobody calls them friendly" the "not" is the copula's own)."""
    siblings = [c.i for c in node.children if c.dep_ in ("appos", "conj") and c.pos_ not in ("VERB", "AUX")]
    contrasts = [c.i for c in node.children if c.dep_ == "cc" and c.lower_ in akb["contrast"]]
    count = 0
    for c in node.children:
        if c is prev or c.i in skip:
            continue
        if prev is not None and any(c.i < k < prev.i for k in contrasts):
            continue  # "no longer enemies, but far from friends": the negation stays before "but"
        if c.dep_ == "advmod" and not _is_negator_child(c, akb, marks):  # "not yet trusting", "not very close"
            count += sum(1 for g in c.children if g.dep_ == "neg" and _is_negator_child(g, akb, marks))
            continue
        if not _is_negator_child(c, akb, marks) or (c.i > node.i and any(s > c.i for s in siblings)):
            continue
        count += 1
    if prev is not None:  # "neighbours, not friends" parsed as two predicates: the "not" hangs on the first
        for c in node.children:
            if c is not prev and c.dep_ == prev.dep_ and c.i < prev.i and c.i not in skip:
                count += sum(1 for g in c.children
                             if c.i < g.i < prev.i and g.dep_ == "neg" and _is_negator_child(g, akb, marks))
    if node.dep_ in ("appos", "conj") and node.head.i != node.i:  # "a partner rather than a rival"
        head = node.head
        buts = [c.i for c in head.children if c.dep_ == "cc" and c.lower_ in akb["contrast"] and c.i < node.i]
        count += sum(1 for c in head.children
                     if head.i < c.i < node.i and c.i not in skip and (c.i in marks or _is_negator_child(c, akb, marks))
                     and not any(c.i < b for b in buts))  # "no longer rivals, but not yet friends": "no longer" is the first's
    return count


def few_quantified(tok, akb, marks: set[int]) -> bool:
    """``tok`` is a subject quantified to none or few: "few" / "nobody" itself, or with "few" or a
    negator before it ("few Chilean diplomats", "hardly anyone", "no one"); not "a few"."""
    quantifiers = akb["negative_quantifiers"]

    def few(t) -> bool:
        return t.lower_ in quantifiers and not (t.i > 0 and t.doc[t.i - 1].lower_ == "a")

    if few(tok):
        return True
    return any(g.i < tok.i and (few(g) or (g.dep_ in ("advmod", "neg", "det") and _is_negator_child(g, akb, marks)))
               for g in tok.children)


def _few_subject(node, akb, marks: set[int]) -> int:
    """1 when the clause at ``node`` has a subject quantified to none or few that holds a view
    ("few diplomats trust B", "few would call them friends"); a subject that is itself a group of
    states or a relationship ("few countries are as close as A and B") is the judged side, not a
    holder, and does not negate."""
    for c in node.children:
        if c.dep_ not in SUBJECTS:
            continue
        lemma = c.lemma_.lower()
        if lemma in akb["relation_nouns"] or lemma in akb["dyad_group_nouns"] or c.lower_ in akb["dyad_group_nouns"]:
            return 0
        return 1 if few_quantified(c, akb, marks) else 0
    return 0


def negation_count(doc, head: int, stop: int, skip: frozenset[int], akb, marks: set[int]) -> int:
    """How many negators scope over the cue at token ``head``, up to the judgement's head ``stop``."""
    node, prev, count = doc[head], None, 0
    while True:
        lemma = node.lemma_.lower()
        if node.i != head and _is_content_verb(node, akb):
            return count + (1 if lemma in akb["negators"] else 0)
        count += _owned_negators(node, prev, skip, akb, marks) + _few_subject(node, akb, marks)
        if node.i != head and node.pos_ in ("ADP", "SCONJ", "CCONJ") and (node.i in marks or lemma in akb["negators"]):
            count += 1
        if node.i == stop or node.head.i == node.i or node.dep_ in SUBJECTS:
            return count + _doubted(node, akb)
        if _corrects(node, akb):  # "no longer a rival but an enemy": the negation stops before "but"
            return count
        prev, node = node, node.head


def _phrase_negated(doc, head: int, stop: int, marks: set[int]) -> bool:
    """A multi-word negator ("no longer", "far from", "rather than") on the path from the cue at
    ``head`` up to the judgement's head ``stop``, or hanging from it."""
    node = doc[head]
    for _ in range(12):
        if node.i in marks or any(c.i in marks or any(g.i in marks for g in c.children) for c in node.children):
            return True
        if node.i == stop or node.head.i == node.i:
            return False
        node = node.head
    return False


def _partly_negated(doc, head: int, stop: int, akb) -> bool:
    """A negator followed by a word of ``assess_partial`` ("not entirely", "not always") on the
    path from the cue up to the judgement's head, or hanging from it: a partial denial."""
    partial = akb["partial"]
    node = doc[head]
    for _ in range(12):
        for t in (node, *node.children, *(g for c in node.children for g in c.children)):
            if t.lower_ in akb["negators"] and t.i + 1 < len(doc) and doc[t.i + 1].lower_ in partial:
                return True
        if node.i == stop or node.head.i == node.i:
            return False
        node = node.head
    return False


def _set_against(tok) -> bool:
    """A denied cue set against another phrase ("partners, not rivals", "friends and not
    enemies"): the denial sharpens the contrast rather than concedes strain."""
    node = tok
    for _ in range(3):
        if node.dep_ in ("appos", "conj"):
            return True
        if node.dep_ not in MODIFIER_DEPS and node.dep_ not in ("det", "neg"):
            return False
        node = node.head
    return False


def _corrects(node, akb) -> bool:
    """``node`` is the second conjunct of "not A but B" / "no longer A but B" (two phrases, not two
    clauses): it states what is instead of what is denied, so a negation above the pair scopes
    over A only."""
    if node.dep_ != "conj" or node.head.i == node.i:
        return False
    if any(c.dep_ in SUBJECTS or c.dep_ == "expl" for c in node.children):
        return False  # a clause of its own: "not beyond repair, but they are ..." is a contrast, not a correction
    head = node.head
    return any(c.dep_ == "cc" and c.lower_ in akb["contrast"] and head.i < c.i < node.i for c in head.children)


def _against_appearance(tok, akb) -> bool:
    """A comparative measured against how things look or are said to be ("warmer than the quarrels
    suggest", "weaker than it looks", "closer than many think"): a contrast between appearance and
    reality, which is mixed like "not as close as they seem". The "than" phrase is read in the text
    after the comparative, up to the next punctuation, since the parse often hangs it elsewhere."""
    if tok.tag_ not in COMPARATIVE_TAGS and not any(c.lower_ == "more" for c in tok.children):
        return False
    doc, verbs = tok.doc, akb["appearance_verbs"]
    end = tok.sent.end
    thans = [t for t in doc[tok.i + 1 : min(end, tok.i + 4)] if t.lower_ == "than"]
    for than in thans[:1]:
        for t in doc[than.i + 1 : min(end, than.i + 12)]:
            if t.is_punct:
                break
            if (t.pos_ in ("VERB", "AUX") and t.lemma_.lower() in verbs) or (t.lower_ in verbs and t.i > than.i + 1):
                return True  # the tagger sometimes takes "than many assume" for a noun
    return False


def _doubted(clause, akb) -> int:
    """1 when the judgement's clause is what "no guarantee (that) ..." denies."""
    noun = clause.head
    if clause.dep_ not in ("acl", "ccomp") or noun.lemma_.lower() not in akb["doubt_nouns"] and noun.lower_ not in akb["doubt_nouns"]:
        return 0
    return 1 if any(c.dep_ in ("det", "neg") and c.lower_ in akb["negators"] for c in noun.children) else 0


def _is_comparative(tok, tokens=()) -> bool:
    """A comparative or superlative, or a degree with "so" or "this" ("never so close", "rarely so far
    apart", "have not been this close in years")."""
    doc = tok.doc
    for t in [tok, *(doc[i] for i in tokens)]:
        if t.tag_ in COMPARATIVE_TAGS:
            return True
        if any(c.lower_ in ("more", "most", "so") or (c.lower_ in ("this", "that") and c.dep_ in ("advmod", "npadvmod"))
               or (c.dep_ == "amod" and c.tag_ in COMPARATIVE_TAGS) for c in t.children):
            return True
        if t.pos_ == "ADJ" and t.i > 0 and doc[t.i - 1].lower_ == "this":  # "not been this close", however parsed
            return True
    return False


def _is_equative(tok) -> bool:
    return any(c.lower_ == "as" and c.dep_ == "advmod" for c in tok.children)


def _against_time(tok, akb) -> bool:
    """An equative measured against the past ("not as close as they once were", "as they used to be",
    "as before"), read in the text after the second "as" up to the next punctuation: a change, so the
    negation turns it ("no longer as close as they once were" is negative), unlike an equative against
    appearances ("not as close as they seem": mixed)."""
    doc, end = tok.doc, tok.sent.end
    after = [t for t in doc[tok.i + 1 : min(end, tok.i + 3)] if t.lower_ == "as"]
    if not after:
        return False
    words = []
    for t in doc[after[0].i + 1 : min(end, after[0].i + 10)]:
        if t.is_punct:
            break
        words.append(t)
    if any(t.pos_ in ("VERB", "AUX") and t.lemma_.lower() in akb["appearance_verbs"] for t in words):
        return False
    lowers = [t.lower_ for t in words]
    return bool(set(lowers) & (akb["past_markers"] | {"before", "ago", "used"})) or any(t.tag_ == "VBD" for t in words)


def signed(doc, raw: str, head: int, tokens: tuple[int, ...], stop: int, akb, marks: set[int]) -> str:
    """The polarity of a cue after negation, comparatives, equatives and "less"."""
    tok = doc[head]
    polarity = raw
    if polarity != "mixed" and _against_appearance(tok, akb):
        return "mixed"
    if any(c.lower_ in akb["diminishers"] for c in tok.children):
        polarity = FLIP[polarity]
    if negation_count(doc, head, stop, frozenset(tokens), akb, marks) % 2:
        if _is_equative(tok):
            return FLIP[polarity] if _against_time(tok, akb) else "mixed"
        if _is_comparative(tok, tokens):
            return polarity
        if _partly_negated(doc, head, stop, akb):
            return "mixed"  # "not entirely trusting", "not always smooth", "not quite an ally"
        if polarity == "negative" and not _phrase_negated(doc, head, stop, marks) and not _set_against(tok):
            return "mixed"  # a denial of the bad ("not in crisis", "not enemies") concedes strain
        polarity = FLIP[polarity]
    return polarity


def _direction(tok, akb) -> str | None:
    """A verb of rising or falling, signed by what rises or falls."""
    lemma = tok.lemma_.lower()
    rise, fall = lemma in akb["rise_verbs"], lemma in akb["fall_verbs"]
    if not (rise or fall) or not (tok.pos_ == "VERB" or tok.tag_.startswith("VB")):
        return None
    if any(c.dep_ == "dobj" for c in tok.children):
        return None  # an act, not a direction: "they restored ties", "Lima eased the tension"
    if any(c.dep_ in ("acomp", "attr", "oprd") and (akb.polarity_of(c.lower_) or akb.polarity_of(c.lemma_.lower()))
           for c in tok.children):
        return None  # a copula: "have grown more distant" is judged by "distant"
    subjects = [c for c in tok.children if c.dep_ in SUBJECTS]
    if not subjects and tok.dep_ == "xcomp":  # "the gulf keeps growing", "ties continue to improve"
        subjects = [c for c in tok.head.children if c.dep_ in SUBJECTS]
    what = subjects[0] if subjects else (tok.head if tok.dep_ in MODIFIER_DEPS else None)
    negative = what is not None and "negative" in (akb.polarity_of(what.lemma_.lower()), akb.polarity_of(what.lower_))
    base = "negative" if negative else "positive"
    return base if rise else FLIP[base]


def _intensity(tok, akb) -> str | None:
    """A word of degree, signed by what it describes ("deep ties", "mistrust is deep")."""
    if tok.lemma_.lower() not in akb["intensity"] and tok.lower_ not in akb["intensity"]:
        return None
    what = tok.head if tok.dep_ in MODIFIER_DEPS else None
    if tok.dep_ in ("acomp", "attr", "oprd") or (tok.dep_ == "advmod" and tok.head.pos_ == "VERB"):  # "mistrust runs deep"
        subjects = [c for c in tok.head.children if c.dep_ in SUBJECTS]
        what = subjects[0] if subjects else None
        if what is None:  # "nowhere is mistrust deeper": the parser hangs the noun from the adjective
            what = next((c for c in tok.children if c.dep_ == "npadvmod" and c.pos_ == "NOUN" and c.i < tok.i), None)
    signs = (akb.polarity_of(what.lemma_.lower()), akb.polarity_of(what.lower_)) if what is not None else ()
    if "mixed" in signs:
        return "mixed"
    if "negative" in signs:
        return "negative"
    if what is not None and what.pos_ == "NOUN" and "positive" not in signs and not (
            what.lower_ in akb["relation_nouns"] or what.lemma_.lower() in akb["relation_nouns"]):
        return None  # "deep roots", "serious talks": a degree of something that is no relationship or judgement
    return "positive"


def _word_polarity(tok, akb) -> tuple[str | None, str]:
    direction = _direction(tok, akb)
    if direction is not None:
        return direction, "direction"
    intensity = _intensity(tok, akb)
    if intensity is not None:
        return intensity, "intensity"
    return akb.polarity_of(tok.lower_) or akb.polarity_of(tok.lemma_.lower()), "word"


def in_name(tok) -> bool:
    """Part of a run of capitalised words ("Comprehensive Strategic Partnership", "Friendship Highway")."""
    if not tok.text[:1].isupper() or tok.text.isupper():
        return False
    doc = tok.doc
    neighbours = [doc[j] for j in (tok.i - 1, tok.i + 1) if 0 <= j < len(doc)]
    named = [t for t in neighbours if t.is_alpha and t.text[:1].isupper() and not t.text.isupper() and not t.is_sent_start]
    return bool(named) or (tok.pos_ == "PROPN" and not tok.is_sent_start)


def _excluded(tok, akb, parties) -> bool:
    """Cues that judge something else: a title, a topic of a meeting, proximity to a deal."""
    if in_name(tok):
        return True
    node = tok
    for _ in range(4):  # the topic or title of a meeting or document: "a communique on warm ties"
        if node.head.i == node.i or node.dep_ in SUBJECTS:
            break
        if node.dep_ == "dobj" and node.head.lemma_.lower() in akb["transform_verbs"]:
            return True  # what an act does to a relationship: "signed a strategic pact", "to deepen close ties"
        if node.dep_ == "pobj" and node.head.lower_ == "for" and node.head.head.pos_ == "VERB":
            return True  # what someone calls, pushes or hopes for: "called for closer ties"
        node = node.head
        if node.pos_ == "NOUN" and node.lemma_.lower() in akb["event_frames"]:
            return True
    if tok.lemma_.lower() in akb["attitude_adjectives"] and akb.polarity_of(tok.lemma_.lower()) == "positive":
        for prep in (c for c in tok.children if c.dep_ == "prep" and c.lower_ == "to"):
            objects = [t for o in prep.children if o.dep_ == "pobj" for t in conjuncts(o)]
            if not any(parties.of(t.i) or t.i in parties.pair_tokens for t in objects):
                return True
    return False


def _phrase_at(doc, k: int, scope: set[int], akb, end: int) -> tuple[int, ...] | None:
    """The longest polar phrase starting at token ``k`` (within the sentence ending at ``end``); else
    one with a single adverb of degree or manner inside it, which is read past ("drifting further
    apart", "at daggers firmly drawn"): the phrase's tokens are then the others."""
    for n in range(min(akb.max_phrase, end - k), 1, -1):
        if _polar_key(doc, range(k, k + n), akb):
            return tuple(range(k, k + n))
    for j in range(k + 1, min(k + akb.max_phrase, end - 1)):
        if doc[j].pos_ != "ADV" or doc[j].lower_ in akb["negators"] or j not in scope:
            continue
        for n in range(min(akb.max_phrase + 1, end - k), j - k + 1, -1):
            tokens = tuple(i for i in range(k, k + n) if i != j)
            if _polar_key(doc, tokens, akb):
                return tokens
    return None


def _polar_key(doc, tokens, akb) -> bool:
    lists = akb.phrases.get(tuple(doc[j].lower_ for j in tokens))
    return bool(lists and lists & {"positive", "negative", "mixed"} and not all(in_name(doc[j]) for j in tokens))


def _hyphenated_at(doc, k: int, akb, end: int) -> tuple[tuple[int, ...], str] | None:
    """A polar hyphenated word the tokenizer split ("non - existent", "zero - sum")."""
    if k + 2 < end and doc[k + 1].text == "-" and doc[k].whitespace_ == "" and doc[k + 1].whitespace_ == "":
        polarity = akb.polarity_of(f"{doc[k].lower_}-{doc[k + 2].lower_}")
        if polarity is not None:
            return (k, k + 1, k + 2), polarity
    return None


def _phrase_polarity(key: tuple[str, ...], akb) -> str:
    lists = akb.phrases[key]
    for name in ("mixed", "negative", "positive"):
        if name in lists:
            return name
    return "positive"


def _phrase_head(doc, tokens: tuple[int, ...]) -> int:
    inside = set(tokens)
    outer = [j for j in tokens if doc[j].head.i not in inside or doc[j].head.i == j]
    return outer[0] if outer else tokens[0]


def _time_phrases(doc, scope: set[int], akb) -> set[int]:
    """Tokens of temporal phrases ("since the end of the war"): they date, not judge."""
    out: set[int] = set()
    for i in scope:
        tok = doc[i]
        if tok.dep_ == "prep" and tok.lower_ in akb["time_preps"]:
            out.update(t.i for t in tok.subtree)
    return out


def _left_states(doc, scope: set[int], akb) -> set[int]:
    """The state a relationship left: "went from friendship to enmity" judges it by "enmity"."""
    out: set[int] = set()
    for i in scope:
        verb = doc[i]
        if verb.lemma_.lower() not in akb["motion_verbs"]:
            continue
        preps = {c.lower_: c for c in verb.children if c.dep_ == "prep"}
        if akb.phrases.get(("from", "strength", "to", "strength")) and _from_to_same(preps):
            continue  # "gone from strength to strength": an idiom of the polar lists, not a change of state
        if "from" in preps and preps.keys() & {"to", "into", "towards", "toward"}:
            out.update(t.i for t in preps["from"].subtree)
    return out


def _from_to_same(preps) -> bool:
    ends = [next((g.lower_ for g in preps[p].children if g.dep_ == "pobj"), None) for p in ("from", "to") if p in preps]
    return len(ends) == 2 and ends[0] is not None and ends[0] == ends[1]


def find_cues(doc, scope: set[int], *, stop: int, skip: set[int], akb, parties, marks: set[int],
              shifts=()) -> list[Cue]:
    """Every cue in ``scope`` (token indexes), in text order, signed for negation up to ``stop``, then
    reshaped by each rule of ``shifts`` in turn (``shifts.SHIFT_RULES``: corrections, past states, ...)."""
    cues: list[Cue] = []
    used = set(skip) | _time_phrases(doc, scope, akb) | _left_states(doc, scope, akb)
    faint = _faint(doc, scope - used, akb)
    used |= faint
    end = doc[stop].sent.end
    for k in sorted(scope):
        if k in used:
            continue
        tokens = _phrase_at(doc, k, scope, akb, end)
        found = _hyphenated_at(doc, k, akb, end)
        if tokens is not None:
            raw, kind = _phrase_polarity(tuple(doc[j].lower_ for j in tokens), akb), "phrase"
        elif found is not None:
            (tokens, raw), kind = found, "word"
        else:
            raw, kind = _word_polarity(doc[k], akb)
            tokens = (k,)
            if raw is None or _excluded(doc[k], akb, parties):
                continue
        used.update(tokens)
        head = _phrase_head(doc, tokens)
        cues.append(Cue(head, tokens, signed(doc, raw, head, tokens, stop, akb, marks), kind))
    cues = _moved_subjects_out(doc, cues)
    for rule in shifts:
        cues = rule.func(doc, cues, scope=scope, stop=stop, akb=akb, marks=marks, faint=faint)
    return _modified_nouns_out(doc, cues)


def _moved_subjects_out(doc, cues: list[Cue]) -> list[Cue]:
    """A polar noun that is the subject of a verb of direction is signed into that verb ("the old
    suspicions have faded" is positive): its own cue drops out, so it does not make the judgement
    mixed."""
    moved = set()
    for cue in cues:
        if cue.kind != "direction":
            continue
        tok = doc[cue.head]
        subjects = [c for c in tok.children if c.dep_ in SUBJECTS]
        if not subjects and tok.dep_ == "xcomp":
            subjects = [c for c in tok.head.children if c.dep_ in SUBJECTS]
        moved |= {s.i for s in subjects}
    return [c for c in cues if not (c.kind == "word" and len(c.tokens) == 1 and c.head in moved)] if moved else cues


def _faint(doc, scope: set[int], akb) -> set[int]:
    """The tokens of faint praise in the judgement (``assess_faint``): "cordial at best", "merely
    functional", "businesslike and little more", "little more than a friendship on paper". It
    limits what is positive to a mixed judgement; its words are not cues themselves ("best")."""
    words, out = akb["faint"], set()
    for k in scope:
        word = doc[k].lower_
        if word in words and doc[k].dep_ == "advmod":
            out.add(k)
        elif (k + 1 < len(doc) and k + 1 in scope and f"{word} {doc[k + 1].lower_}" in words
              and not (k > 0 and doc[k - 1].lower_ == "a")):  # "a little more cordial" is warmer, not faint
            out |= {k, k + 1}
    return out


def _modified_nouns_out(doc, cues: list[Cue]) -> list[Cue]:
    """A noun whose own modifier judges it is judged by the modifier: "an unreliable friend" is
    negative, "a prickly but valued partner" mixed, not the noun's own sign added in."""
    cue_heads = {c.head for c in cues}
    out = []
    for cue in cues:
        tok = doc[cue.head]
        modified = tok.pos_ == "NOUN" and len(cue.tokens) == 1 and any(
            c.dep_ == "amod" and c.i in cue_heads for c in tok.children)
        if not modified:
            out.append(cue)
    return out


def compose(cues: list[Cue]) -> str | None:
    """One polarity for a judgement's cues: both signs or a mixed cue make it mixed."""
    found = {c.polarity for c in cues}
    if not found:
        return None
    if "mixed" in found or found >= {"positive", "negative"}:
        return "mixed"
    return found.pop()
