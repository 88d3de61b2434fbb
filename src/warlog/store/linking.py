"""Reads and writes for linked events, the reports behind them, reference records and report credibility.

Functions take a Store (writes go through its write transaction) or its engine; SQLAlchemy Core, bound parameters.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Mapping
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from warlog.countries import iso2_from_alpha3
from warlog.geometry import bounding_box, haversine_km
from warlog.model import Mention
from warlog.store.rows import mention_from_row
from warlog.store.schema import (
    event_sources,
    events,
    mentions,
    reference_events,
    reference_matches,
    report_credibility,
    reports,
)

if TYPE_CHECKING:
    from warlog.store.db import Store

_CHUNK = 500


def _chunks(ids: list[str], n: int = _CHUNK) -> Iterable[list[str]]:
    """Slices of at most n ids, for IN (...) lists."""
    for i in range(0, len(ids), n):
        yield ids[i : i + n]


# ---------------------------------------------------------------------------------------------------------------------
# mentions to link


def _mention_select() -> sa.Select:
    """Mentions with their report's outlet and publication date."""
    return sa.select(mentions, reports.c.outlet, reports.c.published).join(
        reports, mentions.c.report_id == reports.c.id
    )


def _rows_to_mentions(rows: Iterable[Mapping[str, Any]]) -> list[tuple[Mention, dict[str, Any]]]:
    """(Mention, {event_id, outlet, published}) pairs from joined rows."""
    out = []
    for r in rows:
        out.append(
            (mention_from_row(r), {"event_id": r["event_id"], "outlet": r["outlet"], "published": r["published"]})
        )
    return out


def unlinked_mentions(engine: Engine) -> list[tuple[Mention, dict[str, Any]]]:
    """Mentions that no event holds yet."""
    with engine.connect() as conn:
        rows = conn.execute(_mention_select().where(mentions.c.event_id.is_(None))).mappings().all()
    return _rows_to_mentions(rows)


def linked_mentions(
    engine: Engine, since: date | None = None, until: date | None = None
) -> list[tuple[Mention, dict[str, Any]]]:
    """Mentions already in events, dated within [since, until] when given (the window new mentions may join)."""
    q = _mention_select().where(mentions.c.event_id.is_not(None), mentions.c.event_date.is_not(None))
    if since is not None:
        q = q.where(mentions.c.event_date >= since)
    if until is not None:
        q = q.where(mentions.c.event_date <= until)
    q = q.order_by(mentions.c.event_date, mentions.c.id)
    with engine.connect() as conn:
        return _rows_to_mentions(conn.execute(q).mappings().all())


def members_of(engine: Engine, event_ids: Iterable[str]) -> dict[str, list[tuple[Mention, dict[str, Any]]]]:
    """Every member mention of these events with its report's outlet, publication date and text."""
    out: dict[str, list[tuple[Mention, dict[str, Any]]]] = defaultdict(list)
    q0 = sa.select(mentions, reports.c.outlet, reports.c.published, reports.c.text.label("report_text")).join(
        reports, mentions.c.report_id == reports.c.id
    )
    with engine.connect() as conn:
        for chunk in _chunks(sorted(set(event_ids))):
            for r in conn.execute(q0.where(mentions.c.event_id.in_(chunk)).order_by(mentions.c.id)).mappings():
                info = {"outlet": r["outlet"], "published": r["published"], "text": r["report_text"]}
                out[r["event_id"]].append((mention_from_row(r), info))
    return dict(out)


def assign_events(store: Store, assignment: Mapping[str, str]) -> None:
    """Set mentions.event_id for each mention id -> event id."""
    if not assignment:
        return
    with store._write() as conn:
        stmt = sa.update(mentions).where(mentions.c.id == sa.bindparam("mid")).values(event_id=sa.bindparam("eid"))
        conn.execute(stmt, [{"mid": m, "eid": e} for m, e in assignment.items()])


def clear_links(store: Store) -> None:
    """Forget every event (for a rebuild): mentions unassigned, event tables emptied."""
    with store._write() as conn:
        conn.execute(sa.update(mentions).values(event_id=None))
        for t in (reference_matches, event_sources, events, report_credibility):
            conn.execute(sa.delete(t))


def write_events(store: Store, rows: list[dict[str, Any]], sources: list[dict[str, Any]]) -> None:
    """Replace these events' rows and their source rows in one transaction."""
    ids = [r["id"] for r in rows]
    now = datetime.now(UTC).replace(tzinfo=None)
    with store._write() as conn:
        for chunk in _chunks(ids):
            conn.execute(sa.delete(event_sources).where(event_sources.c.event_id.in_(chunk)))
            conn.execute(sa.delete(events).where(events.c.id.in_(chunk)))
        if rows:
            conn.execute(sa.insert(events), [{**r, "updated_at": now} for r in rows])
        if sources:
            conn.execute(sa.insert(event_sources), sources)


def has_events(engine: Engine) -> bool:
    """Whether linking has written any event."""
    with engine.connect() as conn:
        return conn.execute(sa.select(events.c.id).limit(1)).first() is not None


# ---------------------------------------------------------------------------------------------------------------------
# reading events


def _iso(value: Any) -> str | None:
    """A date as ISO text, None stays None."""
    return value.isoformat() if isinstance(value, date | datetime) else value


def _sources_by_event(conn: sa.Connection, ids: list[str]) -> dict[str, list[dict[str, Any]]]:
    """Each event's source rows joined to the mention evidence and the report's title, url and publication date."""
    out: dict[str, list[dict[str, Any]]] = defaultdict(list)
    q0 = (
        sa.select(
            event_sources,
            reports.c.title,
            reports.c.url,
            reports.c.published,
            mentions.c.evidence,
            mentions.c.event_date,
            mentions.c.location,
            mentions.c.actor1,
        )
        .join(reports, event_sources.c.report_id == reports.c.id)
        .join(mentions, event_sources.c.mention_id == mentions.c.id)
    )
    for chunk in _chunks(ids):
        q = q0.where(event_sources.c.event_id.in_(chunk)).order_by(reports.c.published, event_sources.c.mention_id)
        for r in conn.execute(q).mappings():
            d = dict(r)
            d["published"] = _iso(d["published"])
            d["event_date"] = _iso(d["event_date"])
            ev = d.get("evidence")
            d["evidence"] = json.loads(ev) if isinstance(ev, str) else ev
            out[d["event_id"]].append(d)
    return out


def event_dict(row: Mapping[str, Any], srcs: list[dict[str, Any]]) -> dict[str, Any]:
    """An events row as the flat dict Store.events() returns: ACLED fields, sources, ranges, flags and members."""
    d = dict(row)
    d.pop("updated_at", None)
    d["event_date"] = _iso(d["event_date"])
    d["event_id"] = d["id"]
    first = next((s for s in srcs if s["mention_id"] == d.get("first_mention_id")), srcs[0] if srcs else None)
    evidence: list[dict[str, Any]] = []
    seen: set[str] = set()
    for s in srcs:
        for e in s.get("evidence") or []:
            if e["text"] not in seen and len(evidence) < 3:
                seen.add(e["text"])
                evidence.append(e)
    d["evidence"] = evidence
    d["sources"] = list(d.get("sources") or [])
    d["flags"] = list(d.get("flags") or [])
    d["figures"] = dict(d.get("figures") or {})
    d["outlet"] = "; ".join(d["sources"])
    d["report_id"] = first["report_id"] if first else None
    d["title"] = first["title"] if first else None
    d["url"] = first["url"] if first else None
    d["published"] = first["published"] if first else None
    d["mention_ids"] = [s["mention_id"] for s in srcs]
    d["report_ids"] = sorted({s["report_id"] for s in srcs})
    d["unresolved_places"] = []
    d["reports"] = [
        {
            k: s.get(k)
            for k in (
                "report_id",
                "mention_id",
                "outlet",
                "source",
                "text_group",
                "title",
                "url",
                "published",
                "event_date",
                "location",
                "actor1",
                "fatalities",
                "link_score",
                "link_reason",
                "evidence",
            )
        }
        for s in srcs
    ]
    return d


def _filtered(q: sa.Select, filters: Mapping[str, Any]) -> sa.Select:
    """Apply Store.events()'s filters to a select over `events`."""

    country = filters.get("country")
    if country:
        c = country.strip().lower()
        conds = [sa.func.lower(events.c.country) == c, sa.func.lower(events.c.iso) == c]
        iso2 = iso2_from_alpha3(country.strip())
        if iso2:
            conds.append(events.c.iso == iso2)
        q = q.where(sa.or_(*conds))
    if filters.get("since") is not None:
        q = q.where(events.c.event_date >= filters["since"])
    if filters.get("until") is not None:
        q = q.where(events.c.event_date <= filters["until"])
    if filters.get("event_type"):
        t = filters["event_type"].strip().lower()
        q = q.where(sa.or_(sa.func.lower(events.c.event_type) == t, sa.func.lower(events.c.sub_event_type) == t))
    if filters.get("report_id") is not None:
        sub = sa.select(event_sources.c.event_id).where(event_sources.c.report_id == filters["report_id"])
        q = q.where(events.c.id.in_(sub))
    near = filters.get("near")
    if near is not None:
        lat_min, lat_max, lon_ranges = bounding_box(near[0], near[1], float(filters["km"]))
        q = q.where(events.c.latitude.is_not(None), events.c.latitude.between(lat_min, lat_max))
        if lon_ranges is not None:
            q = q.where(sa.or_(*(events.c.longitude.between(a, b) for a, b in lon_ranges)))
    return q


def query_events(
    engine: Engine,
    *,
    country: str | None = None,
    since: date | None = None,
    until: date | None = None,
    event_type: str | None = None,
    near: tuple[float, float] | None = None,
    km: float | None = None,
    limit: int | None = None,
    offset: int = 0,
    report_id: str | None = None,
) -> list[dict[str, Any]]:
    """Linked events, filtered like Store.events(), sorted by event_date (unknown last) then id."""

    if near is not None and (km is None or km < 0):
        raise ValueError("near= needs a non-negative km=")
    filters = {"country": country, "since": since, "until": until, "event_type": event_type}
    filters.update({"near": near, "km": km, "report_id": report_id})
    q = _filtered(sa.select(events), filters)
    q = q.order_by(sa.case((events.c.event_date.is_(None), 1), else_=0), events.c.event_date, events.c.id)
    if near is None:
        if offset:
            q = q.offset(offset)
        if limit is not None:
            q = q.limit(limit)
    with engine.connect() as conn:
        rows = conn.execute(q).mappings().all()
        if near is not None:
            rows = [r for r in rows if haversine_km(near[0], near[1], r["latitude"], r["longitude"]) <= km]
            rows = rows[offset : offset + limit if limit is not None else None]
        srcs = _sources_by_event(conn, [r["id"] for r in rows])
    return [event_dict(r, srcs.get(r["id"], [])) for r in rows]


def events_by_id(engine: Engine, ids: list[str]) -> list[dict[str, Any]]:
    """Linked events by id (as query_events gives them), read in chunks: one query per chunk, not per event."""
    out: list[dict[str, Any]] = []
    with engine.connect() as conn:
        for chunk in _chunks(ids):
            rows = conn.execute(sa.select(events).where(events.c.id.in_(chunk))).mappings().all()
            srcs = _sources_by_event(conn, [r["id"] for r in rows])
            out.extend(event_dict(r, srcs.get(r["id"], [])) for r in rows)
    return out


def get_linked_event(engine: Engine, event_id: str) -> dict[str, Any] | None:
    """One linked event by its id, or by the id of any mention it holds; None when unknown."""
    with engine.connect() as conn:
        row = conn.execute(sa.select(events).where(events.c.id == event_id)).mappings().first()
        if row is None:
            eid = conn.execute(sa.select(mentions.c.event_id).where(mentions.c.id == event_id)).scalar()
            if eid is None:
                return None
            row = conn.execute(sa.select(events).where(events.c.id == eid)).mappings().first()
            if row is None:
                return None
        srcs = _sources_by_event(conn, [row["id"]])
        cred = conn.execute(
            sa.select(report_credibility).where(
                report_credibility.c.report_id.in_({s["report_id"] for s in srcs[row["id"]]})
            )
        ).mappings()
        creds = {c["report_id"]: _corroboration(c["reasons"]) for c in cred}
        refs = conn.execute(
            sa.select(reference_matches, reference_events)
            .join(reference_events, reference_matches.c.reference_id == reference_events.c.id)
            .where(reference_matches.c.event_id == row["id"])
        ).mappings()
        ref_list = [{**dict(r), "event_date": _iso(r["event_date"]), "date_end": _iso(r["date_end"])} for r in refs]
    d = event_dict(row, srcs.get(row["id"], []))
    for rep in d["reports"]:
        rep["corroboration"] = creds.get(rep["report_id"])
    d["references"] = ref_list
    return d


def event_stats(engine: Engine) -> tuple[int, int]:
    """(number of linked events, sum of their reconciled fatalities)."""
    with engine.connect() as conn:
        n, deaths = conn.execute(
            sa.select(sa.func.count(), sa.func.coalesce(sa.func.sum(events.c.fatalities), 0))
        ).one()
    return int(n), int(deaths)


# ---------------------------------------------------------------------------------------------------------------------
# reference records and credibility


def save_reference(store: Store, rows: list[dict[str, Any]]) -> int:
    """Insert or replace reference events (by id); returns how many were written."""
    if not rows:
        return 0
    rows = list({r["id"]: r for r in rows}.values())  # a record repeated in the file: the last one wins
    with store._write() as conn:
        for chunk in _chunks([r["id"] for r in rows]):
            conn.execute(sa.delete(reference_events).where(reference_events.c.id.in_(chunk)))
        conn.execute(sa.insert(reference_events), rows)
    return len(rows)


def reference_between(engine: Engine, since: date, until: date) -> list[dict[str, Any]]:
    """Reference events whose date span touches [since, until]."""
    end = sa.func.coalesce(reference_events.c.date_end, reference_events.c.event_date)
    q = sa.select(reference_events).where(reference_events.c.event_date <= until, end >= since)
    with engine.connect() as conn:
        return [dict(r) for r in conn.execute(q).mappings()]


def count_reference(engine: Engine) -> int:
    """How many reference events are stored."""
    with engine.connect() as conn:
        return int(conn.execute(sa.select(sa.func.count()).select_from(reference_events)).scalar_one())


def save_matches(store: Store, event_ids: list[str], rows: list[dict[str, Any]]) -> None:
    """Replace the reference matches of these events."""
    with store._write() as conn:
        for chunk in _chunks(event_ids):
            conn.execute(sa.delete(reference_matches).where(reference_matches.c.event_id.in_(chunk)))
        if rows:
            conn.execute(sa.insert(reference_matches), rows)


def matches_of(engine: Engine, event_ids: list[str]) -> dict[str, list[dict[str, Any]]]:
    """Each event's reference matches with the reference record's figures."""
    out: dict[str, list[dict[str, Any]]] = defaultdict(list)
    q0 = sa.select(reference_matches, reference_events.c.fatalities, reference_events.c.dataset).join(
        reference_events, reference_matches.c.reference_id == reference_events.c.id
    )
    with engine.connect() as conn:
        for chunk in _chunks(event_ids):
            for r in conn.execute(q0.where(reference_matches.c.event_id.in_(chunk))).mappings():
                out[r["event_id"]].append(dict(r))
    return dict(out)


def _corroboration(stored: Any) -> dict[str, Any]:
    """A report's corroboration as stored ({"counts", "reasons"}); rows from before scores were dropped held a bare
    list of weighted reasons."""
    if isinstance(stored, dict):
        return {"counts": stored.get("counts") or {}, "reasons": stored.get("reasons") or []}
    return {"counts": {}, "reasons": list(stored or [])}


def save_corroboration(store: Store, rows: list[dict[str, Any]]) -> None:
    """Replace the corroboration rows ({"report_id", "counts", "reasons"}) of these reports; the table keeps its
    first name, report_credibility, and its score column stays empty."""
    if not rows:
        return
    with store._write() as conn:
        for chunk in _chunks([r["report_id"] for r in rows]):
            conn.execute(sa.delete(report_credibility).where(report_credibility.c.report_id.in_(chunk)))
        conn.execute(
            sa.insert(report_credibility),
            [
                {
                    "report_id": r["report_id"],
                    "score": None,
                    "reasons": {"counts": r["counts"], "reasons": r["reasons"]},
                }
                for r in rows
            ],
        )


def corroboration(engine: Engine, report_ids: Iterable[str] | None = None) -> dict[str, dict[str, Any]]:
    """report id -> {counts, reasons}."""
    q = sa.select(report_credibility)
    with engine.connect() as conn:
        if report_ids is None:
            rows = list(conn.execute(q).mappings())
        else:
            rows = []
            for chunk in _chunks(sorted(set(report_ids))):
                rows.extend(conn.execute(q.where(report_credibility.c.report_id.in_(chunk))).mappings())
    return {r["report_id"]: _corroboration(r["reasons"]) for r in rows}


def event_ids_of_reports(engine: Engine, report_ids: Iterable[str]) -> dict[str, set[str]]:
    """report id -> ids of the events its mentions are in."""
    out: dict[str, set[str]] = defaultdict(set)
    with engine.connect() as conn:
        for chunk in _chunks(sorted(set(report_ids))):
            q = sa.select(mentions.c.report_id, mentions.c.event_id).where(
                mentions.c.report_id.in_(chunk), mentions.c.event_id.is_not(None)
            )
            for rid, eid in conn.execute(q):
                out[rid].add(eid)
    return dict(out)


def all_report_meta(engine: Engine) -> dict[str, dict[str, Any]]:
    """report id -> {outlet, published} for every report."""
    with engine.connect() as conn:
        q = sa.select(reports.c.id, reports.c.outlet, reports.c.published, reports.c.source_path)
        return {
            r.id: {"outlet": r.outlet, "published": r.published, "source_path": r.source_path} for r in conn.execute(q)
        }
