"""PETRARCH/TABARI dictionary importer: format features, dated codes, agents, error reports."""

from __future__ import annotations

from pathlib import Path

import pytest

from dyadscope.actors import resolve_phrase

from dyadscope.errors import KnowledgeError
from dyadscope.knowledge import load_knowledge

ACTORS = """\
<!-- test actors: a comment block
     spanning lines -->
NARNIA [NRN]
+CAIR_PARAVEL  # a synonym with a comment
+NARNIAN
CALORMEN_ [CLM]
ARCHENLAND [ARC]
TASHBAAN [CLMGOV]
JADIS  # dated codes
\t[NRNGOV < 950601]
\t[NRNREB 19950601 - 19991231]
\t[NRNELI > 000101]
PEVENSIES [NRN/ARC]
TISROC
\t[CLMGOV >140608]
\t[CLM]
"""

AGENTS = """\
!PERSON! = MAN, MEN, WOMAN
PRESIDENT [~GOV]
FOREIGN_MINISTER [~GOVFRM] # appended code
AID_GROUP {} [NGO~]
CONGRESS!PERSON! [~LEG]
ARMED_FORCES {} [~MIL]
"""


@pytest.fixture(scope="module")
def narnia(tmp_path_factory):
    folder = tmp_path_factory.mktemp("dicts")
    (folder / "test.actors.txt").write_text(ACTORS, encoding="utf-8")
    (folder / "test.agents.txt").write_text(AGENTS, encoding="utf-8")
    return load_knowledge(actor_files=[folder / "test.actors.txt", folder / "test.agents.txt"]).actors


@pytest.mark.parametrize(
    ("text", "date", "code"),
    [
        ("Narnia", None, "NRN"),
        ("Cair Paravel", None, "NRN"),
        ("the Narnians", None, "NRN"),
        ("Calormen", None, "CLM"),
        ("Tashbaan", None, "CLMGOV"),
        ("Narnia's president", None, "NRNGOV"),
        ("the foreign minister of Calormen", None, "CLMGOVFRM"),
        ("Calormen armed forces", None, "CLMMIL"),
        ("Narnian congressmen", None, "NRNLEG"),
        ("aid group Narnia", None, "NGONRN"),
        ("Jadis", "1990-01-01", "NRNGOV"),
        ("Jadis", "1997-05-05", "NRNREB"),
        ("Jadis", "2005-05-05", "NRNELI"),
        ("Tisroc", "2015-01-01", "CLMGOV"),
        ("Tisroc", "2010-01-01", "CLM"),
    ],
)
def test_petrarch_codes_on_date(narnia, text, date, code):
    res = resolve_phrase(text, date=date, kb=narnia)
    assert res is not None and res.code == code


def test_petrarch_only_their_agents_add_to_their_codes(narnia):
    # "leader" is one of our role nouns but not an agent of the loaded agent dictionary
    assert resolve_phrase("Calormen leaders", kb=narnia).code == "CLM"
    assert resolve_phrase("Calormen's president", kb=narnia).code == "CLMGOV"


def test_petrarch_slash_codes_are_a_group(narnia):
    res = resolve_phrase("Pevensies", kb=narnia)
    assert res.kind == "group" and res.code is None
    assert [m.code for m in res.members] == ["NRN", "ARC"]


def test_petrarch_malformed_lines_cite_file_and_line(tmp_path):
    bad = tmp_path / "bad.actors.txt"
    bad.write_text("+ORPHAN_SYNONYM\nGOOD [GDD]\nBROKEN [XYZ 1999]\nOTHER [OTH] [OTX 9901]\nNOCODE\n", encoding="utf-8")
    with pytest.raises(KnowledgeError) as err:
        load_knowledge(actor_files=[bad])
    text = "\n".join(err.value.problems)
    assert "bad.actors.txt:1: synonym" in text
    assert "bad.actors.txt:3: malformed" in text
    assert "bad.actors.txt:4: malformed" in text
    assert "bad.actors.txt:5: actor 'NOCODE' has no code" in text


def test_petrarch_malformed_agent_cites_line(tmp_path):
    bad = tmp_path / "bad.agents.txt"
    bad.write_text("PRESIDENT [~GOV]\nMINISTER [GOV]\nSOLDIER [~MIL\n", encoding="utf-8")
    with pytest.raises(KnowledgeError) as err:
        load_knowledge(actor_files=[bad])
    lines = {p.split(":")[1] for p in err.value.problems}
    assert {"2", "3"} <= lines


def test_petrarch_names_share_the_codes_that_follow(tmp_path):
    path = tmp_path / "shared.actors.txt"
    path.write_text("LEONID_BRAVO_\nSECRETARY_BRAVO\n\t[RUSGOV 641014-821110]\n", encoding="utf-8")
    kb = load_knowledge(actor_files=[path]).actors
    assert resolve_phrase("Secretary Bravo", date="1970-01-01", kb=kb).code == "RUSGOV"
    assert resolve_phrase("Leonid Bravo", date="1970-01-01", kb=kb).code == "RUSGOV"


def test_petrarch_validation_suite_loads(shared_data):
    folder = shared_data / "petrarch"
    kb = load_knowledge(actor_files=[folder / "PETR.Validate.actors.txt", folder / "PETR.Validate.agents.txt"]).actors
    assert resolve_phrase("Gondor", kb=kb).code == "GON"
    assert resolve_phrase("Gondor's president", kb=kb).code == "GONGOV"
    assert resolve_phrase("Arnor's foreign minister", kb=kb).code == "ARNGOVFRM"
    assert resolve_phrase("Zimbabwe", date="1978-12-23", kb=kb).code == "RHO"


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "codes"),
    [
        ("Narnia, Calormen and Archenland signed the treaty on Monday.", ["NRN", "CLM", "ARC"]),
        ("Talks between Calormen and Archenland resumed.", ["CLM", "ARC"]),
    ],
)
def test_petrarch_coordinated_list_stays_separate_actors(nlp, narnia, text, codes):
    from dyadscope.actors import actor_mentions
    from dyadscope.records import Article

    from spacy.tokens import Span

    doc = nlp(text)
    # the NER sometimes takes such a list for one organisation name: force that case
    first = next(t.i for t in doc if t.text in ("Narnia", "Calormen"))
    doc.ents = [Span(doc, first, first + len(codes) * 2 - 1, label="ORG")]
    ms = actor_mentions(doc, article=Article(doc_id="t", text=text), kb=narnia)
    assert [m.code for m in ms if m.code] == codes
    assert not any(m.code is None and not m.members for m in ms), [(m.text, m.kind) for m in ms]


@pytest.mark.slow
def test_petrarch_role_over_coordinated_list_is_a_group(nlp, narnia):
    from dyadscope.actors import actor_mentions
    from dyadscope.records import Article

    text = "The presidents of Narnia, Calormen and Archenland presented their credentials."
    from spacy.tokens import Span

    doc = nlp(text)
    doc.ents = [Span(doc, 3, 8, label="ORG")]  # "Narnia, Calormen and Archenland" as one ORG
    ms = actor_mentions(doc, article=Article(doc_id="t", text=text), kb=narnia)
    groups = [m for m in ms if m.kind == "group"]
    assert groups and [a.code for a in groups[0].members] == ["NRNGOV", "CLMGOV", "ARCGOV"]
