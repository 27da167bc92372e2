"""Quote stage rules on sentences of our own: direct, indirect and mixed quotations, cues and speakers.

Rules are tested on the shipped knowledge (the session ``kb``); tests of the shipped data files
themselves are in ``test_quote_kb.py``.
"""

from __future__ import annotations

import pytest

from dyadscope.quotes import quotations, quote_at
from dyadscope.records import Actor, Article, Mention

pytestmark = pytest.mark.slow


def run(nlp, kb, text, mentions=()):
    doc = nlp(text)
    return quotations(doc, article=Article(doc_id="t", text=text), mentions=list(mentions), kb=kb)


def contents(text, quote):
    return [text[s:e] for s, e in quote.content_spans]


def person(text, full, name, code, country="SWE", sector="GOV"):
    start = full.index(text)
    return Mention(start, start + len(text), text, name, code, country, sector, "person")


@pytest.mark.parametrize(
    "text, content, cue, speaker",
    [
        ('"We will not retreat from the talks," the minister said.',
         "We will not retreat from the talks,", "said", "the minister"),
        ("“The border stays open for trade,” Foreign Minister Anna Berg told Xinhua.",
         "The border stays open for trade,", "told Xinhua", "Foreign Minister Anna Berg"),
        ("«The border will stay open for now», the spokesman said.",
         "The border will stay open for now", "said", "the spokesman"),
        ("The agency wrote: “Supplies will run out within a month.”",
         "Supplies will run out within a month.", "wrote", "The agency"),
        ("“Nobody in the region wants another war,” said Maria Lopez, the special envoy.",
         "Nobody in the region wants another war,", "said", "Maria Lopez, the special envoy"),
        ("''Our factories are running at half capacity,'' the trade minister said.",
         "Our factories are running at half capacity,", "said", "the trade minister"),
    ],
)
def test_quotations_direct_marks_and_speaker(nlp, kb, text, content, cue, speaker):
    quotes = run(nlp, kb, text)
    assert len(quotes) == 1
    q = quotes[0]
    assert q.quote_type == "direct"
    assert contents(text, q) == [content]
    assert q.cue == cue
    assert q.speaker is not None and q.speaker.text == speaker
    assert text[q.speaker.start : q.speaker.end] == speaker
    assert q.rule == "quotes.direct.v1"


def test_quotations_nested_single_quotes_stay_inside(nlp, kb):
    text = "“They promised us ‘no new taxes’ and then raised them twice,” the senator said."
    (q,) = run(nlp, kb, text)
    assert contents(text, q) == ["They promised us ‘no new taxes’ and then raised them twice,"]
    assert q.speaker.text == "the senator"


def test_quotations_split_quote_is_one_quotation(nlp, kb):
    text = "“The harvest failed,” the farmer said. “We have nothing left to sell this winter.”"
    (q,) = run(nlp, kb, text)
    assert contents(text, q) == ["The harvest failed,", "We have nothing left to sell this winter."]
    assert q.speaker.text == "the farmer"


def test_quotations_multi_paragraph_quote(nlp, kb):
    text = ("“The first months were the hardest for the whole village.\n\n"
            "“Then the river rose again and we lost the bridge,” the mayor said.")
    (q,) = run(nlp, kb, text)
    assert len(q.content_spans) == 2
    assert contents(text, q)[0].startswith("The first months")
    assert contents(text, q)[1].startswith("Then the river")
    assert q.speaker.text == "the mayor"


def test_quotations_continuation_paragraph_inherits_speaker(nlp, kb):
    text = ("“Our exports have halved since spring,” said Rosa Quispe, who runs a weaving cooperative.\n"
            "“Unless the mountain road is repaired soon, many families will have to leave the valley.”")
    mentions = [person("Rosa Quispe", text, "Rosa Quispe", "PER", "PER", None)]
    first, second = run(nlp, kb, text, mentions)
    assert first.cue == "said"
    assert first.speaker.name == "Rosa Quispe"
    assert second.rule == "quotes.direct.continuation.v1"
    assert second.speaker == first.speaker
    assert contents(text, second)[0].startswith("Unless the mountain road")


@pytest.mark.parametrize(
    "text, cue, speaker, content_start",
    [
        ("The ministry said that the talks would resume in May.", "said", "The ministry", "that the talks"),
        ("Canada says it will expand the program next year.", "says", "Canada", "it will expand"),
        ("Ecuador has said it will not renew the lease before the election.", "has said", "Ecuador", "it will not renew"),
        ("The general warned that any incursion would be answered.", "warned", "The general", "that any incursion"),
        ("Several economists argued that the tariff would hurt exporters.", "argued", "Several economists",
         "that the tariff"),
        ("Mr. Ruiz told Xinhua that the shipment had already left port.", "told Xinhua", "Mr. Ruiz",
         "that the shipment"),
    ],
)
def test_quotations_indirect(nlp, kb, text, cue, speaker, content_start):
    quotes = run(nlp, kb, text)
    assert len(quotes) == 1
    q = quotes[0]
    assert q.quote_type == "indirect"
    assert q.cue == cue
    assert q.speaker.text == speaker
    assert q.content.startswith(content_start)


def test_quotations_according_to(nlp, kb):
    text = "According to the customs agency, exports fell by a third last year."
    (q,) = run(nlp, kb, text)
    assert q.cue == "According to"
    assert q.speaker.text == "the customs agency"
    assert q.content == "exports fell by a third last year"


def test_quotations_parenthetical_they_say_resolves_to_earlier_group(nlp, kb):
    text = ("The auditors Ana Park and Luis Mendes argued that the levy was unfair to farmers. "
            "The refund on offer is far too small, they added.")
    mentions = [person("Ana Park", text, "Ana Park", "KOR", "KOR", None),
                person("Luis Mendes", text, "Luis Mendes", "PRT", "PRT", None)]
    first, second = run(nlp, kb, text, mentions)
    assert first.speaker.name == "Ana Park and Luis Mendes"
    assert first.speaker.code is None  # two different actors: no single code
    assert second.content == "The refund on offer is far too small"
    assert second.speaker.text == "they"
    assert text[second.speaker.start : second.speaker.end] == "they"
    assert second.speaker.name == "Ana Park and Luis Mendes"


def test_quotations_pronoun_speaker_local_span_resolved_actor(nlp, kb):
    text = ("Prime Minister Lena Holm met the delegation on Monday. "
            "She said that the agreement would be signed within weeks.")
    mentions = [person("Lena Holm", text, "Lena Holm", "SWEGOV")]
    (q,) = run(nlp, kb, text, mentions)
    assert q.speaker.text == "She"
    assert q.speaker.start == text.index("She")
    assert q.speaker.name == "Lena Holm"
    assert q.speaker.code == "SWEGOV"


def test_quotations_speaker_from_mention_with_code(nlp, kb):
    text = "“We are ready to talk,” Foreign Minister Anna Berg said on Tuesday."
    mentions = [person("Anna Berg", text, "Anna Berg", "SWEGOV")]
    (q,) = run(nlp, kb, text, mentions)
    assert q.speaker.text == "Foreign Minister Anna Berg"
    assert (q.speaker.name, q.speaker.code, q.speaker.country, q.speaker.sector) == ("Anna Berg", "SWEGOV", "SWE", "GOV")


def test_quotations_group_mention_members(nlp, kb):
    text = "The two governments said that the border would reopen in spring."
    start = text.index("The two governments")
    members = (Actor("Norway", "Norway", "NOR", "NOR", None, 0, 0), Actor("Sweden", "Sweden", "SWE", "SWE", None, 0, 0))
    group = Mention(start, start + len("The two governments"), "The two governments", None, None, None, None,
                    "group", members=members)
    (q,) = run(nlp, kb, text, [group])
    assert q.speaker.name == "Norway and Sweden"
    assert q.speaker.code is None


def test_quotations_demonstrative_description_links_to_named_group(nlp, kb):
    text = ("The auditors Ana Park and Luis Mendes argued that the levy was unfair to farmers. "
            "Months later these auditors claimed that the ministry ignored their report.")
    mentions = [person("Ana Park", text, "Ana Park", "KOR", "KOR", None),
                person("Luis Mendes", text, "Luis Mendes", "PRT", "PRT", None)]
    second = run(nlp, kb, text, mentions)[-1]
    assert second.cue == "claimed"
    assert second.speaker.text == "these auditors"
    assert second.speaker.name == "Ana Park and Luis Mendes"


def test_quotations_description_with_apposition(nlp, kb):
    text = "The reviewer, a chemist at a laboratory in Porto, noted that the samples had been mislabelled."
    (q,) = run(nlp, kb, text)
    assert q.speaker.text == "The reviewer, a chemist at a laboratory in Porto"
    assert q.speaker.code is None


def test_quotations_passive_with_outlet_in_phrase(nlp, kb):
    text = "In a report posted on the website Kestrel, it was claimed that the dam would open in May."
    (q,) = run(nlp, kb, text)
    assert q.rule == "quotes.passive.v1"
    assert q.cue == "was claimed"
    assert q.speaker.text == "Kestrel"
    assert q.content.startswith("that the dam")


def test_quotations_mixed_partial_quotation(nlp, kb):
    text = "The envoy said the offer was “a step backwards for the whole region” and left early."
    (q,) = run(nlp, kb, text)
    assert q.quote_type == "mixed"
    assert q.speaker.text == "The envoy"
    assert "a step backwards" in q.content


def test_quotations_scare_quotes_are_not_quotations(nlp, kb):
    text = 'The so-called "green corridor" plan was unveiled with great ceremony in 2014.'
    assert run(nlp, kb, text) == []


def test_quotations_speaker_unknown_stays_none(nlp, kb):
    text = "Officials met in Geneva.\n\n“Nothing will change for the farmers in the valley unless the dam is opened again soon.”"
    quotes = run(nlp, kb, text)
    assert len(quotes) == 1
    assert quotes[0].speaker is None
    assert quotes[0].cue is None


@pytest.mark.parametrize(
    "text",
    [
        '"He left," she said. "And then',
        "“Unclosed quotation at the end of the text",
        "” stray closing mark and “ another opening » «",
        '""""',
        "She said: ",
        "",
        "According to",
        "“A\n\n“B\n\n“C",
    ],
)
def test_quotations_odd_punctuation_never_raises(nlp, kb, text):
    quotes = run(nlp, kb, text)
    assert isinstance(quotes, list)
    for q in quotes:
        assert 0 <= q.start <= q.end <= len(text)


def test_quotations_document_order(nlp, kb):
    text = ("“Prices will rise,” the banker said. The union says wages must follow. "
            "According to the statistics office, inflation reached six percent.")
    quotes = run(nlp, kb, text)
    assert [q.cue for q in quotes] == ["said", "says", "According to"]
    assert [q.start for q in quotes] == sorted(q.start for q in quotes)


def test_quote_at_finds_quote_containing_range(nlp, kb):
    text = "The ministry said that troops would withdraw from the border by Friday."
    quotes = run(nlp, kb, text)
    at = text.index("withdraw")
    assert quote_at(quotes, at, at + len("withdraw")) is quotes[0]
    assert quote_at(quotes, 0, 3) is None
    assert quote_at([], 0, 1) is None


@pytest.mark.parametrize(
    "text, cue, speaker, content",
    [
        ("The mayor urged the council to reject the budget.", "urged", "The mayor",
         "the council to reject the budget"),
        ("The opposition leader called for new elections and a caretaker government.", "called",
         "The opposition leader", "new elections and a caretaker government"),
        ("Greece announced the closure of two border crossings.", "announced", "Greece",
         "the closure of two border crossings"),
    ],
)
def test_quotations_learned_frames(nlp, kb, text, cue, speaker, content):
    (q,) = run(nlp, kb, text)
    assert q.quote_type == "indirect"
    assert q.rule.startswith("quotes.frame.")
    assert q.cue.startswith(cue)
    assert q.speaker.text == speaker
    assert q.content == content


def test_quotations_not_a_cue_verbs(nlp, kb):
    assert run(nlp, kb, "The talks appear to have stalled again this week.") == []


def test_quotations_speaker_label_at_paragraph_head(nlp, kb):
    text = "CHAIR: Councillor, your two minutes are nearly up, so please finish.\nNote: the recording ends here."
    quotes = run(nlp, kb, text)
    labelled = [q for q in quotes if q.rule == "quotes.colon.v1"]
    assert len(labelled) == 1
    assert labelled[0].speaker.text == "CHAIR"
    assert labelled[0].content.startswith("Councillor, your two minutes")


def test_quotations_nested_attribution_keeps_outermost(nlp, kb):
    text = "The minister said that the rebels claimed the town had fallen."
    (q,) = run(nlp, kb, text)
    assert q.cue == "said"
    assert q.content == "that the rebels claimed the town had fallen"


def test_quotations_a_failing_rule_raises(nlp, kb, monkeypatch):
    # the stage does not swallow errors: the pipeline turns them into the document's Failure
    from dyadscope.quotes import attribution
    from dyadscope.rules import rule_table

    def broken(found):
        raise RuntimeError("rule bug")

    monkeypatch.setattr(attribution, "ATTRIBUTION_RULES", rule_table(("quotes.test.broken.v1", broken)))
    with pytest.raises(RuntimeError, match="rule bug"):
        run(nlp, kb, "The mayor said that the bridge would reopen in spring.")


@pytest.mark.parametrize(
    ("text", "content"),
    [
        ("The Chilean envoy admitted for the second time that the talks with Peru had failed.",
         "that the talks with Peru had failed"),
        ("The ministry wrote in its weekly bulletin that the border would reopen.", "that the border would reopen"),
    ],
)
def test_indirect_that_clause_the_parser_hung_on_a_phrase_between(nlp, kb, text, content):
    quotes = run(nlp, kb, text)
    assert [q.content for q in quotes if q.quote_type == "indirect"] == [content]


def test_quotations_gerund_cue_takes_the_subject_of_its_clause(nlp, kb):
    text = "The envoy, Ana Ruiz, is determined to keep the talks alive by insisting that a ceasefire would be possible."
    (q,) = [q for q in run(nlp, kb, text) if q.cue == "insisting"]
    assert q.speaker is not None and q.speaker.text.startswith("The envoy")


@pytest.mark.parametrize("text, speaker, content", [
    ("The plan for a new border guard was described as a “toy army” by the envoy, Ana Ruiz.",
     "the envoy, Ana Ruiz", "a “toy army”"),
    ("Ana Ruiz described the new border guard as a “reckless gamble”.", "Ana Ruiz", "a “reckless gamble”"),
])
def test_quotations_characterised_as_in_the_sources_words(nlp, kb, text, speaker, content):
    (q,) = [q for q in run(nlp, kb, text) if q.cue in ("was described", "described")]
    assert (q.quote_type, q.speaker.text, q.content) == ("mixed", speaker, content)


def test_quotations_characterised_as_without_a_quotation_is_no_cue_by_itself(nlp, kb):
    text = "The new border guard was described as small by the envoy."
    assert [q.content for q in run(nlp, kb, text) if q.content == "small"] == []


@pytest.mark.parametrize("text, speaker", [
    ("The Varna Herald quoted her as saying: “We will rebuild the school before winter.”", "her"),
    ("Reuters quoted an aide to Ana Ruiz as saying the school would be rebuilt before winter.", "an aide to Ana Ruiz"),
])
def test_quotations_quoted_as_saying_is_the_quoted_persons(nlp, kb, text, speaker):
    (q,) = [q for q in run(nlp, kb, text) if "rebuil" in q.content]
    assert q.speaker.text == speaker


def test_quotations_sourceless_outer_cue_yields_to_the_nested_speaker(nlp, kb):
    text = ("Speaking to farmers in Cusco, the Peruvian president, Ana Ruiz, said Bolivia would “pay dearly "
            "for this tariff, believe me,” words that angered the Chilean foreign ministry.")
    quotes = [q for q in run(nlp, kb, text) if "dearly" in q.content]
    assert [(q.quote_type, q.cue, q.speaker.text) for q in quotes] == [("mixed", "said", "the Peruvian president, Ana Ruiz")]


def test_quotations_vilify_as_is_a_characterisation(nlp, kb):
    text = "Ana Ruiz vilified Bolivia as the “region’s leading smuggler”."
    quotes = [q for q in run(nlp, kb, text) if "smuggler" in q.content]
    assert quotes and quotes[0].speaker.text == "Ana Ruiz"


def test_quotations_relative_clause_with_its_own_speaker(nlp, kb):
    text = "Chile has asked that Peru extradite both suspects – a step that Lima insists it will never take."
    by_cue = {q.cue: q for q in run(nlp, kb, text)}
    assert by_cue["insists"].content == "it will never take"
    assert "take" not in by_cue["has asked"].content


def test_quotations_shouted_words_are_the_shouters(nlp, kb):
    text = ("Maria Lopez, an analyst in Lima, said the movement had lost its way. "
            "“Our day is coming soon,” shouted three farmers from the back of a lorry.")
    (q,) = [q for q in run(nlp, kb, text) if "day is coming" in q.content]
    assert (q.cue, q.speaker.text) == ("shouted", "three farmers")


@pytest.mark.parametrize("text, cue, content", [
    ("Peru has no intention of leaving the valley, as the foreign minister said on Monday.", "said",
     "Peru has no intention of leaving the valley"),
    ("As the foreign minister noted on Monday, Peru has no intention of leaving the valley.", "noted",
     "Peru has no intention of leaving the valley"),
])
def test_quotations_as_clause_reports_the_clause_it_modifies(nlp, kb, text, cue, content):
    (q,) = [q for q in run(nlp, kb, text) if q.cue == cue]
    assert (q.content, q.speaker.text) == (content, "the foreign minister")


def test_quotations_as_clause_needs_a_reporting_verb(nlp, kb):
    assert run(nlp, kb, "Prices rose in Lima as the minister walked to the podium on Monday.") == []


def test_quotations_cited_as_a_reason_quotes_nobody(nlp, kb):
    text = "Ana Ruiz has often cited the census as grounds for a new tax on farmland."
    assert all(q.speaker is None or q.speaker.text != "the census" for q in run(nlp, kb, text))
