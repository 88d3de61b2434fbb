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
from fastapi.responses import Response

from warlog.api.cache import cached_response
from warlog.api.params import Filter, Reader
from warlog.flags import describe_flag, is_contradiction
from warlog.store.query import EventFilter, base_col, count_parts, dialect_of, event_detail, select_parts
from warlog.store.schema import event_sources

router = APIRouter(tags=["panels"])
TOP = 15
MAX_OUTLET_EVENTS = 50_000  # count the outlets behind at most this many events (about 1 s on SQLite)
COLUMNS = ("id", "event_date", "event_type", "sub_event_type", "admin1", "country", "actor1", "actor2",
           "fatalities", "fatalities_min", "fatalities_max")  # fmt: skip


def _matching(f: EventFilter, dialect: str) -> sa.Subquery:
    """The matching events' effective (reviewed) values of COLUMNS, as one subquery."""
    arms = [
        arm.with_only_columns(*(colfn(c).label(c) for c in COLUMNS))
        for arm, colfn in select_parts(f, dialect, per_row=False)
    ]
    return (arms[0] if len(arms) == 1 else sa.union_all(*arms)).subquery("matching")


def _grouped(
    conn: sa.Connection, f: EventFilter, keys: tuple[str, ...], where: Any = None, keep_empty: bool = False
) -> dict[tuple, list[int]]:
    """{key values: [events, deaths, lowest, highest]} of the matching events grouped by these columns (none: one
    total row), summed over store.query's signed parts: the bulk is read from the events table's own columns and
    indexes, reviewed events are taken out and added back with their reviewed values (as /api/stats does). Groups
    whose signed count comes to 0 are left out unless keep_empty (their sums are 0 too: the same events were taken
    out as were counted)."""
    acc: dict[tuple, list[int]] = {}
    for sign, frm, colfn, conds in count_parts(f, dialect_of(conn)):
        d = colfn("fatalities")
        # an expression, not the bare column, on the machine's columns: SQLite then scans once and sorts instead of
        # walking the column's index with a row read per event (as store.query.stats does)
        cols = [(sa.func.coalesce(colfn(k), colfn(k)) if colfn is base_col else colfn(k)).label(k) for k in keys]
        aggs = [
            sa.func.count(),
            sa.func.coalesce(sa.func.sum(d), 0),
            sa.func.coalesce(sa.func.sum(sa.func.coalesce(colfn("fatalities_min"), d)), 0),
            sa.func.coalesce(sa.func.sum(sa.func.coalesce(colfn("fatalities_max"), d)), 0),
        ]
        extra = [] if where is None else [where(colfn)]
        q = sa.select(*cols, *aggs).select_from(frm).where(*conds, *extra)
        if keys:
            q = q.group_by(*cols)
        for row in conn.execute(q):
            slot = acc.setdefault(tuple(row[: len(keys)]), [0, 0, 0, 0])
            for i, v in enumerate(row[len(keys) :]):
                slot[i] += sign * int(v or 0)
    return acc if keep_empty else {k: v for k, v in acc.items() if v[0] > 0}


def _top(acc: dict[tuple, list[int]], top: int) -> list[tuple[tuple, list[int]]]:
    return sorted(acc.items(), key=lambda kv: (-kv[1][0], -kv[1][1], str(kv[0])))[:top]


def _add(acc: dict[tuple, list[int]], key: tuple, v: list[int], sign: int = 1) -> None:
    slot = acc.setdefault(key, [0] * len(v))
    for i, x in enumerate(v):
        slot[i] += sign * x


def summary(engine: sa.Engine, f: EventFilter, top: int = TOP) -> dict[str, Any]:
    """Totals, series by day and type, and the top admin-1 units and actors of the matching events.

    Two grouped reads of the matching rows instead of one per figure: (day, type) gives the series and, summed, the
    totals (events without a date included); (admin-1, country, actor1, actor2) gives the admin-1 units and, summed
    per side, the actors (an event with the same actor on both sides counted once). The same sums as grouping by
    each figure on its own, a third of the scans (1.4 -> 0.5 s CPU for 300k events on SQLite)."""
    with engine.connect() as conn:
        days_types = _grouped(conn, f, ("event_date", "event_type"), keep_empty=True)
        total = [0, 0, 0, 0]
        for v in days_types.values():
            for i, x in enumerate(v):
                total[i] += x
        n, dead, lo, hi = total if total[0] > 0 else [0, 0, 0, 0]
        series = {k: v for k, v in days_types.items() if k[0] is not None and v[0] > 0}
        outlets = None  # over very many events the distinct outlets cost seconds: left uncounted (shown as such)
        if n <= MAX_OUTLET_EVENTS:
            m = _matching(f, dialect_of(conn))
            outlets = conn.execute(
                sa.select(sa.func.count(sa.distinct(event_sources.c.outlet))).where(
                    event_sources.c.event_id.in_(sa.select(m.c.id))
                )
            ).scalar_one()
        places_actors = _grouped(conn, f, ("admin1", "country", "actor1", "actor2"))
    by_admin1: dict[tuple, list[int]] = {}
    # an actor counts each event once, on either side (an event with the same actor on both sides is taken off)
    actors: dict[tuple, list[int]] = {}
    for (admin1, country, a1, a2), v in places_actors.items():
        _add(by_admin1, (admin1, country), v[:2])
        if a1 is not None:
            _add(actors, (a1,), v[:2])
        if a2 is not None and a2 != a1:
            _add(actors, (a2,), v[:2])
    by_admin1 = {k: v for k, v in by_admin1.items() if v[0] > 0}
    by_actor = _top({a: v for a, v in actors.items() if a[0] and v[0] > 0}, top)
    days = sorted(series.items(), key=lambda kv: (_iso(kv[0][0]) or "", str(kv[0][1])))
    return {
        "totals": {
            "events": n,
            "fatalities": dead,
            "fatalities_min": lo,
            "fatalities_max": hi,
            "sources": None if outlets is None else int(outlets),
        },
        "series": [{"day": _iso(d), "event_type": t, "events": v[0], "fatalities": v[1]} for (d, t), v in days],
        "by_admin1": [
            {"admin1": a, "country": c, "events": v[0], "fatalities": v[1]} for (a, c), v in _top(by_admin1, top)
        ],
        "by_actor": [{"actor": a, "events": v[0], "fatalities": v[1]} for (a,), v in by_actor],
    }


def options(engine: sa.Engine, f: EventFilter) -> dict[str, Any]:
    """Values for the pick-lists: admin-1 units (with country and count) and sub-event types present."""
    with engine.connect() as conn:
        m = _matching(f, dialect_of(conn))
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
def get_summary(request: Request, who: Reader, f: Filter) -> Response:
    """Totals (events, fatalities with the reported range, outlets), events and deaths per day and type, and the top
    admin-1 units and actors of the filtered view (kept until the data changes: warlog.api.cache)."""
    return cached_response(request, lambda: summary(request.app.state.store.engine, f))


@router.get("/api/panels/options")
def get_options(request: Request, who: Reader, f: Filter) -> Response:
    """Admin-1 units and sub-event types among the matching events, for the filters' pick-lists (kept until the
    data changes)."""
    return cached_response(request, lambda: options(request.app.state.store.engine, f))


@router.get("/api/events/{event_id}/comparison")
def get_comparison(request: Request, who: Reader, event_id: str) -> dict[str, Any]:
    """The event's reports side by side, which fields differ between them, and its flags in words."""
    d = comparison(request.app.state.store.engine, event_id[:40])
    if d is None:
        raise HTTPException(404, f"no event {event_id[:40]}")
    return d
