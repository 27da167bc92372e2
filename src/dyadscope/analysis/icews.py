"""The ICEWS event layout: one tab-separated row per actor pair of an event, with a header line.

Columns (in this order): Event ID, Event Date, Source Name, Source Sectors, Source Country, Event
Text, CAMEO Code, Intensity, Target Name, Target Sectors, Target Country, Story ID, Sentence
Number, Publisher, City, District, Province, Country, Latitude, Longitude.

Event ID is the integer of :func:`.gdelt.event_number` (exact in float64 readers); Story ID the
representative document's number in the store; Event Date ``YYYY-MM-DD`` only when the event's
day is known (a partial date leaves it empty, never guessed); Event Text the CAMEO code's name;
Intensity the Goldstein score; countries are names. The place columns stay empty: dyadscope does
not geolocate.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any

import pandas as pd

from ..knowledge.load import DATA_DIR, read_csv
from .countries import country_name
from .dates import parse_partial_date
from .gdelt import _num, _pair_rows, event_number, sentence_number

ICEWS_COLUMNS = [
    "Event ID", "Event Date", "Source Name", "Source Sectors", "Source Country", "Event Text", "CAMEO Code",
    "Intensity", "Target Name", "Target Sectors", "Target Country", "Story ID", "Sentence Number", "Publisher",
    "City", "District", "Province", "Country", "Latitude", "Longitude",
]
ICEWS_INTEGER_COLUMNS = ("Event ID", "Story ID", "Sentence Number")
ICEWS_FLOAT_COLUMNS = ("Intensity", "Latitude", "Longitude")
SECTOR_NAMES_FILE = DATA_DIR / "analysis" / "sector_names.csv"


@lru_cache(maxsize=2)
def sector_names(path: Path = SECTOR_NAMES_FILE) -> dict[str, str]:
    problems: list[str] = []
    return {row["code"]: row["name"] for _, row in read_csv(path, problems) if row.get("code")}


def _actor_cells(actor: dict | None) -> list[Any]:
    if actor is None:
        return [None, None, None]
    sector = actor["sectors"]
    return [actor["names"] or actor["codes"], sector_names().get(sector, sector) if sector else None,
            country_name(actor["countries"])]


def icews_rows(events: pd.DataFrame, *, cameo_names: dict[str, str],
               sentences: dict[str, list[tuple[int, int]]]) -> Iterator[list[Any]]:
    """The rows of :data:`ICEWS_COLUMNS` (unknown values None)."""
    for ev, k, a1, a2 in _pair_rows(events):
        d = parse_partial_date(ev.effective_date)
        yield [
            event_number(ev.doc_number, ev.event_index, k), d.iso if d and d.day else None,
            *_actor_cells(a1), cameo_names.get(ev.cameo) if ev.cameo else None, ev.cameo or None, _num(ev.goldstein),
            *_actor_cells(a2), int(ev.doc_number), sentence_number(sentences.get(ev.doc_id, []), ev.start),
            ev.publisher if isinstance(ev.publisher, str) else None, None, None, None, None, None, None,
        ]
