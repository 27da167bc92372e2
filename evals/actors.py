"""Score phrase-level actor resolution on the NGEC actor-resolution cases.

Each case is ``{method, input, extra_args, expected}``; we resolve ``input`` with
``dyadscope.actors.resolve_phrase`` (``extra_args`` = ``[context, date]`` where given) and compare:

* country: ``expected.country`` (or ``cc`` for ``search_nat``); ``""`` means none expected;
* sector: ``expected.code_1`` (``code_2`` also accepted); ``""`` and ``UNK`` mean none; NGEC's
  PLOVER codes JRN (journalists) and MED (health) are read as our CAMEO MED and HLH;
* ``{"code": null}`` means nothing may resolve (both country and sector must be None);
* ``expected_not.country``: our country must differ;
* ``query_wiki`` cases (Wikipedia title lookup) are scored apart as ``name`` accuracy
  (canonical name equals the title, ignoring accents and case).

Cases without a date ask about "today". Offices change (NGEC's cases were written in 2021-22,
when e.g. Scott Morrison and Heiko Maas were in office), so ``run`` scores undated cases at
``reference_date`` (default :data:`NGEC_REFERENCE_DATE`) and also reports the accuracy with the
real today (passed explicitly as the reference date) as ``sector_accuracy_today``.

Returns the figures; prints nothing.
"""

from __future__ import annotations

import datetime as _dt
import json
import unicodedata
from collections import defaultdict
from pathlib import Path

from . import gold_path
from typing import Any

from dyadscope.actors import resolve_phrase

NGEC_CASES = "actors/ngec_actor_resolution.json"


def _fold(s: str | None) -> str:
    s = unicodedata.normalize("NFKD", s or "").encode("ascii", "ignore").decode()
    return " ".join(s.lower().split())


#: NGEC writes PLOVER sector codes; ours follow CAMEO where the two differ (media, health).
PLOVER_TO_CAMEO_SECTOR = {"JRN": "MED", "MED": "HLH"}

#: The "today" of the NGEC test cases (written 2021-22); used for cases without a date.
NGEC_REFERENCE_DATE = "2021-09-01"


def _date_arg(value: str | None, reference: str | None) -> str | None:
    if not value or value.lower() == "today":
        return reference
    return value


def score_case(kb, case: dict[str, Any], reference_date: str | None = None, *,
               today: str | None = None) -> dict[str, Any]:
    """Outcome of one case: which figures it counts in and whether each was right.

    Undated cases are resolved on ``reference_date`` as if it were their date; without one,
    known people's offices are read on ``today`` (an ISO date the caller passes), or left
    unknown.
    """
    args = case.get("extra_args") or []
    context = args[0] if len(args) > 0 and args[0] else None
    date = _date_arg(args[1] if len(args) > 1 else None, reference_date)
    res = resolve_phrase(case["input"], kb=kb, date=date, context=context, reference_date=today)
    got_country = res.country if res else None
    got_sector = res.sector if res else None
    exp = case.get("expected") or {}
    out: dict[str, Any] = {"input": case["input"], "method": case["method"], "country": got_country, "sector": got_sector}
    if case["method"] == "query_wiki":
        out["name_ok"] = _fold(res.name if res else None) == _fold(exp.get("title"))
        return out
    if "code" in exp and exp["code"] is None:
        out["country_ok"] = got_country is None
        out["sector_ok"] = got_sector is None
        return out
    if "country" in exp or "cc" in exp:
        want = exp.get("country", exp.get("cc")) or None
        out["country_ok"] = got_country == want
    elif (case.get("expected_not") or {}).get("country"):
        out["country_ok"] = got_country != case["expected_not"]["country"]
    if "code_1" in exp:
        wanted = {(exp.get("code_1") or None), (exp.get("code_2") or None) if "code_2" in exp else None} - {None}
        wanted = {PLOVER_TO_CAMEO_SECTOR.get(w, w) for w in wanted if w != "UNK"}
        out["sector_ok"] = (got_sector in wanted) if wanted else got_sector in (None, "UNK")
    return out


def run(path: Path | None = None, *, kb=None, reference_date: str | None = NGEC_REFERENCE_DATE) -> dict[str, Any]:
    """Score every case of ``path`` (default ``../shared/data/actors/ngec_actor_resolution.json``).

    Returns:
        ``{"cases", "country_accuracy", "sector_accuracy", "name_accuracy", "by_method": {...},
        "failures": [...]}``; each accuracy is ``None`` when no case scores it.
    """
    path = gold_path(NGEC_CASES, Path(path) if path else None)
    cases = json.loads(path.read_text(encoding="utf-8"))
    if kb is None:
        from dyadscope.knowledge import load_knowledge

        kb = load_knowledge()
    actors = getattr(kb, "actors", kb)
    tallies: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(lambda: [0, 0]))
    failures = []
    today_right = today_total = 0
    today = _dt.date.today().isoformat()  # the one figure that is about the day it is run
    for case in cases:
        out = score_case(actors, case, reference_date, today=today)
        if "sector_ok" in out and reference_date is not None:
            plain = score_case(actors, case, None, today=today)
            today_right += int(bool(plain["sector_ok"]))
            today_total += 1
        for fig in ("country", "sector", "name"):
            key = f"{fig}_ok"
            if key in out:
                for scope in ("all", case["method"]):
                    tallies[scope][fig][0] += int(bool(out[key]))
                    tallies[scope][fig][1] += 1
                if not out[key]:
                    failures.append({k: out[k] for k in ("method", "input", "country", "sector")} | {"missed": fig,
                                     "expected": case.get("expected")})

    def acc(scope: str, fig: str) -> float | None:
        right, total = tallies[scope][fig]
        return round(right / total, 4) if total else None

    by_method = {
        m: {"country_accuracy": acc(m, "country"), "sector_accuracy": acc(m, "sector"), "name_accuracy": acc(m, "name"),
            "cases": sum(1 for c in cases if c["method"] == m)}
        for m in sorted({c["method"] for c in cases})
    }
    return {
        "file": str(path),
        "cases": len(cases),
        "country_accuracy": acc("all", "country"),
        "country_scored": tallies["all"]["country"][1],
        "sector_accuracy": acc("all", "sector"),
        "sector_scored": tallies["all"]["sector"][1],
        "reference_date": reference_date,
        "sector_accuracy_today": round(today_right / today_total, 4) if today_total else acc("all", "sector"),
        "name_accuracy": acc("all", "name"),
        "by_method": by_method,
        "failures": failures,
    }
