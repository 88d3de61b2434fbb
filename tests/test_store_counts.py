"""Bounded counts (issue 16): a page's total is exact while counting is cheap, else an estimate from a uniform sample
of the events (search_key order, a hash of the id) or, for a search alone, from where the search index's matches
reach in its hashed rowids; rare filters are always counted exactly; the API says which (`count_exact`)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
import sqlalchemy as sa

from warlog.store import Store, search
from warlog.store import query as q
from warlog.store.review import event_reviews
from warlog.store.schema import events

N = 3000
PLACES = [("Aleppo", "Aleppo", "Syria", "SY", 36.20, 37.13), ("Idlib", "Idlib", "Syria", "SY", 35.93, 36.63),
          ("Mosul", "Ninewa", "Iraq", "IQ", 36.34, 43.12), ("Taizz", "Taizz", "Yemen", "YE", 13.58, 44.02)]  # fmt: skip
TYPES = ["Battles", "Explosions/Remote violence", "Violence against civilians", "Protests"]


def _fill(url: str) -> None:
    """N events with hashed keys and search documents: places in the ratio 4:3:2:1 (Aleppo .. Taizz), types 1:1:1:1,
    one in 100 with a rare actor; 20 reviews (half rejecting)."""
    store = Store(url)
    rows, reviews = [], []
    for i in range(N):
        loc, adm1, country, iso, lat, lon = PLACES[[0, 0, 0, 0, 1, 1, 1, 2, 2, 3][i % 10]]
        eid = f"e{i:05d}"
        rows.append({"id": eid, "event_date": date(2020, 1, 1) + timedelta(days=i % 700), "location": loc,
                     "admin1": adm1, "country": country, "iso": iso, "latitude": lat + (i % 7) * 0.01,
                     "longitude": lon, "event_type": TYPES[(i // 10) % 4], "fatalities": i % 5,
                     "actor1": "Rare Brigade" if i % 100 == 42 else "Military Forces",
                     "search_key": search.doc_key(eid)})  # fmt: skip
        if i % 150 == 1:
            reviews.append({"event_id": eid, "status": "rejected" if i % 300 == 1 else "confirmed"})
    with store.engine.begin() as conn:
        conn.execute(sa.insert(events), rows)
        conn.execute(sa.insert(event_reviews), reviews)
        search.rebuild(conn)
    store.close()


@pytest.fixture(scope="module")
def filled(module_db_url: str) -> str:
    _fill(module_db_url)
    return module_db_url


@pytest.fixture
def tight(monkeypatch: pytest.MonkeyPatch) -> None:
    """Budgets small enough that this small store's large counts are estimated."""
    monkeypatch.setattr(q, "ESTIMATE_FROM_EVENTS", -1)  # PostgreSQL's size estimate is unknown before ANALYZE
    monkeypatch.setattr(q, "COUNT_BUDGET_STEPS", 200)
    monkeypatch.setattr(q, "COUNT_CAP", 100)
    monkeypatch.setattr(q, "SEARCH_COUNT_CAP", 100)
    monkeypatch.setattr(q, "SAMPLE_ROWS", N)
    monkeypatch.setattr(q, "SAMPLE_HITS", 600)
    monkeypatch.setattr(q, "SAMPLE_MIN_HITS", 100)


LARGE = [q.EventFilter(country="SY"), q.EventFilter(event_type="Battles"), q.EventFilter(admin1="aleppo"),
         q.EventFilter(bbox=(36.0, 35.5, 38.0, 36.5)), q.EventFilter(near=(36.2, 37.13), km=30)]  # fmt: skip


@pytest.mark.parametrize("f", LARGE, ids=["country", "type", "admin1", "bbox", "near"])
def test_large_counts_are_estimated_near_the_exact_figure(filled: str, tight: None, f: q.EventFilter) -> None:
    engine = sa.create_engine(filled)
    with engine.connect() as conn:
        exact = q.count_events(conn, f)
        total, is_exact = q.count_bounded(conn, f)
        assert conn.execute(sa.select(sa.func.count()).select_from(events)).scalar() == N  # still usable
    engine.dispose()
    assert exact > 600
    assert not is_exact
    assert abs(total - exact) <= 0.2 * exact, (total, exact)


def test_search_alone_is_estimated_from_the_index_on_sqlite(filled: str, tight: None) -> None:
    f = q.EventFilter(actor="military forces")
    engine = sa.create_engine(filled)
    with engine.connect() as conn:
        exact = q.count_events(conn, f)
        total, is_exact = q.count_bounded(conn, f)
    engine.dispose()
    assert exact == N - N // 100 - 10  # every event but the rare actor's, less the rejected ones
    if filled.startswith("postgresql"):  # ids e00000..e02999, not hashes: the slice holds every document, so exact
        assert total == exact
    else:
        assert not is_exact and abs(total - exact) <= 0.2 * exact, (total, exact)


def test_search_alone_is_estimated_from_a_slice_of_ids_on_postgresql(
    db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """PostgreSQL: a common word is estimated from the documents of a uniform slice of the event ids (hashes in hex, as
    warlog makes them), read in one primary-key range; a rare word, and a store whose ids are not hashes, get the
    exact figure."""
    if not db_url.startswith("postgresql"):
        pytest.skip("PostgreSQL's estimate (SQLite reads its FTS5 rowids, tested above)")
    import hashlib

    store = Store(db_url)
    rows = []
    for i in range(N):
        eid = "e" + hashlib.sha256(f"m{i}".encode()).hexdigest()[:16]
        actor = "Rare Brigade" if i % 100 == 42 else ("Military Forces" if i % 3 else "Popular Front")
        rows.append({"id": eid, "event_date": date(2020, 1, 1), "actor1": actor, "search_key": search.doc_key(eid)})
    with store.engine.begin() as conn:
        conn.execute(sa.insert(events), rows)
        search.rebuild(conn)
    store.close()
    monkeypatch.setattr(q, "ESTIMATE_FROM_EVENTS", -1)
    monkeypatch.setattr(q, "SEARCH_COUNT_CAP", 100)
    monkeypatch.setattr(q, "SAMPLE_MIN_HITS", 50)
    monkeypatch.setattr(q, "PG_SLICE_DOCS", 600)
    monkeypatch.setattr(q, "_events_estimate", lambda conn: N)  # PostgreSQL's planner figure, known after ANALYZE
    engine = sa.create_engine(db_url)
    with engine.connect() as conn:
        for f in (q.EventFilter(actor="military forces"), q.EventFilter(q="popular")):
            exact = q.count_events(conn, f)
            total, is_exact = q.count_bounded(conn, f)
            assert not is_exact and abs(total - exact) <= 0.2 * exact, (f, total, exact)
        rare = q.EventFilter(actor="rare brigade")
        assert q.count_bounded(conn, rare) == (q.count_events(conn, rare), True)
    engine.dispose()


@pytest.mark.parametrize(
    "f",
    [q.EventFilter(actor="rare brigade"), q.EventFilter(country="YE", event_type="Protests"), q.EventFilter()],
    ids=["rare-search", "rare-combination", "everything"],
)
def test_rare_or_cheap_filters_stay_exact(filled: str, tight: None, f: q.EventFilter) -> None:
    """A filter too rare for the sample to tell is counted exactly however dear; a plain count(*) is within even a
    tiny budget on SQLite (and counted exactly as a rare one elsewhere when over the cap)."""
    engine = sa.create_engine(filled)
    with engine.connect() as conn:
        exact = q.count_events(conn, f)
        total, is_exact = q.count_bounded(conn, f)
    engine.dispose()
    if f == q.EventFilter():
        assert total == exact or not is_exact
        return
    assert is_exact and total == exact


def test_default_budgets_count_a_small_store_exactly(filled: str) -> None:
    engine = sa.create_engine(filled)
    with engine.connect() as conn:
        for f in [*LARGE, q.EventFilter(actor="military forces"), q.EventFilter(q="aleppo")]:
            assert q.count_bounded(conn, f) == (q.count_events(conn, f), True)
    engine.dispose()


def test_pages_say_whether_the_total_is_exact(filled: str, tight: None) -> None:
    engine = sa.create_engine(filled)
    q._counts.clear()
    f = q.EventFilter(country="SY")
    page = q.page_events(engine, f, limit=10, exact_total=False)
    assert not page.total_exact and len(page.items) == 10
    exact = q.page_events(engine, f, limit=10)  # the CLI's and exports' readers: exact, never a cached estimate
    with engine.connect() as conn:
        assert exact.total_exact and not exact.total_cached and exact.total == q.count_events(conn, f)
    again = q.page_events(engine, f, limit=10, offset=10 * 300, exact_total=False)  # past an estimate: still read
    assert again.total_cached and again.total_exact  # the exact figure now kept serves the estimating reader too
    engine.dispose()


def test_radius_shortcut_keeps_the_same_events(db_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """`near` skips the haversine for points inside a box wholly within the circle: the same events as the haversine
    alone, and as Python's haversine_km, for points scattered in and around the circle (many near its edge)."""
    import random

    from warlog.geometry import haversine_km

    rng = random.Random(3)
    centre, km = (35.93, 36.63), 25.0
    rows = []
    for i in range(1500):
        lat = centre[0] + rng.uniform(-0.35, 0.35)
        lon = centre[1] + rng.uniform(-0.45, 0.45)
        rows.append({"id": f"e{i:05d}", "event_date": date(2021, 1, 1), "latitude": lat, "longitude": lon})
    store = Store(db_url)
    with store.engine.begin() as conn:
        conn.execute(sa.insert(events), rows)
    f = q.EventFilter(near=centre, km=km)
    expected = sorted(r["id"] for r in rows if haversine_km(*centre, r["latitude"], r["longitude"]) <= km)
    assert q._inner_box(*centre, km) is not None
    with_box = sorted(e["id"] for e in q.read_events(store.engine, f, sort="id"))
    monkeypatch.setattr(q, "_inner_box", lambda *_a: None)
    plain = sorted(e["id"] for e in q.read_events(store.engine, f, sort="id"))
    store.close()
    assert 300 < len(expected) < 1500
    assert with_box == plain == expected


def test_counts_apply_reviews_that_move_events_in_and_out(db_url: str) -> None:
    """The reviewed corrections read only the reviews that can change a count (a status left out, an override of a
    column the filter reads): counts still equal the events a reader sees, for filters on reviewed columns."""
    store = Store(db_url)
    rows, reviews = [], []
    for i in range(80):
        rows.append({"id": f"e{i:03d}", "event_date": date(2020, 1, 1) + timedelta(days=i), "country": "Syria",
                     "iso": "SY", "event_type": TYPES[i % 4], "fatalities": i % 6, "admin1": "Idlib"})  # fmt: skip
    for i in range(0, 80, 5):
        review: dict = {"event_id": f"e{i:03d}", "status": ("rejected", "confirmed", "edited", "merged")[i % 4]}
        if i % 3 == 0:
            review["event_date"] = date(2021, 6, 1)  # moved out of (or into) a date range
        if i % 7 == 0:
            review.update(country="Iraq", iso="IQ")
        if i % 2 == 0:
            review["fatalities"] = 40
        if i % 9 == 0:
            review["event_type"] = "Protests"
        reviews.append(review)
    with store.engine.begin() as conn:
        conn.execute(sa.insert(events), rows)
        for r in reviews:
            conn.execute(sa.insert(event_reviews), [r])
    filters = [q.EventFilter(since=date(2020, 1, 20), until=date(2020, 2, 20)), q.EventFilter(country="IQ"),
               q.EventFilter(min_fatalities=5), q.EventFilter(event_type="Protests", since=date(2021, 1, 1)),
               q.EventFilter(country="SY", status=q.parse_status("all")), q.EventFilter(admin1="idlib")]  # fmt: skip
    with store.engine.connect() as conn:
        for f in filters:
            assert q.count_events(conn, f) == len(q.read_events(store.engine, f)) > 0, f
    store.close()


def test_counts_within_budget_are_exact_with_the_reviews(filled: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """A store treated as large but every count within the default budget: the bounded count (on SQLite the events'
    count and the reviewed correction in one statement) equals the exact one, reviews applied."""
    monkeypatch.setattr(q, "ESTIMATE_FROM_EVENTS", -1)
    engine = sa.create_engine(filled)
    statements: list[str] = []
    sa.event.listen(engine, "before_cursor_execute", lambda _c, _cur, s, *_a: statements.append(s))
    with engine.connect() as conn:
        for f in [*LARGE, q.EventFilter(country="YE", event_type="Protests"), q.EventFilter(since=date(2016, 1, 1))]:
            statements.clear()
            assert q.count_bounded(conn, f) == (q.count_events(conn, f), True), f
            if filled.startswith("sqlite"):  # count_bounded's one statement, then count_events' (and the store's size)
                assert len([s for s in statements if "max(rowid)" not in s]) == 2
    engine.dispose()
