"""Reads and writes for linked events, the reports behind them, reference records and report corroboration.

Functions take a Store (writes go through its write transaction) or its engine; SQLAlchemy Core, bound parameters.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any, cast

import orjson
import sqlalchemy as sa
from sqlalchemy.engine import Engine

from warlog.model import Evidence, Mention, Place
from warlog.store import bulk, search
from warlog.store.query import events_by_id, get_linked_event, query_events
from warlog.store.rows import _as_date, corroboration_from_row
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

__all__ = ["events_by_id", "get_linked_event", "query_events"]  # re-exported from warlog.store.query
_CHUNK = 500


def _chunks(ids: list[str], n: int = _CHUNK) -> Iterable[list[str]]:
    """Slices of at most n ids, for IN (...) lists."""
    for i in range(0, len(ids), n):
        yield ids[i : i + n]


def empty(conn: sa.Connection, table: sa.TableClause) -> bool:
    """Whether the table holds no row (one indexed step): deleting or looking up keys in it is then nothing to do,
    as in a store's first link or a rebuild (clear_links), where each was 800-2,000 IN (...) statements at 1M."""
    return conn.execute(sa.select(sa.literal(1)).select_from(table).limit(1)).first() is None


_SCAN_MIN = 20_000  # ids asked for at or above which a read may scan the table instead


def _scan(conn: sa.Connection, table: sa.Table, asked: int) -> bool:
    """Whether reading `asked` keys of this table is cheaper as one scan filtered here than as IN (...) lists of
    _CHUNK keys: when they are a quarter of its rows or more (a whole-store link: a million mentions asked in 2,000
    statements of 500 bound keys each)."""
    if asked < _SCAN_MIN:
        return False
    return asked * 4 >= conn.execute(sa.select(sa.func.count()).select_from(table)).scalar_one()


# ---------------------------------------------------------------------------------------------------------------------
# mentions to link


# Columns read as the database gives them, without SQLAlchemy's result processors: mention_from_row parses them
# itself (date.fromisoformat, json.loads), where SQLite's date processor is a regex per value (about 3% of `warlog
# link`). PostgreSQL's driver gives dates and JSON decoded either way.
_AS_STORED = frozenset({"event_date", "evidence", "unresolved_places"})


def _mention_select() -> sa.Select:
    """Mentions with their report's outlet and publication date (dates and JSON as stored: see _AS_STORED)."""
    cols = [sa.type_coerce(c, sa.Text).label(c.name) if c.name in _AS_STORED else c for c in mentions.c]
    published = sa.type_coerce(reports.c.published, sa.Text).label("published")
    return sa.select(*cols, reports.c.outlet, published).join(reports, mentions.c.report_id == reports.c.id)


def _loads(text: str | bytes) -> Any:
    """json.loads through orjson (about 3x faster on a mention's evidence); what orjson refuses and json takes (NaN,
    Infinity, lone surrogates) goes to json.loads. One difference is left: an integer past 64 bits reads as a float
    (json: an int); the columns read here hold character offsets and place names, which never come near."""
    try:
        return orjson.loads(text)
    except orjson.JSONDecodeError:
        return json.loads(text)


def _mentions_of(result: sa.CursorResult) -> list[tuple[Mention, dict[str, Any]]]:
    """(Mention, {event_id, outlet, published}) pairs from a _mention_select() result: the same objects as
    mention_from_row and _as_date make of each row, built from the row tuples by position (a dict per row and 25
    `get` calls per mention were a tenth of `warlog link` at 1M mentions)."""
    keys = list(result.keys())
    at = {k: i for i, k in enumerate(keys)}
    i_id, i_rep, i_date, i_tp = at["id"], at["report_id"], at["event_date"], at["time_precision"]
    i_loc, i_lat, i_lon, i_gp = at["location"], at["latitude"], at["longitude"], at["geo_precision"]
    i_country, i_a1, i_a2, i_a3, i_iso, i_gaz = (at[k] for k in ("country", "admin1", "admin2", "admin3", "iso",
                                                                 "gazetteer_id"))  # fmt: skip
    i_fat, i_conf, i_ev, i_un = at["fatalities"], at["confidence"], at["evidence"], at["unresolved_places"]
    i_eid, i_outlet, i_pub = at["event_id"], at["outlet"], at["published"]
    i_dis, i_et, i_sub, i_a1c, i_as1, i_a2c, i_as2, i_in1, i_in2, i_inj, i_civ, i_chi, i_wom, i_att = (
        at[k] for k in _PLAIN
    )
    loads = _loads
    days: dict[Any, date | None] = {}  # many mentions share a date: parse each once
    # ... and their types, actors, admin names, country and outlet: one string object per value, not one per row (the
    # driver makes a new one for every column of every row; ~0.4 GB of copies at a million mentions)
    sh = cast(Callable[[Any, Any], Any], {}.setdefault)
    miss = object()
    new_place, new_evidence, new_mention = Place, Evidence, Mention

    out = []
    append = out.append
    # rows fetched in batches: the driver's tuples of one batch at a time, not of every mention at once beside the
    # objects made of them (about 0.3 GB at a million mentions)
    for r in (r for rows in result.partitions(_READ_BATCH) for r in rows):
        ev = r[i_ev]
        ev = (loads(ev) if isinstance(ev, str) else ev) or []
        un = r[i_un]
        un = [] if un == "[]" else (loads(un) if isinstance(un, str) else un) or []  # most mentions: none
        if r[i_loc] is None and r[i_lat] is None:
            place = None
        else:  # Place's fields in order (location, latitude, longitude, geo_precision, country, admin1-3, iso, ...)
            place = new_place(r[i_loc] or "", r[i_lat], r[i_lon], r[i_gp], sh(r[i_country], r[i_country]),
                              sh(r[i_a1], r[i_a1]), sh(r[i_a2], r[i_a2]), sh(r[i_a3], r[i_a3]), sh(r[i_iso], r[i_iso]),
                              r[i_gaz])  # fmt: skip
        conf = r[i_conf]
        day = days.get(r[i_date], miss)
        if day is miss:
            day = days[r[i_date]] = _as_date(r[i_date])
        pub = days.get(r[i_pub], miss)
        if pub is miss:
            pub = days[r[i_pub]] = _as_date(r[i_pub])
        m = new_mention(  # positionally, in Mention's field order (_MENTION_FIELDS; a test holds it to the dataclass)
            r[i_rep], day, r[i_tp] or 1, sh(r[i_dis], r[i_dis]), sh(r[i_et], r[i_et]), sh(r[i_sub], r[i_sub]),
            sh(r[i_a1c], r[i_a1c]), sh(r[i_as1], r[i_as1]), sh(r[i_a2c], r[i_a2c]), sh(r[i_as2], r[i_as2]),
            r[i_in1], r[i_in2], place, r[i_fat] or 0, r[i_inj], r[i_civ], r[i_chi], r[i_wom], sh(r[i_att], r[i_att]),
            [new_evidence(e["text"], e["start"], e["end"]) for e in ev], 0.5 if conf is None else conf, list(un),
            r[i_id],
        )  # fmt: skip
        append((m, {"event_id": r[i_eid], "outlet": sh(r[i_outlet], r[i_outlet]), "published": pub}))
    return out


_READ_BATCH = 10_000  # rows fetched at a time by _mentions_of

# Mention's fields as _mentions_of passes them by position (then fatalities_max, left at its default)
_MENTION_FIELDS = ("report_id", "event_date", "time_precision", "disorder_type", "event_type", "sub_event_type",
                   "actor1", "assoc_actor_1", "actor2", "assoc_actor_2", "inter1", "inter2", "place", "fatalities",
                   "injured", "civilians", "children", "women", "attributed_to", "evidence", "confidence",
                   "unresolved_places", "id")  # fmt: skip
_PLAIN = ("disorder_type", "event_type", "sub_event_type", "actor1", "assoc_actor_1", "actor2", "assoc_actor_2",
          "inter1", "inter2", "injured", "civilians", "children", "women", "attributed_to")  # fmt: skip


def unlinked_mentions(engine: Engine) -> list[tuple[Mention, dict[str, Any]]]:
    """Mentions that no event holds yet."""
    with engine.connect() as conn:
        return _mentions_of(conn.execute(_mention_select().where(mentions.c.event_id.is_(None))))


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
        return _mentions_of(conn.execute(q))


def members_of(
    engine: Engine,
    event_ids: Iterable[str],
    known: Mapping[str, tuple[Mention, dict[str, Any]]] | None = None,
    member_ids: Mapping[str, list[str]] | None = None,
) -> dict[str, list[tuple[Mention, dict[str, Any]]]]:
    """Every member mention of these events with its report's outlet, publication date and text, in mention id
    order. `known`: mention id -> (Mention, {outlet, published}) already read (the mentions a link run just
    assigned): only their report texts are read, and those pairs are handed back themselves, their info dicts given
    the `text` in place; the other members are read whole. `member_ids`: event id -> the
    ids of all its member mentions, when the caller knows them (a store's first link, where every member was just
    assigned by the run): the mentions table is then not read for them."""
    known = known or {}
    ids = sorted(set(event_ids))
    if member_ids is None:
        member_ids = _member_ids(engine, ids)
    with engine.connect() as conn:
        found: dict[str, tuple[Mention, dict[str, Any]]] = {}
        missing = sorted({m for ms in member_ids.values() for m in ms if m not in known})
        for chunk in _chunks(missing):
            for m, info in _mentions_of(conn.execute(_mention_select().where(mentions.c.id.in_(chunk)))):
                found[m.id] = (m, info)
        report_ids = {
            pair[0].report_id for ms in member_ids.values() for m in ms if (pair := known.get(m) or found.get(m))
        }
        texts: dict[str, str] = {}
        if _scan(conn, reports, len(report_ids)):
            for rid, text in conn.execute(sa.select(reports.c.id, reports.c.text)).all():
                if rid in report_ids:
                    texts[rid] = text
        else:
            for chunk in _chunks(sorted(report_ids)):
                q = sa.select(reports.c.id, reports.c.text).where(reports.c.id.in_(chunk))
                texts.update(conn.execute(q).all())
    out: dict[str, list[tuple[Mention, dict[str, Any]]]] = {}
    get_known, text_of = known.get, texts.get
    for eid in ids:
        mids = member_ids.get(eid)
        if not mids:
            continue
        members = []
        for mid in sorted(mids) if len(mids) > 1 else mids:
            pair = get_known(mid)
            if pair is not None:  # the caller's own pair, its info given the text in place (no copy per member)
                pair[1]["text"] = text_of(pair[0].report_id)
                members.append(pair)
                continue
            m, info = found[mid]
            members.append(
                (m, {"outlet": info["outlet"], "published": info["published"], "text": text_of(m.report_id)})
            )
        out[eid] = members
    return out


def _member_ids(engine: Engine, ids: list[str]) -> dict[str, list[str]]:
    """event id -> its member mention ids (in no particular order), for these event ids."""
    member_ids: dict[str, list[str]] = defaultdict(list)
    with engine.connect() as conn:
        if _scan(conn, mentions, len(ids) * 2):  # about two mentions an event
            wanted = set(ids)
            q = sa.select(mentions.c.event_id, mentions.c.id).where(mentions.c.event_id.is_not(None))
            for eid, mid in conn.execute(q).all():
                if eid in wanted:
                    member_ids[eid].append(mid)
        else:
            for chunk in _chunks(ids):
                q = sa.select(mentions.c.event_id, mentions.c.id).where(mentions.c.event_id.in_(chunk))
                for eid, mid in conn.execute(q).all():
                    member_ids[eid].append(mid)
    return member_ids


def any_linked(engine: Engine) -> bool:
    """Whether any mention is in an event (one step of the event_id index): a link run that finds none links the
    whole store from nothing (a first link, or a rebuild), so every member of the events it writes is one of the
    mentions it assigns."""
    with engine.connect() as conn:
        q = sa.select(sa.literal(1)).select_from(mentions).where(mentions.c.event_id.is_not(None)).limit(1)
        return conn.execute(q).first() is not None


def reviewed_ids(engine: Engine, event_ids: Iterable[str]) -> set[str]:
    """Which of these events an analyst has reviewed (have an event_reviews row)."""
    from warlog.store.review import event_reviews

    out: set[str] = set()
    with engine.connect() as conn:
        if empty(conn, event_reviews):
            return out
        for chunk in _chunks(sorted(set(event_ids))):
            out.update(
                conn.execute(sa.select(event_reviews.c.event_id).where(event_reviews.c.event_id.in_(chunk))).scalars()
            )
    return out


def _json_list(value: Any) -> list[Any]:
    """A JSON column's list (decoded by SQLAlchemy, or raw text written by another tool)."""
    return list((json.loads(value) if isinstance(value, str) else value) or [])


def corroboration_events(engine: Engine, event_ids: Iterable[str]) -> list[dict[str, Any]]:
    """What the corroboration of reports reads of these events: id, reviewed event_date (ISO text) and location,
    flags, and `reports` (one {report_id, source, text_group, fatalities} per source row); events not found are left
    out. Two lean queries per 500 events instead of the readers' full event shape."""
    from warlog.store.read import effective, reviewed_events
    from warlog.store.rows import iso_text

    out: dict[str, dict[str, Any]] = {}
    cols = [events.c.id, effective("event_date").label("event_date"), effective("location").label("location"),
            events.c.flags]  # fmt: skip
    src_cols = [event_sources.c[c] for c in ("event_id", "report_id", "source", "text_group", "fatalities")]
    with engine.connect() as conn:
        for chunk in _chunks(sorted(set(event_ids))):
            q = sa.select(*cols).select_from(reviewed_events()).where(events.c.id.in_(chunk))
            for eid, day, location, flags in conn.execute(q):
                out[eid] = {"id": eid, "event_date": iso_text(day), "location": location, "flags": _json_list(flags),
                            "reports": []}  # fmt: skip
            q2 = sa.select(*src_cols).where(event_sources.c.event_id.in_(chunk))
            for r in conn.execute(q2.order_by(event_sources.c.event_id, event_sources.c.mention_id)).mappings():
                if r["event_id"] in out:
                    out[r["event_id"]]["reports"].append(dict(r))
    return list(out.values())


def assign_events(store: Store, assignment: Mapping[str, str]) -> None:
    """Set mentions.event_id for each mention id -> event id (in mention id order, or the rows' own order when most of
    the table is assigned: bulk.update_column; the event_id index then rebuilt once: bulk.column_indexes_rebuilt)."""
    if not assignment:
        return
    with (
        store._write() as conn,
        bulk.page_cache(conn, len(assignment)),
        bulk.column_indexes_rebuilt(conn, mentions, "event_id", len(assignment)),
    ):
        bulk.update_column(conn, mentions, "id", "event_id", list(assignment.items()), by_key=True)


def clear_links(store: Store) -> None:
    """Forget every event (for a rebuild): mentions unassigned, event tables emptied."""
    with store._write() as conn:
        conn.execute(sa.update(mentions).values(event_id=None))
        for t in (reference_matches, event_sources, events, report_credibility):
            conn.execute(sa.delete(t))
        search.clear(conn)


def write_events(
    store: Store,
    rows: list[dict[str, Any]],
    sources: list[dict[str, Any]],
    evidence: Mapping[str, list[str]] | None = None,
) -> None:
    """Replace these events' rows and their source rows in one transaction. `evidence`: event id -> its members'
    evidence texts in mention id order, when the caller has them: their search documents are made from these rows
    and texts instead of read back (search.refresh). Each row gets its `updated_at` and `search_key` set in place
    (not copied: 400k rows of 40 fields at a million mentions)."""
    ids = [r["id"] for r in rows]
    now = datetime.now(UTC).replace(tzinfo=None)
    with store._write() as conn, bulk.page_cache(conn, len(rows) + len(sources)):
        held = [t for t in (event_sources, events) if not empty(conn, t)]  # a first link: nothing to delete
        for chunk in _chunks(ids) if held else ():
            conn.execute(sa.delete(event_sources).where(event_sources.c.event_id.in_(chunk)))
            conn.execute(sa.delete(events).where(events.c.id.in_(chunk)))
        keys = {i: search.doc_key(i) for i in ids}
        for r in rows:
            r["updated_at"] = now
            r["search_key"] = keys[r["id"]]
        with bulk.indexes_rebuilt(conn, events, len(rows)):
            bulk.insert_rows(conn, events, rows)
        with bulk.indexes_rebuilt(conn, event_sources, len(sources)):
            bulk.insert_rows(conn, event_sources, sources)
        written = {r["id"]: (r, evidence[r["id"]]) for r in rows if r["id"] in evidence} if evidence else None
        search.refresh(conn, ids, written, keys)  # the events' search documents, in the same transaction


def has_events(engine: Engine) -> bool:
    """Whether linking has written any event."""
    with engine.connect() as conn:
        return conn.execute(sa.select(events.c.id).limit(1)).first() is not None


# ---------------------------------------------------------------------------------------------------------------------
# reading events (through the one read path in warlog.store.query; these names stay for callers)


def event_stats(engine: Engine) -> tuple[int, int]:
    """(number of linked events, sum of their reconciled fatalities)."""
    with engine.connect() as conn:
        n, deaths = conn.execute(
            sa.select(sa.func.count(), sa.func.coalesce(sa.func.sum(events.c.fatalities), 0))
        ).one()
    return int(n), int(deaths)


# ---------------------------------------------------------------------------------------------------------------------
# reference records and corroboration


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
        if empty(conn, reference_matches):  # no reference imported: nothing to look up (800 statements at 1M)
            return {}
        for chunk in _chunks(event_ids):
            for r in conn.execute(q0.where(reference_matches.c.event_id.in_(chunk))).mappings():
                out[r["event_id"]].append(dict(r))
    return dict(out)


def save_corroboration(store: Store, rows: list[dict[str, Any]]) -> None:
    """Replace the corroboration rows ({"report_id", "counts", "reasons"}) of these reports; the table keeps its
    first name, report_credibility, and its score column stays empty."""
    if not rows:
        return
    with store._write() as conn, bulk.page_cache(conn, len(rows)):
        for chunk in _chunks([r["report_id"] for r in rows]) if not empty(conn, report_credibility) else ():
            conn.execute(sa.delete(report_credibility).where(report_credibility.c.report_id.in_(chunk)))
        bulk.insert_rows(  # rows made as they are written (a million at a million mentions), not all at once
            conn,
            report_credibility,
            (
                {
                    "report_id": r["report_id"],
                    "score": None,
                    "reasons": {"counts": r["counts"], "reasons": r["reasons"]},
                }
                for r in rows
            ),
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
    return {r["report_id"]: corroboration_from_row(r["reasons"]) for r in rows}


def event_ids_of_reports(engine: Engine, report_ids: Iterable[str]) -> dict[str, set[str]]:
    """report id -> ids of the events its mentions are in."""
    out: dict[str, set[str]] = defaultdict(set)
    asked = set(report_ids)
    with engine.connect() as conn:
        if _scan(conn, reports, len(asked)):
            q = sa.select(mentions.c.report_id, mentions.c.event_id).where(mentions.c.event_id.is_not(None))
            for rid, eid in conn.execute(q).all():
                if rid in asked:
                    out[rid].add(eid)
            return dict(out)
        for chunk in _chunks(sorted(asked)):
            q = sa.select(mentions.c.report_id, mentions.c.event_id).where(
                mentions.c.report_id.in_(chunk), mentions.c.event_id.is_not(None)
            )
            for rid, eid in conn.execute(q).all():
                out[rid].add(eid)
    return dict(out)


def all_report_meta(engine: Engine) -> dict[str, dict[str, Any]]:
    """report id -> {outlet, published} for every report."""
    with engine.connect() as conn:
        q = sa.select(reports.c.id, reports.c.outlet, reports.c.published, reports.c.source_path)
        return {
            r.id: {"outlet": r.outlet, "published": r.published, "source_path": r.source_path} for r in conn.execute(q)
        }
