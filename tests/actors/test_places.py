"""Places read from the text: names no entry knows, placed by what stands after them, their
sentence or the document; known places the NER took for a person; cities known by name (our own
short texts, invented village names; the shipped knowledge and gazetteer)."""

from __future__ import annotations

import pytest

from .helpers import find, mentions_on

pytestmark = pytest.mark.slow


def mentions_of(nlp, kb, text, date="2018-06-01"):
    return mentions_on(nlp, kb, text, date)


def places(ms, text):
    return [(m.kind, m.country) for m in ms if m.text == text]


@pytest.mark.parametrize(
    ("text", "name", "country"),
    [
        # right after it: ", <state>", "in <state>", "<type noun> of <state>"
        ("Soldiers were seen in Qartuvel, northern Syria, at dawn.", "Qartuvel", "SYR"),
        ("The convoy stopped in Qartuvel in Iraq before noon.", "Qartuvel", "IRQ"),
        ("Fighting spread to the Zarvani provinces of Iraq last week.", "Zarvani", "IRQ"),
        # the only state its sentence names
        ("Aid reached the village of Qartuvel as Peru promised more.", "Qartuvel", "PER"),
    ],
)
def test_places_an_unknown_place_takes_the_state_the_text_puts_it_in(nlp, kb, text, name, country):
    m = find(mentions_of(nlp, kb, text), name)
    assert (m.kind, m.country, m.sector) == ("place", country, None)


def test_places_an_unknown_place_takes_the_country_the_document_is_about(nlp, kb):
    text = ("Peru closed the border on Monday. Peru said the roads were cut. "
            "Residents fled the shelling in Tolmacheva overnight. Aid to Peru was promised.")
    assert places(mentions_of(nlp, kb, text), "Tolmacheva") == [("place", "PER")]


def test_places_an_unknown_place_of_an_undecided_document_has_no_country(nlp, kb):
    text = "Peru and Chile traded blame. Residents fled the shelling in Tolmacheva overnight."
    assert places(mentions_of(nlp, kb, text), "Tolmacheva") == [("place", None)]


def test_places_a_place_name_recurs_as_that_place(nlp, kb):
    text = "Rebels were driven out of the town of Qartuvel in Syria. Qartuvel was quiet by Friday."
    assert places(mentions_of(nlp, kb, text), "Qartuvel") == [("place", "SYR"), ("place", "SYR")]


def test_places_a_persons_surname_never_becomes_a_place(nlp, kb):
    text = ("Marta Yanakari, a Peruvian lawyer, spoke on Monday. Peru listened. "
            "Reporters later sat with Yanakari in Lima. Peru's courts will decide.")
    ms = mentions_of(nlp, kb, text)
    assert all(m.kind != "place" for m in ms if m.text == "Yanakari")


def test_places_direction_word_before_an_unknown_place(nlp, kb):
    text = "Shelling continued in eastern Qartuvel, in Syria, on Sunday."
    m = find(mentions_of(nlp, kb, text), "Qartuvel")
    assert (m.kind, m.country) == ("place", "SYR")


def test_places_a_date_after_in_is_no_place(nlp, kb):
    ms = mentions_of(nlp, kb, "Syria held talks in January and in March.")
    assert not [m for m in ms if m.text in ("January", "March")]


def test_places_a_known_city_the_ner_took_for_a_person_is_the_city(nlp, kb):
    # "Sochi" is a known Russian city: read as a place once, it stays one where the NER says person
    text = "Delegates will meet in Sochi next week. Diplomats doubt Sochi can deliver a deal."
    assert places(mentions_of(nlp, kb, text), "Sochi") == [("place", "RUS"), ("place", "RUS")]


def test_places_a_city_known_by_name_needs_no_state_in_the_document(nlp, kb):
    # a gazetteer city of more than 150,000 people, the only one of its name
    m = find(mentions_of(nlp, kb, "The envoys flew on to Bournemouth for the talks."), "Bournemouth")
    assert (m.kind, m.country) == ("place", "GBR")


def test_places_a_region_after_the_demonym_of_its_state_is_in_that_state(nlp, kb):
    # "Kurdistan" alone spans four states; "Iraqi" in front places it
    ms = mentions_of(nlp, kb, "Families crossed into Iraqi Kurdistan at night. Kurdistan was calm.")
    assert [(m.text, m.country) for m in ms if "Kurdistan" in m.text] == [("Iraqi Kurdistan", "IRQ"), ("Kurdistan", None)]


def test_places_a_city_the_ner_took_for_a_body_after_a_locative_preposition(nlp, kb):
    text = "Syria said the fighting spread to Daraa and Ghouta."
    assert nlp(text)[6].ent_type_ == "ORG"  # the reading this rule corrects
    assert places(mentions_of(nlp, kb, text), "Daraa") == [("place", "SYR")]


def test_places_a_body_named_like_a_city_abroad_stays_a_body(nlp, kb):
    # the gazetteer's Daraa lies in a state this text never names
    ms = mentions_of(nlp, kb, "Peru's president said the company sold its mine to Daraa.")
    assert not [m for m in ms if m.text == "Daraa" and m.kind == "place"]
