"""Which event words report an act (issue 11, item 2): the reality rules (events/reality.py) on
sentences of our own, with hand-built actor mentions (helpers.py)."""

from __future__ import annotations

import pytest

from .helpers import kinds

pytestmark = pytest.mark.slow


@pytest.mark.parametrize(
    "text, expected",
    [
        # a noun classifying another noun is no event; the head event noun still is
        ("The court heard from three aid workers.", []),
        ("Peru opened a museum of war crimes.", []),
        ("Chile and Peru opened ceasefire talks.", [("RETREAT", ("CHL",), ("PER",)), ("CONSULT", ("CHL",), ("PER",))]),
        # a causal verb under a non-agent subject
        ("The defeat allowed Chile to claim a victory.", []),
        ("It will force a rethink in the ministry.", []),
        ("Chile allowed Peru to inspect the border posts.", [("RETREAT", ("CHL",), ("PER",))]),
        # an act that is needed or missing
        ("Thousands of families in the valley need food aid.", []),
        ("Chile sent food aid to Peru.", [("AID", ("CHL",), ("PER",))]),
        # a named past war is an era
        ("That border was disputed ever since the second world war between Chile and Peru.", []),
        # an idiom of amount is no accord; a fixed phrase is no rejection
        ("The port has changed a great deal this year.", []),
        ("Chile opened a road, as opposed to a railway.", []),
        # "push" with a direction and no requested act moves, it asks nothing
        ("Hundreds of rebels were pushed out of the valley.", []),
        ("Chile pushed Peru to sign the accord.", [("REQUEST", ("CHL",), ("PER",))]),
        # "was met with" a reaction is no meeting; "met by" officials is
        ("Chile's offer was met with scepticism in Lima.", []),
        ("The Peruvian convoy was met with gunfire from Chilean troops.", []),
        ("The Peruvian envoy was met by Chilean officials at the airport.", [("CONSULT", ("CHL",), ("PER",))]),
        # giving a right or access is no aid; giving rice or a warning still is an act
        ("Chile gave Bolivia the right to use the port.", []),
        ("Chile granted Peru the right to fish in its waters.", []),
        ("Chile gave Peru two tonnes of rice.", [("AID", ("CHL",), ("PER",))]),
        ("Chile gave Peru a warning.", [("THREATEN", ("CHL",), ("PER",))]),
        # a force verb that also means winning a contest fights only with an armed or state agent
        ("The Bolivian team defeated Chile in the final.", []),
        ("The Chilean party captured forty seats.", []),
        ("Chile defeated the rebels in the valley.", [("ASSAULT", ("CHL",), (None,))]),
        ("Chile captured two Peruvian officers.", [("ASSAULT", ("CHL",), ("PER",))]),
    ],
)
def test_reality_detection_rules(nlp, kb, text, expected):
    assert kinds(nlp, kb, text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # a topic noun with no party; the next candidate of the sentence still types it
        ("The town has changed a great deal since the war.", []),
        ("Since the war began, gunmen have shelled the valley twice.", [("ASSAULT", (None,), ())]),
        ("Families who fled other battles live in the camp.", []),
        ("The legacy of Bolivia's long war must be overcome.", []),
        ("Bolivia's war with Peru dragged on.", [("ASSAULT", ("BOL",), ("PER",))]),
        ("Many volunteers have joined the fight against poverty.", []),
        ("At dawn the villagers heard a gun battle.", [("ASSAULT", (), ())]),
        # the writer's own doings
        ("In the camp I met a retired teacher.", []),
        ("I asked the guards about the rations.", []),
        # an infinitive or gerund describing a noun names a kind of act
        ("Shopkeepers hung banners urging a yes vote.", []),
        # a possible or denied act that no one does
        ("Aid agencies said shelters would be needed in case of a raid.", []),
        ("If they attack us, they will regret it.", [("THREATEN", (), ())]),
        # a real act with no resolved actor still comes out (item 4)
        ("Three bombings shook the market on Monday.", [("ASSAULT", (), ())]),
        # an act other than force that no one in the sentence could have done is a kind of act
        ("A second meeting was arranged for the spring.", []),
        ("Requests to reopen the mountain road were refused again.", []),
        ("A second meeting was arranged in Norway.", [("CONSULT", (), ())]),
        ("At dawn the dockers accepted a new offer.", [("AGREE", (), ())]),
    ],
)
def test_reality_unresolved_rules(nlp, kb, text, expected):
    assert kinds(nlp, kb, text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # a place phrase is where talks or requests happen, not whom they are addressed to
        ("Bolivia asked for help in Lima.", [("REQUEST", ("BOL",), ())]),
        # ... but the place where force is used is its target
        ("Chilean troops shelled rebel positions in Bolivia.", [("ASSAULT", ("CHL",), ("BOL",))]),
        # an attack noun with a named target and no named agent still comes out, source empty
        ("The fight against Bolivia's rebels slowed, as Chile sent envoys to Lima.",
         [("ASSAULT", (), ("BOL",)), ("AID", ("CHL",), ("PER",))]),
        # using weapons is force; claiming another state did so accuses it
        ("Chile claimed Peruvian troops used chemical weapons.", [("ACCUSE", ("CHL",), ("PER",)), ("ASSAULT", ("PER",), ())]),
    ],
)
def test_reality_places_and_weapons(nlp, kb, text, expected):
    assert kinds(nlp, kb, text) == expected


def test_reality_petrarch_patterns_keep_their_place_targets(nlp, kb, tmp_path):
    """A PETRARCH dictionary's pattern takes the first actor of the verb's phrases, a place
    included, as its target (that coder's convention); our own patterns do not."""
    from dataclasses import replace

    from dyadscope.knowledge.user_verbs import with_user_verbs

    path = tmp_path / "tiny.verbs.txt"
    path.write_text("--- RENEW  [031]  ---\nRENEW\n")
    petr_kb = replace(kb, events=with_user_verbs(kb.events, [path]))
    text = "Valdes will renew the permit in Lima."
    assert kinds(nlp, petr_kb, text) == [("AGREE", ("CHL",), ("PER",))]
    assert kinds(nlp, kb, "Bolivia asked for help in Lima.") == [("REQUEST", ("BOL",), ())]


@pytest.mark.parametrize(
    "text, expected",
    [
        # taking ground or forces by fighting (CAMEO 190), the place's country as the target
        ("The rebels captured Peru's border town of Tacna.", [("ASSAULT", (None,), ("PER",))]),
        ("Bolivia conquered the coastal province of Chile.", [("ASSAULT", ("BOL",), ("CHL",))]),
        ("Masked gunmen overran a Bolivian army post.", [("ASSAULT", (None,), ("BOL",))]),
        ("Chilean troops drove the rebels out of the valley.", [("ASSAULT", ("CHL",), (None,))]),
        ("Chile shot down a Peruvian drone.", [("ASSAULT", ("CHL",), ("PER",))]),
        ("Masked gunmen shot at Peruvian police.", [("ASSAULT", (None,), ("PER",))]),
        ("The rebels swept across northern Peru.", [("ASSAULT", (None,), ("PER",))]),
        # the particle or preposition is part of the pattern
        ("Chile shot a film in Peru.", []),
    ],
)
def test_reality_force_verbs(nlp, kb, text, expected):
    assert kinds(nlp, kb, text) == expected
