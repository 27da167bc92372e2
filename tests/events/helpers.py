"""Hand-built actor mentions for event tests (independent of the actor stage).

The people are invented; the states are ones no gold set or seed article is about.
"""

from __future__ import annotations

import re

from dyadscope.events import coded_events
from dyadscope.records import Actor, Article, Mention

# surface -> (name, code, country, sector, kind)
ACTORS = {
    "Chile": ("Chile", "CHL", "CHL", None, "state"),
    "Chilean": ("Chile", "CHL", "CHL", None, "demonym"),
    "Santiago": ("Chile", "CHLGOV", "CHL", "GOV", "capital"),
    "Peru": ("Peru", "PER", "PER", None, "state"),
    "Peruvian": ("Peru", "PER", "PER", None, "demonym"),
    "Lima": ("Peru", "PERGOV", "PER", "GOV", "capital"),
    "Bolivia": ("Bolivia", "BOL", "BOL", None, "state"),
    "Bolivian": ("Bolivia", "BOL", "BOL", None, "demonym"),
    "Argentina": ("Argentina", "ARG", "ARG", None, "state"),
    "Ecuador": ("Ecuador", "ECU", "ECU", None, "state"),
    "Colombia": ("Colombia", "COL", "COL", None, "state"),
    "Colombian": ("Colombia", "COL", "COL", None, "demonym"),
    "Norway": ("Norway", "NOR", "NOR", None, "state"),
    "Norwegian": ("Norway", "NOR", "NOR", None, "demonym"),
    "Sweden": ("Sweden", "SWE", "SWE", None, "state"),
    "Finland": ("Finland", "FIN", "FIN", None, "state"),
    "Kenya": ("Kenya", "KEN", "KEN", None, "state"),
    "Kenyan": ("Kenya", "KEN", "KEN", None, "demonym"),
    "Ghana": ("Ghana", "GHA", "GHA", None, "state"),
    "Valdes": ("Ines Valdes", "CHLGOV", "CHL", "GOV", "person"),
    "Quispe": ("Rosa Quispe", "PERGOV", "PER", "GOV", "person"),
    "Lindqvist": ("Erik Lindqvist", "SWEGOV", "SWE", "GOV", "person"),
    "Mwangi": ("Grace Mwangi", "KENGOV", "KEN", "GOV", "person"),
    # mentions the actor stage leaves with a sector only
    "gunmen": (None, None, None, "UAF", "person"),
    "civilians": (None, None, None, "CVL", "person"),
    "rebels": (None, None, None, "REB", "person"),
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


def kinds(nlp, kb, text: str) -> list[tuple[str, tuple, tuple]]:
    """(type, source countries, target countries) of each event coded in ``text``, with
    ``mentions_for``'s hand-built mentions and no quotations."""
    doc = nlp(text)
    evs = coded_events(doc, article=Article("t", text, date="2021-03-10"), mentions=mentions_for(text), quotes=[], kb=kb)
    return [(e.event_type, tuple(a.country for a in e.source), tuple(a.country for a in e.target)) for e in evs]
