"""Statements kept by shape (issue 16): a filter's values (dates, toll, box, radius, ids) are named bound parameters, so
a statement built for one filter is run again with the next filter's values (store.query._shaped). Every page and
count answered that way equals the one answered by statements built afresh, for many values of each shape, on SQLite
and PostgreSQL, under the plans and count paths a large store takes."""

from __future__ import annotations

import random
from datetime import date, timedelta

import pytest
import sqlalchemy as sa

from warlog.store import Store, search
from warlog.store import query as q
from warlog.store.review import event_reviews
from warlog.store.schema import events

N = 400
CENTRES = [
    (36.20, 37.13),
    (35.93, 36.63),
    (36.34, 43.12),
    (13.58, 44.02),
    (0.0, 179.9),
]  # the last near the antimeridian


def _fill(url: str) -> None:
    rng = random.Random(5)
    store = Store(url)
    rows, reviews = [], []
    for i in range(N):
        lat, lon = CENTRES[i % len(CENTRES)]
        lon = lon + rng.uniform(-0.6, 0.6)
        lon = lon - 360 if lon > 180 else lon
        eid = f"e{rng.getrandbits(64):016x}"
        day = None if i % 37 == 0 else date(2020, 1, 1) + timedelta(days=rng.randrange(900))
        rows.append({"id": eid, "event_date": day,
                     "latitude": None if i % 41 == 0 else lat + rng.uniform(-0.6, 0.6), "longitude": lon,
                     "fatalities": rng.choice([0, 0, 1, 3, 8, 20]), "country": "Syria", "iso": "SY",
                     "event_type": rng.choice(["Battles", "Protests"]), "location": f"L{i % 13}",
                     "search_key": search.doc_key(eid)})  # fmt: skip
        if i % 23 == 4:
            reviews.append({"event_id": eid, "status": "edited", "fatalities": 15,
                            "event_date": date(2021, 6, 1), "latitude": 36.25, "longitude": 37.2})  # fmt: skip
        elif i % 23 == 9:
            reviews.append({"event_id": eid, "status": "rejected", "fatalities": None, "event_date": None,
                            "latitude": None, "longitude": None})  # fmt: skip
    with store.engine.begin() as conn:
        conn.execute(sa.insert(events), rows)
        conn.execute(sa.insert(event_reviews), reviews)
        search.rebuild(conn)
    store.close()


def _filters(rng: random.Random) -> list[q.EventFilter]:
    out = []
    for _ in range(12):
        d0 = date(2020, 1, 1) + timedelta(days=rng.randrange(800))
        lat, lon = rng.choice(CENTRES)
        r = rng.choice([0.05, 0.3, 1.0])
        out += [
            q.EventFilter(since=d0, until=d0 + timedelta(days=rng.choice([20, 90, 400]))),
            q.EventFilter(since=d0, min_fatalities=rng.choice([1, 5])),
            q.EventFilter(bbox=(lon - r, lat - r, lon + r, lat + r)),
            q.EventFilter(bbox=(179.5, -1.0, -179.5, 1.0)) if rng.random() < 0.3 else q.EventFilter(until=d0),
            q.EventFilter(near=(lat, lon), km=rng.choice([5, 30, 80, 25000])),
            q.EventFilter(near=(lat, lon), km=rng.choice([10, 60]), until=d0, event_type="Battles"),
            q.EventFilter(bbox=(lon - r, lat - r, lon + r, lat + r), country="SY", status=("proposed", "edited")),
        ]
    return out


@pytest.mark.parametrize("tight", [False, True], ids=["default", "estimating"])
def test_kept_statements_answer_as_fresh_ones(db_url: str, tight: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    _fill(db_url)
    if tight:  # the count paths of a large store: budget interrupted, samples, estimates
        monkeypatch.setattr(q, "ESTIMATE_FROM_EVENTS", -1)
        monkeypatch.setattr(q, "_events_estimate", lambda conn: N)
        monkeypatch.setattr(q, "COUNT_BUDGET_STEPS", 300)
        monkeypatch.setattr(q, "COUNT_CAP", 20)
        monkeypatch.setattr(q, "SAMPLE_ROWS", N)
        monkeypatch.setattr(q, "SAMPLE_HITS", 60)
        monkeypatch.setattr(q, "SAMPLE_MIN_HITS", 10)
        monkeypatch.setattr(q, "DEFER_FROM_MATCHES", 20)
    engine = sa.create_engine(db_url)
    rng = random.Random(11)
    q._stmts.clear()
    filters = _filters(rng)
    for f in filters:
        for sort, offset in (("-event_date", 0), ("fatalities", 10), ("-event_date", 60)):
            kept = q.page_events(engine, f, sort=sort, limit=10, offset=offset, exact_total=not tight)
            q._counts.clear()
            saved = dict(q._stmts)
            q._stmts.clear()
            fresh = q.page_events(engine, f, sort=sort, limit=10, offset=offset, exact_total=not tight)
            q._counts.clear()
            q._stmts.update(saved)
            assert [e["id"] for e in kept.items] == [e["id"] for e in fresh.items], (f, sort, offset)
            assert (kept.total, kept.total_exact) == (fresh.total, fresh.total_exact), (f, sort, offset)
        with engine.connect() as conn:
            assert q.count_events(conn, f) == q.count_events(conn, q.EventFilter(ids=tuple(_ids(conn, f))))
    # shapes, not values, were kept: 3 pages of each of the 84 filters, 2-5 statements each, in fewer than 3 per filter
    assert len(q._stmts) < 3 * len(filters)
    engine.dispose()


def _ids(conn: sa.Connection, f: q.EventFilter) -> list[str]:
    """Every matching id, through statements built afresh (the kept ones are put back)."""
    saved = dict(q._stmts)
    q._stmts.clear()
    try:
        return [e["id"] for e in q._rows(conn, f, "id", None, 0)]
    finally:
        q._stmts.clear()
        q._stmts.update(saved)


def test_values_are_named_parameters_and_the_shape_names_them() -> None:
    """Two filters of one shape name the same parameters; a box across the antimeridian, a radius with or without its
    inner box or its haversine term name others."""
    a = q._filter_params(q.EventFilter(since=date(2020, 1, 1), bbox=(36.0, 35.0, 37.0, 36.0)))
    b = q._filter_params(q.EventFilter(since=date(2021, 5, 1), bbox=(40.0, 12.0, 40.5, 12.4)))
    assert sorted(a) == sorted(b) and a != b
    wrapped = q._filter_params(q.EventFilter(bbox=(179.0, 0.0, -179.0, 1.0)))
    assert {k for k in wrapped if "wrap" in k}
    small = q._filter_params(q.EventFilter(near=(36.2, 37.1), km=5))
    huge = q._filter_params(q.EventFilter(near=(36.2, 37.1), km=25000))
    assert sorted(small) != sorted(huge)
