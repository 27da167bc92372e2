"""Holder rules: who holds a judgement, through the quote and actor stages.

Tried in order; the first that decides wins, and with none the judgement is the author's own
(holder None):

- ``speech_frame``: inside a quotation, a verb of speaking with its own subject ("..., but Hanoi
  still talks of fraternal bonds, a scholar wrote") gives that subject.
- ``viewpoint``: "for X, ..." at the head of the clause, "in X's view", "in the eyes of X".
- ``quote``: the speaker of the quotation the judgement sits in ("X said ties were ...",
  "according to X", "analysts say"); a quotation whose source is evidence ("polls show") and no
  actor leaves the judgement to the author; an unattributed quotation has no holder; a relative
  pronoun speaker ("X, who point to ...") is its antecedent.
- ``frame_subject``: the subject of a frame verb ("Chilean officials have long seen ...").

A holder named by a pronoun ("she said", "they say") is named by the mention it was resolved
through, so ``text``/``start``/``end`` point at the name.
"""

from __future__ import annotations

from ..records import Actor, Quote

UNDECIDED = object()
#: Relative pronouns the quote stage may give as a speaker; the holder is their antecedent.
RELATIVE_PRONOUNS = frozenset({"who", "which", "that", "whom"})


def quote_at(quotes, start: int, end: int) -> Quote | None:
    """The quotation whose content holds ``[start, end)`` (the shortest one), else whose
    attribution does, else None."""
    best, best_len = None, None
    for q in quotes:
        if any(s <= start and end <= e for s, e in q.content_spans):
            length = sum(e - s for s, e in q.content_spans)
            if best is None or length < best_len:
                best, best_len = q, length
    if best is not None:
        return best
    around = [q for q in quotes if q.start <= start and end <= q.end]
    return min(around, key=lambda q: q.end - q.start) if around else None


def _earlier_speaker(actor: Actor, view) -> Actor:
    """A pronoun speaker the actor stage could not name ("they say"): the latest named speaker of an
    earlier quotation with the same country, else the pronoun as it stands."""
    earlier = [q.speaker for q in view.quotes if q.speaker is not None and q.speaker.end <= actor.start
               and q.speaker.name and q.speaker.country == actor.country]
    if not earlier or actor.country is None:
        return actor
    named = earlier[-1]
    return Actor(named.text, named.name, named.code, named.country, named.sector, named.start, named.end, named.former)


def _named(actor: Actor, view) -> Actor:
    """A pronoun holder named by its antecedent's mention."""
    by_start = view.mentions_by_start
    m = by_start.get(actor.start)
    if m is None and actor.name is None and actor.text.lower() in view.akb["holder_pronouns"]:
        return _earlier_speaker(actor, view)
    seen = 0
    while m is not None and m.kind == "pronoun" and m.antecedent is not None and seen < 5:
        m, seen = by_start.get(m.antecedent), seen + 1
    if m is None or m.start == actor.start:
        return actor
    return Actor(m.text, actor.name or m.name, actor.code or m.code, actor.country or m.country, actor.sector or m.sector,
                 m.start, m.end, actor.former)


def _actor_of_phrase(view, tok) -> Actor:
    """The holder named by a subject phrase: its text and span, resolved by the mention at its head."""
    span = view.doc[tok.left_edge.i : tok.i + 1]
    mentions = [view.parties.mention_at[t.i] for t in (tok, *span) if t.i in view.parties.mention_at]
    if not mentions:
        return Actor(span.text, None, None, None, None, span.start_char, span.end_char)
    m = mentions[0]
    if m.kind == "pronoun":
        return _named(m.as_actor(), view)
    if tok.tag_ == "PRP" and m.start != tok.idx:  # a pronoun resolved through a coordinated subject
        return m.as_actor()
    return Actor(span.text, m.name, m.code, m.country, m.sector, span.start_char, span.end_char, m.former)


def _set_against_speaker(view, unit) -> bool:
    """The frame verb opens a clause set against what the speaker says ("X says ties are strong,
    though many in Y view Z with suspicion"): the view is its own subject's, not the speaker's."""
    verb = view.doc[unit.head]
    contrast = view.akb["contrast"]
    if verb.dep_ == "advcl":
        return any(c.dep_ == "mark" and c.lower_ in contrast for c in verb.children)
    return verb.dep_ == "conj" and any(c.dep_ == "cc" and c.lower_ in contrast and c.i < verb.i for c in verb.head.children)


def speech_frame_holder(view, unit, quote):
    if unit.frame_subject is None or quote is None:
        return UNDECIDED
    if not unit.speech_frame and not _set_against_speaker(view, unit):
        return UNDECIDED
    subject = view.doc[unit.frame_subject]
    speaker = quote.speaker
    if speaker is not None and speaker.start <= subject.idx < speaker.end:
        return UNDECIDED
    return _actor_of_phrase(view, subject)


def _viewpoint_phrase(prep, akb):
    """The holder named by "for X, ..." (fronted) or "in X's view" / "in the eyes of X", else None."""
    objects = [o for o in prep.children if o.dep_ == "pobj"]
    if not objects:
        return None
    obj = objects[0]
    if prep.lower_ == "for":
        return obj
    if prep.lower_ == "in" and obj.lower_ in akb["viewpoint_nouns"]:
        owners = [c for c in obj.children if c.dep_ == "poss"]
        owners += [g for c in obj.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children if g.dep_ == "pobj"]
        return owners[0] if owners else None
    return None


def viewpoint_holder(view, unit, quote):
    """"For Ankara, the EU is an unreliable partner"; "in the eyes of Seoul, ..."."""
    node = view.doc[unit.head]
    for _ in range(3):
        for prep in (c for c in node.children if c.dep_ == "prep" and c.i < node.i):
            holder = _viewpoint_phrase(prep, view.akb)
            if holder is not None and holder.i in view.parties.mention_at:
                return _actor_of_phrase(view, holder)
        if node.head.i == node.i:
            break
        node = node.head
    return UNDECIDED


def quote_holder(view, unit, quote):
    if quote is None:
        return UNDECIDED
    speaker = quote.speaker
    if speaker is None or (view.author and (speaker.name or speaker.text).strip().lower() == view.author):
        return None
    cue = (quote.cue or "").lower().split()
    if cue and cue[0] in view.akb["evidence_cues"] and speaker.country is None:
        return None
    relative = _relative_antecedent(view, speaker)
    if relative is not None:
        return relative
    return _named(speaker, view)


def _relative_antecedent(view, speaker: Actor) -> Actor | None:
    """A speaker named by a relative pronoun ("..., according to Peruvian officials, who point
    to ...") is the noun phrase the relative clause hangs from."""
    if speaker.start is None or speaker.text.strip().lower() not in RELATIVE_PRONOUNS:
        return None
    span = view.doc.char_span(speaker.start, speaker.end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    tok = span[0]
    clause = tok.head
    if clause.dep_ != "relcl" or clause.head.i == clause.i:
        return None
    return _actor_of_phrase(view, clause.head)


def frame_subject_holder(view, unit, quote):
    if unit.frame_subject is None:
        return UNDECIDED
    return _actor_of_phrase(view, view.doc[unit.frame_subject])
