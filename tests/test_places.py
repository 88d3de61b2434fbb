"""Place resolution: sentences in, ACLED-style places out."""

from __future__ import annotations

from warlog.extract.places import document_places, find_toponyms, place_for_event, resolve_toponyms
from warlog.gazetteer import haversine_km
from warlog.model import Place


def resolve(text: str, ner: list[tuple[int, int, str]] | None = None) -> list[tuple[str, Place | None]]:
    """(surface, place) pairs for a text."""
    tops = find_toponyms(text, ner or [])
    return [(t.surface, p) for t, p in zip(tops, resolve_toponyms(tops, text), strict=True)]


def only(text: str, surface: str) -> Place:
    """The place resolved for one surface form."""
    places = [p for s, p in resolve(text) if s == surface]
    assert places and places[0] is not None, resolve(text)
    return places[0]


def test_aleppo_neighbourhood_is_a_district_of_the_city() -> None:
    p = only("Air strikes hit the al-Shaar neighbourhood of Aleppo on Tuesday.", "al-Shaar")
    assert p.location == "Aleppo - Sha'aar"
    assert p.geo_precision == 1 and p.feature == "district"
    assert p.admin1 == "Aleppo" and p.iso == "SY" and p.country == "Syria"
    assert haversine_km(p.latitude, p.longitude, 36.209077, 37.185425) < 2  # HDX neighbourhood point


def test_near_a_town_gives_precision_two() -> None:
    p = only("Clashes broke out near Palmyra between two armed groups.", "Palmyra")
    assert p.location == "Tadmor" and p.geo_precision == 2 and p.admin1 == "Homs"


def test_province_only_gives_the_capital_with_precision_three() -> None:
    p = only("Shelling in Idlib province killed four people.", "Idlib")
    assert p.geo_precision == 3 and p.location == "Idleb" and p.admin1 == "Idleb"
    assert haversine_km(p.latitude, p.longitude, 35.929, 36.635) < 2
    rural = only("Jets struck rural Damascus overnight.", "rural Damascus")
    assert rural.admin1 == "Rural Damascus" and rural.geo_precision == 3


def test_deir_ez_zor_spellings_resolve_to_one_city() -> None:
    text = "Rebels shelled Deir ez-Zor. Later, in Dayr az Zawr and Deir Ezzor, clashes went on."
    places = resolve(text)
    assert len(places) == 3
    assert {p.location for _, p in places if p} == {"Deir-ez-Zor"}
    assert {p.admin1 for _, p in places if p} == {"Deir ez Zor"}


def test_damascus_and_homs_districts() -> None:
    text = "A car bomb exploded in the Jobar district of Damascus and in the Khalidiya neighbourhood of Homs."
    got = dict(resolve(text))
    assert got["Jobar"].location == "Damascus - Jobar" and got["Jobar"].geo_precision == 1
    assert got["Khalidiya"].location.startswith("Homs - Khalidiy")
    assert got["Damascus"].feature == "city"


def test_unknown_name_gives_none_without_blanking_others() -> None:
    text = "Fighting raged in Zorblaxia and in Aleppo."
    ner = [(text.index("Zorblaxia"), text.index("Zorblaxia") + 9, "GPE")]
    got = dict(resolve(text, ner))
    assert got["Zorblaxia"] is None
    assert got["Aleppo"].location == "Aleppo" and got["Aleppo"].geo_precision == 1


def test_actor_names_and_common_words_are_not_places() -> None:
    text = "Shelling by Hayat Tahrir al-Sham, the Syrian Observatory for Human Rights said on Monday."
    assert find_toponyms(text) == []


def test_unknown_district_of_a_city_falls_back_to_the_city_point() -> None:
    p = only("Shells fell on the Qwertyan district of Aleppo.", "Qwertyan")
    assert p.location == "Aleppo" and p.geo_precision == 2


def test_event_place_prefers_the_neighbourhood_near_the_trigger() -> None:
    text = "Residents fled Idlib. On Friday a barrel bomb hit the Sheikh Maqsoud neighbourhood of Aleppo."
    tops = find_toponyms(text)
    resolved = resolve_toponyms(tops, text)
    s0 = text.index("On Friday")
    place = place_for_event(text[s0:], s0, text.index("barrel"), tops, resolved, document_places(tops, resolved))
    assert place is not None and place.location == "Aleppo - Ash-Sheikh Maqsoud"


def test_event_without_place_in_sentence_uses_the_report_place_at_precision_two() -> None:
    text = "Clashes erupted in Khan Sheikhoun. Three fighters were killed."
    tops = find_toponyms(text)
    resolved = resolve_toponyms(tops, text)
    s0 = text.index("Three")
    place = place_for_event(text[s0:], s0, text.index("killed"), tops, resolved, document_places(tops, resolved))
    assert place is not None and place.admin1 == "Idleb" and place.geo_precision == 2
    assert place_for_event("Nothing here.", 0, 0, [], [], []) is None


def test_other_countries_resolve_with_the_document_country() -> None:
    got = dict(resolve("Militants attacked a checkpoint in Mosul, Iraq, on Monday."))
    assert got["Mosul"].iso == "IQ" and got["Mosul"].geo_precision == 1


import pytest  # noqa: E402

from warlog.eval.geoparse import resolve_spans  # noqa: E402


@pytest.mark.parametrize(
    ("district", "city", "label"),
    [
        ("Sheikh Maqsoud", "Aleppo", "Aleppo - Ash-Sheikh Maqsoud"),
        ("Bustan al-Qasr", "Aleppo", "Aleppo - Bustan Al-Qaser"),
        ("Salah al-Din", "Aleppo", "Aleppo - Salah Ad-Deen"),
        ("Qaboun", "Damascus", "Damascus - Qaboun"),
        ("Barzeh", "Damascus", "Damascus - Barzeh"),
        ("Kafr Sousa", "Damascus", "Damascus - Kafar souseh"),
        ("Waer", "Homs", "Homs - Wa'er"),
        ("Bab Amr", "Homs", "Homs - Baba Amr"),
        ("Karm al-Zeitoun", "Homs", "Homs - Karm Az-Zeitoun"),
    ],
)
def test_city_districts_named_in_reports_resolve_to_the_district(district: str, city: str, label: str) -> None:
    p = only(f"Shells fell on the {district} neighbourhood of {city} on Monday.", district)
    assert p.location == label and p.feature == "district" and p.geo_precision == 1


def test_a_named_area_is_a_region_at_precision_two() -> None:
    p = only("Government forces advanced in Eastern Ghouta on Sunday.", "Eastern Ghouta")
    assert p.feature == "region" and p.geo_precision == 2 and p.iso == "SY"


def test_the_other_places_of_a_report_pick_the_right_paris() -> None:
    text = "Storms hit Paris, Texas, and Dallas."
    texas = resolve_spans(text, [(11, 16), (18, 23), (29, 35)])
    assert texas[0] is not None and texas[0].iso == "US"
    text = "Ministers met in Paris and then flew to Berlin and Brussels."
    europe = resolve_spans(text, [(17, 22), (40, 46), (51, 59)])
    assert europe[0] is not None and europe[0].iso == "FR"


def test_gold_spans_may_be_demonyms_or_abbreviations() -> None:
    text = "Palestinian officials met in Ramallah; Fla. officials stayed home."
    got = resolve_spans(text, [(0, 11), (29, 37), (39, 43)])
    assert got[0] is not None and got[0].iso == "PS" and got[0].feature == "country"
    assert got[2] is not None and got[2].admin1 == "Florida"


def test_a_name_shared_by_a_province_and_its_capital_is_the_city_without_a_province_word() -> None:
    text = "KYIV, May 2 - A missile hit a market in Sumy on Friday, killing nine people, officials said."
    city = only(text, "Sumy")
    assert city.geo_precision == 1 and city.feature == "city" and city.admin1 == "Sumy"
    assert haversine_km(city.latitude, city.longitude, 50.917, 34.799) < 3
    region = only("KYIV, May 2 - Shelling in the Sumy region killed two villagers, officials said.", "Sumy")
    assert region.geo_precision == 3 and region.feature == "admin1"


def test_a_small_town_abroad_in_a_country_the_report_never_names_is_a_namesake() -> None:
    text = "Armed men attacked the village of Solhan in northern Burkina Faso overnight, the government said."
    places = dict(resolve(text))
    # not Solhan in Bingöl, Turkey: Turkey is never named (since round 14 the gazetteer knows Burkina Faso's Solhan,
    # "Solna" in Who's On First)
    assert places.get("Solhan") is None or places["Solhan"].iso == "BF"
    assert places["Burkina Faso"] is not None and places["Burkina Faso"].iso == "BF"
    turkey = "Armed men attacked the town of Solhan in eastern Turkey overnight, the governor said."
    p = only(turkey, "Solhan")
    assert p.iso == "TR" and p.geo_precision == 1


def test_a_function_word_and_a_nationality_are_no_place_name_run() -> None:
    text = "A Russian cargo plane was hit near Idlib on Monday. But Russia said the Syrian army held the town."
    assert [t.surface for t in find_toponyms(text)] == ["Idlib", "Russia"]


def test_where_things_went_to_or_came_from_is_not_the_event_place() -> None:
    text = "A military helicopter was shot down over Idlib province after flying aid to Aleppo, the ministry said."
    tops = find_toponyms(text)
    resolved = resolve_toponyms(tops, text)
    place = place_for_event(text, 0, text.index("shot"), tops, resolved, document_places(tops, resolved))
    assert place is not None and place.admin1 == "Idleb" and place.feature == "admin1"


def test_a_place_does_not_name_its_own_county() -> None:
    from warlog.extract.places import DocContext, Toponym, candidate_features
    from warlog.gazetteer import GazEntry
    from warlog.gazetteer.names import name_key

    town = GazEntry("t1", "Licking", "town", 40.0, -82.0, "United States", "US", "Ohio", "Licking County")
    top = Toponym(0, 7, "Licking", [town], [1.0])
    alone = DocContext("US", {name_key("Licking")}, set())
    assert "admin2_named" not in candidate_features(top, town, 1.0, None, alone, 0)
    named = DocContext("US", {name_key("Licking"), name_key("Licking County")}, set())
    assert candidate_features(top, town, 1.0, None, named, 0).get("admin2_named") == 1.0
    ohio = DocContext("US", {name_key("Licking"), name_key("Ohio")}, set())
    assert candidate_features(top, town, 1.0, None, ohio, 0).get("admin1_named") == 1.0


def test_al_hol_in_a_syrian_report_is_the_syrian_camp_not_hol_in_norway() -> None:
    p = only("Guards at the al-Hol camp in Hasakah province in Syria said two women were shot dead.", "al-Hol")
    assert p.iso == "SY" and haversine_km(p.latitude, p.longitude, 36.38, 41.14) < 5
    got = resolve_spans("Al Hol, Al Hasakeh", [(0, 6), (8, 18)], country_hint="SY")
    assert got[0] is not None and got[0].iso == "SY"


def test_a_near_miss_spelling_must_lie_in_a_province_the_report_names() -> None:
    inside = resolve_spans("Ftireh, Idleb", [(0, 6), (8, 13)], country_hint="SY")
    assert inside[0] is not None and haversine_km(inside[0].latitude, inside[0].longitude, 35.61, 36.49) < 3
    outside = resolve_spans("Ftireh, Dara", [(0, 6), (8, 12)], country_hint="SY")
    assert outside[0] is None


def test_a_variant_spelling_outside_the_province_the_sentence_names_is_no_place() -> None:
    """A village the gazetteer lacks is not a same-sounding village of another province (a report of our own)."""
    text = (
        "A Nigerian military drone struck villagers gathered to mark a Muslim religious festival in Tudun Biri, a "
        "village in the Igabi area of Kaduna state, late on Sunday night, killing at least 85 civilians."
    )
    tops = find_toponyms(text)
    resolved = resolve_toponyms(tops, text)
    placed = [p for p in resolved if p is not None]
    assert placed and all(p.admin1 == "Kaduna" for p in placed)


def test_a_consonant_skeleton_match_needs_the_report_country() -> None:
    """A name whose short vowels are written otherwise ("Bisr al-Hareer" for Busra al Hariri) is placed by its
    consonant skeleton only when the text says which country it is in; no country is assumed for it. (Round 17:
    OCHA's own spelling "Bisr Elharir", this test's example before, is now a held name.)"""
    assert resolve_spans("Bisr al-Hareer", [(0, 14)]) == [None]
    placed = resolve_spans("Bisr al-Hareer, Syria", [(0, 14), (16, 21)])
    assert placed[0] is not None and placed[0].iso == "SY"
    assert haversine_km(placed[0].latitude, placed[0].longitude, 32.84, 36.34) < 3


def test_a_congolese_town_carries_its_current_province() -> None:
    """A report of our own: the province of a town is today's (Ituri), as ACLED codes it, not the former one."""
    text = "Militiamen attacked a displacement site near Bunia, in the Ituri province of the DR Congo, on Friday."
    p = only(text, "Bunia")
    assert p.iso == "CD" and p.admin1 == "Ituri"


def test_town_named_for_its_area_is_part_of_a_region() -> None:
    """'the Hpakant township', 'Konduga local government area': the event lies somewhere in the area the town names,
    so ACLED's geo_precision is 2, not the town's 1 (written for warlog)."""
    from warlog.extract.places import _cue_at
    from warlog.gazetteer.features import geo_precision

    for text, name in (
        ("Soldiers burned a village in the Hpakant township on Monday.", "Hpakant"),
        ("Gunmen killed four farmers in Konduga local government area.", "Konduga"),
        ("Police said the raid took place in Bannu tehsil.", "Bannu"),
    ):
        start = text.index(name)
        cue = _cue_at(text, start, start + len(name))
        assert cue == "part", (text, cue)
        assert geo_precision("town", cue) == 2
    text = "Soldiers burned houses in Hpakant on Monday."
    start = text.index("Hpakant")
    assert _cue_at(text, start, start + len("Hpakant")) is None


def test_syria_scorer_falls_back_to_the_named_city_of_an_unknown_neighbourhood() -> None:
    from warlog.eval.geo_syria import _resolve_text
    from warlog.gazetteer import get_gazetteer, haversine_km

    gaz = get_gazetteer()
    # a neighbourhood name no place has (Qzirbatiyeh was one until round 14: Who's On First has a village Qirbatiyah
    # in As Safira, which its spelling now finds)
    p = _resolve_text("Qzirbatuzzeh, Aleppo", "Aleppo", "admin1", gaz)
    assert p is not None and haversine_km(p.latitude, p.longitude, 36.20, 37.16) < 10
    assert _resolve_text("Qzirbatuzzeh", "Aleppo", "admin1", gaz) is None  # the governorate alone is no answer


def test_cloud_features_as_the_maximum_over_every_neighbour() -> None:
    """cloud_features skips distances that cannot raise a neighbour's support: the same features as the plain max."""
    import math
    import random

    from warlog.gazetteer.index import GazEntry
    from warlog.gazetteer.ranker import CLOUD_KM, cloud_features
    from warlog.geometry import haversine_km

    def plain(keys, cands, feats) -> None:  # noqa: ANN001 - the formula as written before
        cells: dict = {}
        for k, cs in zip(keys, cands, strict=True):
            grid = cells.setdefault(k, {})
            top = max((c.population or 0 for c in cs), default=0)
            for c in cs:
                if c.feature not in ("country", "continent", "admin1", "region"):
                    weight = min(1.0, max(0.0, 1.0 + math.log10(((c.population or 0) + 1) / (top + 1)) / 3.0))
                    grid.setdefault((math.floor(c.lat), math.floor(c.lon)), []).append((c, weight))
        names = [k for k, g in cells.items() if g]
        for i, (k, cs) in enumerate(zip(keys, cands, strict=True)):
            others = [cells[o] for o in names if o != k]
            if not others:
                continue
            for c, f in zip(cs, feats[i], strict=True):
                if c.feature in ("country", "continent", "admin1", "region"):
                    continue
                la, lo = math.floor(c.lat), math.floor(c.lon)
                support = [
                    max(
                        (
                            w
                            for dy in (-1, 0, 1)
                            for dx in (-1, 0, 1)
                            for o, w in grid.get((la + dy, (lo + dx + 180) % 360 - 180), ())
                            if haversine_km(c.lat, c.lon, o.lat, o.lon) <= CLOUD_KM
                        ),
                        default=0.0,
                    )
                    for grid in others
                ]
                if any(support):
                    f["cloud_share"] = sum(support) / len(others)
                if max(support) >= 0.5:
                    f["cloud_any"] = 1.0

    rnd = random.Random(3)
    for _ in range(200):
        keys = [f"k{rnd.randint(0, 5)}" for _ in range(rnd.randint(1, 6))]
        cands = [
            [
                GazEntry(
                    id=f"{i}-{j}", name="x", lat=35 + rnd.uniform(-1.5, 1.5),
                    lon=rnd.choice((179.5, -179.5, 38.0, 38.0, 38.5)) + rnd.uniform(-1, 1),
                    feature=rnd.choice(("town", "village", "city", "admin1", "country")),
                    population=rnd.choice((0, 10, 500, 20_000, 2_000_000)),
                )
                for j in range(rnd.randint(1, 4))
            ]
            for i in range(len(keys))
        ]  # fmt: skip
        a = [[{} for _ in cs] for cs in cands]
        b = [[{} for _ in cs] for cs in cands]
        cloud_features(keys, cands, a)
        plain(keys, cands, b)
        assert a == b
