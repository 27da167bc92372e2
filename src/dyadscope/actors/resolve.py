"""Choose: turn the candidate matches of one noun phrase into one resolution.

The head of the phrase (its last match before any "of/to/at ..." complement) decides what the
phrase is: a named actor ("Brazilian President Lula" -> the person), or a role noun whose
country comes from its modifiers ("Chilean officials", "White House spokesman") or from its
complement ("the government of Narnia", "the president of the Blorvak Institute"). Dictionary
actors combine with agents as PETRARCH does (Narnia + president -> ``NRNGOV``). "former" makes
an official an elite (``ELI``) who keeps the country. Nothing is guessed: no country in the
phrase, no country.

:data:`PHRASE_RULES` lists the rules in the order they are tried; the first that applies decides.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field

from ..knowledge.actors import ActorKB
from ..knowledge.entries import BODY_KINDS, STATE_KINDS, actor_code, norm_token, parse_date, phrase_tokens
from ..rules import rule_table
from .candidates import Match, add_title_surnames, drop_places_in_names, scan
from .context import ActorContext, first_result
from .resolution import Dating, Resolution, reference_day, resolve_entry

#: Sectors of officials: one of an international body is coded as the body's (IGO).
OFFICIAL_SECTORS = frozenset({"GOV", "ELI", "IGO"})
#: Sectors of non-state armed groups: a title or rank after one of their role nouns ("rebel
#: commander", "militia general", "insurgent spokesman") is held in that group, not in a state.
NON_STATE_ARMED_SECTORS = frozenset({"REB", "PRM"})
#: Country code of transnational armed groups (IS, al-Qaeda), which no state modifier owns.
TRANSNATIONAL = "IMG"
#: Entry-id prefixes of user and PETRARCH dictionaries, whose codes are used as they are.
DICTIONARY_SOURCES = ("user:", "petrarch:")


def entity_resolution(ctx: ActorContext, match: Match) -> Resolution | None:
    """The resolution of a named match, or None when its aliases name different countries."""
    if not match.aliases:
        return None
    first = match.aliases[0]
    res = resolve_entry(ctx.kb, first.entry, ctx.dating)
    if len(match.aliases) > 1 and not first.entry.id.startswith(DICTIONARY_SOURCES):
        others = {resolve_entry(ctx.kb, a.entry, ctx.dating).country for a in match.aliases[1:]}
        if others - {res.country}:
            # same word, different actors (e.g. "Congolese"): prefer a non-demonym, else unresolved
            non_demonym = [a for a in match.aliases if a.entry.kind not in ("demonym", "place")]
            if len(non_demonym) == 1:
                return resolve_entry(ctx.kb, non_demonym[0].entry, ctx.dating)
            return None
    return res


def _with(res: Resolution, **changes) -> Resolution:
    data = dict(name=res.name, code=res.code, country=res.country, sector=res.sector, kind=res.kind,
                rule=res.rule, former=res.former, state_owned=res.state_owned, members=res.members)
    data.update(changes)
    return Resolution(**data)


def _is_dictionary(res: Resolution) -> bool:
    return res.kind == "dictionary" or res.rule.startswith(DICTIONARY_SOURCES)


@dataclass
class Phrase:
    """One noun phrase being resolved: ``norms[lo:hi]`` and its matches, split at a preposition.

    Attributes:
        pre: Matches before the first preposition no match covers (the head part).
        post: Matches after it (the complement: "of Chile", "to Peru").
        former: A "former"/"ex" word is in the phrase.
        compound: The states of a compound written as one word ("Danish-Dutch"), or ().
    """

    ctx: ActorContext
    norms: list[str]
    lo: int
    hi: int
    name: str | None
    pre: list[Match]
    post: list[Match]
    former: bool
    compound: tuple[Resolution, ...] = ()
    _resolved: dict = field(default_factory=dict)

    @classmethod
    def of(cls, ctx: ActorContext, norms: list[str], matches: list[Match], lo: int, hi: int,
           name: str | None) -> Phrase:
        words = ctx.words
        covered = {i for m in matches for i in range(m.start, m.end)}
        split = next((i for i in range(matches[0].end, hi) if i not in covered and norms[i] in words.phrase_split_preps),
                     None)
        pre = [m for m in matches if split is None or m.end <= split]
        post = [m for m in matches if split is not None and m.start > split]
        former = any(n in words.former_words for n in norms[lo:hi])
        phrase = cls(ctx, norms, lo, hi, name, pre, post, former)
        phrase.compound = phrase._compound_states()
        if phrase.compound and len({r.country for r in phrase.compound}) < 2:
            phrase.pre = pre[-1:]  # "Czech/Czechoslovak": one state written twice is its last name
        return phrase

    def resolution(self, match: Match) -> Resolution | None:
        """:func:`entity_resolution` of ``match``, computed once per phrase."""
        key = id(match)
        if key not in self._resolved:
            self._resolved[key] = entity_resolution(self.ctx, match)
        return self._resolved[key]

    def _compound_states(self) -> tuple[Resolution, ...]:
        pre = self.pre
        if len(pre) < 2 or not all(m.aliases and m.aliases[0].entry.kind in STATE_KINDS for m in pre):
            return ()
        joiners = self.ctx.words.compound_joiners
        if not all(b.start > a.end and all(n in joiners for n in self.norms[a.end:b.start]) for a, b in zip(pre, pre[1:])):
            return ()
        return tuple(r for r in (self.resolution(m) for m in pre) if r is not None)

    @property
    def head(self) -> Match:
        return self.pre[-1]

    @property
    def head_is_role(self) -> bool:
        head = self.head
        return head.role is not None and (not head.aliases or any(m.aliases and m is not head for m in self.pre[:-1]))

    @property
    def modifiers(self) -> list[Match]:
        return self.pre[:-1]

    @property
    def named(self) -> Resolution | None:
        """The named head's own resolution (None when the head is a role noun or unresolved)."""
        return None if self.head_is_role else self.resolution(self.head)

    @property
    def named_in_context(self) -> Resolution | None:
        """The named head after what the phrase says about it: an office in front, "former"."""
        res = self.named
        if res is None:
            return None
        if self.ctx.dating.article is None and res.kind == "person" and self.head.start > self.lo:
            res = _in_text_office(res, self.head.aliases[0].entry, self.norms[self.lo:self.head.start])
        if self.former:
            res = _make_former(res)
        return res

    def state_modifiers(self) -> list[Resolution]:
        """Resolutions of the modifiers that are states with a country ("Chilean", "Peru's")."""
        return [r for r in (self.resolution(m) for m in self.modifiers)
                if r is not None and r.kind in ("state", "demonym") and r.country]


def _make_former(res: Resolution) -> Resolution:
    if res.former or res.kind not in ("person",):
        return res
    return _with(res, former=True, sector="ELI", code=actor_code(res.country, "ELI") if res.country else None)


def _in_text_office(res: Resolution, entry, before: list[str]) -> Resolution:
    """An undated text's own title for a known person ("U.N. Secretary-General Ban Ki-moon").

    Without a document date only a reference date can say which office the person held (and
    often they hold none by then); a title in front of the name that names one of the person's
    offices (the title up to any "of ...") is better evidence. ``before`` are the normalised
    tokens before the name.
    """
    text = " " + " ".join(before).replace(" - ", "-").replace(" -", "-") + " "
    held = [r for r in getattr(entry, "roles", ())
            if f" {r.title.lower().split(' of ')[0].strip()} " in text]
    if not held:
        return res
    role = max(held, key=lambda r: r.start or _dt.date.min)
    country = role.country or entry.country
    code = "IGO" + country if role.sector == "IGO" and country else actor_code(country, role.sector)
    return _with(res, code=code, country=country, sector=role.sector, former=False)


def _combine_dictionary(base: Resolution, role) -> tuple[str | None, str | None, str | None]:
    """Dictionary code + agent code, as PETRARCH writes it (``NRN`` + ``GOV`` -> ``NRNGOV``)."""
    code = base.code
    agent = role.agent or role.sector
    if not code or not agent:
        return code, base.country, base.sector
    if code.endswith(agent) or code.startswith(agent):
        combined = code
    else:
        combined = agent + code if role.prefix else code + agent
    return combined, base.country, role.sector or base.sector


# --- the rules, in the order PHRASE_RULES tries them -----------------------------------------


def settled_people(p: Phrase) -> Resolution | None:
    """A people named after the state it lives in: "Bosnian Croats", "Iraqi Turkmen" -> the first state."""
    pre = p.pre
    if not (len(pre) == 2 and pre[1].start == pre[0].end and pre[1].end - pre[1].start == 1
            and all(m.aliases and m.aliases[0].entry.kind == "demonym" for m in pre)
            and p.norms[pre[1].start].endswith("s")):
        return None
    first = p.resolution(pre[0])
    if first is None or not first.country:
        return None
    return _with(first, name=None, kind="person", rule=f"settled-people:{first.rule}")


def compound_group(p: Phrase) -> Resolution | None:
    """A compound actor written as one word ("Danish-Dutch-Belgian"): a group, never one code."""
    if len({r.country for r in p.compound}) < 2:
        return None
    return Resolution(None, None, None, None, "group", "group:compound", members=p.compound)


def person_without_country(p: Phrase) -> Resolution | None:
    """A named person the knowledge base gives no country: as it is."""
    res = p.named
    return res if res is not None and res.kind == "person" and not res.country else None


def region_placed_by_state(p: Phrase) -> Resolution | None:
    """A region a state modifier places ("the Norwegian Arctic"): a place in that state."""
    res = p.named
    if res is None or res.kind != "region" or res.country:
        return None
    states = p.state_modifiers()
    if not states:
        return None
    r = states[0]
    return _with(res, country=r.country, code=None, kind="place", rule=f"{res.rule}+{r.rule}")


def dictionary_agent(p: Phrase) -> Resolution | None:
    """PETRARCH: an agent before a dictionary actor combines with it ("President Tisroc")."""
    res = p.named_in_context
    if res is None or not res.code or not _is_dictionary(res):
        return None
    before = [m for m in p.modifiers if m.role is not None and (not m.aliases or m.role.source != "kb")]
    if not before:
        return None
    role = before[-1].role
    code, country, sector = _combine_dictionary(res, role)
    return _with(res, code=code, country=country, sector=sector, rule=f"role:{role.text}+{res.rule}")


def body_of_state(p: Phrase) -> Resolution | None:
    """A state before a generic body name owns it ("Chile's Interior Ministry")."""
    res = p.named_in_context
    if res is None or res.kind not in ("organization", "igo") or not res.country or len(p.pre) < 2 \
            or res.country == TRANSNATIONAL:
        return None  # "British Isis": a transnational group is nobody's state's
    for r in p.state_modifiers():
        if r.country != res.country:
            return _with(res, country=r.country, code=actor_code(r.country, res.sector), name=None,
                         rule=f"{res.rule}+{r.rule}")
    return None


def named_actor(p: Phrase) -> Resolution | None:
    """Otherwise a named head is what the phrase is."""
    return p.named_in_context


def role_head(p: Phrase) -> Resolution | None:
    """A role noun head: its sector, and the country (or dictionary code) its modifiers or complement give."""
    if not p.head_is_role:
        return None
    role = _head_role(p)
    post = [r for r in (p.resolution(m) for m in p.post) if r is not None]
    source = _role_source(p, post)
    sector, source = _role_sector(p, role, post, source)
    if source is not None and source.kind == "group":
        source = None
    code, country = _role_code(p.ctx.kb, role, source, sector)
    if source is not None and source.kind == "igo" and role.kind == "person" and sector in OFFICIAL_SECTORS:
        sector = "IGO"  # an official of an international body ("the UN envoy") is that body's (IGOUNO)
    rule = f"role:{role.text}" + (f"+{source.rule}" if source is not None else "")
    kind = "person" if role.kind == "person" else "organization"
    res = Resolution(p.name, code, country, sector, kind, rule)
    if p.former and kind == "person":
        res = _with(res, former=True, sector="ELI", code=actor_code(country, "ELI") if country else None)
    if res.country is None and res.sector is None:
        return None
    return res


def _head_role(p: Phrase):
    """The head's role noun; a user/PETRARCH agent in the phrase outranks our generic role nouns."""
    role = p.head.role
    if role.source == "kb":
        dict_roles = [m.role for m in p.pre if m.role is not None and not m.aliases and m.role.source != "kb"]
        if dict_roles:
            role = dict_roles[-1]
    return role


def _role_source(p: Phrase, post: list[Resolution]) -> Resolution | None:
    """Where a role's country comes from: the body it serves when the modifiers name one ("British
    Isis fighters" fight for the group), else the first modifier with a country or code, else the
    complement."""
    mods = [r for r in (p.resolution(m) for m in p.modifiers) if r is not None and (r.country or r.code)]
    bodies = [r for r in mods if r.kind in ("organization", "igo") and r.country]
    if bodies and any(r.kind == "demonym" for r in mods):
        return bodies[-1]
    if mods:
        return mods[0]
    return next((r for r in post if r.country or r.code), None)


def _role_sector(p: Phrase, role, post: list[Resolution], source: Resolution | None):
    """The role's sector, and its source after a body it works for ("spokesman of the Blorvak Institute")."""
    sector = role.sector
    bodies = [r for r in (p.resolution(m) for m in p.modifiers) if r is not None and r.kind in BODY_KINDS and r.sector]
    if bodies and (role.generic or role.text in p.ctx.words.official_roles):
        sector = bodies[-1].sector
    elif role.generic and not bodies:
        # an occupation in an institution named by its type ("army accountant", "navy spokesman")
        kinds = [m.role for m in p.modifiers if m.role is not None and not m.aliases and m.role.kind == "organization"
                 and m.role.sector]
        if kinds:
            sector = kinds[-1].sector
    armed = [m.role for m in p.modifiers if m.role is not None and not m.aliases
             and m.role.sector in NON_STATE_ARMED_SECTORS]
    if armed and (role.generic or role.sector == "MIL") and not bodies:
        sector = armed[-1].sector  # "rebel commander": a rank in the rebels' ranks, not the army's
    if role.generic:
        for r in post:
            if r.kind in BODY_KINDS and r.sector:
                sector = r.sector
                if source is None or source.kind not in STATE_KINDS:
                    source = r
                break
    return sector, source


def _role_code(kb: ActorKB, role, source: Resolution | None, sector: str | None) -> tuple[str | None, str | None]:
    """The code and country of a role whose country comes from ``source``."""
    if source is None:
        return None, None
    if _is_dictionary(source):
        if role.source == "kb" and kb.user_agents:
            # the user's agent dictionary defines which nouns add to their codes ("Calormen
            # leaders" stays CLM when "leader" is not one of their agents)
            return source.code, source.country
        code, country, _ = _combine_dictionary(source, role)
        return code, country
    if source.kind == "igo":
        return source.code, source.country
    if source.kind == "region":
        return source.code, None  # "European diplomats": the region's code, no state
    if source.kind == "people":
        return None, None  # a people has no code of its own (actors.document.placed_people places it)
    return actor_code(source.country, sector), source.country


#: The phrase rules in the order they are tried; the first that applies decides.
PHRASE_RULES = rule_table(
    ("actors.phrase.settled_people.v1", settled_people),
    ("actors.phrase.compound_group.v1", compound_group),
    ("actors.phrase.person_without_country.v1", person_without_country),
    ("actors.phrase.region_placed_by_state.v1", region_placed_by_state),
    ("actors.phrase.dictionary_agent.v1", dictionary_agent),
    ("actors.phrase.body_of_state.v1", body_of_state),
    ("actors.phrase.named_actor.v1", named_actor),
    ("actors.phrase.role_head.v1", role_head),
)


def compose(ctx: ActorContext, norms: list[str], matches: list[Match], *, lo: int = 0, hi: int | None = None,
            name: str | None = None) -> Resolution | None:
    """Resolve the phrase ``norms[lo:hi]`` from its ``matches`` (sorted, inside the range)."""
    if not matches:
        return None
    phrase = Phrase.of(ctx, norms, matches, lo, len(norms) if hi is None else hi, name)
    return first_result(PHRASE_RULES, phrase)


def resolve_tokens(ctx: ActorContext, texts: list[str]) -> Resolution | None:
    """Phrase mode: scan a short token list (any letter case) and compose one resolution."""
    norms = [norm_token(t) for t in texts]
    matches = scan(ctx.kb.index, texts, norms=norms, strict=False, wrappers=ctx.words.name_wrapping_marks)
    matches = add_title_surnames(ctx, texts, norms, matches)
    matches = drop_places_in_names(texts, matches)
    return compose(ctx, norms, matches)


def resolve_phrase(text: str, *, kb, date: str | _dt.date | None = None, context: str | None = None,
                   reference_date: str | _dt.date | None = None) -> Resolution | None:
    """Resolve a short actor phrase ("Brazilian President Lula", "Danish frigates").

    Args:
        text: The phrase.
        kb: The :class:`~dyadscope.knowledge.Knowledge` object, or its ``actors`` part.
        date: The phrase's own date (ISO or written as "10 May 2015", or a date), for dated offices and codes.
        context: Optional text naming the country ("Peru", "Chilean navy") used when the
            phrase itself gives none.
        reference_date: The day a known person's office is read on when ``date`` is None
            (same forms); with neither, the office is unknown (country, no sector).

    Returns:
        The resolution, or None when nothing in the phrase is known (never a guessed code).

    Raises:
        ValueError: when ``reference_date`` is not a date.
    """
    ctx = ActorContext.of(getattr(kb, "actors", kb), Dating(parse_date(date), reference_day(reference_date)))
    res = resolve_tokens(ctx, [t for t, _, _ in phrase_tokens(text)])
    if context and (res is None or res.country is None):
        ctx_res = resolve_tokens(ctx, [t for t, _, _ in phrase_tokens(context)])
        if ctx_res is not None and ctx_res.country:
            if res is None:
                res = Resolution(None, ctx_res.country, ctx_res.country, None, "state", "context")
            else:
                res = Resolution(res.name, actor_code(ctx_res.country, res.sector), ctx_res.country, res.sector,
                                 res.kind, res.rule + "+context", res.former, res.state_owned)
    return res
