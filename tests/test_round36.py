"""Round 36: a name that no place of the report's country answers to, said as a place, is the place of that country
it is a close spelling of (one name in two transliterations, or a near spelling of the whole name), when one answers
or the best lie together; never a word, a person's name, nor a place abroad the report names. Own text only."""

from __future__ import annotations

from datetime import date

from reading import events, seen
from warlog.extract.frames import NON_PLACE, entity_spans
from warlog.extract.places import _close_spelling, find_toponyms, resolve_toponyms
from warlog.geometry import haversine_km


def _places(nlp, text: str) -> dict[str, tuple[str | None, float, float] | None]:
    doc = nlp(text)
    tops = find_toponyms(text, entity_spans(doc, NON_PLACE), sticky=True)
    out = {}
    for t, p in zip(tops, resolve_toponyms(tops, text), strict=True):
        out.setdefault(t.surface, None if p is None else (p.iso, p.latitude, p.longitude))
    return out


def test_close_spellings_of_one_name() -> None:
    assert _close_spelling("Nguetechewe", "Nguetchewe")
    assert _close_spelling("Indelimane", "In Delimane")
    assert _close_spelling("Khaldeh", "Khaldah")
    assert _close_spelling("Lemouna", "Limouna")
    # names that fold to near keys but are spelt apart
    assert not _close_spelling("Jebel", "Juboli")
    assert not _close_spelling("Hodan", "Haadweyn")
    assert not _close_spelling("al-Haboubi", "Al Habibiyah")


def test_a_village_spelt_another_way_is_placed_in_the_reports_country(nlp) -> None:
    text = (
        "MAROUA, Cameroon, 3 May 2021 - A suicide bomber blew herself up among families sleeping in a school in "
        "Nguetechewe, in the Mayo-Tsanaga department of the Far North region, killing nine people, officials said."
    )
    got = _places(nlp, text)["Nguetechewe"]
    assert got is not None and got[0] == "CM" and haversine_km(got[1], got[2], 10.998, 13.941) < 5, got
    text = (
        "BAMAKO, Mali, 9 June 2022 - Jihadist fighters overran an army post at Indelimane, in the Menaka region, on "
        "Wednesday, the army said, and took vehicles and weapons."
    )
    got = _places(nlp, text)["Indelimane"]
    assert got is not None and got[0] == "ML" and haversine_km(got[1], got[2], 15.869, 1.528) < 5, got


def test_a_persons_name_is_not_respelt_as_a_village(nlp) -> None:
    text = (
        "DAKAR, Senegal, 4 March 2021 - Police fired tear gas at crowds in Dakar on Thursday after the arrest of the "
        "opposition leader Sonko, witnesses said."
    )
    got = _places(nlp, text).get("Sonko")
    assert got is None or got[0] != "SN" or haversine_km(got[1], got[2], 12.464, -15.749) > 5, got


def test_a_sentence_opened_by_the_day_before_tells_an_earlier_incident(nlp) -> None:
    text = (
        "Car bombs hit army camp near capital\n\n"
        "KADUNA, 9 May 2023 - Gunmen drove a car packed with explosives at the gate of an army barracks in Zaria "
        "early on Monday, killing two soldiers, the army said.\n\n"
        "The day before, gunmen attacked a police station in Giwa, killing three officers, according to a police "
        "source.\n"
    )
    found = events(nlp, text, date(2023, 5, 9), accept=False)
    giwa = [e for e in found if e.place is not None and "Giwa" in e.place.location]
    assert giwa and giwa[0].event_date == date(2023, 5, 7), seen(found)


def test_what_residents_heard_is_the_incident_told_not_another(nlp) -> None:
    text = (
        "Car bombs hit army camp\n\n"
        "MAIDUGURI, 9 May 2023 - Militants drove a car packed with explosives at the gate of an army camp in Monguno "
        "at dawn on Monday, the army said.\n\n"
        "Residents of Monguno said they were woken at about 5 a.m. by a loud explosion followed by gunfire that "
        "lasted for an hour.\n"
    )
    found = events(nlp, text, date(2023, 5, 9), accept=False)
    assert len(found) == 1 and found[0].event_type == "Explosions/Remote violence", seen(found)


def test_a_telling_of_the_soldiers_hit_does_not_make_them_the_doers(nlp) -> None:
    text = (
        "Army base attacked\n\n"
        "NIAMEY, 10 March 2023 - Jihadist fighters drove two vehicles packed with explosives at an army camp in "
        "Tillaberi at dawn on Thursday, the army said.\n\n"
        "Two soldiers were killed and nine were wounded in the attack, the army said in a statement on Thursday "
        "evening.\n\n"
        "The Islamic State Sahel Province said in a message posted online that its fighters had carried out the "
        "attack.\n"
    )
    found = events(nlp, text, date(2023, 3, 10), accept=False)
    blast = [e for e in found if e.event_type == "Explosions/Remote violence"]
    assert blast and blast[0].actor1 and not blast[0].actor1.startswith("Military Forces"), seen(found)
    # the state's forces named on the event's day with that day's government period (Niger: 2023- from 26 July 2023;
    # in March 2023 the period before it)
    assert blast[0].actor2 is None or "(2023-)" not in blast[0].actor2, seen(found)
