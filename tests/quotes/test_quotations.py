"""Quote stage on our own sentences: direct, indirect and mixed quotations, cues and speakers."""

from __future__ import annotations

import pytest

from dyadscope.quotes import quotations, quote_at
from dyadscope.records import Actor, Article, Mention

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def qkb(kb):
    return kb


def run(nlp, qkb, text, mentions=()):
    doc = nlp(text)
    return quotations(doc, article=Article(doc_id="t", text=text), mentions=list(mentions), kb=qkb)


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
        ("“The border stays open for trade,” Foreign Minister Anna Berg told Reuters.",
         "The border stays open for trade,", "told Reuters", "Foreign Minister Anna Berg"),
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
def test_quotations_direct_marks_and_speaker(nlp, qkb, text, content, cue, speaker):
    quotes = run(nlp, qkb, text)
    assert len(quotes) == 1
    q = quotes[0]
    assert q.quote_type == "direct"
    assert contents(text, q) == [content]
    assert q.cue == cue
    assert q.speaker is not None and q.speaker.text == speaker
    assert text[q.speaker.start : q.speaker.end] == speaker
    assert q.rule == "quotes.direct.v1"


def test_quotations_nested_single_quotes_stay_inside(nlp, qkb):
    text = "“They promised us ‘no new taxes’ and then raised them twice,” the senator said."
    (q,) = run(nlp, qkb, text)
    assert contents(text, q) == ["They promised us ‘no new taxes’ and then raised them twice,"]
    assert q.speaker.text == "the senator"


def test_quotations_split_quote_is_one_quotation(nlp, qkb):
    text = "“The harvest failed,” the farmer said. “We have nothing left to sell this winter.”"
    (q,) = run(nlp, qkb, text)
    assert contents(text, q) == ["The harvest failed,", "We have nothing left to sell this winter."]
    assert q.speaker.text == "the farmer"


def test_quotations_multi_paragraph_quote(nlp, qkb):
    text = ("“The first months were the hardest for the whole village.\n\n"
            "“Then the river rose again and we lost the bridge,” the mayor said.")
    (q,) = run(nlp, qkb, text)
    assert len(q.content_spans) == 2
    assert contents(text, q)[0].startswith("The first months")
    assert contents(text, q)[1].startswith("Then the river")
    assert q.speaker.text == "the mayor"


def test_quotations_continuation_paragraph_inherits_speaker(nlp, qkb):
    text = ("“The sanctions hurt ordinary people first,” Omar Haddad, an economist in Amman, told Reuters.\n"
            "“But the elites will find ways around them, as they always have done before.”")
    mentions = [person("Omar Haddad", text, "Omar Haddad", "JOR", "JOR", None)]
    first, second = run(nlp, qkb, text, mentions)
    assert first.cue == "told Reuters"
    assert first.speaker.name == "Omar Haddad"
    assert second.rule == "quotes.direct.continuation.v1"
    assert second.speaker == first.speaker
    assert contents(text, second)[0].startswith("But the elites")


@pytest.mark.parametrize(
    "text, cue, speaker, content_start",
    [
        ("The ministry said that the talks would resume in May.", "said", "The ministry", "that the talks"),
        ("Canada says it will expand the program next year.", "says", "Canada", "it will expand"),
        ("Norway has said it won't join the pact until the vote.", "has said", "Norway", "it won't join"),
        ("The general warned that any incursion would be answered.", "warned", "The general", "that any incursion"),
        ("Several economists argued that the tariff would hurt exporters.", "argued", "Several economists",
         "that the tariff"),
        ("Mr. Ruiz told Reuters that the shipment had already left port.", "told Reuters", "Mr. Ruiz",
         "that the shipment"),
    ],
)
def test_quotations_indirect(nlp, qkb, text, cue, speaker, content_start):
    quotes = run(nlp, qkb, text)
    assert len(quotes) == 1
    q = quotes[0]
    assert q.quote_type == "indirect"
    assert q.cue == cue
    assert q.speaker.text == speaker
    assert q.content.startswith(content_start)


def test_quotations_according_to(nlp, qkb):
    text = "According to the customs agency, exports fell by a third last year."
    (q,) = run(nlp, qkb, text)
    assert q.cue == "According to"
    assert q.speaker.text == "the customs agency"
    assert q.content == "exports fell by a third last year"


def test_quotations_parenthetical_they_say_resolves_to_earlier_group(nlp, qkb):
    text = ("Two economists, Ann Park and Li Wei, have said the subsidy is badly designed. "
            "The payment is a mere gesture, they say.")
    mentions = [person("Ann Park", text, "Ann Park", "KOR", "KOR", None),
                person("Li Wei", text, "Li Wei", "CHN", "CHN", None)]
    first, second = run(nlp, qkb, text, mentions)
    assert first.speaker.name == "Ann Park and Li Wei"
    assert first.speaker.code is None  # two different actors: no single code
    assert second.content == "The payment is a mere gesture"
    assert second.speaker.text == "they"
    assert text[second.speaker.start : second.speaker.end] == "they"
    assert second.speaker.name == "Ann Park and Li Wei"


def test_quotations_pronoun_speaker_local_span_resolved_actor(nlp, qkb):
    text = ("Prime Minister Lena Holm met the delegation on Monday. "
            "She said that the agreement would be signed within weeks.")
    mentions = [person("Lena Holm", text, "Lena Holm", "SWEGOV")]
    (q,) = run(nlp, qkb, text, mentions)
    assert q.speaker.text == "She"
    assert q.speaker.start == text.index("She")
    assert q.speaker.name == "Lena Holm"
    assert q.speaker.code == "SWEGOV"


def test_quotations_speaker_from_mention_with_code(nlp, qkb):
    text = "“We are ready to talk,” Foreign Minister Anna Berg said on Tuesday."
    mentions = [person("Anna Berg", text, "Anna Berg", "SWEGOV")]
    (q,) = run(nlp, qkb, text, mentions)
    assert q.speaker.text == "Foreign Minister Anna Berg"
    assert (q.speaker.name, q.speaker.code, q.speaker.country, q.speaker.sector) == ("Anna Berg", "SWEGOV", "SWE", "GOV")


def test_quotations_group_mention_members(nlp, qkb):
    text = "The two governments said that the border would reopen in spring."
    start = text.index("The two governments")
    members = (Actor("Norway", "Norway", "NOR", "NOR", None, 0, 0), Actor("Sweden", "Sweden", "SWE", "SWE", None, 0, 0))
    group = Mention(start, start + len("The two governments"), "The two governments", None, None, None, None,
                    "group", members=members)
    (q,) = run(nlp, qkb, text, [group])
    assert q.speaker.name == "Norway and Sweden"
    assert q.speaker.code is None


def test_quotations_demonstrative_description_links_to_named_group(nlp, qkb):
    text = ("Two analysts, Ann Park and Li Wei, have said the treaty is fragile. "
            "But those analysts argue that both sides still need it.")
    mentions = [person("Ann Park", text, "Ann Park", "KOR", "KOR", None),
                person("Li Wei", text, "Li Wei", "CHN", "CHN", None)]
    quotes = run(nlp, qkb, text, mentions)
    second = quotes[-1]
    assert second.cue == "argue"
    assert second.speaker.text == "those analysts"
    assert second.speaker.name == "Ann Park and Li Wei"


def test_quotations_description_with_apposition(nlp, qkb):
    text = "The author, a lecturer at the University of Lund, concluded that the alliance is temporary."
    (q,) = run(nlp, qkb, text)
    assert q.speaker.text == "The author, a lecturer at the University of Lund"
    assert q.speaker.code is None


def test_quotations_passive_with_outlet_in_phrase(nlp, qkb):
    text = "In an article published on the website Zarya, it was stated that the fleet would sail in June."
    (q,) = run(nlp, qkb, text)
    assert q.rule == "quotes.passive.v1"
    assert q.cue == "was stated"
    assert q.speaker.text == "Zarya"
    assert q.content.startswith("that the fleet")


def test_quotations_mixed_partial_quotation(nlp, qkb):
    text = "The envoy said the offer was “a step backwards for the whole region” and left early."
    (q,) = run(nlp, qkb, text)
    assert q.quote_type == "mixed"
    assert q.speaker.text == "The envoy"
    assert "a step backwards" in q.content


def test_quotations_scare_quotes_are_not_quotations(nlp, qkb):
    text = 'The so-called "reset" policy was launched with much fanfare in 2009.'
    assert run(nlp, qkb, text) == []


def test_quotations_speaker_unknown_stays_none(nlp, qkb):
    text = "Officials met in Geneva.\n\n“Nothing will change for the farmers in the valley unless the dam is opened again soon.”"
    quotes = run(nlp, qkb, text)
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
def test_quotations_odd_punctuation_never_raises(nlp, qkb, text):
    quotes = run(nlp, qkb, text)
    assert isinstance(quotes, list)
    for q in quotes:
        assert 0 <= q.start <= q.end <= len(text)


def test_quotations_document_order(nlp, qkb):
    text = ("“Prices will rise,” the banker said. The union says wages must follow. "
            "According to the statistics office, inflation reached six percent.")
    quotes = run(nlp, qkb, text)
    assert [q.cue for q in quotes] == ["said", "says", "According to"]
    assert [q.start for q in quotes] == sorted(q.start for q in quotes)


def test_quote_at_finds_quote_containing_range(nlp, qkb):
    text = "The ministry said that troops would withdraw from the border by Friday."
    quotes = run(nlp, qkb, text)
    at = text.index("withdraw")
    assert quote_at(quotes, at, at + len("withdraw")) is quotes[0]
    assert quote_at(quotes, 0, 3) is None
    assert quote_at([], 0, 1) is None


@pytest.mark.parametrize(
    "text, cue, speaker, content",
    [
        ("The senator urged Congress to reject the arms deal.", "urged", "The senator",
         "Congress to reject the arms deal"),
        ("The opposition leader called for new elections and a caretaker government.", "called",
         "The opposition leader", "new elections and a caretaker government"),
        ("Greece announced the closure of two border crossings.", "announced", "Greece",
         "the closure of two border crossings"),
    ],
)
def test_quotations_learned_frames(nlp, qkb, text, cue, speaker, content):
    (q,) = run(nlp, qkb, text)
    assert q.quote_type == "indirect"
    assert q.rule.startswith("quotes.frame.")
    assert q.cue.startswith(cue)
    assert q.speaker.text == speaker
    assert q.content == content


def test_quotations_not_a_cue_verbs(nlp, qkb):
    assert run(nlp, qkb, "The relationship seemed to reach a new level last year.") == []


def test_quotations_speaker_label_at_paragraph_head(nlp, qkb):
    text = "MODERATOR: Governor, we are running out of time for this question.\nNote: this part was cut."
    quotes = run(nlp, qkb, text)
    labelled = [q for q in quotes if q.rule == "quotes.colon.v1"]
    assert len(labelled) == 1
    assert labelled[0].speaker.text == "MODERATOR"
    assert labelled[0].content.startswith("Governor, we are running out")


def test_quotations_nested_attribution_keeps_outermost(nlp, qkb):
    text = "The minister said that the rebels claimed the town had fallen."
    (q,) = run(nlp, qkb, text)
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
