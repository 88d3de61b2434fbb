"""What the write endpoints do: ingest a report (text or URL), and review events (confirm, edit, reject, merge,
split), each change kept in the audit trail with who, when, before and after."""

from __future__ import annotations

import dataclasses
from datetime import date
from typing import Any

import sqlalchemy as sa

from warlog.store import Store
from warlog.store import linking as db
from warlog.store.query import event_detail
from warlog.store.review import REVIEW_FIELDS, clean_overrides, get_review, record_audit, set_review
from warlog.store.schema import event_sources, events, mentions


class ReviewError(ValueError):
    """A review action that cannot be applied (unknown event, bad field, bad split); the message says why."""

    def __init__(self, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.status = status


SNAPSHOT_FIELDS = (*REVIEW_FIELDS, "review_status", "n_reports", "n_sources", "sources")


def snapshot(store: Store, event_id: str) -> dict[str, Any]:
    """The event's reviewed fields as they stand (for the audit trail's before and after)."""
    d = event_detail(store.engine, event_id)
    if d is None or d.get("review_status") == "merged":
        raise ReviewError(f"no event {event_id}", 404)
    return {k: d.get(k) for k in SNAPSHOT_FIELDS}


def confirm(store: Store, event_id: str, actor: str, note: str | None = None) -> dict[str, Any]:
    """Mark an event as checked and right (overrides made earlier stay)."""
    before = snapshot(store, event_id)
    set_review(
        store,
        event_id,
        actor=actor,
        action="confirm",
        status="confirmed",
        note=note,
        before=before,
        after={**before, "review_status": "confirmed"},
    )
    return event_detail(store.engine, event_id) or {}


def reject(store: Store, event_id: str, actor: str, note: str | None = None) -> dict[str, Any]:
    """Mark an event as wrong: lists and exports leave it out unless asked for rejected events."""
    before = snapshot(store, event_id)
    set_review(
        store,
        event_id,
        actor=actor,
        action="reject",
        status="rejected",
        note=note,
        before=before,
        after={**before, "review_status": "rejected"},
    )
    return event_detail(store.engine, event_id) or {}


def edit(store: Store, event_id: str, fields: dict[str, Any], actor: str, note: str | None = None) -> dict[str, Any]:
    """Override fields (validated); the machine's values stay in `events` and show as `machine` in the detail."""
    if not fields:
        raise ReviewError("no fields to edit")
    try:
        overrides = clean_overrides(fields)
    except (ValueError, TypeError) as exc:
        raise ReviewError(str(exc), 422) from None
    before = snapshot(store, event_id)
    set_review(
        store,
        event_id,
        actor=actor,
        action="edit",
        status="edited",
        overrides=overrides,
        note=note,
        before=before,
        after=None,
    )
    after = snapshot(store, event_id)
    _fix_last_after(store, event_id, after)
    return event_detail(store.engine, event_id) or {}


def _fix_last_after(store: Store, event_id: str, after: dict[str, Any]) -> None:
    """Store the full after-snapshot on the audit row just written (set_review wrote the review state)."""
    from warlog.store.review import _jsonable, audit_log

    with store._write() as conn:
        last = conn.execute(sa.select(sa.func.max(audit_log.c.id)).where(audit_log.c.event_id == event_id)).scalar_one()
        conn.execute(sa.update(audit_log).where(audit_log.c.id == last).values(after=_jsonable(after)))


def _members(store: Store, event_id: str) -> list[str]:
    """Mention ids of an event."""
    with store.engine.connect() as conn:
        return list(conn.execute(sa.select(mentions.c.id).where(mentions.c.event_id == event_id)).scalars())


def _drop_event(store: Store, event_id: str) -> None:
    """Remove an emptied event's rows (its mentions now belong elsewhere)."""
    with store._write() as conn:
        conn.execute(sa.delete(event_sources).where(event_sources.c.event_id == event_id))
        conn.execute(sa.delete(events).where(events.c.id == event_id))


def merge(store: Store, event_id: str, other_id: str, actor: str, note: str | None = None) -> dict[str, Any]:
    """Merge other_id into event_id: its mentions join, the event is re-reconciled, other_id redirects here."""
    from warlog.link.run import update_events

    if event_id == other_id:
        raise ReviewError("cannot merge an event into itself")
    before, other_before = snapshot(store, event_id), snapshot(store, other_id)
    moved = _members(store, other_id)
    db.assign_events(store, {m: event_id for m in moved})
    update_events(store, [event_id])
    _drop_event(store, other_id)
    set_review(
        store,
        other_id,
        actor=actor,
        action="merge",
        status="merged",
        merged_into=event_id,
        note=note,
        before=other_before,
        after={"merged_into": event_id},
    )
    after = snapshot(store, event_id)
    record_audit(store, event_id, "merge", actor, before, {**after, "merged_from": other_id, "mentions": moved}, note)
    return event_detail(store.engine, event_id) or {}


def split(store: Store, event_id: str, mention_ids: list[str], actor: str, note: str | None = None) -> dict[str, Any]:
    """Move some mentions of an event into a new event; both are re-reconciled. Returns {event, new_event}."""
    from warlog.link.linker import event_id_for
    from warlog.link.run import update_events

    before = snapshot(store, event_id)
    members = set(_members(store, event_id))
    moved = set(mention_ids)
    if not moved or not moved <= members:
        raise ReviewError("mention_ids must be mentions of this event")
    if moved == members:
        raise ReviewError("leave at least one mention in the event")
    with store.engine.connect() as conn:
        founder = conn.execute(sa.select(events.c.first_mention_id).where(events.c.id == event_id)).scalar()
    if founder in moved:  # the founding mention keeps the event id
        moved = members - moved
    new_id = event_id_for(min(moved))
    if new_id == event_id or _exists(store, new_id):
        raise ReviewError(f"cannot split: event id {new_id} is taken", 409)
    db.assign_events(store, {m: new_id for m in moved})
    update_events(store, [event_id, new_id])
    cleared = {f: None for f in REVIEW_FIELDS}
    set_review(
        store,
        new_id,
        actor=actor,
        action="split",
        status="proposed",
        overrides=cleared,
        note=note,
        before={"split_from": event_id, "earlier_review": get_review(store.engine, new_id)},
        after={"split_from": event_id, "mentions": sorted(moved)},
    )
    record_audit(
        store,
        event_id,
        "split",
        actor,
        before,
        {**snapshot(store, event_id), "split_into": new_id, "mentions": sorted(moved)},
        note,
    )
    return {"event": event_detail(store.engine, event_id), "new_event": event_detail(store.engine, new_id)}


def _exists(store: Store, event_id: str) -> bool:
    """Whether an events row with this id exists."""
    with store.engine.connect() as conn:
        return conn.execute(sa.select(events.c.id).where(events.c.id == event_id)).first() is not None


# ---------------------------------------------------------------------------------------------------------------------
# ingest


def ingest_report(
    store: Store,
    *,
    actor: str,
    text: str | None = None,
    url: str | None = None,
    title: str | None = None,
    outlet: str | None = None,
    published: date | None = None,
    allow_private: bool = False,
    nlp: Any = None,
    link: bool = True,
) -> dict[str, Any]:
    """Ingest one report from text or a URL, extract, store and link it; returns ids and counts."""
    from warlog.ingest import IngestError, is_url, read_sources
    from warlog.ingest import finalize as finalize_report
    from warlog.ingest.text import report_from_text
    from warlog.model import Report
    from warlog.service import extract_reports

    if bool(text) == bool(url):
        raise ReviewError("send either text or url")
    if url is not None and not is_url(url):
        # read_sources refuses it too (no local_files here): the server's disk is never read through the API
        raise ReviewError("url must be an http(s) URL; send a report's text as `text`", 422)
    if text is not None:
        try:
            raw = report_from_text(text, "api")
        except Exception as exc:  # IngestFailure: empty text
            raise ReviewError(str(exc), 422) from None
        raw = dataclasses.replace(raw, title=title or raw.title, outlet=outlet or raw.outlet)
        found: list[Report] = [finalize_report(raw, published=published)]
    else:
        items = list(read_sources([url], published=published, outlet=outlet, allow_private=allow_private))
        errors = [i for i in items if isinstance(i, IngestError)]
        found = [i for i in items if isinstance(i, Report)]
        if not found:
            raise ReviewError(str(errors[0]) if errors else "nothing to ingest at that URL", 422)
    results = []
    exs = extract_reports(found, nlp=nlp)
    for ex in exs:
        stored = store.save_extraction(ex)
        results.append(
            {
                "report_id": ex.report.id,
                "stored": stored,
                "mentions": len(ex.mentions),
                "claims": len(ex.claims),
                "warnings": ex.warnings,
            }
        )
    if link:
        from warlog.link.run import link_store

        link_store(store)
    by_report = db.event_ids_of_reports(store.engine, [r["report_id"] for r in results])
    for r in results:
        r["event_ids"] = sorted(by_report.get(r["report_id"], set()))
        if r["stored"]:
            record_audit(store, None, "ingest", actor, None, {"report_id": r["report_id"], "events": r["event_ids"]})
    return {"reports": results}


def review_state(store: Store, event_id: str) -> dict[str, Any]:
    """The review state of an event (for responses)."""
    return get_review(store.engine, event_id)
