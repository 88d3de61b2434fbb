"""The panels' API (/api/panels/summary, /api/panels/options, /api/events/{id}/comparison) on both backends: its
figures add up to /api/events and /api/stats for the same filter, reviews included."""

from __future__ import annotations

import warnings

import pytest

warnings.filterwarnings("ignore", message=".*httpx2.*")

from fastapi.testclient import TestClient  # noqa: E402

from test_report import SPECS, extraction  # noqa: E402
from warlog.api import ServeConfig, create_app, reviewing  # noqa: E402
from warlog.link.run import link_store  # noqa: E402
from warlog.store import Store  # noqa: E402


@pytest.fixture(scope="module")
def client(module_db_url):
    store = Store(module_db_url)
    for spec in SPECS:
        store.save_extraction(extraction(spec))
    link_store(store)
    app = create_app(ServeConfig(db_url=module_db_url), store=store)
    with TestClient(app) as c:
        yield c, store
    store.close()


QUERIES = ["", "since=2017-04-01&until=2017-04-30", "admin1=idleb", "event_type=Battles", "actor=russia", "country=IQ"]


@pytest.mark.parametrize("query", QUERIES)
def test_summary_adds_up_to_the_event_list(client, query):
    c, _ = client
    s = c.get(f"/api/panels/summary?{query}").json()
    items = c.get(f"/api/events?{query}&page_size=100").json()["items"]
    t = s["totals"]
    assert t["events"] == len(items)
    assert t["fatalities"] == sum(e["fatalities"] for e in items)
    assert t["fatalities_min"] == sum(e["fatalities_min"] for e in items)
    assert t["fatalities_max"] == sum(e["fatalities_max"] for e in items)
    assert t["sources"] == len({o for e in items for o in e["sources"]})  # counted below MAX_OUTLET_EVENTS
    assert sum(x["events"] for x in s["series"]) == sum(1 for e in items if e["event_date"])
    assert sum(x["events"] for x in s["by_admin1"]) == len(items)
    stats = c.get(f"/api/stats?{query}").json()
    assert (stats["events"], stats["fatalities"]) == (t["events"], t["fatalities"])


def test_breakdowns_by_admin1_actor_and_type(client):
    c, _ = client
    s = c.get("/api/panels/summary?since=2017-04-01&until=2017-04-30").json()
    assert s["totals"]["events"] == 5 and s["totals"]["sources"] == 6
    assert s["by_admin1"][0] == {"admin1": "Idleb", "country": "Syria", "events": 1, "fatalities": 70}
    actors = {a["actor"]: a for a in s["by_actor"]}
    assert actors["Civilians (Syria)"]["events"] == 5  # actor1 or actor2, each event once
    types = {x["event_type"] for x in s["series"]}
    assert types == {"Explosions/Remote violence", "Battles", "Protests"}
    assert [x["day"] for x in s["series"]] == sorted(x["day"] for x in s["series"])


def test_options_list_admin1_and_sub_types(client):
    c, _ = client
    o = c.get("/api/panels/options").json()
    assert [a["admin1"] for a in o["admin1"]] == sorted({s[5] for s in SPECS})
    subs = {(x["event_type"], x["sub_event_type"]) for x in o["sub_event_types"]}
    assert ("Explosions/Remote violence", "Air/drone strike") in subs and ("Protests", "Peaceful protest") in subs


def test_comparison_puts_sources_side_by_side_with_flags_in_words(client):
    c, _ = client
    ev = c.get("/api/events?admin1=Idleb&since=2017-04-01").json()["items"][0]
    cmp = c.get(f"/api/events/{ev['id']}/comparison").json()
    assert sorted(r["fatalities"] for r in cmp["reports"]) == [70, 120]
    assert sorted(r["outlet"] for r in cmp["reports"]) == ["Idlib Today", "Levant Wire"]
    assert cmp["differs"] == {"event_date": False, "location": False, "actor1": True, "fatalities": True}
    texts = {f["flag"].split(":")[0]: f["text"] for f in cmp["flags"]}
    assert texts["figures_disagree"] == "sources disagree on deaths: 70 to 120"
    assert all(f["contradiction"] for f in cmp["flags"])
    assert all(r["evidence"] for r in cmp["reports"])
    assert c.get("/api/events/nope/comparison").status_code == 404


def test_panels_follow_reviews(client):
    c, store = client
    items = c.get("/api/events?since=2017-04-01&until=2017-04-30&page_size=100").json()["items"]
    hama = next(e for e in items if e["location"] == "Hama")
    before = c.get("/api/panels/summary?since=2017-04-01&until=2017-04-30").json()["totals"]
    reviewing.reject(store, hama["id"], "tester")
    after = c.get("/api/panels/summary?since=2017-04-01&until=2017-04-30").json()["totals"]
    assert after["events"] == before["events"] - 1
    assert after["fatalities"] == before["fatalities"] - hama["fatalities"]
    rejected = c.get("/api/panels/summary?status=rejected").json()["totals"]
    assert rejected["events"] == 1


def _breakdowns(items):
    """The admin-1 units and actors of a list of events, counted one event at a time (the panel's definition)."""
    admin1, actors = {}, {}
    for e in items:
        key = (e["admin1"], e["country"])
        admin1[key] = [admin1.get(key, [0, 0])[0] + 1, admin1.get(key, [0, 0])[1] + e["fatalities"]]
        for a in {e["actor1"], e["actor2"]} - {None, ""}:  # each event once per actor, on either side
            actors[a] = [actors.get(a, [0, 0])[0] + 1, actors.get(a, [0, 0])[1] + e["fatalities"]]
    return admin1, actors


@pytest.mark.parametrize("query", QUERIES)
def test_breakdowns_match_the_events_one_by_one(client, query):
    c, _ = client
    s = c.get(f"/api/panels/summary?{query}").json()
    items = c.get(f"/api/events?{query}&page_size=100").json()["items"]
    admin1, actors = _breakdowns(items)
    assert {(x["admin1"], x["country"]): [x["events"], x["fatalities"]] for x in s["by_admin1"]} == admin1
    assert {x["actor"]: [x["events"], x["fatalities"]] for x in s["by_actor"]} == actors
    assert [x["events"] for x in s["by_actor"]] == sorted((x["events"] for x in s["by_actor"]), reverse=True)
    per_day = {}
    for e in items:
        if e["event_date"]:
            key = (e["event_date"], e["event_type"])
            per_day[key] = per_day.get(key, 0) + 1
    assert {(x["day"], x["event_type"]): x["events"] for x in s["series"]} == per_day


def test_breakdowns_follow_an_edited_actor_and_place(client):
    c, store = client
    items = c.get("/api/events?country=Syria&page_size=100").json()["items"]
    ev = next(e for e in items if e["actor1"] and e["actor2"] != e["actor1"])
    reviewing.edit(store, ev["id"], {"actor2": ev["actor1"], "admin1": "Hasakah"}, "tester")  # same actor both sides
    s = c.get("/api/panels/summary?country=Syria").json()
    after = c.get("/api/events?country=Syria&page_size=100").json()["items"]
    assert next(e for e in after if e["id"] == ev["id"])["admin1"] == "Hasakah"
    admin1, actors = _breakdowns(after)
    assert {(x["admin1"], x["country"]): [x["events"], x["fatalities"]] for x in s["by_admin1"]} == admin1
    assert {x["actor"]: [x["events"], x["fatalities"]] for x in s["by_actor"]} == actors
