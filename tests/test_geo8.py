"""Round 8 geocoding (issue 15, helper geo8): toponym resolution places a province at its area point while event
coding keeps ACLED's provincial capital; candidate generation and ranker features added this round."""

from __future__ import annotations

from gaztools import gazetteer_of as _gazetteer_of
from gaztools import row as _row
from warlog.eval.geoparse import resolve_spans
from warlog.extract.places import place_from_entry
from warlog.gazetteer import haversine_km
from warlog.gazetteer.index import get_gazetteer


def test_a_province_toponym_resolves_to_the_area_and_an_event_to_the_capital() -> None:
    gaz = get_gazetteer()
    texas = next(e for e in gaz.lookup("Texas") if e.feature == "admin1" and e.iso == "US")
    event = place_from_entry(texas, gazetteer=gaz)
    area = place_from_entry(texas, gazetteer=gaz, area_point=True)
    assert (area.latitude, area.longitude) == (texas.lat, texas.lon)
    assert event.geo_precision == area.geo_precision == 3
    assert haversine_km(event.latitude, event.longitude, texas.lat, texas.lon) > 161  # the largest town


def test_geoparse_spans_score_a_state_at_its_area() -> None:
    text = "Storms hit Texas on Monday."
    (place,) = resolve_spans(text, [(11, 16)])
    assert place is not None and haversine_km(place.latitude, place.longitude, 31.25, -99.25) < 161


def test_abbreviations_are_keyed_by_their_letters() -> None:
    from warlog.gazetteer.names import abbr_key

    assert abbr_key("L.A.") == "la" and abbr_key("N.S.W.") == "nsw" and abbr_key("W. Va.") == "wva"
    assert len({abbr_key(a) for a in ("L.A.", "UAE", "EU", "IA")}) == 4  # name_key folds all four into "a"


def test_abbreviation_lookup_finds_the_abbreviated_place_only() -> None:
    gaz = _gazetteer_of([
        _row("1", "Los Angeles", "city", "US", 34.05, -118.24, abbr=["L.A."]),
        _row("2", "Iowa", "admin1", "US", 42.0, -93.5, abbr=["IA"]),
        _row("3", "New South Wales", "admin1", "AU", -32.6, 147.5, abbr=["NSW", "N.S.W."]),
    ])  # fmt: skip
    assert [e.name for e, _ in gaz.lookup_scored("L.A.")] == ["Los Angeles"]
    assert [e.name for e, q in gaz.lookup_scored("NSW", extra=True) if q >= 0.9] == ["New South Wales"]


def test_a_unit_word_after_a_name_asks_for_the_unit() -> None:
    gaz = _gazetteer_of([
        _row("1", "Loudon", "town", "US", 35.7, -84.3, population=5000),
        _row("2", "Loudon County", "admin2", "US", 35.7, -84.3, alt_names=["Loudon"]),
        _row("3", "Readington", "village", "US", 40.6, -74.8, population=1000),
    ])  # fmt: skip
    assert [e.name for e, _ in gaz.lookup_scored("Loudon Co.", fuzzy=True)] == ["Loudon County"]
    assert [e.name for e, _ in gaz.lookup_scored("Readington Township", fuzzy=True)] == ["Readington"]


def test_units_sharing_a_name_behind_a_compass_word_make_a_region() -> None:
    from warlog.gazetteer.world import region_family_rows

    units = [
        _row("a", "North Darfur", "admin1", "SD", 14.0, 25.0, alt_names=["Northern Darfur State"]),
        _row("b", "South Darfur", "admin1", "SD", 11.0, 24.0),
        _row("c", "North Kordofan", "admin1", "SD", 13.0, 30.0),
        _row("d", "Lower Austria", "admin1", "AT", 48.2, 15.8),
        _row("e", "Upper Austria", "admin1", "AT", 48.1, 13.9),
        _row("f", "Northern Province", "admin1", "ZM", -10.0, 31.0),
        _row("g", "Southern Province", "admin1", "ZM", -16.0, 27.0),
    ]
    regions = list(region_family_rows(units, taken={"austria"}))
    assert [(r["name"], r["iso"], r["feature"]) for r in regions] == [("Darfur", "SD", "region")]
    assert (regions[0]["lat"], regions[0]["lon"]) == (12.5, 24.5)


def test_world_regions_answer_to_their_short_compass_forms() -> None:
    from warlog.gazetteer.world import macroregion_rows

    countries = [
        _row("ml", "Mali", "country", "ML", 17.0, -4.0, population=20),
        _row("sn", "Senegal", "country", "SN", 14.5, -14.25, population=10),
        _row("za", "South Africa", "country", "ZA", -29.0, 24.0, population=50),
        _row("bw", "Botswana", "country", "BW", -22.0, 24.0, population=2),
    ]
    regions = {r["name"]: r for r in macroregion_rows(countries)}
    west = regions["Western Africa"]
    assert west["alt_names"] == ["West Africa"] and west["feature"] == "region" and west["iso"] is None
    assert (west["lat"], west["lon"]) == (15.75, -9.125) and west["population"] == 30
    assert regions["Southern Africa"]["alt_names"] == []  # "South Africa" is a country


def test_countries_named_in_ia_get_their_regular_demonym() -> None:
    from warlog.gazetteer.world import _ia_demonym

    assert _ia_demonym("Latvia") == ["Latvian"] and _ia_demonym("Peru") == []
    assert _ia_demonym("Bosnia and Herzegovina") == []


def test_a_toponym_with_one_place_anchors_the_others() -> None:
    from warlog.extract.places import Toponym, rank_document
    from warlog.gazetteer.index import GazEntry
    from warlog.gazetteer.ranker import Ranker

    far = GazEntry("a", "Alexandria", "town", 38.8, -77.05, iso="US", admin1="Virginia", population=150_000, pk=1)
    near = GazEntry("b", "Alexandria", "town", 45.88, -95.38, iso="US", admin1="Minnesota", population=12_000, pk=2)
    only = GazEntry("c", "Nokomis Lake", "village", 45.9, -95.3, iso="US", admin1="Minnesota", population=100, pk=3)
    text = "Alexandria police ... Nokomis Lake"
    tops = [Toponym(0, 10, "Alexandria", [far, near], [1.0, 1.0]), Toponym(22, 34, "Nokomis Lake", [only], [1.0])]
    ranking = rank_document(tops, text, ranker=Ranker())
    feats = dict(zip(("far", "near"), ranking.second[0], strict=True))
    assert feats["near"].get("near_sure_100") == 1.0 and "near_sure_100" not in feats["far"]
    assert feats["near"]["log_dist_sure"] < feats["far"]["log_dist_sure"]


def _entry(pk: int, name: str, feature: str, iso: str, admin1: str | None = None, pop: int = 0):  # noqa: ANN202
    from warlog.gazetteer.index import GazEntry

    return GazEntry(str(pk), name, feature, 0.0, 0.0, iso=iso, admin1=admin1, population=pop, pk=pk)


def test_a_place_qualified_by_its_unit_and_units_in_a_list() -> None:
    from warlog.extract.places import _neighbour_features

    athens_gr, athens_us = _entry(1, "Athens", "city", "GR", "Attica"), _entry(2, "Athens", "city", "US", "Georgia")
    greece = _entry(3, "Greece", "country", "GR")
    ga_state, ga_country = _entry(4, "Georgia", "admin1", "US", "Georgia"), _entry(5, "Georgia", "country", "GE")
    ca_state, ca_village = (
        _entry(6, "California", "admin1", "US", "California"),
        _entry(7, "California", "village", "US"),
    )
    text = "in Athens, Greece and Athens, Georgia; Georgia, California and Texas"
    tx = _entry(8, "Texas", "admin1", "US", "Texas")

    class T:
        def __init__(self, start: int, surface: str) -> None:
            self.start, self.end, self.surface = start, start + len(surface), surface

    tops = [T(3, "Athens"), T(11, "Greece"), T(22, "Athens"), T(30, "Georgia"), T(39, "Georgia"), T(48, "California"),
            T(63, "Texas")]  # fmt: skip
    assert [text[t.start : t.end] for t in tops] == [t.surface for t in tops]
    cands = [[athens_gr, athens_us], [greece], [athens_gr, athens_us], [ga_state, ga_country], [ga_state, ga_country],
             [ca_state, ca_village], [tx]]  # fmt: skip
    feats = [[{} for _ in cs] for cs in cands]
    _neighbour_features(tops, text, cands, feats)  # type: ignore[arg-type]
    assert feats[0] == [{"qualified": 1.0}, {}]  # Athens, Greece
    assert feats[2][1].get("qualified") == 1.0 and "qualified" not in feats[2][0]  # Athens, Georgia (the state)
    assert feats[3][0].get("qualifies") == 1.0 and "qualifies" not in feats[3][1]
    assert feats[5] == [{"list_sibling": 1.0}, {}]  # California beside Georgia and Texas: the state
