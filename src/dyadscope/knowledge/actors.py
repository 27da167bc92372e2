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
    singular_forms,
    split_values,
)
from .lexicon import Lexicon, load_lexicon
from .load import control_char_problem, read_csv, read_jsonl, read_yaml_list
from .petrarch import load_petrarch_file
from .pronouns import Pronoun, load_pronouns

ACTORS_SUBDIR = "actors"
GENERATED_SUBDIR = "generated"


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
    elif control_char_problem(entry["name"]):
        problems.append(f"{where}: name -> {entry['name']!r} holds {control_char_problem(entry['name'])}")
        ok = False
    variants = entry.get("variants", [])
    if not isinstance(variants, list) or not all(isinstance(v, str) for v in variants):
        problems.append(f"{where}: variants -> must be a list of strings")
        ok = False
    else:
        for v in variants:
            if control_char_problem(v):
                problems.append(f"{where}: variants -> {v!r} holds {control_char_problem(v)}")
                ok = False
    country = entry.get("country")
    if country is not None and (not isinstance(country, str) or not re.fullmatch(r"[A-Z]{3}", country)):
        problems.append(f"{where}: country -> expected a three-letter code or null, got {country!r}")
        ok = False
    if need_country and not country:
        problems.append(f"{where}: country -> required")
        ok = False
    sector = entry.get("sector")
    if sector not in (None, "") and (not isinstance(sector, str) or sector not in SECTORS):
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
        entry = ActorEntry(f"kb:region:{e.get('id') or e['name']}", e["name"], "region", country=code, code=code,
                           sector=e.get("sector"))
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


def _roles(e: dict, where: str, problems: list[str]) -> tuple[Role, ...] | None:
    """A person's dated offices, or None (and the problems recorded) when one is malformed."""
    roles = []
    bad = False
    for i, r in enumerate(e.get("roles", [])):
        start, end, as_of = parse_date(r.get("from")), parse_date(r.get("to")), parse_date(r.get("as_of"))
        if r.get("sector") not in SECTORS:
            problems.append(f"{where}: roles[{i}].sector -> {r.get('sector')!r} is not a sector code")
            bad = True
        if r.get("from") and start is None or r.get("to") and end is None or r.get("as_of") and as_of is None:
            problems.append(f"{where}: roles[{i}] -> dates must be dates (YYYY-MM-DD or e.g. 10 May 2015)")
            bad = True
        if start and end and end < start:
            problems.append(f"{where}: roles[{i}] -> ends before it starts")
            bad = True
        roles.append(Role(r.get("title", ""), r.get("sector"), start, end, r.get("country"), as_of))
    return None if bad else tuple(roles)


def _people(b: EntryCollector, path: Path, problems: list[str], names: _ShippedNames) -> None:
    for lineno, e in read_jsonl(path, problems):
        where = f"{path.name}:{lineno}"
        if not _check_common(e, where, problems, need_country=True):
            continue
        roles = _roles(e, where, problems)
        if roles is None:
            continue
        entry = ActorEntry(
            f"kb:person:{e.get('id') or e['name']}", e["name"], "person", country=e["country"],
            roles=roles, base_sector=e.get("base_sector"),
        )
        names.add(where, entry, e.get("variants", []))
        b.add(entry, [e["name"], *e.get("variants", [])])
        parts = alias_key(e["name"])
        if len(parts) >= 2:
            b.index.surnames.setdefault(parts[-1], []).append(entry)


# --- generated files (data/actors/generated/, scripts/build_actor_knowledge.py) ---------------


def _new_aliases(aliases: list[str], curated: set) -> list[str]:
    """The aliases of a generated entry that no curated entry has (curated entries win)."""
    return [a for a in aliases if alias_key(a) not in curated]


def _generated_people(b: EntryCollector, path: Path, problems: list[str], names: _ShippedNames,
                      curated: set) -> None:
    """Factbook heads, deputies and party leaders; a surname alone only after a title, and only when unique."""
    for lineno, e in read_jsonl(path, problems):
        where = f"{path.name}:{lineno}"
        if not _check_common(e, where, problems, need_country=True):
            continue
        roles = _roles(e, where, problems)
        if roles is None:
            continue
        entry = ActorEntry(f"kb:person:{e.get('id') or e['name']}", e["name"], "person", country=e["country"],
                           roles=roles, base_sector=e.get("base_sector"))
        names.add(where, entry, e.get("variants", []))
        aliases = _new_aliases([e["name"], *e.get("variants", [])], curated)
        if not aliases:
            continue
        b.add(entry, aliases)
        surname = e.get("surname")
        if surname:
            key = alias_key(surname)
            if len(key) == 1:
                b.index.surnames.setdefault(key[0], []).append(entry)


def _generated_orgs(b: EntryCollector, path: Path, problems: list[str], names: _ShippedNames,
                    curated: set) -> None:
    """Factbook parties, security forces and listed armed groups."""
    for lineno, e in read_jsonl(path, problems):
        where = f"{path.name}:{lineno}"
        if not _check_common(e, where, problems) or not _check_generated_country(e, where, problems):
            continue
        entry = ActorEntry(f"kb:organization:{e['id']}", e["name"], "organization", country=e.get("country"),
                           sector=e.get("sector") or None)
        names.add(where, entry, e.get("variants", []))
        aliases = _new_aliases([e["name"], *e.get("variants", [])], curated)
        if aliases:
            b.add(entry, aliases)


def _check_generated_country(e: dict, where: str, problems: list[str]) -> bool:
    listed = e.get("listed_in", [])
    if not isinstance(listed, list) or not all(isinstance(c, str) and re.fullmatch(r"[A-Z]{3}", c) for c in listed):
        problems.append(f"{where}: listed_in -> must be a list of three-letter codes")
        return False
    return True


def _generated_places(b: EntryCollector, path: Path, problems: list[str], names: _ShippedNames,
                      curated: set) -> None:
    """GeoNames cities and subdivisions, most populous first: indexed apart, for spans read as places."""
    for lineno, e in read_jsonl(path, problems):
        where = f"{path.name}:{lineno}"
        if not _check_common(e, where, problems, need_country=True):
            continue
        if e.get("kind") not in PLACE_KINDS:
            problems.append(f"{where}: kind -> {e.get('kind')!r} is not one of {', '.join(sorted(PLACE_KINDS))}")
            continue
        population = e.get("population")
        entry = ActorEntry(f"kb:gazetteer:{e['id']}", e["name"], "place", country=e["country"],
                           population=population if isinstance(population, int) else None)
        names.add(where, entry, e.get("variants", []))
        for alias in [e["name"], *e.get("variants", [])]:
            key = alias_key(alias)
            if key not in curated:
                b.index.add_place(key, entry)


#: What a generated place is (``kind`` of ``geonames_places.jsonl``).
PLACE_KINDS = frozenset({"city", "subdivision"})


def _acronym_words(path: Path, problems: list[str]) -> dict[str, bool]:
    """Acronym -> whether its lower-case form is an English word (``generated/acronyms.jsonl``)."""
    out: dict[str, bool] = {}
    for lineno, e in read_jsonl(path, problems):
        acronym, word = e.get("acronym"), e.get("word")
        if not isinstance(acronym, str) or not isinstance(word, bool):
            problems.append(f"{path.name}:{lineno}: expected {{\"acronym\": string, \"word\": true|false}}")
            continue
        out[acronym] = word
    return out


#: The generated files in the order they load, and their loaders.
GENERATED_FILES = (
    ("factbook_people.jsonl", _generated_people),
    ("factbook_orgs.jsonl", _generated_orgs),
    ("geonames_places.jsonl", _generated_places),
)


def _generated(b: EntryCollector, folder: Path, problems: list[str], names: _ShippedNames) -> None:
    if not folder.is_dir():
        return
    curated = set(b.index.aliases)
    for name, loader in GENERATED_FILES:
        if (folder / name).exists():
            loader(b, folder / name, problems, names, curated)


def _peoples(b: EntryCollector, path: Path, problems: list[str], names: _ShippedNames) -> None:
    """Peoples and faiths spread over several states, with the states they live in."""
    for lineno, e in read_jsonl(path, problems):
        where = f"{path.name}:{lineno}"
        if not _check_common(e, where, problems):
            continue
        homelands = e.get("homelands")
        if not isinstance(homelands, list) or len(homelands) < 2 or not all(
                isinstance(c, str) and re.fullmatch(r"[A-Z]{3}", c) for c in homelands):
            problems.append(f"{where}: homelands -> expected a list of two or more three-letter codes")
            continue
        entry = ActorEntry(f"kb:people:{e.get('id') or e['name']}", e["name"], "people", homelands=tuple(homelands))
        names.add(where, entry, e.get("variants", []))
        b.add(entry, [e["name"], *e.get("variants", [])])


def _sectors(b: EntryCollector, path: Path, problems: list[str]) -> None:
    first_at: dict[str, str] = {}
    singulars: list[tuple[tuple[str, ...], RoleNoun]] = []
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
            collective = e.get("collective", False)
            if not isinstance(collective, bool):
                problems.append(f"{where}: collective -> must be true or false")
                continue
            if kind == "person" and "of" not in key and not collective:
                singulars.extend((key[:-1] + (sg,), role) for sg in singular_forms(key[-1]))
    # A person role listed only in the plural ("medics") names one person in the singular too;
    # added after every listed pattern, so a singular listed with its own sector keeps it.
    for key, role in singulars:
        b.index.add_role(key, role)


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
        if (folder / GENERATED_SUBDIR / "acronyms.jsonl").exists():
            b.acronym_words = _acronym_words(folder / GENERATED_SUBDIR / "acronyms.jsonl", problems)
        if (folder / "countries.csv").exists():
            _countries(b, folder / "countries.csv", problems)
        for name, kind in (("igos.jsonl", "igo"), ("orgs.jsonl", "organization"), ("media.jsonl", "media")):
            if (folder / name).exists():
                _orgs(b, folder / name, problems, names, kind, "MED" if kind == "media" else None)
        if (folder / "regions.jsonl").exists():
            _regions(b, folder / "regions.jsonl", problems, names)
        if (folder / "people.jsonl").exists():
            _people(b, folder / "people.jsonl", problems, names)
        if (folder / "peoples.jsonl").exists():
            _peoples(b, folder / "peoples.jsonl", problems, names)
        if (folder / "sectors.jsonl").exists():
            _sectors(b, folder / "sectors.jsonl", problems)
        _generated(b, folder / GENERATED_SUBDIR, problems, names)
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


#: The fields of our user dictionary format (docs/knowledge-files.md); ``id``, ``source`` and
#: ``note`` are accepted and not read.
USER_FIELDS = ("name", "variants", "code", "country", "sector", "valid_from", "valid_to", "kind", "state_owned",
               "id", "source", "note")


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
        unknown = [k for k in e if k not in USER_FIELDS]
        if unknown:
            problems.append(f"{where}: unknown field {', '.join(map(repr, map(str, unknown)))}; "
                            f"expected {', '.join(USER_FIELDS[:9])} (and source, note)")
            continue
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
        if code is not None and (not isinstance(code, str) or not re.fullmatch(r"[A-Z0-9\-]{3,15}", code)):
            quoted = " (a string: quote it)" if isinstance(code, int | float) else ""
            problems.append(f"{where}: code -> expected upper-case CAMEO-style code{quoted}, got {code!r}")
            continue
        start, end = parse_date(e.get("valid_from")), parse_date(e.get("valid_to"))
        if e.get("valid_from") and start is None or e.get("valid_to") and end is None:
            problems.append(f"{where}: valid_from/valid_to -> dates must be dates (YYYY-MM-DD or e.g. 10 May 2015)")
            continue
        kind = e.get("kind") or "dictionary"
        if not isinstance(kind, str) or kind not in MENTION_KINDS:
            problems.append(f"{where}: kind -> {kind!r} is not one of {', '.join(sorted(MENTION_KINDS))}")
            continue
        state_owned = _flag(e.get("state_owned"))
        if state_owned is None:
            problems.append(f"{where}: state_owned -> expected true or false, got {e.get('state_owned')!r}")
            continue
        e = {**e, "state_owned": state_owned}
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
                           codes=codes, state_owned=first["state_owned"])
        b.add(entry, [name, *variants], front=True)


_FLAGS = {"": False, "false": False, "no": False, "0": False, "true": True, "yes": True, "1": True}


def _flag(value) -> bool | None:
    """A yes/no field: JSON/YAML booleans, or a CSV cell true/false, yes/no, 1/0 (empty: no); None otherwise."""
    if value is None or isinstance(value, bool):
        return bool(value)
    if isinstance(value, str):
        return _FLAGS.get(value.strip().lower())
    return None

