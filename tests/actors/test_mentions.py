"""Document-level actor mentions on the fixture knowledge base and our own short texts (one rule per case)."""

from __future__ import annotations

import pytest

from .helpers import find, mentions_on

pytestmark = pytest.mark.slow


def mentions_of(nlp, kb, text, date="2012-06-01"):
    return mentions_on(nlp, kb, text, date)


@pytest.mark.parametrize(
    ("text", "mention", "expected"),
    [
        ("Lima rejected the offer on Tuesday.", "Lima", ("PERGOV", "PER", "GOV")),
        ("Officials said Santiago would answer within a week.", "Santiago", ("CHLGOV", "CHL", "GOV")),
        ("La Moneda declined to comment on the leak.", "La Moneda", ("CHLGOV", "CHL", "GOV")),
        ("Chilean officials met their Peruvian counterparts.", "Chilean officials", ("CHLGOV", "CHL", "GOV")),
        ("Prussia fought Denmark in the nineteenth century.", "Prussia", ("DEU", "DEU", None)),
        ("Bolivians rarely buy the imported cheese.", "Bolivians", ("BOLCVL", "BOL", "CVL")),  # people: civilians
        ("The UN Security Council met on Friday.", "UN Security Council", ("IGOUNO", "UNO", "IGO")),
        ("Analysts at the Blorvak Institute disagreed.", "Blorvak Institute", ("NOREDU", "NOR", "EDU")),
        ("Norwegian Foreign Minister Tomas Ekdahl landed in Lima.", "Norwegian Foreign Minister Tomas Ekdahl",
         ("NORGOV", "NOR", "GOV")),
    ],
)
def test_mentions_resolve(nlp, small_kb, text, mention, expected):
    m = find(mentions_of(nlp, small_kb, text), mention)
    assert (m.code, m.country, m.sector) == expected


@pytest.mark.parametrize(
    "text", ["The delegation arrived in Lima on Monday.", "The minister toured Lima last week."]
)
def test_mentions_capital_as_place_is_not_the_government(nlp, small_kb, text):
    m = find(mentions_of(nlp, small_kb, text), "Lima")
    assert (m.kind, m.code, m.country) == ("place", None, "PER")
    assert m.rule.endswith("+locative")


def test_mentions_capital_after_according_to_stays_the_government(nlp, small_kb):
    assert find(mentions_of(nlp, small_kb, "According to Lima, the border is calm."), "Lima").code == "PERGOV"


@pytest.mark.parametrize("text", ["Trawlers crossed the Pacific at night.", "Rovers drove into the Atacama Desert."])
def test_mentions_regions_are_not_states(nlp, small_kb, text):
    ms = mentions_of(nlp, small_kb, text)
    assert not any(m.kind == "state" for m in ms)
    assert any(m.kind == "region" and m.code is None and m.country is None for m in ms)


def test_mentions_compound_adjective_is_a_group(nlp, small_kb):
    m = find(mentions_of(nlp, small_kb, "The joint Danish-Norwegian-Chilean survey ended."), "Danish-Norwegian-Chilean")
    assert m.kind == "group" and m.code is None
    assert [a.country for a in m.members] == ["DNK", "NOR", "CHL"]


def test_mentions_never_concatenate_codes(nlp, small_kb):
    text = "Chilean, Peruvian and Bolivian officials met UN envoys in Oslo."
    for m in mentions_of(nlp, small_kb, text):
        assert m.code is None or m.code.count("GOV") <= 1, m.code


def test_mentions_office_depends_on_the_article_date(nlp, small_kb):
    text = "Tomas Ekdahl spoke in Bergen."
    assert find(mentions_of(nlp, small_kb, text, date="2005-03-01"), "Tomas Ekdahl").sector == "BUS"
    assert find(mentions_of(nlp, small_kb, text, date="2012-03-01"), "Tomas Ekdahl").sector == "GOV"


def test_mentions_apposition_role_and_place(nlp, small_kb):
    text = "Greta Holmsen, assistant professor of history at the Blorvak Institute, said the plan was weak."
    m = find(mentions_of(nlp, small_kb, text), "Greta Holmsen")
    assert (m.country, m.sector, m.kind) == ("NOR", "EDU", "person") and m.rule.startswith("apposition+")


def test_mentions_relative_clause_makes_a_former_official(nlp, small_kb):
    text = "Luis Arce Pinto, who served as envoy to Chile for Peru, told the North Gazette."
    m = find(mentions_of(nlp, small_kb, text), "Luis Arce Pinto")
    assert m.former and m.sector == "ELI"


def test_mentions_role_before_name_and_surname_coref(nlp, small_kb):
    text = ("A former Chilean diplomat, Marisol Quintero, said the talks would fail. "
            "Quintero added that nobody had asked her.")
    ms = mentions_of(nlp, small_kb, text)
    full = find(ms, "Marisol Quintero")
    assert (full.country, full.former) == ("CHL", True)
    short = find(ms, "Quintero")
    assert short.antecedent == full.start and short.country == "CHL"


def test_mentions_title_picks_the_holder_on_the_date(nlp, small_kb):
    ms = mentions_of(nlp, small_kb, "The mayor welcomed President Ruiz in Valparaiso.", date="1992-05-01")
    m = find(ms, "President Ruiz")
    assert (m.name, m.code) == ("Jorge Ruiz", "CHLGOV")


def test_mentions_state_owned_from_the_words_before(nlp, small_kb):
    ms = mentions_of(nlp, small_kb, "The state-run Quillon Radio Network aired the speech.")
    orgs = [m for m in ms if "Quillon" in m.text]
    assert orgs and orgs[0].state_owned


def test_mentions_state_owned_from_the_knowledge_base(nlp, small_kb):
    assert find(mentions_of(nlp, small_kb, "VBS aired the speech twice."), "VBS").state_owned


@pytest.mark.parametrize(
    ("text", "mention", "country"),
    [
        # the only country of the sentence
        ("Insurgents attacked a depot near the coast, the Peruvian interior ministry said.", "Insurgents", "PER"),
        # several countries: the one named as the location
        ("Gunmen seized two drivers in Bolivia, Chilean officials said.", "Gunmen", "BOL"),
    ],
)
def test_mentions_domestic_group_takes_sentence_country(nlp, small_kb, text, mention, country):
    m = find(mentions_of(nlp, small_kb, text), mention)
    assert m.country == country and m.rule.endswith("+context:sentence")


@pytest.mark.parametrize(
    ("text", "mention"),
    [
        ("Bolivian and Peruvian officials said insurgents attacked a convoy.", "insurgents"),  # two countries
        ("Officials said troops attacked a convoy in Peru.", "troops"),  # an army may be abroad
        ("Strikers read Danish tax records last month.", "Strikers"),  # a demonym on a thing decides nothing
        ("The government and the insurgents signed a deal in Oslo on Friday.", "insurgents"),  # a venue
    ],
)
def test_mentions_no_sentence_country_when_unsure(nlp, small_kb, text, mention):
    assert all(m.country is None for m in mentions_of(nlp, small_kb, text) if m.text == mention)


def test_mentions_bracketed_acronym_follows_the_name(nlp, small_kb):
    # "FWD" elsewhere is a foundation in the United States; here it abbreviates the Bolivian rebels
    text = "Fighters of the Front for Workers' Democracy (FWD) crossed the river."
    m = find(mentions_of(nlp, small_kb, text), "FWD")
    assert (m.country, m.sector) == ("BOL", "REB") and m.rule.endswith("+acronym")


def test_mentions_known_acronym_names_the_unknown_body_before_it(nlp, small_kb):
    # the acronym abbreviates the body's name in another language: not its English initials
    text = "The minister thanked the Hollenberg Scholars Association (TRC) for its report."
    m = find(mentions_of(nlp, small_kb, text), "Hollenberg Scholars Association")
    assert (m.country, m.sector) == ("DNK", "EDU") and m.rule.endswith("+acronym")


def test_mentions_body_named_after_a_state(nlp, small_kb):
    ms = mentions_of(nlp, small_kb, "The Liberian Cocoa Growers Union accused the ministry of delays.")
    orgs = [m for m in ms if m.text.startswith("Liberian")]
    assert orgs and orgs[0].country == "LBR" and orgs[0].kind == "organization"


def test_mentions_stance_prefix_is_not_the_country(nlp, small_kb):
    ms = mentions_of(nlp, small_kb, "An anti-Chile blogger was detained in Lima.")
    assert not any(m.country == "CHL" and m.sector == "MED" for m in ms), [(m.text, m.code) for m in ms]


@pytest.mark.parametrize(
    ("text", "mention", "country"),
    [
        ("Ethnic Hungarians in southern Slovakia held a rally.", "Hungarians", "SVK"),
        ("The Danes of northern Germany boycotted the census.", "Danes", "DEU"),
        ("Ethnic Hungarians rallied on Sunday, Slovak police said.", "Hungarians", "SVK"),
        ("Hungarians rallied on Sunday, Slovak police said.", "Hungarians", "HUN"),  # no "ethnic": own country
        ("Bosnian Croats boycotted the count.", "Bosnian Croats", "BIH"),
    ],
)
def test_mentions_minorities_take_the_state_they_live_in(nlp, small_kb, text, mention, country):
    assert find(mentions_of(nlp, small_kb, text), mention).country == country


def test_mentions_led_by_a_state(nlp, small_kb):
    m = find(mentions_of(nlp, small_kb, "The Kenyan-led peacekeepers left the valley."), "Kenyan-led peacekeepers")
    assert m.code == "KENMIL"


@pytest.mark.parametrize(
    ("text", "mention", "code"),
    [
        ("Clashes were reported near Kinshasa. Congolese refugees crossed the lake.", "Congolese refugees", "CODREF"),
        ("Congolese refugees crossed the lake.", "Congolese refugees", None),  # nothing decides
    ],
)
def test_mentions_shared_name_decided_by_the_document(nlp, small_kb, text, mention, code):
    assert find(mentions_of(nlp, small_kb, text), mention).code == code


def test_mentions_role_takes_its_complement_country(nlp, small_kb):
    m = find(mentions_of(nlp, small_kb, "The government of Peru closed two ports."), "government of Peru")
    assert m.code == "PERGOV"


def test_mentions_coordinated_complements_are_a_group(nlp, small_kb):
    ms = mentions_of(nlp, small_kb, "The ambassadors of Chile, Peru and Bolivia signed the letter.")
    groups = [m for m in ms if m.kind == "group"]
    assert groups and [a.code for a in groups[0].members] == ["CHLGOV", "PERGOV", "BOLGOV"]


def test_mentions_bare_weak_role_is_no_mention(nlp, small_kb):
    ms = mentions_of(nlp, small_kb, "People queued outside the ministry for hours.")
    assert not [m for m in ms if m.text in ("People", "ministry")]


def test_mentions_region_keeps_its_code_but_no_country(nlp, small_kb):
    ms = mentions_of(nlp, small_kb, "Peru asked the West for credit. Western envoys met in Lima.")
    west = find(ms, "West")
    assert (west.kind, west.code, west.country) == ("region", "WST", None)
    envoys = find(ms, "Western envoys")
    assert (envoys.code, envoys.country, envoys.sector) == ("WST", None, "GOV")


@pytest.mark.parametrize(
    ("text", "mention", "code"),
    [
        ("Thousands of Peruvians fled the floods last week.", "Peruvians", "PERCVL"),
        ("Young Chileans marched through the capital on Sunday.", "Chileans", "CHLCVL"),
        ("The Chileans rejected the offer at the summit.", "Chileans", "CHL"),  # "the": often the state's envoys
    ],
)
def test_mentions_bare_plural_demonym_is_civilians(nlp, small_kb, text, mention, code):
    m = next(m for m in mentions_of(nlp, small_kb, text) if mention in m.text)
    assert m.code == code


def test_mentions_weak_role_kept_when_its_sentence_places_it(nlp, small_kb):
    ms = mentions_of(nlp, small_kb, "In Peru, floods forced people from their homes.")
    assert find(ms, "people").code == "PERCVL"
    assert not [m for m in mentions_of(nlp, small_kb, "The people played outside all day.") if m.text == "people"]


@pytest.mark.parametrize(
    ("text", "sector"),
    [
        ("Kurdish fighters clashed with Syrian troops on Monday. Kurdish leaders in Syria called for talks.", "REB"),
        ("Kurdish leaders in Syria called for talks on Monday.", "GOV"),  # no armed Kurds in the story
    ],
)
def test_mentions_leaders_of_an_armed_stateless_people_are_the_movements(nlp, kb, text, sector):
    assert find(mentions_of(nlp, kb, text), "Kurdish leaders in Syria").sector == sector


def test_mentions_the_west_in_lower_case_but_not_a_compass_direction(nlp, kb):
    ms = mentions_of(nlp, kb, "Peru asked the west for credit, and western powers agreed. Rebels hold the west of the country.")
    west = [m for m in ms if m.text in ("west", "western powers")]
    assert [(m.code, m.country, m.sector) for m in west] == [("WST", None, "GOV")] * 2 + [(None, None, None)]


def test_mentions_capital_after_a_direction_word_is_a_place(nlp, small_kb):
    m = find(mentions_of(nlp, small_kb, "Both men came from west Lima."), "Lima")
    assert (m.kind, m.code, m.country) == ("place", None, "PER")


@pytest.mark.parametrize(
    ("text", "code", "country"),
    [
        ("Trade envoys met in Brussels on Monday.", None, "BEL"),
        ("The Brussels conference ended on Thursday.", None, "BEL"),
        ("Brussels said the plan was fair.", "IGOEUREEC", "EUR"),
    ],
)
def test_mentions_seat_of_a_body_and_capital_of_a_state(nlp, kb, text, code, country):
    m = find(mentions_of(nlp, kb, text), "Brussels")
    assert (m.code, m.country) == (code, country)
