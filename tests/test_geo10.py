"""Round 10 geocoding (issue 15, helper geo10): a place its province qualifies ("Anjara, Aleppo") takes the closest
spelling of its name in that province, and, in the conflict region, no namesake in another province."""

from __future__ import annotations

from gaztools import gazetteer_of as _gazetteer_of
from gaztools import row as _row
from warlog.eval.geoparse import resolve_spans
from warlog.gazetteer.index import Gazetteer


def _syria() -> Gazetteer:
    return _gazetteer_of([
        _row("c", "Syria", "country", "SY", 35.0, 38.0),
        _row("a1", "Aleppo", "admin1", "SY", 36.2, 37.2, admin1="Aleppo", city="Aleppo"),
        _row("a2", "Ar Raqqa", "admin1", "SY", 35.9, 39.0, admin1="Ar Raqqa"),
        _row("a3", "Deir ez Zor", "admin1", "SY", 35.3, 40.1, admin1="Deir ez Zor"),
        _row("t1", "Aleppo", "city", "SY", 36.20, 37.16, admin1="Aleppo", population=2_000_000),
        # two villages of Aleppo: one with the loose key of "Anjara", a larger one only with its consonant skeleton
        _row("v1", "Anjarah", "village", "SY", 36.22, 36.95, admin1="Aleppo"),
        _row("v2", "Najjarah", "village", "SY", 36.24, 37.54, admin1="Aleppo", population=5_000),
        # a village of Raqqa whose name a village of Deir ez-Zor the gazetteer lacks also has
        _row("v3", "As Sabkhah", "village", "SY", 35.81, 39.26, admin1="Ar Raqqa", population=3_000),
        _row("a4", "Damascus", "admin1", "SY", 33.51, 36.29, admin1="Damascus", city="Damascus"),
        _row("a5", "Rural Damascus", "admin1", "SY", 33.5, 36.8, admin1="Rural Damascus"),
        _row("t2", "Damascus", "city", "SY", 33.51, 36.29, admin1="Damascus", population=1_500_000),
        _row("t3", "Harasta", "town", "SY", 33.56, 36.37, admin1="Rural Damascus", population=30_000),
        _row("t4", "Qatana", "town", "SY", 33.44, 36.08, admin1="Rural Damascus", population=30_000),
        # a village of Aleppo with a namesake in Idlib
        _row("v4", "Tal Khanzir", "village", "SY", 36.0, 36.6, admin1="Idleb"),
    ])  # fmt: skip


def test_the_closest_spelling_in_the_named_province_wins() -> None:
    gaz = _syria()
    anjara, _ = resolve_spans("Anjara, Aleppo", [(0, 6), (8, 14)], country_hint="SY", gazetteer=gaz, area_points=False)
    assert anjara is not None and anjara.location == "Anjarah"  # a loose key, not Najjarah's consonant skeleton
    najjarah, _ = resolve_spans("Najjara, Aleppo", [(0, 7), (9, 15)], country_hint="SY", gazetteer=gaz)
    assert najjarah is not None and najjarah.location == "Najjarah"


def test_no_namesake_in_another_province_of_the_conflict_region() -> None:
    gaz = _syria()
    text = "Al Sabkhah, Deir ez Zor"
    sabkhah, deir = resolve_spans(text, [(0, 10), (12, 23)], country_hint="SY", gazetteer=gaz, area_points=False)
    assert deir is not None and deir.admin1 == "Deir ez Zor"
    assert sabkhah is None  # not As Sabkhah of Raqqa, 125 km away
    # the province named through its namesake capital ("X, Aleppo")
    khanzir, _ = resolve_spans("Tal Khanzir, Aleppo", [(0, 11), (13, 19)], country_hint="SY", gazetteer=gaz)
    assert khanzir is None
    # a capital that is its own province also qualifies its suburbs across the province line
    harasta, _ = resolve_spans("Harasta, Damascus", [(0, 7), (9, 17)], country_hint="SY", gazetteer=gaz)
    assert harasta is not None and harasta.location == "Harasta"
    # unqualified, the only Sabkhah is still the answer
    (alone,) = resolve_spans("Al Sabkhah", [(0, 10)], country_hint="SY", gazetteer=gaz, area_points=False)
    assert alone is not None and alone.location == "As Sabkhah"


def test_a_namesake_in_another_unit_outside_the_conflict_region_is_kept() -> None:
    gaz = _gazetteer_of([
        _row("us", "United States", "country", "US", 39.8, -98.6),
        _row("oh", "Ohio", "admin1", "US", 40.2, -82.7, admin1="Ohio"),
        _row("o1", "Orient", "town", "US", 41.2, -94.4, admin1="Iowa", population=400),
    ])  # fmt: skip
    orient, ohio = resolve_spans("Orient, Ohio", [(0, 6), (8, 12)], gazetteer=gaz)
    assert ohio is not None and orient is not None and orient.admin1 == "Iowa"


def test_unanswered_event_places_fall_back_to_the_named_governorate() -> None:
    from pathlib import Path

    from warlog.eval.geo_syria import evaluate_places

    fix = Path(__file__).parent / "fixtures" / "geoparse"
    ucdp = evaluate_places("ucdp", fix / "ucdp_mini.csv")  # the made-up Idlib village is kept at Idlib
    assert abs(ucdp.metrics["no_answer"] - 1 / 3) < 1e-9
    assert abs(ucdp.metrics["fallback_unit"] - 1 / 3) < 1e-9 and ucdp.metrics["no_answer_after_fallback"] == 0.0
    assert ucdp.metrics["fallback_within_25km"] == 0.0  # Idlib city is over 25 km from the village's point


def test_acled_kind_first_labels_read_as_a_report_writes_them(tmp_path) -> None:
    from warlog.eval.geo_syria import acled_cases

    path = tmp_path / "acled.csv"
    path.write_text(
        "year,geo_precision,location,admin1,latitude,longitude\n"
        '2020,1,"International Airport, Damascus",Rural Damascus,33.41,36.51\n'
        '2020,1,"Airbase, Tiyas",Homs,34.52,37.63\n'
        "2020,1,Aleppo - Sheikh Maqsoud,Aleppo,36.23,37.15\n"
        '2020,1,"Qorret Tashli, Sweida",Aleppo,36.5,37.9\n',
        encoding="utf-8",
    )
    texts = [c.text for c in acled_cases(path)]
    assert texts == [
        "Damascus International Airport",
        "Tiyas Airbase",
        "Sheikh Maqsoud, Aleppo",
        "Qorret Tashli, Sweida",
    ]


def test_the_candidate_cloud_favours_the_namesake_the_other_toponyms_can_be_near() -> None:
    from warlog.gazetteer.index import GazEntry
    from warlog.gazetteer.ranker import cloud_features

    def place(name: str, admin1: str, lat: float, lon: float, feature: str = "town") -> GazEntry:
        return GazEntry(id=f"{name}-{admin1}", name=name, feature=feature, lat=lat, lon=lon, iso="US", admin1=admin1)

    alexandria = [place("Alexandria", "Virginia", 38.80, -77.05), place("Alexandria", "Minnesota", 45.88, -95.38)]
    douglas = [place("Douglas County", "Georgia", 33.70, -84.77, "admin2"),
               place("Douglas County", "Minnesota", 45.93, -95.45, "admin2")]  # fmt: skip
    brandon = [place("Brandon", "Florida", 27.94, -82.29), place("Brandon", "Minnesota", 45.97, -95.60)]
    cloud = [place("Saint Cloud", "Florida", 28.25, -81.28), place("Saint Cloud", "Minnesota", 45.56, -94.16)]
    minnesota = [place("Minnesota", "Minnesota", 46.0, -94.0, "admin1")]  # an area: its point says nothing
    cands = [alexandria, douglas, brandon, cloud, minnesota]
    feats: list[list[dict[str, float]]] = [[{} for _ in cs] for cs in cands]
    cloud_features(["alexandria", "douglas county", "brandon", "saint cloud", "minnesota"], cands, feats)
    va, mn = feats[0]
    assert "cloud_share" not in va and "cloud_any" not in va
    # Douglas County (7 km) and Brandon (19 km) have a candidate within 100 km; St. Cloud (101 km) has not
    assert mn["cloud_any"] == 1.0 and mn["cloud_share"] == 2 / 3
    assert feats[3] == [{}, {}]  # St. Cloud: every other toponym's candidates lie over 100 km away
    assert feats[4] == [{}]  # no cloud feature for an admin1 area
    # a neighbour's small namesake supports little: "Paris" beside "Brussels" is not Paris, Ontario
    paris = [
        GazEntry(id="p1", name="Paris", feature="city", lat=48.85, lon=2.35, iso="FR", population=2_138_551),
        GazEntry(id="p2", name="Paris", feature="town", lat=43.20, lon=-80.38, iso="CA", population=12_310),
    ]
    brussels = [
        GazEntry(id="b1", name="Brussels", feature="city", lat=50.85, lon=4.35, iso="BE", population=1_019_022),
        GazEntry(id="b2", name="Brussels", feature="village", lat=43.75, lon=-81.25, iso="CA", population=1_158),
    ]
    feats = [[{}, {}], [{}, {}]]
    cloud_features(["paris", "brussels"], [paris, brussels], feats)
    assert feats[0][0] == {}  # Brussels is 260 km from Paris
    assert feats[0][1].get("cloud_share", 0.0) < 0.05 and "cloud_any" not in feats[0][1]
    # Paris, Ontario supports Brussels, Ontario by its size beside Paris, France: 1 + log10(12,311 / 2,138,552) / 3
    assert abs(feats[1][1]["cloud_share"] - 0.253) < 0.01
    # the shipped ranker has learned that a crowded cloud marks the right namesake
    from warlog.gazetteer.ranker import default_ranker

    ranker = default_ranker()
    assert ranker.first.get("cloud_share", 0.0) > 0 and ranker.second.get("cloud_share", 0.0) > 0


def test_a_bare_name_shared_by_a_subdistrict_and_its_town_is_the_town() -> None:
    from warlog.extract.places import Toponym, _town_of_bare_unit_name
    from warlog.gazetteer.index import GazEntry

    unit = GazEntry(id="hdx-SY070200", name="Ma'arrat An Nu'man", feature="admin3", lat=35.65, lon=36.68, iso="SY")
    town = GazEntry(id="hdx-cap-SY070200", name="Ma'arrat An Nu'man", feature="town", lat=35.64, lon=36.67, iso="SY")
    far = GazEntry(id="x", name="Ma'arrat An Nu'man", feature="village", lat=33.0, lon=36.0, iso="SY")
    top = Toponym(0, 15, "Maarat al-Numan", [unit, town, far], [0.85, 0.85, 0.85])
    assert _town_of_bare_unit_name(top, unit, None) is town  # ACLED codes the town a report names
    assert _town_of_bare_unit_name(top, unit, "district") is unit  # "the Maarat al-Numan district"
    alone = Toponym(0, 15, "Maarat al-Numan", [unit, far], [0.85, 0.85])
    assert _town_of_bare_unit_name(alone, unit, None) is unit  # no town of that name within 30 km
