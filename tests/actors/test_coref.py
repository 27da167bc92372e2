"""Within-document coreference on the fixture knowledge base: dyads, pronouns, surnames, possessed roles."""

from __future__ import annotations

import pytest

from dyadscope.actors import actor_mentions
from dyadscope.records import Article

from .helpers import find

pytestmark = pytest.mark.slow


def mentions_of(nlp, kb, text, date="2012-06-01"):
    return actor_mentions(nlp(text), article=Article(doc_id="t", text=text, date=date), kb=kb)


@pytest.mark.parametrize(
    ("text", "phrase", "members"),
    [
        ("Chile and Peru signed a fishing accord. The two countries will share catch data.", "The two countries",
         ["CHL", "PER"]),
        ("Norway courted Denmark for years. Both sides now want a deal.", "Both sides", ["NOR", "DNK"]),
        ("Bolivia and Chile held talks, and the two agreed on a plan.", "the two", ["BOL", "CHL"]),
    ],
)
def test_coref_dyad_phrase_is_a_group(nlp, small_kb, text, phrase, members):
    ms = mentions_of(nlp, small_kb, text)
    hits = [m for m in ms if m.text == phrase]
    assert hits, [m.text for m in ms]
    g = hits[0]
    assert g.kind == "group" and sorted(a.country for a in g.members) == sorted(members)
    assert g.antecedent is not None and g.antecedent < g.start and g.rule == "coref:dyad"


def test_coref_floating_both_is_no_group(nlp, small_kb):
    ms = mentions_of(nlp, small_kb, "Chile and Peru said they both wanted calm.")
    assert not [m for m in ms if m.text.lower() == "both"]


def test_coref_two_sides_need_not_be_states(nlp, small_kb):
    text = "Chilean troops fought Bolivian rebels near the border. The two sides agreed to a truce."
    g = [m for m in mentions_of(nlp, small_kb, text) if m.text == "The two sides"]
    assert g and g[0].kind == "group" and [a.code for a in g[0].members] == ["CHLMIL", "BOLREB"]


def test_coref_he_refers_to_the_last_person(nlp, small_kb):
    ms = mentions_of(nlp, small_kb, "Tomas Ekdahl visited Lima in May. He met local officials.")
    he = [m for m in ms if m.text == "He"][0]
    ekdahl = [m for m in ms if m.name == "Tomas Ekdahl"][0]
    assert he.kind == "pronoun" and he.antecedent == ekdahl.start and he.code == "NORGOV"


def test_coref_it_refers_to_the_only_state(nlp, small_kb):
    it = [m for m in mentions_of(nlp, small_kb, "Norway says it will not change course.") if m.text == "it"][0]
    assert it.country == "NOR" and it.antecedent == 0


def test_coref_it_stays_unresolved_with_two_states(nlp, small_kb):
    assert not [m for m in mentions_of(nlp, small_kb, "Norway told Chile that it will not change course.")
                if m.text == "it"]


def test_coref_surnames_of_coordinated_people(nlp, small_kb):
    text = ("The survey by Greta Holmsen and Piet Van-Daalen, who both work at the Blorvak Institute, came out "
            "on Monday. Holmsen and Van-Daalen say the quotas failed.")
    ms = mentions_of(nlp, small_kb, text)
    later = [m for m in ms if m.start > text.index("Monday") and m.kind == "person"]
    assert {"Greta Holmsen", "Piet Van-Daalen"} <= {m.name for m in later}
    assert all(m.antecedent is not None and m.country == "NOR" for m in later)


@pytest.mark.parametrize(
    ("text", "pronoun", "expected"),
    [
        # the subject of the governing clause beats a nearer actor
        ("Two Danish analysts wrote a memo. Later the Peruvians were seen as courting Chile because they "
         "funded its new harbour.", "they", ("PER", ())),
        ("La Moneda said it would answer the letter.", "it", ("CHL", ())),
        # a coordinated subject is a group
        ("Chile and Peru said they would share the data.", "they", (None, ("CHL", "PER"))),
        # "we" is the body, or the official's country, that says the sentence
        ("\"We will not yield,\" the Peruvian interior ministry said.", "We", ("PER", ())),
        ("\"We reject the plan,\" Norwegian Foreign Minister Tomas Ekdahl said on Monday.", "We", ("NOR", ())),
    ],
)
def test_coref_pronoun_prefers_clause_subject(nlp, small_kb, text, pronoun, expected):
    ms = mentions_of(nlp, small_kb, text)
    hits = [m for m in ms if m.text == pronoun and m.kind == "pronoun"]
    assert hits, [(m.text, m.kind) for m in ms]
    m = hits[0]
    assert (m.country, tuple(a.country for a in m.members)) == expected
    assert m.antecedent is not None  # the speaker of a quote may come after it


@pytest.mark.parametrize(
    "text",
    [
        # two bodies of different countries before "it": ambiguous, left alone
        "Lima pushed the UN mission out, although it still had funds.",
        # a possessive in the subject's own clause adds no actor
        "Chile and Peru welcomed their renewal of ferry links with Bolivia.",
    ],
)
def test_coref_ambiguous_or_own_pronoun_is_left_alone(nlp, small_kb, text):
    ms = mentions_of(nlp, small_kb, text)
    assert not [m for m in ms if m.kind == "pronoun" and m.text.lower() in ("it", "their")], \
        [(m.text, m.country) for m in ms if m.kind == "pronoun"]


@pytest.mark.parametrize(
    ("text", "role", "codes"),
    [
        ("Peru said its forces would respond.", "forces", ["PERMIL"]),
        ("Chile and Peru moved their troops to the border.", "troops", ["CHLMIL", "PERMIL"]),
        ("Tomas Ekdahl said his government would not yield.", "government", ["NORGOV"]),
    ],
)
def test_coref_possessive_gives_the_role_its_country(nlp, small_kb, text, role, codes):
    m = [x for x in mentions_of(nlp, small_kb, text) if x.text == role][0]
    got = [a.code for a in m.members] if m.members else [m.code]
    assert got == codes and m.antecedent is not None and m.rule.endswith("+coref:possessive")


@pytest.mark.parametrize(
    ("text", "mention", "code"),
    [
        ("The Chilean journalist Tomas Varga was freed in March. Varga's mother Elena said she was relieved.",
         "Elena", "CHLCVL"),
        ("The Chilean journalist Tomas Varga was freed in March. Varga's mother Elena said she was relieved.",
         "she", "CHLCVL"),  # the relative named before the pronoun is its antecedent
        ("The Peruvian envoy Maria Soto arrived late. Her brother, Luis, had been detained.", "brother", "PERCVL"),
        ("The Peruvian envoy Maria Soto arrived late. Her brother, Luis, had been detained.", "Luis", "PERCVL"),
    ],
)
def test_coref_relative_of_a_resolved_person_is_a_civilian_of_their_country(nlp, kb, text, mention, code):
    assert find(mentions_of(nlp, kb, text), mention).code == code


def test_coref_relative_of_an_unknown_person_stays_unresolved(nlp, kb):
    ms = mentions_of(nlp, kb, "Varga's mother Elena said she was relieved.")
    assert not [m for m in ms if m.text in ("mother", "Elena") and m.country]


def test_coref_definite_group_with_modifiers_and_a_longer_window(nlp, kb):
    text = ("The Shining Path attacked a convoy in Peru on Monday. Chile sent troops to the border. "
            "Farmers fled the valley. Roads were closed for days. They said the cell was small.")
    assert find(mentions_of(nlp, kb, text), "the cell").code == "PERREB"


def test_coref_definite_state_is_the_documents_country_when_named_nearby(nlp, kb):
    text = ("Peru held elections in May. Peru has many mines. Peru's president met officials from Chile "
            "on Monday, and the country said it would export more copper.")
    assert find(mentions_of(nlp, kb, text), "the country").country == "PER"


def test_coref_the_regime_with_no_state_nearby_is_the_documents(nlp, kb):
    text = ("Peru held elections in May. Peru has many mines. Lima rejected the plan. Farmers marched for "
            "days. Roads were closed. Prices rose sharply. Critics say the current regime has failed them.")
    assert find(mentions_of(nlp, kb, text), "the current regime").code == "PERGOV"


@pytest.mark.parametrize(
    ("text", "date", "expected"),
    [
        # a known person whose dated office is the title, named before it
        ("Evo Morales opened the new bridge at dawn. Later the president thanked the engineers.", "2012-06-01",
         ("BOL", "GOV")),
        # the latest holder of that title named before wins
        ("Evo Morales phoned Sebastian Pinera's office. The president of Peru was there too, "
         "and the president spoke first.", "2012-06-01", ("PER", "GOV")),
        # a role read with its country earlier in the document
        ("Chile's foreign minister landed in La Paz. The foreign minister asked for water rights.", "2012-06-01",
         ("CHL", "GOV")),
    ],
)
def test_coref_bare_title_names_the_office_holder_named_before(nlp, kb, text, date, expected):
    ms = mentions_of(nlp, kb, text, date)
    last = [m for m in ms if m.text.lower() in ("president", "foreign minister")][-1]
    assert (last.country, last.sector) == expected and last.rule.startswith("coref:office:")


@pytest.mark.parametrize(
    "text",
    [
        # out of office on the document's day: no holder
        "Evo Morales opened the new bridge at dawn. Later the president thanked the engineers.",
        # nobody holding that title named before
        "Evo Morales opened the new bridge at dawn. Later the foreign minister thanked the engineers.",
    ],
)
def test_coref_bare_title_without_a_holder_keeps_no_country(nlp, kb, text):
    ms = mentions_of(nlp, kb, text, "2021-06-01")
    last = [m for m in ms if m.text.lower() in ("president", "foreign minister")][-1]
    assert last.country is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # nobody holding the title named, the story clearly about one state: that state's office
        ("Floods hit Peru in March. Peru asked for help, and Peru's rivers kept rising. "
         "The foreign minister said aid would come.", ("PER", "GOV")),
        ("Floods hit Peru in March. Peru asked for help, and Peru's rivers kept rising. "
         "The fisheries minister said boats would wait.", ("PER", "GOV")),
        # two states named as often: no country
        ("Peru and Chile met in March. Chile and Peru talked again. "
         "The foreign minister said aid would come.", (None, "GOV")),
    ],
)
def test_coref_bare_title_in_a_story_about_one_state(nlp, kb, text, expected):
    ms = mentions_of(nlp, kb, text, "2021-06-01")
    m = [m for m in ms if m.text.endswith("minister")][-1]
    assert (m.country, m.sector) == expected


def test_coref_former_title_is_not_the_current_holder(nlp, kb):
    ms = mentions_of(nlp, kb, "Evo Morales opened the new bridge at dawn. The former president stayed away.", "2012-06-01")
    m = [m for m in ms if m.text.lower().endswith("president")][-1]
    assert not m.rule.startswith("coref:office:")


def test_coref_surname_after_its_particle(nlp, kb):
    text = "Omar al-Haddad, a Peruvian rebel commander, spoke in Lima. Later Haddad fled north."
    m = find(mentions_of(nlp, kb, text), "Haddad")
    assert m.country == "PER" and m.rule.startswith("coref:surname:")


@pytest.mark.parametrize(
    ("text", "phrase", "members", "code"),
    [
        ("Chile's foreign minister Jorge Ramirez met Peru's president Ana Suarez in Lima. The two leaders agreed "
         "to meet again.", "The two leaders", ["CHLGOV", "PERGOV"], None),
        ("Chile's foreign minister Jorge Ramirez met Peru's president Ana Suarez. Both leaders praised the deal.",
         "Both leaders", ["CHLGOV", "PERGOV"], None),
        # two people of one code: the group is coded as they are
        ("Jorge Ramirez and Luis Ortega, two Chilean journalists, were arrested. The pair were freed on Monday.",
         "The pair", ["CHLMED", "CHLMED"], "CHLMED"),
    ],
)
def test_coref_person_pair_is_a_group_of_the_two_people(nlp, small_kb, text, phrase, members, code):
    g = find(mentions_of(nlp, small_kb, text), phrase)
    assert g.kind == "group" and [a.code for a in g.members] == members and g.code == code


def test_coref_person_pair_needs_exactly_two_people(nlp, small_kb):
    text = ("Chile's foreign minister Jorge Ramirez met Peru's president Ana Suarez and the Chilean journalist "
            "Luis Ortega. The two men spoke for an hour.")
    assert not [m for m in mentions_of(nlp, small_kb, text) if m.text == "The two men"]
