"""The typed read model: one linked event as every reader sees it (CLI, HTTP API, exports, linking).

An analyst's review is applied in SQL, column by column: each reviewable field is COALESCE(review.field, event.field),
the review status is COALESCE(review.status, 'proposed'), and a reviewed fatalities figure also becomes the range shown
(fatalities_min = fatalities_max = the reviewed figure; the machine's range stays in the detail's `machine`). The row
then becomes an `EventRecord`, and `EventRecord.to_dict()` is the one JSON shape readers get.
"""

from __future__ import annotations

import functools
import json
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, fields
from typing import Any

import sqlalchemy as sa

from warlog.store.review import REVIEW_FIELDS, event_reviews
from warlog.store.rows import iso_text
from warlog.store.schema import event_sources, events, mentions, reports

# Columns whose shown value follows a reviewed field though they are not reviewable themselves.
FOLLOWS_REVIEW = {"fatalities_min": "fatalities", "fatalities_max": "fatalities"}
STATUS = sa.func.coalesce(event_reviews.c.status, "proposed")
_CHUNK = 500


def effective(name: str) -> sa.ColumnElement[Any]:
    """An event column as readers see it: the analyst's value when there is one, else the machine's."""
    if name in REVIEW_FIELDS:
        return sa.func.coalesce(event_reviews.c[name], events.c[name])
    if name in FOLLOWS_REVIEW:
        return sa.func.coalesce(event_reviews.c[FOLLOWS_REVIEW[name]], events.c[name])
    return events.c[name]


def machine(name: str) -> sa.ColumnElement[Any]:
    """An event column as linking wrote it (for events nobody reviewed: plain columns, so indexes apply)."""
    return events.c[name]


@functools.cache
def reviewed_columns(colfn: Any = effective) -> tuple[Any, ...]:
    """The events' columns under their own names, through `colfn`, plus the review status (built once per colfn:
    the expressions are immutable, and building them cost a millisecond per page)."""
    reviewed = set(REVIEW_FIELDS) | set(FOLLOWS_REVIEW)
    cols: list[Any] = [colfn(c.name).label(c.name) if c.name in reviewed else c for c in events.columns]
    return (*cols, STATUS.label("review_status"))


def reviewed_events() -> sa.FromClause:
    """events LEFT JOIN event_reviews: select reviewed_columns() from it to read events with reviews applied."""
    return events.outerjoin(event_reviews, event_reviews.c.event_id == events.c.id)


@dataclass
class SourceReport:
    """One report behind an event: its mention's figures and evidence, the report's title/url/date, and how it was
    linked."""

    report_id: str
    mention_id: str
    outlet: str | None = None
    source: str | None = None
    text_group: str | None = None
    title: str | None = None
    url: str | None = None
    published: str | None = None
    event_date: str | None = None
    location: str | None = None
    actor1: str | None = None
    fatalities: int | None = None
    link_score: float | None = None
    link_reason: str | None = None
    evidence: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class EventRecord:
    """A linked event with reviewed values applied: ACLED fields, the range of tolls, independent sources, flags, its
    reports and its review status (the detail adds the machine's values, the review, history and references)."""

    id: str
    review_status: str = "proposed"
    first_mention_id: str | None = None
    event_date: str | None = None
    time_precision: int | None = None
    disorder_type: str | None = None
    event_type: str | None = None
    sub_event_type: str | None = None
    actor1: str | None = None
    assoc_actor_1: str | None = None
    inter1: int | None = None
    actor2: str | None = None
    assoc_actor_2: str | None = None
    inter2: int | None = None
    location: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    admin3: str | None = None
    country: str | None = None
    iso: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    geo_precision: int | None = None
    gazetteer_id: str | None = None
    fatalities: int = 0
    fatalities_min: int | None = None
    fatalities_max: int | None = None
    injured: int | None = None
    civilians: int | None = None
    children: int | None = None
    women: int | None = None
    attributed_to: str | None = None
    confidence: float | None = None
    n_mentions: int | None = None
    n_reports: int | None = None
    n_sources: int | None = None
    sources: list[str] = field(default_factory=list)
    figures: dict[str, list[int]] = field(default_factory=dict)
    flags: list[str] = field(default_factory=list)
    reports: list[SourceReport] = field(default_factory=list)

    @property
    def evidence(self) -> list[dict[str, Any]]:
        """Up to three distinct evidence sentences across the event's reports."""
        out: list[dict[str, Any]] = []
        seen: set[str] = set()
        for r in self.reports:
            for e in r.evidence:
                if e["text"] not in seen and len(out) < 3:
                    seen.add(e["text"])
                    out.append(e)
        return out

    @property
    def first_report(self) -> SourceReport | None:
        """The founding mention's report (else the earliest)."""
        return next((r for r in self.reports if r.mention_id == self.first_mention_id), None) or (
            self.reports[0] if self.reports else None
        )

    @classmethod
    def from_row(
        cls, row: Mapping[str, Any], reports: Iterable[SourceReport] = (), keys: list[str] | None = None
    ) -> EventRecord:
        """An events row (reviewed columns and review_status, as reviewed_columns() selects them) and its reports;
        keys: the row's names that are fields (the same for every row of a result, so worked out once)."""
        if keys is None:
            keys = _field_keys(row)
        values = {k: row[k] for k in keys}
        values["event_date"] = iso_text(values.get("event_date"))
        values["review_status"] = values.get("review_status") or "proposed"
        values["fatalities"] = values.get("fatalities") or 0
        for name, empty in (("sources", list), ("flags", list), ("figures", dict)):
            raw = values.get(name)
            values[name] = empty(json.loads(raw) if isinstance(raw, str) else raw or empty())
        return cls(**values, reports=list(reports))

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape every reader gets (CLI json/csv, API, exports): the event's fields, then what the reports
        say (first report's id/title/url/date, member ids, up to three evidence sentences)."""
        d = {k: getattr(self, k) for k in _EVENT_FIELDS}  # shallow: asdict's deep copy cost a third of a page
        first = self.first_report
        d["event_id"] = self.id
        d["evidence"] = self.evidence
        d["outlet"] = "; ".join(self.sources)
        d["report_id"] = first.report_id if first else None
        d["title"] = first.title if first else None
        d["url"] = first.url if first else None
        d["published"] = first.published if first else None
        d["mention_ids"] = [r.mention_id for r in self.reports]
        d["report_ids"] = sorted({r.report_id for r in self.reports})
        d["unresolved_places"] = []
        d["reports"] = [{k: getattr(r, k) for k in _SOURCE_FIELDS} for r in self.reports]
        return d


_EVENT_FIELDS = tuple(f.name for f in fields(EventRecord) if f.name != "reports")
_SOURCE_FIELDS = tuple(f.name for f in fields(SourceReport))
# The keys of EventRecord.to_dict(), and those that need the event's reports read (a query of its own).
ITEM_FIELDS = (*_EVENT_FIELDS, "event_id", "evidence", "outlet", "report_id", "title", "url", "published",
               "mention_ids", "report_ids", "unresolved_places", "reports")  # fmt: skip
REPORT_FIELDS = frozenset({"evidence", "report_id", "title", "url", "published", "mention_ids", "report_ids",
                           "reports"})  # fmt: skip
_JSON_FIELDS = {"sources": list, "flags": list, "figures": dict}


def parse_fields(value: str | None) -> tuple[str, ...] | None:
    """A `fields` request ("id,event_date,fatalities") as the item keys it names, in to_dict() order; None for all.
    ValueError names an unknown key."""
    if value is None or not value.strip():
        return None
    asked = {f.strip() for f in value.split(",") if f.strip()}
    unknown = sorted(asked - set(ITEM_FIELDS))
    if unknown:
        raise ValueError(f"fields: unknown {', '.join(unknown)}; choose among {', '.join(ITEM_FIELDS)}")
    return tuple(f for f in ITEM_FIELDS if f in asked)


_ITEM_COLUMN = {"event_id": "id", "outlet": "sources", "unresolved_places": None}


def item_columns(want: tuple[str, ...] | None) -> tuple[str, ...] | None:
    """The columns (events columns and review_status) that items of only these keys are built from; None (every
    column) when all keys are wanted or some need the event's reports."""
    if want is None or REPORT_FIELDS.intersection(want):
        return None
    cols = {_ITEM_COLUMN.get(k, k) for k in want} - {None}
    return tuple(c for c in (*(c.name for c in events.columns), "review_status") if c in cols)


def item_dicts(conn: sa.Connection, result: Iterable[Any], keys: list[str], want: tuple[str, ...] | None) -> list[dict]:
    """Items (EventRecord.to_dict() shape) of rows of reviewed columns (`keys`: the rows' column names), with only the
    `want` keys (None: all). Items that need no report field are built from the row alone: no query for the reports,
    no record objects (a page of 50 such items costs about a tenth of the full ones)."""
    if want is None or REPORT_FIELDS.intersection(want):
        rows = [dict(zip(keys, r, strict=True)) for r in result]
        items = [rec.to_dict() for rec in records(conn, rows)]
        return items if want is None else [{k: d[k] for k in want} for d in items]
    at = {k: i for i, k in enumerate(keys)}
    plan = []
    for k in want:
        if k == "event_id":
            plan.append((k, "id", None))
        elif k == "outlet":
            plan.append((k, "sources", "; ".join))
        elif k == "unresolved_places":
            plan.append((k, None, None))
        elif k in _JSON_FIELDS:
            plan.append((k, k, _JSON_FIELDS[k]))
        elif k == "event_date":
            plan.append((k, k, iso_text))
        elif k == "review_status":
            plan.append((k, k, lambda v: v or "proposed"))
        elif k == "fatalities":
            plan.append((k, k, lambda v: v or 0))
        else:
            plan.append((k, k, None))
    steps = [(k, at.get(col, -1) if col else -1, fn, col) for k, col, fn in plan]
    out = []
    for r in result:
        d = {}
        for k, j, fn, col in steps:
            if col is None:
                d[k] = []
                continue
            v = r[j] if j >= 0 else None
            if col in _JSON_FIELDS:
                v = _JSON_FIELDS[col](json.loads(v) if isinstance(v, str) else v or _JSON_FIELDS[col]())
                if fn is not None and fn is not _JSON_FIELDS[col]:
                    v = fn(v)
            elif fn is not None:
                v = fn(v)
            d[k] = v
        out.append(d)
    return out


def sources_by_event(conn: sa.Connection, ids: list[str]) -> dict[str, list[SourceReport]]:
    """Each event's reports (source rows joined to the mention's evidence and the report's title, url and date)."""
    out: dict[str, list[SourceReport]] = defaultdict(list)
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
    for i in range(0, len(ids), _CHUNK):
        q = q0.where(event_sources.c.event_id.in_(ids[i : i + _CHUNK]))
        result = conn.execute(q.order_by(reports.c.published, event_sources.c.mention_id))
        # plain tuples and positions looked up once: a mapping per row cost three quarters of this function
        names = list(result.keys())
        fields = [(n, names.index(n)) for n in _SOURCE_FIELDS if n in names]
        at_event, at_pub, at_date, at_ev = (names.index(n) for n in ("event_id", "published", "event_date", "evidence"))
        for r in result:
            d = {n: r[j] for n, j in fields}
            d["published"] = iso_text(r[at_pub])
            d["event_date"] = iso_text(r[at_date])
            ev = r[at_ev]
            d["evidence"] = list((json.loads(ev) if isinstance(ev, str) else ev) or [])
            out[r[at_event]].append(SourceReport(**d))
    return out


def _field_keys(row: Mapping[str, Any]) -> list[str]:
    """The names of a row that are EventRecord fields (reports aside)."""
    known = EventRecord.__dataclass_fields__
    return [k for k in row.keys() if k in known and k != "reports"]


def records(conn: sa.Connection, rows: Iterable[Mapping[str, Any]]) -> list[EventRecord]:
    """EventRecords for rows of reviewed columns, their reports read in chunks (one query per 500 events)."""
    rows = list(rows)
    srcs = sources_by_event(conn, [r["id"] for r in rows])
    keys = _field_keys(rows[0]) if rows else []
    return [EventRecord.from_row(r, srcs.get(r["id"], []), keys) for r in rows]


def event_dict(row: Mapping[str, Any], srcs: Iterable[SourceReport]) -> dict[str, Any]:
    """An events row and its reports as the dict readers get (EventRecord.to_dict())."""
    return EventRecord.from_row(row, srcs).to_dict()
