"""Find: actor mentions of a parsed document, from knowledge-base matches and named entities.

Steps, in order:

1. *Units*: longest knowledge-base matches over the tokens (named actors and role nouns), plus
   spaCy PERSON entities that no known person covers and ORG entities the knowledge base does
   not name exactly.
2. *Chunks*: units that stand in one noun phrase ("Russian President Vladimir Putin",
   "Kremlin spokesman Dmitry Peskov", "Iranian-Russian-Chinese") are merged; a chunk that only
   modifies another noun ("Iran's missile program") keeps its named part only.
3. *Resolution* of each chunk (:mod:`.resolve`), with its complement where the chunk has no
   country ("the government of Gondor", "soldiers from Gondor").
4. *Appositions and relative clauses* give unknown people their role ("X, associate professor at
   Y"; "X, who served as spokesman for Z"; "A former official, X,").
5. *Coreference* (:mod:`.coref`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..knowledge.actors import ActorKB
from ..knowledge.entries import actor_code, norm_token
from .candidates import Match, scan
from .resolution import Dating, Resolution
from .resolve import FORMER, add_title_surnames, compose

GLUE_POS = frozenset(["ADJ"])
GLUE_TEXT = frozenset(["'s", "’s", "'", "*", '"', "“", "”", "senior", "top", "former", "ex", "then", "current",
                       "deputy", "acting", "chief", "-", "/"])
STANCE_PREFIXES = frozenset(["anti", "pro", "non"])
LIST_GLUE = frozenset([",", "and", "or", "&", "the"])
COMPLEMENT_PREPS = frozenset(["of", "for", "at", "in", "from"])
LOCATIVE_PREPS = frozenset(["in", "at", "to", "into", "near", "outside", "inside", "around", "across", "through", "via"])
NOT_LOCATIVE_BEFORE_TO = frozenset(["according", "close", "closer", "closest", "due", "thanks", "owing", "next", "similar"])
#: Role nouns too vague to be an actor on their own in running text.
WEAK_ROLES = frozenset(
    "people man men woman women child children family families crowd crowds public population community leader "
    "leaders speaker representative representatives general major agent agents justice fellow secretary state "
    "department party parties daily press agency website division school union bank business businesses "
    "authority expert experts analyst analysts tank tanks missile missiles drone drones artillery warplane "
    "warplanes destroyer submarine bomber warship warships fleet forces prisoner prisoners inhabitants elders politicians resident residents citizen citizens student "
    "students worker workers driver drivers daily weekly magazine outlet radio television tv company companies "
    "firm firms court assembly cabinet administration ministry embassy regime government official "
    "officials".split()
)
STRONG_ROLE_PLURALS = frozenset(["officials", "diplomats", "troops", "soldiers", "lawmakers", "rebels", "militants",
                                 "police", "authorities", "protesters", "negotiators", "envoys", "ministers"])


@dataclass
class Unit:
    """A unit of a chunk: a knowledge-base match, or a PERSON/ORG entity span (token indices)."""

    start: int
    end: int
    match: Match | None = None
    ent: str | None = None  # "PERSON" / "ORG"
    inner: list[Match] = field(default_factory=list)


@dataclass
class Chunk:
    """Merged units in one noun phrase, and what they resolve to."""

    units: list[Unit]
    res: Resolution | None = None
    name: str | None = None
    kind: str = ""
    antecedent: int | None = None
    rule_extra: str = ""

    @property
    def start(self) -> int:
        return self.units[0].start

    @property
    def end(self) -> int:
        return self.units[-1].end


class TokenView:
    """The non-space tokens of a doc as parallel lists, with character offsets and sentence ids."""

    def __init__(self, doc) -> None:
        toks = [t for t in doc if not t.is_space and t.text != "."]
        self.toks = toks
        self.texts = [t.text for t in toks]
        self.norms = [norm_token(x) for x in self.texts]
        self.pos = [t.pos_ for t in toks]
        self.index = {t.i: k for k, t in enumerate(toks)}
        sent_of = [0] * len(doc)
        self.sent_starts = []
        for sid, sent in enumerate(doc.sents):
            self.sent_starts.append(sent.start_char)
            for i in range(sent.start, sent.end):
                sent_of[i] = sid
        self.sent = [sent_of[t.i] for t in toks]
        self.n = len(toks)
        self.text = doc.text

    def char_span(self, start: int, end: int) -> tuple[int, int]:
        return self.toks[start].idx, self.toks[end - 1].idx + len(self.toks[end - 1].text)

    def token_range(self, span) -> tuple[int, int] | None:
        idx = [self.index[t.i] for t in span if t.i in self.index]
        if not idx:
            return None
        return idx[0], idx[-1] + 1


def _units(kb: ActorKB, tv: TokenView, doc, dating: Dating) -> list[Unit]:
    matches = scan(kb.index, tv.texts, strict=True, norms=tv.norms)
    matches = add_title_surnames(kb, tv.texts, tv.norms, matches, dating)
    units = [Unit(m.start, m.end, match=m) for m in matches]
    for ent in doc.ents:
        if ent.label_ not in ("PERSON", "ORG"):
            continue
        rng = tv.token_range(ent)
        if rng is None:
            continue
        s, e = rng
        if tv.norms[s] == "the":
            s += 1
        if e - s > 1 and tv.norms[e - 1] in ("'s", "'"):
            e -= 1
        if s >= e:
            continue
        near = [u for u in units if u.start < e and u.end > s]
        inside = [u for u in near if u.match is not None and u.start >= s and u.end <= e]
        crossing = [u for u in near if u.match is not None and u not in inside]
        if crossing:
            continue
        if ent.label_ == "PERSON":
            if any(u.match.aliases and u.match.aliases[0].entry.kind in ("person", "dictionary") for u in inside):
                continue
            # Titles in front of the name stay units of their own ("President X").
            lead = [u for u in inside if u.match.role is not None and not u.match.aliases and u.start == s]
            while lead:
                s = lead[0].end
                inside = [u for u in inside if u is not lead[0]]
                lead = [u for u in inside if u.match.role is not None and not u.match.aliases and u.start == s]
            if s >= e:
                continue
            if inside and all(u.match.aliases and u.match.aliases[0].entry.kind not in ("place", "region") for u in inside) \
                    and sum(u.end - u.start for u in inside) == e - s:
                continue  # the "person" is a known actor (NER error)
            units = [u for u in units if u not in inside]
            units.append(Unit(s, e, ent="PERSON"))
        else:
            named = {k for u in inside if u.match.aliases for k in range(u.start, u.end)}
            alpha = [k for k in range(s, e) if any(ch.isalpha() for ch in tv.texts[k]) and tv.norms[k] != "the"]
            exact = [u for u in inside if u.start == s and u.end == e and u.match.aliases]
            if inside and all(k in named for k in alpha) and len({u.match.aliases[0].entry.id for u in inside if u.match.aliases}) == 1:
                continue  # the ORG span is a known actor plus punctuation ("SCO)", "(INSTEX")
            if len(inside) >= 2 and all(_is_state(u) for u in inside) and all(
                    k in named or tv.norms[k] in LIST_GLUE for k in range(s, e)):
                continue  # a list of known actors the NER took as one name ("Arnor, Osgiliath and Gondor")
            if exact or not inside:
                if not inside:
                    units.append(Unit(s, e, ent="ORG"))
                continue
            if len(inside) == 1 and inside[0].match.aliases and inside[0].match.aliases[0].entry.kind in (
                    "state", "demonym", "capital") and e - s <= 2:
                continue  # "Iranian" tagged ORG
            units = [u for u in units if u not in inside]
            units.append(Unit(s, e, ent="ORG", inner=[u.match for u in inside]))
    units.sort(key=lambda u: u.start)
    return units


def _glue(tv: TokenView, a: int, b: int) -> bool:
    if tv.norms[a:b] == ["-", "led"]:
        return True  # "Vietnamese-led forces": the leader's country is the group's
    for k in range(a, b):
        if tv.norms[k] in GLUE_TEXT or tv.pos[k] in GLUE_POS:
            continue
        if tv.norms[k] in ("and", ",") and a < k < b - 1 and tv.pos[k - 1] == "ADJ" and tv.pos[k + 1] == "ADJ":
            continue  # "awful and evil minister"
        return False
    return True


def _stance_prefixed(tv: TokenView, u: Unit) -> bool:
    """'anti-Syria', 'pro-Iranian': the state is what the phrase is for or against, not its country."""
    return u.start >= 2 and tv.norms[u.start - 1] == "-" and tv.norms[u.start - 2] in STANCE_PREFIXES


def _chunks(tv: TokenView, units: list[Unit]) -> list[Chunk]:
    chunks: list[Chunk] = []
    for u in units:
        if chunks:
            last = chunks[-1]
            prev = last.units[-1]
            if _stance_prefixed(tv, prev) and _is_state(prev):
                chunks.append(Chunk([u]))
                continue
            both_states = (_is_state(prev) and _is_state(u)
                           and not all(tv.norms[k] in ("-", "/") for k in range(prev.end, u.start))
                           and not _settled_people(tv, prev, u))
            if (u.ent != "ORG" and prev.ent != "ORG" and prev.ent != "PERSON" and not both_states
                    and tv.sent[prev.start] == tv.sent[u.start] and _glue(tv, prev.end, u.start)):
                last.units.append(u)
                continue
        chunks.append(Chunk([u]))
    return chunks


def _is_demonym(u: Unit) -> bool:
    return u.match is not None and bool(u.match.aliases) and u.match.aliases[0].entry.kind == "demonym"


def _settled_people(tv: TokenView, prev: Unit, u: Unit) -> bool:
    """'Bosnian Serbs', 'Iraqi Kurds': a people (plural demonym) named after the state it lives in."""
    return (_is_demonym(prev) and _is_demonym(u) and u.start == prev.end and u.end - u.start == 1
            and tv.norms[u.start].endswith("s") and tv.pos[prev.start] in ("ADJ", "PROPN")
            and prev.match.aliases[0].entry.country != u.match.aliases[0].entry.country)


def _is_state(u: Unit) -> bool:
    return u.match is not None and bool(u.match.aliases) and u.match.aliases[0].entry.kind in (
        "state", "demonym", "capital", "dictionary", "region")


def _lead(tv: TokenView, lo: int) -> int:
    """Start of the modifiers in front of token ``lo`` ("a former senior ...")."""
    k = lo
    while k > 0 and (tv.norms[k - 1] in GLUE_TEXT or tv.pos[k - 1] in ("ADJ", "NUM")) and tv.norms[k - 1] not in ("'s", "’s"):
        k -= 1
    return k


def _is_role(u: Unit) -> bool:
    return u.match is not None and u.match.role is not None and not u.match.aliases


def _trim_modifier_chunks(tv: TokenView, chunks: list[Chunk]) -> list[Chunk]:
    """Drop trailing role nouns of a chunk that modifies a following noun ("Iran's missile program")."""
    out = []
    for c in chunks:
        nxt = c.end
        if nxt < tv.n and tv.pos[nxt] in ("NOUN", "PROPN") and tv.norms[nxt] not in ("'s",):
            while c.units and _is_role(c.units[-1]):
                c.units.pop()
        if c.units:
            out.append(c)
    return out


def _resolve_chunk(kb: ActorKB, tv: TokenView, c: Chunk, dating: Dating) -> None:
    head = c.units[-1]
    lo, hi = c.start, c.end
    if head.ent == "PERSON":
        mods = [u.match for u in c.units[:-1] if u.match is not None]
        res = compose(kb, tv.norms, mods, dating, lo=lo, hi=head.start) if mods else None
        name = " ".join(tv.texts[head.start:head.end]).replace(" - ", "-").replace(" -", "-").replace("- ", "-")
        name = _span_text(tv, head.start, head.end)
        former = any(n in FORMER for n in tv.norms[_lead(tv, lo):head.start])
        if res is not None and res.kind in ("person", "state", "demonym", "capital", "organization", "igo", "media", "dictionary"):
            sector = res.sector if res.kind != "state" and res.kind != "demonym" else None
            if res.kind in ("organization", "igo", "media") and not any(_is_role(u) for u in c.units[:-1]):
                sector = None  # "Reuters' John Smith": the outlet gives the country only
            country = res.country
            code = res.code if res.kind == "dictionary" else actor_code(country, sector) if country else None
            if former and country:
                sector, code = "ELI", actor_code(country, "ELI")
            c.res = Resolution(name, code, country, sector, "person", "person+" + res.rule, former=former or res.former)
        else:
            c.res = Resolution(name, None, None, None, "person", "ner:person")
        return
    if head.ent == "ORG":
        name = _span_text(tv, head.start, head.end)
        res = compose(kb, tv.norms, head.inner, dating, lo=head.start, hi=head.end) if head.inner else None
        if res is None:
            c.res = Resolution(name, None, None, None, "organization", "ner:org")
        elif res.kind in ("state", "demonym") and res.country and head.inner[0].start == head.start \
                and res.name != name and res.kind != "group":
            # "Liberian Peace Council", "Iran Air": a body whose name opens with a state is of that state
            c.res = Resolution(name, res.country, res.country, None, "organization", "org+" + res.rule)
        elif res.kind in ("place", "state", "demonym", "capital", "region") and res.name != name:
            c.res = Resolution(name, None, None, None, "organization", "ner:org")  # named after a place only
        else:
            kind = res.kind if res.kind in ("media", "igo") else "organization"
            c.res = Resolution(name, res.code, res.country, res.sector, kind, "org+" + res.rule,
                               former=res.former, state_owned=res.state_owned)
        return
    matches = [u.match for u in c.units]
    c.res = compose(kb, tv.norms, matches, dating, lo=_lead(tv, lo), hi=hi)
    if c.res is not None and c.res.kind == "capital" and lo > 0:
        prev = tv.norms[lo - 1]
        k = lo - 1
        if prev == "the" and lo > 1:
            k, prev = lo - 2, tv.norms[lo - 2]
        before = tv.norms[k - 1] if k > 0 else ""
        after = tv.norms[hi] if hi < tv.n else ""
        tok = tv.toks[lo]
        if tok.dep_ == "dobj" and tok.head.lemma_ in ("visit", "reach", "leave", "tour"):
            prev = "in"  # "visited Baghdad": a destination
        if prev in LOCATIVE_PREPS and not (prev == "to" and before in NOT_LOCATIVE_BEFORE_TO) and after != "'s":
            r = c.res
            c.res = Resolution(r.name, None, r.country, None, "place", r.rule + "+locative")


def _span_text(tv: TokenView, s: int, e: int) -> str:
    start, end = tv.char_span(s, e)
    return tv.text[start:end]


def _absorb_complements(kb: ActorKB, tv: TokenView, chunks: list[Chunk], dating: Dating) -> list[Chunk]:
    """'the government of Gondor', 'soldiers from Gondor': a role without country takes its complement's."""
    out: list[Chunk] = []
    i = 0
    while i < len(chunks):
        c = chunks[i]
        r = c.res
        if (r is not None and r.country is None and r.sector and _is_role(c.units[-1]) and i + 1 < len(chunks)):
            d = chunks[i + 1]
            gap = list(range(c.end, d.start))
            if (gap and tv.norms[gap[0]] in COMPLEMENT_PREPS and len(gap) <= 3
                    and all(tv.norms[k] in COMPLEMENT_PREPS or tv.pos[k] in ("DET", "ADJ") for k in gap)
                    and tv.sent[c.start] == tv.sent[d.start]
                    and d.res is not None and d.res.country and d.res.kind in ("state", "demonym", "capital", "dictionary", "place", "organization", "igo")):
                # "Lawmakers in Fornost and Gondor", "the ambassadors of Arnor, Osgiliath and Gondor"
                conj = [d]
                j = i + 2
                while j < len(chunks):
                    e = chunks[j]
                    between = tv.norms[conj[-1].end:e.start]
                    if between in (["and"], [","], [",", "and"], ["or"]) and e.res is not None and e.res.country \
                            and e.res.kind == d.res.kind and tv.sent[e.start] == tv.sent[d.start]:
                        conj.append(e)
                        j += 1
                    else:
                        break
                members = []
                for dd in conj:
                    units = c.units + dd.units
                    if all(u.match is not None for u in units):
                        r2 = compose(kb, tv.norms, [u.match for u in units], dating, lo=_lead(tv, c.start), hi=dd.end)
                        if r2 is not None and r2.country:
                            members.append(r2)
                if len(members) == len(conj) and len(members) >= 2:
                    merged = Chunk(c.units + [u for dd in conj for u in dd.units])
                    merged.res = Resolution(None, None, None, None, "group", "group:coordinated-complement",
                                            members=tuple(members))
                    out.append(merged)
                    i = j
                    continue
                if members and d.res.kind in ("organization", "igo", "media"):
                    # "analysts at the Brookings Institution": the role takes the body's country, both stay mentions
                    c.res = members[0]
                    out.append(c)
                    i += 1
                    continue
                merged = Chunk(c.units + d.units)
                if members:
                    merged.res = members[0]
                if merged.res is not None and merged.res.country:
                    out.append(merged)
                    i += 2
                    continue
        out.append(c)
        i += 1
    return out


def _apply_appositions(kb: ActorKB, tv: TokenView, chunks: list[Chunk], dating: Dating) -> None:
    """Unknown people take the role of an apposition or relative clause next to them."""
    for i, c in enumerate(chunks):
        r = c.res
        org_person = (r is not None and r.rule == "ner:org" and c.units[-1].ent == "ORG" and 2 <= c.end - c.start <= 3)
        if r is None or (r.kind != "person" and not org_person) or c.units[-1].ent not in ("PERSON", "ORG") or r.country:
            continue
        sid = tv.sent[c.start]
        # "X, associate professor ... at Y" / "X, the Qods Force commander"
        j = c.end
        former_clause = False
        if j < tv.n and tv.norms[j] in (",", "—", "–", "(") and i + 1 < len(chunks):
            k = j + 1
            while k < tv.n and tv.pos[k] in ("DET", "ADJ") and tv.norms[k] not in (",",):
                k += 1
            if k < tv.n and tv.norms[k] == "who":
                clause = tv.norms[k:k + 4]
                former_clause = any(w in ("served", "was", "had") for w in clause)
            cands = []
            for d in chunks[i + 1:]:
                if tv.sent[d.start] != sid or any(tv.norms[x] in (";", "said", "says", "told") or (tv.norms[x] == "," and x > j + 1 and not cands) for x in range(j + 1, d.start)):
                    break
                cands.append(d)
                if len(cands) >= 4:
                    break
            role = next((d for d in cands if d.res is not None and d.res.sector and d.units and _is_role(d.units[-1])), None)
            place = next((d for d in cands if d.res is not None and d.res.country and d.res.kind not in ("region",)
                          and d is not role and (role is None or d.start > role.start)), None)
            if role is None and place is not None and place.res.kind in ("organization", "igo", "media") and tv.norms[k] == "who":
                role = place
            if org_person and (role is None or role.res.kind != "person"):
                continue
            if role is not None:
                country = role.res.country or (place.res.country if place else None)
                sector = role.res.sector
                if role.res.generic if hasattr(role.res, "generic") else False:
                    pass
                if role.units and _is_role(role.units[-1]) and role.units[-1].match.role.generic and place is not None \
                        and place.res.kind in ("organization", "igo") and place.res.sector:
                    sector = place.res.sector
                if not _is_role(role.units[-1]) and role.res.sector:
                    sector = role.res.sector
                former = role.res.former or former_clause
                if former and country:
                    sector = "ELI"
                code = actor_code(country, sector) if country else None
                c.res = Resolution(r.name, code, country, sector, "person", "apposition+" + role.res.rule, former=former)
                continue
        # "A former senior official, X," — role chunk right before
        if i > 0:
            p = chunks[i - 1]
            gap = tv.norms[p.end:c.start]
            if gap in ([","], ["—"], ["–"]) and tv.sent[p.start] == sid and p.res is not None and p.res.kind == "person" \
                    and p.units[-1].ent is None and _is_role(p.units[-1]) and p.res.country:
                c.res = Resolution(r.name, p.res.code, p.res.country, p.res.sector, "person", "apposition+" + p.res.rule,
                                   former=p.res.former)


def _distribute_who_work(tv: TokenView, chunks: list[Chunk]) -> None:
    """'X and Y, who both work at ORG': the coordinated people get ORG's country and sector."""
    for i, c in enumerate(chunks):
        r = c.res
        if r is None or r.kind != "person" or c.units[-1].ent != "PERSON":
            continue
        # find the list of coordinated unknown people ending at c
        people = [c]
        k = i
        while k > 0:
            p = chunks[k - 1]
            gap = tv.norms[p.end:chunks[k].start]
            if gap in (["and"], [","]) and p.res is not None and p.res.kind == "person" and p.units[-1].ent == "PERSON":
                people.insert(0, p)
                k -= 1
            else:
                break
        j = c.end
        if len(people) < 2 or j + 2 >= tv.n or tv.norms[j] != "," or tv.norms[j + 1] != "who":
            continue
        window = tv.norms[j + 2:j + 6]
        if not any(w.startswith(("work", "serve", "teach")) for w in window):
            continue
        org = next((d for d in chunks[i + 1:i + 4] if d.res is not None and d.res.country and d.res.kind in
                    ("organization", "media", "igo") and tv.sent[d.start] == tv.sent[c.start]), None)
        if org is None:
            continue
        for pc in people:
            pr = pc.res
            if pr.country:
                continue
            pc.res = Resolution(pr.name, actor_code(org.res.country, org.res.sector), org.res.country, org.res.sector,
                                "person", "who-work+" + org.res.rule)


#: Sectors of actors that act inside their own country: a bare "rebels", "refugees", "police"
#: takes the one country its sentence is about.
DOMESTIC_SECTORS = frozenset("REB OPP CVL REF CRM PRM LAB AGR COP JUD LEG REL EDU HLH".split())
SENTENCE_COUNTRY_KINDS = frozenset(["state", "demonym", "capital", "place", "dictionary", "person", "organization", "media"])
IN_PREPS = frozenset(["in", "inside", "across", "throughout", "within"])


def _sentence_countries(kb: ActorKB, tv: TokenView, chunks: list[Chunk]) -> None:
    """A bare domestic role ("fundamentalists", "hostage-takers") takes its sentence's country.

    The country must be unambiguous: the only country named in the sentence, or else the only
    one named as a location ("in Iraq", a city). IGOs and regions do not count. Notes: PLOVER and
    CAMEO code domestic groups with the state they act in.
    """
    by_sent: dict[int, list[Chunk]] = {}
    for c in chunks:
        by_sent.setdefault(tv.sent[c.start], []).append(c)
    for c in chunks:
        r = c.res
        if r is None or r.country or r.sector not in DOMESTIC_SECTORS or r.kind not in ("person", "organization") \
                or not all(_is_role(u) for u in c.units) or r.members:
            continue
        others = [d for d in by_sent[tv.sent[c.start]] if d is not c and d.res is not None and d.res.country
                  and d.res.kind in SENTENCE_COUNTRY_KINDS and not d.res.members and len(d.res.country) == 3
                  and (d.res.country in kb.by_country or d.res.kind == "dictionary")]
        countries = {d.res.country for d in others}
        # a demonym on a thing ("Danish web sites") makes a country ambiguous but never decides it
        # ... nor does a capital as a place ("signed a deal in Oslo": a venue, often abroad)
        strong = {d.res.country for d in others if not (d.res.kind == "demonym" and d.end < tv.n
                                                        and tv.pos[d.end] in ("NOUN", "PROPN"))
                  and not (d.res.kind == "place" and ":capital:" in d.res.rule)}
        if len(countries) == 1 and not strong:
            continue
        if len(countries) != 1:
            countries = {d.res.country for d in others
                         if (d.res.kind == "place" and ":capital:" not in d.res.rule)
                         or (d.res.kind != "place" and d.start > 0 and tv.norms[d.start - 1] in IN_PREPS)
                         or any(tv.norms[k] in IN_PREPS for k in range(d.start, d.end))}  # "prisoners in Peru"
        if len(countries) != 1:
            continue
        country = countries.pop()
        c.res = Resolution(r.name, actor_code(country, r.sector), country, r.sector, r.kind, r.rule + "+context:sentence",
                           former=r.former)


ACRONYM_SKIP = frozenset(["of", "for", "the", "and", "in", "on", "de", "du", "des", "la", "le", "&", "-"])


def _initials(tv: TokenView, s: int, e: int) -> str:
    out = []
    for k in range(s, e):
        if tv.norms[k] in ACRONYM_SKIP:
            continue
        for part in tv.texts[k].split("-"):
            if part[:1].isalpha():
                out.append(part[0].upper())
    return "".join(out)


def _acronyms_in_brackets(tv: TokenView, chunks: list[Chunk]) -> None:
    """'Forces for Defence of Democracy (FDD)': the bracketed acronym is the name before it.

    Whichever of the two is resolved gives its resolution to the other, so an acronym that
    elsewhere names something else (FDD, a Washington think tank) follows the text.
    """
    for c, d in zip(chunks, chunks[1:]):
        if not (d.start == c.end + 1 and tv.norms[c.end] == "(" and d.end - d.start == 1
                and d.end < tv.n and tv.norms[d.end] == ")" and tv.texts[d.start].isupper()):
            continue
        acro = tv.texts[d.start].replace(".", "")
        init = _initials(tv, c.start, c.end)
        if len(acro) < 2 or not (init == acro or init.endswith(acro) or acro in init):
            continue
        if c.res is not None and (c.res.country or c.res.code):
            r = c.res
            d.res = Resolution(r.name, r.code, r.country, r.sector, r.kind, r.rule + "+acronym", former=r.former,
                               state_owned=r.state_owned)
        elif d.res is not None and (d.res.country or d.res.code) and c.res is not None:
            r = d.res
            c.res = Resolution(c.res.name or r.name, r.code, r.country, r.sector, r.kind, r.rule + "+acronym",
                               former=r.former, state_owned=r.state_owned)


MINORITY_PLACE_GLUE = frozenset(["the", "southern", "northern", "eastern", "western", "south", "north", "east", "west",
                                 "central", "southeastern", "southwestern", "northeastern", "northwestern"])


def _ethnic_minorities(tv: TokenView, chunks: list[Chunk]) -> None:
    """'ethnic Albanians in south Serbia', 'the Albanians of southern Serbia': a people living in
    another state is coded with the state it lives in (CAMEO codes minorities by residence).

    The state is the one right after "in"/"of"; or, after "ethnic", the only (or most often named)
    other state of the sentence. A plain demonym ("Albanians said ...") keeps its own country.
    """
    for i, c in enumerate(chunks):
        r = c.res
        if r is None or r.kind != "demonym" or len(c.units) != 1 or not tv.norms[c.end - 1].endswith("s") or not r.country:
            continue
        country = None
        k = c.end
        if k < tv.n and tv.norms[k] in ("in", "of") and i + 1 < len(chunks):
            d = chunks[i + 1]
            if all(tv.norms[x] in MINORITY_PLACE_GLUE for x in range(k + 1, d.start)) and d.res is not None \
                    and d.res.kind in ("state", "place", "capital", "dictionary") and d.res.country \
                    and d.res.country != r.country:
                country = d.res.country
        if country is None and c.start > 0 and tv.norms[c.start - 1] == "ethnic":
            sid = tv.sent[c.start]
            named = [d.res.country for d in chunks if d is not c and tv.sent[d.start] == sid and d.res is not None
                     and d.res.country and d.res.kind in ("state", "place", "capital", "demonym", "person", "organization")
                     and not d.res.members and d.res.country != r.country]
            counts = {x: named.count(x) for x in named}
            ranked = sorted(counts, key=lambda x: -counts[x])
            if len(ranked) == 1 or (len(ranked) > 1 and counts[ranked[0]] > counts[ranked[1]]):
                country = ranked[0]  # the only, or the most named, other state of the sentence
        if country is not None:
            c.res = Resolution(None, country, country, None, "person", f"ethnic-minority:{r.rule}+{country.lower()}")


def _ambiguous_by_document(kb: ActorKB, tv: TokenView, chunks: list[Chunk], dating: Dating) -> None:
    """'Congo', 'Congolese' (two states): the one the document names unambiguously elsewhere.

    A name shared by several states stays unresolved unless exactly one of them is named
    elsewhere in the document ("Kinshasa", "the DRC").
    """
    ambiguous = []
    for c in chunks:
        for u in c.units:
            m = u.match
            if m is not None and len(m.aliases) > 1 and len({a.entry.country for a in m.aliases}) > 1 \
                    and all(a.entry.kind in ("state", "demonym", "capital", "place") for a in m.aliases):
                ambiguous.append((c, u))
    if not ambiguous:
        return
    known = {c.res.country for c in chunks if c.res is not None and c.res.country
             and not any(u.match is not None and len({a.entry.country for a in u.match.aliases}) > 1 for u in c.units)}
    for c, u in ambiguous:
        picks = {a.entry.country for a in u.match.aliases} & known
        if len(picks) != 1:
            continue
        country = picks.pop()
        u.match = Match(u.match.start, u.match.end, tuple(a for a in u.match.aliases if a.entry.country == country),
                        u.match.role)
        _resolve_chunk(kb, tv, c, dating)


def find_chunks(doc, kb: ActorKB, dating: Dating) -> tuple[TokenView, list[Chunk]]:
    """The resolved chunks of ``doc`` in document order (before coreference)."""
    tv = TokenView(doc)
    units = _units(kb, tv, doc, dating)
    chunks = _trim_modifier_chunks(tv, _chunks(tv, units))
    for c in chunks:
        _resolve_chunk(kb, tv, c, dating)
    _ambiguous_by_document(kb, tv, chunks, dating)
    chunks = _absorb_complements(kb, tv, chunks, dating)
    _ethnic_minorities(tv, chunks)
    _apply_appositions(kb, tv, chunks, dating)
    _distribute_who_work(tv, chunks)
    _acronyms_in_brackets(tv, chunks)
    _sentence_countries(kb, tv, chunks)
    return tv, chunks


def keep_chunk(tv: TokenView, c: Chunk) -> bool:
    """Whether a chunk is worth a mention: named actors always; bare role nouns only when specific."""
    if c.res is None:
        return any(u.ent for u in c.units)
    if c.res.rule in ("ner:person", "ner:org") and c.end - c.start == 1:
        return False  # a lone unknown capitalised word: too weak (kept only if coreference links it)
    if len(c.units) == 1 and _is_role(c.units[0]):
        role = c.units[0].match.role
        text = tv.norms[c.start:c.end]
        if role.source == "kb" and (" ".join(text) in WEAK_ROLES and " ".join(text) not in STRONG_ROLE_PLURALS):
            return False
        if role.source == "kb" and c.res.country is None and role.kind != "person":
            return False
    return True

