"""Country, IGO and regional codes the analysis accepts, their names, and the nearest code to a typo.

Accepted: ISO 3166 alpha-3 codes (current and historic, from pycountry), the countries of our
knowledge files, the ``country`` codes of our IGOs (``UNO``, ``EUR``, ...) and our CAMEO regional
codes (``MEA``, ``WST``, ...), and any code the store's actors carry (user dictionaries may add
their own).
"""

from __future__ import annotations

import difflib
from functools import lru_cache
from pathlib import Path

from ..knowledge.load import DATA_DIR, read_csv, read_jsonl


@lru_cache(maxsize=4)
def known_codes(data_dir: Path = DATA_DIR) -> dict[str, str]:
    """Code -> name of every accepted code (knowledge files first, then pycountry)."""
    import pycountry

    names: dict[str, str] = {}
    problems: list[str] = []
    for _, row in read_csv(data_dir / "actors" / "countries.csv", problems):
        if row.get("iso3"):
            names.setdefault(row["iso3"].upper(), row.get("name") or row["iso3"])
    for country in pycountry.countries:
        names.setdefault(country.alpha_3, getattr(country, "common_name", None) or country.name)
    for country in pycountry.historic_countries:
        names.setdefault(country.alpha_3, country.name)
    for _, entry in read_jsonl(data_dir / "actors" / "igos.jsonl", problems):
        if entry.get("country"):
            names.setdefault(entry["country"].upper(), entry.get("name") or entry["country"])
    for _, entry in read_jsonl(data_dir / "actors" / "regions.jsonl", problems):
        if entry.get("code"):
            names.setdefault(entry["code"].upper(), entry.get("name") or entry["code"])
    return names


def country_name(code: str | None) -> str | None:
    """The name of a code, or None when it is not one we know."""
    return known_codes().get(code.upper()) if code else None


def suggestions(code: str, extra: dict[str, str] | None = None, n: int = 3) -> list[tuple[str, str]]:
    """The nearest known codes to ``code``, as ``(code, name)``: by spelling of the code, and by name
    for a country written out ("Iran" -> IRN)."""
    names = {**known_codes(), **(extra or {})}
    typed = code.strip()
    found = []
    by_name = {name.lower(): c for c, name in names.items()}
    if typed.lower() in by_name:
        found.append(by_name[typed.lower()])
    found += difflib.get_close_matches(typed.upper(), list(names), n=n, cutoff=0.6)
    if len(typed) >= 3:
        found += [c for c, name in sorted(names.items()) if name.lower().startswith(typed.lower())][:n]
    out = list(dict.fromkeys(found))[:n]
    return [(c, names[c]) for c in out]
