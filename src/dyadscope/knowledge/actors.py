"""Actor knowledge: states, capitals, regions, IGOs, organisations, media, people and role nouns.

Built once per process by :func:`load_actor_kb` from the data files in ``data/actors/`` (pycountry
gives the ISO 3166 backbone, our curated files the rest) plus user dictionaries (our YAML/CSV/JSONL
format, or PETRARCH/TABARI ``.txt`` actor and agent files). Everything the actor stage looks up is
indexed here at load time: aliases by their normalised token sequence, gated by their first token,
so matching a document is a set lookup per token and a dict lookup per candidate span. Choosing
between entries (and reading offices on a date) is the actor stage's job (:mod:`dyadscope.actors`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import pycountry

from ..errors import KnowledgeError
from .entries import (
    MENTION_KINDS,
    SECTORS,
    ActorEntry,
    AliasIndex,
    DatedCode,
    EntryCollector,
    Role,
    RoleNoun,
    actor_code,
    alias_key,
    parse_date,
    plural_forms,
    split_values,
)
from .lexicon import Lexicon, load_lexicon
from .load import read_csv, read_jsonl, read_yaml_list
from .petrarch import load_petrarch_file
from .pronouns import Pronoun, load_pronouns

ACTORS_SUBDIR = "actors"

@dataclass(frozen=True)
class ActorKB:
    """Everything the actor stage knows: entries, their alias index and the role nouns.

    Build with :func:`load_actor_kb`; :func:`dyadscope.actors.resolve_phrase` resolves a short
    text ("Brazil's envoy to Chile") against it without a parsed document.

    Attributes:
        entries: Every entry, shipped and user.
        index: Aliases and role nouns by normalised token tuple.
        by_country: The state entry of each country code.
        petrarch_codes: Country codes of loaded PETRARCH dictionaries.
        user_agents: True when a user or PETRARCH agent dictionary is loaded: then only its agents
            add to dictionary codes.
        lexicon: The word lists the actor rules read (``lexicon/actors.jsonl`` and the rest).
        pronouns: The common pronoun table.
    """

    entries: tuple[ActorEntry, ...] = ()
    index: AliasIndex = field(default_factory=AliasIndex)
    by_country: dict[str, ActorEntry] = field(default_factory=dict)
    petrarch_codes: frozenset[str] = frozenset()
    user_agents: bool = False
    lexicon: Lexicon = field(default_factory=Lexicon)
    pronouns: tuple[Pronoun, ...] = ()


# --- loading ---------------------------------------------------------------------------------


def _countries(b: EntryCollector, path: Path, problems: list[str]) -> None:
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


def _add_country(b: EntryCollector, iso: str, name: str, names: list[str], row: dict | None) -> None:
    row = row or {}
    state = ActorEntry(f"kb:state:{iso.lower()}", name, "state", country=iso, code=iso)
    variants = [name, *names, *split_values(row.get("variants", ""))]
    needs_the = [v[4:] for v in variants if v.lower().startswith("the ")]
    b.add(state, variants, needs_the)
    b.by_country[iso] = state
    adjectives = split_values(row.get("adjectives", ""))
    if adjectives:
        b.add(ActorEntry(f"kb:demonym:{iso.lower()}", name, "demonym", country=iso, code=iso), adjectives)
    capitals = split_values(row.get("capitals", ""))
    if capitals:
        b.add(ActorEntry(f"kb:capital:{iso.lower()}", name, "capital", country=iso, sector="GOV"), capitals,
              [c[4:] for c in capitals if c.lower().startswith("the ")])
    cities = split_values(row.get("cities", ""))
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


@dataclass
class _ShippedNames:
    """Where each entry of our own JSONL files is defined: to report duplicate ids and variants
    that are another entry's name or id ("Google" given as a variant of another company)."""

    entries: list[tuple[str, str, str, list[str]]] = field(default_factory=list)

    def add(self, where: str, entry: ActorEntry, variants: list[str]) -> None:
        self.entries.append((where, entry.id, entry.name, variants))

    def problems(self) -> list[str]:
        out = []
        first_at: dict[str, str] = {}
        for where, entry_id, _, _ in self.entries:
            if entry_id in first_at:
                out.append(f"{where}: id -> {entry_id.rsplit(':', 1)[-1]!r} is already used at {first_at[entry_id]}")
            else:
                first_at[entry_id] = where
        owners: dict[tuple[str, ...], set[str]] = {}
        for _, entry_id, name, _ in self.entries:
            for key in (alias_key(name), alias_key(entry_id.rsplit(":", 1)[-1])):
                owners.setdefault(key, set()).add(entry_id)
        for where, entry_id, _, variants in self.entries:
            for variant in variants:
                others = owners.get(alias_key(variant), set()) - {entry_id}
                if others:
                    out.append(f"{where}: variants -> {variant!r} is the name or id of another entry "
                               f"({', '.join(sorted(others))})")
        return out


def _regions(b: EntryCollector, path: Path, problems: list[str], names: _ShippedNames) -> None:
    for lineno, e in read_jsonl(path, problems):
        where = f"{path.name}:{lineno}"
        if not _check_common(e, where, problems):
            continue
        code = e.get("code")
        entry = ActorEntry(f"kb:region:{e.get('id') or e['name']}", e["name"], "region", country=code, code=code)
        names.add(where, entry, [*e.get("variants", []), *e.get("adjectives", [])])
        b.add(entry, [e["name"], *e.get("variants", []), *e.get("adjectives", [])], e.get("needs_the", []))


def _orgs(b: EntryCollector, path: Path, problems: list[str], names: _ShippedNames, default_kind: str,
          default_sector: str | None = None) -> None:
    for lineno, e in read_jsonl(path, problems):
        where = f"{path.name}:{lineno}"
        if not _check_common(e, where, problems):
            continue
        kind = e.get("kind", default_kind)
        if kind not in MENTION_KINDS:
            problems.append(f"{where}: kind -> {kind!r} is not one of {', '.join(sorted(MENTION_KINDS))}")
            continue
        sector = e.get("sector", default_sector)
        entry = ActorEntry(
            f"kb:{default_kind}:{e.get('id') or e['name']}", e["name"], kind,
            country=e.get("country"), sector=sector or None, code=e.get("code"),
            state_owned=bool(e.get("state_owned", False)), case_sensitive=bool(e.get("case_sensitive", False)),
        )
        names.add(where, entry, e.get("variants", []))
        b.add(entry, [e["name"], *e.get("variants", [])], e.get("needs_the", []))


def _people(b: EntryCollector, path: Path, problems: list[str], names: _ShippedNames) -> None:
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
        names.add(where, entry, e.get("variants", []))
        b.add(entry, [e["name"], *e.get("variants", [])])
        parts = alias_key(e["name"])
        if len(parts) >= 2:
            b.index.surnames.setdefault(parts[-1], []).append(entry)


def _sectors(b: EntryCollector, path: Path, problems: list[str]) -> None:
    first_at: dict[str, str] = {}
    for lineno, e in read_jsonl(path, problems):
        where = f"{path.name}:{lineno}"
        pattern, sector = e.get("pattern"), e.get("sector")
        if not isinstance(pattern, str) or not pattern.strip():
            problems.append(f"{where}: pattern -> must be a non-empty string")
            continue
        if sector not in SECTORS:
            problems.append(f"{where}: sector -> {sector!r} is not one of {', '.join(sorted(SECTORS))}")
            continue
        if pattern in first_at:
            problems.append(f"{where}: pattern -> {pattern!r} is already listed at {first_at[pattern]}")
            continue
        first_at[pattern] = where
        kind = e.get("kind", "person")
        key = alias_key(pattern)
        generic = e.get("generic", False)
        if not isinstance(generic, bool):
            problems.append(f"{where}: generic -> must be true or false")
            continue
        role = RoleNoun(pattern, sector, kind, agent=sector, generic=generic)
        b.index.add_role(key, role)
        if key[-1].isalpha():
            for pl in plural_forms(key[-1]):
                b.index.add_role(key[:-1] + (pl,), role)


def load_actor_kb(data_dir: Path, extra_files: list[Path] = (), *args, lexicon: Lexicon | None = None,
                  pronouns: tuple[Pronoun, ...] | None = None) -> ActorKB:
    """Load the shipped actor files from ``data_dir/actors`` plus user dictionaries.

    User files (applied on top, so their aliases win): ``.txt`` files in PETRARCH/TABARI format
    (actor or agent dictionaries, told apart by their content), ``.jsonl``/``.csv``/``.yaml``
    files in our format (see docs/knowledge-files.md). ``lexicon`` and ``pronouns`` are the
    word lists and pronoun table the actor rules read (default: loaded from ``data_dir``), kept
    with the result so the stage needs nothing else.

    Raises:
        KnowledgeError: listing every malformed entry as ``file:line: problem``.
    """
    problems: list[str] = []
    b = EntryCollector()
    names = _ShippedNames()
    folder = Path(data_dir) / ACTORS_SUBDIR
    if folder.is_dir():
        if (folder / "countries.csv").exists():
            _countries(b, folder / "countries.csv", problems)
        for name, kind in (("igos.jsonl", "igo"), ("orgs.jsonl", "organization"), ("media.jsonl", "media")):
            if (folder / name).exists():
                _orgs(b, folder / name, problems, names, kind, "MED" if kind == "media" else None)
        if (folder / "regions.jsonl").exists():
            _regions(b, folder / "regions.jsonl", problems, names)
        if (folder / "people.jsonl").exists():
            _people(b, folder / "people.jsonl", problems, names)
        if (folder / "sectors.jsonl").exists():
            _sectors(b, folder / "sectors.jsonl", problems)
        problems.extend(names.problems())
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
    user_agents = any(r.source != "kb" for r in b.index.roles.values())
    return ActorKB(tuple(b.entries), b.index, b.by_country, frozenset(b.petrarch_codes), user_agents=user_agents,
                   lexicon=load_lexicon(data_dir) if lexicon is None else lexicon,
                   pronouns=load_pronouns(data_dir) if pronouns is None else pronouns)


def _user_file(b: EntryCollector, path: Path, problems: list[str]) -> None:
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
            variants = split_values(variants) if "|" in variants else [v.strip() for v in variants.split(";") if v.strip()]
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
        if kind not in MENTION_KINDS:
            problems.append(f"{where}: kind -> {kind!r} is not one of {', '.join(sorted(MENTION_KINDS))}")
            continue
        if code is None:
            code = actor_code(e.get("country"), e.get("sector"))
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

