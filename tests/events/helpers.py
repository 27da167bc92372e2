"""Hand-built actor mentions for event tests (independent of the actor stage)."""

from __future__ import annotations

import re

from dyadscope.records import Actor, Mention

# surface -> (name, code, country, sector, kind)
ACTORS = {
    "Iran": ("Iran", "IRN", "IRN", None, "state"),
    "Iranian": ("Iran", "IRN", "IRN", None, "demonym"),
    "Tehran": ("Iran", "IRNGOV", "IRN", "GOV", "capital"),
    "Russia": ("Russia", "RUS", "RUS", None, "state"),
    "Russian": ("Russia", "RUS", "RUS", None, "demonym"),
    "Moscow": ("Russia", "RUSGOV", "RUS", "GOV", "capital"),
    "China": ("China", "CHN", "CHN", None, "state"),
    "Chinese": ("China", "CHN", "CHN", None, "demonym"),
    "Syria": ("Syria", "SYR", "SYR", None, "state"),
    "Georgia": ("Georgia", "GEO", "GEO", None, "state"),
    "Georgian": ("Georgia", "GEO", "GEO", None, "demonym"),
    "Britain": ("United Kingdom", "GBR", "GBR", None, "state"),
    "Turkey": ("Turkey", "TUR", "TUR", None, "state"),
    "France": ("France", "FRA", "FRA", None, "state"),
    "Germany": ("Germany", "DEU", "DEU", None, "state"),
    "Japan": ("Japan", "JPN", "JPN", None, "state"),
    "Egypt": ("Egypt", "EGY", "EGY", None, "state"),
    "Israel": ("Israel", "ISR", "ISR", None, "state"),
    "Brazil": ("Brazil", "BRA", "BRA", None, "state"),
    "India": ("India", "IND", "IND", None, "state"),
    "Russians": ("Russia", "RUS", "RUS", None, "demonym"),
    "Iranians": ("Iran", "IRN", "IRN", None, "demonym"),
    "Putin": ("Vladimir Putin", "RUSGOV", "RUS", "GOV", "person"),
    "Rouhani": ("Hassan Rouhani", "IRNGOV", "IRN", "GOV", "person"),
    "Lavrov": ("Sergei Lavrov", "RUSGOV", "RUS", "GOV", "person"),
    "Zarif": ("Mohammad Javad Zarif", "IRNGOV", "IRN", "GOV", "person"),
}


def mentions_for(text: str, groups: dict[str, tuple[str, ...]] | None = None) -> list[Mention]:
    """Mentions of every ``ACTORS`` surface in ``text``; ``groups`` maps a group phrase to member surfaces."""
    out = []
    for surface, (name, code, country, sector, kind) in ACTORS.items():
        for m in re.finditer(r"\b" + re.escape(surface) + r"(?![\w])", text):
            out.append(Mention(m.start(), m.end(), surface, name, code, country, sector, kind))
    for phrase, members in (groups or {}).items():
        for m in re.finditer(re.escape(phrase), text):
            acts = tuple(
                Actor(s, ACTORS[s][0], ACTORS[s][1], ACTORS[s][2], ACTORS[s][3], m.start(), m.end()) for s in members
            )
            out = [x for x in out if not (m.start() <= x.start < m.end())]
            out.append(Mention(m.start(), m.end(), phrase, None, None, None, None, "group", members=acts))
    return sorted(out, key=lambda x: x.start)
