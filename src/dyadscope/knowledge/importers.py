"""Convert a Wikidata query export or a PETRARCH/TABARI actor dictionary into our user dictionary format.

Both converters are pure: rows (or a dictionary file) in, ``(entries, report)`` out, where each
entry is one line of our JSONL user format (docs/knowledge-files.md, "User actor dictionaries")
and the report says what was taken and why every other row was skipped. ``dyadscope knowledge
import`` writes the entries; ``--actors OUT.jsonl`` then reads them like any user dictionary.

A person becomes several lines with the same ``name``: one per dated position (``valid_from`` /
``valid_to``, the position's sector read from its label with the role nouns of
``actors/sectors.jsonl``), a line ``ELI`` from the day after the last position ended when every
position has ended, and one undated line with the country alone, the code outside every position.
"""

from __future__ import annotations

import csv
import datetime as _dt
import io
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import pycountry

from .entries import AliasIndex, RoleNoun, alias_key, split_values
from .load import DATA_DIR, read_csv, read_jsonl, read_text
from .petrarch import actor_blocks, read_petrarch_file

# --- the report -------------------------------------------------------------------------------

#: Why a row is skipped (the keys of :attr:`ImportReport.counts`).
NO_LABEL = "no label"
NO_COUNTRY = "no country"
UNKNOWN_COUNTRY = "unknown country"
BAD_DATE = "date unreadable"
UNDATED = "position undated"
DUPLICATE = "duplicate"
GROUP_CODE = "group code"
AGENTS = "agent file"
MALFORMED = "malformed line"
NOT_A_ROW = "neither person nor organisation"


@dataclass
class ImportReport:
    """What an import took and what it skipped.

    Attributes:
        taken: Entries taken per kind (``person``, ``organization``, ``dictionary``).
        lines: Lines written (a person has one per position, plus their country line).
        skipped: ``(where, reason, detail)`` of every row skipped, in input order.
    """

    taken: dict[str, int] = field(default_factory=dict)
    lines: int = 0
    skipped: list[tuple[str, str, str]] = field(default_factory=list)

    def skip(self, where: str, reason: str, detail: str = "") -> None:
        self.skipped.append((where, reason, detail))

    @property
    def counts(self) -> dict[str, int]:
        """Skipped rows per reason, most frequent first."""
        out: dict[str, int] = {}
        for _, reason, _ in self.skipped:
            out[reason] = out.get(reason, 0) + 1
        return dict(sorted(out.items(), key=lambda kv: (-kv[1], kv[0])))

    def merge(self, other: ImportReport) -> None:
        for kind, n in other.taken.items():
            self.taken[kind] = self.taken.get(kind, 0) + n
        self.lines += other.lines
        self.skipped.extend(other.skipped)

    def as_dict(self) -> dict:
        return {"taken": dict(self.taken), "lines": self.lines, "skipped": self.counts,
                "rows": [{"where": w, "reason": r, "detail": d} for w, r, d in self.skipped]}


# --- countries and sectors --------------------------------------------------------------------


@dataclass(frozen=True)
class CountryCodes:
    """Our country codes (ISO 3166 alpha-3 from pycountry plus ``countries.csv``, e.g. ``XKX``)
    and the names that spell them (ISO names and our variants), lower-cased."""

    codes: frozenset[str]
    names: Mapping[str, str]

    def code(self, value: str | None) -> str | None:
        """Our code for an alpha-3 code (Wikidata P298) or a country name; None when neither."""
        value = (value or "").strip()
        if value.upper() in self.codes:
            return value.upper()
        return self.names.get(value.lower())


def load_country_codes(data_dir: Path = DATA_DIR) -> CountryCodes:
    """The country codes and names of pycountry and ``actors/countries.csv``."""
    codes, names = set(), {}
    for c in pycountry.countries:
        codes.add(c.alpha_3)
        for n in (c.name, getattr(c, "common_name", None), getattr(c, "official_name", None)):
            if n:
                names.setdefault(n.lower(), c.alpha_3)
    problems: list[str] = []
    path = Path(data_dir) / "actors" / "countries.csv"
    if path.exists():
        for _, row in read_csv(path, problems):
            iso = (row.get("iso3") or "").upper()
            if not re.fullmatch(r"[A-Z]{3}", iso):
                continue
            codes.add(iso)
            for n in [row.get("name") or "", *split_values(row.get("variants", ""))]:
                if n:
                    names.setdefault(n.lower(), iso)
    return CountryCodes(frozenset(codes), names)


def load_role_nouns(data_dir: Path = DATA_DIR) -> AliasIndex:
    """The role nouns and organisation types of ``actors/sectors.jsonl`` (the actor stage's own)."""
    index = AliasIndex()
    problems: list[str] = []
    path = Path(data_dir) / "actors" / "sectors.jsonl"
    for _, e in read_jsonl(path, problems):
        if isinstance(e.get("pattern"), str) and e.get("sector"):
            index.add_role(alias_key(e["pattern"]), RoleNoun(e["pattern"], e["sector"], e.get("kind", "person"),
                                                             generic=bool(e.get("generic", False))))
    return index


def sector_of(label: str, roles: AliasIndex, *, kind: str = "person") -> str | None:
    """The sector a position or organisation type label gives, by the role nouns in it.

    The longest role noun wins, the earlier on a tie ("Minister of the Army" is a minister,
    ``GOV``); a generic title takes the sector of a body named after it ("President of the
    Senate" is ``LEG``, as in the actor stage). ``kind="organization"`` reads only organisation
    types ("political party" -> ``PTY``).
    """
    key = alias_key(label or "")
    found: list[tuple[int, int, RoleNoun]] = []
    for i in range(len(key)):
        for n in range(min(roles.max_len, len(key) - i), 0, -1):
            role = roles.roles.get(key[i:i + n])
            if role is not None and role.sector and (kind == "person" or role.kind == "organization"):
                found.append((n, i, role))
                break
    if not found:
        return None
    n, i, best = max(found, key=lambda f: (f[0], -f[1]))
    if best.generic:
        bodies = [f for f in found if f[2].kind == "organization" and f[1] > i]
        if bodies:
            return bodies[0][2].sector
    return best.sector


# --- Wikidata ---------------------------------------------------------------------------------

_ENTITY = re.compile(r"(?:https?://www\.wikidata\.org/entity/)?(Q\d+)$")


def wikidata_rows(path: Path) -> list[dict[str, str]]:
    """The rows of a Wikidata Query Service download: CSV, "JSON" (a list of objects) or
    "SPARQL JSON results" (``results.bindings``), each as ``{variable: value}``.

    Raises:
        ValueError: the file is none of these.
    """
    problems: list[str] = []
    text = read_text(Path(path), problems)
    if text is None:
        raise ValueError("; ".join(problems))
    stripped = text.lstrip()
    if stripped.startswith(("[", "{")):
        try:
            data = json.loads(stripped)
        except json.JSONDecodeError as e:
            raise ValueError(f"{Path(path).name}: not valid JSON ({e.msg} at line {e.lineno})") from None
        if isinstance(data, dict):
            data = data.get("results", {}).get("bindings")
        if not isinstance(data, list) or not all(isinstance(r, dict) for r in data):
            raise ValueError(f"{Path(path).name}: expected a list of results or SPARQL JSON results "
                             '({"results": {"bindings": [...]}})')
        return [{k: (v.get("value", "") if isinstance(v, dict) else str(v)) for k, v in r.items()} for r in data]
    return [dict(r) for r in csv.DictReader(io.StringIO(text))]


def _item(value: str | None) -> str | None:
    m = _ENTITY.search((value or "").strip())
    return m.group(1) if m else None


def _label(row: Mapping[str, str], var: str) -> str:
    """A label, unless the label service fell back to the item id (no label in the language)."""
    label = (row.get(f"{var}Label") or "").strip()
    return "" if not label or _ENTITY.fullmatch(label) else label


def _day(value: str | None) -> tuple[bool, str | None]:
    """``(readable, ISO day or None)`` of a Wikidata time ("2019-03-11T00:00:00Z"); an empty value is readable."""
    value = (value or "").strip()
    if not value:
        return True, None
    m = re.match(r"^(\d{4})-(\d{2})-(\d{2})", value)
    if not m:
        return False, None
    y, mo, d = (int(g) for g in m.groups())
    try:
        return True, _dt.date(y, max(mo, 1), max(d, 1)).isoformat()  # 00 month/day: precision year
    except ValueError:
        return False, None


def _alt_labels(row: Mapping[str, str], var: str) -> list[str]:
    for key in (f"{var}AltLabel", "altLabels", "altLabel"):
        value = row.get(key)
        if value:
            parts = value.split("|") if "|" in value else value.split(", ")
            return [p.strip() for p in parts if p.strip()]
    return []


def _country(row: Mapping[str, str], countries: CountryCodes) -> tuple[str | None, str]:
    """``(code, what was given)``: from ``countryIso`` (P298), else the country's label."""
    given = [row.get(k, "").strip() for k in ("countryIso", "countryCode", "countryLabel", "country")]
    for value in given:
        code = countries.code(value) if value else None
        if code:
            return code, value
    return None, next((v for v in given if v), "")


def from_wikidata(rows: Iterable[Mapping[str, str]], *, roles: AliasIndex | None = None,
                  countries: CountryCodes | None = None, source: str = "wikidata") -> tuple[list[dict], ImportReport]:
    """Our user dictionary lines for the people and organisations of a Wikidata query export.

    Args:
        rows: ``{variable: value}`` rows (:func:`wikidata_rows`). People: ``person``,
            ``personLabel``, optional ``personAltLabel`` (or ``altLabels``, ``|``-separated),
            ``position``, ``positionLabel``, ``start``, ``end``, and the country as
            ``countryIso`` (P298) or ``countryLabel``. Organisations: ``org``, ``orgLabel``,
            optional ``orgAltLabel``, ``typeLabel`` (P31), and the country the same way.
        roles: Role nouns that give a position its sector (default: ``actors/sectors.jsonl``).
        countries: Our country codes (default: :func:`load_country_codes`).
        source: The ``source`` written on every line.

    Returns:
        The lines, one actor after another, and the report. Rows of one person are grouped; a
        row repeated (the same position and dates) and a second item with a label already
        taken are skipped as duplicates; a position without start and end is skipped (it
        would read as held on every date).
    """
    roles = load_role_nouns() if roles is None else roles
    countries = load_country_codes() if countries is None else countries
    report = ImportReport()
    people: dict[str, dict] = {}
    orgs: dict[str, dict] = {}
    for n, row in enumerate(rows, 1):
        where = f"row {n}"
        person, org = _item(row.get("person")), _item(row.get("org"))
        var, item, table = ("person", person, people) if person else ("org", org, orgs)
        if item is None:
            report.skip(where, NOT_A_ROW, "no ?person or ?org item")
            continue
        label = _label(row, var)
        if not label:
            report.skip(where, NO_LABEL, item)
            continue
        actor = table.setdefault(item, {"item": item, "name": label, "variants": [], "country": None,
                                        "given": "", "positions": [], "seen": set(), "types": [], "first": where})
        for v in _alt_labels(row, var):
            if v not in actor["variants"] and v != label:
                actor["variants"].append(v)
        code, given = _country(row, countries)
        if code and actor["country"] is None:
            actor["country"] = code
        actor["given"] = actor["given"] or given
        if var == "org":
            type_label = (row.get("typeLabel") or "").strip()
            if type_label and type_label not in actor["types"]:
                actor["types"].append(type_label)
            continue
        position = _label(row, "position")
        if not position:
            if _item(row.get("position")):
                report.skip(where, NO_LABEL, f"position {_item(row.get('position'))} of {label}")
            continue
        ok_start, start = _day(row.get("start"))
        ok_end, end = _day(row.get("end"))
        if not ok_start or not ok_end:
            report.skip(where, BAD_DATE, f"{label}, {position}: {row.get('start') or ''} - {row.get('end') or ''}")
            continue
        if start and end and end < start:
            report.skip(where, BAD_DATE, f"{label}, {position}: ends {end} before it starts {start}")
            continue
        if not start and not end:
            report.skip(where, UNDATED, f"{label}, {position}")
            continue
        key = (position, start, end)
        if key in actor["seen"]:
            report.skip(where, DUPLICATE, f"{label}, {position} {start or ''} - {end or ''}")
            continue
        actor["seen"].add(key)
        actor["positions"].append({"title": position, "start": start, "end": end, "country": code})
    out: list[dict] = []
    names: set[str] = set()
    for kind, table in (("person", people), ("organization", orgs)):
        for actor in table.values():
            where = actor["first"]
            if actor["country"] is None:
                reason = UNKNOWN_COUNTRY if actor["given"] else NO_COUNTRY
                report.skip(where, reason, f"{actor['name']} ({actor['item']}){': ' + actor['given'] if actor['given'] else ''}")
                continue
            if actor["name"] in names:
                report.skip(where, DUPLICATE, f"{actor['name']} ({actor['item']}): another item has this label")
                continue
            names.add(actor["name"])
            lines = _person_lines(actor, roles) if kind == "person" else _org_lines(actor, roles)
            for line in lines:
                line["id"] = f"wikidata:{actor['item']}"
                line["source"] = source
            out.extend(lines)
            report.taken[kind] = report.taken.get(kind, 0) + 1
            report.lines += len(lines)
    return out, report


def _person_lines(actor: dict, roles: AliasIndex) -> list[dict]:
    lines = []
    for p in sorted(actor["positions"], key=lambda p: (p["start"] or p["end"] or "")):
        lines.append({"name": actor["name"], "kind": "person", "country": p["country"] or actor["country"],
                      "sector": sector_of(p["title"], roles), "valid_from": p["start"], "valid_to": p["end"],
                      "note": p["title"]})
    ends = [p["end"] for p in actor["positions"]]
    if ends and all(ends):
        after = (_dt.date.fromisoformat(max(ends)) + _dt.timedelta(days=1)).isoformat()
        lines.append({"name": actor["name"], "kind": "person", "country": actor["country"], "sector": "ELI",
                      "valid_from": after, "valid_to": None, "note": "former official"})
    lines.append({"name": actor["name"], "kind": "person", "country": actor["country"], "sector": None,
                  "valid_from": None, "valid_to": None})
    lines[0]["variants"] = actor["variants"]
    return [{k: v for k, v in line.items() if v not in (None, [])} for line in lines]


def _org_lines(actor: dict, roles: AliasIndex) -> list[dict]:
    sector = next((s for s in (sector_of(t, roles, kind="organization") for t in actor["types"]) if s), None)
    line = {"name": actor["name"], "variants": actor["variants"], "kind": "organization",
            "country": actor["country"], "sector": sector, "note": ", ".join(actor["types"]) or None}
    return [{k: v for k, v in line.items() if v not in (None, [])}]


# --- PETRARCH ---------------------------------------------------------------------------------


def _readable(name: str) -> str:
    """A PETRARCH name as people write it: "KAMBALIAN republics" -> "Kambalian Republics"; words
    of up to four capitals stay (``UN``, ``FARC``: acronyms match only in their own case)."""
    return " ".join(w if w.isupper() and len(w) <= 4 else w.capitalize() for w in name.split())


def from_petrarch(path: Path, *, source: str | None = None) -> tuple[list[dict], ImportReport]:
    """Our user dictionary lines for the actors of a PETRARCH/TABARI actor dictionary.

    Each actor block becomes one line per code (dated codes keep their dates as ``valid_from`` /
    ``valid_to``), its synonyms the ``variants`` of the first. Skipped and reported: a group
    code (``[NRN/ARC]``: our format has one code a line), a block whose name an earlier block
    already has (our format would merge their codes), every malformed line, and a whole agents
    file (role nouns have no place in our format: load the ``.txt`` itself with ``--actors``).
    """
    path = Path(path)
    report = ImportReport()
    problems: list[str] = []
    read = read_petrarch_file(path, problems)
    out: list[dict] = []
    if read is not None and read[0] == "agents":
        report.skip(path.name, AGENTS, "role nouns are not converted; use the .txt with --actors")
        return out, report
    blocks = actor_blocks(path, read[1], problems) if read is not None else []
    for problem in problems:
        where, _, detail = problem.partition(": ")
        report.skip(where, MALFORMED, detail)
    names: set[str] = set()
    for block in blocks:
        where = f"{path.name}:{block['line']}"
        name = block["name"].title()
        if name in names:
            report.skip(where, DUPLICATE, f"{name}: an earlier block has this name")
            continue
        groups = [dc.code for dc in block["codes"] if "/" in dc.code]
        if groups:
            report.skip(where, GROUP_CODE, f"{name} [{groups[0]}]")
            continue
        names.add(name)
        variants, keys = [], {alias_key(name)}
        for v in map(_readable, [block["name"], *block["synonyms"]]):
            if alias_key(v) not in keys:
                keys.add(alias_key(v))
                variants.append(v)
        lines = []
        for dc in block["codes"]:
            lines.append({"name": name, "code": dc.code,
                          "valid_from": dc.start.isoformat() if dc.start else None,
                          "valid_to": dc.end.isoformat() if dc.end else None})
        lines[0]["variants"] = variants
        for line in lines:
            line["source"] = source or f"petrarch:{path.name}"
        out.extend({k: v for k, v in line.items() if v not in (None, [])} for line in lines)
        report.taken["dictionary"] = report.taken.get("dictionary", 0) + 1
        report.lines += len(lines)
    return out, report


# --- several inputs ---------------------------------------------------------------------------


def import_files(source: str, paths: Iterable[Path]) -> tuple[list[dict], ImportReport]:
    """The lines of several inputs of one ``source`` (``wikidata`` or ``petrarch``), one report.

    An actor whose name an earlier input already gave is skipped as a duplicate (our format
    would merge the two). Row locations in the report are prefixed with the file name.

    Raises:
        ValueError: an unknown ``source``, or a Wikidata input that is no query export.
    """
    if source not in ("wikidata", "petrarch"):
        raise ValueError(f"unknown source {source!r}; expected wikidata or petrarch")
    roles = load_role_nouns() if source == "wikidata" else None
    countries = load_country_codes() if source == "wikidata" else None
    lines: list[dict] = []
    report = ImportReport()
    for path in map(Path, paths):
        if source == "wikidata":
            got, part = from_wikidata(wikidata_rows(path), roles=roles, countries=countries,
                                      source=f"wikidata:{path.name}")
            part.skipped = [(f"{path.name}: {w}", r, d) for w, r, d in part.skipped]
        else:
            got, part = from_petrarch(path)
        dup = {line["name"] for line in got} & {line["name"] for line in lines}
        for name in sorted(dup):
            part.skip(path.name, DUPLICATE, f"{name}: an earlier input has this name")
            kind = next(line.get("kind", "dictionary") for line in got if line["name"] == name)
            part.taken[kind] -= 1
        kept = [line for line in got if line["name"] not in dup]
        part.lines = len(kept)
        lines.extend(kept)
        report.merge(part)
    return lines, report
