"""Pages of list_events: every page, in every sort and direction, equals a plain sort of the events with the analysts'
overrides applied (unknown values last, ties by id), whichever plan the query layer picks (walking the sort order or
reading every match), on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
import sqlalchemy as sa

from warlog.store import Store
from warlog.store import query as q
from warlog.store.review import event_reviews, set_review
from warlog.store.schema import events

SORTS = ("-event_date", "event_date", "location", "-fatalities", "admin1", "id", "-id")
PLACES = [("Aleppo", "Aleppo", "SY"), ("Duma", "Rural Damascus", "SY"), ("Mosul", "Ninewa", "IQ"), (None, None, "YE")]


def _fill(url: str) -> list[dict[str, Any]]:
    """60 events (some undated, some without a place, tied dates and tolls) and reviews that override or reject some;
    returns the effective rows an API reader should see."""
    store = Store(url)
    rows, reviews = [], []
    for i in range(60):
        loc, adm1, iso = PLACES[i % 4]
        day = None if i % 9 == 0 else date(2016, 1 + i % 5, 1 + i % 3)
        rows.append({"id": f"e{i:03d}", "event_date": day, "location": loc, "admin1": adm1, "iso": iso,
                     "country": {"SY": "Syria", "IQ": "Iraq", "YE": "Yemen"}[iso], "fatalities": i % 7})  # fmt: skip
        if i % 11 == 3:
            reviews.append({"event_id": f"e{i:03d}", "status": "edited", "event_date": date(2030, 1, 1),
                            "location": "Zzz", "fatalities": None})  # fmt: skip
        elif i % 11 == 7:
            reviews.append({"event_id": f"e{i:03d}", "status": "rejected", "event_date": None, "location": None,
                            "fatalities": 99})  # fmt: skip
        elif i % 11 == 9:
            reviews.append({"event_id": f"e{i:03d}", "status": "confirmed", "event_date": None, "location": None,
                            "fatalities": 50})  # fmt: skip
    with store.engine.begin() as conn:
        conn.execute(sa.insert(events), rows)
        conn.execute(sa.insert(event_reviews), reviews)
    store.close()
    by_id = {r["event_id"]: r for r in reviews}
    out = []
    for r in rows:
        rev = by_id.get(r["id"], {})
        if rev.get("status") == "rejected":
            continue
        out.append({**r, **{k: v for k, v in rev.items() if k in r and v is not None}})
    return out


def _expected(rows: list[dict[str, Any]], sort: str) -> list[str]:
    """Ids in the API's order: by the key (either direction), ties by id in the same direction, no value last."""
    key, desc = sort.lstrip("-"), sort.startswith("-")
    valued = sorted((r for r in rows if r[key] is not None), key=lambda r: (r[key], r["id"]), reverse=desc)
    unknown = sorted((r for r in rows if r[key] is None), key=lambda r: r["id"], reverse=desc)
    return [r["id"] for r in valued + unknown]


def _plan(plan: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Force a page plan: walk the sort order or read every match (else the one chosen), and with "deferred" read
    every page's ids first, then its rows (else only deep pages and pages sorting many matches, on SQLite)."""
    if "walk" in plan or "read-all" in plan:
        monkeypatch.setattr(q, "_many_matches", lambda *_args: "walk" in plan)
    if "deferred" in plan:
        monkeypatch.setattr(q, "DEFER_FROM_OFFSET", 0)
        monkeypatch.setattr(q, "DEFER_FROM_MATCHES", 0)


PLANS = ["chosen", "walk", "read-all", "deferred-walk", "deferred-read-all"]


@pytest.mark.parametrize("plan", PLANS)
def test_every_page_matches_a_plain_sort(db_url: str, plan: str, monkeypatch: pytest.MonkeyPatch) -> None:
    rows = _fill(db_url)
    _plan(plan, monkeypatch)
    engine = sa.create_engine(db_url)
    try:
        for sort in SORTS:
            want = _expected(rows, sort)
            for size in (7, 25):
                got: list[str] = []
                for page in range(len(want) // size + 2):
                    total, items = q.list_events(engine, q.EventFilter(), sort=sort, limit=size, offset=page * size)
                    assert total == len(want)
                    got += [e["id"] for e in items]
                assert got == want, (sort, size)
        # a country alone: SQLite walks the covering date index (the covered walk), deferred or not
        syrian = {r["id"] for r in rows if r["iso"] == "SY"}
        for sort in ("-event_date", "event_date"):
            want = [i for i in _expected(rows, sort) if i in syrian]
            got = []
            for page in range(len(want) // 4 + 2):
                f = q.EventFilter(country="Syria")
                total, items = q.list_events(engine, f, sort=sort, limit=4, offset=page * 4)
                assert total == len(want)
                got += [e["id"] for e in items]
            assert got == want, sort
        total, items = q.list_events(engine, q.EventFilter(admin1="ALEPPO", country="SY"), sort="-event_date", limit=5)
        assert total == sum(r["admin1"] == "Aleppo" for r in rows)
        assert [e["id"] for e in items] == [i for i in _expected(rows, "-event_date") if i in
                                            {r["id"] for r in rows if r["admin1"] == "Aleppo"}][:5]  # fmt: skip
    finally:
        engine.dispose()


@pytest.mark.parametrize("plan", PLANS)
def test_keyset_pages_match_a_plain_sort(db_url: str, plan: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Walking `next` cursors gives the same order as offsets, in every sort, across the rows without a value, and
    the total is counted once per filter (then taken from the cache until the data changes)."""
    rows = _fill(db_url)
    _plan(plan, monkeypatch)
    engine = sa.create_engine(db_url)
    try:
        for sort in (*SORTS, "-location", "n_sources", "-admin1"):
            want = _expected(rows, sort) if sort.lstrip("-") in rows[0] else None
            for size in (7, 25):
                got: list[str] = []
                page = q.page_events(engine, q.EventFilter(), sort=sort, limit=size)
                while True:
                    got += [e["id"] for e in page.items]
                    if page.next is None:
                        break
                    page = q.page_events(engine, q.EventFilter(), sort=sort, limit=size, after=page.next)
                    assert page.total_cached and page.total == len(rows)
                offsets = [e["id"] for e in q.list_events(engine, q.EventFilter(), sort=sort, limit=1000)[1]]
                assert got == offsets, (sort, size)
                if want is not None:
                    assert got == want, (sort, size)
        cursor = q.page_events(engine, q.EventFilter(), sort="-admin1", limit=5).next
        with pytest.raises(ValueError):
            q.page_events(engine, q.EventFilter(), sort="location", limit=5, after=cursor)  # another sort's cursor
        with pytest.raises(ValueError):
            q.page_events(engine, q.EventFilter(), sort="-id", limit=5, after="not-a-cursor")
        # A review changes the data version (every write through the store raises it): the next count is made afresh.
        before = q.page_events(engine, q.EventFilter(), limit=5)
        assert before.total_cached
        store = Store(db_url)
        set_review(store, "e001", actor="test", action="reject", status="rejected")
        store.close()
        after = q.page_events(engine, q.EventFilter(), limit=5)
        assert not after.total_cached and after.total == before.total - 1
    finally:
        engine.dispose()
