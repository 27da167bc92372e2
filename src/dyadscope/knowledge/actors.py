"""Actor knowledge: states, capitals, regions, IGOs, organisations, media, people and role nouns.

Built once per process by :func:`load_actor_kb` from the data files in ``data/actors/`` (pycountry
gives the ISO 3166 backbone, our curated files the rest) plus user dictionaries (our YAML/CSV/JSONL
format, or PETRARCH/TABARI ``.txt`` actor and agent files). Everything the actor stage looks up is
indexed here at load time: aliases by their normalised token sequence, gated by their first token,
so matching a document is a set lookup per token and a dict lookup per candidate span.
"""

from __future__ import annotations

import datetime as _dt
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pycountry

from ..errors import KnowledgeError
from .load import read_csv, read_jsonl, read_yaml_list

ACTORS_SUBDIR = "actors"

#: Sector codes we accept in our own files (PLOVER/CAMEO sector and type codes).
SECTORS = frozenset(
    "GOV MIL COP JUD LEG OPP PTY MED EDU BUS NGO HRI REB PRM SPY CRM CVL REL LAB AGR HLH REF ELI PRE UAF IGO UNK "
    "ENV DEV SET IMG MOD RAD INS".split()
)

KINDS = frozenset(
    "state capital demonym igo person organization media region group pronoun place dictionary".split()
)

_TOKEN_RE = re.compile(r"(?:[^\W\d_]\.){2,}|[’']s\b|\w+(?:['’](?!s\b)\w+)*\.?|-(?=[^\W\d_])|[^\w\s]")


def norm_token(text: str) -> str:
    """The key form of one token: lower case, curly quotes straightened, trailing period dropped."""
    if text.isalnum():
        return text.lower()
    t = text.lower().replace("’", "'").replace("‘", "'")
    if len(t) > 1 and t[0].isalpha() and "<" in t:
        t = t[: t.index("<")]  # markup left in the text: "Entekhab</u"
    if len(t) > 1 and ("*" in t or "_" in t):
        t = t.strip("*_.") or t
    if len(t) > 1 and t.endswith("."):
        t = t[:-1]
    return t


def phrase_tokens(text: str) -> list[tuple[str, int, int]]:
    """Split a phrase roughly as spaCy's English tokenizer does: ``(text, start, end)`` triples.

    Hyphens between letters and the possessive ``'s`` are separate tokens; abbreviations such as
    ``U.S.`` stay whole. Lone periods are dropped (see :func:`norm_token`).
    """
    out = []
    for m in _TOKEN_RE.finditer(text):
        tok = m.group()
        if tok == ".":
            continue
        out.append((tok, m.start(), m.end()))
    return out


def alias_key(text: str) -> tuple[str, ...]:
    """Normalised token tuple of an alias, the key of the alias index."""
    return tuple(norm_token(t) for t, _, _ in phrase_tokens(text))


def parse_date(value: Any) -> _dt.date | None:
    """ISO ``YYYY-MM-DD`` / ``YYYY-MM`` / ``YYYY`` or ``YYYYMMDD`` to a date; None when empty or unreadable."""
    if value is None or value == "":
        return None
    if isinstance(value, _dt.date):
        return value
    s = str(value).strip()
    try:
        if re.fullmatch(r"\d{8}", s):
            return _dt.date(int(s[:4]), int(s[4:6]), int(s[6:]))
        parts = [int(p) for p in s.split("-")]
        while len(parts) < 3:
            parts.append(1)
        return _dt.date(*parts[:3])
    except (ValueError, TypeError):
        return None


@dataclass(frozen=True, slots=True)
class Role:
    """A dated office of a person: ``sector`` (GOV, MIL, ...) between ``start`` and ``end`` (None = open)."""

    title: str
    sector: str
    start: _dt.date | None
    end: _dt.date | None
    country: str | None = None


@dataclass(frozen=True, slots=True)
class DatedCode:
    """A dictionary code valid between ``start`` and ``end`` (inclusive; None = open)."""

    code: str
    start: _dt.date | None = None
    end: _dt.date | None = None


@dataclass(frozen=True, slots=True)
class ActorEntry:
    """One actor the knowledge base knows.

    Attributes:
        id: Stable id, unique within its source (``kb:person:vladimir-putin``).
        name: Canonical name.
        kind: ``state``, ``capital``, ``demonym``, ``igo``, ``organization``, ``media``, ``region``,
            ``person``, ``place`` or ``dictionary`` (a PETRARCH/user entry with dictionary codes).
        country, sector, code: Fixed resolution (people and dated dictionary entries resolve by date).
        roles: A person's dated offices.
        base_sector: A person's sector outside every listed office (e.g. BUS).
        codes: Dictionary codes, possibly dated; the first undated one is the default.
        state_owned: State-owned media and companies.
        case_sensitive: Aliases match only with the exact letter case (``WHO``, ``Dawn``).
    """

    id: str
    name: str
    kind: str
    country: str | None = None
    sector: str | None = None
    code: str | None = None
    roles: tuple[Role, ...] = ()
    base_sector: str | None = None
    codes: tuple[DatedCode, ...] = ()
    state_owned: bool = False
    case_sensitive: bool = False


@dataclass(frozen=True, slots=True)
class Alias:
    """One surface form of an entry: ``needs_the`` when it only names the entry after "the"."""

    entry: ActorEntry
    text: str
    needs_the: bool = False
    acronym: bool = False


@dataclass(frozen=True, slots=True)
class RoleNoun:
    """A role noun or organisation type ("spokesman", "army") and the sector it gives.

    ``agent`` is the code part it adds to a country code (``GOV``, ``GOVFRM``); ``prefix`` puts
    it before the country code (PETRARCH ``[NGO~]``). ``generic`` titles ("president",
    "head") take the sector of the organisation they lead ("president of the Riigikogu").
    """

    text: str
    sector: str | None
    kind: str
    agent: str | None = None
    prefix: bool = False
    generic: bool = False
    source: str = "kb"


GENERIC_TITLES = frozenset(
    "president vice president chairman chairwoman chair head leader chief director member members "
    "secretary-general secretary general director general spokesman spokeswoman spokesperson".split(" ")
)


@dataclass(frozen=True)
class Resolution:
    """What a phrase or mention resolves to (fields as in :class:`dyadscope.records.Mention`)."""

    name: str | None
    code: str | None
    country: str | None
    sector: str | None
    kind: str
    rule: str
    former: bool = False
    state_owned: bool = False
    members: tuple["Resolution", ...] = ()


class Lexicon:
    """Alias and role-noun index keyed by normalised token tuples, gated by first token."""

    def __init__(self) -> None:
        self.aliases: dict[tuple[str, ...], list[Alias]] = {}
        self.roles: dict[tuple[str, ...], RoleNoun] = {}
        self.first: set[str] = set()
        self.max_len = 1
        self.surnames: dict[str, list[ActorEntry]] = {}

    def add_alias(self, key: tuple[str, ...], alias: Alias, *, front: bool = False) -> None:
        if not key:
            return
        bucket = self.aliases.setdefault(key, [])
        if any(a.entry is alias.entry for a in bucket):
            return
        if front:
            bucket.insert(0, alias)
        else:
            bucket.append(alias)
        self.first.add(key[0])
        self.max_len = max(self.max_len, len(key))

    def add_role(self, key: tuple[str, ...], role: RoleNoun, *, override: bool = False) -> None:
        if not key:
            return
        if override or key not in self.roles:
            self.roles[key] = role
        self.first.add(key[0])
        self.max_len = max(self.max_len, len(key))


def plural_forms(word: str) -> list[str]:
    """Regular English plurals of a (last) word: ``minister -> ministers``, ``ministry -> ministries``."""
    if word.endswith(("s", "x", "ch", "sh")):
        return [word + "es"]
    if word.endswith("y") and len(word) > 2 and word[-2] not in "aeiou":
        return [word[:-1] + "ies"]
    if word.endswith("man"):
        return [word[:-3] + "men"]
    return [word + "s"]


@dataclass(frozen=True)
class ActorKB:
    """Everything the actor stage knows: entries, their alias index and the role nouns.

    Build with :func:`load_actor_kb`. ``resolve_phrase`` resolves a short text ("Russia's
    ambassador to Poland") without a parsed document.
    """

    entries: tuple[ActorEntry, ...] = ()
    lexicon: Lexicon = field(default_factory=Lexicon)
    by_country: dict[str, ActorEntry] = field(default_factory=dict)
    petrarch_codes: frozenset[str] = frozenset()
    today: _dt.date = field(default_factory=_dt.date.today)
    #: True when a user or PETRARCH agent dictionary is loaded: then only its agents add to
    #: dictionary codes.
    user_agents: bool = False

    # --- resolution of one entry -------------------------------------------------------------

    def resolve_entry(self, entry: ActorEntry, date: _dt.date | None = None) -> Resolution:
        """The resolution of ``entry`` on ``date`` (today when None)."""
        when = date or self.today
        rule = entry.id
        if entry.kind == "person" and (entry.roles or entry.base_sector):
            active = [r for r in entry.roles if (r.start is None or r.start <= when) and (r.end is None or when <= r.end)]
            if active:
                role = max(active, key=lambda r: r.start or _dt.date.min)
                country = role.country or entry.country
                code = f"IGO{country}" if role.sector == "IGO" and role.country else _code(country, role.sector)
                return Resolution(entry.name, code, country, role.sector, "person", rule)
            past = [r for r in entry.roles if r.end is not None and r.end < when]
            if past:
                return Resolution(entry.name, _code(entry.country, "ELI"), entry.country, "ELI", "person", rule, former=True)
            sector = entry.base_sector
            return Resolution(entry.name, _code(entry.country, sector), entry.country, sector, "person", rule)
        if entry.codes:
            code = pick_code(entry.codes, date)
            members = ()
            if code and "/" in code:
                members = tuple(
                    Resolution(entry.name, c, c[:3], c[3:6] or None, "dictionary", rule) for c in code.split("/") if c
                )
                return Resolution(entry.name, None, None, None, "group", rule, members=members)
            country, sector = split_code(code, self.petrarch_codes)
            return Resolution(entry.name, code, country, sector, entry.kind, rule, state_owned=entry.state_owned)
        code = entry.code if entry.code is not None else _code(entry.country, entry.sector)
        if entry.kind == "place":
            code = None
        return Resolution(entry.name, code, entry.country, entry.sector, entry.kind, rule, state_owned=entry.state_owned)

    def resolve_phrase(self, text: str, date: str | _dt.date | None = None, context: str | None = None) -> Resolution | None:
        """Resolve a short actor phrase ("Russian President Vladimir Putin", "American warplanes").

        Args:
            text: The phrase.
            date: Reference date (ISO string or date) for dated offices and codes; today when None.
            context: Optional text naming the country ("Mexico", "Colombian defense") used when the
                phrase itself gives none.

        Returns:
            The resolution, or None when nothing in the phrase is known (never a guessed code).
        """
        from ..actors.resolve import resolve_tokens  # the composition rules live with the stage

        when = parse_date(date) if not isinstance(date, _dt.date) else date
        toks = phrase_tokens(text)
        res = resolve_tokens(self, [t for t, _, _ in toks], when)
        if context and (res is None or res.country is None):
            ctx = resolve_tokens(self, [t for t, _, _ in phrase_tokens(context)], when)
            if ctx is not None and ctx.country:
                if res is None:
                    res = Resolution(None, ctx.country, ctx.country, None, "state", "context")
                else:
                    res = Resolution(res.name, _code(ctx.country, res.sector), ctx.country, res.sector, res.kind,
                                     res.rule + "+context", res.former, res.state_owned)
        return res


def _code(country: str | None, sector: str | None) -> str | None:
    if not country and not sector:
        return None
    if sector in (None, "", "UNK"):
        return country or None
    return f"{country or ''}{sector}"


def split_code(code: str | None, known_countries: frozenset[str] = frozenset()) -> tuple[str | None, str | None]:
    """Country and first sector of a CAMEO-style code: ``RUSGOV -> (RUS, GOV)``, ``IGOUNO -> (UNO, IGO)``."""
    if not code or code in ("---", "###", "+++"):
        return (None, None) if not code or code != "---" else (None, None)
    if code.startswith("---"):
        return None, code[3:6] or None
    if code.startswith("IGO") and len(code) >= 6:
        return code[3:6], "IGO"
    if code[:3] in SECTORS and code[:3] not in known_countries and len(code) > 3:
        return code[3:6] or None, code[:3]
    return code[:3], (code[3:6] or None)


def pick_code(codes: tuple[DatedCode, ...], date: _dt.date | None) -> str | None:
    """The dictionary code in force on ``date``: the first dated code covering it, else the undated default."""
    default = None
    for dc in codes:
        if dc.start is None and dc.end is None:
            if default is None:
                default = dc.code
            continue
        if date is None:
            continue
        if (dc.start is None or dc.start <= date) and (dc.end is None or date <= dc.end):
            return dc.code
    if default is None and date is None:
        # No date: the open-ended code (the current one) is the best default.
        open_ended = [dc for dc in codes if dc.end is None]
        if open_ended:
            return open_ended[-1].code
    return default


# --- loading ---------------------------------------------------------------------------------


def _split(value: str) -> list[str]:
    return [v.strip() for v in (value or "").split("|") if v.strip()]


def _is_acronym(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters) and " " not in text.strip()


class _Builder:
    """Collects entries and aliases while the files are read."""

    def __init__(self) -> None:
        self.entries: list[ActorEntry] = []
        self.lex = Lexicon()
        self.by_country: dict[str, ActorEntry] = {}
        self.petrarch_codes: set[str] = set()

    def add(self, entry: ActorEntry, aliases: list[str], needs_the: list[str] = (), *, front: bool = False) -> None:
        self.entries.append(entry)
        seen = set()
        for text in [*aliases]:
            text = text.strip()
            if not text:
                continue
            nt = text in needs_the
            if text.lower().startswith("the ") and len(text) > 4:
                text = text[4:]
                nt = True if text in needs_the else nt
            key = alias_key(text)
            if not key or key in seen:
                continue
            seen.add(key)
            self.lex.add_alias(key, Alias(entry, text, nt, _is_acronym(text)), front=front)


def _countries(b: _Builder, path: Path, problems: list[str]) -> None:
    rows = {}
    for lineno, row in read_csv(path, problems):
        iso = row.get("iso3", "").upper()
        if not re.fullmatch(r"[A-Z]{3}", iso):
            problems.append(f"{path.name}:{lineno}: iso3 -> expected three letters, got {iso!r}")
            continue
        rows[iso] = row
    for country in pycountry.countries:
        iso = country.alpha_3
        row = rows.pop(iso, None)
        names = [getattr(country, "common_name", None), country.name, getattr(country, "official_name", None)]
        name = (row or {}).get("name") or names[0] or country.name
        _add_country(b, iso, name, [n for n in names if n], row)
    for iso, row in rows.items():  # states pycountry lacks (Kosovo)
        _add_country(b, iso, row.get("name") or iso, [], row)


def _add_country(b: _Builder, iso: str, name: str, names: list[str], row: dict | None) -> None:
    row = row or {}
    state = ActorEntry(f"kb:state:{iso.lower()}", name, "state", country=iso, code=iso)
    variants = [name, *names, *_split(row.get("variants", ""))]
    needs_the = [v[4:] for v in variants if v.lower().startswith("the ")]
    b.add(state, variants, needs_the)
    b.by_country[iso] = state
    adjectives = _split(row.get("adjectives", ""))
    if adjectives:
        b.add(ActorEntry(f"kb:demonym:{iso.lower()}", name, "demonym", country=iso, code=iso), adjectives)
    capitals = _split(row.get("capitals", ""))
    if capitals:
        b.add(ActorEntry(f"kb:capital:{iso.lower()}", name, "capital", country=iso, sector="GOV"), capitals,
              [c[4:] for c in capitals if c.lower().startswith("the ")])
    cities = _split(row.get("cities", ""))
    if cities:
        b.add(ActorEntry(f"kb:place:{iso.lower()}", name, "place", country=iso), cities)


def _check_common(entry: dict, where: str, problems: list[str], *, need_country: bool = False) -> bool:
    ok = True
    if not isinstance(entry.get("name"), str) or not entry["name"].strip():
        problems.append(f"{where}: name -> must be a non-empty string")
        ok = False
    variants = entry.get("variants", [])
    if not isinstance(variants, list) or not all(isinstance(v, str) for v in variants):
        problems.append(f"{where}: variants -> must be a list of strings")
        ok = False
    country = entry.get("country")
    if country is not None and (not isinstance(country, str) or not re.fullmatch(r"[A-Z]{3}", country)):
        problems.append(f"{where}: country -> expected a three-letter code or null, got {country!r}")
        ok = False
    if need_country and not country:
        problems.append(f"{where}: country -> required")
        ok = False
    sector = entry.get("sector")
    if sector not in (None, "") and sector not in SECTORS:
        problems.append(f"{where}: sector -> {sector!r} is not one of {', '.join(sorted(SECTORS))}")
        ok = False
    return ok


def _regions(b: _Builder, path: Path, problems: list[str]) -> None:
    for lineno, e in read_jsonl(path, problems):
        where = f"{path.name}:{lineno}"
        if not _check_common(e, where, problems):
            continue
        code = e.get("code")
        entry = ActorEntry(f"kb:region:{e.get('id') or e['name']}", e["name"], "region", country=code, code=code)
        b.add(entry, [e["name"], *e.get("variants", []), *e.get("adjectives", [])], e.get("needs_the", []))


def _orgs(b: _Builder, path: Path, problems: list[str], default_kind: str, default_sector: str | None = None) -> None:
    for lineno, e in read_jsonl(path, problems):
        where = f"{path.name}:{lineno}"
        if not _check_common(e, where, problems):
            continue
        kind = e.get("kind", default_kind)
        if kind not in KINDS:
            problems.append(f"{where}: kind -> {kind!r} is not one of {', '.join(sorted(KINDS))}")
            continue
        sector = e.get("sector", default_sector)
        entry = ActorEntry(
            f"kb:{default_kind}:{e.get('id') or e['name']}", e["name"], kind,
            country=e.get("country"), sector=sector or None, code=e.get("code"),
            state_owned=bool(e.get("state_owned", False)), case_sensitive=bool(e.get("case_sensitive", False)),
        )
        b.add(entry, [e["name"], *e.get("variants", [])], e.get("needs_the", []))


def _people(b: _Builder, path: Path, problems: list[str]) -> None:
    for lineno, e in read_jsonl(path, problems):
        where = f"{path.name}:{lineno}"
        if not _check_common(e, where, problems, need_country=True):
            continue
        roles = []
        bad = False
        for i, r in enumerate(e.get("roles", [])):
            start, end = parse_date(r.get("from")), parse_date(r.get("to"))
            if r.get("sector") not in SECTORS:
                problems.append(f"{where}: roles[{i}].sector -> {r.get('sector')!r} is not a sector code")
                bad = True
            if r.get("from") and start is None or r.get("to") and end is None:
                problems.append(f"{where}: roles[{i}] -> dates must be ISO YYYY-MM-DD")
                bad = True
            if start and end and end < start:
                problems.append(f"{where}: roles[{i}] -> ends before it starts")
                bad = True
            roles.append(Role(r.get("title", ""), r.get("sector"), start, end, r.get("country")))
        if bad:
            continue
        entry = ActorEntry(
            f"kb:person:{e.get('id') or e['name']}", e["name"], "person", country=e["country"],
            roles=tuple(roles), base_sector=e.get("base_sector"),
        )
        b.add(entry, [e["name"], *e.get("variants", [])])
        parts = alias_key(e["name"])
        if len(parts) >= 2:
            b.lex.surnames.setdefault(parts[-1], []).append(entry)


def _sectors(b: _Builder, path: Path, problems: list[str]) -> None:
    for lineno, e in read_jsonl(path, problems):
        where = f"{path.name}:{lineno}"
        pattern, sector = e.get("pattern"), e.get("sector")
        if not isinstance(pattern, str) or not pattern.strip():
            problems.append(f"{where}: pattern -> must be a non-empty string")
            continue
        if sector not in SECTORS:
            problems.append(f"{where}: sector -> {sector!r} is not one of {', '.join(sorted(SECTORS))}")
            continue
        kind = e.get("kind", "person")
        key = alias_key(pattern)
        role = RoleNoun(pattern, sector, kind, agent=sector, generic=pattern in GENERIC_TITLES)
        b.lex.add_role(key, role)
        if key[-1].isalpha():
            for pl in plural_forms(key[-1]):
                b.lex.add_role(key[:-1] + (pl,), role)


def load_actor_kb(data_dir: Path, extra_files: list[Path] = (), *args) -> ActorKB:
    """Load the shipped actor files from ``data_dir/actors`` plus user dictionaries.

    User files (applied on top, so their aliases win): ``.txt`` files in PETRARCH/TABARI format
    (actor or agent dictionaries, told apart by their content), ``.jsonl``/``.csv``/``.yaml``
    files in our format (see docs/knowledge-files.md).

    Raises:
        KnowledgeError: listing every malformed entry as ``file:line: problem``.
    """
    from .petrarch import load_petrarch_file  # noqa: PLC0415 (kept apart: a format of its own)

    problems: list[str] = []
    b = _Builder()
    folder = Path(data_dir) / ACTORS_SUBDIR
    if folder.is_dir():
        if (folder / "countries.csv").exists():
            _countries(b, folder / "countries.csv", problems)
        for name, kind in (("igos.jsonl", "igo"), ("orgs.jsonl", "organization"), ("media.jsonl", "media")):
            if (folder / name).exists():
                _orgs(b, folder / name, problems, kind, "MED" if kind == "media" else None)
        if (folder / "regions.jsonl").exists():
            _regions(b, folder / "regions.jsonl", problems)
        if (folder / "people.jsonl").exists():
            _people(b, folder / "people.jsonl", problems)
        if (folder / "sectors.jsonl").exists():
            _sectors(b, folder / "sectors.jsonl", problems)
    for path in extra_files or ():
        path = Path(path)
        if not path.exists():
            problems.append(f"{path}: file not found")
            continue
        suffix = path.suffix.lower()
        if suffix == ".txt":
            load_petrarch_file(b, path, problems)
        elif suffix in (".jsonl", ".csv", ".yaml", ".yml"):
            _user_file(b, path, problems)
        else:
            problems.append(f"{path.name}: unknown dictionary format {suffix!r}; expected .txt (PETRARCH), .jsonl, .csv, .yaml")
    if problems:
        raise KnowledgeError(problems)
    user_agents = any(r.source != "kb" for r in b.lex.roles.values())
    return ActorKB(tuple(b.entries), b.lex, b.by_country, frozenset(b.petrarch_codes), user_agents=user_agents)


def _user_file(b: _Builder, path: Path, problems: list[str]) -> None:
    """Our user dictionary format: name, variants, code, country, sector, valid_from, valid_to, kind."""
    suffix = path.suffix.lower()
    if suffix == ".jsonl":
        rows = read_jsonl(path, problems)
    elif suffix == ".csv":
        rows = read_csv(path, problems)
    else:
        rows = read_yaml_list(path, problems)
    by_name: dict[str, list] = {}
    order: list[str] = []
    for lineno, e in rows:
        where = f"{path.name}:{lineno}"
        variants = e.get("variants", [])
        if isinstance(variants, str):
            variants = _split(variants) if "|" in variants else [v.strip() for v in variants.split(";") if v.strip()]
            e = {**e, "variants": variants}
        for k in ("country", "sector", "code"):
            if e.get(k) == "":
                e = {**e, k: None}
        if not _check_common(e, where, problems):
            continue
        code = e.get("code")
        if code is not None and not re.fullmatch(r"[A-Z0-9\-]{3,15}", str(code)):
            problems.append(f"{where}: code -> expected upper-case CAMEO-style code, got {code!r}")
            continue
        start, end = parse_date(e.get("valid_from")), parse_date(e.get("valid_to"))
        if e.get("valid_from") and start is None or e.get("valid_to") and end is None:
            problems.append(f"{where}: valid_from/valid_to -> dates must be ISO YYYY-MM-DD")
            continue
        kind = e.get("kind") or "dictionary"
        if kind not in KINDS:
            problems.append(f"{where}: kind -> {kind!r} is not one of {', '.join(sorted(KINDS))}")
            continue
        if code is None:
            code = _code(e.get("country"), e.get("sector"))
        if code is None:
            problems.append(f"{where}: one of code, country or sector is required")
            continue
        if e["name"] not in by_name:
            order.append(e["name"])
        by_name.setdefault(e["name"], []).append((DatedCode(code, start, end), e, kind))
    for name in order:
        items = by_name[name]
        codes = tuple(dc for dc, _, _ in items)
        first = items[0][1]
        variants = [v for _, e, _ in items for v in e.get("variants", [])]
        entry = ActorEntry(f"user:{path.name}:{name}", name, items[0][2],
                           codes=codes, state_owned=bool(first.get("state_owned", False)))
        b.add(entry, [name, *variants], front=True)


def entry_to_json(entry: ActorEntry) -> str:
    """Debug helper: one entry as JSON."""
    return json.dumps({"id": entry.id, "name": entry.name, "kind": entry.kind, "country": entry.country,
                       "sector": entry.sector, "code": entry.code}, ensure_ascii=False)
