"""CPU cost of our stages in another revision vs this checkout, alternated document by document.

Usage: python benchmarks/stage_ab.py --base REV [--stages quotes,assessments] [--repeat 7] [--docs 100]

On a shared machine under load a stage's CPU seconds move by 20-40 % from one run to the next, more
than most changes. This script loads the stages of ``REV`` (``git archive`` into a temporary folder,
imported as the package ``dyadscope_base``) and of this checkout into one process, parses the
documents once, and runs each document through the base stage and this checkout's stage back to
back (in alternating order), ``--repeat`` times. It prints, per stage, the sum over documents of
each document's fastest time for both, their ratio, and whether both gave the same records.
Stages that were not changed make a control: their ratio should read about 1.00. The stage ``all``
runs the four stages in a row on the document, as the pipeline does, for changes whose saving is
shared between stages (a read one stage makes and the next ones reuse). Every run starts from the
bare parse: what a stage keeps in the doc's ``user_data`` is dropped before each timed call.
"""

from __future__ import annotations

import argparse
import importlib
import io
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
from dataclasses import asdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
POLNEAR = ROOT.parent / "shared" / "data" / "polnear" / "train" / "text"
SAMPLES = ROOT / "src" / "dyadscope" / "samples"
STAGES = ("actors", "quotes", "events", "assessments")  # and "all": the four in a row


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", required=True, help="git revision to compare with (e.g. main)")
    parser.add_argument("--stages", default=",".join(STAGES))
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--docs", type=int, default=100)
    parser.add_argument("--corpus", type=Path)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        archive = subprocess.run(["git", "-C", str(ROOT), "archive", args.base, "src/dyadscope"],
                                 check=True, capture_output=True).stdout
        with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
            tar.extractall(tmp, filter="data")
        shutil.move(str(Path(tmp) / "src" / "dyadscope"), str(Path(tmp) / "dyadscope_base"))
        sys.path.insert(0, tmp)
        base, now = _stages("dyadscope_base"), _stages("dyadscope")
        _compare(base, now, args)
    return 0


def _stages(package: str) -> dict:
    stages = {
        "actors": importlib.import_module(package + ".actors").actor_mentions,
        "quotes": importlib.import_module(package + ".quotes").quotations,
        "events": importlib.import_module(package + ".events").coded_events,
        "assessments": importlib.import_module(package + ".assessments").relationship_assessments,
    }
    stages["kb"] = importlib.import_module(package + ".knowledge").load_knowledge()
    return stages


def _call(stages: dict, name: str, doc, article, inputs):
    mentions, quotes = inputs
    kb = stages["kb"]
    if name == "all":
        mentions = stages["actors"](doc, article=article, kb=kb)
        quotes = stages["quotes"](doc, article=article, mentions=mentions, kb=kb)
        return [*mentions, *quotes, *stages["events"](doc, article=article, mentions=mentions, quotes=quotes, kb=kb),
                *stages["assessments"](doc, article=article, mentions=mentions, quotes=quotes, kb=kb)]
    if name == "actors":
        return stages["actors"](doc, article=article, kb=kb)
    if name == "quotes":
        return stages["quotes"](doc, article=article, mentions=mentions, kb=kb)
    return stages[name](doc, article=article, mentions=mentions, quotes=quotes, kb=kb)


def _compare(base: dict, now: dict, args) -> None:
    from dyadscope.ingest import read_inputs
    from dyadscope.nlp import load_nlp
    from dyadscope.records import Article

    corpus = args.corpus or (POLNEAR if POLNEAR.is_dir() else SAMPLES)
    paths = sorted(p for p in corpus.iterdir() if p.name != "README.md")
    articles = [a for a in read_inputs(paths) if isinstance(a, Article)][: args.docs]
    docs = list(load_nlp().pipe([a.text for a in articles], batch_size=32))
    print(f"corpus: {corpus} ({len(articles)} documents); base {args.base} vs this checkout, {args.repeat} rounds")

    def inputs(stages):
        out = []
        for doc, article in zip(docs, articles):
            mentions = stages["actors"](doc, article=article, kb=stages["kb"])
            out.append((mentions, stages["quotes"](doc, article=article, mentions=mentions, kb=stages["kb"])))
        return out

    base_in, now_in = inputs(base), inputs(now)
    clock = time.process_time
    for name in args.stages.split(","):
        best_base, best_now = [float("inf")] * len(docs), [float("inf")] * len(docs)
        same = True
        for round_ in range(args.repeat):
            for k, (doc, article) in enumerate(zip(docs, articles)):
                order = ((base, base_in, best_base), (now, now_in, best_now))
                results = []
                for stages, stage_inputs, best in order if (round_ + k) % 2 else order[::-1]:
                    doc.user_data.clear()  # as the pipeline has it: nothing kept from an earlier run
                    t = clock()
                    results.append(_call(stages, name, doc, article, stage_inputs[k]))
                    best[k] = min(best[k], clock() - t)
                if round_ == 0:
                    same = same and [asdict(r) for r in results[0]] == [asdict(r) for r in results[1]]
        b, n = sum(best_base), sum(best_now)
        print(f"  {name:11s} base {b:6.3f} s CPU  now {n:6.3f} s CPU  now/base {n / b:4.2f}  same records: {same}")


if __name__ == "__main__":
    sys.exit(main())
