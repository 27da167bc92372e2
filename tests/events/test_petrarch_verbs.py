"""PETRARCH-format verb dictionaries as user pattern sources."""

from __future__ import annotations

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
