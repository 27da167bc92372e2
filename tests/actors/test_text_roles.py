"""People and groups no knowledge base knows, read from the text: appositions, roles before a
name, descriptions after it, peoples and unnamed armed actors placed by the document (our own
short texts; the shipped knowledge where a rule needs real entries)."""

from __future__ import annotations

import pytest

from .helpers import find, mentions_on

pytestmark = pytest.mark.slow


def mentions_of(nlp, kb, text, date="2018-06-01"):
    return mentions_on(nlp, kb, text, date)


@pytest.mark.parametrize(
    ("text", "name", "expected"),
    [
        # a role whose complement is a place, before the name
        ("The mayor of Arica, Jorge Ramirez, asked Chile to pay for the bridge.", "Jorge Ramirez", ("CHL", "GOV")),
        # an international official, the role's complement a chunk of its own
        ("On Monday the UN envoy for refugees, Tomas Ekdahl, asked for more tents.", "Tomas Ekdahl", ("UNO", "IGO")),
        ("The Chilean foreign minister, Jorge Ramirez, said the talks had failed.", "Jorge Ramirez", ("CHL", "GOV")),
        ("Jorge Ramirez, Peru's foreign minister, flew to Quito.", "Jorge Ramirez", ("PER", "GOV")),
        ("Canadian Jorge Ramirez was detained at the airport.", "Canadian Jorge Ramirez", ("CAN", None)),
    ],
)
def test_text_roles_give_a_name_its_country_and_sector(nlp, kb, text, name, expected):
    m = find(mentions_of(nlp, kb, text), name)
    assert (m.country, m.sector) == expected


@pytest.mark.parametrize(
    "text",
    [
        # a plural role before the name is the subject, not an apposition
        "Peruvian troops, Jorge Ramirez said, had crossed the border.",
        # the comma after the name closes its own apposition; what follows the verb is not about it
        "The new adviser, Jorge Ramirez, warned that millions of people in Chile face hunger.",
        # "that" before a description is the conjunction, and a plural is no description of one person
        "Jorge Ramirez announced that people in Peru would vote in May.",
        # a possessed role in a relative clause is someone else's
        "Jorge Ramirez, who came to Lima with his three children after rebels took his village, said little.",
    ],
)
def test_text_roles_not_taken_from_clauses_that_are_not_about_the_name(nlp, kb, text):
    m = find(mentions_of(nlp, kb, text), "Jorge Ramirez")
    assert m.sector not in ("MIL", "CVL")
    assert m.country is None


def test_text_roles_description_after_the_name(nlp, kb):
    text = "Jorge Ramirez never wanted this. The Chilean photographer had spent years in Lima."
    m = find(mentions_of(nlp, kb, text), "Jorge Ramirez")
    assert (m.country, m.sector) == ("CHL", "MED") and "+described:" in m.rule


@pytest.mark.parametrize(
    ("text", "phrase", "expected"),
    [
        ("Kurdish fighters in Syria clashed with Turkish troops.", "Kurdish fighters in Syria", ("SYR", "REB")),
        ("Shia militias advanced on the town. Iraq said the road was open. Iraq and Iraq's army agreed.",
         "Shia militias", ("IRQ", "PRM")),
        ("The people of Peru voted against the plan.", "people of Peru", ("PER", "CVL")),
    ],
)
def test_text_roles_peoples_and_populations_are_placed(nlp, kb, text, phrase, expected):
    m = find(mentions_of(nlp, kb, text), phrase)
    assert (m.country, m.sector) == expected


def test_text_roles_unplaced_armed_actor_says_so(nlp, kb):
    m = find(mentions_of(nlp, kb, "Gunmen fired on a bus at dawn."), "Gunmen")
    assert m.country is None and m.sector == "REB" and m.rule.endswith("+unplaced")


def test_text_roles_a_states_military_means_are_its_military(nlp, kb):
    ms = mentions_of(nlp, kb, "Chilean aircraft and Peruvian helicopters struck the camp. The aircraft later landed.")
    assert (find(ms, "Chilean aircraft").code, find(ms, "Peruvian helicopters").code) == ("CHLMIL", "PERMIL")
    assert not [m for m in ms if m.text == "aircraft"]  # without a state, a bare aircraft is no actor


def test_text_roles_given_name_after_a_described_full_name(nlp, kb):
    text = "Jorge Ramirez never wanted this. The Chilean photographer had spent years in Lima. Jorge later said he was tired."
    ms = mentions_of(nlp, kb, text)
    full, given = find(ms, "Jorge Ramirez"), find(ms, "Jorge")
    assert (given.country, given.sector, given.antecedent) == ("CHL", "MED", full.start)


def test_text_roles_given_name_shared_by_two_people_links_to_neither(nlp, kb):
    text = "Jorge Ramirez met Jorge Soto, the Chilean ambassador, in Lima. Jorge later said he was tired."
    ms = mentions_of(nlp, kb, text)
    assert all(m.antecedent is None for m in ms if m.text == "Jorge")


def test_text_roles_a_place_read_once_is_a_place_where_it_recurs(nlp, kb):
    # the parser's entities miss the second "Tacna"; the document read it as a place before
    ms = mentions_of(nlp, kb, "Peru sent aid after the flood in Tacna. Tacna remains a focal point of anger.")
    places = [m for m in ms if m.text == "Tacna"]
    assert len(places) == 2 and all((m.kind, m.country) == ("place", "PER") for m in places)


@pytest.mark.parametrize(
    ("text", "phrase", "expected"),
    [
        # jihadist words: the transnational group the document names, not the sentence's state
        ("Isis lost its last village in Syria. The extremists fled east into Syria.", "extremists", ("IMG", "REB")),
        ("Al-Qaida recruited abroad. Foreign fighters poured into Iraq.", "fighters", ("IMG", "REB")),
        # a bare role next to the group, with no other armed actor in its sentence
        ("Isis lost its last village. Its fighters fled to Iraq.", "fighters", ("IMG", "REB")),
    ],
)
def test_text_roles_fighters_of_a_transnational_group(nlp, kb, text, phrase, expected):
    m = find(mentions_of(nlp, kb, text), phrase)
    assert (m.country, m.sector) == expected


def test_text_roles_fighters_beside_a_state_army_keep_their_sentence(nlp, kb):
    # the sentence names another armed actor: "fighters" is not read as the group's
    text = "Isis lost its last village. Syrian troops and fighters entered Raqqa in Syria."
    assert find(mentions_of(nlp, kb, text), "fighters").country != "IMG"


@pytest.mark.parametrize(
    ("text", "mention"),
    [
        ("A Peruvian-led offensive retook the valley.", "Peruvian"),
        ("The Chilean invasion of the islands failed.", "Chilean"),
        ("Convoys were hit by Bolivian airstrikes.", "Bolivian airstrikes"),
    ],
)
def test_text_roles_a_state_before_a_military_noun_is_its_military(nlp, kb, text, mention):
    m = find(mentions_of(nlp, kb, text), mention)
    assert (m.code, m.sector) == (m.country + "MIL", "MIL")


def test_text_roles_states_listed_before_a_military_noun_share_it(nlp, kb):
    ms = mentions_of(nlp, kb, "The massacre led to joint Chilean, Peruvian and Bolivian airstrikes.")
    assert [(m.country, m.sector) for m in ms if m.country in ("CHL", "PER", "BOL")] == \
        [("CHL", "MIL"), ("PER", "MIL"), ("BOL", "MIL")]


def test_text_roles_a_state_before_a_civil_noun_keeps_no_sector(nlp, kb):
    ms = mentions_of(nlp, kb, "Chilean copper exports rose while Peru and Bolivia signed a deal.")
    assert all(m.sector is None for m in ms if m.text in ("Chilean", "Peru", "Bolivia"))


def test_text_roles_a_people_placed_by_a_state_qualified_mention_elsewhere(nlp, kb):
    # no state in its own sentence: the document said "Syrian Kurds" before
    text = ("Turkey and Iran met in Chile. The Syrian Kurds were not invited. "
            "Kurdish representatives will travel to the talks later.")
    m = find(mentions_of(nlp, kb, text), "Kurdish representatives")
    assert m.country == "SYR" and m.rule.endswith("placed:document-phrase")


def test_text_roles_a_name_the_ner_took_for_a_body_takes_the_role_before_it(nlp, kb):
    # the NER reads "Marta Vidal" as an organisation; the comma after it opens no role of its own
    m = find(mentions_of(nlp, kb, "A UN envoy to Chile, Marta Vidal, will hold talks."), "Marta Vidal")
    assert (m.country, m.sector) == ("UNO", "IGO")


def test_text_roles_aid_agencies_and_rights_groups_are_actors_without_a_country(nlp, kb):
    ms = mentions_of(nlp, kb, "Aid agencies warned of hunger. Rights groups blamed the navy.")
    assert [(m.text, m.country, m.sector) for m in ms] == [("Aid agencies", None, "NGO"), ("Rights groups", None, "HRI")]


def test_text_roles_backed_fighters_are_not_the_group_they_fight(nlp, kb):
    text = "Chilean-backed fighters besieging the last village held by Isis said they advanced."
    assert find(mentions_of(nlp, kb, text), "fighters").country != "IMG"


@pytest.mark.parametrize(
    ("text", "mention", "code"),
    [
        ("Talks stalled after the resignation of the foreign minister, Heiko Maas, in May.", "foreign minister",
         "DEUGOV"),
        ("The minister, Heiko Maas said nothing.", "minister", None),  # no apposition: a new clause
    ],
)
def test_text_roles_role_takes_the_country_of_the_known_person_named_after_it(nlp, kb, text, mention, code):
    assert find(mentions_on(nlp, kb, text, "2019-03-01"), mention).code == code


@pytest.mark.parametrize(
    ("text", "mention", "code"),
    [
        ("Tomas Varga, a member of the Shining Path, was arrested in Lima.", "Tomas Varga", "PERREB"),
        ("Members of the Shining Path attacked the town.", "Members", "PERREB"),
        ("Two Shining Path fighters, Tomas Varga and Luis Ortega, were arrested. Varga denied it.", "Luis Ortega",
         "PERREB"),
        ("Two Shining Path fighters, Tomas Varga and Luis Ortega, were arrested. Varga denied it.", "Varga", "PERREB"),
        ("Soldiers, Tomas Varga and Luis Ortega said, fired first.", "Tomas Varga", None),  # no apposition
    ],
)
def test_text_roles_members_of_a_group_and_people_listed_after_a_plural_role(nlp, kb, text, mention, code):
    ms = [m for m in mentions_on(nlp, kb, text, "2019-03-01") if m.text == mention]
    assert ms and ms[-1].code == code


def test_text_roles_fighters_of_a_transnational_group_named_with_a_demonym(nlp, kb):
    text = "Varga asked that two British Isis fighters, Tomas Ortega and Luis Mendes, be tried at home."
    ms = mentions_on(nlp, kb, text, "2019-03-01")
    assert {m.text: m.code for m in ms if m.text in ("Tomas Ortega", "Luis Mendes")} == {
        "Tomas Ortega": "IMGREB", "Luis Mendes": "IMGREB"}
    assert not [m for m in ms if m.country == "GBR" and m.sector == "REB"]


@pytest.mark.parametrize(
    ("text", "mention", "expected"),
    [
        ("Chilean, Peruvian and Bolivian troops crossed the border at dawn.", "Chilean", ("CHL", "MIL")),
        ("Chilean, Peruvian and Bolivian troops crossed the border at dawn.", "Peruvian", ("PER", "MIL")),
        ("Chilean or Peruvian envoys will chair the talks.", "Chilean", ("CHL", "GOV")),
        # no role at the end of the chain: the demonyms stay bare
        ("Chilean and Peruvian rhetoric grew harsher all week.", "Chilean", ("CHL", None)),
    ],
)
def test_text_roles_coordinated_demonyms_share_the_role_after_them(nlp, kb, text, mention, expected):
    m = find(mentions_of(nlp, kb, text), mention)
    assert (m.country, m.sector) == expected


@pytest.mark.parametrize("text, mention", [("The smugglers freed two hostages on Sunday.", "hostages"),
                                           ("A captive escaped from the camp overnight.", "captive")])
def test_text_roles_hostages_are_civilians(nlp, kb, text, mention):
    assert find(mentions_of(nlp, kb, text), mention).sector == "CVL"


@pytest.mark.parametrize(
    ("text", "role", "backer", "expected"),
    [
        # the backer gives no country; the forces are a non-state group placed where they fight
        ("Bolivian-backed forces attacked the port of Arica in Chile.", "forces", "Bolivian", ("CHL", "REB")),
        # two states and no location: unplaced, never the backer's
        ("Peru-supported troops crossed into Ecuador near Macara.", "troops", "Peru", (None, "REB")),
    ],
)
def test_text_roles_backed_forces_are_not_their_backers(nlp, kb, text, role, backer, expected):
    ms = mentions_of(nlp, kb, text)
    m = find(ms, role)
    assert (m.country, m.sector) == expected
    assert find(ms, backer).country is not None  # the backer is still an actor of the sentence


@pytest.mark.parametrize(
    ("text", "role", "expected"),
    [
        # a bare armed role after a named group takes the group's country
        ("The Front for Workers' Democracy raided a depot on Monday. The rebels fled into the hills.",
         "rebels", "BOL"),
        ("The Front for Workers' Democracy raided a depot. Nobody was hurt. The insurgents left at dawn.",
         "insurgents", "BOL"),
        # a state named in between: the role may be either side's
        ("The Front for Workers' Democracy raided a depot. Chile sent troops. The rebels fled.", "rebels", None),
        # too far back to be its owner
        ("The Front for Workers' Democracy raided a depot. Rain fell. Roads closed. Shops shut. The rebels fled.",
         "rebels", None),
        # someone else's fighters
        ("The Front for Workers' Democracy raided a depot. The anti-government rebels cheered.", "rebels", None),
        ("The Front for Workers' Democracy raided a depot. The Chile-funded rebels cheered.", "rebels", None),
        # "armed" as an adjective backs no one
        ("The Front for Workers' Democracy raided a depot on Monday. The armed rebels fled into the hills.",
         "rebels", "BOL"),
    ],
)
def test_text_roles_bare_armed_role_takes_the_group_named_before(nlp, small_kb, text, role, expected):
    m = [m for m in mentions_of(nlp, small_kb, text) if m.text.endswith(role)][-1]
    assert ("armed-group" in m.rule) == (expected is not None)
    if expected:
        assert (m.country, m.sector) == (expected, "REB")


@pytest.mark.parametrize(
    ("text", "name", "expected"),
    [
        ("Reporters could not reach the Chilean senators Ana Suarez and Jorge Ramirez on Monday.",
         "Jorge Ramirez", ("CHL", "LEG")),
        ("Aides to the Peruvian ministers Luis Ortega, Ana Suarez and Marta Vidal declined to comment.",
         "Marta Vidal", ("PER", "GOV")),
        # a singular role is the first name's alone
        ("The Chilean senator Ana Suarez and Jorge Ramirez met on Monday.", "Jorge Ramirez", (None, None)),
        # the list ends at its verb
        ("The Chilean senators Ana Suarez and Jorge Ramirez met Tomas Ekdahl.", "Tomas Ekdahl", ("NOR", "GOV")),
    ],
)
def test_text_roles_plural_role_belongs_to_every_listed_name(nlp, small_kb, text, name, expected):
    ms = mentions_of(nlp, small_kb, text)
    hits = [m for m in ms if m.text == name]
    got = (hits[0].country, hits[0].sector) if hits else (None, None)
    assert got == expected


@pytest.mark.parametrize(
    ("text", "role", "expected"),
    [
        # a party adjective whose "<adjective> Party" has one country, named in the document
        ("A senior Republican senator told reporters in Washington that the vote would fail.", "senator",
         ("USA", "LEG")),
        ("Republican senator Lindsey Marrow said Washington should pay for the bridge.", "senator Lindsey Marrow",
         ("USA", "LEG")),
        # the party's country is nowhere in the document: nothing decided
        ("A senior Republican senator said the vote would fail.", "senator", (None, "LEG")),
    ],
)
def test_text_roles_party_adjective_gives_a_politician_its_country(nlp, kb, text, role, expected):
    m = find(mentions_of(nlp, kb, text), role)
    assert (m.country, m.sector) == expected


@pytest.mark.parametrize(
    ("text", "name", "expected"),
    [
        # a woman named by her nationality: a civilian of that state, and so the name beside it
        ("A court in Lima heard that Ana Suarez, a Peruvian woman of 30, had crossed the river twice.", "Ana Suarez",
         ("PER", "CVL")),
        ("Two Chilean women were stopped at the border.", "Chilean women", ("CHL", "CVL")),
    ],
)
def test_text_roles_women_named_by_nationality_are_civilians(nlp, kb, text, name, expected):
    m = find(mentions_of(nlp, kb, text), name)
    assert (m.country, m.sector) == expected


@pytest.mark.parametrize(
    ("text", "name", "expected"),
    [
        # the list before the role: every name, not only the last
        ("Jorge Ramirez and Ana Suarez, two Chilean journalists, were arrested on Monday.", "Jorge Ramirez",
         ("CHL", "MED")),
        ("Luis Ortega, Jorge Ramirez and Ana Suarez, three Chilean journalists, were freed.", "Luis Ortega",
         ("CHL", "MED")),
        # the list after the role, closed by a comma
        ("The court heard two Chilean journalists, Ana Suarez and Jorge Ramirez, on Monday.", "Jorge Ramirez",
         ("CHL", "MED")),
    ],
)
def test_text_roles_plural_apposition_describes_every_name(nlp, small_kb, text, name, expected):
    m = find(mentions_of(nlp, small_kb, text), name)
    assert (m.country, m.sector) == expected


def test_text_roles_plural_role_before_an_unclosed_list_is_no_apposition(nlp, small_kb):
    ms = mentions_of(nlp, small_kb, "Chilean journalists, Jorge Ramirez and Ana Suarez said, had left.")
    assert not [m for m in ms if m.text in ("Jorge Ramirez", "Ana Suarez") and "apposition:" in m.rule]


@pytest.mark.parametrize(
    ("text", "phrase", "expected"),
    [
        ("Islamic State lost its last town in March. Its sleeper cells still raid villages.", "sleeper cells",
         ("IMG", "REB")),
        ("Peru said a terror group had planted the bomb.", "terror group", ("PER", "REB")),
    ],
)
def test_text_roles_armed_group_nouns(nlp, kb, text, phrase, expected):
    m = find(mentions_of(nlp, kb, text), phrase)
    assert (m.country, m.sector) == expected
