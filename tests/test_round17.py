"""Round 17: a sentence that sets its own scene in another country (own text, no corpus text)."""

from __future__ import annotations

from datetime import date

from warlog.extract.frames import extract_report
from warlog.model import Report


def _events(nlp, text: str, published: date):
    return extract_report(Report(text=text, published=published), nlp).mentions


def _seen(events) -> list[tuple]:
    return [(e.place.location if e.place else None, e.place.country if e.place else None, e.sub_event_type)
            for e in events]  # fmt: skip


def test_a_sentence_set_in_another_country_keeps_its_place(nlp) -> None:
    text = (
        "Strike on a family home kills 12 in Gaza City\n"
        "Published 20 October 2023\n\n"
        "GAZA CITY - An Israeli air strike on a family home in Gaza City killed at least 12 people on Thursday, the "
        "health ministry said.\n\n"
        "In Iraq, a roadside bomb killed three soldiers in Baghdad's Abu Ghraib district on Thursday, security "
        "sources said.\n"
    )
    events = _events(nlp, text, date(2023, 10, 20))
    bomb = [e for e in events if e.sub_event_type == "Remote explosive/landmine/IED"]
    assert bomb and bomb[0].place is not None and bomb[0].place.country == "Iraq", _seen(events)
    assert "Israel" not in (bomb[0].actor2 or ""), bomb[0].actor2


def test_a_country_named_as_a_side_does_not_move_the_place(nlp) -> None:
    text = (
        "Shells hit displacement camps west of Goma\n"
        "Published 4 May 2024\n\n"
        "GOMA - Shells struck two camps for displaced people at Mugunga, west of Goma, on Friday, killing 12 people, "
        "the army said, blaming the Rwanda-backed M23 rebels whose positions lie to the north.\n"
    )
    events = _events(nlp, text, date(2024, 5, 4))
    assert events and all(e.place is not None and e.place.country != "Rwanda" for e in events), _seen(events)


def test_a_live_blog_day_heading_dates_its_entries(nlp) -> None:
    text = (
        "LIVE: unrest spreads across the country\n"
        "9 March 2023 - (live blog; entries in chronological order)\n\n"
        "Tuesday 7 March\n\n"
        "10:05 - In Gyumri, protesters tore down the statue of the former governor this afternoon, witnesses said.\n\n"
        "Thursday 9 March\n\n"
        "09:30 - Crowds gathered again outside the ministry in Yerevan this morning.\n"
    )
    events = _events(nlp, text, date(2023, 3, 9))
    gyumri = [e for e in events if e.place is not None and e.place.location == "Gyumri"]
    assert gyumri and str(gyumri[0].event_date) == "2023-03-07", [(str(e.event_date), *_seen([e])[0]) for e in events]


def test_the_national_parliament_is_in_the_capital_the_dateline_names(nlp) -> None:
    text = (
        "Budget anger boils over\n"
        "LIMA, 12 June 2021 - (national desk)\n"
        "Dozens of hooded youths smashed their way into the Congress building yesterday and set fire to offices on the "
        "ground floor, before riot police drove them back with tear gas.\n\n"
        "In Arequipa, several hundred people marched peacefully through the city centre.\n"
    )
    events = _events(nlp, text, date(2021, 6, 12))
    riot = [e for e in events if e.event_type == "Riots"]
    assert riot and riot[0].place is not None and riot[0].place.location.startswith("Lima"), _seen(events)


def test_police_firing_tear_gas_into_a_crowd_is_no_battle(nlp) -> None:
    text = (
        "Teachers' march broken up in the capital\n"
        "Published 3 May 2022\n\n"
        "NAIROBI - Anti-riot police advanced on the square on Monday and fired tear gas into the crowd of striking "
        "teachers, who fled into side streets, witnesses said.\n"
    )
    events = _events(nlp, text, date(2022, 5, 3))
    assert events and not any(e.event_type == "Battles" for e in events), _seen(events)
