"""GET /api/events?fields=...: only the item keys asked for (what the web map's table shows), the same values as the
whole items, keyset paging intact when the sort key is left out; and kept responses served before routing
(warlog.api.cache.CacheHitMiddleware) with the same headers and the same access rules as the route."""

from __future__ import annotations

import warnings
from datetime import date
from typing import Any

import pytest

warnings.filterwarnings("ignore", message=".*httpx2.*")

from fastapi.testclient import TestClient  # noqa: E402

from warlog.api import ServeConfig, create_app  # noqa: E402
from warlog.store import Store  # noqa: E402
from warlog.store.linking import write_events  # noqa: E402
from warlog.store.read import ITEM_FIELDS, REPORT_FIELDS, parse_fields  # noqa: E402
from warlog.store.review import create_token, set_review  # noqa: E402

TABLE = "id,event_date,event_type,sub_event_type,actor1,actor2,location,admin1,fatalities,fatalities_min,"
TABLE += "fatalities_max,n_sources,review_status"


def _event(i: int, **kw: Any) -> dict[str, Any]:
    return {"id": f"e{i:03d}", "event_date": date(2016, 1, 1 + i % 28), "event_type": "Battles",
            "sub_event_type": "Armed clash", "location": f"Village {i % 5}", "admin1": "Idlib", "country": "Syria",
            "iso": "SY", "fatalities": i % 7, "fatalities_min": i % 7, "fatalities_max": i % 7 + 2,
            "actor1": "Opposition Rebels", "n_sources": 1 + i % 3, "sources": '["SANA", "Enab Baladi"]',
            "figures": '{"SANA": [1]}', "flags": '["single_source"]', **kw}  # fmt: skip


@pytest.fixture
def store(db_url):
    s = Store(db_url)
    write_events(s, [_event(i) for i in range(1, 24)] + [_event(30, event_date=None, location=None)], [])
    set_review(s, "e004", actor="alice", action="edit", status="edited", overrides={"fatalities": 40})
    set_review(s, "e005", actor="alice", action="reject", status="rejected")
    yield s
    s.close()


@pytest.fixture
def client(store, db_url):
    with TestClient(create_app(ServeConfig(db_url=db_url), store=store)) as c:
        yield c


def test_fields_give_the_keys_asked_with_the_values_of_whole_items(client):
    for sort in ("-event_date", "fatalities", "location", "-n_sources"):
        whole = client.get("/api/events", params={"sort": sort, "page_size": 100}).json()
        some = client.get("/api/events", params={"sort": sort, "page_size": 100, "fields": TABLE}).json()
        assert some["total"] == whole["total"] == 23  # the rejected event is left out either way
        asked = TABLE.split(",")
        assert all(set(d) == set(asked) for d in some["items"]) and len(some["items"]) == 23
        assert some["items"] == [{k: d[k] for k in asked} for d in whole["items"]]
    edited = next(d for d in some["items"] if d["id"] == "e004")
    assert (edited["review_status"], edited["fatalities"], edited["fatalities_max"]) == ("edited", 40, 40)


def test_fields_without_report_keys_match_whole_items_for_every_other_key(client):
    rest = [k for k in ITEM_FIELDS if k not in REPORT_FIELDS]
    whole = client.get("/api/events", params={"page_size": 100}).json()["items"]
    some = client.get("/api/events", params={"page_size": 100, "fields": ",".join(rest)}).json()["items"]
    assert some == [{k: d[k] for k in rest} for d in whole]
    assert some[0]["sources"] == ["SANA", "Enab Baladi"] and some[0]["outlet"] == "SANA; Enab Baladi"
    with_reports = client.get("/api/events", params={"page_size": 3, "fields": "id,reports,evidence"}).json()
    assert [list(d) for d in with_reports["items"]] == [["id", "evidence", "reports"]] * 3  # to_dict() order


def test_unknown_fields_are_refused_by_name(client):
    resp = client.get("/api/events", params={"fields": "id,password"})
    assert resp.status_code == 422 and "password" in resp.json()["detail"]
    with pytest.raises(ValueError):
        parse_fields("id, nope")
    assert parse_fields(" ") is None and parse_fields("fatalities,id") == ("id", "fatalities")


def test_keyset_paging_works_when_the_fields_leave_out_the_sort_key(client):
    for sort in ("-fatalities", "location"):
        whole = client.get("/api/events", params={"sort": sort, "page_size": 100}).json()["items"]
        seen: list[str] = []
        params: dict[str, Any] = {"sort": sort, "page_size": 5, "fields": "id,actor1"}
        while True:
            page = client.get("/api/events", params=params).json()
            assert all(set(d) == {"id", "actor1"} for d in page["items"])
            seen += [d["id"] for d in page["items"]]
            if not page["next"]:
                break
            params["after"] = page["next"]
        assert seen == [d["id"] for d in whole]  # events without a location come last, as in whole pages


def test_a_kept_response_is_served_before_routing_with_the_same_headers(client, monkeypatch):
    first = client.get("/api/events", params={"fields": TABLE, "country": "SY"})
    import warlog.api.app as app_module

    def boom(*_a: Any, **_k: Any) -> None:
        raise AssertionError("the route computed a kept response")

    monkeypatch.setattr(app_module, "page_events", boom)
    again = client.get("/api/events", params={"country": "SY", "fields": TABLE})  # same pairs, other order
    assert again.headers["x-warlog-cache"] == "hit" and again.content == first.content
    for name in ("content-security-policy", "x-content-type-options", "x-frame-options", "vary"):
        assert again.headers[name] == first.headers[name]
    assert again.headers["content-type"] == first.headers["content-type"] == "application/json"


def test_the_early_hit_keeps_the_read_rules(store, db_url):
    """With reading by token only, a kept response is not given to a caller without one."""
    token = create_token(store, "bob", "analyst")
    with TestClient(create_app(ServeConfig(db_url=db_url, read="token"), store=store)) as c:
        with_token = c.get("/api/events", headers={"Authorization": f"Bearer {token}"})
        assert with_token.status_code == 200
        assert c.get("/api/events").status_code == 401
        assert c.get("/api/events", headers={"Authorization": "Bearer wrong"}).status_code == 401
        again = c.get("/api/events", headers={"Authorization": f"Bearer {token}"})
        assert again.headers["x-warlog-cache"] == "hit" and again.content == with_token.content


def test_admin1_matches_every_spelling_in_any_case(db_url):
    """admin1 in any case, counted and paged alike on both backends (PostgreSQL gathers the matching spellings from
    the index first): the reviewed value counts, not the machine's."""
    from warlog.store import query as q

    s = Store(db_url)
    try:
        names = ["Idlib", "IDLIB", "idlib", "Idleb", "Aleppo", "idlibx", None]
        write_events(s, [_event(i, admin1=names[i % len(names)]) for i in range(1, 50)], [])
        set_review(s, "e004", actor="alice", action="edit", status="edited", overrides={"admin1": "IDLIB"})  # Aleppo
        set_review(s, "e001", actor="alice", action="edit", status="edited", overrides={"admin1": "Hama"})  # was Idlib
        expected = sorted(f"e{i:03d}" for i in range(1, 50) if names[i % len(names)] in ("Idlib", "IDLIB", "idlib"))
        expected = sorted({*expected, "e004"} - {"e001"})
        for value in ("idlib", "IDLIB", " Idlib "):
            f = q.EventFilter(admin1=value)
            with s.engine.connect() as conn:
                assert q.count_events(conn, f) == len(expected)
            got = [d["id"] for d in q.read_events(s.engine, f, sort="id")]
            assert got == expected
            paged = [d["id"] for o in range(0, 30, 5) for d in q.read_events(s.engine, f, sort="id", limit=5, offset=o)]
            assert paged == expected
        assert q.read_events(s.engine, q.EventFilter(admin1="hama"), sort="id")[0]["id"] == "e001"
        assert q.read_events(s.engine, q.EventFilter(admin1="nowhere")) == []
    finally:
        s.close()
