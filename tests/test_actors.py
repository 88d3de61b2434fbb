"""Actor names, their ACLED canonical forms and roles, and who a sentence attributes its facts to."""

from __future__ import annotations

import pytest

from warlog.extract.actor_roles import assign_roles
from warlog.extract.actors import acled_country_name, canonical_actor, find_actors
from warlog.extract.attribution import find_attribution
from warlog.extract.context import attach_roles


@pytest.mark.parametrize(
    ("surface", "country", "canonical"),
    [
        ("regime forces", "SY", "Military Forces of Syria (2000-)"),
        ("Syrian Arab Army", None, "Military Forces of Syria (2000-)"),
        ("SAA", "Syria", "Military Forces of Syria (2000-)"),
        ("Assad forces", "SY", "Military Forces of Syria (2000-)"),
        ("government troops", "SY", "Military Forces of Syria (2000-)"),
        ("Tiger Forces", "SY", "Military Forces of Syria (2000-) Tiger Paramilitary Forces (Qawat al Nimr)"),
        ("National Defence Forces", "SY", "QDW: National Defence Forces"),
        ("pro-government forces", "SY", "Militia (Pro-Government)"),
        ("Russian warplanes", "SY", "Military Forces of Russia (2000-)"),
        ("US-led coalition", "SY", "Global Coalition Against Daesh"),
        ("Free Syrian Army", "SY", "JSH: Free Syrian Army"),
        ("Hayat Tahrir al-Sham", "SY", "HTS: Hayat Tahrir al Sham"),
        ("Nusra Front", "SY", "JFS: Al Nusra Front"),
        ("Jabhat Fateh al-Sham", "SY", "Jabhat Fateh al Sham"),
        ("Daesh", "SY", "Islamic State (Syria)"),
        ("ISIL", "Iraq", "Islamic State (Iraq)"),
        ("Syrian Democratic Forces", "SY", "QSD: Syrian Democratic Forces"),
        ("YPG", "SY", "YPG: Peoples Protection Units"),
        ("Hezbollah", "SY", "Hezbollah"),
        ("Turkish army", "SY", "Military Forces of Turkey (2016-)"),
        ("rebels", "SY", "Opposition Rebels (Syria)"),
        ("opposition fighters", "SY", "Opposition Rebels (Syria)"),
        ("Israeli jets", "SY", "Military Forces of Israel (2009-)"),
        ("Houthis", "YE", "Military Forces of Yemen (2016-) Supreme Political Council"),
        ("Haftar's forces", "LY", "Military Forces of Libya (2014-) Haftar Faction"),
        ("Hashd al-Shaabi", "IQ", "Military Forces of Iraq (2018-) Popular Mobilization Forces"),
        ("al-Shabaab", "SO", "Al Shabaab"),
        ("Taliban", "AF", "Taliban"),
        ("Ukrainian forces", "UA", "Military Forces of Ukraine (2019-)"),
        ("police", "IQ", "Police Forces of Iraq (2018-)"),
        ("police", "PH", "Police Forces of the Philippines (2016-)"),
        ("civilians", "SY", "Civilians (Syria)"),
        ("unknown gunmen", "Iraq", "Unidentified Armed Group (Iraq)"),
        ("protesters", "IR", "Protesters (Iran)"),
    ],
)
def test_canonical_actor(surface: str, country: str | None, canonical: str) -> None:
    assert canonical_actor(surface, country) == canonical


def test_is_only_capitalised() -> None:
    text = "It is clear that IS fighters attacked the base."
    found = find_actors(text, "SY")
    assert [a.surface for a in found if a.canonical.startswith("Islamic State")] == ["IS fighters"]


def test_mentions_carry_spans_inter_and_kind() -> None:
    text = "Russian jets and regime forces pounded rebels in Idlib, killing seven civilians."
    found = find_actors(text, "SY")
    assert [(text[a.start : a.end], a.inter, a.kind) for a in found] == [
        ("Russian jets", 8, "external"),
        ("regime forces", 1, "state"),
        ("rebels", 2, "rebel"),
        ("civilians", 7, "civilians"),
    ]


def test_state_forces_at_home_are_inter_1_abroad_8() -> None:
    assert find_actors("Russian troops advanced.", "RU")[0].inter == 1
    assert find_actors("Russian troops advanced.", "SY")[0].inter == 8


def test_country_names_are_acled_short_names() -> None:
    assert acled_country_name("SYR") == "Syria"
    assert acled_country_name("Russian Federation") == "Russia"
    assert acled_country_name("PS") == "Palestine"
    assert acled_country_name("TR") == "Turkey"
    assert acled_country_name("Atlantis") is None


@pytest.mark.parametrize(
    ("sentence", "sub", "country", "expected"),
    [
        (
            "Syrian warplanes struck the town of Saraqeb, killing five civilians.",
            "Air/drone strike",
            "SY",
            ("Military Forces of Syria (2000-)", 1, "Civilians (Syria)", 7),
        ),
        (
            "Air strikes hit a market in the town, killing 20 civilians.",
            "Air/drone strike",
            "SY",
            (None, None, "Civilians (Syria)", 7),
        ),
        (
            "Clashes broke out between the SDF and IS fighters near Hajin.",
            "Armed clash",
            "SY",
            ("QSD: Syrian Democratic Forces", 2, "Islamic State (Syria)", 2),
        ),
        (
            "Regime forces, backed by Russian warplanes, retook the village from rebels.",
            "Government regains territory",
            "SY",
            ("Military Forces of Syria (2000-)", 1, "Opposition Rebels (Syria)", 2),
        ),
        (
            "The village was shelled by HTS, wounding two children.",
            "Shelling/artillery/missile attack",
            "SY",
            ("HTS: Hayat Tahrir al Sham", 2, "Civilians (Syria)", 7),
        ),
        (
            "IS militants executed 12 people in the main square.",
            "Attack",
            "SY",
            ("Islamic State (Syria)", 2, "Civilians (Syria)", 7),
        ),
        (
            "A car bomb exploded near a bakery, killing eight people.",
            "Remote explosive/landmine/IED",
            "SY",
            ("Unidentified Armed Group (Syria)", 3, "Civilians (Syria)", 7),
        ),
        (
            "The Taliban attacked an army checkpoint, killing nine soldiers.",
            "Armed clash",
            "AF",
            ("Taliban", 2, "Military Forces of Afghanistan (2014-)", 1),
        ),
        (
            "Police fired tear gas at protesters in the square.",
            "Protest with intervention",
            "IQ",
            ("Protesters (Iraq)", 6, "Police Forces of Iraq (2018-)", 1),
        ),
        (
            "Police arrested five journalists.",
            "Arrests",
            "TR",
            ("Police Forces of Turkey (2016-)", 1, "Civilians (Turkey)", 7),
        ),
    ],
)
def test_assign_roles(sentence: str, sub: str, country: str, expected: tuple) -> None:
    roles = assign_roles(sentence, sub, country)
    assert (roles.actor1, roles.inter1, roles.actor2, roles.inter2) == expected


def test_backing_actor_becomes_associated() -> None:
    roles = assign_roles(
        "Regime forces, backed by Russian warplanes, retook the village from rebels.",
        "Government regains territory",
        "SY",
    )
    assert roles.assoc_actor_1 == "Military Forces of Russia (2000-)"


@pytest.mark.parametrize(
    ("sentence", "source"),
    [
        (
            "At least 12 civilians were killed in the raids, the Syrian Observatory for Human Rights said.",
            "Syrian Observatory for Human Rights",
        ),
        ("According to SOHR, five fighters died.", "Syrian Observatory for Human Rights"),
        ("The Britain-based monitor said jets struck the town.", "Syrian Observatory for Human Rights"),
        ("The monitoring group said the toll was likely to rise.", "Syrian Observatory for Human Rights"),
        ("State news agency SANA reported that terrorists shelled the city.", "SANA"),
        ('"We pulled 20 bodies from the rubble," said the White Helmets.', "Syrian Civil Defence (White Helmets)"),
        ("Civil Defence workers said two rescuers were hurt.", "Syrian Civil Defence (White Helmets)"),
        ("Activists said the strike hit a market.", "activists"),
        ("A military source told SANA that the army repelled an attack.", "military source"),
        ("The Russian Defence Ministry said its jets did not fly over the area.", "Russian Ministry of Defence"),
        ("The coalition said it carried out 14 strikes.", "Global Coalition Against Daesh"),
        ("UNICEF said 30 children were among the dead.", "UNICEF"),
        ("Amaq said the group's fighters killed 20 soldiers.", "Amaq"),
        ("Medics told Reuters that five people died.", "medical sources"),
        ("Governor Ahmed Khalil told AFP the attack was repelled.", "Governor Ahmed Khalil"),
    ],
)
def test_find_attribution(sentence: str, source: str) -> None:
    assert find_attribution(sentence) == source


def test_attribution_falls_back_on_context() -> None:
    assert find_attribution("Regime forces shelled the town on Monday.") is None
    assert find_attribution("It said the toll may rise.", "The Syrian Observatory said ten people died.") == (
        "Syrian Observatory for Human Rights"
    )


def test_attribution_from_a_toll_statement():
    from warlog.extract.attribution import find_attribution

    sentence = "The Syrian Observatory for Human Rights put the toll at 18 dead and said jets carried out the raid."
    assert find_attribution(sentence) == "Syrian Observatory for Human Rights"


@pytest.mark.parametrize(
    ("surface", "country", "canonical"),
    [
        ("the regime", "SY", "Military Forces of Syria (2000-)"),
        ("opposition factions", "SY", "Opposition Rebels (Syria)"),
        ("rebels under OPS", "SY", "Operation Peace Spring"),
        ("Al Fath Al Mubeen Operation Room", "SY", "Al Fath Al Mubeen Operation Room"),
        ("Khalid ibn Walid Army", "SY", "Khalid ibn al Walid Army"),
        ("pro-Houthi forces", "YE", "Military Forces of Yemen (2016-) Supreme Political Council"),
        ("pro-Hadi and affiliated forces", "YE", "Military Forces of Yemen (2012-)"),
        ("Popular Resistance", "YE", "Popular Resistance"),
        ("LNA air force", "LY", "Military Forces of Libya (2014-) Haftar Faction"),
        ("GNA forces", "LY", "Military Forces of Libya (2016-) Government of National Accord"),
        ("Tribal Mobilization Forces", "IQ", "TMF: Tribal Mobilization Forces"),
        ("military forces of Artsakh", "AZ", "Military Forces of Artsakh (2007-)"),
        ("Donbass People's Militia", "UA", "NAF: United Armed Forces of Novorossiya"),
        ("tribal militias", "SY", "Unidentified Tribal Militia (Syria)"),
    ],
)
def test_canonical_actor_acled_note_spellings(surface: str, country: str, canonical: str) -> None:
    assert canonical_actor(surface, country) == canonical


def test_roles_for_a_libyan_air_strike() -> None:
    roles = assign_roles("LNA warplanes struck GNA positions south of Tripoli.", "Air/drone strike", "LY")
    assert roles.actor1 == "Military Forces of Libya (2014-) Haftar Faction"
    assert roles.actor2 == "Military Forces of Libya (2016-) Government of National Accord"


def test_a_country_possessive_names_its_forces() -> None:
    for sentence, actor in [
        ("Myanmar's military bombed a village gathering in the north.", "Military Forces of Myanmar"),
        ("Nigeria’s army said it repelled the raid on the base.", "Military Forces of Nigeria"),
    ]:
        assert [a.canonical.startswith(actor) for a in find_actors(sentence, None)][:1] == [True], sentence


def test_nationality_force_rows_gate_what_they_match_and_compile_lazily() -> None:
    """Each nationality's forces row carries a gate one of whose strings every match holds (the nationality's or
    the nouns', whichever rules out more texts), and its regex is compiled only when first used."""
    from warlog.extract.actors import _compiled, _rows
    from warlog.extract.literals import literals_in, may_match

    phrases = [
        "South Sudanese army units moved north",
        "US warplanes hit the depot",
        "Russia's military said the convoy was struck",
        "Turkish-backed fighters and Turkish artillery shelled the village",
        "Nigerian police officers were deployed",
        "an Israeli air strike on the port",
    ]
    rows = [r for r in _rows() if r.canonical.startswith(("Military Forces of", "Police Forces of"))]
    assert rows and all(r.gate for r in rows)
    matched = 0
    for phrase in phrases:
        present = literals_in(phrase)
        for row in rows:
            if row.regex.search(phrase):
                matched += 1
                assert may_match(row.gate, present), (row.canonical, phrase)
    assert matched >= len(phrases)
    _compiled.cache_clear()
    find_actors("Sudanese troops entered the town.", "SD")
    compiled = _compiled.cache_info().currsize
    assert 0 < compiled < len(_rows()) // 2  # only the rows whose gate the text holds


def test_named_countries_is_remembered_but_each_caller_gets_its_own_counter() -> None:
    from warlog.extract.demonyms import named_countries

    text = "Syrian and Russian jets struck Idlib; Syria's army advanced while Turkey watched."
    first = named_countries(text)
    assert first["SY"] == 2 and first["RU"] == 1 and first["TR"] == 1
    first["SY"] += 10  # a caller that changes its counter does not change the next caller's
    assert named_countries(text)["SY"] == 2


def test_two_countries_forces_in_one_phrase() -> None:
    for sentence in [
        "The military forces of Chad and Niger exchanged fire over the border post.",
        "Chadian and Nigerien troops exchanged fire over the border post.",
    ]:
        names = [a.canonical for a in find_actors(sentence, "Niger")]
        assert names == ["Military Forces of Chad (1990-)", "Military Forces of Niger (2011-)"], sentence


def test_a_lone_soldier_is_the_state_unless_he_is_someone_elses() -> None:
    assert canonical_actor("a soldier", "Kenya") == "Military Forces of Kenya (2013-)"
    assert canonical_actor("governmental positions", "Ukraine") == "Military Forces of Ukraine (2019-)"
    names = [a.canonical for a in find_actors("Gunmen shot a soldier of the Free Syrian Army.", "Syria")]
    assert "Military Forces of Syria (2000-)" not in names


def test_unattributed_killings_with_organised_crime_marks_are_a_gang_where_acled_codes_gangs() -> None:
    sentence = "Two men on a motorbike killed a shopkeeper in a drive-by shooting in the market."
    assert assign_roles(sentence, "Attack", "Mexico").actor1 == "Unidentified Gang (Mexico)"
    assert assign_roles(sentence, "Attack", "Brazil").actor1 == "Unidentified Gang and/or Police Militia"
    # no such marks, or a country where ACLED has no gang actors: the unidentified armed group stays
    plain = "Two men on a motorbike killed a shopkeeper in the market."
    assert assign_roles(plain, "Attack", "Mexico").actor1 == "Unidentified Armed Group (Mexico)"
    assert assign_roles(sentence, "Attack", "Kenya").actor1 == "Unidentified Armed Group (Kenya)"


_JAS = "Boko Haram - Jamatu Ahli is-Sunnah lid-Dawatai wal-Jihad"


def test_property_destruction_hits_civilians_when_no_one_is_named() -> None:
    sentence = "Unknown men set fire to a telephone mast outside the town."
    roles = assign_roles(sentence, "Looting/property destruction", "Chile")
    assert (roles.actor1, roles.actor2) == ("Unidentified Armed Group (Chile)", "Civilians (Chile)")


@pytest.mark.parametrize(
    ("surface", "country", "canonical"),
    [
        ("Boko Haram", "NG", "Islamic State (West Africa) and/or " + _JAS),
        ("JAS", "NG", _JAS),
        ("Military Police", "BR", "Military Forces of Brazil (2019-) Military Police"),
        ("Civil Police", "BR", "Police Forces of Brazil (2019-) Civil Police"),
        ("Islamist insurgents", "MZ", "Islamist Militia (Mozambique)"),
        ("Saudi forces", "YE", "Operation Restoring Hope"),
        ("Saudi forces", "SA", "Military Forces of Saudi Arabia (2015-)"),
    ],
)
def test_acled_names_by_country(surface: str, country: str, canonical: str) -> None:
    assert canonical_actor(surface, country) == canonical


@pytest.mark.parametrize(
    ("surface", "country", "canonical"),
    [
        ("AAS", "SY", "AAS: Ahrar al Sham"),
        ("Ahrar al-Sharqiya", "SY", "Ahrar al Sharqiyah"),
        ("Islamist militias", "SY", "Islamist Militia (Syria)"),
        ("Islamist rebels", "SY", "Islamist Rebels (Syria)"),
        ("Fulani militias", "Mali", "Fulani Ethnic Militia (Mali)"),
    ],
)
def test_acled_names_from_its_actor_lists(surface: str, country: str, canonical: str) -> None:
    assert canonical_actor(surface, country) == canonical


def test_property_is_not_a_civilian_victim() -> None:
    sentence = "Rebel artillery shelled civilian houses and farms in the valley; no injuries were reported."
    assert assign_roles(sentence, "Shelling/artillery/missile attack", "Yemen").actor2 is None
    hurt = "Rebel artillery shelled the valley, wounding three civilians."
    assert assign_roles(hurt, "Shelling/artillery/missile attack", "Yemen").actor2 == "Civilians (Yemen)"


def test_two_crowds_facing_each_other_are_both_actors() -> None:
    riot = assign_roles("Two village groups clashed with sticks over a water dispute.", "Mob violence", "India")
    assert (riot.actor1, riot.actor2) == ("Rioters (India)", "Rioters (India)")
    rally = "Supporters of the mayor rallied downtown while counter-protesters gathered across the square."
    protest = assign_roles(rally, "Peaceful protest", "Peru")
    assert (protest.actor1, protest.actor2) == ("Protesters (Peru)", "Protesters (Peru)")
    alone = assign_roles("Residents of two villages staged a protest over aid.", "Peaceful protest", "Peru")
    assert alone.actor2 is None


def test_a_group_that_planted_the_bomb_is_its_actor() -> None:
    roles = assign_roles(
        "A soldier was killed by a Taliban-planted landmine on the road.", "Remote explosive/landmine/IED", "AF"
    )
    assert roles.actor1 == "Taliban"
    # "HTS-held", "Turkish-backed": a place's holder or a sponsor, not an actor named on its own
    assert [a.canonical for a in find_actors("Shells hit HTS-held villages.", "SY")] == []


def test_criminals_named_as_a_side_are_a_gang_where_acled_codes_gangs() -> None:
    sentence = "A shoot-out broke out between state police and drug traffickers in the hills."
    assert assign_roles(sentence, "Armed clash", "Mexico").actor2 == "Unidentified Gang (Mexico)"
    assert canonical_actor("drug traffickers", "Kenya") is None


def test_identity_militias_are_named_after_their_group() -> None:
    names = [a.canonical for a in find_actors("Tiv militias raided two farming villages.", "Nigeria")]
    assert names == ["Tiv Ethnic Militia (Nigeria)"]
    clan = [a.canonical for a in find_actors("Militiamen from the Marehan clan opened fire.", "Somalia")]
    assert clan == ["Marehan Clan Militia (Somalia)"]
    tribe = [a.canonical for a in find_actors("Gunmen from the Bani Hilal tribe blocked the road.", "Yemen")]
    assert tribe == ["Bani Hilal Tribal Militia (Yemen)"]
    # kinds, sides and nationalities before "militia" are no ethnic group
    assert [a.canonical for a in find_actors("Local militias repelled the raid.", "Nigeria")] == [
        "Unidentified Armed Group (Nigeria)"
    ]
    roles = assign_roles("Two clans exchanged fire over a land dispute near the town.", "Armed clash", "Ethiopia")
    assert roles.actor1 == "Unidentified Clan Militia (Ethiopia)"


@pytest.mark.parametrize(
    ("surface", "country", "canonical"),
    [
        ("security guards", "Jamaica", "Private Security Forces (Jamaica)"),
        ("prison guards", "Peru", "Police Forces of Peru (2018-) Prison Guards"),
        ("Maoists", "India", "Naxal-Maoist Rebels (India)"),
        ("CPI (Maoist)", "India", "CPI (Maoist): Communist Party of India (Maoist)"),
        ("SSPDF", "South Sudan", "Military Forces of South Sudan (2011-)"),
        (
            "Imbonerakure",
            "Burundi",
            "CNDD-FDD-Imbonerakure: National Council for the Defence of Democracy (Imbonerakure Faction)",
        ),
    ],
)
def test_acled_generic_and_named_groups(surface: str, country: str, canonical: str) -> None:
    assert canonical_actor(surface, country) == canonical


def test_a_clash_no_side_of_which_is_named_is_between_two_of_a_kind() -> None:
    roles = attach_roles("Armed men clashed in the market at night.", "Armed clash", "Battles", "Honduras")
    assert roles.actor1 == roles.actor2 == "Unidentified Armed Group (Honduras)"


def test_the_side_of_a_clash_no_one_names_is_an_unidentified_armed_group() -> None:
    roles = attach_roles("Government troops clashed near the dam at dawn.", "Armed clash", "Battles", "Chad")
    assert (roles.actor1, roles.actor2) == ("Military Forces of Chad (1990-)", "Unidentified Armed Group (Chad)")


def test_a_governments_own_acts_are_the_government() -> None:
    sentence = "The government released 40 rebel prisoners to advance the peace talks."
    roles = assign_roles(sentence, "Other", "Afghanistan")
    assert roles.actor1 == "Government of Afghanistan (2014-)"
    # a violent event keeps its forces: "government forces" are the military
    shelled = assign_roles("Government forces shelled the village.", "Shelling/artillery/missile attack", "Chad")
    assert shelled.actor1 == "Military Forces of Chad (1990-)"


def test_dictionary_patterns_split_on_top_level_bars_only() -> None:
    from warlog.extract.actors import _split_top

    assert _split_top("HTS|Hayat (Tahrir|Tahreer) al-Sham|(?-i:JFS)") == [
        "HTS",
        "Hayat (Tahrir|Tahreer) al-Sham",
        "(?-i:JFS)",
    ]
    assert _split_top("") == [""]
    assert _split_top("a|") == ["a", ""]
    assert _split_top("a)|b(|c") == ["a)|b(", "c"]  # every parenthesis counts, escaped or not, as before
    assert _split_top(r"a\(|b") == [r"a\(|b"]


def test_country_names_are_found_as_the_alternation_longest_first_found_them() -> None:
    import random
    import re

    from warlog.extract import demonyms

    names = sorted(set(demonyms.country_names()) | set(demonyms.demonym_table()), key=len, reverse=True)
    plain = re.compile(r"(?<![\w\-])(?:" + "|".join(re.escape(n) for n in names) + r")(?![\w\-])")
    rnd = random.Random(7)
    texts = ["South Sudanese and Sudanese troops; the Democratic Republic of the Congo; Congo; Niger's Nigerians"]
    for _ in range(500):  # names glued to letters, plurals, hyphens and possessives
        texts.append(" ".join(rnd.choice(names) + rnd.choice(["", "s", "-", "n", " ", "ian", "'s"]) for _ in range(6)))
    for text in texts:
        assert [m.span() for m in demonyms._regex().finditer(text)] == [m.span() for m in plain.finditer(text)]
