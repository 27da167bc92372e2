"""Score the pipeline on our Guardian annotations (evals/guardian/README.md).

    python -m evals.guardian.score --part dev            # figures, and the errors (development parts only)
    python -m evals.guardian.score --part blind          # figures only: never tune on blind
    python -m evals.guardian.score --part blind2         # figures only: the fresh held-out part
    python -m evals.guardian.score --part blind3         # figures only: the third held-out part
    python -m evals.guardian.score --part dev2 --errors recall   # the second development part
    python -m evals.guardian.score --part dev --records out.jsonl   # score an existing export

The articles are run through the public API (``dyadscope.batch.extract``), exactly what
``dyadscope extract`` writes, unless ``--records`` gives an export file. Matching rules:

- **Mentions**: each gold mention takes the system mention that overlaps it most. It is right
  when country and sector both equal the gold ones (or an ``accept_*`` alternative), a missing
  system mention counting as country and sector null: so a gold actor with no country ("gunmen")
  is right when the system leaves its country null with the right sector, and a missed state is
  wrong. Group mentions compare their members' country sets.
- **Events** (articles with complete event annotation): a system event matches a gold event
  when one of its mention spans lies in the gold sentence, the PLOVER type is equal, and the
  source and target country sets are equal (each gold actor may take any accepted country;
  an empty side equals an empty side; see :func:`sides_right` for talks and many-party events). Precision: matched system events / system events.
  Recall: matched gold events / gold events (later tellings, ``repeat_of``, count only once:
  they are left out of the recall base, and a system event matching one counts as right).
  ``precision_dyadic`` is the precision of the events with a country on both sides, the ones
  that go into dyad series (events with an unresolved side come out too, marked).
- **Both sides resolved**: among gold events with a country on both sides that the system
  found in the same sentence with the same type, the share whose system event has a country
  on both sides.
- **Quotes**: a gold quotation is found when a system quote's content overlaps its content;
  its speaker's country is right when it is in the gold speaker's accepted countries (scored
  over gold quotations whose speaker has a country).
"""

from __future__ import annotations

import argparse
import bisect
import difflib
import json
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from .annotations import load_articles, read_annotations

SPLIT = json.loads((Path(__file__).parent / "split.json").read_text(encoding="utf-8"))
# Development parts: free to read while developing, ``--errors`` lists their per-item errors.
DEVELOPMENT = ("dev", "dev2")
# Parts held out for reporting: their per-item errors are never shown.
HELD_OUT = ("blind", "blind2", "blind3")


class OffsetMap:
    """Maps offsets in the raw article text to offsets in the stored (cleaned) text."""

    def __init__(self, raw: str, cleaned: str):
        self.identity = raw == cleaned
        if self.identity:
            return
        self.starts, self.shifts = [0], [0]
        for tag, i1, _i2, j1, _j2 in difflib.SequenceMatcher(None, raw, cleaned, autojunk=False).get_opcodes():
            self.starts.append(i1)
            self.shifts.append(j1 - i1)

    def __call__(self, offset: int) -> int:
        if self.identity:
            return offset
        k = bisect.bisect_right(self.starts, offset) - 1
        return offset + self.shifts[k]


def _countries(actor: dict) -> set:
    """Accepted countries of one gold actor (a group: its members' first choices)."""
    if actor.get("members"):
        return {m.get("country") for m in actor["members"] if m.get("country")}
    return {actor.get("country"), *actor.get("accept_country", [])}


SYMMETRIC_TYPES = {"CONSULT", "AGREE", "COOPERATE"}


def _parties(actors: list[dict]) -> set:
    out = set()
    for actor in actors:
        for a in actor.get("members") or [actor]:
            out |= {c for c in _countries(a) if c}
    return out


def sides_right(gold: dict, ev: dict) -> bool:
    """The system event's sides fit the gold event's: the same sides; for talks, agreements and
    joint action also swapped; and for a gold event of three or more parties, a system event
    between two of them (event data codes such events as dyads) with its source among the gold
    sources unless the type is symmetric."""
    if _side_right(gold["source"], ev["source"]) and _side_right(gold["target"], ev["target"]):
        return True
    symmetric = gold["type"] in SYMMETRIC_TYPES
    if symmetric and _side_right(gold["source"], ev["target"]) and _side_right(gold["target"], ev["source"]):
        return True
    parties = _parties(gold["source"]) | _parties(gold["target"])
    src = {a.get("country") for a in ev["source"] if a.get("country")}
    tgt = {a.get("country") for a in ev["target"] if a.get("country")}
    if len(parties) >= 3 and src and tgt and src | tgt <= parties:
        return symmetric or bool(src & _parties(gold["source"]))
    return False


def _side_right(gold: list[dict], system: list[dict]) -> bool:
    got = {a.get("country") for a in system if a.get("country")}
    wanted = []
    for actor in gold:
        if actor.get("members"):
            wanted += [{m.get("country")} for m in actor["members"] if m.get("country")]
        elif actor.get("country") or actor.get("accept_country"):
            wanted.append({c for c in _countries(actor) if c})
    # Every gold actor is covered by some system country, and every system country by some gold actor.
    return all(w & got for w in wanted) and all(any(c in w for w in wanted) for c in got)


@dataclass
class Tally:
    right: int = 0
    total: int = 0
    errors: list = field(default_factory=list)

    def add(self, ok: bool, error=None) -> None:
        self.total += 1
        self.right += bool(ok)
        if not ok and error is not None:
            self.errors.append(error)

    @property
    def rate(self) -> float | None:
        return round(self.right / self.total, 3) if self.total else None


def score_mentions(gold: list[dict], system: list[dict], offset: OffsetMap, doc: str) -> dict[str, Tally]:
    out = {"mentions": Tally(), "mention_country": Tally(), "mention_sector": Tally()}
    for g in gold:
        s, e = offset(g["start"]), offset(g["end"])
        best = max(system, key=lambda m: min(e, m["end"]) - max(s, m["start"]), default=None)
        if best is not None and min(e, best["end"]) - max(s, best["start"]) <= 0:
            best = None
        if g.get("members"):
            got = {m.get("country") for m in (best or {}).get("members", []) if m.get("country")}
            ok_country = got == _countries(g)
            ok_sector = True
        else:
            country = (best or {}).get("country")
            sector = (best or {}).get("sector")
            ok_country = country in _countries(g)
            ok_sector = sector in {g.get("sector"), *g.get("accept_sector", [])}
        error = {"doc": doc, "anchor": g["anchor"], "gold": [g.get("country"), g.get("sector")],
                 "system": [(best or {}).get("country"), (best or {}).get("sector")], "rule": (best or {}).get("rule")}
        out["mentions"].add(ok_country and ok_sector, error)
        out["mention_country"].add(ok_country)
        out["mention_sector"].add(ok_sector)
    return out


def _in(span, lo, hi) -> bool:
    return lo <= span[0] < hi


def score_events(gold: list[dict], system: list[dict], offset: OffsetMap, doc: str) -> dict[str, Tally]:
    out = {name: Tally() for name in ("precision", "precision_dyadic", "recall", "both_sides", "type_in_sentence",
                                      "modality", "date")}
    spans = {id(g): (offset(g["sent_start"]), offset(g["sent_end"])) for g in gold}
    matched_gold: set[int] = set()
    for ev in system:
        mentions = ev.get("mentions") or [[ev["start"], ev["end"]]]
        in_sentence = [g for g in gold if any(_in(m, *spans[id(g)]) for m in mentions)]
        same_type = [g for g in in_sentence if g["type"] == ev["event_type"]]
        full = [g for g in same_type if sides_right(g, ev)]
        out["precision"].add(bool(full), {"doc": doc, "type": ev["event_type"], "rule": ev.get("rule"),
                                          "source": [a.get("country") for a in ev["source"]],
                                          "target": [a.get("country") for a in ev["target"]],
                                          "gold_in_sentence": [(g["type"], g["trigger"]["anchor"]) for g in in_sentence]})
        if any(a.get("country") for a in ev["source"]) and any(a.get("country") for a in ev["target"]):
            out["precision_dyadic"].add(bool(full))
        for g in full[:1]:
            matched_gold.add(id(g))
            out["modality"].add(g["modality"] == ev["modality"])
            if g.get("date_stated") and g.get("date"):
                out["date"].add(bool(ev.get("date")) and str(ev["date"]).startswith(g["date"]))
        for g in same_type[:1]:
            if any(a.get("country") for a in g["source"]) and any(a.get("country") for a in g["target"]):
                out["both_sides"].add(any(a.get("country") for a in ev["source"]) and any(a.get("country") for a in ev["target"]))
    for g in gold:
        if g.get("repeat_of") is None:
            out["recall"].add(id(g) in matched_gold, {"doc": doc, "type": g["type"], "trigger": g["trigger"]["anchor"],
                                                       "modality": g["modality"]})
        found_sentence = any(any(_in(m, *spans[id(g)]) for m in (ev.get("mentions") or [[ev["start"], ev["end"]]])) and ev["event_type"] == g["type"] for ev in system)
        out["type_in_sentence"].add(found_sentence)
    return out


def score_quotes(gold: list[dict], system: list[dict], offset: OffsetMap, doc: str) -> dict[str, Tally]:
    out = {"quotes_found": Tally(), "speaker_country": Tally()}
    for g in gold:
        s = offset(g.get("content_start", g["start"]))
        e = offset(g.get("content_end", g["end"]))
        hits = [q for q in system if any(min(e, qe) > max(s, qs) for qs, qe in q.get("content_spans") or [[q["start"], q["end"]]])]
        out["quotes_found"].add(bool(hits))
        speaker = g.get("speaker")
        if speaker and (speaker.get("country") or speaker.get("accept_country")):
            got = (hits[0].get("speaker") or {}).get("country") if hits else None
            out["speaker_country"].add(got in _countries(speaker), {"doc": doc, "speaker": speaker["anchor"],
                                                                   "gold": speaker.get("country"), "system": got,
                                                                   "found": bool(hits)})
    return out


def system_records(ids: list[str], articles: dict, records_file: Path | None) -> dict[str, dict[str, list]]:
    """Export records by article id and kind, from ``records_file`` or by running the pipeline."""
    by_doc: dict[str, dict[str, list]] = {i: {"document": [], "mention": [], "event": [], "quote": []} for i in ids}
    if records_file is not None:
        lines = (json.loads(line) for line in open(records_file, encoding="utf-8") if line.strip())
    else:
        lines = _run_pipeline(ids, articles)
    for record in lines:
        if record.get("doc_id") in by_doc and record["kind"] in by_doc[record["doc_id"]]:
            by_doc[record["doc_id"]][record["kind"]].append(record)
    return by_doc


def _run_pipeline(ids, articles):
    import tempfile

    from dyadscope.batch import Engine, extract
    from dyadscope.export import export_records
    from dyadscope.records import Failure

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "articles.jsonl"
        path.write_text("".join(json.dumps(articles[i]) + "\n" for i in ids), encoding="utf-8")
        with Engine() as engine:
            for item in extract([path], engine=engine):
                if isinstance(item, Failure):
                    print(f"failed: {item.source}: {item.reason}", file=sys.stderr)
                    continue
                yield from export_records(item)


def score(part: str, records_file: Path | None = None) -> dict:
    """Every figure for one part, plus the error lists (which a caller must not show for blind)."""
    articles = load_articles()
    gold = read_annotations(part)
    ids = [i for i in SPLIT[part]["ids"] if i in gold]
    complete = set(SPLIT[part].get("events_complete_for", SPLIT[part]["ids"]))
    system = system_records(ids, articles, records_file)
    tallies: dict[str, Tally] = {}

    def merge(found: dict[str, Tally]) -> None:
        for name, t in found.items():
            into = tallies.setdefault(name, Tally())
            into.right += t.right
            into.total += t.total
            into.errors += t.errors

    for doc in ids:
        stored = system[doc]["document"]
        offset = OffsetMap(articles[doc]["text"], stored[0]["text"] if stored else articles[doc]["text"])
        lines = gold[doc]
        merge(score_mentions([g for g in lines if g["kind"] == "mention"], system[doc]["mention"], offset, doc))
        merge(score_quotes([g for g in lines if g["kind"] == "quote"], system[doc]["quote"], offset, doc))
        if doc in complete:
            merge(score_events([g for g in lines if g["kind"] == "event"], system[doc]["event"], offset, doc))
    figures = {"part": part, "articles": len(ids), "articles_with_events": len(complete & set(ids))}
    for name, t in tallies.items():
        figures[name] = {"rate": t.rate, "right": t.right, "of": t.total}
    p, r = tallies.get("precision"), tallies.get("recall")
    if p and r and p.rate and r.rate:
        figures["event_f1"] = round(2 * p.rate * r.rate / (p.rate + r.rate), 3)
    return {"figures": figures, "errors": {name: t.errors for name, t in tallies.items()}}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--part", choices=[*DEVELOPMENT, *HELD_OUT], required=True)
    parser.add_argument("--records", type=Path, help="score this export file instead of running the pipeline")
    parser.add_argument("--errors", metavar="NAME", help="development parts only (dev, dev2): print the errors of one figure (e.g. recall)")
    args = parser.parse_args(argv)
    if args.errors and args.part not in DEVELOPMENT:
        parser.error(f"the {args.part} part's errors are never shown: it is for reporting, not tuning")
    result = score(args.part, args.records)
    print(json.dumps(result["figures"], indent=1))
    if args.errors:
        counts = Counter(json.dumps(e, ensure_ascii=False) for e in result["errors"].get(args.errors, []))
        for line, n in counts.most_common():
            print(f"{n:3d} {line}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
