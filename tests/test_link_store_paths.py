"""The fast paths of linking through a store give what the general readers give: members already in memory, the
lean corroboration read, exact syndication similarity, and the gazetteer's saved fuzzy pool."""

from __future__ import annotations

import os
from pathlib import Path

from test_link import WORDINGS, strike_report
from warlog.link.run import link_store
from warlog.link.syndication import jaccard, shingles, syndication_groups
from warlog.store import Store
from warlog.store import linking as db
from warlog.store.query import events_by_id


def _linked_store(tmp_path: Path) -> Store:
    store = Store(f"sqlite:///{tmp_path / 'w.db'}")
    exs = [strike_report(o, w, 10 + i, 0) for i, (o, w) in enumerate(WORDINGS.items())]
    exs.append(strike_report("Zeta Online", WORDINGS["Alpha News"], 10, 1))  # a copy of Alpha's story
    store.save_many(exs)
    link_store(store)
    return store


def test_members_from_memory_equal_members_read_from_the_store(tmp_path):
    store = _linked_store(tmp_path)
    event_ids = [e["id"] for e in store.events()]
    read = db.members_of(store.engine, event_ids)
    # the mentions as a link run holds them (no report text), for all but one member: the rest is read
    held = [pair for ms in read.values() for pair in ms]
    known = {m.id: (m, {"outlet": i["outlet"], "published": i["published"]}) for m, i in held[1:]}
    mixed = db.members_of(store.engine, event_ids, known)
    assert mixed == read
    assert all(info["text"] for ms in mixed.values() for _m, info in ms)  # report texts read either way


def test_the_lean_corroboration_read_holds_what_the_full_event_holds(tmp_path):
    store = _linked_store(tmp_path)
    ids = [e["id"] for e in store.events()]
    full = {e["id"]: e for e in events_by_id(store.engine, ids)}
    lean = db.corroboration_events(store.engine, [*ids, "no-such-event"])
    assert sorted(e["id"] for e in lean) == sorted(full)
    for ev in lean:
        f = full[ev["id"]]
        assert (ev["event_date"], ev["location"], ev["flags"]) == (f["event_date"], f["location"], f["flags"])
        keys = ("report_id", "source", "text_group", "fatalities")
        assert sorted(tuple(r[k] for k in keys) for r in ev["reports"]) == sorted(
            tuple(r[k] for k in keys) for r in f["reports"]
        )
    corr = db.corroboration(store.engine)
    copied = [c for c in corr.values() if c["counts"]["syndicated_copies"]]
    assert len(copied) == 2  # Alpha and its copy each see the other


def test_syndication_compares_exact_shingle_sets():
    a = "Jets struck the grain silo outside Manbij at dawn destroying the harvest stored there"
    assert shingles(a) == shingles(a.upper())  # case folded
    assert len(shingles("three short words")) == 1  # a short text is one shingle
    b = a + " for the winter"
    sa, sb = shingles(a), shingles(b)
    assert jaccard(sa, sb) == len(sa & sb) / len(sa | sb) == 11 / 14
    groups = syndication_groups({"x": a, "y": b, "z": "A farmer said the silo burned for hours after the raid"})
    assert groups == {"x": "x", "y": "x", "z": "z"}
    many = {f"r{i:03d}": f"{a} report {i}" if i % 2 else f"unrelated note number {i} about the weather" for i in
            range(70)}  # fmt: skip
    g = syndication_groups(many)  # beyond PAIRWISE_MAX: LSH proposes, exact sets confirm
    assert len({g[r] for r in many if int(r[1:]) % 2}) == 1


def _tiny_index(path: Path) -> None:
    import sqlite3

    from warlog.gazetteer.index import create_schema, insert_places

    conn = sqlite3.connect(path)
    create_schema(conn)
    rows = [("sy-1", "Aleppo", ["Halab"], "city", "SY", 2_000_000), ("sy-2", "Saraqib", [], "town", "SY", 30_000),
            ("fr-1", "Lyon", [], "city", "FR", 500_000), ("fr-2", "Tinyville", [], "village", "FR", 50)]  # fmt: skip
    insert_places(conn, [{"id": i, "name": n, "alt_names": a, "feature": f, "iso": c, "country": c, "lat": 1.0,
                          "lon": 2.0, "population": p} for i, n, a, f, c, p in rows])  # fmt: skip
    conn.commit()
    conn.close()


def test_the_fuzzy_pool_is_saved_beside_the_index_and_read_back_until_the_index_changes(tmp_path):
    from warlog.gazetteer.index import Gazetteer

    path = tmp_path / "g.sqlite"
    _tiny_index(path)
    first = Gazetteer.open(path)
    pool = first.fuzzy_pool()
    from warlog.gazetteer.names import name_key

    # the region's places and big cities (not Tinyville), by key in the index's order
    assert pool == sorted(name_key(n) for n in ("Aleppo", "Halab", "Lyon", "Saraqib"))
    side = Path(f"{path}.fuzzy")
    assert side.exists()
    again = Gazetteer.open(path)
    assert again._saved_fuzzy_pool() == pool  # read back: the same keys in the same order
    assert again.fuzzy_keys("srakab") == first.fuzzy_keys("srakab") != []  # "Sraqib" near "Saraqib"
    os.utime(path, ns=(1, 1))  # the index file changed (a dump was loaded): the saved pool is stale
    assert Gazetteer.open(path)._saved_fuzzy_pool() is None
    side.write_text("garbage", encoding="utf-8")
    assert Gazetteer.open(path)._saved_fuzzy_pool() is None
    assert Gazetteer.open(path).fuzzy_pool() == pool  # recomputed


def test_the_ingest_service_imports_neither_spacy_nor_datasketch_until_it_needs_them():
    """A `--engine local` parent only reads, stores and links: spaCy loads in the workers, datasketch (and scipy) only
    for an event with more reports than the pairwise limit."""
    import subprocess
    import sys

    code = "import sys, warlog.service, warlog.link.run; print(sorted({'spacy', 'datasketch'} & set(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def _small_corpus() -> list:
    """Four happenings told by 1-3 outlets each, two of them on the same day a few km apart, plus a lone report."""
    from datetime import date

    from warlog.model import Evidence, Extraction, Mention, Place, Report

    happenings = [
        ("Kafr Nabl", 35.61, 36.56, date(2019, 5, 2), ("Explosions/Remote violence", "Air/drone strike"), 7),
        ("Maarat al-Numan", 35.64, 36.67, date(2019, 5, 2), ("Explosions/Remote violence", "Air/drone strike"), 3),
        ("Jisr al-Shughur", 35.81, 36.32, date(2019, 5, 9), ("Battles", "Armed clash"), 12),
        ("Douma", 33.57, 36.40, date(2019, 6, 1), ("Violence against civilians", "Attack"), 1),
    ]
    exs = []
    for k, (town, lat, lon, day, (etype, sub), toll) in enumerate(happenings):
        for r, outlet in enumerate(("North Wire", "Valley Post", "Desert Radio")[: 3 - k % 3]):
            sentence = f"Fighting near {town} left {toll + r} people dead on that day, a monitor said."
            text = f"{outlet} bulletin {k}-{r}. {sentence}"
            report = Report(text=text, outlet=outlet, published=day)
            m = Mention(report.id, day, event_type=etype, sub_event_type=sub, fatalities=toll + r,
                        place=Place(town, lat, lon, 1, iso="SY"),
                        evidence=[Evidence(sentence, len(text) - len(sentence), len(text))])  # fmt: skip
            exs.append(Extraction(report=report, mentions=[m]))
    return exs


def test_linking_through_the_store_gives_the_clusters_the_linker_gives_in_memory(tmp_path):
    from warlog.link.linker import Linker

    store = Store(f"sqlite:///{tmp_path / 'c.db'}")
    store.save_many(_small_corpus())
    unlinked = [m for m, _ in db.unlinked_mentions(store.engine)]
    in_memory = {d.mention_id: d.event_id for d in Linker().add_all(unlinked)}
    link_store(store)
    stored = {m.id: info["event_id"] for m, info in db.linked_mentions(store.engine)}
    assert stored == in_memory
    assert 1 < len(set(stored.values())) < len(stored)  # some reports joined, not everything in one event


def test_search_documents_made_from_memory_equal_those_read_back(tmp_path):
    from dataclasses import replace
    from datetime import date

    import sqlalchemy as sa

    from warlog.store import search

    store = _linked_store(tmp_path)  # linking wrote the documents from the rows and members it held
    later = strike_report("Eta Daily", WORDINGS["Alpha News"], 3, 2)  # a strike two months on: a second event
    later.mentions = [replace(m, event_date=date(2017, 5, 20)) for m in later.mentions]
    store.save_many([later])
    link_store(store)  # a new event beside the first one, whose document is rewritten too
    ids = sorted(e["id"] for e in store.events())
    cols = [search.search_table.c.event_id, *(search.search_table.c[f] for f in search.FIELDS)]
    with store.engine.connect() as conn:
        stored = {r["event_id"]: dict(r) for r in conn.execute(sa.select(*cols)).mappings()}
        read = {d["event_id"]: d for d in search.documents(conn, ids)}
    assert len(ids) == 2 and stored == read
    assert all(d["evidence"] and d["places"] for d in stored.values())


def test_mentions_read_for_linking_hold_dates_and_evidence(tmp_path):
    from datetime import date

    store = Store(f"sqlite:///{tmp_path / 'w.db'}")
    ex = strike_report("Alpha News", WORDINGS["Alpha News"], 12, 0)
    store.save_many([ex])
    [(m, info)] = db.unlinked_mentions(store.engine)  # dates and JSON read as stored, parsed by mention_from_row
    assert m.event_date == date(2017, 3, 14) and info["published"] == date(2017, 3, 14)
    assert [e.text for e in m.evidence] == [e.text for e in ex.mentions[0].evidence]
    assert m.place == ex.mentions[0].place and info["outlet"] == "Alpha News"
    link_store(store)
    [(m2, info2)] = db.linked_mentions(store.engine)
    assert (m2.event_date, info2["published"], m2.evidence) == (m.event_date, info["published"], m.evidence)


def test_fast_mention_reader_gives_what_mention_from_row_gives(tmp_path):
    """db._mentions_of builds Mentions from row tuples by position: the same objects as mention_from_row over the
    same rows read as dicts (a mention with no place, none with no date, nulls in the optional columns)."""
    from dataclasses import replace

    from warlog.store.rows import _as_date, mention_from_row

    store = Store(f"sqlite:///{tmp_path / 'f.db'}")
    exs = _small_corpus()
    exs[0].mentions = [replace(m, place=None, event_date=None, actor2=None, injured=7, id="") for m in exs[0].mentions]
    exs[1].mentions = [replace(m, confidence=0.25, unresolved_places=["Nowhere"], id="") for m in exs[1].mentions]
    store.save_many(exs)
    with store.engine.connect() as conn:
        fast = db._mentions_of(conn.execute(db._mention_select()))
        result = conn.execute(db._mention_select())
        keys = list(result.keys())
        rows = [dict(zip(keys, r, strict=True)) for r in result]
    slow = [(mention_from_row(r), {"event_id": r["event_id"], "outlet": r["outlet"],
                                   "published": _as_date(r["published"])}) for r in rows]  # fmt: skip
    assert len(fast) == len(slow) > 3 and fast == slow
    assert any(m.place is None and m.event_date is None for m, _ in fast)
    assert any(m.unresolved_places == ["Nowhere"] and m.confidence == 0.25 for m, _ in fast)


def test_fast_mention_reader_passes_every_field_to_its_own_attribute(tmp_path):
    """db._mentions_of passes Mention's fields by position: the order it assumes is the dataclass's, and a mention
    with a distinct value in every field reads back as mention_from_row reads it."""
    from dataclasses import fields, replace

    from warlog.model import Mention
    from warlog.store.rows import mention_from_row

    names = [f.name for f in fields(Mention)]
    assert tuple(names[: len(db._MENTION_FIELDS)]) == db._MENTION_FIELDS
    assert names[len(db._MENTION_FIELDS) :] == ["fatalities_max"]
    store = Store(f"sqlite:///{tmp_path / 'f.db'}")
    exs = _small_corpus()[:1]
    values = {"disorder_type": "Political violence", "event_type": "Battles", "sub_event_type": "Armed clash",
              "actor1": "A one", "assoc_actor_1": "A assoc", "actor2": "B two", "assoc_actor_2": "B assoc",
              "inter1": 1, "inter2": 2, "injured": 3, "civilians": 4, "children": 5, "women": 6,
              "attributed_to": "Someone", "time_precision": 2, "fatalities": 9, "confidence": 0.75}  # fmt: skip
    exs[0].mentions = [replace(exs[0].mentions[0], **values, unresolved_places=["Nowhere"], id="")]
    store.save_many(exs)
    with store.engine.connect() as conn:
        [(fast, _)] = db._mentions_of(conn.execute(db._mention_select()))
        result = conn.execute(db._mention_select())
        [slow] = [mention_from_row(dict(zip(result.keys(), r, strict=True))) for r in result]
    assert fast == slow
    assert all(getattr(fast, k) == v for k, v in values.items())


def test_bulk_insert_stores_what_sqlalchemy_stores(tmp_path):
    """store.bulk.insert_rows binds values with each column's own processor: the same stored text for dates,
    datetimes, JSON (None as JSON null) and booleans as `conn.execute(sa.insert(table), rows)`."""
    from datetime import date, datetime

    import sqlalchemy as sa

    from warlog.store import bulk
    from warlog.store.schema import events, reference_matches

    store = Store(f"sqlite:///{tmp_path / 'b.db'}")
    rows = [
        {
            "id": f"e{i}",
            "event_date": date(2017, 3, i + 1),
            "flags": ["single_source"] if i else None,
            "figures": {"A": [i]},
            "sources": [],
            "updated_at": datetime(2020, 1, 2, 3, 4, 5, 6 * i),
        }
        for i in range(3)
    ]  # fmt: skip  (no fatalities: the column's default 0 is filled in)
    matches = [{"event_id": "e1", "reference_id": f"acled:{i}", "days": i, "km": 1.5, "figures_agree": i == 1}
               for i in range(3)]  # fmt: skip

    def stored(conn: sa.Connection, table: sa.Table) -> list[tuple]:
        return [tuple(r) for r in conn.exec_driver_sql(f"SELECT * FROM {table.name} ORDER BY 1, 2")]

    with store._write() as conn:
        conn.execute(sa.insert(events), rows)
        conn.execute(sa.insert(reference_matches), matches)
        want = stored(conn, events), stored(conn, reference_matches)
        conn.execute(sa.delete(events))
        conn.execute(sa.delete(reference_matches))
        bulk.insert_rows(conn, events, rows)
        bulk.insert_rows(conn, reference_matches, matches)
        assert (stored(conn, events), stored(conn, reference_matches)) == want
        bulk.update_column(conn, events, "id", "fatalities", [("e2", 9)])
        assert conn.execute(sa.select(events.c.fatalities).where(events.c.id == "e2")).scalar_one() == 9


def test_a_write_that_founds_most_of_the_table_rebuilds_the_same_indexes(tmp_path, monkeypatch):
    """bulk.indexes_rebuilt drops a table's secondary indexes for a write bringing more rows than it holds and creates
    them again from their stored SQL: the schema is the same after, the indexes hold every row, and a small write
    into a fuller table leaves them alone."""
    from datetime import date

    from warlog.store import bulk
    from warlog.store.linking import write_events

    monkeypatch.setattr(bulk, "BULK_ROWS", 2)
    store = Store(f"sqlite:///{tmp_path / 'i.db'}")
    q = "SELECT name, sql FROM sqlite_master WHERE type = 'index' ORDER BY name"
    with store.engine.connect() as conn:
        before = conn.exec_driver_sql(q).all()
    rows = [{"id": f"e{i}", "event_date": date(2017, 3, i + 1), "fatalities": i, "n_sources": 1} for i in range(5)]
    srcs = [{"event_id": f"e{i}", "mention_id": f"m{i}", "report_id": f"r{i}"} for i in range(5)]
    write_events(store, rows, srcs)
    write_events(store, rows[:3], srcs[:3])  # rewrites 3 of 5: indexes kept
    with store.engine.connect() as conn:
        assert conn.exec_driver_sql(q).all() == before
        assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
        by_index = conn.exec_driver_sql("SELECT count(*) FROM events INDEXED BY ix_events_fatalities_id").scalar()
        assert by_index == 5


def test_blocking_from_pair_keys_answers_as_compatible():
    """The linker's blocking test from keys computed once per mention (blocking.keys_compatible) gives
    blocking.compatible's answer on random pairs: undated, unplaced, uncoordinated, other countries, every precision
    and type, neighbouring reports; the distance arithmetic is the same (pairs at the radius's edge agree)."""
    import random
    from datetime import date, timedelta

    from warlog.link.blocking import compatible, keys_compatible, pair_key
    from warlog.model import Mention, Place

    rng = random.Random(7)
    types = [None, "Battles", "Explosions/Remote violence", "Violence against civilians", "Protests"]

    def mention(i: int) -> Mention:
        place = None
        if rng.random() < 0.85:
            no_coords = rng.random() < 0.1
            place = Place(
                location=rng.choice(["A", "B", ""]),
                latitude=None if no_coords else 35 + rng.uniform(-0.6, 0.6),
                longitude=None if no_coords else 38 + rng.uniform(-0.6, 0.6),
                geo_precision=rng.choice([1, 2, 3, None]),
                admin1=rng.choice(["Aleppo", "Idlib", None]),
                admin2=rng.choice(["Afrin", "Jisr", None]),
                iso=rng.choice(["SY", "SY", "TR", None]),
            )
        day = None if rng.random() < 0.05 else date(2017, 1, 1) + timedelta(days=rng.randrange(40))
        return Mention(f"r{rng.randrange(30)}", day, time_precision=rng.choice([1, 1, 2, 3, None]), place=place,
                       event_type=rng.choice(types), id=f"m{i}")  # fmt: skip

    ms = [mention(i) for i in range(300)]
    keys = [pair_key(m) for m in ms]
    answers = {True: 0, False: 0}
    for i, a in enumerate(ms):
        for j, b in enumerate(ms):
            want = compatible(a, b)
            assert keys_compatible(keys[i], keys[j]) is want, (a, b)
            answers[want] += 1
    assert answers[True] > 1000 and answers[False] > 1000


def test_assigning_most_mentions_updates_by_row_order_and_rebuilds_the_event_id_index(tmp_path, monkeypatch):
    """A link that assigns most of the mentions (bulk.update_column by rowid, bulk.column_indexes_rebuilt) stores
    the event ids an UPDATE by mention id stores, keeps the schema, and its event_id index holds every row; an
    assignment of a few mentions keeps the index and goes by mention id."""
    import sqlalchemy as sa

    from warlog.store import bulk
    from warlog.store.schema import mentions

    monkeypatch.setattr(bulk, "BULK_ROWS", 2)
    store = _linked_store(tmp_path)
    q = "SELECT name, sql FROM sqlite_master WHERE type = 'index' ORDER BY name"
    with store.engine.connect() as conn:
        before = conn.exec_driver_sql(q).all()
        ids = sorted(conn.execute(sa.select(mentions.c.id)).scalars())
    assert len(ids) >= 5
    calls: list[list | None] = []
    real = bulk._by_rowid

    def spy(*a):
        calls.append(real(*a))
        return calls[-1]

    monkeypatch.setattr(bulk, "_by_rowid", spy)
    wanted = {m: f"x{i % 3}" for i, m in enumerate(ids)}
    db.assign_events(store, {**wanted, "m-not-stored": "x9"})
    with store.engine.connect() as conn:
        assert conn.exec_driver_sql(q).all() == before
        assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
        assert dict(conn.execute(sa.select(mentions.c.id, mentions.c.event_id)).all()) == wanted
        n = conn.exec_driver_sql("SELECT count(*) FROM mentions INDEXED BY ix_mentions_event_id WHERE event_id = 'x1'")
        assert n.scalar() == sum(v == "x1" for v in wanted.values())
    assert len(calls) == 1 and calls[0] is not None and len(calls[0]) == len(ids)  # by rowid, the unknown id left out
    calls.clear()
    monkeypatch.setattr(bulk, "BULK_ROWS", 1)
    db.assign_events(store, {ids[0]: "y"})  # 1 of 5 or more: by mention id (not a quarter of the table)
    assert calls == [None]
    with store.engine.connect() as conn:
        assert conn.exec_driver_sql(q).all() == before
        got = dict(conn.execute(sa.select(mentions.c.id, mentions.c.event_id)).all())
    assert got == {**wanted, ids[0]: "y"}
