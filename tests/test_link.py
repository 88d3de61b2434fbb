"""Linking: many reports of one happening become one event with its sources, figures, ranges and flags."""

from __future__ import annotations

from datetime import date

import pytest

from warlog.link.blocking import compatible
from warlog.link.linker import Linker, event_id_for
from warlog.link.reconcile import Member, best_fatalities, reconcile
from warlog.link.run import link_store
from warlog.link.syndication import independent_sources, syndication_groups
from warlog.model import Evidence, Extraction, Mention, Place, Report
from warlog.store import Store

SARAQIB = Place("Saraqib", 35.8644, 36.8006, 1, country="Syria", admin1="Idlib", admin2="Idlib", iso="SY")
ARIHA = Place("Ariha", 35.8131, 36.6097, 1, country="Syria", admin1="Idlib", admin2="Ariha", iso="SY")
HOMS = Place("Homs", 34.7308, 36.7094, 1, country="Syria", admin1="Homs", admin2="Homs", iso="SY")
STRIKE = ("Explosions/Remote violence", "Air/drone strike")

# Five independent newsrooms, each with its own wording of the strike on the Saraqib market.
WORDINGS = {
    "Alpha News": "Warplanes bombed the crowded vegetable market in Saraqib on Tuesday morning, killing {n} people, "
    "according to rescuers who pulled bodies from the rubble near the old mosque.",
    "Beta Daily": "At least {n} civilians died when an air raid hit a busy market in the town of Saraqib in Idlib "
    "province, a local doctor told our correspondent by telephone.",
    "Gamma Times": "Residents of Saraqib said jets struck shoppers at midday; the civil defence counted {n} dead and "
    "dozens wounded as ambulances ferried the injured to field clinics.",
    "Delta Radio": "The death toll from Tuesday's bombing of Saraqib's main market stands at {n}, the town council "
    "announced, appealing for blood donations for the wounded.",
    "Epsilon Post": "Footage from Saraqib showed burning stalls after an aerial attack on the market that monitors "
    "say left {n} people dead, among them several children.",
}
# Three outlets that only republish another outlet's story (a wire copy with their own by-line).
COPIES = {"Zeta Online": "Alpha News", "Eta Herald": "Beta Daily", "Theta Weekly": "Gamma Times"}
# Each original outlet's updates through the day: tolls from 12 to 19.
TOLLS = {
    "Alpha News": [13, 14, 14, 14],
    "Beta Daily": [13, 15, 15, 15],
    "Gamma Times": [16, 17, 17, 17],
    "Delta Radio": [12, 12, 12, 12],
    "Epsilon Post": [18, 19, 19, 19],
}


def strike_report(outlet: str, wording: str, n: int, update: int) -> Extraction:
    """One report of the Saraqib strike (the update number keeps texts of one outlet distinct)."""
    text = f"{outlet} | update {update}\n\n" + wording.format(n=n)
    report = Report(text=text, title=f"Saraqib market strike ({outlet})", outlet=outlet, published=date(2017, 3, 14))
    sentence = wording.format(n=n)
    m = Mention(
        report.id,
        date(2017, 3, 14),
        event_type=STRIKE[0],
        sub_event_type=STRIKE[1],
        actor1="Military Forces of Syria (2000-)",
        actor2="Civilians (Syria)",
        place=SARAQIB,
        fatalities=n,
        evidence=[Evidence(sentence, len(text) - len(sentence), len(text))],
    )
    return Extraction(report=report, mentions=[m])


def thirty_reports() -> list[Extraction]:
    """30 reports from 8 outlets: 20 original updates, 10 syndicated copies (3 copying outlets)."""
    exs = []
    for outlet, tolls in TOLLS.items():
        for i, n in enumerate(tolls):
            exs.append(strike_report(outlet, WORDINGS[outlet], n, i))
    copies = [("Zeta Online", 0), ("Zeta Online", 1), ("Zeta Online", 2), ("Zeta Online", 3)]
    copies += [("Eta Herald", 0), ("Eta Herald", 1), ("Eta Herald", 2)]
    copies += [("Theta Weekly", 0), ("Theta Weekly", 1), ("Theta Weekly", 2)]
    for outlet, i in copies:
        original = COPIES[outlet]
        ex = strike_report(original, WORDINGS[original], TOLLS[original][i], i)
        copy = Report(text=ex.report.text + "\n(Distributed by agreement.)", outlet=outlet, published=date(2017, 3, 15))
        m = ex.mentions[0]
        exs.append(Extraction(report=copy, mentions=[Mention(copy.id, m.event_date, event_type=m.event_type,
                   sub_event_type=m.sub_event_type, actor1=m.actor1, actor2=m.actor2, place=m.place,
                   fatalities=m.fatalities, evidence=m.evidence)]))  # fmt: skip
    assert len(exs) == 30 and len({e.report.outlet for e in exs}) == 8
    return exs


@pytest.fixture
def store(db_url):
    s = Store(db_url)
    yield s
    s.close()


def test_thirty_reports_of_one_strike_are_one_event_with_five_independent_sources(store):
    store.save_many(thirty_reports())
    summary = link_store(store)
    assert summary.new_mentions == 30 and summary.founded == 1
    (event,) = store.events()
    assert event["n_reports"] == 30
    assert event["n_sources"] == 5  # 8 outlets, 3 of them syndicated copies
    assert event["fatalities"] == 12  # lowest credible figure: no higher toll is given by two independent sources
    assert (event["fatalities_min"], event["fatalities_max"]) == (12, 19)
    assert len(event["sources"]) == 8
    assert event["location"] == "Saraqib" and event["event_date"] == "2017-03-14"
    assert "single_source" not in event["flags"]
    assert store.stats()["events"] == 1 and store.stats()["fatalities"] == 12


def test_export_and_show_carry_sources_ranges_and_flags(store, tmp_path):
    from typer.testing import CliRunner

    from warlog.cli import app
    from warlog.export import export

    store.save_many(thirty_reports())
    link_store(store)
    out = tmp_path / "events.csv"
    assert export(store.events(), str(out), "acled-csv") == 1
    header, row = out.read_text().splitlines()[:2]
    assert "n_sources" in header and "fatalities_min" in header and ",5,12,19," in row
    event_id = store.events()[0]["id"]
    result = CliRunner().invoke(app, ["show", event_id, "--db", store.url])
    assert result.exit_code == 0, result.output
    assert result.output.count("[bold]report") + result.output.count("\nreport ") >= 30
    assert "Delta Radio" in result.output and "market" in result.output


def test_a_new_report_joins_the_existing_event_and_keeps_its_id(store):
    exs = thirty_reports()
    store.save_many(exs[:2])
    link_store(store)
    (first,) = store.events()
    assert first["id"] == event_id_for(first["mention_ids"][0]) or first["id"].startswith("e")
    store.save_many(exs[2:])
    summary = link_store(store)
    assert summary.founded == 0 and summary.joined == 28
    (after,) = store.events()
    assert after["id"] == first["id"]
    assert after["n_sources"] == 5


def test_different_towns_days_and_types_stay_apart(store):
    base = strike_report("Alpha News", WORDINGS["Alpha News"], 5, 0)
    others = []
    for outlet, place, day, types in (
        ("Beta Daily", HOMS, date(2017, 3, 14), STRIKE),  # 150 km away
        ("Gamma Times", SARAQIB, date(2017, 3, 20), STRIKE),  # six days later
        ("Delta Radio", SARAQIB, date(2017, 3, 14), ("Protests", "Peaceful protest")),
    ):
        ex = strike_report(outlet, WORDINGS[outlet], 5, 0)
        m = ex.mentions[0]
        m.place, m.event_date, (m.event_type, m.sub_event_type) = place, day, types
        others.append(ex)
    store.save_many([base, *others])
    link_store(store)
    assert len(store.events()) == 4
    assert all("single_source" in e["flags"] for e in store.events())


def test_blocking_allows_a_nearby_town_at_district_precision():
    a = strike_report("Alpha News", WORDINGS["Alpha News"], 5, 0).mentions[0]
    b = strike_report("Beta Daily", WORDINGS["Beta Daily"], 5, 0).mentions[0]
    b.place = Place("Ariha", ARIHA.latitude, ARIHA.longitude, 2, country="Syria", admin1="Idlib", iso="SY")
    assert compatible(a, b)  # 18 km apart, and one report only knows the district
    b.place = HOMS
    assert not compatible(a, b)


def test_syndicated_copies_are_one_source():
    texts = {
        "r1": "Jets struck the grain silo outside Manbij at dawn, destroying the harvest stored there for the winter.",
        "r2": "Jets struck the grain silo outside Manbij at dawn, destroying the harvest stored there for winter. AFP",
        "r3": "A farmer near Manbij said the silo burned for hours after the morning raid; no one was hurt.",
    }
    groups = syndication_groups(texts)
    assert groups["r1"] == groups["r2"] != groups["r3"]
    sources = independent_sources({"r1": "Wire A", "r2": "Paper B", "r3": "Paper C"}, groups)
    assert sources["r1"] == sources["r2"] and len(set(sources.values())) == 2


def test_contradictions_are_flagged():
    def member(source: str, n: int, actor: str, day: date) -> Member:
        m = Mention(f"r{source}", day, event_type=STRIKE[0], actor1=actor, place=SARAQIB, fatalities=n)
        return Member(m, outlet=source, source=source)

    rec = reconcile(
        [
            member("A", 10, "Military Forces of Russia (2000-)", date(2017, 3, 14)),
            member("B", 40, "Military Forces of Syria (2000-)", date(2017, 3, 14)),
            member("C", 11, "Military Forces of Russia (2000-)", date(2017, 3, 17)),
        ]
    )
    kinds = {f.split(":")[0] for f in rec.flags}
    assert kinds == {"figures_disagree", "perpetrator_disagrees", "date_disagrees"}
    assert rec.fields["fatalities"] == 10 and rec.fields["fatalities_max"] == 40


def test_a_higher_toll_counts_once_two_independent_sources_give_it():
    assert best_fatalities({"A": [12], "B": [15], "C": [19]}) == 12
    assert best_fatalities({"A": [12], "B": [15, 17], "C": [17]}) == 17
    assert best_fatalities({"A": [0], "B": [0]}) == 0


def test_linker_is_order_independent_within_a_batch():
    exs = thirty_reports()[:6]
    ms = [e.mentions[0] for e in exs]
    a = Linker()
    a.add_all(ms)
    b = Linker()
    b.add_all(list(reversed(ms)))
    assert set(a.members) == set(b.members) and len(a.members) == 1


@pytest.fixture(scope="module")
def nlp():
    from warlog.extract.nlp import load_nlp

    return load_nlp()


def test_two_written_reports_extracted_for_real_become_one_event(tmp_path, nlp):
    from warlog.service import ingest

    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "one.txt").write_text(
        "---\ntitle: Strike on Maarat al-Numan\noutlet: Northern Courier\npublished: 2016-02-16\n---\n"
        "An air strike hit a hospital in Maarat al-Numan on Monday, killing 9 people, medics said.\n"
    )
    (folder / "two.txt").write_text(
        "---\ntitle: Hospital bombed\noutlet: Valley Monitor\npublished: 2016-02-16\n---\n"
        "Warplanes bombed a hospital in Maarat al-Numan on Monday, killing 11 people, rescuers said.\n"
    )
    store = Store(str(tmp_path / "real.db"))
    ingest([str(folder)], store, nlp=nlp, local_files=True)
    events = store.events()
    store.close()
    assert len(events) == 1, events
    (e,) = events
    assert e["n_sources"] == 2 and e["fatalities"] == 9 and (e["fatalities_min"], e["fatalities_max"]) == (9, 11)
    assert e["sources"] == ["Northern Courier", "Valley Monitor"]
