"""Event stage on our own short sentences, with hand-built actor mentions."""

from __future__ import annotations

import pytest

from dyadscope.events import coded_events
from dyadscope.records import Actor, Article, Quote

from .helpers import mentions_for

pytestmark = pytest.mark.slow


def run(nlp, kb, text, *, date="2016-05-13", groups=None, quotes=()):
    doc = nlp(text)
    return coded_events(doc, article=Article("t", text, date=date), mentions=mentions_for(text, groups), quotes=list(quotes), kb=kb)


def triples(events):
    return sorted((tuple(a.country for a in e.source), tuple(a.country for a in e.target), e.cameo) for e in events)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Putin met Rouhani in Tehran on Tuesday.", [(("RUS",), ("IRN",), "040")]),
        ("Iran was attacked by Russia.", [(("RUS",), ("IRN",), "190")]),
        ("Russia condemned Turkey and praised Iran.", [(("RUS",), ("IRN",), "051"), (("RUS",), ("TUR",), "111")]),
        ("Iran, which condemned Russia, met China.", [(("IRN",), ("CHN",), "040"), (("IRN",), ("RUS",), "111")]),
        ("Russia refused to release Iranian prisoners.", [(("RUS",), ("IRN",), "1243")]),
        ("Russia agreed to sell missiles to Iran.", [(("RUS",), ("IRN",), "0312")]),  # arms: military exchange
        ("Russia agreed to sell wheat to Iran.", [(("RUS",), ("IRN",), "0311")]),
        ("China urged Iran to resume negotiations with Russia.", [(("CHN",), ("IRN",), "020")]),
        ("Russia threatened to invade Georgia.", [(("RUS",), ("GEO",), "1382")]),
        ("Iran allowed Russia to fire missiles through Iranian airspace.", [(("IRN",), ("RUS",), "062")]),
        ("Putin ordered a military intervention in Syria.", [(("RUS",), ("SYR",), "190")]),
        ("Zarif has traveled to Moscow many times.", [(("IRN",), ("RUS",), "042")]),
        ("Russia and China condemned Israel.", [(("RUS", "CHN"), ("ISR",), "111")]),
        ("Russia signed a trade agreement with Egypt.", [(("RUS",), ("EGY",), "057")]),
        ("Japan imposed sanctions on Russia.", [(("JPN",), ("RUS",), "163")]),
        ("The weather in Russia was cold.", []),
        ("Iran and Russia discussed the weather.", [(("IRN",), ("RUS",), "040")]),
    ],
)
def test_events_verbal_and_nominal_triples(nlp, kb, text, expected):
    assert triples(run(nlp, kb, text)) == sorted(expected)


def test_events_reciprocal_agreement_is_one_dyad(nlp, kb):
    evs = run(nlp, kb, "Iran and Russia agreed to hold talks in March.")
    assert triples(evs) == [(("IRN",), ("RUS",), "036")]
    assert evs[0].event_type == "AGREE" and evs[0].date == "2016-03" and evs[0].date_basis == "relative"
    assert evs[0].rule.endswith("+recip")


def test_events_multilateral_drill_yields_each_dyad_once(nlp, kb):
    text = "The joint Iranian-Russian-Chinese naval drill took place in December 2019."
    evs = run(nlp, kb, text, groups={"Iranian-Russian-Chinese": ("Iranian", "Russian", "Chinese")})
    pairs = sorted(tuple(sorted((e.source[0].country, e.target[0].country))) for e in evs)
    assert pairs == [("CHN", "IRN"), ("CHN", "RUS"), ("IRN", "RUS")]
    assert {e.cameo for e in evs} == {"062"} and {e.date for e in evs} == {"2019-12"}
    assert {e.date_basis for e in evs} == {"text"}


def test_events_between_phrase_pairs_parties(nlp, kb):
    evs = run(nlp, kb, "Secret meetings in Moscow between Putin and Iranian officials took place in 2009.")
    assert triples(evs) == [(("RUS",), ("IRN",), "040")]
    assert evs[0].date == "2009" and evs[0].event_type == "CONSULT"


@pytest.mark.parametrize(
    "text, modality",
    [
        ("Russia won't deliver the missiles to Iran.", "negated"),
        ("Russia did not criticize Iran.", "negated"),
        ("Russia will seek to deepen its ties with Iran.", "future"),
        ("Russia will attack Georgia if Turkey attacks Iran.", "hypothetical"),
        ("In the case of a war with Turkey, Russia will occupy Georgia.", "hypothetical"),
        ("Russia criticized Iran.", "asserted"),
        ("Russia will not only occupy Georgia but will also occupy Turkey.", "future"),
    ],
)
def test_events_modality(nlp, kb, text, modality):
    evs = [e for e in run(nlp, kb, text) if e.source[0].country == "RUS"]
    assert evs and {e.modality for e in evs} == {modality}


def test_events_reported_inside_quote_gets_speaker(nlp, kb):
    text = 'Lavrov said: "Russia will never abandon Iran, and Russia praised Iran yesterday."'
    speaker = Actor("Lavrov", "Sergei Lavrov", "RUSGOV", "RUS", "GOV", 0, 6)
    start = text.index('"') + 1
    q = Quote("direct", text[start:-2], ((start, len(text) - 2),), "said", speaker, 0, len(text), rule="test")
    evs = run(nlp, kb, text, quotes=[q])
    praise = [e for e in evs if e.cameo == "051"]
    assert praise and praise[0].modality == "reported" and praise[0].speaker == speaker
    assert praise[0].date == "2016-05-12" and praise[0].date_basis == "relative"


def test_events_reported_speech_without_quote_record(nlp, kb):
    evs = run(nlp, kb, "Putin said that Iran condemned Turkey.")
    assert triples(evs) == [(("IRN",), ("TUR",), "111")]
    assert evs[0].modality == "reported" and evs[0].speaker.country == "RUS"


def test_events_within_document_duplicates_merge(nlp, kb):
    text = "Russia condemned Turkey on Monday. Analysts were surprised. Russia condemned Turkey again."
    evs = run(nlp, kb, text)
    assert len(evs) == 1 and len(evs[0].mentions) == 2
    assert evs[0].date_basis == "relative"


def test_events_evidence_and_codes_are_consistent(nlp, kb):
    text = "Iran and Russia are cooperating strongly on intelligence matters. Putin praised Rouhani."
    for e in run(nlp, kb, text):
        assert text[e.start:e.end] in e.sentence
        row = kb.events.cameo[e.cameo]
        assert (e.event_type, e.goldstein, e.quad_class) == (row.plover_type, row.goldstein, row.quad_class)
        assert e.rule.startswith("events.") and 0 < e.confidence <= 1


def test_events_no_actors_no_events(nlp, kb):
    doc = nlp("The ministers met and agreed.")
    assert coded_events(doc, article=Article("t", doc.text), mentions=[], quotes=[], kb=kb) == []


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Russia will invade Georgia.", [("RUS", "GEO", "1382", "THREATEN", "future")]),
        ("Iran and Russia are reportedly close to an agreement.", [("IRN", "RUS", "030", "AGREE", "reported")]),
        ("Russian reluctance to sell missiles to Iran worries analysts.", [("RUS", "IRN", "1212", "REJECT", "asserted")]),
        ("Putin said Iran must release the prisoners.", [("RUS", "IRN", "1053", "REQUEST", "asserted")]),
        ("Putin said that Iran must do more.", [("RUS", "IRN", "100", "REQUEST", "asserted")]),
        ("Iran protested against the decision.", [("IRN", None, "114", "ACCUSE", "asserted")]),
        ("Iran protested on Monday.", []),
        ("The Iran nuclear deal was discussed at length.", []),
        ("Iran will help Syria.", [("IRN", "SYR", "033", "AGREE", "future")]),
    ],
)
def test_events_coding_rules(nlp, kb, text, expected):
    got = [
        (e.source[0].country, e.target[0].country if e.target else None, e.cameo, e.event_type, e.modality)
        for e in run(nlp, kb, text)
    ]
    assert got == expected


def test_events_until_clause_is_a_condition(nlp, kb):
    evs = run(nlp, kb, "Russia won't deliver the missiles to Iran until Iran drops its lawsuit against Russia.")
    by_code = {e.cameo: e for e in evs}
    assert by_code["062"].modality == "negated" and by_code["062"].source[0].country == "RUS"
    assert by_code["080"].modality == "hypothetical" and by_code["080"].source[0].country == "IRN"


def test_events_noun_modifier_date_is_not_the_event_date(nlp, kb):
    evs = run(nlp, kb, "Russia condemned Iran over the 2015 nuclear deal.")
    assert [(e.cameo, e.date, e.date_basis) for e in evs] == [("111", "2016-05-13", "publication")]


def test_events_governing_clause_date_applies(nlp, kb):
    evs = run(nlp, kb, "Relations changed last September when Putin ordered a military intervention in Syria.")
    assert [(e.cameo, e.date, e.date_basis) for e in evs] == [("190", "2015-09", "relative")]


def test_events_possibility_is_hypothetical(nlp, kb):
    evs = run(nlp, kb, "Russia has no desire to get involved in a war between Iran and Turkey.")
    assert [(e.cameo, e.modality) for e in evs] == [("190", "hypothetical")]


def test_events_different_objects_are_not_duplicates(nlp, kb):
    text = "Russia supported Iran on many issues. Russia supported Iran's request to join the group."
    evs = run(nlp, kb, text)
    assert [(e.cameo, len(e.mentions)) for e in evs] == [("051", 1), ("051", 1)]


def test_events_demand_negation_belongs_to_content(nlp, kb):
    evs = run(nlp, kb, "Putin said that Iran must not depend on Turkey.")
    assert [(e.cameo, e.modality, e.source[0].country, e.target[0].country) for e in evs] == [("100", "asserted", "RUS", "IRN")]


def _by_modality(evs):
    return sorted((e.modality, tuple(a.country for a in e.source), tuple(a.country for a in e.target), e.cameo) for e in evs)


def test_events_stated_refusal_is_an_asserted_rejection(nlp, kb):
    # the speaker announces its own unwillingness: the refusal happened, the delivery did not
    evs = run(nlp, kb, "Putin said Russia will not deliver the tanks to Egypt.")
    assert _by_modality(evs) == [("asserted", ("RUS",), ("EGY",), "1212"), ("negated", ("RUS",), ("EGY",), "062")]
    rej = next(e for e in evs if e.event_type == "REJECT")
    assert rej.rule.endswith("+refusal") and rej.speaker is not None and rej.speaker.country == "RUS"


@pytest.mark.parametrize(
    "text",
    [
        "Rouhani said Russia will not deliver the tanks to Egypt.",  # someone else's claim about Russia
        "Putin said Russia did not deliver the tanks to Egypt.",  # a denied fact, not a refusal
    ],
)
def test_events_negation_without_own_refusal_is_not_a_rejection(nlp, kb, text):
    evs = run(nlp, kb, text)
    assert [e.modality for e in evs] == ["negated"]


def test_events_restricting_a_program_is_coercion_by_the_gerund_subject(nlp, kb):
    evs = run(nlp, kb, "Russia cooperated with France in restricting Iran's nuclear program.")
    got = [e for e in evs if e.event_type == "COERCE"]
    assert [(tuple(a.country for a in e.source), tuple(a.country for a in e.target), e.cameo, e.modality) for e in got] \
        == [(("RUS",), ("IRN",), "172", "asserted")]
    # a limit on something no actor owns is not an event
    assert run(nlp, kb, "Russia limited the number of flights.") == []


@pytest.mark.parametrize(
    "text, expected",
    [
        # the event noun inside a quantity or effort head
        ("Russian and Chinese warships launched ten days of war games.", [(("RUS",), ("CHN",), "062")]),
        ("Turkey ended its mediation efforts between Russia and Georgia.", [(("TUR",), ("RUS", "GEO"), "165")]),
        # a past attempt happened; only a coming one is a plan
        ("Russia attempted to invade Georgia.", [(("RUS",), ("GEO",), "192")]),
    ],
)
def test_events_phrase_phenomena(nlp, kb, text, expected):
    assert triples(run(nlp, kb, text)) == sorted(expected)


def test_events_unresolved_pronoun_of_a_report_is_the_reporter(nlp, kb):
    evs = run(nlp, kb, "Russia announced that it will sell wheat to Iran.")
    assert [(e.source[0].country, e.target[0].country, e.event_type) for e in evs] == [("RUS", "IRN", "AGREE")]


@pytest.mark.parametrize(
    "text, expected",
    [
        # preparing an attack is a show of force (asserted); preparing anything else stays a plan
        ("Russian troops prepared to invade Georgia.", [("RUS", "GEO", "152", "MOBILIZE", "asserted")]),
        ("Russia is preparing to sign a deal with Iran.", [("RUS", "IRN", "030", "AGREE", "future")]),
        # who arrives decides what an arrival is
        ("Chinese peacekeepers arrived in Syria.", [("CHN", "SYR", "074", "AID", "asserted")]),
        ("Russian troops arrived in Georgia.", [("RUS", "GEO", "154", "MOBILIZE", "asserted")]),
        ("Jakarta forced China out of the talks.", []),  # no actor for Jakarta in the helper list
        ("Turkey forced Iran out of the talks.", [("TUR", "IRN", "166", "SANCTION", "asserted")]),
        # calling for action against a target, no one addressed: rallying opposition
        ("Putin called for sanctions against Turkey.", [("RUS", "TUR", "113", "ACCUSE", "asserted")]),
        ("Putin called on Iran to impose sanctions against Turkey.", [("RUS", "IRN", "REQUEST")]),
        ("Russia has mobilized voters in Georgia.", []),  # not a military mobilization
    ],
)
def test_events_predicate_phenomena(nlp, kb, text, expected):
    got = [
        (e.source[0].country, e.target[0].country if e.target else None, e.cameo, e.event_type, e.modality)
        for e in run(nlp, kb, text)
    ]
    if expected and len(expected[0]) == 3:
        got = [(g[0], g[1], g[3]) for g in got]
    assert got == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # the threat's target is the target of the threatened act
        ("Russia threatened to deliver devastating blows to Georgia.", [(("RUS",), ("GEO",), "1384")]),
        # complaining to someone about someone: the target is the one complained about
        ("Iran complained to China over Russian air raids.", [(("IRN",), ("RUS",), "114")]),
        # agreeing to (rejecting) what another actor's noun offers: that actor is the target
        ("Iran agreed to Russian mediation.", [(("IRN",), ("RUS",), "039")]),
        # 'help' passes through to what is helped
        ("China helped negotiate a ceasefire between Russia and Georgia.",
         [(("CHN",), ("RUS", "GEO"), "046"), (("RUS",), ("GEO",), "0871")]),
    ],
)
def test_events_target_phenomena(nlp, kb, text, expected):
    assert triples(run(nlp, kb, text)) == sorted(expected)


@pytest.mark.parametrize(
    "text, expected",
    [
        # a protest is against whom its purpose names
        ("Iranian students went on a hunger strike to demand the resignation of Putin.",
         [(("IRN",), ("RUS",), "100"), (("IRN",), ("RUS",), "143")]),
        # closing borders reduces relations with the neighbours named
        ("Russia closed its borders with Iran and Turkey.", [(("RUS",), ("IRN", "TUR"), "160")]),
    ],
)
def test_events_protest_and_border_phenomena(nlp, kb, text, expected):
    assert triples(run(nlp, kb, text)) == sorted(expected)


def test_events_coordinated_object_holds_the_event_noun(nlp, kb):
    evs = run(nlp, kb, "Russian forces launched artillery, mortar and rocket fire against Georgia.")
    assert [(e.source[0].country, e.target[0].country, e.event_type) for e in evs] == [("RUS", "GEO", "ASSAULT")]
    assert run(nlp, kb, "Russia set fire to the documents.") == []  # a blaze is not an attack


@pytest.mark.parametrize(
    "text, expected",
    [
        # permitting a humanitarian delivery is allowing humanitarian access (0863)
        ("Turkey opened the border to allow the delivery of tons of grain to Syria.", [(("TUR",), ("SYR",), "0863")]),
        # a speech noun's that-clause with must is a demand on the addressee
        ("Putin issued a stern reminder to Iran that it must release the prisoners.", [(("RUS",), ("IRN",), "1053")]),
        # patrols are a show of force
        ("Turkey ordered patrols along the border with Syria.", [(("TUR",), ("SYR",), "150")]),
    ],
)
def test_events_noun_phenomena(nlp, kb, text, expected):
    assert triples(run(nlp, kb, text)) == sorted(expected)


@pytest.mark.parametrize(
    "text, expected",
    [
        # 'push for X to do Y' appeals to X
        ("Britain is pushing for Iran to release the prisoners.", [(("GBR",), ("IRN",), "0253")]),
        # 'ordered out' expels
        ("Russia ordered Georgian diplomats out of the country.", [(("RUS",), ("GEO",), "174")]),
        # joining or converging for a protest is protesting
        ("Iranian students joined the strike against Russia.", [(("IRN",), ("RUS",), "143")]),
        ("Iranian students gathered for a rally to denounce Russia.", [(("IRN",), ("RUS",), "141")]),
    ],
)
def test_events_light_and_for_clause_phenomena(nlp, kb, text, expected):
    assert triples(run(nlp, kb, text)) == sorted(expected)


def test_events_threat_terms_name_the_target_and_do_not_make_it_hypothetical(nlp, kb):
    evs = run(nlp, kb, "Iranian students threatened to hold a general strike unless Russia withdraws.")
    got = [(e.source[0].country, e.target[0].country if e.target else None, e.event_type, e.modality) for e in evs
           if e.event_type == "THREATEN"]
    assert got == [("IRN", "RUS", "THREATEN", "asserted")]


def test_events_coordinated_modifiers_outside_the_head_mention(nlp, kb):
    # "Chinese warships" is one mention, "Russian" another: both are parties
    text = "Russian and Chinese warships held war games."
    from dyadscope.records import Mention
    ms = [Mention(0, 7, "Russian", "Russia", "RUS", "RUS", None, "demonym"),
          Mention(12, 28, "Chinese warships", "China", "CHNMIL", "CHN", "MIL", "organization")]
    doc = nlp(text)
    evs = coded_events(doc, article=Article("t", text, date="2016-05-13"), mentions=ms, quotes=[], kb=kb)
    assert [(sorted([e.source[0].country, e.target[0].country]), e.cameo) for e in evs] == [(["CHN", "RUS"], "062")]


@pytest.mark.parametrize(
    "text, expected",
    [
        # a passive legal/coercive act without an agent is the act of the state it happens in
        ("An Iranian journalist was arrested in Russia.", [(("RUS",), ("IRN",), "173")]),
        ("An Iranian journalist was put under investigation in Russia.", [(("RUS",), ("IRN",), "090")]),
        ("An Iranian journalist was praised in Russia.", []),  # not a legal act: no source
    ],
)
def test_events_passive_legal_acts_of_the_jurisdiction(nlp, kb, text, expected):
    assert triples(run(nlp, kb, text)) == sorted(expected)


def test_events_population_wishes_are_not_refusals(nlp, kb):
    from dyadscope.records import Mention
    text = "Putin said Russian citizens will not travel to Iran."
    ms = [Mention(0, 5, "Putin", "Vladimir Putin", "RUSGOV", "RUS", "GOV", "person"),
          Mention(11, 27, "Russian citizens", "Russia", "RUSCVL", "RUS", "CVL", "organization"),
          Mention(44, 48, "Iran", "Iran", "IRN", "IRN", None, "state")]
    doc = nlp(text)
    evs = coded_events(doc, article=Article("t", text, date="2016-05-13"), mentions=ms, quotes=[], kb=kb)
    assert evs and all(e.event_type != "REJECT" for e in evs)


def test_events_measure_head_carries_the_recipient(nlp, kb):
    evs = run(nlp, kb, "China agreed to provide 70 million dollars of aid for Syria and Egypt.")
    assert triples(evs) == [(("CHN",), ("SYR", "EGY"), "033")]


def test_plover_eval_main_event_is_the_shallowest_predicate(nlp, kb):
    from dyadscope.eval.plover import _main_event

    text = "Turkey agreed to open its borders to Russia, which monitors a ceasefire between Iran and Georgia."
    doc = nlp(text)
    evs = coded_events(doc, article=Article("t", text, date="2016-05-13"), mentions=mentions_for(text), quotes=[], kb=kb)
    assert len(evs) >= 2  # the agreement and the ceasefire
    main = _main_event(evs, doc, kb)
    assert main.event_type == "AGREE" and main.source[0].country == "TUR"


def test_events_conditional_refusal_is_addressed_to_the_condition_subject(nlp, kb):
    evs = run(nlp, kb, "Putin said Russia won't drop the suit until Iran pays.")
    rej = [e for e in evs if e.event_type == "REJECT"]
    assert [(e.source[0].country, [a.country for a in e.target], e.modality) for e in rej] == [("RUS", ["IRN"], "asserted")]
    assert "+norecipient" not in rej[0].rule


def test_events_reporting_verbs_come_from_the_quote_knowledge(nlp, kb):
    from dataclasses import replace

    text = "Putin said that Iran condemned Turkey."
    assert [e.modality for e in run(nlp, kb, text)] == ["reported"]
    # with no verb marked reports_events in reporting_verbs.jsonl, the same clause is asserted
    bare = replace(kb, quotes=replace(kb.quotes, event_reporting_verbs=frozenset()))
    assert [e.modality for e in run(nlp, bare, text)] == ["asserted"]
