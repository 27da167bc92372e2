"""Choose: turn the candidate matches of one noun phrase into one resolution.

The head of the phrase (its last match before any "of/to/at ..." complement) decides what the
phrase is: a named actor ("Russian President Vladimir Putin" -> the person), or a role noun whose
country comes from its modifiers ("Iranian officials", "Kremlin spokesman") or from its
complement ("the government of Gondor", "president of the Riigikogu"). Dictionary actors combine
with agents as PETRARCH does (Gondor + president -> ``GONGOV``). "former" makes an official
an elite (``ELI``) who keeps the country. Nothing is guessed: no country in the phrase, no country.
"""

from __future__ import annotations

import datetime as _dt
import re

from ..knowledge.actors import ActorKB
from ..knowledge.entries import Alias, actor_code, norm_token, parse_date, phrase_tokens
from .candidates import Match, scan
from .resolution import UNDATED, Dating, Resolution, resolve_entry, reference_day

PREPS = frozenset("of to for at in from across on with under within inside near by against".split())
FORMER = frozenset("former ex retired erstwhile onetime one-time disgraced".split())
GROUP_JOINERS = frozenset(["-", "/", ",", "and", "&"])
STATE_KINDS = frozenset(["state", "demonym", "capital", "dictionary"])
OFFICIAL_ROLES = frozenset(
    "official officials spokesman spokeswoman spokesperson spokesmen commander commanders chief head leader "
    "director member members aide aides adviser advisers advisor advisors officer officers".split()
)


def entity_resolution(kb: ActorKB, match: Match, dating: Dating) -> Resolution | None:
    """The resolution of a named match, or None when its aliases name different countries."""
    if not match.aliases:
        return None
    first = match.aliases[0]
    res = resolve_entry(kb, first.entry, dating)
    if len(match.aliases) > 1 and not first.entry.id.startswith(("user:", "petrarch:")):
        others = {resolve_entry(kb, a.entry, dating).country for a in match.aliases[1:]}
        if others - {res.country}:
            # same word, different actors (e.g. "Congolese"): prefer a non-demonym, else unresolved
            non_demonym = [a for a in match.aliases if a.entry.kind not in ("demonym", "place")]
            if len(non_demonym) == 1:
                return resolve_entry(kb, non_demonym[0].entry, dating)
            return None
    return res


#: Role nouns for a government named after its leader ("the Bush administration").
LEADER_BODIES = frozenset(["administration", "government", "regime", "cabinet"])


def _title_holder(cands, title: str | None, date: _dt.date | None):
    """The one candidate a surname after ``title`` stands for, or None when it stays ambiguous.

    Candidates that held the title win; among several, the one holding it on ``date``, else
    the most recent holder when they all share one country ("President Bush" undated: a USA
    president either way).
    """
    if title is not None and len(cands) > 1:
        pat = re.compile(rf"\b{re.escape(title.lower())}\b")
        held = [(c, r) for c in cands for r in c.roles if pat.search(r.title.lower())]
        if held:
            cands = list(dict.fromkeys(c for c, _ in held))
            if date is not None and len(cands) > 1:
                now = [c for c, r in held if (r.start is None or r.start <= date) and (r.end is None or date <= r.end)]
                if len(set(now)) == 1:
                    return now[0]
            if len(cands) > 1 and len({c.country for c in cands}) == 1:
                return max(held, key=lambda cr: cr[1].start or _dt.date.min)[0]
    if title is None and len(cands) > 1 and date is not None:
        now = [c for c in cands if any((r.start is None or r.start <= date) and (r.end is None or date <= r.end)
                                       for r in c.roles)]
        if len(now) == 1:
            return now[0]
    if len(cands) > 1 and len({c.country for c in cands}) == 1 and title is None:
        return max(cands, key=lambda c: max((r.start or _dt.date.min for r in c.roles), default=_dt.date.min))
    return cands[0] if len(cands) == 1 else None


def add_title_surnames(kb: ActorKB, texts: list[str], norms: list[str], matches: list[Match],
                       dating: Dating = UNDATED) -> list[Match]:
    """Add a person match for a known surname right after a title ("Deputy Secretary Hicks").

    Also before a government body ("the Bush administration"). A surname followed by another
    capitalised word is part of a longer name ("President Ahmed Ben Bella") and is left alone.
    """
    surnames = kb.index.surnames
    if not surnames:
        return matches
    covered = {i for m in matches for i in range(m.start, m.end)}
    extra = []
    n = len(texts)
    for m in matches:
        if m.role is None or m.aliases:
            continue
        i = m.end
        if i < n and i not in covered and texts[i][:1].isupper():
            if i + 1 < n and i + 1 not in covered and texts[i + 1][:1].isupper() and texts[i + 1].isalpha():
                continue  # "President Ahmed Ben Bella": a longer name
            cands = surnames.get(norms[i], [])
            pick = _title_holder(cands, m.role.text, dating.article) if cands else None
            if pick is not None:
                extra.append(Match(i, i + 1, (Alias(pick, texts[i]),), None))
                covered.add(i)
        i = m.start - 1
        if m.role.text in LEADER_BODIES and i >= 0 and i not in covered and texts[i][:1].isupper() \
                and (i == 0 or not texts[i - 1][:1].isupper() or norms[i - 1] == "the"):
            cands = surnames.get(norms[i], [])
            pick = _title_holder(cands, None, dating.article) if cands else None
            if pick is not None:
                extra.append(Match(i, i + 1, (Alias(pick, texts[i]),), None))
                covered.add(i)
    if not extra:
        return matches
    return sorted(matches + extra, key=lambda m: m.start)


def drop_places_in_names(texts: list[str], matches: list[Match]) -> list[Match]:
    """Drop a place match right after an unmatched capitalised word ("Feliciano Valencia" is a name)."""
    covered = {i for m in matches for i in range(m.start, m.end)}
    out = []
    for m in matches:
        prev = m.start - 1
        if (m.aliases and all(a.entry.kind == "place" for a in m.aliases) and prev >= 0 and prev not in covered
                and texts[prev][:1].isupper() and texts[prev].isalpha()):
            continue
        out.append(m)
    return out


def _with(res: Resolution, **changes) -> Resolution:
    data = dict(name=res.name, code=res.code, country=res.country, sector=res.sector, kind=res.kind,
                rule=res.rule, former=res.former, state_owned=res.state_owned, members=res.members)
    data.update(changes)
    return Resolution(**data)


def _make_former(res: Resolution) -> Resolution:
    if res.former or res.kind not in ("person",):
        return res
    return _with(res, former=True, sector="ELI", code=actor_code(res.country, "ELI") if res.country else None)


def _in_text_office(res: Resolution, entry, before: list[str]) -> Resolution:
    """An undated text's own title for a known person ("U.N. Secretary-General Kofi Annan").

    Without a document date the knowledge base can only say what the person is today (often
    "former"); a title in front of the name that names one of the person's offices (the title
    up to any "of ...") is better evidence. ``before`` are the normalised tokens before the name.
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
    """Dictionary code + agent code, as PETRARCH writes it (``GON`` + ``GOV`` -> ``GONGOV``)."""
    code = base.code
    agent = role.agent or role.sector
    if not code or not agent:
        return code, base.country, base.sector
    if code.endswith(agent) or code.startswith(agent):
        combined = code
    else:
        combined = agent + code if role.prefix else code + agent
    return combined, base.country, role.sector or base.sector


def compose(
    kb: ActorKB,
    norms: list[str],
    matches: list[Match],
    dating: Dating,
    *,
    lo: int = 0,
    hi: int | None = None,
    name: str | None = None,
) -> Resolution | None:
    """Resolve the phrase ``norms[lo:hi]`` from its ``matches`` (sorted, inside the range)."""
    if hi is None:
        hi = len(norms)
    if not matches:
        return None
    former = any(n in FORMER for n in norms[lo:hi])
    covered = {i for m in matches for i in range(m.start, m.end)}
    split = None
    for i in range(matches[0].end, hi):
        if i not in covered and norms[i] in PREPS:
            split = i
            break
    pre = [m for m in matches if split is None or m.end <= split]
    post = [m for m in matches if split is not None and m.start > split]

    # A people named after the state it lives in: "Bosnian Serbs", "Iraqi Kurds" -> the first state.
    if (len(pre) == 2 and pre[1].start == pre[0].end and all(m.aliases and m.aliases[0].entry.kind == "demonym" for m in pre)
            and norms[pre[1].start].endswith("s") and pre[1].end - pre[1].start == 1):
        first = entity_resolution(kb, pre[0], dating)
        if first is not None and first.country:
            return _with(first, name=None, kind="person", rule=f"settled-people:{first.rule}")

    # Compound actors written as one word: "Iranian-Russian-Chinese", "Soviet/Russian".
    if len(pre) >= 2 and all(m.aliases and m.aliases[0].entry.kind in STATE_KINDS for m in pre):
        gaps_ok = all(all(n in GROUP_JOINERS for n in norms[a.end:b.start]) and b.start > a.end
                      for a, b in zip(pre, pre[1:]))
        if gaps_ok:
            members = tuple(r for r in (entity_resolution(kb, m, dating) for m in pre) if r is not None)
            countries = {r.country for r in members}
            if len(countries) >= 2:
                return Resolution(None, None, None, None, "group", "group:compound", members=members)
            if members:
                pre = pre[-1:]

    head = pre[-1]
    head_is_role = head.role is not None and (not head.aliases or any(
        m.aliases and m is not head for m in pre[:-1]))
    if not head_is_role:
        res = entity_resolution(kb, head, dating)
        if res is None:
            return None
        if res.kind == "person" and not res.country:
            return res
        if res.kind == "region" and not res.country:
            # "the Syrian Golan Heights", "Iranian Kurdistan": a region a state modifier places
            for m in pre[:-1]:
                r = entity_resolution(kb, m, dating)
                if r is not None and r.kind in ("state", "demonym") and r.country:
                    return _with(res, country=r.country, code=None, kind="place", rule=f"{res.rule}+{r.rule}")
        before = [m for m in pre[:-1] if m.role is not None and (not m.aliases or m.role.source != "kb")]
        if dating.article is None and res.kind == "person" and head.start > lo:
            res = _in_text_office(res, head.aliases[0].entry, norms[lo:head.start])
        if former:
            res = _make_former(res)
        if before and (res.kind == "dictionary" or res.rule.startswith(("user:", "petrarch:"))) and res.code:
            # PETRARCH: an agent before an actor combines with it ("Prime Minister Romendacil", "MSF Arnor")
            code, country, sector = _combine_dictionary(res, before[-1].role)
            return _with(res, code=code, country=country, sector=sector, rule=f"role:{before[-1].role.text}+{res.rule}")
        if res.kind in ("organization", "igo") and res.country and len(pre) >= 2:
            # "Chile's Defense Ministry": a state before a generic body name owns it.
            for m in pre[:-1]:
                r = entity_resolution(kb, m, dating)
                if r is not None and r.kind in ("state", "demonym") and r.country and r.country != res.country:
                    res = _with(res, country=r.country, code=actor_code(r.country, res.sector), name=None,
                                rule=f"{res.rule}+{r.rule}")
                    break
        return res

    role = head.role
    if role.source == "kb":
        dict_roles = [m.role for m in pre if m.role is not None and not m.aliases and m.role.source != "kb"]
        if dict_roles:
            role = dict_roles[-1]  # a user/PETRARCH agent outranks our generic role nouns
    source = None
    for m in pre[:-1]:
        r = entity_resolution(kb, m, dating)
        if r is not None and (r.country or r.code):
            source = r
            break
    org_override = None
    for m in pre[:-1]:
        r = entity_resolution(kb, m, dating)
        if r is not None and r.kind in ("organization", "igo", "media") and r.sector:
            org_override = r
    post_res = [r for r in (entity_resolution(kb, m, dating) for m in post) if r is not None]
    if source is None:
        for r in post_res:
            if r.country or r.code:
                source = r
                break
    sector = role.sector
    rule = f"role:{role.text}"
    if org_override is not None and (role.generic or role.text in OFFICIAL_ROLES):
        sector = org_override.sector
    if role.generic:
        for r in post_res:
            if r.kind in ("organization", "igo", "media") and r.sector:
                sector = r.sector
                if source is None or source.kind not in STATE_KINDS:
                    source = r
                break
    if source is not None and source.kind == "group":
        source = None
    country = source.country if source is not None else None
    code = None
    if source is not None:
        rule += f"+{source.rule}"
        if source.kind == "dictionary" or source.rule.startswith(("user:", "petrarch:")):
            if role.source == "kb" and kb.user_agents:
                # the user's agent dictionary defines which nouns add to their codes ("Calenardhon
                # leaders" stays CAL when "leader" is not one of their agents)
                code, country = source.code, source.country
            else:
                code, country, _ = _combine_dictionary(source, role)
        elif source.kind == "igo":
            code = source.code
        elif source.kind == "region":
            code = source.code
        else:
            code = actor_code(country, sector)
    if role.source != "kb" and source is None:
        code = None
    kind = "person" if role.kind == "person" else "organization"
    res = Resolution(name, code, country, sector, kind, rule)
    if former and kind == "person":
        res = _with(res, former=True, sector="ELI", code=actor_code(country, "ELI") if country else None)
    if res.country is None and res.sector is None:
        return None
    return res


def resolve_tokens(kb: ActorKB, texts: list[str], dating: Dating) -> Resolution | None:
    """Phrase mode: scan a short token list (any letter case) and compose one resolution."""
    norms = [norm_token(t) for t in texts]
    matches = scan(kb.index, texts, norms=norms, strict=False)
    matches = add_title_surnames(kb, texts, norms, matches, dating)
    matches = drop_places_in_names(texts, matches)
    return compose(kb, norms, matches, dating)


def resolve_phrase(text: str, *, kb, date: str | _dt.date | None = None, context: str | None = None,
                   reference_date: str | _dt.date | None = None) -> Resolution | None:
    """Resolve a short actor phrase ("Brazilian President Lula", "Danish frigates").

    Args:
        text: The phrase.
        kb: The :class:`~dyadscope.knowledge.Knowledge` object, or its ``actors`` part.
        date: The phrase's own date (ISO string or date), for dated offices and codes.
        context: Optional text naming the country ("Peru", "Chilean navy") used when the
            phrase itself gives none.
        reference_date: The day a known person's office is read on when ``date`` is None
            (ISO ``YYYY-MM-DD``); with neither, the office is unknown (country, no sector).

    Returns:
        The resolution, or None when nothing in the phrase is known (never a guessed code).
    """
    akb = getattr(kb, "actors", kb)
    dating = Dating(parse_date(date), reference_day(reference_date))
    res = resolve_tokens(akb, [t for t, _, _ in phrase_tokens(text)], dating)
    if context and (res is None or res.country is None):
        ctx = resolve_tokens(akb, [t for t, _, _ in phrase_tokens(context)], dating)
        if ctx is not None and ctx.country:
            if res is None:
                res = Resolution(None, ctx.country, ctx.country, None, "state", "context")
            else:
                res = Resolution(res.name, actor_code(ctx.country, res.sector), ctx.country, res.sector, res.kind,
                                 res.rule + "+context", res.former, res.state_owned)
    return res
