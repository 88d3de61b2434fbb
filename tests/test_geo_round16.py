"""Round 16, issue 15: the classes of geoparsing misses (scripts/geoparse_misses.py)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from warlog.eval.geoparse import GoldToponym, Outcome
from warlog.gazetteer import GazEntry


def _script():
    path = Path(__file__).resolve().parents[1] / "scripts" / "geoparse_misses.py"
    spec = importlib.util.spec_from_file_location("geoparse_misses", path)
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


CANADA = GazEntry("gn-6251999", "Canada", "country", 60.10867, -113.64258, iso="CA", alt_names=("Kanada",))
ALBERTA = GazEntry("adm1-CA.01", "Alberta", "admin1", 52.28, -117.47, iso="CA")
PARIS_TX = GazEntry("gn-4717560", "Paris", "city", 33.66, -95.56, iso="US")


def _outcome(phrase: str, lat: float, lon: float, entry: GazEntry | None, gid: str | None = None) -> Outcome:
    gold = GoldToponym(0, len(phrase), phrase, lat, lon, gid)
    if entry is None:
        return Outcome(gold, None, None, None)
    return Outcome(gold, entry.lat, entry.lon, entry.id)


def test_miss_classes() -> None:
    mod = _script()
    # GeoVirus places Canada at (60, -95), GeoNames today at (60.1, -113.6): 1,031 km, the same country
    far_canada = _outcome("Canada", 60.0, -95.0, CANADA)
    assert far_canada.error_km is not None and far_canada.error_km > 161
    assert mod.classify(far_canada, CANADA) == "area, same entity"
    assert mod.classify(_outcome("Kanada", 60.0, -95.0, CANADA), CANADA) == "area, same entity"  # an alternate name
    # the same GeoNames id, whatever the phrase ("Canadian" in LGL, annotated with Canada's id)
    assert mod.classify(_outcome("Canadian", 60.0, -96.0, CANADA, "6251999"), CANADA) == "area, same entity"
    # right within 161 km, whatever the feature
    assert mod.classify(_outcome("Alberta", 52.28, -117.47, ALBERTA), ALBERTA) == "right"
    # another area than the one named, far away: a wrong place
    assert mod.classify(_outcome("Ontario", 50.0, -86.0, ALBERTA), ALBERTA) == "wrong place"
    # a town beyond 161 km is a wrong place even when it bears the name (Paris, Texas for Paris, France)
    assert mod.classify(_outcome("Paris", 48.85, 2.35, PARIS_TX), PARIS_TX) == "wrong place"
    assert mod.classify(_outcome("Atlantis", 0.0, 0.0, None), None) == "unanswered"


def test_miss_summary() -> None:
    mod = _script()
    outs = [
        _outcome("Canada", 60.0, -95.0, CANADA),
        _outcome("Alberta", 52.28, -117.47, ALBERTA),
        _outcome("Paris", 48.85, 2.35, PARIS_TX),
        _outcome("Atlantis", 0.0, 0.0, None),
    ]
    classes = [mod.classify(o, e) for o, e in zip(outs, [CANADA, ALBERTA, PARIS_TX, None], strict=True)]
    s = mod.summarise(outs, classes)
    assert s["n"] == 4
    assert s["acc_161km"] == 0.25
    assert s["acc_161km_if_same_area_right"] == 0.5
    assert s["top"]["area, same entity"] == ["Canada (1)"]
    assert "right" not in s["top"]


# ----------------------------------------------------------------------------------------------------------------
# News regions (data/news_regions.csv, world.news_region_rows)


def _country(iso: str, name: str, lat: float, lon: float, pop: int = 1000) -> dict:
    return {"iso": iso, "name": name, "alt_names": [], "lat": lat, "lon": lon, "population": pop}


def test_news_region_rows(tmp_path: Path) -> None:
    from warlog.gazetteer.world import news_region_rows

    table = tmp_path / "regions.csv"
    table.write_text(
        "name,alt_names,members,note\n"
        "Horn of Africa,,SO|ET,\n"
        "Donbas,Donbass,UA:Donetsk|UA:Luhansk,\n"
        "Nowhere,,UA:Atlantis|SO,\n"  # a member the index lacks: no row
        "Gulf of Aden,,@12.5 48.0,sea\n"
        "South Ossetia,,GE@42.35 44.0,\n",
        encoding="utf-8",
    )
    countries = [_country("SO", "Somalia", 6.0, 48.0, 10), _country("ET", "Ethiopia", 9.0, 39.0, 20)]
    countries.append(_country("UA", "Ukraine", 49.0, 32.0))
    admin1 = [
        {"iso": "UA", "name": "Donetsk", "alt_names": ["Donets'ka Oblast'"], "lat": 48.0, "lon": 37.8},
        {"iso": "UA", "name": "Luhansk", "alt_names": [], "lat": 49.0, "lon": 39.2},
    ]
    rows = {r["name"]: r for r in news_region_rows(countries, admin1, table)}
    assert set(rows) == {"Horn of Africa", "Donbas", "Gulf of Aden", "South Ossetia"}
    aden = rows["Gulf of Aden"]
    assert aden["iso"] is None and (aden["lat"], aden["lon"]) == (12.5, 48.0)
    assert rows["South Ossetia"]["iso"] == "GE" and rows["South Ossetia"]["country"] is None  # GE not in `countries`
    horn, donbas = rows["Horn of Africa"], rows["Donbas"]
    assert horn["feature"] == "region" and horn["iso"] is None and horn["country"] is None
    assert (horn["lat"], horn["lon"], horn["population"]) == (7.5, 43.5, 30)
    assert donbas["iso"] == "UA" and donbas["country"] == "Ukraine" and donbas["alt_names"] == ["Donbass"]
    assert (donbas["lat"], donbas["lon"]) == (48.5, 38.5)


def test_shipped_news_regions_are_well_formed() -> None:
    import csv

    from warlog.gazetteer.world import NEWS_REGIONS_CSV

    with NEWS_REGIONS_CSV.open(encoding="utf-8", newline="") as fh:
        recs = list(csv.DictReader(fh))
    assert len(recs) >= 20
    names = [r["name"] for r in recs]
    assert len(names) == len(set(names))
    for r in recs:
        members = r["members"].split("|")
        if len(members) == 1:  # a point of its own (a sea, a breakaway region): one unit is its own row already
            iso, at, point = members[0].partition("@")
            assert at and (not iso or (len(iso) == 2 and iso.isupper())), r["name"]
            lat, lon = (float(x) for x in point.split())
            assert -90 <= lat <= 90 and -180 <= lon <= 180
            continue
        for m in members:
            iso, _, unit = m.partition(":")
            assert len(iso) == 2 and iso.isupper() and "@" not in m, m


def test_a_news_region_outranks_its_namesake_village() -> None:
    from gaztools import gazetteer_of, row
    from warlog.eval.geoparse import resolve_spans

    gaz = gazetteer_of([
        row("us-v", "Middle East", "village", "US", 38.9, -77.0, admin1="Maryland"),
        row("sy-v", "Al Sahel", "village", "SY", 35.9, 39.0, admin1="Ar Raqqa", alt_names=["Sahel"]),
        row("ml", "Mali", "country", "ML", 17.0, -4.0, population=20_000_000),
        row("newsregion-middle-east", "Middle East", "region", None, 29.2, 42.8, country=None,
            population=434_000_000, alt_names=["Mideast"]),
        row("newsregion-sahel", "Sahel", "region", None, 16.7, 2.5, country=None, population=81_000_000),
    ])  # fmt: skip
    text = "Tension rose across the Middle East and the Sahel."
    spans = [(text.index("Middle East"), text.index("Middle East") + 11), (text.index("Sahel"), len(text) - 1)]
    me, sahel = resolve_spans(text, spans, gazetteer=gaz)
    assert me is not None and me.gazetteer_id == "newsregion-middle-east"
    assert sahel is not None and sahel.gazetteer_id == "newsregion-sahel"
