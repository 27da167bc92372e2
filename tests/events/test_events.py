"""Event stage rules on short sentences of our own, with hand-built actor mentions (helpers.py).

Every sentence is invented for the phenomenon it tests; where a natural sentence shows that the
phenomenon fails, the test is marked xfail with the reason (a finding, not a rule to bend).
"""

from __future__ import annotations

import pytest

from dyadscope.events import coded_events
from dyadscope.records import Actor, Article, Mention, Quote

from .helpers import mentions_for

pytestmark = pytest.mark.slow

PUB = "2021-03-10"  # a Wednesday


def run(nlp, kb, text, *, date=PUB, groups=None, quotes=(), mentions=None):
    doc = nlp(text)
    return coded_events(doc, article=Article("t", text, date=date),
                        mentions=mentions_for(text, groups) if mentions is None else mentions, quotes=list(quotes), kb=kb)


def triples(events):
    return sorted((tuple(a.country for a in e.source), tuple(a.country for a in e.target), e.cameo) for e in events)


def resolved(events):
    """Events the pairing rules gave; the unresolved-sides fallback (issue 11, item 4) is tested
    on its own."""
    return [e for e in events if not e.rule.endswith("+unresolved")]


def coded(events):
    """(source country, first target country or None, CAMEO, PLOVER type, modality) per event."""
    return [(e.source[0].country, e.target[0].country if e.target else None, e.cameo, e.event_type, e.modality)
            for e in events]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Valdes met Quispe in Lima on Thursday.", [(("CHL",), ("PER",), "040")]),
        # the "by" agent of a passive is the source
        ("Peru was invaded by Chile.", [(("CHL",), ("PER",), "192")]),
        # conjoined verbs share the subject
        ("Chile denounced Bolivia and commended Peru.", [(("CHL",), ("BOL",), "111"), (("CHL",), ("PER",), "051")]),
        # a relative clause's subject is the noun it modifies
        ("Peru, which had criticized Chile, met Bolivia.", [(("PER",), ("BOL",), "040"), (("PER",), ("CHL",), "111")]),
        ("Chile refused to free the Peruvian fishermen.", [(("CHL",), ("PER",), "1243")]),
        ("Norway agreed to supply rifles to Kenya.", [(("NOR",), ("KEN",), "0312")]),  # arms: military exchange
        ("Argentina agreed to export beef to Ghana.", [(("ARG",), ("GHA",), "0311")]),
        ("Sweden urged Kenya to reopen talks with Ghana.", [(("SWE",), ("KEN",), "020")]),
        ("Bolivia threatened to attack Peru.", [(("BOL",), ("PER",), "1384")]),
        # permission to use force is military cooperation with the one permitted
        ("Chile permitted Peru to bomb rebel camps from Chilean soil.", [(("CHL",), ("PER",), "062")]),
        # a light verb and its event noun: the noun decides, the verb's subject acts
        ("Valdes ordered a naval blockade of Bolivia.", [(("CHL",), ("BOL",), "191")]),
        ("Quispe has flown to Santiago twice this year.", [(("PER",), ("CHL",), "042")]),
        ("Chile and Peru denounced Bolivia.", [(("CHL", "PER"), ("BOL",), "111")]),
        ("Ghana signed a fisheries accord with Kenya.", [(("GHA",), ("KEN",), "057")]),
        ("Finland imposed an embargo on Bolivia.", [(("FIN",), ("BOL",), "163")]),
        ("The harvest in Peru was poor.", []),
        ("Chile and Peru discussed fishing quotas.", [(("CHL",), ("PER",), "040")]),
    ],
)
def test_events_verbal_and_nominal_triples(nlp, kb, text, expected):
    assert triples(run(nlp, kb, text)) == sorted(expected)


def test_events_reciprocal_agreement_is_one_dyad(nlp, kb):
    evs = run(nlp, kb, "Chile and Peru agreed to hold talks in February.")
    assert triples(evs) == [(("CHL",), ("PER",), "036")]
    assert evs[0].event_type == "AGREE" and evs[0].date == "2021-02" and evs[0].date_basis == "relative"
    assert evs[0].rule.endswith("+recip")


def test_events_multilateral_exercise_yields_each_dyad_once(nlp, kb):
    text = "The joint Chilean-Peruvian-Bolivian air exercise began in October 2017."
    evs = run(nlp, kb, text, groups={"Chilean-Peruvian-Bolivian": ("Chilean", "Peruvian", "Bolivian")})
    pairs = sorted(tuple(sorted((e.source[0].country, e.target[0].country))) for e in evs)
    assert pairs == [("BOL", "CHL"), ("BOL", "PER"), ("CHL", "PER")]
    assert {e.cameo for e in evs} == {"062"} and {e.date for e in evs} == {"2017-10"}
    assert {e.date_basis for e in evs} == {"text"}


def test_events_between_phrase_pairs_parties(nlp, kb):
    evs = run(nlp, kb, "Quiet talks in Quito between Valdes and Peruvian envoys took place in 2011.")
    assert triples(evs) == [(("CHL",), ("PER",), "046")]
    assert evs[0].date == "2011" and evs[0].event_type == "CONSULT"


@pytest.mark.parametrize(
    "text, source, modality",
    [
        ("Bolivia won't supply gas to Chile.", "BOL", "negated"),
        ("Sweden did not condemn Ghana.", "SWE", "negated"),
        ("Finland will try to improve its relations with Kenya.", "FIN", "future"),
        ("Ecuador will strike Colombia if Peru invades Ecuador.", "ECU", "hypothetical"),
        ("In the event of a blockade, Peru will invade Bolivia.", "PER", "hypothetical"),
        ("Chile criticized Peru.", "CHL", "asserted"),
        # "not only ... but also" is no negation
        ("Peru will not only blockade Ecuador but will also shell Colombia.", "PER", "future"),
        pytest.param("Peru will not only blockade Ecuador but also bomb its ports.", "PER", "future",
                     marks=pytest.mark.xfail(reason="a conjoined verb without its own auxiliary ('but also bomb') "
                                                    "does not inherit 'will': it is coded asserted")),
    ],
)
def test_events_modality(nlp, kb, text, source, modality):
    evs = [e for e in run(nlp, kb, text) if e.source[0].country == source]
    assert evs and {e.modality for e in evs} == {modality}


def test_events_reported_inside_quote_gets_speaker(nlp, kb):
    text = 'Valdes said: "Chile will never abandon Peru, and Chile thanked Peru yesterday."'
    speaker = Actor("Valdes", "Ines Valdes", "CHLGOV", "CHL", "GOV", 0, 6)
    start = text.index('"') + 1
    q = Quote("direct", text[start:-2], ((start, len(text) - 2),), "said", speaker, 0, len(text), rule="test")
    evs = run(nlp, kb, text, quotes=[q])
    thanks = [e for e in evs if e.cameo == "051"]
    assert thanks and thanks[0].modality == "reported" and thanks[0].speaker == speaker
    assert thanks[0].date == "2021-03-09" and thanks[0].date_basis == "relative"


def test_events_reported_speech_without_quote_record(nlp, kb):
    evs = run(nlp, kb, "Lindqvist said that Kenya denounced Ghana.")
    assert triples(evs) == [(("KEN",), ("GHA",), "111")]
    assert evs[0].modality == "reported" and evs[0].speaker.country == "SWE"


def test_events_reporting_verbs_come_from_the_quote_knowledge(nlp, kb):
    from dataclasses import replace

    text = "Lindqvist said that Kenya denounced Ghana."
    assert [e.modality for e in run(nlp, kb, text)] == ["reported"]
    # with no verb marked reports_events in reporting_verbs.jsonl, the same clause is asserted
    bare = replace(kb, quotes=replace(kb.quotes, event_reporting_verbs=frozenset()))
    assert [e.modality for e in run(nlp, bare, text)] == ["asserted"]


def test_events_within_document_duplicates_merge(nlp, kb):
    text = "Peru denounced Bolivia on Friday. Markets barely moved. Peru denounced Bolivia again."
    evs = run(nlp, kb, text)
    assert len(evs) == 1 and len(evs[0].mentions) == 2
    assert evs[0].date == "2021-03-05" and evs[0].date_basis == "relative"


def test_events_evidence_and_codes_are_consistent(nlp, kb):
    text = "Chile and Peru are cooperating closely on fisheries. Valdes praised Quispe."
    evs = run(nlp, kb, text)
    assert len(evs) == 2
    for e in evs:
        assert text[e.start:e.end] in e.sentence
        row = kb.events.cameo[e.cameo]
        assert (e.event_type, e.goldstein, e.quad_class) == (row.plover_type, row.goldstein, row.quad_class)
        assert e.rule.startswith("events.") and 0 < e.confidence <= 1


def test_events_no_actors_keep_the_candidate_type_unresolved(nlp, kb):
    """Issue 11, item 4: an event whose actors do not resolve still comes out, sides empty,
    marked ``+unresolved``; a sentence with no candidate, or only a statement, gives nothing."""
    doc = nlp("The ministers met. The weather was mild. The envoy said nothing new.")
    evs = coded_events(doc, article=Article("t", doc.text), mentions=[], quotes=[], kb=kb)
    assert [(e.event_type, e.source, e.target) for e in evs] == [("CONSULT", (), ())]
    assert evs[0].rule.endswith("+unresolved") and evs[0].confidence <= 0.5


def test_events_no_actor_fallback_only_in_a_short_text(nlp, kb):
    """The sentence-level fallback holds in a text of at most ``SNIPPET_SENTENCES`` sentences (a
    snippet is chosen for its event); in a longer text a sentence whose candidates gave no event
    gives none, while an event with an unresolved side from the pairing rules still comes out."""
    from dyadscope.events.coding import SNIPPET_SENTENCES

    lead = "The ministers met."
    filler = ["The weather was mild.", "The harbour was quiet.", "The envoy said nothing new.", "The ferry was late."]
    short = " ".join([lead, *filler[:SNIPPET_SENTENCES - 1]])
    long = " ".join([lead, *filler[:SNIPPET_SENTENCES], "Two Peruvian soldiers were killed."])
    assert [e.event_type for e in run(nlp, kb, short, mentions=[])] == ["CONSULT"]
    evs = run(nlp, kb, long)
    assert [(e.event_type, e.rule.endswith("+unresolved")) for e in evs] == [("ASSAULT", False)]
    assert evs[0].source == () and not evs[0].resolved


def test_events_unresolved_side_stays_empty(nlp, kb):
    evs = run(nlp, kb, "Nairobi forced Ghana out of the customs union.")  # no actor for Nairobi
    assert [(e.source, tuple(a.country for a in e.target), e.event_type) for e in evs] == [((), ("GHA",), "SANCTION")]
    assert evs[0].rule.endswith("+unresolved")


def test_events_unresolved_only_where_no_event_came_out(nlp, kb):
    evs = run(nlp, kb, "Valdes praised Quispe after the talks collapsed.")
    assert not any(e.rule.endswith("+unresolved") for e in evs)


@pytest.mark.parametrize(
    "text, expected",
    [
        # announced material conflict is a threat
        ("Ecuador will invade Peru.", [("ECU", "PER", "1382", "THREATEN", "future")]),
        # close to an agreement: an intent
        ("Kenya and Ghana came close to a customs accord.", [("KEN", "GHA", "030", "AGREE", "asserted")]),
        pytest.param("Kenya and Ghana are reportedly near a trade deal.", [("KEN", "GHA", "030", "AGREE", "reported")],
                     marks=pytest.mark.xfail(reason="'near a deal' without 'to' is not read as not-yet-reached (the "
                                                    "rule needs 'close/near to'), and a hedge on the copula is not "
                                                    "seen by a noun event with no governing adjective")),
        ("Norwegian reluctance to supply drones to Kenya irritates investors.", [("NOR", "KEN", "1212", "REJECT", "asserted")]),
        # "X said Y must Z": X's demand on Y
        ("Lindqvist said Ghana must free the detained sailors.", [("SWE", "GHA", "1053", "REQUEST", "asserted")]),
        ("Mwangi said that Ghana should do more.", [("KEN", "GHA", "100", "REQUEST", "asserted")]),
        ("Bolivia protested against the ruling.", [("BOL", None, "114", "ACCUSE", "asserted")]),
        ("Bolivia protested on Friday.", []),  # a bare protest with no complement
        ("The Peru fisheries accord was debated for hours.", []),  # one actor modifier: no event
        ("Finland will assist Kenya.", [("FIN", "KEN", "033", "AGREE", "future")]),
    ],
)
def test_events_coding_rules(nlp, kb, text, expected):
    assert coded(resolved(run(nlp, kb, text))) == expected


def test_events_until_clause_is_a_condition(nlp, kb):
    evs = run(nlp, kb, "Bolivia will not sign the gas contract with Chile until Chile withdraws its troops from the border.")
    by_code = {e.cameo: e for e in evs}
    assert by_code["057"].modality == "negated" and by_code["057"].source[0].country == "BOL"
    assert by_code["087"].modality == "hypothetical" and by_code["087"].source[0].country == "CHL"


def test_events_noun_modifier_date_is_not_the_event_date(nlp, kb):
    evs = run(nlp, kb, "Peru criticized Chile over the 2011 fisheries accord.")
    assert [(e.cameo, e.date, e.date_basis) for e in evs] == [("111", PUB, "publication")]


@pytest.mark.parametrize(
    "text, expected",
    [
        # an event still to happen: the coming Friday, not the last one
        ("Chile will hold talks with Peru on Friday.", [("036", "2021-03-12", "relative")]),
        ("Chile held talks with Peru on Friday.", [("046", "2021-03-05", "relative")]),
        # a participle modifying the event noun dates it
        ("Chile's blockade of Peru, imposed in 2015, was condemned by Bolivia.",
         [("191", "2015", "text"), ("111", PUB, "publication")]),
        # a month word that is a name is not a date
        ("Chile held talks with May in Lima.", [("046", PUB, "publication")]),
        # a clause of the event noun with no subject of its own dates it; one with its own subject
        # dates that subject's act
        ("The talks, which opened in Lima on Monday, ended after Chile insulted Peru.",
         [("046", "2021-03-08", "relative")]),
        ("Chile rejected the talks that Peru proposed on Monday.",
         [("125", PUB, "publication"), ("030", "2021-03-08", "relative")]),
    ],
)
def test_events_dates_of_their_own_clause(nlp, kb, text, expected):
    mentions = mentions_for(text)
    if "May" in text:
        at = text.index("May")
        mentions = sorted(mentions + [Mention(at, at + 3, "May", "Ana May", "PERGOV", "PER", "GOV", "person")],
                          key=lambda m: m.start)
    assert [(e.cameo, e.date, e.date_basis) for e in run(nlp, kb, text, mentions=mentions)] == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # scheduled or expected events are ahead: future, a bare weekday the coming one, and
        # their type kept (a scheduled meeting is a meeting, not an intent to meet)
        ("A summit between Chile and Peru to be held in Lima on Friday was postponed.",
         [("040", "future", "2021-03-12")]),
        ("Talks between Chile and Peru are due to resume in Lima on Tuesday.", [("046", "future", "2021-03-16")]),
        ("A new round of talks between Chile and Peru is due to resume in Lima on Tuesday.",
         [("046", "future", "2021-03-16")]),
        ("Chile is set to sign a trade deal with Peru on Friday.", [("057", "future", "2021-03-12")]),
        ("Chile is set to attack Peru.", [("190", "future", None)]),
        ("Bolivia condemned the planned Chilean blockade of Peru.",
         [("111", "asserted", PUB), ("191", "future", None)]),
        # an intent announced by the actor is still an intent (or a threat)
        ("Chile will meet Peru on Friday.", [("036", "future", "2021-03-12")]),
        ("Chile will attack Peru.", [("1384", "future", None)]),
        # an act only sought or tried is an aim, not an announced intent or threat: its own type
        ("Chile wants to meet Peru on Friday.", [("040", "future", "2021-03-12")]),
        ("Chile wants to attack Peru.", [("190", "future", None)]),
        # an event noun said to be possible is hypothetical
        ("Renewed fighting between Chile and Peru is a possibility.", [("190", "hypothetical", None)]),
        ("A Chilean attack on Peru is likely.", [("190", "hypothetical", None)]),
        ("Fighting between Chile and Peru is intense.", [("190", "asserted", PUB)]),
    ],
)
def test_events_scheduled_and_possible_events(nlp, kb, text, expected):
    assert [(e.cameo, e.modality, e.date) for e in run(nlp, kb, text)] == expected


def test_events_date_the_parser_took_into_the_subject_phrase(nlp, kb):
    # the parser reads "May" as a modifier of "Chile": the date is still the object of "In"
    evs = run(nlp, kb, "In May 2018 Chile’s president described Peru as an aggressor.")
    assert [(e.cameo, e.date, e.date_basis) for e in evs] == [("111", "2018-05", "text")]


@pytest.mark.parametrize(
    "text, expected",
    [
        # the mover's own forces are what is moved: the destination or the purpose names the target
        ("Valdes deployed the Chilean navy to protect Peruvian ports.",
         [(("CHL",), ("PER",), "154"), (("CHL",), ("PER",), "074")]),
        ("Chile sent Chilean troops to Peru.", [(("CHL",), ("PER",), "154")]),
        ("Chile sent Peruvian prisoners to Bolivia.", [(("CHL",), ("BOL",), "070")]),
        # a verb that does not move its object keeps it ("Chile's navy" is criticised)
        ("Valdes criticised the Chilean navy.", [(("CHL",), ("CHL",), "111")]),
    ],
)
def test_events_dispatched_own_forces_are_not_the_target(nlp, kb, text, expected):
    assert [(tuple(a.country for a in e.source), tuple(a.country for a in e.target), e.cameo)
            for e in run(nlp, kb, text)] == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # a denied act is negated, the denial itself a rejection by the denier
        ("Peru denied that it had shelled Chilean villages.",
         [("PER", None, "120", "REJECT", "asserted"), ("PER", "CHL", "194", "ASSAULT", "negated")]),
        ("Peru denied claims that Peruvian troops had shelled Chilean villages.",
         [("PER", "CHL", "194", "ASSAULT", "negated")]),
        # a denial that is itself negated leaves the act reported; a plain report stays reported
        ("Peru did not deny that it had shelled Chilean villages.",
         [("PER", None, "120", "REJECT", "negated"), ("PER", "CHL", "194", "ASSAULT", "reported")]),
        ("Peru said that it had shelled Chilean villages.", [("PER", "CHL", "194", "ASSAULT", "reported")]),
    ],
)
def test_events_denied_acts_are_negated(nlp, kb, text, expected):
    assert coded(run(nlp, kb, text)) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # the act a request asks for is not a fact; the request is asserted
        ("Peru demanded that Chile withdraw its troops.",
         [("PER", "CHL", "100", "REQUEST", "asserted"), ("CHL", None, "087", "RETREAT", "hypothetical")]),
        ("Peru demanded that Chile should withdraw its troops.",
         [("PER", "CHL", "100", "REQUEST", "asserted"), ("CHL", None, "087", "RETREAT", "hypothetical")]),
        # a claim about what happened is a report
        ("Peru insisted that Chile had withdrawn its troops.", [("CHL", None, "087", "RETREAT", "reported")]),
    ],
)
def test_events_requested_acts_are_not_facts(nlp, kb, text, expected):
    assert coded(run(nlp, kb, text)) == expected


def test_events_speech_act_whose_cue_is_a_quote_cue_is_asserted(nlp, kb):
    # the quote stage may read "called for a ceasefire" as indirect speech cued by "called": the
    # appeal is the speaking itself, not an event inside what was said
    text = "Peru called for a ceasefire."
    speaker = Actor("Peru", "Peru", "PER", "PER", None, 0, 4)
    quote = Quote("indirect", "a ceasefire", ((16, 27),), "called", speaker, 0, len(text), cue_start=5, cue_end=11)
    assert [(e.event_type, e.modality) for e in run(nlp, kb, text, quotes=[quote])] == [("REQUEST", "asserted")]


def test_events_governing_clause_date_applies(nlp, kb):
    evs = run(nlp, kb, "Ties soured last October when Valdes ordered a blockade of Bolivia.")
    assert [(e.cameo, e.date, e.date_basis) for e in evs] == [("191", "2020-10", "relative")]


def test_events_possibility_is_hypothetical(nlp, kb):
    evs = run(nlp, kb, "Ecuador fears being drawn into a war between Peru and Colombia.")
    assert [(e.cameo, e.modality) for e in evs] == [("190", "hypothetical")]


def test_events_different_objects_are_not_duplicates(nlp, kb):
    text = "Chile backed Peru at the summit. Chile backed Peru's bid to host the games."
    evs = [e for e in run(nlp, kb, text) if e.cameo == "051"]
    assert [(e.cameo, len(e.mentions)) for e in evs] == [("051", 1), ("051", 1)]


def test_events_demand_negation_belongs_to_content(nlp, kb):
    evs = run(nlp, kb, "Mwangi said that Ghana must not rely on Kenya.")
    assert [(e.cameo, e.modality, e.source[0].country, e.target[0].country) for e in evs] == [("100", "asserted", "KEN", "GHA")]


def _by_modality(evs):
    return sorted((e.modality, tuple(a.country for a in e.source), tuple(a.country for a in e.target), e.cameo) for e in evs)


def test_events_stated_refusal_is_an_asserted_rejection(nlp, kb):
    # the speaker announces its own unwillingness: the refusal happened, the sale did not
    evs = run(nlp, kb, "Valdes said Chile will not sell the frigates to Peru.")
    assert _by_modality(evs) == [("asserted", ("CHL",), ("PER",), "1211"), ("negated", ("CHL",), ("PER",), "061")]
    rej = next(e for e in evs if e.event_type == "REJECT")
    assert rej.rule.endswith("+refusal") and rej.speaker is not None and rej.speaker.country == "CHL"


@pytest.mark.parametrize(
    "text",
    [
        "Quispe said Chile will not sell the frigates to Bolivia.",  # someone else's claim about Chile
        "Valdes said Chile did not sell the frigates to Bolivia.",  # a denied fact, not a refusal
    ],
)
def test_events_negation_without_own_refusal_is_not_a_rejection(nlp, kb, text):
    assert [e.modality for e in run(nlp, kb, text)] == ["negated"]


def test_events_limiting_an_actors_fleet_is_coercion_by_the_gerund_subject(nlp, kb):
    evs = run(nlp, kb, "Chile worked with Peru in limiting Bolivia's fishing fleet.")
    got = [e for e in evs if e.event_type == "COERCE"]
    assert [(tuple(a.country for a in e.source), tuple(a.country for a in e.target), e.cameo, e.modality) for e in got] \
        == [(("CHL",), ("BOL",), "172", "asserted")]
    # a limit on something no actor owns is not an event
    assert run(nlp, kb, "Chile limited the number of permits.") == []


@pytest.mark.parametrize(
    "text, expected",
    [
        # the event noun inside a quantity or effort head
        ("Chilean and Peruvian frigates staged a week of naval drills.", [(("CHL",), ("PER",), "062")]),
        ("Norway halted its mediation efforts between Colombia and Ecuador.", [(("NOR",), ("COL", "ECU"), "165")]),
        pytest.param("Norway suspended its mediation efforts between Colombia and Ecuador.",
                     [(("NOR",), ("COL", "ECU"), "165")],
                     marks=pytest.mark.xfail(reason="verbs.jsonl lists the plain 'suspend' pattern (160, suspend "
                                                    "relations) before the halting one of the same specificity, so "
                                                    "'suspend' never composes with an event noun")),
        # a past attempt happened; only a coming one is a plan
        ("Colombia tried to invade Ecuador.", [(("COL",), ("ECU",), "192")]),
    ],
)
def test_events_phrase_phenomena(nlp, kb, text, expected):
    assert triples(run(nlp, kb, text)) == sorted(expected)


def test_events_unresolved_pronoun_of_a_report_is_the_reporter(nlp, kb):
    evs = run(nlp, kb, "Argentina declared that it would export beef to Ghana.")
    assert [(e.source[0].country, e.target[0].country, e.event_type) for e in evs] == [("ARG", "GHA", "AGREE")]


@pytest.mark.parametrize(
    "text, expected",
    [
        # preparing an attack is a show of force (asserted); preparing anything else stays a plan
        ("Peruvian troops prepared to attack Ecuador.", [("PER", "ECU", "152", "MOBILIZE", "asserted")]),
        ("Chile is preparing to sign a fisheries accord with Peru.", [("CHL", "PER", "030", "AGREE", "future")]),
        # who arrives decides what an arrival is
        ("Kenyan peacekeepers arrived in Ghana.", [("KEN", "GHA", "074", "AID", "asserted")]),
        ("Peruvian troops arrived in Ecuador.", [("PER", "ECU", "154", "MOBILIZE", "asserted")]),
        ("Nairobi forced Ghana out of the customs union.", []),  # no actor for Nairobi in the helper list
        ("Kenya forced Ghana out of the customs union.", [("KEN", "GHA", "166", "SANCTION", "asserted")]),
        # calling for hostile action against a target, no one addressed: rallying opposition
        ("Valdes called for an embargo against Bolivia.", [("CHL", "BOL", "113", "ACCUSE", "asserted")]),
        pytest.param("Valdes called on Peru to impose an embargo on Bolivia.", [("CHL", "PER", "REQUEST")],
                     marks=pytest.mark.xfail(reason="the small English model parses 'called' as a participle "
                                                    "modifying 'Valdes', so the appeal has no subject")),
        ("Peru has mobilized voters in Ecuador.", []),  # not a military mobilization
    ],
)
def test_events_predicate_phenomena(nlp, kb, text, expected):
    got = coded(resolved(run(nlp, kb, text)))
    if expected and len(expected[0]) == 3:
        got = [(g[0], g[1], g[3]) for g in got]
    assert got == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # the threat's target is the target of the threatened act
        ("Bolivia threatened to fire missiles at Chile.", [(("BOL",), ("CHL",), "1384")]),
        # complaining to someone about someone: the target is the one complained about
        ("Ecuador complained to Sweden about Colombian border raids.", [(("ECU",), ("COL",), "114")]),
        # rejecting what another actor's noun offers: that actor is the target
        ("Chile rejected Peruvian mediation.", [(("CHL",), ("PER",), "126")]),
        pytest.param("Chile accepted Peruvian mediation.", [(("CHL",), ("PER",), "039")],
                     marks=pytest.mark.xfail(reason="verbs.jsonl gives 'accept' no intend role, so accepting "
                                                    "another's mediation is the generic 030, not 039")),
        # 'help' passes through to what is helped
        ("Norway helped negotiate a truce between Colombia and Ecuador.",
         [(("NOR",), ("COL", "ECU"), "046"), (("COL",), ("ECU",), "0871")]),
        # an event noun object stands for its agent, not for its patient
        ("Chile condemned the Peruvian blockade of Bolivia.", [(("CHL",), ("PER",), "111"), (("PER",), ("BOL",), "191")]),
        ("Chile accepted demands from Peru.", [(("CHL",), ("PER",), "083")]),  # 'from' names a demand's agent
        ("Chile threatened further action against Peru.", [(("CHL",), ("PER",), "130")]),  # composed: its own target
        ("Chile praised the talks with Peru.", [(("CHL",), ("PER",), "051")]),
        # talks are about their object and topic phrases, which name no recipient
        ("Chile and Peru discussed Bolivia.", [(("CHL",), ("PER",), "040")]),
        ("Chile held talks with Peru on Bolivia.", [(("CHL",), ("PER",), "046")]),
        ("Chile held talks on Bolivia.", [(("CHL",), (), "046")]),
        # a shared attitude or a shared border is no cooperation
        ("Chile and Peru share a dislike of Bolivia.", []),
        ("Chile shares a long border with Peru.", []),
    ],
)
def test_events_target_phenomena(nlp, kb, text, expected):
    assert triples(run(nlp, kb, text)) == sorted(expected)


@pytest.mark.parametrize(
    "text, expected",
    [
        # a protest is against whom its purpose names
        pytest.param("Bolivian miners staged a sit-in to demand the release of Valdes.",
                     [(("BOL",), ("CHL",), "1053"), (("BOL",), ("CHL",), "141")],
                     marks=pytest.mark.xfail(reason="the tokenizer splits 'sit-in' into three tokens, so the noun "
                                                    "pattern 'sit-in' never matches and only the demand is coded")),
        ("Peruvian farmers gathered for a demonstration to condemn Bolivia.", [(("PER",), ("BOL",), "141")]),
        # closing borders reduces relations with the neighbours named
        ("Peru shut its borders with Ecuador and Bolivia.", [(("PER",), ("ECU", "BOL"), "160")]),
    ],
)
def test_events_protest_and_border_phenomena(nlp, kb, text, expected):
    assert triples(run(nlp, kb, text)) == sorted(expected)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Peru held parades and naval drills with Chile.", [("PER", "CHL", "COOPERATE")]),
        pytest.param("Colombian troops opened mortar and rocket fire on Ecuador.", [("COL", "ECU", "ASSAULT")],
                     marks=pytest.mark.xfail(reason="'open' has no light role in verbs.jsonl (only 'open the "
                                                    "border'), so 'opened fire' composes with nothing")),
    ],
)
def test_events_coordinated_object_holds_the_event_noun(nlp, kb, text, expected):
    assert [(e.source[0].country, e.target[0].country, e.event_type) for e in run(nlp, kb, text)] == expected


def test_events_setting_fire_to_things_is_no_attack(nlp, kb):
    assert run(nlp, kb, "Chile set fire to the old archives.") == []


@pytest.mark.parametrize(
    "text, expected",
    [
        # permitting a humanitarian delivery is allowing humanitarian access (0863)
        ("Chile relaxed its checkpoints to permit the delivery of medicine to Bolivia.", [(("CHL",), ("BOL",), "0863")]),
        # a speech noun's that-clause with must is a demand on the addressee
        ("Valdes issued a curt notice to Peru that it must free the sailors.", [(("CHL",), ("PER",), "1053")]),
        # patrols are a show of force
        ("Kenya sent patrols along its frontier with Ghana.", [(("KEN",), ("GHA",), "150")]),
    ],
)
def test_events_noun_phenomena(nlp, kb, text, expected):
    assert triples(run(nlp, kb, text)) == sorted(expected)


@pytest.mark.parametrize(
    "text, expected",
    [
        # 'push for X to do Y' appeals to X
        ("Sweden is pushing for Ghana to free the jailed fishermen.", [(("SWE",), ("GHA",), "0253")]),
        # 'ordered out' expels
        ("Peru ordered the Bolivian consul out of the country.", [(("PER",), ("BOL",), "174")]),
        # joining or gathering for a protest is protesting
        ("Chilean dockers joined the strike against Peru.", [(("CHL",), ("PER",), "143")]),
    ],
)
def test_events_light_and_for_clause_phenomena(nlp, kb, text, expected):
    assert triples(run(nlp, kb, text)) == sorted(expected)


def test_events_threat_terms_name_the_target_and_do_not_make_it_hypothetical(nlp, kb):
    evs = run(nlp, kb, "Bolivian miners threatened to stage a national strike unless Chile reopens the border.")
    got = [g for g in coded(evs) if g[3] == "THREATEN"]
    assert [(g[0], g[1], g[3], g[4]) for g in got] == [("BOL", "CHL", "THREATEN", "asserted")]


def test_events_coordinated_modifiers_outside_the_head_mention(nlp, kb):
    # "Peruvian frigates" is one mention, "Chilean" another: both are parties
    text = "Chilean and Peruvian frigates held naval drills."
    start = text.index("Peruvian frigates")
    ms = [Mention(0, 7, "Chilean", "Chile", "CHL", "CHL", None, "demonym"),
          Mention(start, start + len("Peruvian frigates"), "Peruvian frigates", "Peru", "PERMIL", "PER", "MIL", "organization")]
    evs = run(nlp, kb, text, mentions=ms)
    assert [(sorted([e.source[0].country, e.target[0].country]), e.cameo) for e in evs] == [(["CHL", "PER"], "062")]


@pytest.mark.parametrize(
    "text, expected",
    [
        # a passive legal/coercive act without an agent is the act of the state it happens in
        ("A Kenyan reporter was detained in Ghana.", [(("GHA",), ("KEN",), "173")]),
        ("A Kenyan reporter was placed under investigation in Ghana.", [(("GHA",), ("KEN",), "090")]),
        # not a legal act: the text names no one who applauds (an event with an empty source, unresolved)
        ("A Kenyan reporter was applauded in Ghana.", [((), ("KEN",), "051")]),
    ],
)
def test_events_passive_legal_acts_of_the_jurisdiction(nlp, kb, text, expected):
    assert triples(resolved(run(nlp, kb, text))) == sorted(expected)


@pytest.mark.parametrize(
    "text, expected",
    [
        # issue 11, item 4: a side the actor stage could not resolve still gives the event, marked
        ("Masked gunmen attacked a Peruvian patrol.", [((None,), ("PER",), "190", False)]),
        ("Chilean troops shelled civilians in the valley.", [(("CHL",), (None,), "194", False)]),
        ("Chile and gunmen attacked Peru.", [(("CHL", None), ("PER",), "190", False)]),
        ("Two Peruvian soldiers were killed overnight.", [((), ("PER",), "1823", False)]),  # no agent named
        ("Chile attacked Peru.", [(("CHL",), ("PER",), "190", True)]),
        ("Masked gunmen were seen near the border.", []),
        ("The talks were applauded in Oslo.", [((), (), "051", False)]),  # the sentence's own candidate, no actor
        ("The talks were applauded.", []),  # ... but not in a sentence naming no one (unresolved.unnamed_act)
    ],
)
def test_events_unresolved_sides_are_kept_and_marked(nlp, kb, text, expected):
    got = [(tuple(a.country for a in e.source), tuple(a.country for a in e.target), e.cameo, e.resolved)
           for e in run(nlp, kb, text)]
    assert got == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # a warning is a threat only when the warner announces its own hostile act
        ("Chile warned Peru that it would strike its ports.", [("CHL", "PER", "1384", "THREATEN", "asserted")]),
        ("Valdes cautioned that Chile would impose sanctions on Peru.", [("CHL", "PER", "1312", "THREATEN", "asserted")]),
        ("Chile warned that it would retaliate against Peru.", [("CHL", "PER", "130", "THREATEN", "asserted")]),
        ("Chile warned that it would pull out of the talks with Peru.", [("CHL", "PER", "130", "THREATEN", "asserted")]),
        # told (not) to act: an appeal that was made, the requested act not coded as happening
        ("Chile warned Peru not to deploy troops.", [("CHL", "PER", "100", "REQUEST", "asserted")]),
        ("Chile warned Peru against deploying troops.", [("CHL", "PER", "100", "REQUEST", "asserted")]),
        ("Valdes urged Bolivia not to close the border.", [("CHL", "BOL", "100", "REQUEST", "asserted")]),
        ("Chile warned Peru that the world was watching.", [("CHL", "PER", "020", "REQUEST", "asserted")]),
        # another actor's hostile act: an accusation of it (the act itself stays reported)
        ("Chile warned that Peru was shelling border villages.",
         [("CHL", "PER", "111", "ACCUSE", "asserted"), ("PER", None, "194", "ASSAULT", "reported")]),
        # a warning about a situation is no event
        ("Chile warned that the storm would flood the valley.", []),
        ("Chile warned of a humanitarian catastrophe.", []),
    ],
)
def test_events_warnings_and_threats(nlp, kb, text, expected):
    assert coded(run(nlp, kb, text)) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # a participle's agent backs its head noun, and the head is not the agent's
        ("Chilean-backed rebels attacked Bolivia.",
         [(("CHL",), (None,), "070"), ((None,), ("BOL",), "190")]),
        ("Peruvian rebels, backed by Chilean air support, attacked Bolivia.",
         [(("CHL",), ("PER",), "070"), (("PER",), ("BOL",), "190")]),
        ("Chile backed the Peruvian plan.", [(("CHL",), ("PER",), "051")]),  # backing in words
        # the controller of a clause under a passive acts in it; the killer is not named
        ("A Chilean volunteer was killed fighting alongside Peruvian troops.",
         [((), ("CHL",), "1823"), (("CHL",), ("PER",), "062")]),
        ("Chile was forced to withdraw its troops from Peru.", [(("CHL",), ("PER",), "087")]),
        ("Mourners honoured a Chilean teacher killed fighting the rebels in Peru.",
         [((), ("CHL",), "1823"), (("CHL",), (None,), "190")]),
        # not Peru's militias: the aid has no recipient (the sentence's candidate, unresolved)
        ("Chile armed a group of anti-Peru militias.", [(("CHL",), (), "072")]),
    ],
)
def test_events_participles_and_passives(nlp, kb, text, expected):
    assert [(tuple(a.country for a in e.source), tuple(a.country for a in e.target), e.cameo)
            for e in run(nlp, kb, text)] == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # the sense of a misleading trigger is read from its object, particle or modifiers
        ("Chile struck a deal with Peru.", [("CHL", "PER", "057")]),
        ("Chile struck a balance between Peru and Bolivia.", []),
        ("Chilean jets carried out aerial strikes on Peru.", [("CHL", "PER", "190")]),
        ("Peruvian dockers went on strike.", [("PER", None, "143")]),
        ("Chile conducted strikes on Peru.", [("CHL", "PER", "190")]),  # a state's strike is an attack
        ("A Chilean strike on Peru killed ten.", [("CHL", "PER", "190"), ("CHL", None, "1823")]),
        ("Chile freed two Peruvian prisoners.", [("CHL", "PER", "0841")]),
        ("Chile freed up funds for Peru.", []),
        ("Chilean students demonstrated against Peru.", [("CHL", "PER", "141")]),
        ("The vote demonstrates Chilean resolve.", []),
        ("Chile hit out at Peru over the tariffs.", [("CHL", "PER", "111")]),
        ("Chilean jets hit Peruvian positions.", [("CHL", "PER", "190")]),
        ("Chile dropped bombs on Peru.", [("CHL", "PER", "195")]),
        ("Chile dispatched warships to Peruvian waters.", [("CHL", "PER", "154")]),  # sending forces is no aid
        ("Chile sent aid to Peru.", [("CHL", "PER", "070")]),
        ("Chile pushed Peru to sign the deal.", [("CHL", "PER", "022")]),
        ("Peruvian troops pushed into Chile.", [("PER", "CHL", "190")]),
        ("Chile condemned the Peruvian invasion of Bolivia.", [("CHL", "PER", "111"), ("PER", "BOL", "190")]),
    ],
)
def test_events_word_senses(nlp, kb, text, expected):
    assert [(g[0], g[1], g[2]) for g in coded(run(nlp, kb, text))] == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # putting forward another's hostile act accuses it; the act itself stays reported
        ("Chile claimed that Peruvian troops shelled Bolivian villages.",
         [("CHL", "PER", "112", "ACCUSE", "asserted"), ("PER", "BOL", "194", "ASSAULT", "reported")]),
        ("Chile said that Peruvian troops shelled Bolivian villages.", [("PER", "BOL", "194", "ASSAULT", "reported")]),
        ("Chile claimed it had struck rebel positions.", [("CHL", None, "190", "ASSAULT", "reported")]),  # its own act
        # judgements in what is said or quoted, with the speaker as source
        ("“Peru's blockade is illegal,” Valdes said.", [("CHL", "PER", "111", "ACCUSE", "asserted")]),
        ("Valdes said Peru had been a reliable partner.", [("CHL", "PER", "051", "SUPPORT", "asserted")]),
        ("Valdes said Peru's blockade was not illegal.", [("PER", None, "191", "COERCE", "reported")]),  # no speech act
        ("Chile described the Peruvian president as a dictator.", [("CHL", "PER", "111", "ACCUSE", "asserted")]),
        ("Valdes branded Peru an aggressor.", [("CHL", "PER", "111", "ACCUSE", "asserted")]),
        ("Chile described Peru's economy as strong.", []),
    ],
)
def test_events_speech_acts_in_reports_and_quotes(nlp, kb, text, expected):
    quotes = []
    if text.startswith("“"):
        end = text.index("”")
        speaker = Actor("Valdes", "Ines Valdes", "CHLGOV", "CHL", "GOV", text.index("Valdes"), text.index("Valdes") + 6)
        cue = text.index("said")
        quotes = [Quote("direct", text[1:end - 1], ((1, end - 1),), "said", speaker, 0, len(text), cue_start=cue, cue_end=cue + 4)]
    assert coded(run(nlp, kb, text, quotes=quotes)) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # coordination paired as written: "A and B, C and D" are two pairs, not every pair
        ("Clashes between Chile and Peru, Bolivia and Peru left dozens dead.",
         [(("CHL",), ("PER",), "190"), (("BOL",), ("PER",), "190")]),
        ("Clashes between Chile, Peru and Bolivia left dozens dead.",
         [(("CHL",), ("PER",), "190"), (("CHL",), ("BOL",), "190"), (("PER",), ("BOL",), "190")]),
        # coordinated subjects act on each other only through a reciprocal verb or their relation
        ("Chile and Peru severed ties.", [(("CHL",), ("PER",), "161")]),
        ("Chile, Peru and Bolivia are preparing to help in rebuilding the port.",
         [(("CHL", "PER", "BOL"), (), "033")]),  # their joint act on the port, no dyad among them
    ],
)
def test_events_coordination_pairs(nlp, kb, text, expected):
    assert [(tuple(a.country for a in e.source), tuple(a.country for a in e.target), e.cameo)
            for e in run(nlp, kb, text)] == expected


def test_events_population_wishes_are_not_refusals(nlp, kb):
    text = "Valdes said Chilean tourists will not travel to Peru."
    tourists = text.index("Chilean tourists")
    ms = [Mention(0, 6, "Valdes", "Ines Valdes", "CHLGOV", "CHL", "GOV", "person"),
          Mention(tourists, tourists + 16, "Chilean tourists", "Chile", "CHLCVL", "CHL", "CVL", "organization"),
          Mention(text.index("Peru"), text.index("Peru") + 4, "Peru", "Peru", "PER", "PER", None, "state")]
    evs = run(nlp, kb, text, mentions=ms)
    assert evs and all(e.event_type != "REJECT" for e in evs)


def test_events_measure_head_carries_the_recipient(nlp, kb):
    evs = run(nlp, kb, "Sweden pledged two shiploads of aid for Kenya and Ghana.")
    assert triples(evs) == [(("SWE",), ("KEN", "GHA"), "033")]


@pytest.mark.parametrize(
    "text, target",
    [
        ("Valdes said Chile will not ratify the treaty until Bolivia returns the seized boats.", "BOL"),
        pytest.param("Valdes said Chile will not sign the treaty until Bolivia apologizes.", "BOL",
                     marks=pytest.mark.xfail(reason="the parser reads 'apologizes' as a noun with 'Bolivia' as its "
                                                    "compound, so the terms clause has no subject and the refusal "
                                                    "stays one-sided")),
    ],
)
def test_events_conditional_refusal_is_addressed_to_the_condition_subject(nlp, kb, text, target):
    rej = [e for e in run(nlp, kb, text) if e.event_type == "REJECT"]
    assert [(e.source[0].country, [a.country for a in e.target], e.modality) for e in rej] == [("CHL", [target], "asserted")]
    assert "+norecipient" not in rej[0].rule and rej[0].rule.endswith("+terms+refusal")


def test_plover_eval_main_event_is_the_shallowest_predicate(nlp, kb):
    from evals.plover import _main_event

    text = "Peru agreed to reopen its ports to Chile, which supervises a truce between Bolivia and Ecuador."
    doc = nlp(text)
    evs = coded_events(doc, article=Article("t", text, date=PUB), mentions=mentions_for(text), quotes=[], kb=kb)
    assert len(evs) >= 2  # the agreement and the truce
    main = _main_event(evs, doc, kb)
    assert main.event_type == "AGREE" and main.source[0].country == "PER"
