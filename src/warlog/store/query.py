"""The one read path: a filter compiler over linked events (and, before linking, over mentions) with the analysts'
reviews applied in SQL, and the readers built on it (pages, batches, counts, detail, statistics).

The CLI (`events`, `show`, `export`), the HTTP API, watch alerts and linking's readers (reference matching,
corroboration) all read through this module, so they agree on every filter:
- country: an ISO2 code, an ISO3 code or a name (any case); known countries match their ISO2 code or their name;
- event type: an ACLED event type or sub-event type, any case;
- near/km: great-circle (haversine) distance, `warlog.geometry`, the same rule in SQL and in Python;
- status: proposed, confirmed and edited by default (rejected and merged events left out unless asked for);
- reviewed values: every reviewable field is COALESCE(review, machine), see `warlog.store.read`.
Filters are bound parameters only.
"""

from __future__ import annotations

import base64
import dataclasses
import functools
import json
import math
import threading
import time
from collections import OrderedDict
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import pycountry
import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql import visitors as sa_visitors
from sqlalchemy.sql.selectable import Join

from warlog.geometry import within_km_sql
from warlog.store import search, version
from warlog.store.read import (
    ITEM_FIELDS,
    STATUS,
    effective,
    item_columns,
    item_dicts,
    machine,
    records,
    reviewed_columns,
    reviewed_events,
)
from warlog.store.review import REVIEW_FIELDS, STATUSES, audit_for, event_reviews, get_review
from warlog.store.rows import _claim_dict, corroboration_from_row, iso_text, mention_dict, mention_from_row
from warlog.store.schema import (
    claims,
    events,
    mentions,
    reference_events,
    reference_matches,
    report_credibility,
    reports,
)

DEFAULT_KM = 25.0  # radius around `near` when none is given (CLI and API)
ACTIVE = ("proposed", "confirmed", "edited")  # what lists and exports show unless a status is asked for
SORT_KEYS = (
    "event_date", "fatalities", "n_sources", "n_reports", "location", "admin1", "country", "event_type", "id",
    "relevance",  # with q: best match first (bm25 on SQLite, ts_rank on PostgreSQL)
)  # fmt: skip
col = effective  # the effective value of an event column (the analyst's override when there is one)
base_col = machine  # the machine's value (for events nobody reviewed: plain columns, so indexes apply)


@dataclass
class EventFilter:
    """What GET /api/events accepts; None means "no condition"."""

    bbox: tuple[float, float, float, float] | None = None  # west, south, east, north
    near: tuple[float, float] | None = None  # lat, lon
    km: float | None = None
    since: date | None = None
    until: date | None = None
    country: str | None = None
    admin1: str | None = None
    event_type: str | None = None
    sub_event_type: str | None = None
    actor: str | None = None
    min_fatalities: int | None = None
    status: tuple[str, ...] = ACTIVE
    q: str | None = None
    report_id: str | None = None
    ids: tuple[str, ...] | None = None
    after_id: str | None = None  # keyset paging: only events whose id sorts after this one
    extra: dict[str, Any] = field(default_factory=dict)


def _like(text: str) -> str:
    """A LIKE pattern matching text anywhere, with %, _ and the escape character escaped."""
    return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _ieq(column: sa.ColumnElement[Any], value: str) -> sa.ColumnElement[bool]:
    """Case-insensitive equality."""
    return sa.func.lower(column) == value.strip().lower()


def country_terms(value: str) -> tuple[str | None, list[str]]:
    """(ISO2 code or None, names) that a country filter stands for: a two-letter value is an ISO2 code; an ISO3 code
    or a name pycountry knows gives its ISO2 code and names; the value itself in its usual cases is always a name."""
    value = value.strip()
    names = {value, value.title(), value.lower(), value.upper(), value.capitalize()}
    if len(value) == 2 and value.isalpha():
        return value.upper(), sorted(names)
    try:
        found = pycountry.countries.lookup(value)
    except LookupError:
        return None, sorted(names)
    names.update(n for n in (found.name, getattr(found, "common_name", None)) if n)
    return found.alpha_2, sorted(names)


def _country(value: str, col: Any) -> sa.ColumnElement[bool]:
    """Country by ISO2, ISO3 or name: the ISO2 column or the country name, exact matches so the indexes apply."""
    iso2, names = country_terms(value)
    by_name = col("country").in_(names)
    return sa.or_(col("iso") == iso2, by_name) if iso2 else by_name


def _admin1(value: str, col: Any, dialect: str = "sqlite") -> sa.ColumnElement[bool]:
    """admin1 in any case. LOWER() alone cannot use the admin1 index; when the name starts with an ASCII letter, the
    two index ranges of names starting with that letter in either case are added (a necessary condition, so the
    result is the same), which makes the count a short index range instead of a lower() call per event."""
    key = value.strip().lower()
    cond = sa.func.lower(col("admin1")) == key
    first = key[:1]
    if not ("a" <= first <= "z"):
        return cond
    c = col("admin1")
    ranges = [sa.and_(c >= ch, c < chr(ord(ch) + 1)) for ch in (first.upper(), first)]
    if dialect == "postgresql" and col is base_col:
        # PostgreSQL has no statistics for lower(admin1) and guessed 96 of Idlib's 38k events, so it read all 38k and
        # sorted them for a page (135 ms) instead of walking the date index. The spellings that match, gathered once
        # into an array, make a plain `admin1 = ANY (...)` it estimates and plans well; they are found by hopping
        # from one distinct admin1 to the next in the index's two ranges (a few lookups, not 38k entries).
        found = sa.union_all(*(_distinct_admin1(ch, chr(ord(ch) + 1)) for ch in (first.upper(), first))).subquery()
        names = sa.select(sa.func.array_agg(found.c.v)).where(sa.func.lower(found.c.v) == key)
        return c == sa.any_(sa.cast(names.scalar_subquery(), sa.ARRAY(sa.String)))
    return sa.and_(sa.or_(*ranges), cond)


@functools.cache  # one object per range: a statement that uses it twice renders it once
def _distinct_admin1(lo: str, hi: str) -> sa.Select:
    """The distinct admin1 values in [lo, hi) by a loose index scan (a recursive CTE stepping to the next value with
    one index lookup each), as `v`."""
    e = events.alias("adm_first").c.admin1
    start = sa.select(sa.func.min(e).label("v")).where(e >= lo, e < hi).cte(f"adm_{ord(lo)}", recursive=True)
    prev = start.alias(f"adm_prev_{ord(lo)}")
    n = events.alias(f"adm_next_{ord(lo)}").c.admin1
    step = sa.select(sa.select(sa.func.min(n)).where(n > prev.c.v, n < hi).scalar_subquery().label("v"))
    walk = start.union_all(step.where(prev.c.v.is_not(None)))
    return sa.select(walk.c.v).where(walk.c.v.is_not(None))


def _event_type(value: str, col: Any) -> sa.ColumnElement[bool]:
    """An ACLED event type or sub-event type, any case; known names become exact matches (index-friendly)."""
    from warlog.model import ACLED_TYPES, SUB_TO_TYPE

    key = value.strip().lower()
    for et in ACLED_TYPES:
        if et.lower() == key:
            return col("event_type") == et
    for sub in SUB_TO_TYPE:
        if sub.lower() == key:
            return col("sub_event_type") == sub
    return sa.or_(_ieq(col("event_type"), value), _ieq(col("sub_event_type"), value))


@functools.lru_cache(maxsize=512)
def _near(lat: float, lon: float, km: float, col: Any) -> tuple[sa.ColumnElement[bool], ...]:
    """Within km of (lat, lon) by great-circle distance (see warlog.geometry.within_km_sql). The haversine term (four
    trigonometric calls per row) is skipped for points inside a box that lies wholly within the circle: `inner box OR
    haversine`, the same rows (the box is a subset), about two thirds of the matches decided by two comparisons.
    Kept per (point, radius, column function): the expressions are immutable, and a page asks for them 5-7 times
    (count, sample, both halves of the page), about 2.5 ms of CPU each time to build."""
    conds = within_km_sql(col("latitude"), col("longitude"), lat, lon, km, bind=lambda n, v: _bind(f"near_{n}", v))
    inner = _inner_box(lat, lon, km)
    if inner is not None and len(conds) == 5:  # not null, not null, latitude range, longitude range, haversine
        la0, la1, lo0, lo1 = (_bind(f"near_in{i}", v) for i, v in enumerate(inner))
        box = sa.and_(col("latitude").between(la0, la1), col("longitude").between(lo0, lo1))
        conds[-1] = sa.or_(box, conds[-1])
    return tuple(conds)


@functools.lru_cache(maxsize=1024)
def _inner_box(lat: float, lon: float, km: float) -> tuple[float, float, float, float] | None:
    """(south, north, west, east) of a box centred on (lat, lon) whose every point is within km of it (checked by
    haversine along its edges, with a 0.5% margin); None near the poles, the antimeridian or for huge radii."""
    from warlog.geometry import EARTH_RADIUS_KM, haversine_km

    if km <= 0 or km > 1000 or abs(lat) > 80:
        return None
    half = math.degrees(km / EARTH_RADIUS_KM) / math.sqrt(2)
    dlat, dlon = half, half / math.cos(math.radians(min(89.0, abs(lat) + half)))
    for _ in range(20):
        if abs(lon) + dlon >= 180:
            return None
        edge = [(lat + dlat * a, lon + dlon * b) for t in range(17) for a, b in
                ((1, t / 8 - 1), (-1, t / 8 - 1), (t / 8 - 1, 1), (t / 8 - 1, -1))]  # fmt: skip
        if max(haversine_km(lat, lon, p, q) for p, q in edge) <= km * 0.995:
            return lat - dlat, lat + dlat, lon - dlon, lon + dlon
        dlat, dlon = dlat * 0.95, dlon * 0.95
    return None


def _contains(column: sa.ColumnElement[Any], pattern: str, dialect: str) -> sa.ColumnElement[bool]:
    """Case-insensitive substring match: SQLite's LIKE already ignores ASCII case; elsewhere LOWER() on both sides,
    which is what PostgreSQL's ILIKE does in a UTF-8 database, about 30% faster."""
    if dialect == "sqlite":
        return column.like(pattern, escape="\\")
    return sa.func.lower(column).like(sa.func.lower(pattern), escape="\\")


def _field_conditions(f: EventFilter, col: Any, dialect: str) -> list[sa.ColumnElement[bool]]:
    """Conditions on the ACLED fields (dates, place, type, actors, toll, box, radius): the same for linked events
    (effective or machine columns) and for mentions. Kept per (fields, column function, dialect): the expressions are
    immutable and a page builds them 5-7 times (count, sample, both halves of the page; 1-5 ms of CPU a request)."""
    fields = FieldValues(f.since, f.until, f.country, f.admin1, f.event_type, f.sub_event_type, f.min_fatalities,
                         f.bbox, f.near, f.km)  # fmt: skip
    return list(_field_conditions_of(fields, col, dialect))


@dataclass(frozen=True)
class FieldValues:
    """The values of an EventFilter that _field_conditions reads (hashable, a cache key)."""

    since: date | None
    until: date | None
    country: str | None
    admin1: str | None
    event_type: str | None
    sub_event_type: str | None
    min_fatalities: int | None
    bbox: tuple[float, float, float, float] | None
    near: tuple[float, float] | None
    km: float | None


@functools.lru_cache(maxsize=1024)
def _field_conditions_of(f: FieldValues, col: Any, dialect: str) -> tuple[sa.ColumnElement[bool], ...]:
    """_field_conditions, built."""
    conds: list[sa.ColumnElement[bool]] = []
    if f.since is not None:
        conds.append(col("event_date") >= _bind("since", f.since, sa.Date()))
    if f.until is not None:
        conds.append(col("event_date") <= _bind("until", f.until, sa.Date()))
    if f.country:
        conds.append(_country(f.country, col))
    if f.admin1:
        conds.append(_admin1(f.admin1, col, dialect))
    if f.event_type:
        conds.append(_event_type(f.event_type, col))
    if f.sub_event_type:
        conds.append(_event_type(f.sub_event_type, col))
    if f.min_fatalities is not None:
        conds.append(col("fatalities") >= _bind("min_fatalities", f.min_fatalities, sa.Integer()))
    if f.bbox is not None:
        west, south, east, north = f.bbox
        lon = col("longitude")
        conds.append(col("latitude").between(_bind("south", south), _bind("north", north)))
        if west <= east:
            conds.append(lon.between(_bind("west", west), _bind("east", east)))
        else:  # across the antimeridian: other names, since the statement differs
            conds.append(sa.or_(lon >= _bind("west_wrap", west), lon <= _bind("east_wrap", east)))
    if f.near is not None:
        conds.extend(_near(f.near[0], f.near[1], float(f.km if f.km is not None else DEFAULT_KM), col))
    return tuple(conds)


# Statements by shape. A new filter value (a date range, a box, a point) used to cost a whole new statement tree per
# statement of a page (count, sample, both halves, the rows): building it, then SQLAlchemy walking it for its cache
# key, 3-10 ms of CPU a request, more than the SQL. The values a filter brings (dates, the toll, the box, the radius'
# numbers, ids) are named bound parameters (_bind: "fv_since", "fv_near_lat_min", ...; other names where the
# expressions' shape differs), so a statement built once for a filter of a shape is run again with the next filter's
# values (_shaped); everything else (text filters, status, sort, page, walk) is part of the shape's key.
_PARAM = "fv_"


def _bind(name: str, value: Any, type_: Any = None) -> Any:
    """A named bound parameter for one of a filter's values (see _shaped)."""
    return sa.bindparam(_PARAM + name, value, type_=type_ if type_ is not None else sa.Float())


_VALUE_FIELDS = ("since", "until", "min_fatalities", "bbox", "near", "km", "ids", "after_id")


def _filter_params(f: EventFilter) -> dict[str, Any]:
    """The named values (see _bind) that f's conditions hold: read from the conditions built for it, so a statement
    built for another filter of the same shape runs with exactly these."""
    fields = FieldValues(f.since, f.until, f.country, f.admin1, f.event_type, f.sub_event_type, f.min_fatalities,
                         f.bbox, f.near, f.km)  # fmt: skip
    params = dict(_field_params_of(fields))
    if f.ids is not None:
        params[f"{_PARAM}ids"] = list(f.ids)
    if f.after_id is not None:
        params[f"{_PARAM}after_id"] = f.after_id
    return params


@functools.lru_cache(maxsize=1024)
def _field_params_of(fields: FieldValues) -> tuple[tuple[str, Any], ...]:
    """The named values in _field_conditions_of(fields, ...) (the same on every dialect and column function)."""
    params: dict[str, Any] = {}
    for cond in _field_conditions_of(fields, base_col, "sqlite"):
        for el in sa_visitors.iterate(cond):
            if isinstance(el, sa.BindParameter) and el.key.startswith(_PARAM):
                params[el.key] = el.value
    return tuple(params.items())


_STMT_CACHE_SIZE = 500  # about 30 KiB each; SQLAlchemy compiles up to 500 statements per engine (query_cache_size)
_stmts: OrderedDict[tuple, Any] = OrderedDict()
_stmts_lock = threading.Lock()


def _shaped(
    conn: Connection, tag: str, f: EventFilter, extra: tuple, build: Any, keep: bool = True
) -> tuple[Any, dict[str, Any]]:
    """(statement, parameters) for `build()` under f: the statement kept for f's shape (see _bind), built now when
    there is none, and f's values to run it with. `extra`: whatever else the statement depends on (sort, page, plan,
    limits). keep=False: built and not kept (a keyset page: its cursor's values are literals)."""
    params = _filter_params(f)
    if not keep:
        return build(), params
    shape = dataclasses.replace(f, **{k: None for k in _VALUE_FIELDS})
    key = (tag, dialect_of(conn), tuple(sorted(params)), repr(shape), extra)
    with _stmts_lock:
        stmt = _stmts.get(key)
        if stmt is not None:
            _stmts.move_to_end(key)
    if stmt is None:
        stmt = build()
        with _stmts_lock:
            _stmts[key] = stmt
            while len(_stmts) > _STMT_CACHE_SIZE:
                _stmts.popitem(last=False)
    return stmt, params


def _conditions(
    f: EventFilter, col: Any = col, dialect: str = "sqlite", per_row: bool = True
) -> list[sa.ColumnElement[bool]]:
    """SQL conditions for a filter on linked events, on effective columns (col) or on the machine's columns
    (base_col); per_row: see _search."""
    conds: list[sa.ColumnElement[bool]] = []
    if f.ids is not None:
        conds.append(events.c.id.in_(sa.bindparam(f"{_PARAM}ids", list(f.ids), expanding=True, type_=sa.String())))
    if f.after_id is not None:
        conds.append(events.c.id > _bind("after_id", f.after_id, sa.String()))
    conds.extend(_field_conditions(f, col, dialect))
    if f.report_id:
        conds.append(events.c.id.in_(sa.select(mentions.c.event_id).where(mentions.c.report_id == f.report_id)))
    if f.actor and f.actor.strip():  # the search index's actor field (reviewed names): words and phrases, any case
        conds.append(_search(f.actor, "actors", dialect, per_row))
    if f.q and f.q.strip():  # the search index: actors, places, evidence and notes (warlog.store.search's language)
        conds.append(_search(f.q, None, dialect, per_row))
    return conds


def _search(text: str, field: str | None, dialect: str, per_row: bool) -> sa.ColumnElement[bool]:
    """Events whose search document matches. per_row (a page walked in sort order, or the few reviewed events): on
    PostgreSQL a per-row probe of the index by event id; otherwise (and always on SQLite, which builds the list of
    matches once and probes it per row) events.id IN (the matches)."""
    if per_row and dialect == "postgresql":
        return search.match_each_row(text, field)
    return search.matches(text, dialect, field, walk=per_row)


def _mention_col(name: str) -> sa.ColumnElement[Any]:
    """A mentions column (a module-level function: _field_conditions keeps expressions per column function)."""
    return mentions.c[name]


def mention_conditions(f: EventFilter, dialect: str = "sqlite") -> list[sa.ColumnElement[bool]]:
    """The same filter on unlinked mentions (a store before linking ran): the ACLED fields, report and ids."""
    conds = _field_conditions(f, _mention_col, dialect)
    if f.ids is not None:
        conds.append(mentions.c.id.in_(list(f.ids)))
    if f.report_id:
        conds.append(mentions.c.report_id == f.report_id)
    if f.actor and f.actor.strip():  # no search index before linking: substring of the actor names
        pat = _like(f.actor.strip())
        cols = ("actor1", "actor2", "assoc_actor_1", "assoc_actor_2")
        conds.append(sa.or_(*(_contains(mentions.c[c], pat, dialect) for c in cols)))
    if f.q and f.q.strip():
        pat = _like(f.q.strip())
        cols = ("location", "admin1", "country", "actor1", "actor2")
        conds.append(sa.or_(*(_contains(mentions.c[c], pat, dialect) for c in cols)))
    return conds


class _ReviewsFirst(Join):
    """event_reviews JOIN events, run in that order: SQLite (which has no statistics unless ANALYZE ran) would
    otherwise often walk every event and probe the reviews, 100-250 ms on a million events instead of a few."""

    inherit_cache = True


@compiles(_ReviewsFirst, "sqlite")
def _reviews_first_sqlite(join: _ReviewsFirst, compiler: Any, **kw: Any) -> str:
    """SQLite keeps the order of the tables of a CROSS JOIN (with an ON clause it is an inner join)."""
    return compiler.visit_join(join, **kw).replace(" JOIN ", " CROSS JOIN ", 1)


def _reviewed() -> sa.FromClause:
    """Reviewed events: their review rows joined to the events, reviews first."""
    return _ReviewsFirst(event_reviews, events, event_reviews.c.event_id == events.c.id)


def _unreviewed(dialect: str = "sqlite") -> sa.ColumnElement[bool]:
    """Events nobody reviewed. SQLite: NOT EXISTS (an outer join made it read the events in id order, 5x slower).
    PostgreSQL: NOT IN (the review ids), a hashed subplan; its NOT EXISTS anti-join compared every matching event
    with every review row when it under-estimated the matches of a search (1.4 s for 17k matches, 136 reviews)."""
    if dialect == "postgresql":
        return events.c.id.not_in(sa.select(event_reviews.c.event_id))
    return ~sa.exists().where(event_reviews.c.event_id == events.c.id)


def _no_index(name: str) -> sa.ColumnElement[Any]:
    """A machine column SQLite will not use an index for, so that it walks the sort order's index instead."""
    c = events.c[name]
    return c if name == "event_date" else sa.func.coalesce(c, c)


_PROPOSED = sa.literal("proposed", sa.String(20)).label("review_status")
_UNREVIEWED_COLUMNS = (*events.columns, _PROPOSED)


def _named(cols: tuple[Any, ...], names: tuple[str, ...] | None) -> tuple[Any, ...]:
    """The columns of `cols` with these names, in this order (all of them when names is None)."""
    if names is None:
        return cols
    by_name = {c.name: c for c in cols}
    return tuple(by_name[n] for n in names)


def select_parts(
    f: EventFilter, dialect: str, base: Any = base_col, per_row: bool = True, columns: tuple[str, ...] | None = None
) -> list[tuple[sa.Select, Any]]:
    """The two halves every page is read from, as (select of the same columns, column function of its sort key);
    `columns`: only these (events columns and review_status), in this order.

    Events nobody reviewed are filtered on their own columns (`base`), so the indexes on date, type, country and
    coordinates serve them; the few reviewed events are filtered on COALESCE(override, value). The halves are
    disjoint, so counts add up and sorted pages merge.
    """
    parts = []
    if "proposed" in f.status:
        cols = _named(_UNREVIEWED_COLUMNS, columns)
        parts.append((sa.select(*cols).where(_unreviewed(dialect), *_conditions(f, base, dialect, per_row)), base_col))
    conds = [event_reviews.c.status.in_(list(f.status)), *_conditions(f, col, dialect)]
    cols = _named(reviewed_columns(col), columns)
    parts.append((sa.select(*cols).select_from(_reviewed()).where(*conds), col))
    return parts


def dialect_of(conn: Connection) -> str:
    """The database's dialect name ("sqlite", "postgresql")."""
    return conn.engine.dialect.name


def _sort_parts(sort: str) -> tuple[str, bool]:
    """(key, descending) of "key" or "-key"; raises ValueError for an unknown key."""
    key = sort.lstrip("-+") or "event_date"
    if key not in SORT_KEYS:
        raise ValueError(f"sort by one of {', '.join(SORT_KEYS)} (prefix - for descending)")
    return key, sort.startswith("-")


def _order(key_col: Any, ident: Any, key: str, desc: bool, has_value: bool) -> list[Any]:
    """ORDER BY the key then the id (only the id among events without a value), in the asked direction. No NULLS
    LAST: events without a value are read apart (see _rows), so PostgreSQL can walk its ascending date index
    backwards for the default -event_date."""
    if key == "id" or not has_value:
        return [ident.desc() if desc else ident.asc()]
    return [key_col.desc() if desc else key_col.asc(), ident.desc() if desc else ident.asc()]


def count_parts(f: EventFilter, dialect: str) -> list[tuple[int, sa.FromClause, Any, list[sa.ColumnElement[bool]]]]:
    """Signed parts whose counts and sums add up to the matching events, with no per-row join for the bulk.

    Unreviewed events = all events matching on their own columns (index only, no join) minus the reviewed ones
    matching on their own columns; then plus the reviewed ones matching on effective values.
    """
    parts = []
    if "proposed" in f.status:
        base = _conditions(f, base_col, dialect)
        parts.append((1, events, base_col, _conditions(f, base_col, dialect, per_row=False)))
        parts.append((-1, _reviewed(), base_col, base))
    conds = [event_reviews.c.status.in_(list(f.status)), *_conditions(f, col, dialect)]
    parts.append((1, _reviewed(), col, conds))
    return parts


def _search_only(f: EventFilter) -> tuple[str, str | None] | None:
    """(text, field) when a search (q or actor, not both) is the filter's only condition on the events' columns."""
    texts = [(t, fld) for t, fld in ((f.q, None), (f.actor, "actors")) if t and t.strip()]
    rest = dataclasses.replace(f, q=None, actor=None, status=ACTIVE)
    if len(texts) != 1 or _conditions(rest) or f.ids is not None or f.after_id is not None or f.report_id:
        return None
    return texts[0]


def count_events(conn: Connection, f: EventFilter, with_value: str | None = None) -> int:
    """How many events match (only those with a value of the column `with_value`, when given)."""
    dialect = dialect_of(conn)
    stmt, params = _shaped(conn, "count", f, (with_value,), lambda: _count_statement(f, dialect, with_value))
    return int(conn.execute(stmt, params).scalar_one())


def _count_statement(f: EventFilter, dialect: str, with_value: str | None) -> sa.Select:
    """count_events' statement."""
    only = None if with_value else _search_only(f)
    terms, reviewed = [], []
    for sign, frm, colfn, conds in count_parts(f, dialect):
        extra = [colfn(with_value).is_not(None)] if with_value else []
        if frm is not events:
            reviewed.append((sign, [*conds, *extra]))
            continue
        if only:  # every event has one document: count the index's matches, not the events
            q = search.count_matching(only[0], dialect, only[1])
        else:
            q = sa.select(sa.func.count()).select_from(frm).where(*conds, *extra)
        terms.append((sign, q.scalar_subquery()))
    if reviewed:
        terms.append((1, _reviewed_delta(reviewed, _changing_reviews(f, with_value))))
    return _signed_sum(terms)


# The event columns each filter reads (an analyst's override of one of them can move the event in or out of it).
FILTER_COLUMNS = {
    "since": ("event_date",), "until": ("event_date",), "country": ("iso", "country"), "admin1": ("admin1",),
    "event_type": ("event_type", "sub_event_type"), "sub_event_type": ("event_type", "sub_event_type"),
    "min_fatalities": ("fatalities",), "bbox": ("latitude", "longitude"), "near": ("latitude", "longitude"),
}  # fmt: skip


def _changing_reviews(f: EventFilter, with_value: str | None = None) -> sa.ColumnElement[bool] | None:
    """The reviews that can make the reviewed parts of a count differ from the events' own columns, when the filter
    counts proposed events: a status the filter leaves out, or an override of a column it reads (the search documents
    already hold reviewed values). For every other review, "minus it on its own columns, plus it on reviewed values"
    is zero, so the correction need not read its event. None: every review (no proposed part to cancel against)."""
    if "proposed" not in f.status:
        return None
    names = {c for k, cols in FILTER_COLUMNS.items() if getattr(f, k) not in (None, "") for c in cols}
    if with_value:
        names.add(with_value)
    overrides = [event_reviews.c[n].is_not(None) for n in sorted(names) if n in REVIEW_FIELDS]
    return sa.or_(event_reviews.c.status.not_in(list(f.status)), *overrides)


def _reviewed_delta(
    parts: list[tuple[int, list[sa.ColumnElement[bool]]]], only: sa.ColumnElement[bool] | None = None
) -> Any:
    """The signed counts of count_parts' reviewed parts (all over reviews joined to events) in one pass over the few
    reviewed events, as a scalar subquery: each row adds each part's sign when it meets that part's conditions;
    `only`: the reviews that can change the sum (see _changing_reviews)."""
    if len(parts) == 1:
        sign, conds = parts[0]
        n = sa.select(sa.func.count()).select_from(_reviewed()).where(*conds).scalar_subquery()
        return n if sign > 0 else -n

    def term(sign: int, conds: list[sa.ColumnElement[bool]]) -> Any:
        return sa.case((sa.and_(*conds), sign), else_=0) if conds else sa.literal(sign)

    per_row = sum((term(sign, conds) for sign, conds in parts[1:]), term(*parts[0]))
    q = sa.select(sa.func.coalesce(sa.func.sum(per_row), 0)).select_from(_reviewed())
    return (q if only is None else q.where(only)).scalar_subquery()


def _signed_sum(terms: list[tuple[int, Any]]) -> sa.Select:
    """The signed sum of scalar count subqueries, as one statement (each planned as it would be alone): one round trip,
    not several."""
    expr = terms[0][1] if terms[0][0] > 0 else -terms[0][1]
    for sign, term in terms[1:]:
        expr = expr + term if sign > 0 else expr - term
    return sa.select(expr)


# Totals of API pages: exact while counting is cheap, else an estimate (`count_exact: false` in the response). Most
# counts are an index range and cost little; a few filters are dear to count exactly on every new value: a country
# matched by code or name (two index ranges merged row by row: 245 ms for 187k events of 300k on SQLite), common
# words in a search (the match list), radii over dense places, deep combinations. The page itself never needs the
# exact total: it walks the sort order or reads the matches, whichever the (estimated) total says is cheaper.
ESTIMATE_FROM_EVENTS = 50_000  # a store with fewer events is always counted exactly (a few ms at most)
COUNT_BUDGET_STEPS = 100_000  # SQLite: an exact count gets this many virtual-machine steps (about 2-5 ms here)
# SQLite: 20% more steps when the reviewed correction shares the count's statement (a pass over the few reviewed
# events; without them a date range near the edge of the budget, counted exactly before, was estimated once in 60)
REVIEWED_BUDGET_SHARE = 1.2
COUNT_CAP = 20_000  # PostgreSQL: counted exactly up to this many matches, then estimated
SEARCH_COUNT_CAP = 5_000  # a search alone (either backend): its index's matches counted up to this many
SAMPLE_ROWS = 10_000  # an estimate tests the filter on at most this many events, a uniform sample ...
SAMPLE_HITS = 400  # ... and stops at this many matches (about 5% relative error, 1 / sqrt(hits))
SAMPLE_MIN_HITS = 100  # fewer matches in the sample: the filter is rare, counted exactly whatever it costs
KEY_SPACE = 2**63  # events.search_key and SQLite's document rowids: a hash of the event id, uniform on [0, 2^63)


def count_bounded(conn: Connection, f: EventFilter) -> tuple[int, bool]:
    """(matching events, whether exact): the exact count when it is cheap, else an estimate from a uniform sample.

    SQLite counts exactly within COUNT_BUDGET_STEPS virtual-machine steps (a progress handler interrupts it), so an
    index range of up to ~100k entries stays exact whatever its filter; PostgreSQL counts up to COUNT_CAP matches. A
    search alone counts its index's matches up to SEARCH_COUNT_CAP in document order (rowid = a hash of the event id,
    so the matches come in a uniformly random order): over it, the position of the cap-th match in the key space
    gives the estimate (cap / position; PostgreSQL counts searches exactly). Otherwise the filter is tested on events
    in search_key order (uniform too)
    until SAMPLE_HITS match or SAMPLE_ROWS were read: estimate = matches / (share of the key space read); fewer than
    SAMPLE_MIN_HITS matches in the sample (a rare combination that was dear to count) and it is counted exactly. The few
    reviewed events are counted exactly and added as count_events does (left out for a search estimate: their share
    is within its error)."""
    dialect = dialect_of(conn)
    if "proposed" not in f.status or (_events_estimate(conn) or 0) <= ESTIMATE_FROM_EVENTS:
        return count_events(conn, f), True  # reviewed events only (few), or a small store: counted exactly
    searching = bool((f.q and f.q.strip()) or (f.actor and f.actor.strip()))
    only = _search_only(f)
    if searching and dialect == "postgresql" and only:
        estimate = _pg_search_estimate(conn, f, only)
        if estimate is not None:
            return max(SEARCH_COUNT_CAP + 1, round(estimate)), False
    if not _conditions(f, base_col, dialect, per_row=False) or (searching and dialect != "sqlite"):
        # every event: one plain count, kept until the data changes. PostgreSQL and a search with other filters,
        # or one too rare to estimate: counted exactly
        return count_events(conn, f), True
    estimate: float | None = None
    if only:
        capped, params = _shaped(
            conn, "capped", f, (SEARCH_COUNT_CAP,),
            lambda: search.count_capped(only[0], dialect, only[1], SEARCH_COUNT_CAP + 1),
        )  # fmt: skip
        n, last = conn.execute(capped, params).one()
        if n <= SEARCH_COUNT_CAP:
            return int(n) + _reviewed_count(conn, f), True
        if last is not None:  # SQLite: the rowid of the last match read (the n-th smallest of the matches' rowids)
            estimate = int(n) * KEY_SPACE / (int(last) + 1)
    elif dialect == "sqlite":  # the reviewed parts in the same statement (and budget): one round trip
        q, params = _shaped(conn, "budget", f, (), lambda: _budget_statement(f, dialect))
        n = _count_within_budget(conn, q, dialect, round(COUNT_BUDGET_STEPS * REVIEWED_BUDGET_SHARE), params)
        if n is not None:
            return n, True
    else:
        q, params = _shaped(conn, "budget", f, (COUNT_CAP,), lambda: _budget_statement(f, dialect))
        n = _count_within_budget(conn, q, dialect, params=params)
        if n is not None:
            return n + _reviewed_count(conn, f), True
    if estimate is None:
        estimate = _sample_estimate(conn, f, dialect)
    if estimate is None:  # too few matches in the sample to tell (a rare combination dear to count), or no keys
        return count_events(conn, f), True
    floor = SEARCH_COUNT_CAP + 1 if only else (COUNT_CAP + 1 if dialect != "sqlite" else 0)
    total = max(float(floor), estimate)
    if not searching:
        total += _reviewed_count(conn, f)
    return max(0, round(total)), False


def _budget_statement(f: EventFilter, dialect: str) -> sa.Select:
    """The exact count count_bounded tries within its budget: SQLite, the events matching on their own columns plus
    the reviewed parts (one statement); elsewhere the first, through a LIMIT of COUNT_CAP + 1."""
    (_sign, _frm, _colfn, conds), *rest = count_parts(f, dialect)
    big = sa.select(sa.func.count()).select_from(events).where(*conds)
    if dialect == "sqlite":
        delta = _reviewed_delta([(s, c) for s, _frm, _cf, c in rest], _changing_reviews(f))
        return sa.select(big.scalar_subquery() + delta)
    return sa.select(sa.func.count()).select_from(big.with_only_columns(sa.literal(1)).limit(COUNT_CAP + 1).subquery())


PG_SLICE_DOCS = 20_000  # PostgreSQL: a search alone is estimated from the documents of about this many events


def _pg_search_estimate(conn: Connection, f: EventFilter, only: tuple[str, str | None]) -> float | None:
    """PostgreSQL: about how many documents match a search alone, from a uniform slice of the event ids (about
    PG_SLICE_DOCS documents, read in one primary-key range: search.slice_counts), or None when it should be counted
    exactly (fewer than SAMPLE_MIN_HITS matches in the slice, an estimate within SEARCH_COUNT_CAP, the store's size
    unknown). Counting every match of a common word reads a heap row per match (Bitmap Heap Scan rechecking each
    document): 19,814 matches of "bakery" in 300k events 118 ms, "Islamic State" as an actor (53k) 157 ms; the slice
    costs 12-18 ms whatever the word. The slice's own size is counted in the same pass, so ids that are not uniform
    hashes (hand-made stores) give the exact figure or a fair one rather than a wild one."""
    n = _events_estimate(conn)
    if not n or n <= PG_SLICE_DOCS:
        return None
    below = "e" + format(int(16**16 * PG_SLICE_DOCS / n), "016x")
    stmt, params = _shaped(conn, "slice", f, (below,), lambda: search.slice_counts(only[0], only[1], below))
    docs, hits = conn.execute(stmt, params).one()
    if not docs or hits < SAMPLE_MIN_HITS:
        return None
    estimate = hits * n / docs
    return None if estimate <= SEARCH_COUNT_CAP else estimate


def _reviewed_count(conn: Connection, f: EventFilter) -> int:
    """The signed count of count_parts' reviewed parts (0 when none)."""
    if "proposed" not in f.status:
        return 0

    def build() -> sa.Select:
        rest = count_parts(f, dialect_of(conn))[1:]
        return sa.select(_reviewed_delta([(s, c) for s, _frm, _cf, c in rest], _changing_reviews(f)))

    stmt, params = _shaped(conn, "reviewed", f, (), build)
    return int(conn.execute(stmt, params).scalar_one())


def _count_within_budget(
    conn: Connection, q: Any, dialect: str, steps: int | None = None, params: dict[str, Any] | None = None
) -> int | None:
    """The count q gives, or None when it would cost more than the budget (SQLite: `steps` virtual-machine steps,
    COUNT_BUDGET_STEPS unless given; PostgreSQL and others: q counts through a LIMIT of COUNT_CAP + 1, see
    _budget_statement, and more than COUNT_CAP is over)."""
    if dialect != "sqlite":
        n = int(conn.execute(q, params or {}).scalar_one())
        return n if n <= COUNT_CAP else None
    raw = conn.connection.dbapi_connection
    raw.set_progress_handler(lambda: 1, steps or COUNT_BUDGET_STEPS)  # the first call (after the budget) interrupts
    try:
        return int(conn.execute(q, params or {}).scalar_one())
    except sa.exc.OperationalError as exc:
        if "interrupt" not in str(exc.orig).lower():
            raise
        return None
    finally:
        raw.set_progress_handler(None, 0)


def _sample_estimate(conn: Connection, f: EventFilter, dialect: str) -> float | None:
    """About how many events match on their own columns (count_parts' first part), from a uniform sample: events in
    search_key order (a hash of the id), the filter tested on each, until SAMPLE_HITS match or SAMPLE_ROWS were read;
    None when no event has a key."""
    key = events.c.search_key

    def build() -> sa.Select:
        conds = _conditions(f, base_col, dialect, per_row=True)
        hit = sa.case((sa.and_(*conds), 1), else_=0) if conds else sa.literal(1)
        walk = sa.select(key.label("k"), hit.label("hit")).where(key.is_not(None)).order_by(key).limit(SAMPLE_ROWS)
        walked = walk.subquery()
        hits = sa.select(walked.c.k).where(walked.c.hit == 1).limit(SAMPLE_HITS).subquery()
        edge = sa.select(key).where(key.is_not(None)).order_by(key).offset(SAMPLE_ROWS - 1).limit(1).scalar_subquery()
        return sa.select(sa.func.count(), sa.func.max(hits.c.k), edge)

    stmt, params = _shaped(conn, "sample", f, (SAMPLE_ROWS, SAMPLE_HITS), build)
    n, last_hit, last_row = conn.execute(stmt, params).one()
    n = int(n)
    if n < SAMPLE_MIN_HITS:  # over 10% off: better counted
        return None
    if n >= SAMPLE_HITS:  # stopped at the SAMPLE_HITS-th match: the share of the key space read ends there
        reach = int(last_hit) + 1
    elif last_row is not None:  # read SAMPLE_ROWS events
        reach = int(last_row) + 1
    else:  # fewer events with a key than SAMPLE_ROWS: all of them were read
        total_keyed = conn.execute(sa.select(sa.func.count()).select_from(events).where(key.is_not(None))).scalar()
        return None if not total_keyed else float(n) * _events_estimate_or(conn, total_keyed) / total_keyed
    return n * KEY_SPACE / reach


def _events_estimate_or(conn: Connection, default: int) -> int:
    """_events_estimate, or default when unknown."""
    n = _events_estimate(conn)
    return default if n is None else n


_ESTIMATE_TTL_S = 30.0
_estimates: dict[str, tuple[float, int | None]] = {}


def _events_estimate(conn: Connection) -> int | None:
    """About how many events are stored, at no cost: SQLite's largest rowid, PostgreSQL's planner estimate (None when
    unknown); read again after _ESTIMATE_TTL_S (it only steers a plan choice)."""
    key = str(conn.engine.url)
    now = time.monotonic()
    hit = _estimates.get(key)
    if hit is not None and now - hit[0] < _ESTIMATE_TTL_S:
        return hit[1]
    n = _read_estimate(conn)
    _estimates[key] = (now, n)
    return n


def _read_estimate(conn: Connection) -> int | None:
    """_events_estimate, read from the database."""
    dialect = dialect_of(conn)
    if dialect == "sqlite":
        return conn.execute(sa.select(sa.func.max(sa.literal_column("rowid"))).select_from(events)).scalar() or 0
    if dialect == "postgresql":
        n = conn.execute(sa.text("SELECT reltuples FROM pg_class WHERE oid = CAST('events' AS regclass)")).scalar()
        return int(n) if n is not None and n >= 0 else None
    return None


# SQLite reads and sorts a match (every selected column into its sorter) at about 1.5x the cost of a step of the walk
# (an index entry, the row, the filter): with 4 here, country=IQ (70k of 300k events) page 100 read and sorted every
# Iraqi event (271 ms) instead of walking 21k rows (33 ms); the bench mix's misses 6.5 -> 6.1 ms of CPU each. On
# PostgreSQL 4 and 1 measured the same within noise, so it stays at 4.
WALK_FACTOR = {"sqlite": 1.0, "postgresql": 4.0}
# PostgreSQL, a search: reading the matches costs a document recheck and an event read by id per match, the walk an
# index step and one document probe per row; with 1 instead of 4, pages 1 and 3 of eight of the bench's searches (300k
# events, counts cached) took 25-63 ms instead of 27-129 ms ("Saraqib", 7k matches: 129 -> 63 ms; "Houthi" as an actor
# 112 -> 43 ms), none slower.
PG_SEARCH_WALK_FACTOR = 1.0


# SQLite, default order, a filter on dates and country only: the walk reads (date, id, iso, country) from the covering
# date index alone (migration 0006), about 10x cheaper a step than reading a match (a country's MULTI-INDEX OR over its
# code and name indexes, the table row, the sorter): Yemen (43k of 300k events) page 200 took 368 ms reading its
# matches, 26 ms walking; page 20 257 against 3 ms.
COVERED_WALK_FACTOR = 0.1


def _covered_walk(f: EventFilter, key: str) -> bool:
    """Whether walking the date order tests every condition of f from the covering date index (dates, country)."""
    return key == "event_date" and not (
        f.bbox or f.near or f.admin1 or f.event_type or f.sub_event_type or f.min_fatalities is not None
        or (f.actor and f.actor.strip()) or (f.q and f.q.strip()) or f.report_id or f.ids is not None
        or f.after_id is not None
    )  # fmt: skip


def _many_matches(
    conn: Connection, total: int | None, window: int, covered: bool = False, searching: bool = False
) -> bool:
    """Whether walking the events in sort order finds a page of `window` rows sooner than reading every match.

    The walk visits about window * events / matches rows; reading the matches visits about `total` (through an index)
    or every event (a text search). The count is known before the page is read, so pick the walk when
    total^2 >= WALK_FACTOR * window * events (COVERED_WALK_FACTOR when `covered`: SQLite walks the date order from
    an index holding every column the filter reads). With no count (keyset batches) the walk is always right.
    """
    if total is None:
        return True
    n = _events_estimate(conn)
    dialect = dialect_of(conn)
    factor = COVERED_WALK_FACTOR if covered and dialect == "sqlite" else WALK_FACTOR.get(dialect, 4.0)
    if searching and dialect == "postgresql":
        factor = PG_SEARCH_WALK_FACTOR
    return total * total >= factor * window * (total if n is None else n)


def _page_select(
    f: EventFilter,
    dialect: str,
    sort: str,
    limit: int | None,
    offset: int,
    walk: str,
    has_value: bool = True,
    cursor: Cursor | None = None,
    columns: tuple[str, ...] | None = None,
) -> sa.Select | sa.CompoundSelect:
    """One statement for a page of the events with a value of the sort key (has_value) or of those without: both
    halves merged, sorted and cut by the database (UNION ALL), so deep pages cost no rows in Python.

    walk: "" (read the matches, then sort them), "rows" (walk in sort order, testing text matches per row) or
    "index" (also keep SQLite off the filters' indexes, so that it walks the sort key's index).

    SQLite merges the halves as each streams in order. PostgreSQL sorts a UNION ALL as a whole, so there each half is
    first cut to offset + limit rows in its own order (an index walk for the big half).

    cursor: keyset paging, only the rows after this one in the sort order ((key, id) compared as a row value, which
    the (key, id) indexes answer directly), so a deep page costs what the first does.
    """
    key, desc = _sort_parts(sort)
    arms = []
    parts = select_parts(f, dialect, _no_index if walk == "index" else base_col, per_row=bool(walk), columns=columns)
    for arm, colfn in parts:
        k = colfn(key)
        if key != "id":
            arm = arm.where(k.is_not(None) if has_value else k.is_(None))
        if cursor is not None:
            arm = arm.where(cursor.after(k, key, desc, has_value))
        arms.append((arm, k))
    if len(arms) == 1:
        arm, k = arms[0]
        return arm.order_by(*_order(k, events.c.id, key, desc, has_value)).limit(limit).offset(offset or None)
    window = None if limit is None else limit + offset
    if dialect == "sqlite":
        q = sa.union_all(*(arm for arm, _k in arms))
    else:
        subs = [arm.order_by(*_order(k, events.c.id, key, desc, has_value)).limit(window).subquery() for arm, k in arms]
        q = sa.union_all(*(sa.select(*sub.c) for sub in subs))
    order = _order(q.selected_columns[key], q.selected_columns["id"], key, desc, has_value)
    return q.order_by(*order).limit(limit).offset(offset or None)


def _rows(
    conn: Connection,
    f: EventFilter,
    sort: str,
    limit: int | None,
    offset: int,
    total: int | None = None,
    cursor: Cursor | None = None,
    fields: tuple[str, ...] | None = None,
) -> list[dict[str, Any]]:
    """Matching rows as dicts with sources, evidence and review status (event_dict shape), events without a value of
    the sort key last; `total`, when known, lets SQLite choose between walking the date index and sorting; `fields`:
    only these keys (and the id and sort key), see warlog.store.read.item_dicts."""
    key, _desc = _sort_parts(sort)
    dialect = dialect_of(conn)
    if key == "relevance":
        return _ranked_rows(conn, f, sort.startswith("-"), limit, offset, fields)
    walk = ""
    searching = bool((f.q and f.q.strip()) or (f.actor and f.actor.strip()))
    if _many_matches(conn, total, (limit or 0) + offset, _covered_walk(f, key), searching):
        # SQLite: walk the sort key's index (every sort the UI offers has one), the filters tested per row
        walk = "index" if dialect == "sqlite" and total else "rows"
    if fields is not None:  # the cursor of the next page needs the id and the sort key
        fields = tuple(k for k in ITEM_FIELDS if k in {*fields, "id", key})
    columns = item_columns(fields)
    rows: list[Any] = []
    keys: list[str] = []
    if cursor is None or not cursor.past_values:
        if _deferred(dialect, key, limit, offset, walk, total):
            keys, rows = _deferred_page(conn, f, dialect, sort, limit, offset, walk, cursor, columns)
        else:
            stmt, params = _shaped(
                conn, "page", f, (sort, limit, offset, walk, columns),
                lambda: _page_select(f, dialect, sort, limit, offset, walk, cursor=cursor, columns=columns),
                keep=cursor is None,
            )  # fmt: skip
            result = conn.execute(stmt, params)
            keys, rows = list(result.keys()), result.all()
    if key != "id" and (limit is None or len(rows) < limit):  # the page runs past the events with a value
        skip = 0 if rows or cursor is not None else max(0, offset - count_events(conn, f, with_value=key))
        rest = None if limit is None else limit - len(rows)
        page, params = _shaped(
            conn, "page_null", f, (sort, rest, skip, walk, columns),
            lambda: _page_select(f, dialect, sort, rest, skip, walk, has_value=False, cursor=cursor, columns=columns),
            keep=cursor is None,
        )  # fmt: skip
        result = conn.execute(page, params)
        keys = keys or list(result.keys())
        rows += result.all()
    return item_dicts(conn, rows, keys, fields)


DEFER_FROM_OFFSET = 500  # SQLite: pages this deep pick their ids first (the skipped rows read from an index alone)
DEFER_FROM_MATCHES = 1000  # ... and so do pages that sort at least this many matches (a box, a radius, a search)


def _deferred(dialect: str, key: str, limit: int | None, offset: int, walk: str, total: int | None) -> bool:
    """Whether a page (of the events with a value of the sort key) is read in two steps, see _deferred_page."""
    if dialect != "sqlite" or limit is None or key == "relevance":
        return False
    return offset >= DEFER_FROM_OFFSET or (walk == "" and total is not None and total >= DEFER_FROM_MATCHES)


def _deferred_page(
    conn: Connection,
    f: EventFilter,
    dialect: str,
    sort: str,
    limit: int | None,
    offset: int,
    walk: str,
    cursor: Cursor | None,
    columns: tuple[str, ...] | None,
) -> tuple[list[str], list[Any]]:
    """A page read in two steps (a "deferred join"): first the ids of its rows, in order, selecting only the id and
    the sort key, then those rows' columns by id. SQLite puts every selected column of every row it skips (OFFSET) or
    sorts into its sorter, reading each table row; with only (key, id) selected, the covering indexes (date, id, ...)
    and (latitude, longitude, date, id) answer the first step without touching the table (page 200 of a country, or a
    box's page in date order: 3-6x less SQL). The second step filters on the ids and the status only: the rows
    matched already."""
    key, desc = _sort_parts(sort)
    narrow = ("id",) if key == "id" else ("id", key)
    stmt, params = _shaped(
        conn, "page_ids", f, (sort, limit, offset, walk),
        lambda: _page_select(f, dialect, sort, limit, offset, walk, cursor=cursor, columns=narrow),
        keep=cursor is None,
    )  # fmt: skip
    picked = conn.execute(stmt, params).all()
    if not picked:
        return [], []
    by_ids = EventFilter(ids=tuple(r[0] for r in picked), status=f.status)
    stmt, params = _shaped(
        conn, "page_by_ids", by_ids, (sort, len(picked), columns),
        lambda: _page_select(by_ids, dialect, sort, len(picked), 0, "", columns=columns),
    )  # fmt: skip
    result = conn.execute(stmt, params)
    return list(result.keys()), result.all()


def _ranked_rows(
    conn: Connection,
    f: EventFilter,
    worst_first: bool,
    limit: int | None,
    offset: int,
    fields: tuple[str, ...] | None = None,
) -> list[dict]:
    """A page of the events matching f.q, best match first (ties by id); the search index narrows the events first,
    so the other filters are tried on effective values for the matches only."""
    if not (f.q and f.q.strip()):
        raise ValueError("sort by relevance needs a search (q)")
    dialect = dialect_of(conn)
    ranked = search.ranked_ids(f.q, dialect).subquery()
    score = ranked.c.score.desc() if worst_first else ranked.c.score.asc()
    q = (
        sa.select(*reviewed_columns(col))
        .select_from(reviewed_events().join(ranked, ranked.c.event_id == events.c.id))
        .where(STATUS.in_(list(f.status)), *_conditions(dataclasses.replace(f, q=None), col, dialect))
        .order_by(score, events.c.id)
        .limit(limit)
        .offset(offset or None)
    )
    result = conn.execute(q)
    return item_dicts(conn, result.all(), list(result.keys()), fields)


def list_events(
    engine: Engine, f: EventFilter, *, sort: str = "-event_date", limit: int = 100, offset: int = 0
) -> tuple[int, list[dict[str, Any]]]:
    """(total matching, one page of events) with reviewed values."""
    page = page_events(engine, f, sort=sort, limit=limit, offset=offset)
    return page.total, page.items


@dataclass
class Cursor:
    """Where a keyset page starts: after the row with this sort-key value and id (`past_values`: among the rows
    without a value, which come last)."""

    sort: str
    value: Any
    id: str
    past_values: bool

    def encode(self) -> str:
        """The opaque text clients send back as `after`."""
        raw = json.dumps([self.sort, iso_text(self.value), self.id, self.past_values], separators=(",", ":"))
        return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")

    @classmethod
    def decode(cls, text: str, sort: str) -> Cursor:
        """A cursor from `after`; ValueError when it is malformed or was made for another sort."""
        try:
            raw = json.loads(base64.urlsafe_b64decode(text + "=" * (-len(text) % 4)))
            s, value, ident, past = raw
        except (ValueError, TypeError) as exc:
            raise ValueError("after: not a cursor this server gave") from exc
        if s != sort or not isinstance(ident, str) or not isinstance(past, bool):
            raise ValueError("after: the cursor belongs to another sort order; start again without it")
        key = _sort_parts(sort)[0]
        if key == "event_date" and value is not None:
            value = date.fromisoformat(str(value))
        return cls(s, value, ident, past)

    @classmethod
    def of(cls, row: Mapping[str, Any], sort: str) -> Cursor:
        """The cursor just after this row."""
        key = _sort_parts(sort)[0]
        value = row["id"] if key == "id" else row.get(key)
        if key == "event_date" and value is not None:
            value = date.fromisoformat(str(value))
        return cls(sort, value, row["id"], value is None)

    def after(self, k: Any, key: str, desc: bool, has_value: bool) -> sa.ColumnElement[bool]:
        """The condition "after this cursor" on one arm of a page select."""
        if not has_value and not self.past_values and key != "id":
            return sa.true()  # the cursor is among the rows with a value: every row without one comes after it
        if key == "id" or not has_value or self.past_values:
            # ids alone order the rows without a value (and the id sort); the valued section is done when past it
            return events.c.id < self.id if desc else events.c.id > self.id
        pair, here = sa.tuple_(k, events.c.id), sa.tuple_(sa.literal(self.value, k.type), sa.literal(self.id))
        return pair < here if desc else pair > here


@dataclass
class Page:
    """One page of events: the total (`total_cached`: taken from the count cache, not counted now; `total_exact`:
    False when it is an estimate), the items and the cursor of the next page (None on the last)."""

    total: int
    items: list[dict[str, Any]]
    next: str | None = None
    total_cached: bool = False
    total_exact: bool = True  # False: `total` is an estimate (see count_bounded)


COUNT_CACHE_SIZE = 2000
_counts: OrderedDict[tuple[str, str], tuple[int, int, bool]] = OrderedDict()
_counts_lock = threading.Lock()
_count_flights: dict[tuple[tuple[str, str], int], threading.Lock] = {}


def _data_version(conn: Connection) -> int:
    """The store's data version (`warlog.store.version`): raised by every write, shared by every process on the
    database, so workers agree when a count is stale."""
    return version.current(conn)


def cached_count(
    conn: Connection, f: EventFilter, data_version: int | None = None, exact: bool = True
) -> tuple[int, bool, bool]:
    """(matching events, whether the figure came from the cache, whether it is exact): a filter counted once is not
    counted again until the data changes (see _data_version; `data_version`: the version the caller read just
    before, saving a read), so paging through a result set counts it once. exact=False: an estimate will do when an
    exact count is dear (count_bounded); an exact count is never answered with a cached estimate."""
    key = (str(conn.engine.url), repr(dataclasses.replace(f, after_id=None)))
    ver = _data_version(conn) if data_version is None else data_version
    hit = _count_hit(key, ver, exact)
    if hit is not None:
        return hit[0], True, hit[1]
    with _counts_lock:
        flight = _count_flights.setdefault((key, ver), threading.Lock())
    with flight:  # single-flight: concurrent pages of one filter count it once, the others wait for that count
        hit = _count_hit(key, ver, exact)
        if hit is not None:
            return hit[0], True, hit[1]
        try:
            total, is_exact = (count_events(conn, f), True) if exact else count_bounded(conn, f)
            with _counts_lock:
                _counts[key] = (ver, total, is_exact)
                while len(_counts) > COUNT_CACHE_SIZE:
                    _counts.popitem(last=False)
        finally:
            with _counts_lock:
                _count_flights.pop((key, ver), None)
    return total, False, is_exact


def _count_hit(key: tuple[str, str], ver: int, exact: bool = True) -> tuple[int, bool] | None:
    """The cached (count, exact) of a filter at this data version, or None (also when an exact count is asked for and
    only an estimate is kept)."""
    with _counts_lock:
        hit = _counts.get(key)
        if hit is not None and hit[0] == ver and (hit[2] or not exact):
            _counts.move_to_end(key)
            return hit[1], hit[2]
    return None


def page_events(
    engine: Engine,
    f: EventFilter,
    *,
    sort: str = "-event_date",
    limit: int = 100,
    offset: int = 0,
    after: str | None = None,
    fields: tuple[str, ...] | None = None,
    data_version: int | None = None,
    exact_total: bool = True,
) -> Page:
    """One page of matching events with reviewed values: by offset, or by keyset after a cursor (`after`, from a
    previous page's `next`), with the total counted once per filter and data version; `fields`: only these item keys
    (warlog.store.read.parse_fields; None: all); `data_version`: the store's version read just before (else read
    here); exact_total=False: the total may be an estimate where an exact count is dear (Page.total_exact says)."""
    cursor = Cursor.decode(after, sort) if after else None
    with engine.connect() as conn:
        total, cached, is_exact = cached_count(conn, f, data_version, exact=exact_total)
        if cursor is None and is_exact and total <= offset:
            return Page(total, [], None, cached)
        items = _rows(conn, f, sort, limit, 0 if cursor else offset, total, cursor, fields)
    nxt = (
        Cursor.of(items[-1], sort).encode()
        if items and len(items) == limit and _sort_parts(sort)[0] != "relevance"
        else None
    )
    if fields is not None and items and len(items[0]) != len(fields):  # the id or sort key was added for the cursor
        items = [{k: d[k] for k in fields} for d in items]
    return Page(total, items, nxt, cached, is_exact)


def iter_events(engine: Engine, f: EventFilter, *, batch: int = 1000) -> Iterator[dict]:
    """Every matching event in id order, batch by batch with keyset paging (constant cost per batch at any depth)."""
    after: str | None = None
    while True:
        page = dataclasses.replace(f, after_id=after)
        with engine.connect() as conn:
            rows = _rows(conn, page, "id", batch, 0)
        yield from rows
        if len(rows) < batch:
            return
        after = rows[-1]["id"]


def _event_id_of(conn: Connection, event_id: str) -> str | None:
    """The linked event an id names: an event id, or the id of a mention it holds; None when unknown."""
    if conn.execute(sa.select(events.c.id).where(events.c.id == event_id)).first() is not None:
        return event_id
    eid = conn.execute(sa.select(mentions.c.event_id).where(mentions.c.id == event_id)).scalar()
    if eid is None or conn.execute(sa.select(events.c.id).where(events.c.id == eid)).first() is None:
        return None
    return eid


def get_linked_event(engine: Engine, event_id: str) -> dict[str, Any] | None:
    """One linked event (by its id or the id of any mention it holds) with reviewed values and review status, each
    report's corroboration and the reference records it matched; None when unknown."""
    with engine.connect() as conn:
        eid = _event_id_of(conn, event_id)
        if eid is None:
            return None
        row = (
            conn.execute(sa.select(*reviewed_columns()).select_from(reviewed_events()).where(events.c.id == eid))
            .mappings()
            .one()
        )
        d = records(conn, [row])[0].to_dict()
        cred = conn.execute(
            sa.select(report_credibility).where(report_credibility.c.report_id.in_(d["report_ids"] or [""]))
        ).mappings()
        creds = {c["report_id"]: corroboration_from_row(c["reasons"]) for c in cred}
        refs = conn.execute(
            sa.select(reference_matches, reference_events)
            .join(reference_events, reference_matches.c.reference_id == reference_events.c.id)
            .where(reference_matches.c.event_id == eid)
        ).mappings()
        ref_list = [
            {**dict(r), "event_date": iso_text(r["event_date"]), "date_end": iso_text(r["date_end"])} for r in refs
        ]
    for rep in d["reports"]:
        rep["corroboration"] = creds.get(rep["report_id"])
    d["references"] = ref_list
    return d


def event_detail(engine: Engine, event_id: str) -> dict[str, Any] | None:
    """One event with reviewed values, the machine's values where they differ, reports, review state and history."""
    review = get_review(engine, event_id)
    if review["status"] == "merged" and review["merged_into"]:
        return {"id": event_id, "review_status": "merged", "merged_into": review["merged_into"]}
    d = get_linked_event(engine, event_id)
    if d is None:
        return None
    if d["id"] != event_id:
        review = get_review(engine, d["id"])
    shown = [*review["overrides"]]
    if "fatalities" in review["overrides"]:
        shown += ["fatalities_min", "fatalities_max"]
    d["machine"] = {}
    if shown:
        with engine.connect() as conn:
            row = conn.execute(sa.select(*(events.c[k] for k in shown)).where(events.c.id == d["id"])).mappings().one()
        d["machine"] = {k: iso_text(row[k]) for k in shown}
    d["review"] = review
    merged_from = _merged_from(engine, d["id"])
    d["merged_from"] = merged_from
    d["history"] = audit_for(engine, [d["id"], *merged_from])
    return d


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
    status: tuple[str, ...] = STATUSES,
) -> list[dict[str, Any]]:
    """Linked events with reviewed values, sorted by event_date (unknown last) then id; every review status unless
    `status` says (linking's readers see every event it wrote)."""
    if near is not None and km is None:
        raise ValueError("near= needs a non-negative km=")
    f = EventFilter(country=country, since=since, until=until, event_type=event_type, near=near, km=km,
                    report_id=report_id, status=status)  # fmt: skip
    with engine.connect() as conn:
        return _rows(conn, f, "event_date", limit, offset)


def events_by_id(engine: Engine, ids: list[str], status: tuple[str, ...] = STATUSES) -> list[dict[str, Any]]:
    """Linked events by id, as query_events gives them, read in chunks of 500."""
    out: list[dict[str, Any]] = []
    with engine.connect() as conn:
        for i in range(0, len(ids), 500):
            out.extend(_rows(conn, EventFilter(ids=tuple(ids[i : i + 500]), status=status), "id", None, 0))
    return out


def parse_status(value: str | None) -> tuple[str, ...]:
    """A status filter as the CLI and API take it: "active" (default: proposed, confirmed, edited), "all", or a comma
    list of statuses; raises ValueError for an unknown status."""
    if value in (None, "", "active"):
        return ACTIVE
    if value == "all":
        return STATUSES
    statuses = tuple(s.strip() for s in value.split(",") if s.strip())
    if not statuses or not set(statuses) <= set(STATUSES):
        raise ValueError(f"status: use active, all, or some of {', '.join(STATUSES)}")
    return statuses


def has_events(engine: Engine) -> bool:
    """Whether linking has written any event (before that, readers list mentions)."""
    with engine.connect() as conn:
        return conn.execute(sa.select(events.c.id).limit(1)).first() is not None


def read_events(
    engine: Engine, f: EventFilter, *, sort: str = "event_date", limit: int | None = None, offset: int = 0
) -> list[dict[str, Any]]:
    """Matching events with reviewed values and review status, in `sort` order (unknown values last); in a store
    that was never linked, its mentions (by date), filtered the same way."""
    if has_events(engine):
        with engine.connect() as conn:
            return _rows(conn, f, sort, limit, offset)
    if set(f.status).isdisjoint({"proposed"}):
        return []
    return [mention_dict(r) for r in mention_rows(engine, f, limit=limit, offset=offset)]


def iter_read_events(engine: Engine, f: EventFilter, *, batch: int = 1000) -> Iterator[dict[str, Any]]:
    """Every matching event (id order, keyset batches), or every matching mention in a store never linked."""
    if has_events(engine):
        yield from iter_events(engine, f, batch=batch)
    else:
        yield from read_events(engine, f)


def mention_rows(
    engine: Engine, f: EventFilter, *, limit: int | None = None, offset: int = 0
) -> list[Mapping[str, Any]]:
    """Unlinked-store reading: mentions joined to their report's outlet, title, url and date, filtered like events,
    sorted by event_date (unknown last) then id."""
    q = sa.select(mentions, reports.c.outlet, reports.c.title, reports.c.url, reports.c.published)
    q = q.join(reports, mentions.c.report_id == reports.c.id).where(*mention_conditions(f, engine.dialect.name))
    q = q.order_by(sa.case((mentions.c.event_date.is_(None), 1), else_=0), mentions.c.event_date, mentions.c.id)
    q = q.limit(limit).offset(offset or None)
    with engine.connect() as conn:
        return conn.execute(q).mappings().all()


def _merged_from(engine: Engine, event_id: str) -> list[str]:
    """Ids of events an analyst merged into this one."""
    q = sa.select(event_reviews.c.event_id).where(event_reviews.c.merged_into == event_id)
    with engine.connect() as conn:
        return list(conn.execute(q).scalars())


STAT_DIMENSIONS = {"day": "event_date", "type": "event_type", "admin1": "admin1"}


def stats(
    engine: Engine, f: EventFilter, *, by: tuple[str, ...] = ("day", "type", "admin1"), top: int = 50
) -> dict[str, Any]:
    """Counts and fatalities of the matching events, in total and by day, event type and admin1 (top ones).

    `by` picks the breakdowns (each is one GROUP BY; the timeline needs only "day").
    """
    totals = {"events": 0, "fatalities": 0}
    groups: dict[str, dict[Any, list[int]]] = {STAT_DIMENSIONS[b]: {} for b in by}
    with engine.connect() as conn:
        for sign, frm, colfn, conds in count_parts(f, dialect_of(conn)):
            deaths = sa.func.coalesce(sa.func.sum(colfn("fatalities")), 0)
            n, dead = conn.execute(sa.select(sa.func.count(), deaths).select_from(frm).where(*conds)).one()
            totals["events"] += sign * int(n)
            totals["fatalities"] += sign * int(dead)
            for name, acc in groups.items():
                # An expression rather than the bare column: SQLite then scans once and sorts, instead of walking
                # the column's index with one random row read per event (4x faster on a million events).
                k = (sa.func.coalesce(colfn(name), colfn(name)) if colfn is base_col else colfn(name)).label("key")
                q = sa.select(k, sa.func.count(), deaths).select_from(frm).where(*conds).group_by(k)
                for key, cnt, d in conn.execute(q):
                    slot = acc.setdefault(_iso(key) if name == "event_date" else key, [0, 0])
                    slot[0] += sign * int(cnt)
                    slot[1] += sign * int(d)
        n_reports = conn.execute(sa.select(sa.func.count()).select_from(reports)).scalar_one()

    def listed(acc: dict[Any, list[int]]) -> list[dict[str, Any]]:
        return [{"key": k, "events": v[0], "fatalities": v[1]} for k, v in acc.items() if v[0] > 0]

    by_day = sorted((d for d in listed(groups.get("event_date", {})) if d["key"] is not None), key=lambda d: d["key"])
    by_type = sorted(listed(groups.get("event_type", {})), key=lambda d: (-d["events"], str(d["key"])))
    by_admin1 = sorted(listed(groups.get("admin1", {})), key=lambda d: (-d["events"], str(d["key"])))[:top]
    return {
        **totals,
        "reports": int(n_reports),
        "first_date": by_day[0]["key"] if by_day else None,
        "last_date": by_day[-1]["key"] if by_day else None,
        "by_day": by_day,
        "by_type": by_type,
        "by_admin1": by_admin1,
    }


def _iso(value: Any) -> str | None:
    """A date (or ISO text from SQLite) as YYYY-MM-DD."""
    if value is None:
        return None
    return value.isoformat() if isinstance(value, date) else str(value)[:10]


def report_detail(engine: Engine, report_id: str) -> dict[str, Any] | None:
    """A report with its text, its mentions (evidence offsets, event ids) and its claims."""
    with engine.connect() as conn:
        row = conn.execute(sa.select(reports).where(reports.c.id == report_id)).mappings().first()
        if row is None:
            return None
        ms = conn.execute(sa.select(mentions).where(mentions.c.report_id == report_id).order_by(mentions.c.id))
        mention_rows = [dict(m) for m in ms.mappings()]
        cl = conn.execute(sa.select(claims).where(claims.c.report_id == report_id).order_by(claims.c.id))
        claim_rows = list(cl.mappings().all())
    d = {k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in dict(row).items()}
    d["mentions"] = []
    for m in mention_rows:
        md = mention_from_row(m).to_acled()
        md["event_id"] = m["event_id"]
        d["mentions"].append(md)
    d["claims"] = [_claim(c) for c in claim_rows]
    return d


def _claim(row: Mapping[str, Any]) -> dict[str, Any]:
    """A claims row as Claim.to_dict() gives it."""
    return _claim_dict(row)


def list_claims(
    engine: Engine, *, report_id: str | None = None, q: str | None = None, limit: int = 100, offset: int = 0
) -> tuple[int, list[dict[str, Any]]]:
    """(total, one page of claims), optionally one report's or matching text."""
    conds: list[sa.ColumnElement[bool]] = []
    if report_id:
        conds.append(claims.c.report_id == report_id)
    if q and q.strip():
        pat = _like(q.strip())
        conds.append(sa.or_(claims.c.what.ilike(pat, escape="\\"), claims.c.where_.ilike(pat, escape="\\")))
    with engine.connect() as conn:
        total = conn.execute(sa.select(sa.func.count()).select_from(claims).where(*conds)).scalar_one()
        rows = conn.execute(
            sa.select(claims).where(*conds).order_by(claims.c.report_id, claims.c.id).limit(limit).offset(offset)
        ).mappings()
        return int(total), [_claim(r) for r in rows]
