"""The shipped actor files: they load, their people are dated, and common actors resolve as CAMEO codes them.

These test the data, not the rules (those run on the fixture knowledge base in tests/actors/).
"""

from __future__ import annotations

import pytest

from dyadscope.actors import resolve_phrase
from dyadscope.actors.context import ActorWords


def test_shipped_actors_load(kb):
    actors = kb.actors
    assert len(actors.entries) > 900
    assert {"PER", "NOR", "XKX"} <= set(actors.by_country)


def test_shipped_people_have_dated_roles(kb):
    people = [e for e in kb.actors.entries if e.kind == "person"]
    assert len(people) > 300
    assert all(r.start is not None for p in people for r in p.roles)


def test_shipped_word_lists_cover_the_actor_rules(kb):
    words = ActorWords.of(kb.actors)  # raises naming the lists when one is missing
    assert "according" in words.not_locative_before_to and "its" in words.possessive_pronouns


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # states, long and historical names
        ("the Russian Federation", ("RUS", "RUS", None)),
        ("Tsarist Russia", ("RUS", "RUS", None)),
        ("Burma", ("MMR", "MMR", None)),
        ("the U.S.", ("USA", "USA", None)),
        # demonyms
        ("Kenyans", ("KEN", "KEN", None)),
        # capitals and seats of government as metonyms
        ("the Kremlin", ("RUSGOV", "RUS", "GOV")),
        ("the White House", ("USAGOV", "USA", "GOV")),
        ("Downing Street", ("GBRGOV", "GBR", "GOV")),
        # role nouns with a state modifier
        ("Nigerian troops", ("NGAMIL", "NGA", "MIL")),
        ("Japanese companies", ("JPNBUS", "JPN", "BUS")),
        ("a former Norwegian diplomat", ("NORELI", "NOR", "ELI")),
        # IGOs keep their CAMEO-style code
        ("the UN General Assembly", ("IGOUNO", "UNO", "IGO")),
        ("NATO", ("IGOWSTNAT", "NAT", "IGO")),
        ("the Arab League", ("IGOARBALL", "ARB", "IGO")),
        # media with their country
        ("Reuters", ("GBRMED", "GBR", "MED")),
        ("Xinhua", ("CHNMED", "CHN", "MED")),
        # dated offices of known people
        ("Barack Obama", ("USAGOV", "USA", "GOV")),
    ],
)
def test_shipped_actors_resolve(kb, text, expected):
    res = resolve_phrase(text, kb=kb, date="2012-06-01")
    assert res is not None and (res.code, res.country, res.sector) == expected


@pytest.mark.parametrize("text", ["the Sea of Japan", "the Indian Ocean", "the Baltic Sea", "the Strait of Hormuz"])
def test_shipped_waters_are_not_states(kb, text):
    res = resolve_phrase(text, kb=kb)
    assert res is not None and res.kind == "region" and res.country is None and res.code is None


@pytest.mark.parametrize(("text", "code"), [("the Middle East", "MEA"), ("the Caucasus", "CAU"), ("Western powers", "WST")])
def test_shipped_regions_with_cameo_codes(kb, text, code):
    res = resolve_phrase(text, kb=kb)
    assert res.kind == "region" and res.code == code


@pytest.mark.parametrize(
    ("text", "name"),
    [("Google", "Google"), ("Twitter", "Twitter"), ("Shell", "Shell"), ("King's College London", "King's College London")],
)
def test_shipped_bodies_are_one_entry_each(kb, text, name):
    # they used to be variants of another body with the same code (LinkedIn, BP, Oxford)
    assert resolve_phrase(text, kb=kb).name == name


def test_shipped_state_owned_media(kb):
    assert resolve_phrase("Xinhua", kb=kb).state_owned is True
    assert resolve_phrase("Reuters", kb=kb).state_owned is False
