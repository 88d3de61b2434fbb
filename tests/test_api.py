"""The HTTP API on a real database (SQLite and PostgreSQL) made by ingesting the example reports (examples/reports)."""

from __future__ import annotations

import csv
import io
import warnings
from pathlib import Path

import pytest

warnings.filterwarnings("ignore", message=".*httpx2.*")

from fastapi.testclient import TestClient  # noqa: E402

from warlog.api import ServeConfig, create_app  # noqa: E402
from warlog.export import ACLED_COLUMNS  # noqa: E402
from warlog.store import Store, search  # noqa: E402
from warlog.store.review import create_token  # noqa: E402

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "reports"


@pytest.fixture(scope="module")
def nlp():
    from warlog.extract.nlp import load_nlp

    return load_nlp()


@pytest.fixture(scope="module")
def served(module_db_url, nlp):
    """(client, analyst token, store) over the ten example reports, ingested and linked."""
    from warlog.link.run import link_store
    from warlog.service import ingest

    store = Store(module_db_url)
    summary = ingest([str(EXAMPLES)], store, nlp=nlp, local_files=True)
    assert summary.stored == 10
    link_store(store)
    token = create_token(store, "alice", "analyst")
    app = create_app(ServeConfig(db_url=module_db_url, max_body_bytes=64_000), store=store, nlp=nlp)
    with TestClient(app) as client:
        yield client, token, store
    store.close()


def auth(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def test_events_lists_linked_events_with_total_and_pages(served):
    client, _, _ = served
    everything = client.get("/api/events").json()
    # Ten reports; the wire and local copies of the Maarat al-Numan strike are one event with two sources.
    assert everything["total"] == 9
    maarat = [e for e in everything["items"] if e["n_reports"] == 2]
    assert len(maarat) == 1 and maarat[0]["n_sources"] == 2
    low, best, high = (maarat[0][k] for k in ("fatalities_min", "fatalities", "fatalities_max"))
    assert low <= best <= high and low < high  # the two outlets gave different tolls
    page = client.get("/api/events", params={"page_size": 4, "page": 3, "sort": "event_date"}).json()
    assert page["total"] == 9 and len(page["items"]) == 1
    deadliest = client.get("/api/events", params={"sort": "-fatalities", "page_size": 1}).json()["items"][0]
    assert deadliest["fatalities"] == max(e["fatalities"] for e in everything["items"])


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"since": "2016-09-01", "until": "2016-12-31"}, {"Aleppo - Sha'aar", "Aleppo - Bustan Al-Qaser"}),
        ({"event_type": "Battles"}, {"Aleppo - Al-Farafra", "Deir-ez-Zor - Hatla"}),
        ({"event_type": "suicide bomb"}, {"Homs - Zahra'"}),
        ({"country": "IRQ"}, {"Baghdad"}),
        ({"near": "36.2,37.15", "km": 20, "min_fatalities": 10}, {"Aleppo - Sha'aar", "Aleppo - Al-Farafra"}),
        ({"bbox": "44,33,45,34"}, {"Baghdad"}),
        ({"q": "market of Maarat"}, {"Ma'arrat An Nu'man"}),
    ],
)
def test_filters_select_the_expected_places(served, params, expected):
    client, _, _ = served
    res = client.get("/api/events", params=params)
    assert res.status_code == 200, res.text
    assert {e["location"] for e in res.json()["items"]} >= expected
    assert res.json()["total"] == len(res.json()["items"])
    if "since" in params:
        assert all("2016-09-01" <= e["event_date"] <= "2016-12-31" for e in res.json()["items"])


def test_admin1_and_actor_filters(served):
    client, _, _ = served
    aleppo = client.get("/api/events", params={"admin1": "aleppo"}).json()
    assert aleppo["total"] == 3 and {e["admin1"] for e in aleppo["items"]} == {"Aleppo"}
    iraq_forces = client.get("/api/events", params={"actor": "forces of iraq"}).json()
    assert [e["location"] for e in iraq_forces["items"]] == ["Baghdad"]


def test_geojson_and_csv_exports(served):
    client, _, _ = served
    fc = client.get("/api/events.geojson").json()
    assert fc["type"] == "FeatureCollection" and len(fc["features"]) == 9
    lon, lat = next(f for f in fc["features"] if f["properties"]["location"] == "Baghdad")["geometry"]["coordinates"]
    assert 44 < lon < 45 and 33 < lat < 34
    res = client.get("/api/events.csv", params={"country": "Syria"})
    assert res.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(res.content.decode("utf-8-sig"))))
    assert list(rows[0])[: len(ACLED_COLUMNS)] == list(ACLED_COLUMNS)
    assert len(rows) == 8 and all(r["event_id_cnty"].startswith("SYR") for r in rows)


def test_geojson_with_fields_keeps_points_and_cuts_properties(served):
    client, _, _ = served
    full = client.get("/api/events.geojson", params={"country": "Syria"}).json()
    keys = "id,event_date,event_type,location,fatalities"  # what the web map's markers use (MAP_FIELDS)
    cut = client.get("/api/events.geojson", params={"country": "Syria", "fields": keys}).json()
    assert cut["type"] == "FeatureCollection" and cut["total"] == full["total"]
    assert [(f["id"], f["geometry"]) for f in cut["features"]] == [(f["id"], f["geometry"]) for f in full["features"]]
    for a, b in zip(cut["features"], full["features"], strict=True):
        assert list(a["properties"]) == keys.split(",")
        assert a["properties"] == {k: b["properties"][k] for k in keys.split(",")}
    with_text = client.get("/api/events.geojson", params={"fields": "id,evidence"}).json()
    assert all(f["properties"]["evidence"] for f in with_text["features"])  # a report field asked for is read
    assert client.get("/api/events.geojson", params={"fields": "id,nonsense"}).status_code == 422


def test_event_detail_has_reports_evidence_sources_and_figures(served):
    client, _, _ = served
    eid = client.get("/api/events", params={"q": "Maarat"}).json()["items"][0]["id"]
    d = client.get(f"/api/events/{eid}").json()
    assert d["review_status"] == "proposed" and d["history"] == []
    assert sorted(d["sources"]) == ["Idlib Today", "Levant Wire"]
    assert len(d["figures"]) == 2 and sum(len(v) for v in d["figures"].values()) == 2
    for report in d["reports"]:
        for ev in report["evidence"]:
            assert report["text"][ev["start"] : ev["end"]] == ev["text"]  # offsets point into the report text
    assert client.get("/api/events/e0000000000000000").status_code == 404


def test_reports_and_claims(served):
    client, _, _ = served
    claims = client.get("/api/claims", params={"q": "civilians"}).json()
    claim = next(c for c in claims["items"] if c["quantity"] == 400)
    report = client.get(f"/api/reports/{claim['report_id']}").json()
    assert report["outlet"] == "Humanitarian Brief" and "Bustan al-Qasr" in report["text"]
    assert report["claims"][0]["quantity"] == 400 and report["mentions"][0]["event_id"].startswith("e")


def test_stats_by_day_type_and_admin1(served):
    client, _, _ = served
    s = client.get("/api/stats").json()
    assert s["events"] == 9 and s["reports"] == 10
    assert s["fatalities"] == sum(d["fatalities"] for d in s["by_day"])
    assert s["by_type"][0] == {
        "key": "Explosions/Remote violence",
        "events": 5,
        "fatalities": s["by_type"][0]["fatalities"],
    }
    assert {"key": "Aleppo", "events": 3} == {k: v for k, v in s["by_admin1"][0].items() if k != "fatalities"}
    only_day = client.get("/api/stats", params={"by": "day", "since": "2017-01-01"}).json()
    assert only_day["by_type"] == [] and all(d["key"] >= "2017-01-01" for d in only_day["by_day"])


def test_writing_needs_a_valid_token(served):
    client, token, _ = served
    body = {"text": "A shell hit a school in Douma on Monday, killing three children, medics said."}
    assert client.post("/api/reports", json=body).status_code == 401
    assert client.post("/api/reports", json=body, headers=auth("wl_not-a-token")).status_code == 401
    assert client.post("/api/events/e1/confirm", json={}).status_code == 401
    assert client.get("/api/tokens", headers=auth(token)).status_code == 403  # analysts cannot manage tokens


def test_reading_is_local_by_default(served):
    client, _, store = served
    remote = TestClient(create_app(ServeConfig(db_url=store.url), store=store), client=("203.0.113.7", 4000))
    assert remote.get("/api/events").status_code == 401
    open_app = create_app(ServeConfig(db_url=store.url, read="open"), store=store)
    assert TestClient(open_app, client=("203.0.113.7", 4000)).get("/api/events").status_code == 200
    assert client.get("/api/events").status_code == 200  # loopback


def test_bounds_and_cors(served):
    client, token, store = served
    assert client.get("/api/events", params={"page_size": 5000}).status_code == 422
    big = {"text": "x" * 70_000}
    assert client.post("/api/reports", json=big, headers=auth(token)).status_code == 413
    assert (
        "access-control-allow-origin" not in client.get("/api/events", headers={"Origin": "https://a.example"}).headers
    )
    cors_app = create_app(ServeConfig(db_url=store.url, cors_origins=("https://a.example",)), store=store)
    res = TestClient(cors_app).get("/api/events", headers={"Origin": "https://a.example"})
    assert res.headers["access-control-allow-origin"] == "https://a.example"
    assert "script-src 'self'" in client.get("/").headers["content-security-policy"]


def test_post_report_text_is_ingested_and_linked(served):
    client, token, _ = served
    body = {
        "text": "Government shelling killed four people in the town of Saraqib on Thursday, rescuers said.",
        "outlet": "Test Wire",
        "published": "2018-02-09",
    }
    res = client.post("/api/reports", json=body, headers=auth(token))
    assert res.status_code == 201, res.text
    out = res.json()["reports"][0]
    assert out["stored"] and out["event_ids"]
    event = client.get(f"/api/events/{out['event_ids'][0]}").json()
    assert event["location"].startswith("Saraqab") and event["fatalities"] == 4
    again = client.post("/api/reports", json=body, headers=auth(token)).json()["reports"][0]
    assert not again["stored"] and again["event_ids"] == out["event_ids"]


def test_post_report_url_refuses_private_addresses(served):
    client, token, _ = served
    res = client.post("/api/reports", json={"url": "http://127.0.0.1:9/report"}, headers=auth(token))
    assert res.status_code == 422 and "loopback" in res.json()["detail"]


INJECTIONS = (
    "' OR '1'='1",
    "x'; DROP TABLE events; --",
    "1) OR (1=1",
    "%' UNION SELECT id, text FROM reports --",
    '" OR ""="',
)
TEXT_FILTERS = ("country", "admin1", "event_type", "sub_event_type", "actor", "status", "q", "sort", "since", "until")
NUMBER_FILTERS = ("min_fatalities", "km", "near", "bbox", "page", "page_size")


@pytest.mark.parametrize("name", TEXT_FILTERS + NUMBER_FILTERS)
def test_sql_injection_through_every_filter_changes_nothing(served, name):
    """Filters are bound parameters: a payload is a value that matches nothing (or a 422), never SQL."""
    client, _, store = served
    before = client.get("/api/events", params={"page_size": 100}).json()["total"]
    reports_before = store.stats()["reports"]
    for payload in INJECTIONS:
        res = client.get("/api/events", params={name: payload})
        assert res.status_code in (200, 400, 422), (name, payload, res.text)
        if res.status_code == 200 and name in ("q", "actor"):
            # Search text: the payload's words are searched for (here "or", "1", "drop table events"...), its
            # punctuation is inert: the same answer as the bare words, never SQL.
            bare = client.get("/api/events", params={name: '"' + " ".join(search.words(payload)) + '"'}).json()
            assert res.json()["total"] == bare["total"] <= before, (name, payload)
        elif res.status_code == 200 and name not in ("sort", "status"):
            assert res.json()["total"] == 0, (name, payload)
    assert client.get("/api/events", params={"page_size": 100}).json()["total"] == before
    assert store.stats()["reports"] == reports_before


def test_the_web_maps_fields_cover_what_its_markers_read():
    """The map asks /api/events.geojson for MAP_FIELDS only: every property its markers read must be among them."""
    import re
    from importlib import resources

    from warlog.store.read import parse_fields

    js = (resources.files("warlog.web") / "static" / "app.js").read_text(encoding="utf-8")
    asked = re.search(r'var MAP_FIELDS = "([^"]+)"', js).group(1)
    assert parse_fields(asked) is not None  # keys the API knows
    body = js[js.index("function loadMap") : js.index("function loadTimeline")]
    assert "fields: MAP_FIELDS" in body
    read = set(re.findall(r"\bp\.([a-z_0-9]+)", body))
    assert read and read <= set(asked.split(","))
