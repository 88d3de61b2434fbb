"""Read-only endpoints behind the web map's analyst panels: totals of the filtered view, a time series by event type,
breakdowns by admin-1 unit and actor, the pick-lists (admin-1 units, sub-event types), and one event's reports side
by side with its flags in words.

Every figure is computed in SQL over the same filtered, reviewed rows as /api/events (store.query), so the panels add
up to the table and the CSV.
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from fastapi import APIRouter, HTTPException, Request

from warlog.api.app import Filter, Reader
from warlog.flags import describe_flag, is_contradiction
from warlog.store.query import EventFilter, _dialect, _parts, event_detail
from warlog.store.schema import event_sources

router = APIRouter(tags=["panels"])
TOP = 15
COLUMNS = ("id", "event_date", "event_type", "sub_event_type", "admin1", "country", "actor1", "actor2",
           "fatalities", "fatalities_min", "fatalities_max")  # fmt: skip


def _matching(f: EventFilter, dialect: str) -> sa.Subquery:
    """The matching events' effective (reviewed) values of COLUMNS, as one subquery."""
    arms = [
        arm.with_only_columns(*(colfn(c).label(c) for c in COLUMNS)) for arm, colfn in _parts(f, dialect, per_row=False)
    ]
    return (arms[0] if len(arms) == 1 else sa.union_all(*arms)).subquery("matching")


def summary(engine: sa.Engine, f: EventFilter, top: int = TOP) -> dict[str, Any]:
    """Totals, series by day and type, and the top admin-1 units and actors of the matching events."""
    with engine.connect() as conn:
        m = _matching(f, _dialect(conn))
        deaths = sa.func.coalesce(sa.func.sum(m.c.fatalities), 0)
        low = sa.func.coalesce(sa.func.sum(sa.func.coalesce(m.c.fatalities_min, m.c.fatalities)), 0)
        high = sa.func.coalesce(sa.func.sum(sa.func.coalesce(m.c.fatalities_max, m.c.fatalities)), 0)
        n, dead, lo, hi = conn.execute(sa.select(sa.func.count(), deaths, low, high).select_from(m)).one()
        outlets = conn.execute(
            sa.select(sa.func.count(sa.distinct(event_sources.c.outlet))).where(
                event_sources.c.event_id.in_(sa.select(m.c.id))
            )
        ).scalar_one()
        series = conn.execute(
            sa.select(m.c.event_date, m.c.event_type, sa.func.count(), deaths)
            .where(m.c.event_date.is_not(None))
            .group_by(m.c.event_date, m.c.event_type)
            .order_by(m.c.event_date)
        ).all()
        by_admin1 = conn.execute(
            sa.select(m.c.admin1, m.c.country, sa.func.count().label("n"), deaths.label("d"))
            .group_by(m.c.admin1, m.c.country)
            .order_by(sa.desc("n"), sa.desc("d"), m.c.admin1)
            .limit(top)
        ).all()
        actors = sa.union_all(
            sa.select(m.c.id, m.c.actor1.label("actor"), m.c.fatalities).where(m.c.actor1.is_not(None)),
            sa.select(m.c.id, m.c.actor2.label("actor"), m.c.fatalities).where(m.c.actor2.is_not(None)),
        ).subquery("actors")
        by_actor = conn.execute(
            sa.select(
                actors.c.actor,
                sa.func.count(sa.distinct(actors.c.id)).label("n"),
                sa.func.coalesce(sa.func.sum(actors.c.fatalities), 0).label("d"),
            )
            .where(actors.c.actor != "")
            .group_by(actors.c.actor)
            .order_by(sa.desc("n"), sa.desc("d"), actors.c.actor)
            .limit(top)
        ).all()
    return {
        "totals": {
            "events": int(n),
            "fatalities": int(dead),
            "fatalities_min": int(lo),
            "fatalities_max": int(hi),
            "sources": int(outlets),
        },
        "series": [{"day": _iso(d), "event_type": t, "events": int(c), "fatalities": int(x)} for d, t, c, x in series],
        "by_admin1": [{"admin1": a, "country": c, "events": int(k), "fatalities": int(x)} for a, c, k, x in by_admin1],
        "by_actor": [{"actor": a, "events": int(k), "fatalities": int(x)} for a, k, x in by_actor],
    }


def options(engine: sa.Engine, f: EventFilter) -> dict[str, Any]:
    """Values for the pick-lists: admin-1 units (with country and count) and sub-event types present."""
    with engine.connect() as conn:
        m = _matching(f, _dialect(conn))
        admin1 = conn.execute(
            sa.select(m.c.admin1, m.c.country, sa.func.count())
            .where(m.c.admin1.is_not(None), m.c.admin1 != "")
            .group_by(m.c.admin1, m.c.country)
            .order_by(m.c.admin1)
        ).all()
        subs = conn.execute(
            sa.select(m.c.event_type, m.c.sub_event_type, sa.func.count())
            .where(m.c.sub_event_type.is_not(None))
            .group_by(m.c.event_type, m.c.sub_event_type)
            .order_by(m.c.event_type, m.c.sub_event_type)
        ).all()
    return {
        "admin1": [{"admin1": a, "country": c, "events": int(n)} for a, c, n in admin1],
        "sub_event_types": [{"event_type": t, "sub_event_type": s, "events": int(n)} for t, s, n in subs],
    }


def comparison(engine: sa.Engine, event_id: str) -> dict[str, Any] | None:
    """One event's reports side by side (what each said: date, place, perpetrator, toll) and its flags in words."""
    d = event_detail(engine, event_id)
    if d is None or "reports" not in d:
        return d
    fields = ("event_date", "location", "actor1", "fatalities")
    rows = []
    for r in d["reports"]:
        row = {k: r.get(k) for k in ("report_id", "mention_id", "outlet", "source", "text_group", "published", "title")}
        row.update({k: r.get(k) for k in fields})
        ev = r.get("evidence") or []
        row["evidence"] = ev[0]["text"] if ev else None
        rows.append(row)
    differs = {k: len({str(r[k]) for r in rows}) > 1 for k in fields}
    flags = [{"flag": f, "text": describe_flag(f), "contradiction": is_contradiction(f)} for f in d.get("flags") or []]
    return {
        "id": d["id"],
        "event": {k: d.get(k) for k in (*fields, "fatalities_min", "fatalities_max", "n_sources", "review_status")},
        "reports": rows,
        "differs": differs,
        "flags": flags,
    }


def _iso(value: Any) -> str | None:
    if value is None:
        return None
    return value.isoformat() if hasattr(value, "isoformat") else str(value)[:10]


@router.get("/api/panels/summary")
def get_summary(request: Request, who: Reader, f: Filter) -> dict[str, Any]:
    """Totals (events, fatalities with the reported range, outlets), events and deaths per day and type, and the top
    admin-1 units and actors of the filtered view."""
    return summary(request.app.state.store.engine, f)


@router.get("/api/panels/options")
def get_options(request: Request, who: Reader, f: Filter) -> dict[str, Any]:
    """Admin-1 units and sub-event types among the matching events, for the filters' pick-lists."""
    return options(request.app.state.store.engine, f)


@router.get("/api/events/{event_id}/comparison")
def get_comparison(request: Request, who: Reader, event_id: str) -> dict[str, Any]:
    """The event's reports side by side, which fields differ between them, and its flags in words."""
    d = comparison(request.app.state.store.engine, event_id[:40])
    if d is None:
        raise HTTPException(404, f"no event {event_id[:40]}")
    return d
