"""Every extraction engine gives the same events as the in-process one: same mention ids, same fields."""

from __future__ import annotations

import importlib.util
import pickle
from dataclasses import asdict
from datetime import date
from pathlib import Path

import pytest

from warlog.engines import ENGINES, EngineError, open_engine
from warlog.extract.nlp import load_nlp
from warlog.ingest import read_sources
from warlog.model import Claim, Evidence, Extraction, Mention, Place, Report
from warlog.service import extract_reports, ingest
from warlog.store import Store

EXAMPLES = Path(__file__).parents[1] / "examples" / "reports"


@pytest.fixture(scope="module")
def reports() -> list[Report]:
    items = list(read_sources([str(EXAMPLES)], local_files=True))
    assert items and all(isinstance(r, Report) for r in items)
    return items


@pytest.fixture(scope="module")
def expected(reports) -> list[dict]:
    """What the in-process engine extracts from the example reports, as plain data."""
    return [_plain(ex) for ex in extract_reports(reports, load_nlp())]


@pytest.fixture(scope="module")
def pool():
    """One local pool of two worker processes for the module (each worker loads spaCy once)."""
    with open_engine("local", workers=2) as engine:
        yield engine


def _plain(ex: Extraction) -> dict:
    """Everything an engine returns for one report (the report, each mention's and claim's id and fields)."""
    return {
        "report": asdict(ex.report),
        "mentions": [asdict(m) for m in ex.mentions],
        "claims": [asdict(c) for c in ex.claims],
        "warnings": ex.warnings,
    }


def _batches(reports: list[Report], size: int = 3) -> list[tuple[int, list[Report]]]:
    """Small batches (and an empty one, as ingest sends when a batch holds only known reports)."""
    chunks = [(i, reports[i : i + size]) for i in range(0, len(reports), size)]
    return chunks[:1] + [(-1, [])] + chunks[1:]


def test_extractions_survive_pickling():
    """What workers send back to the parent must pickle: a mention with a place, evidence and a date."""
    report = Report(text="Air strikes killed 4 civilians in Douma on Monday.", published=date(2017, 10, 30))
    mention = Mention(
        report_id=report.id,
        event_date=date(2017, 10, 30),
        sub_event_type="Air/drone strike",
        place=Place(location="Duma", latitude=33.57, longitude=36.4, geo_precision=1, iso="SY"),
        fatalities=4,
        evidence=[Evidence(text=report.text, start=0, end=len(report.text))],
    )
    claim = Claim(report_id=report.id, quantity=4, what="civilians killed")
    ex = Extraction(report=report, mentions=[mention], claims=[claim], warnings=["w"])
    back = pickle.loads(pickle.dumps(ex))
    assert back == ex and back.mentions[0].id == mention.id


def test_inprocess_engine_is_extract_reports(reports, expected):
    with open_engine("inprocess") as engine:
        out = list(engine.map(_batches(reports)))
    assert [tag for tag, _ in out] == [0, -1, 3, 6, 9][: len(out)]
    assert [_plain(ex) for _tag, exs in out for ex in exs] == expected
    assert any(e["mentions"] for e in expected)  # the examples do tell events


def test_local_pool_gives_the_same_events(reports, expected, pool):
    out = list(pool.map(_batches(reports)))
    assert out[1] == (-1, [])  # an empty batch comes back empty, in its place
    assert [_plain(ex) for _tag, exs in out for ex in exs] == expected


@pytest.mark.skipif(importlib.util.find_spec("ray") is None, reason="ray is not installed")
def test_ray_actors_give_the_same_events(reports, expected):
    import ray

    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    try:
        with open_engine("ray", workers=2) as engine:
            got = [_plain(ex) for ex in engine.extract(reports, batch_size=4)]
        assert ray.is_initialized()  # a session the caller started is left running
    finally:
        ray.shutdown()
    assert got == expected


def test_ingest_through_a_pool_stores_what_inprocess_stores(tmp_path, pool):
    a = Store(f"sqlite:///{tmp_path / 'a.db'}")
    b = Store(f"sqlite:///{tmp_path / 'b.db'}")
    sa = ingest([str(EXAMPLES)], a, nlp=load_nlp(), local_files=True)
    sb = ingest([str(EXAMPLES)], b, engine=pool, local_files=True)
    assert (sb.read, sb.stored, sb.events, sb.claims) == (sa.read, sa.stored, sa.events, sa.claims)
    assert sorted(b.events(), key=lambda e: e["id"]) == sorted(a.events(), key=lambda e: e["id"])
    again = ingest(
        [str(EXAMPLES)], b, engine="local", workers=1, local_files=True
    )  # no fresh report: no worker is started
    assert (again.stored, again.already) == (0, sa.read)
    a.close()
    b.close()


@pytest.mark.parametrize(
    ("name", "kwargs", "message"),
    [
        ("spark", {}, "unknown engine"),
        ("local", {"address": "auto"}, "--address is for the ray engine"),
        ("local", {"workers": -1}, "--workers"),
    ],
)
def test_bad_engine_settings_are_refused(name, kwargs, message):
    """Typos and options that do not apply fail before any worker starts."""
    assert "ray" in ENGINES
    with pytest.raises(EngineError, match=message):
        open_engine(name, **kwargs)
