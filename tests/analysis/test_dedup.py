from dyadscope.analysis import Dataset

from .synthetic import Doc, Ev, store


def _delivery(doc_id, sentence, trigger, date="2016-04-25", publisher=None, **kw):
    return Doc(doc_id, "2016-05-01", [(sentence, [Ev("COOPERATE", ("RUS",), ("IRN",), trigger, date=date, **kw)])], publisher=publisher)


def test_dedup_merges_same_event_across_documents_and_keeps_every_mention():
    db = store(
        _delivery("a", "Russia delivered air defence missiles to Iran.", "delivered", publisher="Wire"),
        _delivery("b", "Iran received air defence missiles delivered by Russia.", "delivered", publisher="Daily"),
        _delivery("c", "Russia finally delivered the air defence missiles to Iran.", "delivered", date="2016-04", publisher="Wire"),
    )
    events = Dataset(db).events()
    assert len(events) == 1
    ev = events.iloc[0]
    assert ev["num_articles"] == 3 and ev["num_mentions"] == 3 and ev["num_sources"] == 2
    assert sorted(ev["members"].split(";")) == ["a#0", "b#0", "c#0"]
    assert ev["date"] == "2016-04-25"  # the most precise date represents the event


def test_dedup_switch_off_keeps_each_report():
    db = store(
        _delivery("a", "Russia delivered air defence missiles to Iran.", "delivered"),
        _delivery("b", "Russia delivered the air defence missiles to Iran.", "delivered"),
    )
    ds = Dataset(db)
    assert len(ds.events(dedup=False)) == 2
    assert len(ds.events(dedup=True)) == 1
    assert ds.dyad_series("IRN", "RUS", by="year", dedup=False).query("direction == 'combined'")["n_events"].tolist() == [2]
    assert ds.dyad_series("IRN", "RUS", by="year").query("direction == 'combined'")["n_events"].tolist() == [1]


def test_dedup_keeps_apart_different_dates_dyads_types_modalities_and_evidence():
    sentence = "Russia delivered air defence missiles to Iran"
    db = store(
        _delivery("a", sentence + ".", "delivered"),
        _delivery("b", sentence + " again.", "delivered", date="2016-06-30"),  # dates too far apart
        Doc("c", "2016-05-01", [(sentence.replace("Iran", "Syria") + ".", [Ev("COOPERATE", ("RUS",), ("SYR",), "delivered", date="2016-04-25")])]),
        Doc("d", "2016-05-01", [(sentence + " quickly.", [Ev("AID", ("RUS",), ("IRN",), "delivered", date="2016-04-25")])]),
        _delivery("e", sentence + " first.", "delivered", modality="reported"),
        _delivery("f", "Russian officials praised a Caspian fishing accord with Iran.", "praised"),  # other evidence
    )
    assert db.counts()["events"] == 6
    assert len(Dataset(db).events()) == 6
    # the same store with a looser date tolerance merges a and b
    assert len(Dataset(db, date_tolerance_days=90).events()) == 5


def test_dedup_never_merges_two_events_of_one_document():
    db = store(
        Doc("a", "2016-05-01", [
            ("Russia delivered air defence missiles to Iran.", [Ev("COOPERATE", ("RUS",), ("IRN",), "delivered", date="2016-04-25")]),
            ("Russia delivered more air defence missiles to Iran.", [Ev("COOPERATE", ("RUS",), ("IRN",), "delivered", date="2016-04-25")]),
        ]),
        _delivery("b", "Russia delivered the air defence missiles to Iran.", "delivered"),
    )
    events = Dataset(db).events()
    assert len(events) == 2
    assert sorted(events["num_articles"]) == [1, 2]
    for members in events["members"]:
        docs = [m.split("#")[0] for m in members.split(";")]
        assert len(docs) == len(set(docs))


def test_dedup_partial_date_is_compatible_with_a_day_inside_it():
    db = store(
        _delivery("a", "Russia delivered air defence missiles to Iran.", "delivered", date="2016"),
        _delivery("b", "Russia delivered the air defence missiles to Iran.", "delivered", date="2016-11-02"),
        _delivery("c", "Russia delivered those air defence missiles to Iran.", "delivered", date="2017-01-10"),
    )
    events = Dataset(db).events()
    assert sorted(events["num_articles"]) == [1, 2]


def test_dedup_clusters_stored_and_reused_until_the_store_changes(tmp_path, monkeypatch):
    from dyadscope.analysis import api, store_clusters
    from dyadscope.store import Database

    from .synthetic import Doc, Ev, build

    docs = [Doc(f"n{i}", "2016-05-13", [(f"Russia shipped missiles to Iran on Monday, wire {i} said.",
                                          [Ev("COOPERATE", ("RUS",), ("IRN",), "shipped", date="2016-05-09")])]) for i in range(3)]
    path = tmp_path / "c.duckdb"
    with Database(path) as db:
        db.write_results([build(d) for d in docs[:2]])
        assert store_clusters(db) == 1
    fresh = api.cluster_events

    def refuse(*a, **k):
        raise AssertionError("clusters recomputed")

    monkeypatch.setattr(api, "cluster_events", refuse)
    with Dataset(str(path)) as ds:  # read-only: the stored clusters are used
        assert ds.events().num_articles.tolist() == [2]
    with Database(path) as db:
        db.write_results([build(docs[2])])
    monkeypatch.setattr(api, "cluster_events", fresh)
    calls = []
    monkeypatch.setattr(api, "cluster_events", lambda *a, **k: calls.append(1) or fresh(*a, **k))
    with Dataset(str(path)) as ds:  # the store changed: computed afresh, not the stale clusters
        assert ds.events().num_articles.tolist() == [3] and calls == [1]
    with Dataset(str(path), min_similarity=0.99) as ds:  # other settings: not the stored ones either
        ds.events()
        assert calls == [1, 1]
