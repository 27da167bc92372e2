"""Within-document coreference for actor mentions, applied in the order of :data:`COREF_RULES`.

* Surnames and partial names ("Pereira" after "Ana Pereira"), including ones the NER missed.
* Dyad phrases and pronouns (:mod:`.pronouns`), with coordinated people ("Ana Pereira and
  Tomas Berg") as a group "they" can refer to.
* A role owned by a resolved possessive pronoun ("its navy", "their envoys") takes the
  pronoun's country.

Every mention resolved this way records the start offset of its antecedent.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, replace

from ..knowledge.entries import ActorEntry, actor_code, alias_key
from ..records import Actor, Mention
from ..rules import rule_table
from .context import ActorContext, first_result
from .pronouns import PRONOUN_RULES, Scene, copy_mention, sentence_of
from .resolution import Resolution
from .tokens import TokenView


@dataclass(frozen=True, slots=True)
class RolePhrase:
    """A role phrase without a country ("forces", "government") at ``start``..``end`` and its resolution.

    ``offsets`` are the character offsets of its tokens.
    """

    start: int
    end: int
    res: Resolution
    offsets: frozenset[int]


@dataclass(frozen=True, slots=True)
class Document:
    """What the coreference rules read besides the mentions."""

    ctx: ActorContext
    doc: object
    tv: TokenView
    roles: tuple[RolePhrase, ...]


# --- surnames ----------------------------------------------------------------------------------


def _surname_keys(ctx: ActorContext, name: str | None) -> list[str]:
    """Keys a later partial mention may use: the last word, its first part when hyphenated, and
    the name after its particle ("Haddad" after "Omar al-Haddad", as news writes it)."""
    if not name or " " not in name.strip():
        return []
    last = name.split()[-1].lower()
    keys = [last]
    particle = next((p for p in ctx.words.name_particles if last.startswith(p)), None)
    if particle is not None:
        if len(last) > len(particle) + 1:
            keys.append(last[len(particle):])
    elif "-" in last:
        keys.append(last.split("-")[0])
    return keys


def _is_full_name(m: Mention) -> bool:
    return m.kind == "person" and bool(m.name) and " " in m.name.strip() and m.antecedent is None


def _given_names(mentions: list[Mention], surnames: set[str]) -> dict[str, Mention]:
    """Given name -> the one full name of the document it opens ("Ana" for "Ana Pereira"), for
    given names no other full name shares and that are nobody's surname."""
    seen: dict[str, set[str]] = {}
    first: dict[str, Mention] = {}
    for m in mentions:
        if _is_full_name(m) and m.name.split()[0][:1].isupper() and len(m.name.split()) <= 3:
            key = m.name.split()[0].lower()
            seen.setdefault(key, set()).add(m.name)
            first.setdefault(key, m)
    return {k: first[k] for k, names in seen.items() if len(names) == 1 and k not in surnames}


def surnames(d: Document, mentions: list[Mention]) -> list[Mention]:
    """Link later person mentions (and unmatched capitalised tokens) to an earlier full name: by
    its surname, or by its given name when no other full name of the document shares it (a
    feature calling someone "Ana" after "Ana Pereira")."""
    by_surname: dict[str, Mention] = {}
    out = []
    for m in mentions:
        if _is_full_name(m):
            for key in _surname_keys(d.ctx, m.name):
                by_surname[key] = m  # the most recent full name wins
        elif m.kind == "person" and m.name and " " not in m.name.strip() and m.country is None and m.antecedent is None:
            ante = by_surname.get(m.name.lower())
            if ante is not None and ante.start < m.start:
                m = copy_mention(ante, m.start, m.end, m.text, "person", f"coref:surname:{ante.rule}")
        out.append(m)
    given = _given_names(mentions, set(by_surname))
    if given:
        out = [_by_given_name(m, given) for m in out]
        by_surname = {**given, **by_surname}
    extra = _missed_surnames(d, mentions, by_surname)
    return sorted(out + extra, key=lambda m: m.start) if extra else out


def _by_given_name(m: Mention, given: dict[str, Mention]) -> Mention:
    if m.kind == "person" and m.name and " " not in m.name.strip() and m.country is None and m.antecedent is None:
        ante = given.get(m.name.lower())
        if ante is not None and ante.start < m.start:
            return copy_mention(ante, m.start, m.end, m.text, "person", f"coref:given-name:{ante.rule}")
    return m


def _missed_surnames(d: Document, mentions: list[Mention], by_surname: dict[str, Mention]) -> list[Mention]:
    """Proper-noun tokens the NER missed that repeat a known surname ("... Holm-Berg said")."""
    taken = [(m.start, m.end) for m in mentions]
    doc, text = d.doc, d.tv.text
    extra = []
    for tok, pos in zip(d.tv.toks, d.tv.pos):
        if pos != "PROPN":
            continue
        ante = by_surname.get(tok.text.lower())
        if ante is None or not tok.text[:1].isupper() or tok.idx <= ante.start:
            continue
        if any(s <= tok.idx < e for s, e in taken):
            continue
        end = tok.idx + len(tok.text)
        if tok.i + 2 < len(doc) and doc[tok.i + 1].text == "-" and doc[tok.i + 2].text[:1].isupper():
            end = doc[tok.i + 2].idx + len(doc[tok.i + 2].text)  # a hyphenated surname: "Holm-Berg"
        if any(s <= end - 1 < e for s, e in taken):
            continue
        extra.append(copy_mention(ante, tok.idx, end, text[tok.idx:end], "person", f"coref:surname:{ante.rule}"))
        taken.append((tok.idx, end))
    return extra


# --- groups and pronouns -----------------------------------------------------------------------


def _person_pairs(text: str, mentions: list[Mention]) -> list[Mention]:
    """Coordinated people ("Ana Pereira and Tomas Berg") as a group, so "they" can refer to them."""
    out = []
    for a, b in zip(mentions, mentions[1:]):
        if a.kind == "person" and b.kind == "person" and a.name and b.name and text[a.end:b.start].strip().lower() == "and":
            out.append(Mention(start=a.start, end=b.end, text=text[a.start:b.end], name=None, code=None,
                               country=None, sector=None, kind="group", antecedent=None,
                               members=(a.as_actor(), b.as_actor()), rule="group:coordinated-people"))
    return out


def groups_and_pronouns(d: Document, mentions: list[Mention]) -> list[Mention]:
    """Add group mentions for dyad phrases and mentions for resolvable pronouns (:data:`PRONOUN_RULES`)."""
    words = d.ctx.words
    triggers = {"both", "two", "pair"} | words.person_pronouns | words.body_pronouns | words.plural_pronouns | words.we_pronouns
    pairs = _person_pairs(d.tv.text, mentions)
    role_offsets = frozenset(k for r in d.roles for k in r.offsets)
    scene = Scene(d.ctx, d.doc, d.tv.text, d.tv.sent_starts, sorted(mentions + pairs, key=lambda m: (m.start, m.end)),
                  role_offsets)
    added = []
    for tok, low in zip(d.tv.toks, d.tv.norms):
        if low not in triggers or scene.inside_mention(tok.idx):
            continue
        found = first_result(PRONOUN_RULES, scene, tok, low, sentence_of(d.tv.sent_starts, tok.idx))
        if found is not None:
            added.append(found)
    return sorted(mentions + added, key=lambda m: (m.start, m.end))


# --- possessed roles ---------------------------------------------------------------------------


def _possessed(m: Mention, role: RolePhrase, text: str) -> Mention:
    """The role phrase owned by pronoun ``m``, in the pronoun's country (a group: in each member's)."""
    k, end, r = role.start, role.end, role.res
    rule = f"{r.rule}+coref:possessive"
    if m.members:
        members = tuple(Actor(text=text[k:end], name=None, code=actor_code(a.country, r.sector), country=a.country,
                              sector=r.sector, start=k, end=end) for a in m.members if a.country)
        return Mention(start=k, end=end, text=text[k:end], name=None, code=None, country=None, sector=None,
                       kind="group", antecedent=m.antecedent, members=members, rule=rule)
    return Mention(start=k, end=end, text=text[k:end], name=None, code=actor_code(m.country, r.sector),
                   country=m.country, sector=r.sector, kind=r.kind, antecedent=m.antecedent, rule=rule)


def possessive_roles(d: Document, mentions: list[Mention]) -> list[Mention]:
    """'its army', 'their troops', 'his government': a role owned by a resolved pronoun takes its country."""
    text = d.tv.text
    by_start = {r.start: r for r in d.roles}
    replace: dict[tuple[int, int], Mention] = {}
    for m in mentions:
        if m.kind != "pronoun" or m.text.lower() not in d.ctx.words.possessive_pronouns or not (m.country or m.members):
            continue
        k = m.end
        while k < len(text) and text[k] == " ":
            k += 1
        role = by_start.get(k)
        if role is not None:
            replace[(role.start, role.end)] = _possessed(m, role, text)
    if not replace:
        return mentions
    out = [m for m in mentions if (m.start, m.end) not in replace] + list(replace.values())
    return sorted(out, key=lambda m: (m.start, m.end))


# --- definite descriptions ----------------------------------------------------------------------

#: Antecedent kinds of each class of definite description.
ANAPHOR_KINDS = {"state": frozenset({"state", "capital"}), "government": frozenset({"state", "capital"}),
                 "group": frozenset({"organization"}), "bloc": frozenset({"igo"})}
#: How many sentences back a definite description looks for its antecedent ...
DEFINITE_SENTENCES = 2
#: ... and "the group" for the armed group (a story's armed group stays its topic for longer).
GROUP_SENTENCES = 6
#: The most modifiers between the determiner and the anaphor noun ("the jihadist group").
MAX_ANAPHOR_MODIFIERS = 2
#: Kinds of mention whose country counts for the country a document is about.
TOPIC_KINDS = frozenset({"state", "capital", "place", "demonym"})


def _document_country(scene: Scene) -> str | None:
    """The country the document is clearly about (named at least three times, twice as often as any other)."""
    from .document import MIN_DOCUMENT_COUNTRY_MENTIONS, clear_country

    counts: dict[str, int] = {}
    for m in scene.mentions:
        if m.country and len(m.country) == 3 and not m.members and m.kind in TOPIC_KINDS:
            counts[m.country] = counts.get(m.country, 0) + 1
    return clear_country(counts, minimum=MIN_DOCUMENT_COUNTRY_MENTIONS)


def _definite_antecedent(scene: Scene, cls: str, offset: int, cur: int, topic: str | None) -> Mention | None:
    """The mention a definite description of class ``cls`` stands for.

    "The group": the nearest armed group (REB, PRM) within :data:`GROUP_SENTENCES`. "The
    country", "the regime": the nearest state within :data:`DEFINITE_SENTENCES`, unless the
    country the document is about (``topic``) is named in that window too (by a state, a place
    or a person of it): then that one, a story's own state being what "the country" means there.
    "The regime" with no state in that window: the document's country, when it has a clear one.
    """
    window = GROUP_SENTENCES if cls == "group" else DEFINITE_SENTENCES
    nearest = None
    topical = None
    for m in scene.before(offset):
        if scene.sentence(m.start) < cur - window:
            break
        if m.kind in ANAPHOR_KINDS[cls] and m.country and not m.members \
                and (cls != "group" or m.sector in ("REB", "PRM")):
            if nearest is None:
                nearest = m
            if topic is None or cls not in ("state", "government"):
                break
        if topical is None and topic is not None and m.country == topic and not m.members \
                and m.kind in TOPIC_KINDS | {"person"}:
            topical = m
    if cls in ("state", "government") and topical is not None and (nearest is None or nearest.country != topic):
        return topical
    if nearest is None and cls == "government" and topic is not None:
        return _topic_mention(scene, topic, offset)  # "the regime" with no state nearby: the story's own
    return nearest


def _topic_mention(scene: Scene, topic: str, offset: int) -> Mention | None:
    """The latest mention before ``offset`` of the country the document is about."""
    return next((m for m in scene.before(offset) if m.country == topic and not m.members and m.kind in TOPIC_KINDS),
                None)


def _definite_mention(d: Document, scene: Scene, k: int, det_k: int, cls: str, topic: str | None) -> Mention | None:
    """The mention "the country" / "that regime" / "the jihadist group" at tokens ``det_k``..``k``
    stands for, or None."""
    tv = d.tv
    det, tok = tv.toks[det_k], tv.toks[k]
    ante = _definite_antecedent(scene, cls, det.idx, sentence_of(tv.sent_starts, det.idx), topic)
    if ante is None:
        return None
    start, end = det.idx, tok.idx + len(tok.text)
    rule = f"coref:definite:{cls}"
    if ante.kind not in ANAPHOR_KINDS[cls]:  # the document's own state, named by a place or person
        code = ante.country if cls == "state" else actor_code(ante.country, "GOV")
        return Mention(start=start, end=end, text=tv.text[start:end], name=None, code=code, country=ante.country,
                       sector=None if cls == "state" else "GOV", kind="state" if cls == "state" else "organization",
                       antecedent=ante.start, rule=rule + "+topic")
    if cls == "government":
        return Mention(start=start, end=end, text=tv.text[start:end], name=None, code=actor_code(ante.country, "GOV"),
                       country=ante.country, sector="GOV", kind="organization", antecedent=ante.start, rule=rule)
    if cls == "state":
        return Mention(start=start, end=end, text=tv.text[start:end], name=ante.name, code=ante.country,
                       country=ante.country, sector=None, kind="state", antecedent=ante.start, rule=rule)
    return copy_mention(ante, start, end, tv.text[start:end], ante.kind, rule)


def _determiner_before(d: Document, k: int) -> int | None:
    """The definite determiner before the anaphor noun at ``k``, over at most
    :data:`MAX_ANAPHOR_MODIFIERS` adjectives or nouns ("the jihadist group"); None without one."""
    tv = d.tv
    for j in range(k - 1, max(-1, k - 2 - MAX_ANAPHOR_MODIFIERS), -1):
        if tv.norms[j] in d.ctx.words.definite_determiners and tv.pos[j] == "DET":
            return j
        if tv.pos[j] not in ("ADJ", "NOUN") or tv.sent[j] != tv.sent[k]:
            return None
    return None


def definite_descriptions(d: Document, mentions: list[Mention]) -> list[Mention]:
    """'the country', 'that regime', 'the current regime', 'the jihadist group', 'the bloc' with no
    country of their own: the state, its government, the armed group or the international body
    named before."""
    words, tv = d.ctx.words, d.tv
    scene = Scene(d.ctx, d.doc, tv.text, tv.sent_starts, mentions)
    replace: dict[int, Mention] = {}
    topic = None
    classes = {w: name for name, nouns in (("bloc", words.bloc_anaphors), ("group", words.group_anaphors),
                                           ("government", words.government_anaphors), ("state", words.state_anaphors))
               for w in nouns}  # a word in two lists: the later one here (state before government ...) wins
    for k in range(1, tv.n):
        cls = classes.get(tv.norms[k])
        if cls is None:
            continue
        det_k = k - 1 if tv.norms[k - 1] in words.definite_determiners else _determiner_before(d, k) if cls != "bloc" else None
        if det_k is None:
            continue
        if k + 1 < tv.n and tv.norms[k + 1] in ("of", "'s"):
            continue  # "the government of Peru": its complement decides
        own = scene.mention_at(tv.toks[k])
        if own is not None and (own.country or own.members or own.name):
            continue
        if any(scene.mention_at(tv.toks[j]) is not None for j in range(det_k + 1, k)):
            continue  # "the Chilean government", "the Blorvak group": a modifier decides
        if topic is None:
            topic = _document_country(scene) or ""
        found = _definite_mention(d, scene, k, det_k, cls, topic or None)
        if found is not None:
            replace[found.start] = found
            if own is not None:
                replace.setdefault(-1 - own.start, own)  # marks the role mention it replaces
    if not replace:
        return mentions
    gone = {m.start for key, m in replace.items() if key < 0}
    added = [m for key, m in replace.items() if key >= 0]
    return sorted([m for m in mentions if m.start not in gone] + added, key=lambda m: (m.start, m.end))


# --- a named person described after the name --------------------------------------------------


def _token_at(tv: TokenView, offset: int) -> int | None:
    """The position in ``tv`` of the token starting at character ``offset``."""
    k = bisect.bisect_left(tv.starts, offset)
    return k if k < tv.n and tv.starts[k] == offset else None


def _singular_definite(d: Document, n: Mention) -> bool:
    """Whether mention ``n`` opens with a definite determiner (not the conjunction "that") and
    ends in a singular noun: "The Spanish photojournalist", never "that people in Chile"."""
    tv = d.tv
    k = _token_at(tv, n.start)
    if k is None or k == 0 or tv.norms[k - 1] not in d.ctx.words.definite_determiners or tv.pos[k - 1] != "DET":
        return False
    last = bisect.bisect_left(tv.starts, n.end) - 1
    return tv.toks[last].tag_ in ("NN", "NNP")


def _description_of(d: Document, mentions: list[Mention], k: int) -> Mention | None:
    """The definite role description ("The Spanish photojournalist") that follows the unknown
    person ``mentions[k]`` in the same or the next sentence, with no other person between."""
    m = mentions[k]
    sent = sentence_of(d.tv.sent_starts, m.start)
    for n in mentions[k + 1:]:
        if sentence_of(d.tv.sent_starts, n.start) > sent + 1:
            return None
        if n.kind == "person" and n.name and n.name != m.name:
            return None
        if (n.kind == "person" and n.name is None and n.country and n.sector and n.antecedent is None
                and not n.members and _singular_definite(d, n)):
            return n
    return None


def _maybe_person(m: Mention) -> bool:
    """A person, or a two- or three-word name the NER took for an organisation (a person's name
    as often as not, when a person's description follows it)."""
    return m.kind == "person" or (m.rule == "ner:org" and m.name is not None and 2 <= len(m.name.split()) <= 3)


def described_people(d: Document, mentions: list[Mention]) -> list[Mention]:
    """'X never wanted this. The Spanish photojournalist ...': an unknown person takes the country
    and sector of the definite role description that follows, in every mention of their name."""
    described: dict[str, Mention] = {}
    for k, m in enumerate(mentions):
        if _maybe_person(m) and m.name and m.country is None and m.name not in described:
            desc = _description_of(d, mentions, k)
            if desc is not None:
                described[m.name] = desc
    if not described:
        return mentions
    out = []
    for m in mentions:
        desc = described.get(m.name) if m.country is None and (m.kind == "pronoun" or _maybe_person(m)) else None
        if desc is not None:
            m = replace(m, code=desc.code, country=desc.country, sector=desc.sector,
                        kind="pronoun" if m.kind == "pronoun" else "person", rule=f"{m.rule}+described:{desc.rule}")
        out.append(m)
    return out


# --- relatives ---------------------------------------------------------------------------------


def _possessor(d: Document, scene: Scene, k: int) -> Mention | None:
    """The resolved person owning the kin noun at token ``k``: "Ana Ruiz's mother", "her brother"."""
    tv = d.tv
    if k == 0:
        return None
    j = k - 1
    if tv.norms[j] in ("'s", "’s", "'", "’") and j > 0:
        j -= 1
    elif tv.toks[j].tag_ != "PRP$":
        return None
    owner = scene.mention_at(tv.toks[j])
    if owner is None or not owner.country or owner.members:
        return None
    if owner.kind == "person" or (owner.kind == "pronoun" and owner.text.lower() in d.ctx.words.person_pronouns):
        return owner
    return None


def _relative_name(d: Document, k: int) -> tuple[int, int] | None:
    """Token range of the name right after a kin noun ("mother Ana", "mother, Ana,"), or None."""
    tv = d.tv
    j = k + 1
    if j < tv.n and tv.norms[j] == ",":
        j += 1
    if j >= tv.n or tv.pos[j] != "PROPN" or not tv.texts[j][:1].isupper() or tv.toks[j].ent_type_ not in ("PERSON", "ORG", ""):
        return None
    e = j
    while e < tv.n and tv.pos[e] == "PROPN" and tv.texts[e][:1].isupper() and tv.sent[e] == tv.sent[k]:
        e += 1
    return j, e


def relatives(d: Document, mentions: list[Mention]) -> list[Mention]:
    """'Ana Ruiz's mother', 'her brother', 'Ruiz's daughter Eva': a relative of a resolved person
    is a civilian (CVL) of that person's country, and so is the relative's name after the kin
    noun wherever it recurs as a name. Notes: a family member speaking for a victim or a
    detainee is coded as a civilian of the family's state."""
    tv, words = d.tv, d.ctx.words
    kin = [k for k in range(1, tv.n) if tv.norms[k] in words.kin_nouns and tv.pos[k] == "NOUN"]
    if not kin:
        return mentions
    scene = Scene(d.ctx, d.doc, tv.text, tv.sent_starts, mentions)
    added: list[Mention] = []
    names: dict[str, Mention] = {}
    for k in kin:
        owner = _possessor(d, scene, k)
        if owner is None or scene.mention_at(tv.toks[k]) is not None:
            continue
        start, end = tv.char_span(k, k + 1)
        rel = Mention(start=start, end=end, text=tv.text[start:end], name=None, code=actor_code(owner.country, "CVL"),
                      country=owner.country, sector="CVL", kind="person", antecedent=owner.start, rule="coref:kin")
        added.append(rel)
        span = _relative_name(d, k)
        if span is not None:
            name = tv.span_text(*span)
            names.setdefault(name, rel)
    out = mentions + added
    if names:
        out = _named_relatives(d, out, names)
    return sorted(out, key=lambda m: (m.start, m.end))


def _named_relatives(d: Document, mentions: list[Mention], names: dict[str, Mention]) -> list[Mention]:
    """Every later name (and surname mention) of a relative takes the relative's resolution."""
    tv = d.tv
    first_words = {n.split()[0] for n in names}
    out = []
    for m in mentions:
        rel = names.get(m.name or "") if m.country is None and m.kind == "person" else None
        out.append(replace(m, code=rel.code, country=rel.country, sector="CVL", rule=f"{m.rule}+coref:kin")
                   if rel is not None and m.start > rel.start else m)
    taken = [(m.start, m.end) for m in out]
    for k in range(tv.n):
        if tv.texts[k] not in first_words or tv.pos[k] != "PROPN":
            continue
        for name, rel in names.items():
            parts = name.split()
            if tv.texts[k:k + len(parts)] != parts or tv.starts[k] <= rel.start:
                continue
            start, end = tv.char_span(k, k + len(parts))
            if any(s < end and start < e for s, e in taken):
                continue
            out.append(Mention(start=start, end=end, text=tv.text[start:end], name=name, code=rel.code,
                               country=rel.country, sector="CVL", kind="person", antecedent=rel.start,
                               rule="coref:kin:name"))
            taken.append((start, end))
    return out


# --- an office named by its title alone ---------------------------------------------------------


def _kb_person(d: Document, m: Mention) -> ActorEntry | None:
    """The knowledge-base person a resolved mention names (its rule cites the entry's id)."""
    entry_id = next((part for part in m.rule.split("+") if part.startswith("kb:person:")), None)
    if entry_id is None or not m.name:
        return None
    return next((a.entry for a in d.ctx.kb.index.aliases.get(alias_key(m.name), ()) if a.entry.id == entry_id), None)


def _titles_held(d: Document, m: Mention) -> frozenset[str]:
    """The offices (lower-case titles) the person of mention ``m`` holds on the document's day: a
    known person's dated offices, or the role a mention was read from with its country."""
    if not m.country or m.former or m.members:
        return frozenset()
    first = m.rule.split("+")[0]
    if first.startswith("role:") and m.sector:  # "the president of Peru", "Chile's foreign minister"
        return frozenset({first[len("role:"):]})
    when = d.ctx.dating.offices
    entry = _kb_person(d, m) if when is not None else None
    if entry is None:
        return frozenset()
    return frozenset(" ".join(r.title.lower().split()) for r in entry.roles if r.holds(when)
                     and (r.country or entry.country) == m.country)


def _bare_title(d: Document, m: Mention) -> str | None:
    """The title of a mention that is only a definite determiner and a singular role noun
    ("the president", "The secretary of state"), perhaps after lower-case nouns of its portfolio
    ("the fisheries minister": title "fisheries minister"), with nothing resolved; None otherwise."""
    if m.kind != "person" or m.name or m.country or m.members or not m.rule.startswith("role:") or "+" in m.rule:
        return None
    title = m.rule[len("role:"):]
    if " ".join(m.text.lower().split()) != title:
        return None
    tv, k = d.tv, _token_at(d.tv, m.start)
    if k is None:
        return None
    j = k - 1
    while j >= 0 and k - j <= MAX_ANAPHOR_MODIFIERS and tv.pos[j] == "NOUN" and tv.texts[j].islower():
        j -= 1  # lower-case nouns of the portfolio ("the fisheries minister"): adjectives ("former") stop it
    if j < 0 or tv.norms[j] not in d.ctx.words.definite_determiners or tv.pos[j] != "DET":
        return None
    return title if j == k - 1 else " ".join(tv.norms[j + 1:k] + [title])


#: Sectors of offices of a state: a bare one with no holder named is the document's state's.
STATE_OFFICE_SECTORS = frozenset({"GOV", "LEG", "JUD", "MIL", "SPY"})


def office_titles(d: Document, mentions: list[Mention]) -> list[Mention]:
    """'the president', 'the secretary of state' with no country: the person named earlier in the
    document who holds that office on its day, or the earlier mention of that role with a country
    ("the president of Peru"); the latest one, when several do.

    Notes:
        A title with a definite article and nothing else names the office holder the story has
        introduced (a known person whose dated office has that title); with none named before,
        an office of a state is the office of the state the document is clearly about (as
        ``_document_country`` reads it), else the mention keeps its sector and no country.
    """
    holders: list[tuple[Mention, frozenset[str]]] = []
    out = []
    topic: str | None = None
    for m in mentions:
        title = _bare_title(d, m)
        if title is not None:
            ante = next((h for h, titles in reversed(holders) if title in titles), None)
            if ante is not None:
                m = copy_mention(ante, m.start, m.end, m.text, "person", f"coref:office:{title}")
            elif m.sector in STATE_OFFICE_SECTORS:
                if topic is None:
                    topic = _document_country(Scene(d.ctx, d.doc, d.tv.text, d.tv.sent_starts, mentions)) or ""
                if topic:  # "the foreign minister" in a story about one state: that state's
                    m = replace(m, code=actor_code(topic, m.sector), country=topic, rule=f"{m.rule}+context:document")
        else:
            titles = _titles_held(d, m) if m.kind == "person" else frozenset()
            if titles:
                holders.append((m, titles))
        out.append(m)
    return out


#: The coreference steps, applied in this order to the document's mentions.
COREF_RULES = rule_table(
    ("actors.coref.described_person.v1", described_people),  # first: later names and pronouns inherit it
    ("actors.coref.surname.v1", surnames),
    ("actors.coref.named_relatives.v1", relatives),  # "X's mother Y", before pronouns ("Y said she")
    ("actors.coref.groups_and_pronouns.v1", groups_and_pronouns),
    ("actors.coref.possessive_role.v1", possessive_roles),
    ("actors.coref.definite_description.v1", definite_descriptions),
    ("actors.coref.office_title.v1", office_titles),  # after surnames: "Ortega ... the president"
    ("actors.coref.relatives.v1", relatives),  # again after pronouns: "her mother"
)


def coreference(ctx: ActorContext, doc, tv: TokenView, mentions: list[Mention], roles: list[RolePhrase]) -> list[Mention]:
    """``mentions`` with surnames, dyad phrases, pronouns and possessed roles resolved (:data:`COREF_RULES`)."""
    d = Document(ctx, doc, tv, tuple(roles))
    for rule in COREF_RULES:
        mentions = rule.func(d, mentions)
    return mentions
