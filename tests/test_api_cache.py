"""The API's response cache (warlog.api.cache): a kept response is served again only while the store's data version
(warlog.store.version) is the one it was computed at, whichever process wrote; two server processes over one store
(two apps, two Stores, as `warlog serve --workers 2` has) agree after a write in either; `Cache-Control: no-cache`
and a disabled cache compute afresh, and every form of a response has the same JSON."""

from __future__ import annotations

import warnings
from datetime import date
from typing import Any

import pytest

warnings.filterwarnings("ignore", message=".*httpx2.*")

from fastapi.testclient import TestClient  # noqa: E402

from warlog.api import ServeConfig, create_app  # noqa: E402
from warlog.api.cache import Entry, ResponseCache  # noqa: E402
from warlog.store import Store, version  # noqa: E402
from warlog.store.linking import write_events  # noqa: E402
from warlog.store.review import create_token  # noqa: E402


def _event(i: int, **kw: Any) -> dict[str, Any]:
    return {"id": f"e{i:03d}", "event_date": date(2016, 1, 1 + i), "event_type": "Battles", "location": "Aleppo",
            "admin1": "Aleppo", "country": "Syria", "iso": "SY", "fatalities": i, "actor1": "Opposition Rebels",
            "sources": '["SANA"]', "figures": '{"SANA": [1]}', "flags": "[]", **kw}  # fmt: skip


@pytest.fixture
def servers(db_url):
    """Two apps over one store, each with its own Store (connection pool) and response cache, and the stores."""
    stores = [Store(db_url), Store(db_url)]
    write_events(stores[0], [_event(i) for i in range(1, 8)], [])
    clients = [TestClient(create_app(ServeConfig(db_url=db_url), store=s)) for s in stores]
    yield clients, stores
    for c in clients:
        c.close()
    for s in stores:
        s.close()


def _items(resp) -> tuple[int, list[dict[str, Any]]]:
    """A page's total and items (total_cached says whether the count was taken again, which may differ)."""
    return resp.json()["total"], resp.json()["items"]


def _ids(resp) -> list[str]:
    return [e["id"] for e in resp.json()["items"]]


def test_a_response_is_kept_until_a_write_in_any_process(servers):
    (a, b), (store_a, store_b) = servers
    first = a.get("/api/events", params={"sort": "-fatalities"})
    again = a.get("/api/events", params={"sort": "-fatalities"})
    assert (first.headers["x-warlog-cache"], again.headers["x-warlog-cache"]) == ("miss", "hit")
    assert again.content == first.content and first.json()["total"] == 7
    assert b.get("/api/events", params={"sort": "-fatalities"}).headers["x-warlog-cache"] == "miss"  # its own cache

    write_events(store_b, [_event(20, fatalities=99)], [])  # the other process writes
    for client in (a, b):
        resp = client.get("/api/events", params={"sort": "-fatalities"})
        assert resp.headers["x-warlog-cache"] == "miss"
        assert resp.json()["total"] == 8 and _ids(resp)[0] == "e020"


def test_a_review_through_one_server_is_seen_by_the_other(servers):
    (a, b), (store_a, _store_b) = servers
    token = create_token(store_a, "alice", "analyst")
    assert "e003" in _ids(b.get("/api/events"))
    stats_before = b.get("/api/stats").json()
    assert b.get("/api/stats").headers["x-warlog-cache"] == "hit"
    resp = a.post("/api/events/e003/reject", headers={"Authorization": f"Bearer {token}"}, json={"note": "duplicate"})
    assert resp.status_code == 200
    listed = b.get("/api/events")
    assert listed.headers["x-warlog-cache"] == "miss" and "e003" not in _ids(listed)
    assert listed.json()["total"] == 6
    stats_after = b.get("/api/stats").json()
    assert stats_after["events"] == stats_before["events"] - 1
    assert stats_after["fatalities"] == stats_before["fatalities"] - 3


def test_no_cache_header_and_a_disabled_cache_compute_afresh(db_url, servers):
    (a, _b), (store_a, _) = servers
    kept = a.get("/api/events", params={"country": "SY"})
    fresh = a.get("/api/events", params={"country": "SY"}, headers={"Cache-Control": "no-cache"})
    assert fresh.headers["x-warlog-cache"] == "miss" and _items(fresh) == _items(kept)
    with TestClient(create_app(ServeConfig(db_url=db_url, response_cache_mb=0), store=store_a)) as off:
        resp = off.get("/api/events", params={"country": "SY"})
        assert resp.headers["x-warlog-cache"] == "off" and _items(resp) == _items(kept)
        panels = off.get("/api/panels/summary")
        assert panels.headers["x-warlog-cache"] == "off"
        assert panels.json() == a.get("/api/panels/summary").json()


def test_gzip_is_kept_with_the_response_and_decodes_to_the_same_json(servers):
    (a, _b), _ = servers
    plain = a.get("/api/events", headers={"Accept-Encoding": "identity"})
    assert "content-encoding" not in plain.headers and len(plain.content) > 2048
    for _ in range(2):
        zipped = a.get("/api/events", headers={"Accept-Encoding": "gzip"})
        assert zipped.headers["content-encoding"] == "gzip" and zipped.headers["x-warlog-cache"] == "hit"
        assert zipped.json() == plain.json()  # the client decodes the gzip body


def test_every_store_write_raises_the_data_version(db_url):
    store = Store(db_url)
    try:
        with store.engine.connect() as conn:
            v0 = version.current(conn)
        write_events(store, [_event(1)], [])
        create_token(store, "bob", "admin")
        with store.engine.connect() as conn:
            assert version.current(conn) == v0 + 2
    finally:
        store.close()


def test_the_cache_is_bounded_in_bytes_and_drops_the_least_recently_used():
    cache = ResponseCache(max_bytes=250)
    for k in ("a", "b"):
        cache.put((k,), Entry(1, b"x" * 100, "application/json"))
    assert cache.get(("a",), 1) is not None  # a is now the most recently used
    cache.put(("c",), Entry(1, b"x" * 100, "application/json"))
    assert cache.get(("b",), 1) is None and cache.get(("a",), 1) is not None and cache.get(("c",), 1) is not None
    assert cache.get(("a",), 2) is None  # another data version: stale
    cache.put(("big",), Entry(1, b"x" * 300, "application/json"))
    assert cache.get(("big",), 1) is None and len(cache) == 2


def test_concurrent_requests_for_one_response_compute_it_once(tmp_path):
    """Single-flight: eight requests for the same uncached view at once compute it once; seven wait and are served
    what the first computed."""
    import json
    import time
    from concurrent.futures import ThreadPoolExecutor
    from types import SimpleNamespace

    from starlette.datastructures import Headers, QueryParams

    from warlog.api.cache import cached_response

    store = Store(f"sqlite:///{tmp_path / 'w.db'}")
    cache = ResponseCache(1 << 20)
    request = SimpleNamespace(
        app=SimpleNamespace(state=SimpleNamespace(response_cache=cache, store=store)),
        url=SimpleNamespace(path="/api/events"),
        query_params=QueryParams("country=SY"),
        headers=Headers({}),
    )
    calls: list[int] = []

    def compute() -> dict[str, int]:
        calls.append(1)
        time.sleep(0.3)
        return {"computed": len(calls)}

    try:
        with ThreadPoolExecutor(8) as pool:
            responses = list(pool.map(lambda _: cached_response(request, compute), range(8)))
    finally:
        store.close()
    assert len(calls) == 1
    assert all(json.loads(r.body) == {"computed": 1} for r in responses)
    assert sorted(r.headers["x-warlog-cache"] for r in responses) == ["hit"] * 7 + ["miss"]


def test_the_kept_version_connection_sees_every_write_and_recovers(db_url):
    """version.Reader (the early cache hit's read) sees a write made through another store at once, and reads through
    the pool again when its own connection was closed under it."""
    reader_store, writer = Store(db_url), Store(db_url)
    try:
        reader = version.Reader(reader_store.engine)
        before = reader()
        write_events(writer, [_event(1)], [])
        after = reader()
        assert after > before
        with reader_store.engine.connect() as conn:
            assert version.current(conn) == after
        reader._dbapi.close()  # the server dropped it
        write_events(writer, [_event(2)], [])
        assert reader() > after
        assert reader() > after  # and reconnected
    finally:
        reader.close()
        reader_store.close()
        writer.close()


@pytest.fixture
def shared_servers(db_url, tmp_path):
    """Two apps over one store sharing computed responses through one file, as `warlog serve --workers 2` runs."""
    stores = [Store(db_url), Store(db_url)]
    write_events(stores[0], [_event(i) for i in range(1, 8)], [])
    shared = str(tmp_path / "responses.sqlite")
    clients = [TestClient(create_app(ServeConfig(db_url=db_url, shared_cache=shared), store=s)) for s in stores]
    yield clients, stores, shared
    for c in clients:
        c.close()
    for s in stores:
        s.close()


def test_a_response_computed_by_one_worker_is_a_hit_in_another(shared_servers, monkeypatch):
    (a, b), (_store_a, store_b), _path = shared_servers
    first = a.get("/api/events", params={"sort": "-fatalities"})
    assert first.headers["x-warlog-cache"] == "miss"
    import warlog.api.app as app_module

    def refuse(*_a: Any, **_k: Any) -> Any:
        raise AssertionError("computed again")

    monkeypatch.setattr(app_module, "page_events", refuse)  # b must not compute what a computed
    other = b.get("/api/events", params={"sort": "-fatalities"})
    assert other.headers["x-warlog-cache"] == "hit" and other.content == first.content
    zipped = b.get("/api/stats", headers={"Accept-Encoding": "gzip"})  # not computed by a: b computes and shares it
    assert zipped.headers["x-warlog-cache"] == "miss"
    assert a.get("/api/stats").headers["x-warlog-cache"] == "hit" and a.get("/api/stats").json() == zipped.json()
    monkeypatch.undo()

    write_events(store_b, [_event(20, fatalities=99)], [])  # a write in either process: shared entries are stale
    for client in (b, a):
        resp = client.get("/api/events", params={"sort": "-fatalities"})
        assert resp.json()["total"] == 8 and _ids(resp)[0] == "e020"
    assert [c.get("/api/events", params={"sort": "-fatalities"}).headers["x-warlog-cache"] for c in (a, b)] == [
        "hit",
        "hit",
    ]


def test_a_broken_shared_file_only_costs_the_lookup(shared_servers):
    (a, b), _stores, path = shared_servers
    a.get("/api/events")
    a.app.state.shared_responses._conn.execute("DROP TABLE responses")  # the file's table gone under both workers
    assert b.get("/api/events").headers["x-warlog-cache"] == "miss" and b.get("/api/events").json()["total"] == 7


def test_shared_responses_keep_only_the_newest_version_and_their_bound(tmp_path):
    from warlog.api.cache import SharedResponses

    shared = SharedResponses(str(tmp_path / "r.sqlite"), max_bytes=10_000)
    shared.put(("/p", (("a", "1"),)), Entry(3, b"x" * 100, "application/json"))
    assert shared.get(("/p", (("a", "1"),)), 3).body == b"x" * 100
    assert shared.get(("/p", (("a", "1"),)), 4) is None  # another data version: not served
    shared.put(("/q", ()), Entry(4, b"y" * 100, "application/json"))
    assert shared.get(("/p", (("a", "1"),)), 3) is None  # an older version's rows are dropped
    for i in range(200):
        shared.put(("/r", (("i", str(i)),)), Entry(4, b"z" * 500, "application/json"))
    size = shared._conn.execute("SELECT sum(size) FROM responses").fetchone()[0]
    assert size <= 10_000 and shared.get(("/r", (("i", "199"),)), 4) is not None  # the newest kept


def test_a_shared_file_that_cannot_be_opened_leaves_each_worker_its_own(db_url, tmp_path):
    store = Store(db_url)
    app = create_app(ServeConfig(db_url=db_url, shared_cache=str(tmp_path / "missing" / "r.sqlite")), store=store)
    assert app.state.shared_responses is None and app.state.response_cache is not None
    with TestClient(app) as c:
        assert c.get("/api/events").status_code == 200
    store.close()
