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
