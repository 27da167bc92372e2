"""Within-document coreference for actor mentions.

* Surnames and partial names ("Gordon" after "Philip Gordon"), including ones the NER missed.
* Dyad phrases ("the two countries", "both", "the two", "both sides") -> a group of the two most
  recent distinct states within the last sentences.
* Pronouns: he/she/him/her/his -> the most recent person mention within three sentences;
  it/its and they/them/their -> first the subject of the pronoun's own or a governing clause
  ("the Russians were seen as leaning toward Iran because they ..."; a coordinated subject
  "Russia and Iran ... their" is a group), then, for "they", the subject of the previous
  sentence's main clause; failing that, it/its -> a state only when exactly one state precedes
  it in the same sentence, and they/them/their -> the most recent plural actor (a group, a plural
  demonym, a plural role, or coordinated people) in the same or previous sentence;
  we/us/our -> the state or organisation (or an official's country) that says the sentence.

Every mention resolved this way records the start offset of its antecedent.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right

from ..records import Actor, Mention

DYAD_NOUNS = frozenset(["parties", "countries", "nations", "states", "powers", "sides", "governments", "capitals", "allies", "neighbours", "neighbors", "partners"])
PERSON_PRONOUNS = frozenset(["he", "him", "his", "she", "her", "hers", "himself", "herself"])
STATE_PRONOUNS = frozenset(["it", "its", "itself"])
PLURAL_PRONOUNS = frozenset(["they", "them", "their", "themselves"])
STATE_KINDS = frozenset(["state", "capital", "dictionary", "demonym"])
WE_PRONOUNS = frozenset(["we", "us", "our", "ours", "ourselves"])
#: Kinds "it"/"its" may stand for.
IT_KINDS = frozenset(["state", "capital", "dictionary", "igo", "organization", "media"])
SUBJECT_DEPS = frozenset(["nsubj", "nsubjpass"])
REPORTING_LEMMAS = frozenset("say tell add state declare announce insist warn stress write note vow pledge "
                             "promise claim argue reply respond confirm deny".split())


def _actor(m: Mention) -> Actor:
    return Actor(text=m.text, name=m.name, code=m.code, country=m.country, sector=m.sector,
                 start=m.start, end=m.end, former=m.former)


def _copy(m: Mention, start: int, end: int, text: str, kind: str, rule: str) -> Mention:
    return Mention(start=start, end=end, text=text, name=m.name, code=m.code, country=m.country, sector=m.sector,
                   kind=kind, antecedent=m.start, members=m.members, rule=rule, former=m.former,
                   state_owned=m.state_owned)


def _fields(m: Mention) -> dict:
    return {f: getattr(m, f) for f in Mention.__slots__}


def _surnames(name: str | None) -> list[str]:
    """Keys a later partial mention may use: the last word, and its first part when hyphenated."""
    if not name or " " not in name.strip():
        return []
    last = name.split()[-1].lower()
    keys = [last]
    if "-" in last and not last.startswith(("al-", "el-")):
        keys.append(last.split("-")[0])
    return keys


def resolve_surnames(mentions: list[Mention], extra_tokens, *, text: str | None = None) -> list[Mention]:
    """Link later person mentions (and unmatched capitalised tokens) to an earlier full name."""
    by_surname: dict[str, Mention] = {}
    out = []
    taken = [(m.start, m.end) for m in mentions]
    for m in mentions:
        if m.kind == "person" and m.name and " " in m.name.strip() and m.antecedent is None:
            for key in _surnames(m.name):
                by_surname[key] = m  # the most recent full name wins
        if m.kind == "person" and m.name and " " not in m.name.strip() and m.country is None and m.antecedent is None:
            ante = by_surname.get(m.name.lower())
            if ante is not None and ante.start < m.start and (ante.country or ante.sector or True):
                m = _copy(ante, m.start, m.end, m.text, "person", f"coref:surname:{ante.rule}")
        out.append(m)
    # surnames the NER missed
    extra = []
    doc_text = text
    for tok in extra_tokens:
        key = tok.text.lower()
        ante = by_surname.get(key)
        if ante is None or not tok.text[:1].isupper() or tok.idx <= ante.start:
            continue
        if any(s <= tok.idx < e for s, e in taken):
            continue
        end = tok.idx + len(tok.text)
        doc = tok.doc
        if doc_text is None:
            doc_text = doc.text
        if tok.i + 2 < len(doc) and doc[tok.i + 1].text == "-" and doc[tok.i + 2].text[:1].isupper():
            end = doc[tok.i + 2].idx + len(doc[tok.i + 2].text)  # "Michlin-Shapir"
        if any(s <= end - 1 < e for s, e in taken):
            continue
        extra.append(_copy(ante, tok.idx, end, doc_text[tok.idx:end], "person", f"coref:surname:{ante.rule}"))
        taken.append((tok.idx, end))
    if extra:
        out = sorted(out + extra, key=lambda m: m.start)
    return out


def _sent_index(doc):
    starts = [s.start_char for s in doc.sents]
    return starts


def _sent_of(starts: list[int], offset: int) -> int:
    lo, hi = 0, len(starts)
    while lo + 1 < hi:
        mid = (lo + hi) // 2
        if starts[mid] <= offset:
            lo = mid
        else:
            hi = mid
    return lo


def _recent_dyad(mentions: list[Mention], before: int, sent_starts: list[int], cur_sent: int) -> list[Mention]:
    """The dyad a "the two countries" refers to: two distinct states named in the last two sentences.

    Among the states of that window, the two most mentioned in the document so far win (the
    window counts double), ties going to the most recent; a two-member group in the window
    (e.g. "Iran-Russia") is taken as it is when it is the nearest state-level mention.
    """
    window: dict[str, Mention] = {}
    counts: dict[str, int] = {}
    for m in reversed(mentions):
        if m.start >= before:
            continue
        in_window = _sent_of(sent_starts, m.start) >= cur_sent - 2
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


PARTY_KINDS = frozenset(["organization", "person", "igo", "media", "dictionary", "capital", "state", "demonym"])


def _recent_parties(mentions: list[Mention], before: int, sent_starts: list[int], cur_sent: int) -> list[Mention]:
    """"The two sides" after two actors that are not two states ("government troops ... rebels"):
    the two most recent distinct resolved actors of the current or previous sentence."""
    found: dict[str, Mention] = {}
    for m in reversed(mentions):
        if m.start >= before:
            continue
        if _sent_of(sent_starts, m.start) < cur_sent - 1:
            break
        if m.kind not in PARTY_KINDS or not (m.code or m.country) or m.antecedent is not None:
            continue
        key = m.name or m.code or m.country
        found.setdefault(key, m)
        if len(found) == 2:
            break
    if len(found) < 2:
        return []
    return sorted(found.values(), key=lambda m: m.start)


_TRIGGERS = frozenset(["both", "two"]) | PERSON_PRONOUNS | STATE_PRONOUNS | PLURAL_PRONOUNS | WE_PRONOUNS


def _governing_subjects(tok, *, max_steps: int = 6):
    """Subjects of the clauses governing ``tok``, nearest clause first (never ``tok``'s own phrase)."""
    node = tok
    for _ in range(max_steps):
        if node.head is node:
            return
        child, node = node, node.head
        if node.pos_ not in ("VERB", "AUX") and node.dep_ not in ("ROOT", "ccomp", "advcl", "xcomp", "conj", "relcl"):
            continue
        for c in node.children:
            if c.dep_ in SUBJECT_DEPS and c is not child and not (c.left_edge.i <= tok.i <= c.right_edge.i):
                yield node, c
        if node.dep_ == "relcl":
            return  # the head noun of a relative clause is not a clause subject


def _is_plural_mention(m: Mention) -> bool:
    if m.kind == "group":
        return True
    low = m.text.lower()
    if m.kind == "demonym":
        return low.endswith("s") or low.endswith("ese")
    return m.kind in ("person", "organization") and m.name is None and (low.endswith("s") or low.endswith("police"))


def _before(ordered: list[Mention], starts: list[int], offset: int):
    """Mentions starting before ``offset``, nearest first."""
    for k in range(bisect_left(starts, offset) - 1, -1, -1):
        yield ordered[k]


def resolve_groups_and_pronouns(doc, mentions: list[Mention], *, text: str | None = None, tokens=None,
                                norms=None, sent_starts=None, role_offsets: frozenset[int] = frozenset()) -> list[Mention]:
    """Add group mentions for dyad phrases and mentions for resolvable pronouns.

    ``role_offsets`` are the character offsets of role nouns ("forces", "government"): a
    possessive pronoun on one of them ("moved their troops") is resolved even in its subject's
    own clause.
    """
    if sent_starts is None:
        sent_starts = _sent_index(doc)
    doc_text = doc.text if text is None else text
    taken = {(m.start, m.end) for m in mentions}
    added: list[Mention] = []
    ordered = sorted(mentions, key=lambda m: m.start)
    starts = [m.start for m in ordered]
    max_end = []
    running = -1
    for m in ordered:
        running = max(running, m.end)
        max_end.append(running)
    def mention_at(t) -> Mention | None:
        k = bisect_right(starts, t.idx) - 1
        while k >= 0 and k >= bisect_right(starts, t.idx) - 3:
            if ordered[k].start <= t.idx < ordered[k].end:
                return ordered[k]
            k -= 1
        return None

    def subject_actor(subj, tok, plural: bool) -> Mention | None:
        """The mention a clause subject stands for, if it agrees with the pronoun."""
        m = mention_at(subj)
        conj = [c for c in subj.conjuncts if c.i > subj.i]
        if plural and conj:
            parts = [x for x in (m, *(mention_at(c) for c in conj)) if x is not None and (x.country or x.members)]
            if len(parts) == len(conj) + 1:
                members = tuple({(a.start, a.end): a for x in parts for a in (x.members or (_actor(x),))}.values())
                end = max(x.end for x in parts)
                return Mention(start=parts[0].start, end=end, text=doc_text[parts[0].start:end], name=None, code=None,
                               country=None, sector=None, kind="group", members=members,
                               rule="group:coordinated-subject")
            return None
        if m is None or conj or (m.antecedent is not None and m.kind == "pronoun" and m.start >= tok.idx):
            return None
        if not (m.country or m.members or m.code):
            return None
        if plural:
            return m if _is_plural_mention(m) or (m.kind == "pronoun" and m.text.lower() in PLURAL_PRONOUNS) else None
        if m.kind == "pronoun" and m.text.lower() in STATE_PRONOUNS:
            return m
        if m.kind not in IT_KINDS or _is_plural_mention(m):
            return None
        # another singular body of a different country between them makes "it" ambiguous
        for o in _before(ordered, starts, tok.idx):
            if o.start <= m.start:
                break
            if o.kind in IT_KINDS and o.country and o.country != m.country and not _is_plural_mention(o):
                return None
        return m

    if tokens is None:
        tokens = list(doc)
    if norms is None:
        norms = [t.lower_ for t in tokens]
    for tok, low in ((tokens[k], n) for k, n in enumerate(norms) if n in _TRIGGERS):
        k = bisect_right(starts, tok.idx) - 1
        if k >= 0 and tok.idx < max_end[k]:
            continue  # inside a mention
        cur = _sent_of(sent_starts, tok.idx)
        # --- dyads: "the two countries", "both sides", "both", "the two"
        if low in ("both", "two"):
            if low == "two" and not (tok.i > 0 and doc[tok.i - 1].lower_ == "the"):
                continue
            if low == "both" and tok.dep_ == "preconj":
                continue
            if low == "both" and tok.i > 0 and doc[tok.i - 1].lower_ in ("who", "they", "we", "you", "which", "that", "them", "us"):
                continue
            nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
            start = doc[tok.i - 1].idx if low == "two" else tok.idx
            end = tok.idx + len(tok.text)
            if nxt is not None and nxt.lower_ in DYAD_NOUNS:
                end = nxt.idx + len(nxt.text)
            elif nxt is not None and nxt.pos_ in ("NOUN", "PROPN", "NUM", "ADJ"):
                continue  # "two days", "both Europe and America"
            elif low == "both" and tok.dep_ not in ("nsubj", "nsubjpass", "dobj", "pobj", "appos", "det", "advmod", "dep"):
                continue
            if low == "both" and tok.dep_ in ("advmod", "det") and (nxt is None or nxt.lower_ not in DYAD_NOUNS):
                # "they both work", "are both": floating quantifier of a subject, not an actor itself
                continue
            pair = _recent_dyad(ordered, start, sent_starts, cur)
            noun = nxt.lower_ if nxt is not None and nxt.lower_ in DYAD_NOUNS else None
            if not pair and noun in (None, "sides", "parties"):
                pair = _recent_parties(ordered, start, sent_starts, cur)
            if not pair:
                continue
            if len(pair) == 1:
                members, ante = pair[0].members, pair[0].start
            else:
                members, ante = tuple(_actor(m) for m in pair), pair[0].start
            text = doc_text[start:end]
            if (start, end) in taken:
                continue
            added.append(Mention(start=start, end=end, text=text, name=None, code=None, country=None, sector=None,
                                 kind="group", antecedent=ante, members=members, rule="coref:dyad"))
            continue
        # --- pronouns
        if low in STATE_PRONOUNS or low in PLURAL_PRONOUNS:
            plural = low in PLURAL_PRONOUNS
            ante = None
            depth = 0
            for depth, (_, subj) in enumerate(_governing_subjects(tok)):
                ante = subject_actor(subj, tok, plural)
                break  # only the nearest clause subject: "a closer look indicates they ..." is not the speaker
            if ante is not None and depth == 0 and tok.dep_ == "poss" and tok.head.idx not in role_offsets:
                ante = None  # "X welcomed their resumption of ties": X's own thing; only the older rules below
            if ante is None and plural and cur > 0 and _sent_of(sent_starts, tok.idx) == cur:
                own = list(_governing_subjects(tok))
                is_main_subject = tok.dep_ in SUBJECT_DEPS and tok.head.dep_ == "ROOT"
                if is_main_subject or not own:
                    prev = [t for t in doc[:tok.i] if t.dep_ == "ROOT" and t.idx >= sent_starts[cur - 1]
                            and t.idx < sent_starts[cur]]
                    for root in prev[-1:]:
                        for c in root.children:
                            if c.dep_ in SUBJECT_DEPS:
                                ante = subject_actor(c, tok, True)
            if ante is not None:
                rule = "coref:pronoun:subject"
                if ante.kind == "group" and ante.rule == "group:coordinated-subject":
                    added.append(Mention(start=tok.idx, end=tok.idx + len(tok.text), text=tok.text, name=None,
                                         code=None, country=None, sector=None, kind="pronoun",
                                         antecedent=ante.start, members=ante.members, rule=rule))
                else:
                    ref = ante
                    if ref.kind == "pronoun" and ref.antecedent is not None:
                        rule = ref.rule
                    added.append(_copy(ref, tok.idx, tok.idx + len(tok.text), tok.text, "pronoun", rule))
                    if ref.kind == "pronoun":
                        added[-1] = Mention(**{**_fields(added[-1]), "antecedent": ref.antecedent})
                continue
        if low in WE_PRONOUNS:
            speaker = None
            for verb, subj in _governing_subjects(tok, max_steps=8):
                if verb.lemma_.lower() in REPORTING_LEMMAS:
                    speaker = mention_at(subj)
                    break
            if speaker is None or not speaker.country or speaker.members:
                continue
            if speaker.kind in IT_KINDS or speaker.kind == "group":
                added.append(_copy(speaker, tok.idx, tok.idx + len(tok.text), tok.text, "pronoun", "coref:pronoun:we"))
            elif speaker.kind in ("person", "pronoun") and speaker.sector in ("GOV", "MIL", "LEG", "IGO"):
                # an official's "we" is the body they speak for
                code = "IGO" + speaker.country if speaker.sector == "IGO" else f"{speaker.country}{speaker.sector}"
                added.append(Mention(start=tok.idx, end=tok.idx + len(tok.text), text=tok.text, name=None, code=code,
                                     country=speaker.country, sector=speaker.sector, kind="pronoun",
                                     antecedent=speaker.start, rule="coref:pronoun:we"))
            continue
        if low in PERSON_PRONOUNS:
            ante = None
            for m in _before(ordered, starts, tok.idx):
                if _sent_of(sent_starts, m.start) < cur - 3:
                    break
                if m.kind == "person" and m.name and (m.country or m.sector or m.antecedent is not None or m.name):
                    ante = m
                    break
            if ante is not None:
                added.append(_copy(ante, tok.idx, tok.idx + len(tok.text), tok.text, "pronoun", "coref:pronoun:person"))
            continue
        if low in STATE_PRONOUNS:
            sent_start = sent_starts[cur]
            before = []
            for m in _before(ordered, starts, tok.idx):
                if m.start < sent_start:
                    break
                if m.country and m.kind != "place":
                    before.insert(0, m)
            if not before:
                continue
            countries = {m.country for m in before if m.kind in STATE_KINDS or m.kind in ("igo", "region", "demonym")}
            states = [m for m in before if m.kind in STATE_KINDS and m.kind != "demonym"]
            if len(countries) == 1 and states and not any(m.kind == "person" for m in before):
                added.append(_copy(states[-1], tok.idx, tok.idx + len(tok.text), tok.text, "pronoun", "coref:pronoun:state"))
            continue
        if low in PLURAL_PRONOUNS:
            ante = None
            for m in _before(ordered, starts, tok.idx):
                if _sent_of(sent_starts, m.start) < cur - 1:
                    break
                if m.kind == "group" or (m.kind == "demonym" and m.text.lower().endswith("s")) or \
                        (m.kind == "person" and m.name is None and m.text.lower().endswith("s")):
                    ante = m
                    break
                if m.kind in ("state", "person", "capital", "igo", "organization", "media"):
                    break  # a singular actor is nearer: not safe
            if ante is not None:
                added.append(_copy(ante, tok.idx, tok.idx + len(tok.text), tok.text, "pronoun", "coref:pronoun:plural"))
    if not added:
        return mentions
    return sorted(mentions + added, key=lambda m: (m.start, m.end))


def person_pairs(doc, mentions: list[Mention], *, text: str | None = None) -> list[Mention]:
    """Coordinated people ("Heistein and Michlin-Shapir") as a group, so "they" can refer to them."""
    out = []
    doc_text = doc.text if text is None else text
    for a, b in zip(mentions, mentions[1:]):
        if a.kind == "person" and b.kind == "person" and a.name and b.name:
            between = doc_text[a.end:b.start].strip().lower()
            if between == "and":
                out.append(Mention(start=a.start, end=b.end, text=doc_text[a.start:b.end], name=None, code=None,
                                   country=None, sector=None, kind="group", antecedent=None,
                                   members=(_actor(a), _actor(b)), rule="group:coordinated-people"))
    return out


__all__ = ["resolve_surnames", "resolve_groups_and_pronouns", "person_pairs"]
