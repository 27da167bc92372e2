"""Country, IGO and regional codes the analysis accepts, their names, and the nearest code to a typo.

Accepted: ISO 3166 alpha-3 codes (current and historic, from pycountry), the countries of our
knowledge files, the ``country`` codes of our IGOs (``UNO``, ``EUR``, ...) and our CAMEO regional
codes (``MEA``, ``WST``, ...), and any code the store's actors carry (user dictionaries may add
their own).
"""

from __future__ import annotations

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


def _one_apart(a: str, b: str) -> bool:
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b)) == 1
    if abs(len(a) - len(b)) == 1:
        short, long = sorted((a, b), key=len)
        return any(long[:k] + long[k + 1:] == short for k in range(len(long)))
    return False


def suggestions(code: str, extra: dict[str, str] | None = None, n: int = 3) -> list[tuple[str, str]]:
    """The nearest known codes to ``code``, as ``(code, name)``: a country written out ("Iran" ->
    IRN), names that start with what was typed ("IRA" -> Iran, Iraq), then codes one letter
    apart that share the first letter, the store's own codes first."""
    names = {**(extra or {}), **known_codes()}
    typed = code.strip()
    low, up = typed.lower(), typed.upper()
    found = [c for c, name in names.items() if name.lower() == low]
    if len(typed) >= 2:
        found += sorted((c for c, name in names.items() if name.lower().startswith(low) and len(c) == 3),
                        key=lambda c: (c not in (extra or {}), names[c]))
    found += sorted((c for c in names if len(c) == 3 and c[:1] == up[:1] and _one_apart(c, up)),
                    key=lambda c: (c not in (extra or {}), c[:2] != up[:2], c))
    return [(c, names[c]) for c in list(dict.fromkeys(found))[:n]]
