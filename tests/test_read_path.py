"""One read path (issue 12): after an analyst rejects event A and edits event B's fatalities through the API, every
reader shows the same values and review status: the API, `warlog events` (table, json, csv), `warlog show` and
`warlog export` (ACLED CSV, JSON Lines); and `warlog export` takes the same filters as `warlog events` and the API
(issue 17), on SQLite and PostgreSQL."""

from __future__ import annotations

import csv
import io
import json
import warnings
from datetime import date

import pytest
from typer.testing import CliRunner

warnings.filterwarnings("ignore", message=".*httpx2.*")

from fastapi.testclient import TestClient  # noqa: E402

from warlog.api import ServeConfig, create_app  # noqa: E402
from warlog.cli import app as cli  # noqa: E402
from warlog.link.run import link_store  # noqa: E402
from warlog.model import Evidence, Extraction, Mention, Place, Report  # noqa: E402
from warlog.store import Store  # noqa: E402
from warlog.store.query import EventFilter, country_terms, read_events  # noqa: E402
from warlog.store.review import create_token  # noqa: E402

ALEPPO = Place("Aleppo", 36.2021, 37.1343, 1, "Syria", "Aleppo", iso="SY", gazetteer_id="gn-170063")
IDLIB = Place("Idlib", 35.9306, 36.6339, 1, "Syria", "Idleb", iso="SY", gazetteer_id="gn-169389")
MOSUL = Place("Mosul", 36.335, 43.1189, 1, "Iraq", "Ninewa", iso="IQ", gazetteer_id="gn-99072")
DAMASCUS = Place("Damascus", 33.5102, 36.2913, 1, "Syria", "Damascus", iso="SY", gazetteer_id="gn-170654")

runner = CliRunner()


def _report(text: str, outlet: str, day: date, place: Place, deaths: int, sub: str) -> Extraction:
    r = Report(text=text, outlet=outlet, published=day, title=text.split(".")[0])
    end = text.index(".") + 1
    etype = "Battles" if sub == "Armed clash" else "Explosions/Remote violence"
    m = Mention(
        report_id=r.id,
        event_date=day,
        event_type=etype,
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
def reviewed(db_url):
    """A linked store of four events (Aleppo strike with two reports giving 61 and 57, Idlib, Mosul, Damascus clash);
    through the API an analyst rejects Idlib (A) and sets Aleppo's (B) fatalities to 777."""
    store = Store(db_url)
    strike = "Air/drone strike"
    store.save_extraction(
        _report("Jets hit an Aleppo market, killing 61. More.", "Wire A", date(2016, 9, 27), ALEPPO, 61, strike)
    )
    store.save_extraction(
        _report("An Aleppo market strike killed 57 people. Later.", "Paper B", date(2016, 9, 27), ALEPPO, 57, strike)
    )  # noqa: E501
    store.save_extraction(
        _report("A drone strike in Idlib killed 3. Nothing more.", "Wire A", date(2016, 9, 27), IDLIB, 3, strike)
    )
    store.save_extraction(
        _report(
            "A car bomb in Mosul killed 9 people. Police came.",
            "Wire C",
            date(2016, 10, 2),
            MOSUL,
            9,
            "Remote explosive/landmine/IED",
        )
    )  # noqa: E501
    store.save_extraction(
        _report(
            "Clashes in Damascus killed 4 fighters. Calm now.", "Paper B", date(2016, 8, 1), DAMASCUS, 4, "Armed clash"
        )
    )  # noqa: E501
    link_store(store)
    client = TestClient(create_app(ServeConfig(db_url=store.url), store=store))
    analyst = {"Authorization": "Bearer " + create_token(store, "alice", "analyst")}
    ids = {e["location"]: e["id"] for e in client.get("/api/events").json()["items"]}
    a, b = ids["Idlib"], ids["Aleppo"]
    assert client.post(f"/api/events/{a}/reject", json={"note": "wrong town"}, headers=analyst).status_code == 200
    res = client.patch(f"/api/events/{b}", json={"fields": {"fatalities": 777}}, headers=analyst)
    assert res.status_code == 200, res.text
    yield store, client, a, b, ids
    store.close()


def _cli(*args: str):
    result = runner.invoke(cli, list(args))
    assert result.exit_code == 0, result.output
    return result


def _by_location(rows):
    return {r["location"]: r for r in rows}


def test_every_reader_shows_the_review(reviewed, tmp_path):
    store, client, a, b, ids = reviewed
    # The API: list, detail.
    api = _by_location(client.get("/api/events").json()["items"])
    assert set(api) == {"Aleppo", "Mosul", "Damascus"}
    assert (api["Aleppo"]["fatalities"], api["Aleppo"]["review_status"]) == (777, "edited")
    assert (api["Aleppo"]["fatalities_min"], api["Aleppo"]["fatalities_max"]) == (777, 777)
    detail = client.get(f"/api/events/{b}").json()
    assert (detail["fatalities"], detail["fatalities_min"], detail["fatalities_max"]) == (777, 777, 777)
    assert detail["machine"] == {"fatalities": 57, "fatalities_min": 57, "fatalities_max": 61}
    assert client.get(f"/api/events/{a}").json()["review_status"] == "rejected"

    # warlog events --format json: the same events, values and status as the API.
    rows = json.loads(_cli("events", "--db", store.url, "--format", "json").stdout)
    cli_rows = _by_location(rows)
    assert set(cli_rows) == set(api)
    for loc, e in api.items():
        for key in ("id", "fatalities", "fatalities_min", "fatalities_max", "review_status", "event_date", "n_sources"):
            assert cli_rows[loc][key] == e[key], (loc, key)
    # ... table and csv.
    table = _cli("events", "--db", store.url).stdout
    assert "777" in table and "edited" in table and "Idlib" not in table and "(57-61)" not in table
    csv_rows = _by_location(csv.DictReader(io.StringIO(_cli("events", "--db", store.url, "--format", "csv").stdout)))
    assert set(csv_rows) == set(api)
    assert (csv_rows["Aleppo"]["fatalities"], csv_rows["Aleppo"]["fatalities_min"]) == ("777", "777")
    assert csv_rows["Aleppo"]["review_status"] == "edited" and csv_rows["Mosul"]["review_status"] == "proposed"
    # --status asks for the rejected one, with the same rule as the API's status parameter.
    rejected = json.loads(_cli("events", "--db", store.url, "--format", "json", "--status", "rejected").stdout)
    assert (
        [e["id"] for e in rejected]
        == [a]
        == [e["id"] for e in client.get("/api/events?status=rejected").json()["items"]]
    )

    # warlog show: reviewed figure, the machine's beside it, status and history.
    shown = _cli("show", b, "--db", store.url).stdout
    assert "fatalities: 777  (machine: 57)" in shown and "review_status: edited" in shown
    assert "fatalities_max: 777" in shown and "review history" in shown and "alice edit: fatalities 57 -> 777" in shown
    assert "review_status: rejected" in _cli("show", a, "--db", store.url).stdout

    # warlog export: ACLED CSV and JSON Lines.
    out = tmp_path / "events.csv"
    _cli("export", "--db", store.url, "-o", str(out))
    exported = _by_location(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    assert set(exported) == set(api)
    assert (exported["Aleppo"]["fatalities"], exported["Aleppo"]["review_status"]) == ("777", "edited")
    jl = tmp_path / "events.jsonl"
    _cli("export", "--db", store.url, "--format", "jsonl", "-o", str(jl))
    lines = _by_location(json.loads(x) for x in jl.read_text().splitlines())
    assert lines["Aleppo"]["fatalities"] == 777 and lines["Aleppo"]["fatalities_max"] == 777

    # The Python API and the linking readers see the reviewed values too.
    assert _by_location(store.events())["Aleppo"]["fatalities"] == 777 and "Idlib" not in _by_location(store.events())
    assert store.get_event(b)["review_status"] == "edited"
    from warlog.store.linking import query_events

    linking_view = _by_location(query_events(store.engine))  # linking sees every event it wrote, reviewed
    assert linking_view["Idlib"]["review_status"] == "rejected" and linking_view["Aleppo"]["fatalities"] == 777


@pytest.mark.parametrize(
    ("args", "params", "expected"),
    [
        ([], {}, {"Aleppo", "Mosul", "Damascus"}),
        (
            ["--since", "2016-09-01", "--until", "2016-09-30"],
            {"since": "2016-09-01", "until": "2016-09-30"},
            {"Aleppo"},
        ),
        (["--country", "IQ"], {"country": "IQ"}, {"Mosul"}),
        (["--country", "irq"], {"country": "irq"}, {"Mosul"}),
        (["--country", "syria"], {"country": "syria"}, {"Aleppo", "Damascus"}),
        (["--country", "Syrian Arab Republic"], {"country": "Syrian Arab Republic"}, {"Aleppo", "Damascus"}),
        (["--type", "battles"], {"event_type": "battles"}, {"Damascus"}),
        (["--type", "Air/drone strike"], {"event_type": "Air/drone strike"}, {"Aleppo"}),
        (["--status", "rejected"], {"status": "rejected"}, {"Idlib"}),
        (
            ["--status", "all", "--type", "air/drone strike"],
            {"status": "all", "event_type": "air/drone strike"},
            {"Aleppo", "Idlib"},
        ),  # fmt: skip
        (["--status", "edited"], {"status": "edited"}, {"Aleppo"}),
        # Aleppo-Idlib is 54.2 km by great circle: 53 km leaves Idlib out, 55 km takes it in.
        (
            ["--near", "36.2021,37.1343", "--km", "53", "--status", "all"],
            {"near": "36.2021,37.1343", "km": 53, "status": "all"},
            {"Aleppo"},
        ),  # fmt: skip
        (
            ["--near", "36.2021,37.1343", "--km", "55", "--status", "all"],
            {"near": "36.2021,37.1343", "km": 55, "status": "all"},
            {"Aleppo", "Idlib"},
        ),  # fmt: skip
    ],
)
def test_export_filters_match_events_and_the_api(reviewed, tmp_path, args, params, expected):
    store, client, _a, _b, _ids = reviewed
    out = tmp_path / "out.csv"
    _cli("export", "--db", store.url, "-o", str(out), *args)
    written = {r["location"] for r in csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig")))}
    listed = {e["location"] for e in json.loads(_cli("events", "--db", store.url, "--format", "json", *args).stdout)}
    api = {e["location"] for e in client.get("/api/events", params=params).json()["items"]}
    assert written == listed == api == expected


def test_bad_export_filters_are_refused(reviewed, tmp_path):
    store = reviewed[0]
    for args in (["--status", "gone"], ["--near", "1,2,3"], ["--km", "5"], ["--near", "95,0"], ["--since", "May"]):
        result = runner.invoke(cli, ["export", "--db", store.url, "-o", str(tmp_path / "x.csv"), *args])
        assert result.exit_code == 2, (args, result.output)
        assert not (tmp_path / "x.csv").exists()


def test_country_terms():
    assert country_terms("sy") == ("SY", ["SY", "Sy", "sy"])
    assert country_terms("SYR")[0] == "SY" and "Syrian Arab Republic" in country_terms("SYR")[1]
    assert country_terms("bosnia and herzegovina")[0] == "BA"
    assert country_terms("Atlantis") == (None, ["ATLANTIS", "Atlantis", "atlantis"])


def test_unlinked_store_filters_mentions_with_the_same_rules(db_url):
    store = Store(db_url)
    store.save_extraction(
        _report("Jets hit Aleppo, killing 6. More.", "Wire A", date(2016, 9, 27), ALEPPO, 6, "Air/drone strike")
    )
    store.save_extraction(
        _report("A drone hit Idlib, killing 2. Later.", "Wire A", date(2016, 9, 27), IDLIB, 2, "Air/drone strike")
    )
    near = EventFilter(near=(36.2021, 37.1343), km=53)
    assert [r["location"] for r in read_events(store.engine, near)] == ["Aleppo"]
    assert {r["location"] for r in read_events(store.engine, EventFilter(country="SYR"))} == {"Aleppo", "Idlib"}
    assert all(r["review_status"] == "proposed" for r in read_events(store.engine, EventFilter()))
    store.close()
