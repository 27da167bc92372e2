"""Phrase-level resolution (``kb.actors.resolve_phrase``): no parsed document needed."""

from __future__ import annotations

import pytest

from dyadscope.actors import resolve_phrase


@pytest.mark.parametrize(
    ("text", "date", "expected"),
    [
        # states, short, long and historical names
        ("Russia", None, ("RUS", "RUS", None)),
        ("the Russian Federation", None, ("RUS", "RUS", None)),
        ("Tsarist Russia", None, ("RUS", "RUS", None)),
        ("the Soviet Union", None, ("RUS", "RUS", None)),
        ("Persia", None, ("IRN", "IRN", None)),
        ("the Islamic Republic", None, ("IRN", "IRN", None)),
        ("the U.S.", None, ("USA", "USA", None)),
        ("America", None, ("USA", "USA", None)),
        ("Britain", None, ("GBR", "GBR", None)),
        # demonyms
        ("Iranians", None, ("IRN", "IRN", None)),
        ("the Chinese", None, ("CHN", "CHN", None)),
        # capitals and seats of government as metonyms
        ("Moscow", None, ("RUSGOV", "RUS", "GOV")),
        ("the Kremlin", None, ("RUSGOV", "RUS", "GOV")),
        ("Tehran", None, ("IRNGOV", "IRN", "GOV")),
        ("the White House", None, ("USAGOV", "USA", "GOV")),
        ("Beijing", None, ("CHNGOV", "CHN", "GOV")),
        # sectors from role nouns and modifiers
        ("Pakistani troops", None, ("PAKMIL", "PAK", "MIL")),
        ("Kenya's interior minister", None, ("KENGOV", "KEN", "GOV")),
        ("Turkish police", None, ("TURCOP", "TUR", "COP")),
        ("an Egyptian judge", None, ("EGYJUD", "EGY", "JUD")),
        ("Indian lawmakers", None, ("INDLEG", "IND", "LEG")),
        ("French journalists", None, ("FRAMED", "FRA", "MED")),
        ("a German professor", None, ("DEUEDU", "DEU", "EDU")),
        ("Japanese companies", None, ("JPNBUS", "JPN", "BUS")),
        ("Syrian rebels", None, ("SYRREB", "SYR", "REB")),
        ("the chief of the Knesset", None, ("ISRLEG", "ISR", "LEG")),
        ("the ambassador of Brazil", None, ("BRAGOV", "BRA", "GOV")),
        ("Brazil's envoy to Argentina", None, ("BRAGOV", "BRA", "GOV")),
        ("a former Norwegian diplomat", None, ("NORELI", "NOR", "ELI")),
        # IGOs keep their CAMEO-style code
        ("the UN Security Council", None, ("IGOUNO", "UNO", "IGO")),
        ("the General Assembly", None, ("IGOUNO", "UNO", "IGO")),
        ("NATO", None, ("IGOWSTNAT", "NAT", "IGO")),
        ("the Arab League", None, ("IGOARBALL", "ARB", "IGO")),
        # media with country and state ownership
        ("Reuters", None, ("GBRMED", "GBR", "MED")),
        ("TASS", None, ("RUSMED", "RUS", "MED")),
        # people on a date: titles apply only while held
        ("Hassan Rouhani", "2015-06-01", ("IRNGOV", "IRN", "GOV")),
        ("Hassan Rouhani", "2022-06-01", ("IRNELI", "IRN", "ELI")),
        ("Donald Trump", "2016-03-01", ("USABUS", "USA", "BUS")),
        ("President Trump", "2018-03-01", ("USAGOV", "USA", "GOV")),
        ("Qasem Soleimani", "2019-05-01", ("IRNMIL", "IRN", "MIL")),
        ("Javad Zarif", "2014-01-01", ("IRNGOV", "IRN", "GOV")),
        ("Khamenei", "2010-01-01", ("IRNGOV", "IRN", "GOV")),
        ("Secretary of State Pompeo", "2019-01-01", ("USAGOV", "USA", "GOV")),
    ],
)
def test_resolve_phrase_codes(kb, text, date, expected):
    res = resolve_phrase(text, date=date, kb=kb.actors)
    assert res is not None, text
    assert (res.code, res.country, res.sector) == expected


@pytest.mark.parametrize(
    "text",
    ["the Gulf of Oman", "the Indian Ocean", "the Caspian Sea", "the Strait of Hormuz"],
)
def test_resolve_phrase_water_is_not_a_state(kb, text):
    res = resolve_phrase(text, kb=kb.actors)
    assert res is not None and res.kind == "region"
    assert res.country is None and res.code is None


@pytest.mark.parametrize(
    ("text", "code"),
    [("the Middle East", "MEA"), ("the Caucasus", "CAU"), ("the West", "WST"), ("Western powers", "WST")],
)
def test_resolve_phrase_regions_get_regional_codes(kb, text, code):
    res = resolve_phrase(text, kb=kb.actors)
    assert res is not None and res.kind == "region" and res.code == code


@pytest.mark.parametrize("text", ["a fluffy cat", "the weather", "Zorblax Quimbly", "he", "yesterday's demand"])
def test_resolve_phrase_unknown_stays_unresolved(kb, text):
    res = resolve_phrase(text, kb=kb.actors)
    assert res is None or (res.country is None and res.code is None)


def test_resolve_phrase_compound_stays_a_list(kb):
    res = resolve_phrase("Turkish-Qatari-Pakistani", kb=kb.actors)
    assert res.kind == "group" and res.code is None
    assert [m.country for m in res.members] == ["TUR", "QAT", "PAK"]


def test_resolve_phrase_former_keeps_country(kb):
    res = resolve_phrase("former President Mahmoud Ahmadinejad", date="2019-01-01", kb=kb.actors)
    assert (res.country, res.sector, res.former) == ("IRN", "ELI", True)


def test_resolve_phrase_state_owned_media(kb):
    assert resolve_phrase("IRNA", kb=kb.actors).state_owned is True
    assert resolve_phrase("Reuters", kb=kb.actors).state_owned is False


def test_resolve_phrase_context_gives_country(kb):
    res = resolve_phrase("the defence minister", context="Colombian", kb=kb.actors)
    assert (res.country, res.sector) == ("COL", "GOV")


@pytest.mark.parametrize(
    ("text", "date", "expected"),
    [
        # a surname after a title: the holder of that title on the date; undated, the in-text title
        ("President Bush", "1990-06-01", ("George H. W. Bush", "USAGOV")),
        ("President Bush", "2005-06-01", ("George W. Bush", "USAGOV")),
        ("President Bush", None, ("George W. Bush", "USAGOV")),
        ("the Bush administration", "1991-03-01", (None, "USAGOV")),
        ("Secretary-General Annan", None, ("Kofi Annan", "IGOUNO")),
        ("former President Bush", None, ("George W. Bush", "USAELI")),
        # a surname followed by more of a name is not that person ("Ahmed" is not Abiy Ahmed)
        ("Algerian President Ahmed Ben Zorgui", None, (None, "DZAGOV")),
    ],
)
def test_resolve_title_surnames(kb, text, date, expected):
    res = resolve_phrase(text, date=date, kb=kb.actors)
    assert res is not None and (res.name, res.code) == expected


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Tamil refugees", "LKAREF"),
        ("Yoruba politicians", "NGAELI"),
        ("the Tamil Tigers", "LKAREB"),
        ("US forces", "USAMIL"),
        ("UN peacekeepers", "IGOUNO"),
        ("the European Community", "IGOEUREEC"),
        ("Kampuchean guerrillas", "KHMREB"),
        ("inhabitants of the Iranian Kurdistan", "IRNCVL"),
    ],
)
def test_resolve_groups_movements_and_ethnic_groups(kb, text, code):
    res = resolve_phrase(text, kb=kb.actors)
    assert res is not None and res.code == code


def test_resolve_region_placed_by_a_state_is_a_place(kb):
    res = resolve_phrase("the Syrian Golan Heights", kb=kb.actors)
    assert (res.kind, res.country, res.code) == ("place", "SYR", None)
