"""Analyst review through the API: tokens stored hashed, confirm / edit / reject / merge / split with an audit trail,
and lists and exports that show the reviewed values. The data is written directly (no spaCy), then linked."""

from __future__ import annotations

import csv
import hashlib
import io
import warnings
from datetime import date

import pytest
import sqlalchemy as sa

warnings.filterwarnings("ignore", message=".*httpx2.*")

from fastapi.testclient import TestClient  # noqa: E402

from warlog.api import ServeConfig, create_app  # noqa: E402
from warlog.link.run import link_store  # noqa: E402
from warlog.model import Evidence, Extraction, Mention, Place, Report  # noqa: E402
from warlog.store import Store  # noqa: E402
from warlog.store.review import api_tokens, create_token, revoke_token, verify_token  # noqa: E402

ALEPPO = Place("Aleppo", 36.2021, 37.1343, 1, "Syria", "Aleppo", iso="SY", gazetteer_id="gn-170063")
IDLIB = Place("Idlib", 35.9306, 36.6339, 1, "Syria", "Idleb", iso="SY", gazetteer_id="gn-169389")


def report(text: str, outlet: str, day: date, place: Place, deaths: int, sub: str = "Air/drone strike") -> Extraction:
    """One report with one mention whose evidence is its first sentence."""
    r = Report(text=text, outlet=outlet, published=day, title=text.split(".")[0])
    end = text.index(".") + 1
    m = Mention(
        report_id=r.id,
        event_date=day,
        event_type="Explosions/Remote violence",
        sub_event_type=sub,
        disorder_type="Political violence",
        actor1="Military Forces of Syria (2000-)",
        actor2="Civilians (Syria)",
        place=place,
        fatalities=deaths,
        evidence=[Evidence(text[:end], 0, end)],
    )
    return Extraction(report=r, mentions=[m])


@pytest.fixture()
def env(db_url):
    """(client, analyst headers, admin headers, store) over three reports: two of one Aleppo strike, one in Idlib."""
    store = Store(db_url)
    day = date(2016, 9, 27)
    store.save_extraction(
        report("An air strike on a market in Aleppo killed 12 people. More later.", "Wire A", day, ALEPPO, 12)
    )
    store.save_extraction(report("Jets hit an Aleppo market, killing 15. Rescuers dug.", "Paper B", day, ALEPPO, 15))
    store.save_extraction(report("A drone strike in Idlib killed 3 people. Nothing more.", "Wire A", day, IDLIB, 3))
    link_store(store)
    analyst = {"Authorization": "Bearer " + create_token(store, "alice", "analyst")}
    admin = {"Authorization": "Bearer " + create_token(store, "root", "admin")}
    client = TestClient(create_app(ServeConfig(db_url=store.url), store=store))
    yield client, analyst, admin, store
    store.close()


def ids_by_place(client) -> dict[str, str]:
    return {e["location"]: e["id"] for e in client.get("/api/events").json()["items"]}


def test_tokens_are_stored_as_sha256_and_can_be_revoked(env):
    _client, analyst, _admin, store = env
    token = analyst["Authorization"].split()[1]
    with store.engine.connect() as conn:
        stored = conn.execute(sa.select(api_tokens.c.token_hash).where(api_tokens.c.name == "alice")).scalar_one()
    assert stored == hashlib.sha256(token.encode()).hexdigest() and token not in stored
    assert verify_token(store.engine, token) == {"name": "alice", "role": "analyst"}
    assert verify_token(store.engine, token + "x") is None
    with pytest.raises(ValueError):
        create_token(store, "alice", "analyst")  # names are unique
    assert revoke_token(store, "alice") and verify_token(store.engine, token) is None


def test_admin_manages_tokens_analyst_cannot(env):
    client, analyst, admin, _ = env
    assert client.post("/api/tokens", json={"name": "bob", "role": "analyst"}, headers=analyst).status_code == 403
    made = client.post("/api/tokens", json={"name": "bob", "role": "analyst"}, headers=admin).json()
    assert made["token"].startswith("wl_")
    names = [t["name"] for t in client.get("/api/tokens", headers=admin).json()]
    assert names == ["alice", "bob", "root"]
    assert client.get("/api/me", headers={"Authorization": "Bearer " + made["token"]}).json()["name"] == "bob"


def test_confirm_then_edit_keeps_who_when_before_after(env):
    client, analyst, _, _ = env
    eid = ids_by_place(client)["Aleppo"]
    assert client.post(f"/api/events/{eid}/confirm", json={"note": "checked"}, headers=analyst).status_code == 200
    res = client.patch(f"/api/events/{eid}", json={"fields": {"fatalities": 14, "admin1": "Halab"}}, headers=analyst)
    d = res.json()
    assert d["review_status"] == "edited" and d["fatalities"] == 14 and d["admin1"] == "Halab"
    # What the machine said stays visible, its range of tolls included (the reviewed figure is the range shown).
    assert d["machine"] == {"fatalities": 12, "fatalities_min": 12, "fatalities_max": 15, "admin1": "Aleppo"}
    assert (d["fatalities_min"], d["fatalities_max"]) == (14, 14)
    confirm, edit = d["history"]
    assert (confirm["action"], confirm["actor"], confirm["note"]) == ("confirm", "alice", "checked")
    assert edit["before"]["fatalities"] == 12 and edit["after"]["fatalities"] == 14 and edit["at"]
    # Lists, filters, stats and the CSV export all use the reviewed values.
    assert client.get("/api/events", params={"admin1": "Halab"}).json()["total"] == 1
    assert client.get("/api/events", params={"admin1": "Aleppo"}).json()["total"] == 0
    assert client.get("/api/stats").json()["fatalities"] == 14 + 3
    rows = list(csv.DictReader(io.StringIO(client.get("/api/events.csv").content.decode("utf-8-sig"))))
    assert sorted(r["fatalities"] for r in rows) == ["14", "3"]


def test_bad_edits_are_refused(env):
    client, analyst, _, _ = env
    eid = ids_by_place(client)["Aleppo"]
    assert client.patch(f"/api/events/{eid}", json={"fields": {"fatalities": -2}}, headers=analyst).status_code == 422
    assert client.patch(f"/api/events/{eid}", json={"fields": {"report_id": "x"}}, headers=analyst).status_code == 422
    assert client.patch(f"/api/events/{eid}", json={"fields": {"latitude": 123}}, headers=analyst).status_code == 422
    assert client.post("/api/events/e00000/confirm", json={}, headers=analyst).status_code == 404


def test_reject_hides_from_lists_and_exports(env):
    client, analyst, _, _ = env
    eid = ids_by_place(client)["Idlib"]
    client.post(f"/api/events/{eid}/reject", json={"note": "duplicate of a 2015 strike"}, headers=analyst)
    assert set(ids_by_place(client)) == {"Aleppo"}
    rejected = client.get("/api/events", params={"status": "rejected"}).json()["items"]
    assert [e["id"] for e in rejected] == [eid] and rejected[0]["review_status"] == "rejected"
    assert "Idlib" not in client.get("/api/events.csv").text
    assert client.get("/api/events", params={"status": "all"}).json()["total"] == 2


def test_merge_and_split(env):
    client, analyst, _, _ = env
    ids = ids_by_place(client)
    aleppo, idlib = ids["Aleppo"], ids["Idlib"]
    merged = client.post(f"/api/events/{aleppo}/merge", json={"other_id": idlib}, headers=analyst).json()
    assert merged["n_reports"] == 3 and merged["merged_from"] == [idlib]
    assert client.get(f"/api/events/{idlib}").json() == {
        "id": idlib,
        "review_status": "merged",
        "merged_into": aleppo,
    }
    assert client.get("/api/events").json()["total"] == 1
    assert [h["action"] for h in merged["history"]] == ["merge", "merge"]
    # Split the Idlib report back out into its own event.
    idlib_mention = next(r["mention_id"] for r in merged["reports"] if r["fatalities"] == 3)
    res = client.post(f"/api/events/{aleppo}/split", json={"mention_ids": [idlib_mention]}, headers=analyst)
    assert res.status_code == 200, res.text
    out = res.json()
    assert out["event"]["n_reports"] == 2 and out["new_event"]["n_reports"] == 1
    assert out["new_event"]["location"] == "Idlib" and out["new_event"]["review_status"] == "proposed"
    assert client.get("/api/events").json()["total"] == 2
    assert (
        client.post(f"/api/events/{aleppo}/split", json={"mention_ids": ["m-not-here"]}, headers=analyst).status_code
        == 400
    )
