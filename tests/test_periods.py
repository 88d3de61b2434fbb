"""Government periods in ACLED state-forces names, moved to the day of the event."""

from __future__ import annotations

from datetime import date

from warlog.extract.actors import canonical_actor
from warlog.extract.frames import _date_actors
from warlog.extract.periods import dated_actor, period_on
from warlog.model import Mention


def test_the_period_follows_the_day() -> None:
    us = "Military Forces of the United States (2017-2021)"
    assert dated_actor(us, date(2017, 1, 10)) == "Military Forces of the United States (2009-2017)"
    assert dated_actor(us, date(2019, 6, 1)) == us
    # a later change of government closes the period (data/government_changes.csv; ACLED renames past events too)
    assert dated_actor(us, date(2022, 3, 1)) == "Military Forces of the United States (2021-2025)"
    assert dated_actor(us, date(2025, 4, 17)) == "Military Forces of the United States (2025-)"
    # a year two periods share: the later one from the first day ACLED used it
    assert period_on("IQ", date(2018, 6, 1)) == "2014-2018"
    assert period_on("IQ", date(2018, 12, 1)) == "2018-2020"


def test_a_unit_keeps_its_suffix_and_police_share_the_period() -> None:
    pmf = "Military Forces of Iraq (2018-) Popular Mobilization Forces"
    assert dated_actor(pmf, date(2021, 5, 1)) == "Military Forces of Iraq (2020-2022) Popular Mobilization Forces"
    assert dated_actor("Police Forces of Israel (2009-)", date(2023, 2, 1)) == "Police Forces of Israel (2022-)"


def test_names_without_a_known_period_stay() -> None:
    haftar = "Military Forces of Libya (2014-) Haftar Faction"  # two governments at once: the period is a faction's
    assert dated_actor(haftar, date(2022, 1, 1)) == haftar
    assert dated_actor("Civilians (Syria)", date(2022, 1, 1)) == "Civilians (Syria)"
    assert dated_actor("Military Forces of Iceland (2000-)", date(2022, 1, 1)) == "Military Forces of Iceland (2000-)"
    assert dated_actor("Military Forces of Iraq (2018-)", None) == "Military Forces of Iraq (2018-)"


def test_forces_without_a_day_take_the_2020_period_from_the_table() -> None:
    assert canonical_actor("police", "Guatemala") == "Police Forces of Guatemala (2020-)"


def test_an_events_actors_are_dated() -> None:
    m = Mention(
        report_id="r",
        event_date=date(2023, 3, 1),
        actor1="Military Forces of Israel (2009-)",
        actor2="Military Forces of Syria (2000-)",
        assoc_actor_1="Police Forces of Israel (2009-); Hezbollah",
    )
    _date_actors(m)
    assert m.actor1 == "Military Forces of Israel (2022-)"
    assert m.actor2 == "Military Forces of Syria (2000-)"
    assert m.assoc_actor_1 == "Police Forces of Israel (2022-); Hezbollah"


def test_changes_of_government_after_the_exports() -> None:
    mm = "Military Forces of Myanmar (2016-)"
    assert dated_actor(mm, date(2020, 12, 1)) == "Military Forces of Myanmar (2016-2021)"
    assert dated_actor(mm, date(2022, 10, 23)) == "Military Forces of Myanmar (2021-)"
    mali = "Military Forces of Mali (2013-)"
    assert dated_actor(mali, date(2021, 3, 1)) == "Military Forces of Mali (2020-2021)"
    assert dated_actor(mali, date(2021, 6, 1)) == "Military Forces of Mali (2021-)"
    assert period_on("NE", date(2023, 7, 1)) == "2011-2023" and period_on("NE", date(2023, 8, 1)) == "2023-"
