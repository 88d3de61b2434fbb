"""Round 15 geocoding (issue 15, helper geo16): transliteration keys for the province-bounded spellings (a name in
another transliteration of one held in the named province), English qualifiers for Arabic ones, a district word
after a village's name, the closest transliteration among equally loose spellings, and Arabic qualifier bases for
layer villages. Names and points are facts written by hand."""

from __future__ import annotations

import pytest

from gaztools import gazetteer_of as _gazetteer_of
from gaztools import row as _row
from warlog.eval.geoparse import resolve_spans
from warlog.gazetteer.index import _with_qualifier_bases
from warlog.gazetteer.names import (
    UNIT_TRANSLIT_QUALITY,
    arabic_qualified,
    english_qualified,
    qualified_match,
    translit_close,
    translit_key,
    unit_spelling_quality,
)


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Khwein Elshaer", "khwayn shar"),  # glued article, ei as ay
        ("Khouaïne ech Chaar", "khwayna shar"),  # French ou before a vowel, ch, article ech
        ("Daoudiyeh", "dawdiya"),  # ao as aw, the nisba ending
        ("Ad Dawudiyah", "dawudiya"),
        ("Tall al As", "tal as"),  # a last word that looks like an article stays
        ("Rif al-Mohandessin al-Awal", "rif muhandasin 1"),  # an ordinal as a number
        ("Sqiah", "skiya"),
        ("دير الزور", ""),  # Arabic script has no transliteration key
    ],
)
def test_translit_key(name: str, key: str) -> None:
    assert translit_key(name) == key


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("Daoudiyeh", "Ad Dawudiyah", True),
        ("Sqiah", "Saqi'ah", True),
        ("Tar'ei", "Tall Terei", True),  # a Tall before one name only
        ("Jalma", "Jalameh", True),
        ("Sweiyeh", "Suwayyah", True),
        ("Qasemiyeh", "Al Qasimiyah", True),
        ("Sayad", "Alsayad", True),
        ("Rif al-Mohandessin al-Thani", "Rif al-Muhandisin 2", True),
        ("Jalma", "Julaymah", False),  # another village of the same province
        ("Alia", "Tall Awliya", False),  # a semi-vowel is a consonant here
        ("Tall al-Shaykh", "Tawil ash Shaykh", False),
        ("Al Salameh", "Khirbat Salam", False),  # a vowel ending is not a consonant one
        ("Sahab", "Tell Salhab", False),
        ("Kafr Nabl", "Kafr Nabudah", False),
    ],
)
def test_translit_close(a: str, b: str, same: bool) -> None:
    assert translit_close(a, b) is same


def test_english_and_arabic_qualifiers() -> None:
    assert english_qualified("Eastern Tall Ward") == ("Tall Ward", "sharq")
    assert english_qualified("Tall Ward") is None
    assert arabic_qualified("Tall al Ward Sharqi") == ("Tall al Ward", "sharq")
    assert arabic_qualified("Osmaniye Kebire") == ("Osmaniye", "kabir")
    assert qualified_match("Eastern Tall Ward", "Tall al Ward Sharqi")
    assert not qualified_match("Eastern Tall Ward", "Tall al Ward Gharbi")  # the other side
    assert qualified_match("Western Deir", "Deir Gharbi")
    assert qualified_match("Big Othmaniya", "Osmaniye Kebire")  # th as s
    assert qualified_match("Upper Hfeir", "Hafir al Fawqa")  # a near spelling of the base
    assert unit_spelling_quality("Eastern Tall Ward", "Tall al Ward Sharqi") == UNIT_TRANSLIT_QUALITY
    assert unit_spelling_quality("Daoudiyeh", "Ad Dawudiyah") == UNIT_TRANSLIT_QUALITY


def _syria_rows() -> list[dict]:
    return [
        _row("c", "Syria", "country", "SY", 35.0, 38.0),
        _row("a1", "Al Hasakeh", "admin1", "SY", 36.5, 40.7, admin1="Al Hasakeh", city="Al Hasakeh"),
        _row("a2", "Aleppo", "admin1", "SY", 36.2, 37.2, admin1="Aleppo", city="Aleppo"),
        _row("a3", "Hama", "admin1", "SY", 35.1, 36.7, admin1="Hama", city="Hama"),
        _row("a4", "Homs", "admin1", "SY", 34.7, 36.7, admin1="Homs", city="Homs"),
        _row("t2", "Aleppo", "city", "SY", 36.20, 37.16, admin1="Aleppo", population=2_000_000),
        _row("t3", "Hama", "city", "SY", 35.13, 36.75, admin1="Hama", population=700_000),
        _row("v1", "Ad Dawudiyah", "village", "SY", 36.77, 40.46, admin1="Al Hasakeh"),
        # a neighbourhood of Aleppo city whose loose key is Daoudiyeh's
        _row("d1", "Ad-Dudu", "district", "SY", 36.21, 37.15, admin1="Aleppo", city="Aleppo"),
        _row("v2", "Tall al Ward Sharqi", "village", "SY", 36.60, 40.90, admin1="Al Hasakeh"),
        _row("v3", "Tall al Ward", "village", "SY", 34.80, 36.60, admin1="Homs"),
        _row("v4", "Maryamayn", "village", "SY", 36.529, 36.948, admin1="Aleppo", admin2="Afrin"),
        _row("v5", "Maryamayn", "village", "SY", 35.966, 37.117, admin1="Aleppo", admin2="Jebel Saman"),
        _row("v6", "Jalameh", "village", "SY", 35.326, 36.486, admin1="Hama"),
        _row("v7", "Kum", "village", "SY", 34.95, 38.80, admin1="Homs"),
        _row("v8", "Al Kam", "village", "SY", 34.40, 40.90, admin1="Homs"),
        # a foreign village written exactly as the report writes the Syrian one
        _row("bd", "Jalma", "village", "BD", 22.9, 89.5, admin1="Khulna"),
    ]  # fmt: skip


def _first(text: str, gaz: object) -> object:
    first = text.split(", ")[0]
    place, _ = resolve_spans(
        text, [(0, len(first)), (len(first) + 2, len(text))], country_hint="SY", gazetteer=gaz, area_points=False
    )
    return place


def test_another_transliteration_in_the_named_province() -> None:
    gaz = _gazetteer_of(_syria_rows())
    place = _first("Daoudiyeh, Al Hasakeh", gaz)  # Ad-Dudu of Aleppo no longer stops it
    assert place is not None and place.location == "Ad Dawudiyah"
    place = _first("Eastern Tall Ward, Al Hasakeh", gaz)  # not Tall al Ward of Homs
    assert place is not None and place.location == "Tall al Ward Sharqi"
    place = _first("Jalma, Hama", gaz)  # an exact foreign name does not hide the Syrian spelling
    assert place is not None and place.location == "Jalameh"
    assert _first("Daoudiyeh, Hama", gaz) is None  # nothing of the kind in Hama: no answer


def test_a_district_word_picks_the_namesake() -> None:
    gaz = _gazetteer_of(_syria_rows())
    place = _first("Mreimin Afrin, Aleppo", gaz)
    assert place is not None and (place.latitude, place.longitude) == (36.529, 36.948)


def test_the_closest_transliteration_among_equally_loose_spellings() -> None:
    gaz = _gazetteer_of(_syria_rows())
    place = _first("Al-Koum, Homs", gaz)
    assert place is not None and place.location == "Kum"


def test_layer_villages_get_qualifier_bases() -> None:
    rows = [
        {"name": "Tall al Ward Sharqi", "alt_names": [], "iso": "SY", "feature": "village"},
        {"name": "Kuwayris Sharqi", "alt_names": [], "iso": "NG", "feature": "village"},  # not an Arabic country
    ]
    out = list(_with_qualifier_bases(rows))
    assert out[0]["alt_names"] == ["Tall al Ward"]
    assert out[1]["alt_names"] == []
