"""The assessment stage on sentences of our own: detection, polarity, holders, near-misses."""

from __future__ import annotations

import pytest

from dyadscope.pipeline import process_doc
from dyadscope.records import ASPECTS, POLARITIES, Article

pytestmark = pytest.mark.slow


def _assess(nlp, kb, text, author=None):
    article = Article(doc_id="t", text=text, date="2024-03-01", author=author)
    return process_doc(nlp(text), article, kb=kb).assessments


def _summary(assessments):
    return [(a.dyad, a.polarity, a.holder.text if a.holder else None) for a in assessments]


# (text, dyad, polarity, holder text or None for the author's own)
JUDGEMENTS = [
    # detection: state, direction, nature, one domain, lasting attitude
    ("The relationship between Caracas and Bogotá remains frosty.", ("COL", "VEN"), "negative", None),
    ("Relations between London and Brussels soured sharply after the vote.", ("EUR", "GBR"), "negative", None),
    ("Mexico and Canada have grown steadily closer since the trade talks began.", ("CAN", "MEX"), "positive", None),
    ("Japan and China remain locked in a bitter rivalry over the islands.", ("CHN", "JPN"), "negative", None),
    ("Economic ties between Brazil and Mexico remain modest.", ("BRA", "MEX"), "negative", None),
    ("Pakistani officials are deeply wary of Afghanistan.", ("AFG", "PAK"), "negative", "Pakistani officials"),
    ("Ecuador has become Washington's junior partner on drugs policy, said a Peruvian columnist.",
     ("ECU", "USA"), "mixed", "a Peruvian columnist"),
    # negation
    ("Hungary is not a reliable partner for Slovakia, a Slovak minister said.", ("HUN", "SVK"), "negative", "a Slovak minister"),
    ("'Our relations with Egypt have never been stronger,' said Jordan's foreign minister.", ("EGY", "JOR"), "positive",
     "Jordan's foreign minister"),
    ("Relations between India and Bangladesh are not as close as official speeches suggest.", ("BGD", "IND"), "mixed", None),
    ("Officials in Warsaw see Berlin as a partner rather than a rival.", ("DEU", "POL"), "positive", "Officials in Warsaw"),
    ("Analysts say trust between Riyadh and Doha has never recovered.", ("QAT", "SAU"), "negative", "Analysts"),
    ("Kenya has no closer partner in the region than Ethiopia, the foreign minister told parliament.", ("ETH", "KEN"),
     "positive", "the foreign minister"),
    ("The rivalry between Delhi and Beijing has eased somewhat, a Chinese scholar said.", ("CHN", "IND"), "positive",
     "a Chinese scholar"),
    # contrast
    ("Relations between Rome and Paris are cordial but cool.", ("FRA", "ITA"), "mixed", None),
    ("Thailand and Cambodia are partners on trade and rivals on the border, a Thai scholar said.", ("KHM", "THA"), "mixed",
     "a Thai scholar"),
    ("Lithuania regards Poland as an indispensable but sometimes difficult ally.", ("LTU", "POL"), "mixed", "Lithuania"),
    # holders: quotation, "X said", "analysts say", a collective's view, a pronoun
    ("Ties between Hanoi and Tokyo are deeper than ever, according to a Vietnamese diplomat.", ("JPN", "VNM"), "positive",
     "a Vietnamese diplomat"),
    ("Tokyo and Seoul are drifting apart, several analysts believe.", ("JPN", "KOR"), "negative", "several analysts"),
    ("Nigerian officials describe Ghana as a trusted neighbour.", ("GHA", "NGA"), "positive", "Nigerian officials"),
    ("Defence analyst Mary Lowe spoke in Sydney on Monday. She said the alliance between Japan and Australia was stronger "
     "than ever.", ("AUS", "JPN"), "positive", "analyst Mary Lowe"),
    ("Polls show most Poles remain wary of Russia.", ("POL", "RUS"), "negative", None),
    # a polar noun phrase whose "between" phrase names the pair (anchor between_pair)
    ("There is bad blood between Ghana and Togo over the fishing grounds.", ("GHA", "TGO"), "negative", None),
    ("A deep well of goodwill exists between Portugal and Brazil.", ("BRA", "PRT"), "positive", None),
    ("The gulf between Peru and Bolivia has widened since the election.", ("BOL", "PER"), "negative", None),
    # a verb directed at a party with an attitude noun as its manner (anchor attitude_frame)
    ("Bolivian officials look upon Chile with contempt.", ("BOL", "CHL"), "negative", "Bolivian officials"),
    # a plural role in apposition with a pair (anchor role_noun)
    ("Ghana and Togo, old rivals, met in Accra on Monday.", ("GHA", "TGO"), "negative", None),
    ("Portugal and Brazil, close allies for two centuries, signed a fisheries deal.", ("BRA", "PRT"), "positive", None),
    # a phrase of the lexicon with an adverb inside it
    ("Uganda and Rwanda have been drifting steadily apart.", ("RWA", "UGA"), "negative", None),
]

# One sentence for every kind of near-miss: none is an assessment.
NEAR_MISSES = [
    ("event", "The Turkish president visited Baku on Tuesday and signed a defence cooperation agreement with Azerbaijan."),
    ("event", "Qatar and Turkey signed a strategic defence pact worth billions."),
    ("event", "Egypt condemned the Ethiopian decision to fill the reservoir."),
    ("judgement_of_meeting", "The talks between the Ethiopian and Sudanese delegations were described as productive."),
    ("judgement_of_person", "Chilean officials regard Argentina's new president as a pragmatist."),
    ("judgement_of_policy", "Critics called Canberra's China policy reckless."),
    ("judgement_of_economy", "Vietnam's economy is growing faster than Thailand's."),
    ("stated_position", "Norway does not recognise the annexation and supports Ukraine's territorial integrity, "
                        "the foreign ministry said."),
    ("wish_or_goal", "Seoul hopes relations with Tokyo will become warmer next year."),
    ("wish_or_goal", "Our goal is a partnership with India that is stable and long-lasting, the Japanese minister said."),
    ("conditional_future", "Ties between Ankara and Athens could deteriorate quickly if the drilling resumes."),
    ("conditional_future", "Should Beijing cut rare-earth exports, relations with Tokyo would sour."),
    ("name", "The Treaty of Friendship and Cooperation between Russia and Mongolia was renewed in 2019."),
    ("name", "The Argentine-Brazilian Friendship Bridge was closed for repairs."),
    ("relational_fact", "Germany is France's largest trading partner."),
    ("relational_fact", "Peru and Chile share a long border and both belong to the Pacific Alliance."),
    ("bloc", "Relations among Brazil, Argentina and Uruguay have never been better, a Mercosur official said."),
    ("bloc", "The trilateral partnership of Japan, India and Australia is stronger than ever."),
    # "between" with no polar word of its own: a meeting, a fact, an event
    ("judgement_of_meeting", "The negotiations between Ghanaian and Togolese officials were productive."),
    ("relational_fact", "There is a long land border between Chile and Argentina."),
    ("event", "A shouting match between Ghanaian and Togolese delegates was filmed on Monday."),
    # an attitude noun as the manner of an act on a thing, not a party
    ("event", "Peru greeted the Chilean proposal with suspicion."),
    # a pair in apposition with a role that names a third party, or with no role
    ("relational_fact", "Peru and Chile, both trading partners of China, signed the deal."),
    ("relational_fact", "Peru and Chile, members of the Pacific Alliance, signed the deal."),
]


@pytest.mark.parametrize("text, dyad, polarity, holder", JUDGEMENTS, ids=[t[:40] for t, *_ in JUDGEMENTS])
def test_assessments_judgement(nlp, kb, text, dyad, polarity, holder):
    assert _summary(_assess(nlp, kb, text)) == [(dyad, polarity, holder)]


@pytest.mark.parametrize("kind, text", NEAR_MISSES, ids=[f"{k}:{t[:30]}" for k, t in NEAR_MISSES])
def test_assessments_near_miss_yields_nothing(nlp, kb, kind, text):
    assert _summary(_assess(nlp, kb, text)) == []


def test_assessments_record_fields(nlp, kb):
    text = "Tensions between Beijing and Manila have intensified, a Philippine senator warned."
    (a,) = _assess(nlp, kb, text)
    assert a.dyad == ("CHN", "PHL") and a.polarity in POLARITIES and set(a.aspects) <= set(ASPECTS)
    assert text[a.start : a.end].startswith("Tensions between Beijing and Manila")
    assert a.sentence == text
    assert a.quote is not None and a.quote.speaker is a.holder or a.quote.speaker == a.holder
    assert a.holder.text == "a Philippine senator" and a.holder.country == "PHL"
    assert 0 < a.confidence <= 1 and a.rule == "assessments.anchor.relation_noun.v1"


def test_assessments_aspects_from_domain_words(nlp, kb):
    (a,) = _assess(nlp, kb, "Military contacts between Athens and Skopje are almost nonexistent, Greek officers say.")
    assert a.polarity == "negative" and a.aspects == ("military",)
    (b,) = _assess(nlp, kb, "Relations between Rome and Paris are cordial but cool.")
    assert b.aspects == ("general",)


def test_assessments_relationship_named_earlier(nlp, kb):
    text = "Singapore and Malaysia signed a water deal in 1962. The two countries have enjoyed decades of unusually close cooperation since then."
    assert _summary(_assess(nlp, kb, text)) == [(("MYS", "SGP"), "positive", None)]


def test_assessments_author_named_as_source_is_no_holder(nlp, kb):
    text = "Jan Novak writes about the growing cooperation between Poland and Lithuania."
    assert _summary(_assess(nlp, kb, text, author="Jan Novak")) == [(("LTU", "POL"), "positive", None)]


def test_assessments_odd_input_yields_nothing(nlp, kb):
    assert _assess(nlp, kb, "") == ()
    assert _assess(nlp, kb, "and and and , , but not never") == ()


def test_assessments_compound_parts_resolved_through_the_actor_resolver(nlp, kb):
    """A part of a hyphenated pair that is no combining form ("Sino-") is read by the actor
    resolver: a state's name or demonym gives its country, another word none."""
    from dyadscope.assessments.parties import _compound_countries

    tokens = list(nlp("Peruvian Chilean Tuesday"))
    assert _compound_countries(tokens, kb.assessments, kb.actors, {}) == ("PER", "CHL")
