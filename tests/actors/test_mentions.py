"""Document-level actor mentions on our own short texts (one phenomenon per case)."""

from __future__ import annotations

import pytest

from dyadscope.actors import actor_mentions
from dyadscope.records import Article

pytestmark = pytest.mark.slow


def mentions_of(nlp, kb, text, date="2021-06-01"):
    article = Article(doc_id="t", text=text, date=date)
    return actor_mentions(nlp(text), article=article, kb=kb)


def find(ms, text):
    hits = [m for m in ms if m.text == text]
    assert hits, f"no mention {text!r} in {[m.text for m in ms]}"
    return hits[0]


@pytest.mark.parametrize(
    ("text", "mention", "expected"),
    [
        ("The Kremlin rejected the proposal on Tuesday.", "Kremlin", ("RUSGOV", "RUS", "GOV")),
        ("Officials said Moscow would respond soon.", "Moscow", ("RUSGOV", "RUS", "GOV")),
        ("According to Tehran, the talks have failed.", "Tehran", ("IRNGOV", "IRN", "GOV")),
        ("The White House declined to comment.", "White House", ("USAGOV", "USA", "GOV")),
        ("Washington imposed new sanctions.", "Washington", ("USAGOV", "USA", "GOV")),
        ("Kremlin spokesman Dmitry Peskov denied the report.", "Kremlin spokesman Dmitry Peskov", ("RUSGOV", "RUS", "GOV")),
        ("Chinese President Xi Jinping met the envoy.", "Chinese President Xi Jinping", ("CHNGOV", "CHN", "GOV")),
        ("Turkish officials met their counterparts.", "Turkish officials", ("TURGOV", "TUR", "GOV")),
        ("The Soviet Union collapsed.", "Soviet Union", ("RUS", "RUS", None)),
        ("Tsarist Russia sold Alaska.", "Tsarist Russia", ("RUS", "RUS", None)),
        ("Persia traded silk for centuries.", "Persia", ("IRN", "IRN", None)),
        ("The Islamic Republic denied it.", "Islamic Republic", ("IRN", "IRN", None)),
        ("Britain and America disagreed.", "Britain", ("GBR", "GBR", None)),
        ("Russians rarely buy the product.", "Russians", ("RUS", "RUS", None)),
        ("The state-owned Islamic Republic News Agency reported the visit.", "Islamic Republic News Agency", ("IRNMED", "IRN", "MED")),
        ("Analysts at the Brookings Institution disagreed.", "Brookings Institution", ("USAEDU", "USA", "EDU")),
        ("The UN Security Council met on Friday.", "UN Security Council", ("IGOUNO", "UNO", "IGO")),
        ("The IAEA inspected the site.", "IAEA", ("IGOUNO", "UNO", "IGO")),
        ("The Shanghai Cooperation Organization admitted a new member.", "Shanghai Cooperation Organization", ("IGOASASCO", "ASA", "IGO")),
    ],
)
def test_mentions_resolve(nlp, kb, text, mention, expected):
    m = find(mentions_of(nlp, kb, text), mention)
    assert (m.code, m.country, m.sector) == expected


def test_mentions_capital_as_place_is_not_the_government(nlp, kb):
    m = find(mentions_of(nlp, kb, "The delegation arrived in Tehran on Monday."), "Tehran")
    assert m.kind == "place" and m.code is None and m.country == "IRN"


@pytest.mark.parametrize("text", ["Tankers crossed the Gulf of Oman at night.", "Ships sailed through the Indian Ocean."])
def test_mentions_waters_are_not_states(nlp, kb, text):
    ms = mentions_of(nlp, kb, text)
    assert not any(m.country == "OMN" or m.kind == "state" for m in ms)
    assert any(m.kind == "region" and m.code is None for m in ms)


def test_mentions_compound_adjective_is_a_group(nlp, kb):
    ms = mentions_of(nlp, kb, "The joint Turkish-Qatari-Pakistani exercise ended.")
    m = find(ms, "Turkish-Qatari-Pakistani")
    assert m.kind == "group" and m.code is None
    assert [a.country for a in m.members] == ["TUR", "QAT", "PAK"]


def test_mentions_never_concatenate_codes(nlp, kb):
    text = "American, Iranian and Russian officials met UN diplomats and NATO generals in Geneva."
    for m in mentions_of(nlp, kb, text):
        assert m.code is None or len(m.code) <= 9, m.code
        assert m.code is None or m.code.count("GOV") <= 1


def test_mentions_title_depends_on_date(nlp, kb):
    m2016 = find(mentions_of(nlp, kb, "Donald Trump spoke in Ohio.", date="2016-03-01"), "Donald Trump")
    m2018 = find(mentions_of(nlp, kb, "Donald Trump spoke in Ohio.", date="2018-03-01"), "Donald Trump")
    assert (m2016.country, m2016.sector) == ("USA", "BUS")
    assert (m2018.country, m2018.sector) == ("USA", "GOV")


def test_mentions_apposition_role_and_place(nlp, kb):
    text = "Tomas Lindqvist, assistant professor of economics at Chatham House, said the deal was weak."
    m = find(mentions_of(nlp, kb, text), "Tomas Lindqvist")
    assert (m.country, m.sector, m.kind) == ("GBR", "EDU", "person")


def test_mentions_apposition_commander(nlp, kb):
    text = "Mehdi Rostami, the Quds Force commander, visited Baghdad."
    m = find(mentions_of(nlp, kb, text), "Mehdi Rostami")
    assert (m.country, m.sector) == ("IRN", "MIL")


def test_mentions_relative_clause_former_spokesman(nlp, kb):
    text = "Leila Farahani, who served as spokeswoman for former President Mahmoud Ahmadinejad, told AFP."
    ms = mentions_of(nlp, kb, text, date="2018-01-01")
    m = find(ms, "Leila Farahani")
    assert (m.country, m.former) == ("IRN", True)
    khatami = [x for x in ms if x.name == "Mahmoud Ahmadinejad"][0]
    assert khatami.former and khatami.country == "IRN"


def test_mentions_role_before_name_and_surname_coref(nlp, kb):
    text = ("A former senior Pentagon official, Mary Okafor, said the plan would fail. "
            "Okafor added that Congress had not been told.")
    ms = mentions_of(nlp, kb, text)
    full = find(ms, "Mary Okafor")
    assert (full.country, full.former) == ("USA", True)
    short = find(ms, "Okafor")
    assert short.antecedent == full.start and short.country == "USA"


def test_mentions_title_picks_the_right_namesake(nlp, kb):
    ms = mentions_of(nlp, kb, "The senator met President Clinton in Arkansas.", date="1995-05-01")
    m = find(ms, "President Clinton")
    assert (m.name, m.code) == ("Bill Clinton", "USAGOV")


def test_mentions_us_state_gives_country_only(nlp, kb):
    m = find(mentions_of(nlp, kb, "Ohio Sen. Mark Dellwood objected."), "Ohio Sen. Mark Dellwood")
    assert (m.country, m.sector) == ("USA", "LEG")


def test_mentions_state_owned_from_text(nlp, kb):
    ms = mentions_of(nlp, kb, "The state-run Velmora Broadcasting Corporation aired the speech.")
    orgs = [m for m in ms if "Velmora" in m.text]
    assert orgs and orgs[0].state_owned


@pytest.mark.parametrize(
    ("text", "mention", "country"),
    [
        # the only country of the sentence
        ("Islamist militants attacked a police post, the Tunisian interior ministry said.", "Islamist militants", "TUN"),
        # several countries: the one named as the location
        ("Gunmen kidnapped two engineers in Peru, Chilean officials said.", "Gunmen", "PER"),
    ],
)
def test_mentions_domestic_group_takes_sentence_country(nlp, kb, text, mention, country):
    m = find(mentions_of(nlp, kb, text), mention)
    assert m.country == country and m.rule.endswith("+context:sentence")


@pytest.mark.parametrize(
    ("text", "mention"),
    [
        ("Bolivian and Peruvian officials said guerrillas attacked a convoy.", "guerrillas"),  # two countries
        ("Officials said troops attacked a convoy in Peru.", "troops"),  # the army may be foreign
    ],
)
def test_mentions_no_sentence_country_when_unsure(nlp, kb, text, mention):
    ms = mentions_of(nlp, kb, text)
    assert all(m.country is None for m in ms if m.text == mention)


def test_mentions_bracketed_acronym_follows_the_name(nlp, kb):
    # "FDD" elsewhere is a Washington think tank; here it abbreviates the Burundian rebels
    text = "Fighters of the Forces for the Defense of Democracy (FDD) crossed the border."
    m = find(mentions_of(nlp, kb, text), "FDD")
    assert (m.country, m.sector) == ("BDI", "REB")


def test_mentions_body_named_after_a_state(nlp, kb):
    ms = mentions_of(nlp, kb, "The Liberian Reconciliation Council accused the government of delays.")
    orgs = [m for m in ms if m.text.startswith("Liberian")]
    assert orgs and orgs[0].country == "LBR" and orgs[0].kind == "organization"


def test_mentions_stance_prefix_is_not_the_country(nlp, kb):
    ms = mentions_of(nlp, kb, "An anti-Turkey columnist was detained in Athens.")
    assert not any(m.country == "TUR" and m.sector == "MED" for m in ms), [(m.text, m.code) for m in ms]


def test_mentions_demonym_on_a_thing_does_not_place_a_group(nlp, kb):
    ms = mentions_of(nlp, kb, "Hackers stole Norwegian tax records last month.")
    assert all(m.country is None for m in ms if m.text.lower() == "hackers")


def test_mentions_province_gives_the_country(nlp, kb):
    m = find(mentions_of(nlp, kb, "The government of Balochistan province banned rallies."), "government of Balochistan")
    assert m.code == "PAKGOV"


@pytest.mark.parametrize(
    ("text", "mention", "country"),
    [
        ("Bosnian Croats boycotted the vote.", "Bosnian Croats", "BIH"),
        ("Ethnic Hungarians in southern Slovakia staged a rally.", "Hungarians", "SVK"),
        ("The Turks of southern Bulgaria boycotted the census.", "Turks", "BGR"),
        ("Ethnic Russians rallied on Sunday, Estonian police said.", "Russians", "EST"),
        ("Russians rallied on Sunday, Estonian police said.", "Russians", "RUS"),  # no "ethnic": own country
    ],
)
def test_mentions_minorities_take_the_state_they_live_in(nlp, kb, text, mention, country):
    m = find(mentions_of(nlp, kb, text), mention)
    assert m.country == country


@pytest.mark.parametrize("text", ["Warships gathered in the Gulf.", "The fleet sailed across the Mediterranean Sea."])
def test_mentions_seas_have_no_code(nlp, kb, text):
    assert all(m.code is None for m in mentions_of(nlp, kb, text) if m.kind == "region")


def test_mentions_led_by_a_state(nlp, kb):
    m = find(mentions_of(nlp, kb, "The Kenyan-led peacekeepers withdrew from the town."), "Kenyan-led peacekeepers")
    assert m.code == "KENMIL"


def test_mentions_capital_venue_does_not_place_a_group(nlp, kb):
    ms = mentions_of(nlp, kb, "The government and the rebels signed a deal in Oslo on Friday.")
    assert all(m.country is None for m in ms if m.text == "rebels")


@pytest.mark.parametrize(
    ("text", "mention", "code"),
    [
        ("Fighting spread near Kinshasa. Congolese refugees fled to Uganda.", "Congolese refugees", "CODREF"),
        ("Brazzaville said Congo would close the border.", "Congo", "COG"),
        ("Congolese refugees fled to Uganda.", "Congolese refugees", None),  # nothing decides
    ],
)
def test_mentions_shared_name_decided_by_document(nlp, kb, text, mention, code):
    assert find(mentions_of(nlp, kb, text), mention).code == code


@pytest.mark.parametrize(
    ("text", "mention", "country"),
    [
        ("Gunmen clashed in Tripoli as the Lebanese army deployed.", "Lebanese", "LBN"),
        ("Tripoli rejected the plan.", "Tripoli", "LBY"),
    ],
)
def test_mentions_city_shared_by_two_states(nlp, kb, text, mention, country):
    ms = mentions_of(nlp, kb, text)
    tripoli = [m for m in ms if "Tripoli" in m.text]
    assert tripoli and tripoli[0].country == country


def test_mentions_ethnic_group_takes_most_named_state(nlp, kb):
    text = "Ethnic Hungarians rallied near Romania's border with Ukraine, Romanian police said."
    assert find(mentions_of(nlp, kb, text), "Hungarians").country == "ROU"
