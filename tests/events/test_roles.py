"""Who acts on whom in real-news phrasings (issue 11, item 3), on sentences of our own with
hand-built actor mentions (helpers.py)."""

from __future__ import annotations

import pytest

from .helpers import kinds

pytestmark = pytest.mark.slow


@pytest.mark.parametrize(
    "text, expected",
    [
        # the agent of a passive act of force is named in the attack it was done in
        ("Two Peruvian soldiers were killed in a Chilean drone strike on Tuesday.", [("ASSAULT", ("CHL",), ("PER",))]),
        ("A Peruvian general was assassinated during a Bolivian bombing of the port.",
         [("ASSAULT", ("BOL",), ("PER",))]),
        # a place is not an attack: the source stays unknown
        ("Peruvian soldiers were killed in a Chilean village.", [("ASSAULT", (), ("PER",))]),
    ],
)
def test_roles_instrument_agent(nlp, kb, text, expected):
    assert kinds(nlp, kb, text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # a conjoined passive undergoes the act, also when it shares its conjunct's "were"
        ("The Peruvian rebels crossed the border and were identified and arrested by Chilean police.",
         [("COERCE", ("CHL",), ("PER",))]),
        ("Chile shelled the border and was condemned by Bolivia.",
         [("ASSAULT", ("CHL",), ()), ("ACCUSE", ("BOL",), ("CHL",))]),
        # a controlled passive: its subject is allowed, it does not allow
        ("Lima said Chile needs to be allowed to inspect the port.", [("RETREAT", (), ("CHL",))]),
    ],
)
def test_roles_conjoined_and_controlled_passives(nlp, kb, text, expected):
    assert kinds(nlp, kb, text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # the one charged with an act did it; the accuser is the source of the accusation only
        ("Chile accused Peru of shelling the border.", [("ACCUSE", ("CHL",), ("PER",)), ("ASSAULT", ("PER",), ())]),
        ("Chile thanked Peru for sending food aid.", [("SUPPORT", ("CHL",), ("PER",))]),
        # criticism in a "said" clause accuses whom it is said of
        ("Chile said Peru had lied about the talks.", [("ACCUSE", ("CHL",), ("PER",))]),
        ("\u201cPeru has failed us for years,\u201d Valdes said.", [("ACCUSE", ("CHL",), ("PER",))]),
        ("Chile said Peru was responsible for the attack.", [("ACCUSE", ("CHL",), ("PER",))]),
        # ... not a denial, a plain failure to act, or a duty
        ("Chile said it had not lied.", []),
        # an act the sentence codes itself is not also an accusation (that needs an allegation verb)
        ("Chile said Peru had violated the truce.", [("ASSAULT", ("PER",), ())]),
        ("Chile said Peru was responsible for security on the bridge.", []),
    ],
)
def test_roles_charges_and_said_clauses(nlp, kb, text, expected):
    assert kinds(nlp, kb, text) == expected
