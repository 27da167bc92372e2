"""PETRARCH-format verb dictionaries as user pattern sources."""

from __future__ import annotations

import pytest

from dyadscope.knowledge import DATA_DIR
from dyadscope.knowledge.events import load_event_kb
from dyadscope.knowledge.petrarch_verbs import read_petrarch_verbs, with_verb_patterns

DICT = """<!-- a tiny dictionary in the PETRARCH format -->
&TIES
+RELATIONS
+TIES

--- MEND  [064]  ---
MEND
+PATCH_UP {+PATCHED_UP}
- * &TIES [050]
- * WITH + [036]
- % * [030:030]
- NOT * [120]
- * NONSENSE [9xx]

--- DROP_IN  [042:043]  ---
DROP_IN

--- GRUMBLE [---] ---
GRUMBLE
- * ABOUT [111]
"""


def test_petrarch_verbs_reads_families_synsets_and_conditions(tmp_path):
    path = tmp_path / "x.verbs.txt"
    path.write_text(DICT)
    ekb = load_event_kb(DATA_DIR)
    patterns, skipped = read_petrarch_verbs(path, ekb.cameo)
    got = {(p.lemma, p.prt, p.cameo, p.obj, p.prep) for p in patterns}
    assert ("mend", None, "064", (), None) in got
    assert ("mend", None, "050", ("relations", "ties"), None) in got
    assert ("mend", None, "036", (), "with") in got
    assert ("patch", "up", "064", (), None) in got
    assert ("grumble", None, "111", (), "about") in got
    assert any(p.lemma == "mend" and p.compound and p.reciprocal and p.cameo == "030" for p in patterns)
    assert any(p.lemma == "drop" and p.prt == "in" and (p.cameo, p.reverse) == ("042", "043") for p in patterns)
    assert not any(p.cameo == "120" for p in patterns)  # pre-verb context is not supported
    assert skipped == {"context": 1, "code": 1}
    merged = with_verb_patterns(ekb, patterns)
    assert merged.verbs["mend"][0].specificity >= merged.verbs["mend"][-1].specificity
    assert "meet" in merged.verbs and ekb.verbs is not merged.verbs


def test_petrarch_verbs_user_files_txt_replaces_jsonl_adds(tmp_path):
    from dyadscope.knowledge.user_verbs import with_user_verbs

    txt = tmp_path / "mine.verbs.txt"
    txt.write_text(DICT)
    own = tmp_path / "mine.jsonl"
    own.write_text('{"id": "u.mend.talks", "lemma": "mend", "cameo": "040", "obj": ["fences"]}\n'
                   '{"id": "u.scold", "lemma": "scold", "cameo": "111"}\n')
    ekb = load_event_kb(DATA_DIR)
    merged = with_user_verbs(ekb, [txt, own])
    assert all(p.id.startswith(("petr.", "u.")) for p in merged.verbs["mend"])  # the .txt decided "mend"
    assert merged.verbs["mend"][0].id == "u.mend.talks"  # the JSONL pattern is tried first, the others stay
    assert [p.id for p in merged.verbs["scold"]] == ["u.scold", "wn.v.scold"]  # the user's first, ours (generated) stay
    assert merged.verbs["meet"] == ekb.verbs["meet"]


@pytest.mark.parametrize("name, text, problem", [
    ("verbs.yaml", "x: 1\n", "verbs.yaml: a verb dictionary is a PETRARCH/TABARI .txt file"),
    ("empty.verbs.txt", "<!-- nothing -->\n", "empty.verbs.txt: no verb pattern"),
    ("bad.jsonl", '{"id": "u.x", "lemma": "scold", "cameo": "999"}\n', "bad.jsonl:1: cameo -> '999' is not in cameo.csv"),
    ("dup.jsonl", '{"id": "v.meet", "lemma": "meet", "cameo": "040"}\n', "dup.jsonl: id -> 'v.meet' is already used"),
])
def test_petrarch_verbs_user_file_problems(tmp_path, name, text, problem):
    from dyadscope.errors import KnowledgeError
    from dyadscope.knowledge import load_knowledge

    path = tmp_path / name
    path.write_text(text)
    with pytest.raises(KnowledgeError) as err:
        load_knowledge(verb_files=[path])
    assert problem in str(err.value)
