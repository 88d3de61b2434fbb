"""Search through the index (issue 16): one document per event (actors, places, evidence, notes) kept in step with
linking and reviews, the same query language on SQLite (FTS5) and PostgreSQL (tsvector + GIN), ranked."""

from __future__ import annotations

import warnings
from datetime import date

import pytest
import sqlalchemy as sa

warnings.filterwarnings("ignore", message=".*httpx2.*")

from fastapi.testclient import TestClient  # noqa: E402

from warlog.api import ServeConfig, create_app  # noqa: E402
from warlog.link.run import link_store  # noqa: E402
from warlog.model import Evidence, Extraction, Mention, Place, Report  # noqa: E402
from warlog.store import Store, search  # noqa: E402
from warlog.store.review import create_token  # noqa: E402

ALEPPO = Place("Aleppo", 36.2021, 37.1343, 1, "Syria", "Aleppo", iso="SY", gazetteer_id="gn-170063")
IDLIB = Place("Idlib", 35.9306, 36.6339, 1, "Syria", "Idleb", iso="SY", gazetteer_id="gn-169389")
SANAA = Place("Sanaa", 15.3694, 44.191, 1, "Yemen", "Amanat al Asimah", iso="YE", gazetteer_id="gn-71137")


def _report(text: str, day: date, place: Place, actor1: str, deaths: int) -> Extraction:
    r = Report(text=text, outlet="Wire", published=day, title=text[:20])
    m = Mention(
        report_id=r.id,
        event_date=day,
        event_type="Explosions/Remote violence",
        sub_event_type="Air/drone strike",
        disorder_type="Political violence",
        actor1=actor1,
        actor2="Civilians (Syria)",
        place=place,
        fatalities=deaths,
        evidence=[Evidence(text, 0, len(text))],
    )
    return Extraction(report=r, mentions=[m])


@pytest.fixture(scope="module")
def served(module_db_url):
    store = Store(module_db_url)
    store.save_extraction(_report("Jets bombed the Al-Zarzour bakery in Aleppo, killing 12 people.", date(2016, 9, 1),
                                  ALEPPO, "Military Forces of Russia (2000-)", 12))  # fmt: skip
    store.save_extraction(_report("A drone struck a water station near Idlib; a bakery was also hit.", date(2016, 9, 2),
                                  IDLIB, "Military Forces of Syria (2000-)", 3))  # fmt: skip
    store.save_extraction(_report("Jets hit a funeral hall in Sanaa, killing 140 mourners.", date(2016, 10, 8),
                                  SANAA, "Military Forces of Saudi Arabia (2015-)", 140))  # fmt: skip
    link_store(store)
    client = TestClient(create_app(ServeConfig(db_url=store.url), store=store))
    analyst = {"Authorization": "Bearer " + create_token(store, "ana", "analyst")}
    yield client, analyst, store
    store.close()


def _found(client, **params) -> set[str]:
    res = client.get("/api/events", params={"status": "all", **params})
    assert res.status_code == 200, res.text
    assert res.json()["total"] == len(res.json()["items"])
    return {e["location"] for e in res.json()["items"]}


def test_the_query_language_is_written_for_both_backends():
    groups = search.parse('bakery "water station" jet* Aleppo OR Idlib -funeral')
    assert search.to_fts5(groups) == (
        '(("bakery") AND ("water station") AND ("jet" *) AND ("aleppo" OR "idlib")) NOT ("funeral")'
    )
    assert search.to_tsquery(groups) == (
        "(('bakery')) & (('water' <-> 'station')) & (('jet':*)) & (('aleppo') | ('idlib')) & !('funeral')"
    )
    assert search.to_fts5(search.parse("Al-Sham"), "actors") == '{actors} : (("al sham"))'
    assert search.to_tsquery(search.parse("Al-Sham"), "A") == "(('al':A <-> 'sham':A))"
    assert search.words("Ma'arrat Al-Nu‘man Ḥalab") == ["ma", "arrat", "al", "nu", "man", "halab"]
    for nothing in ("", "-bakery", '"" ***', "OR"):
        with pytest.raises(search.SearchSyntaxError):
            search.parse(nothing)


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("bakery", {"Aleppo", "Idlib"}),
        ("BAKERY aleppo", {"Aleppo"}),  # evidence and place
        ('"water station"', {"Idlib"}),
        ('"station water"', set()),  # a phrase keeps its order
        ("mourn*", {"Sanaa"}),
        ("funeral OR zarzour", {"Aleppo", "Sanaa"}),
        ("bakery -idlib", {"Aleppo"}),
        ("russia", {"Aleppo"}),  # actors
        ("yemen", {"Sanaa"}),  # country
        ("amanat asimah", {"Sanaa"}),  # admin1
        ("no-such-word", set()),
    ],
)
def test_search_finds_by_evidence_places_and_actors(served, q, expected):
    client, _, _ = served
    assert _found(client, q=q) == expected


def test_actor_filter_uses_the_actor_field_only(served):
    client, _, _ = served
    assert _found(client, actor="forces of russia") == {"Aleppo"}
    assert _found(client, actor="saudi") == {"Sanaa"}
    assert _found(client, actor="bakery") == set()  # evidence words are not actors
    assert client.get("/api/events", params={"q": "-bakery"}).status_code == 422


def test_ranked_best_match_first(served):
    client, _, _ = served
    # "bakery" appears in two events; the one whose document says it more often among fewer words ranks first.
    items = client.get("/api/events", params={"q": "bakery OR aleppo", "sort": "relevance"}).json()["items"]
    assert [e["location"] for e in items][0] == "Aleppo" and len(items) == 2
    assert client.get("/api/events", params={"sort": "relevance"}).status_code == 422


def test_documents_follow_reviews_and_linking(served):
    client, analyst, store = served
    ids = {e["location"]: e["id"] for e in client.get("/api/events").json()["items"]}
    sanaa = ids["Sanaa"]
    res = client.patch(f"/api/events/{sanaa}", json={"fields": {"actor1": "Houthi Movement"}, "note": "misattributed"},
                       headers=analyst)  # fmt: skip
    assert res.status_code == 200, res.text
    assert _found(client, actor="houthi") == {"Sanaa"} and _found(client, actor="saudi") == set()
    assert _found(client, q="misattributed") == {"Sanaa"}  # the analyst's note is searched
    # Rebuilding the links rewrites every document (the reviewed name stays, it lives in the review).
    link_store(store, rebuild=True)
    assert _found(client, actor="houthi") == {"Sanaa"} and _found(client, q="bakery") == {"Aleppo", "Idlib"}
    with store.engine.connect() as conn:
        n_docs = conn.execute(sa.select(sa.func.count()).select_from(search.search_table)).scalar_one()
    assert n_docs == 3


def test_keyset_pages_and_cached_totals_through_the_api(served):
    client, _, _ = served
    first = client.get("/api/events", params={"page_size": 2, "sort": "-fatalities"}).json()
    assert first["next"] and len(first["items"]) == 2
    rest = client.get("/api/events", params={"page_size": 2, "sort": "-fatalities", "after": first["next"]}).json()
    assert rest["total_cached"] and rest["total"] == first["total"] and rest["page"] is None
    by_offset = client.get("/api/events", params={"page_size": 4, "sort": "-fatalities"}).json()["items"]
    assert [e["id"] for e in first["items"] + rest["items"]] == [e["id"] for e in by_offset]
    bad = client.get("/api/events", params={"sort": "location", "after": first["next"]})
    assert bad.status_code == 422 and "another sort" in bad.json()["detail"]
