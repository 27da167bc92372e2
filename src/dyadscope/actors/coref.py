"""Within-document coreference for actor mentions, applied in the order of :data:`COREF_RULES`.

* Surnames and partial names ("Pereira" after "Ana Pereira"), including ones the NER missed.
* Dyad phrases and pronouns (:mod:`.pronouns`), with coordinated people ("Ana Pereira and
  Tomas Berg") as a group "they" can refer to.
* A role owned by a resolved possessive pronoun ("its navy", "their envoys") takes the
  pronoun's country.

Every mention resolved this way records the start offset of its antecedent.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..knowledge.entries import actor_code
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
    """Keys a later partial mention may use: the last word, and its first part when hyphenated."""
    if not name or " " not in name.strip():
        return []
    last = name.split()[-1].lower()
    keys = [last]
    if "-" in last and not last.startswith(ctx.words.name_particles):
        keys.append(last.split("-")[0])
    return keys


def _is_full_name(m: Mention) -> bool:
    return m.kind == "person" and bool(m.name) and " " in m.name.strip() and m.antecedent is None


def surnames(d: Document, mentions: list[Mention]) -> list[Mention]:
    """Link later person mentions (and unmatched capitalised tokens) to an earlier full name."""
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
    extra = _missed_surnames(d, mentions, by_surname)
    return sorted(out + extra, key=lambda m: m.start) if extra else out


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
    triggers = {"both", "two"} | words.person_pronouns | words.body_pronouns | words.plural_pronouns | words.we_pronouns
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


#: The coreference steps, applied in this order to the document's mentions.
COREF_RULES = rule_table(
    ("actors.coref.surname.v1", surnames),
    ("actors.coref.groups_and_pronouns.v1", groups_and_pronouns),
    ("actors.coref.possessive_role.v1", possessive_roles),
)


def coreference(ctx: ActorContext, doc, tv: TokenView, mentions: list[Mention], roles: list[RolePhrase]) -> list[Mention]:
    """``mentions`` with surnames, dyad phrases, pronouns and possessed roles resolved (:data:`COREF_RULES`)."""
    d = Document(ctx, doc, tv, tuple(roles))
    for rule in COREF_RULES:
        mentions = rule.func(d, mentions)
    return mentions
