"""The analysis cache: one build per state of the store, stale but fast during an ingest."""

from __future__ import annotations

from itertools import combinations

from dyadscope.analysis import Dataset
from dyadscope.knowledge.ontology import load_ontology
from dyadscope.web.access import StoreAccess
from dyadscope.web.snapshot import SnapshotCache

from ..store.test_assessments_store import make_assessed
from .helpers import make_store, simple_result


def test_snapshot_busiest_pairs_match_the_dyad_events():
    db = make_store()
    cache = SnapshotCache(StoreAccess(db).reader, ontology=load_ontology())
    pairs = {(p["a"], p["b"]): p["n_events"] for p in cache.get()[0].busiest_pairs()}
    ds = Dataset(db)
    countries = sorted({c for cs in ds.event_table()["source_countries"] for c in cs} |
                       {c for cs in ds.event_table()["target_countries"] for c in cs})
    for a, b in combinations(countries, 2):
        assert pairs.get((a, b), 0) == len(ds.dyad_events(a, b)), (a, b)
    db.close()


def test_snapshot_rebuilt_only_when_the_store_changes():
    db = make_store()
    cache = SnapshotCache(StoreAccess(db).reader, ontology=load_ontology())
    first, stale = cache.get()
    assert not stale and cache.get()[0] is first
    db.write_results([simple_result("new", "Chile thanked Peru."), make_assessed()])
    cache.hold.set()  # an ingest is running: keep serving what we have, and say so
    assert cache.get() == (first, True)
    cache.hold.clear()
    second, stale = cache.get()
    assert second is not first and not stale and second.fingerprint != first.fingerprint
    # the judgements are part of the snapshot: the new document's two are counted once it is rebuilt
    assert first.dyad_assessments("IRN", "RUS").overall["n"] + 2 == second.dyad_assessments("IRN", "RUS").overall["n"]
    db.close()
