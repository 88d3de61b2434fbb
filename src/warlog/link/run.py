"""Link a store: new mentions join existing events (or found new ones), touched events are reconciled, matched to
reference records, and the corroboration of their reports (independent sources, syndicated copies, figure agreement,
contradictions, reference records) is recomputed. Nothing else is recomputed."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta
from operator import attrgetter
from typing import TYPE_CHECKING, Any

from warlog.link.blocking import DATE_WINDOW_DAYS
from warlog.link.corroboration import corroborate_reports
from warlog.link.linker import LinkDecision, Linker, event_id_for
from warlog.link.reconcile import Member, reconcile
from warlog.link.reference import match_events
from warlog.link.score import PairScore
from warlog.link.syndication import independent_sources, syndication_groups
from warlog.model import place_fields
from warlog.store import linking as db
from warlog.store.rows import iso_text
from warlog.store.schema import event_sources

if TYPE_CHECKING:
    from warlog.store import Store


@dataclass
class LinkSummary:
    """What a linking run did."""

    new_mentions: int = 0
    joined: int = 0
    founded: int = 0
    events_updated: int = 0
    reports_corroborated: int = 0
    decisions: list[LinkDecision] = field(default_factory=list)


def reconcile_rows(eid: str, members: list[tuple[Any, dict[str, Any]]], decisions: dict[str, LinkDecision]) -> tuple:
    """The events row and event_sources rows for one event from its members (mention, report info)."""
    if len(members) == 1 and (one := _reconcile_one(eid, *members[0], decisions)) is not None:
        return one
    texts: dict[str, str] = {}
    outlets: dict[str, str | None] = {}
    for m, info in members:  # a report's last member gives its text and outlet (one report, one text)
        rid = m.report_id
        texts[rid] = info.get("text") or ""
        outlets[rid] = info.get("outlet")
    groups = syndication_groups(texts)
    sources = independent_sources(outlets, groups)
    ms = [
        Member(m, info.get("outlet"), info.get("published"), groups.get(m.report_id), sources.get(m.report_id))
        for m, info in members
    ]
    rec = reconcile(ms)
    if len(members) == 1:
        first = members[0][0]
    else:  # the founding mention (its id gives the event's), else the smallest id
        founders = [m for m, _ in members if event_id_for(m.id) == eid]
        first = founders[0] if len(founders) == 1 else min(founders or [m for m, _ in members], key=_by_id)
    row = {"id": eid, "first_mention_id": first.id, **rec.fields,
           "sources": rec.sources, "figures": rec.figures, "flags": rec.flags}  # fmt: skip
    src_rows = []
    get_decision = decisions.get
    for mem in ms:
        mention = mem.mention
        d = get_decision(mention.id)
        score = d.score if d else None
        src_rows.append(
            {
                "event_id": eid,
                "mention_id": mention.id,
                "report_id": mention.report_id,
                "outlet": mem.outlet,
                "source": mem.source,
                "text_group": mem.text_group,
                "fatalities": mention.fatalities,
                "link_score": round(score.total, 3) if score else None,
                "link_reason": f"joined via {d.matched_mention}: {score.explain()}" if score else None,  # type: ignore[union-attr]
            }
        )
    return row, src_rows


_by_id = attrgetter("id")


def _given(value: Any) -> Any:
    """reconcile._most_common of one value: the value, unless it is None or empty."""
    return None if value is None or value == "" else value


def _reconcile_one(eid: str, m: Any, info: dict[str, Any], decisions: dict[str, LinkDecision]) -> tuple | None:
    """reconcile_rows of a one-member event (a quarter to a third of the events of an archive): the same row and
    source row that syndication_groups, independent_sources and reconcile give one member, without their passes.
    None where reconcile's own path must run (a place with an empty location name)."""
    place = m.place
    if place is not None and place.location == "":
        return None
    rid = m.report_id
    outlet = info.get("outlet")
    source = (outlet or rid).strip()  # independent_sources of one report
    toll = m.fatalities or 0
    figures = {source or rid: [toll]}
    day = m.event_date
    event_type = _given(m.event_type)
    same_type = m.event_type == event_type
    fatalities = m.fatalities
    fields = {
        "event_date": day,
        "time_precision": 1 if day is None else (m.time_precision or 1),
        "disorder_type": _given(m.disorder_type) if same_type else None,
        "event_type": event_type,
        "sub_event_type": _given(m.sub_event_type) if same_type else None,
        "actor1": _given(m.actor1),
        "assoc_actor_1": m.assoc_actor_1,
        "inter1": m.inter1,
        "actor2": _given(m.actor2),
        "assoc_actor_2": m.assoc_actor_2,
        "inter2": m.inter2,
        **place_fields(place),
        "fatalities": toll if toll > 0 else 0,
        "fatalities_min": fatalities if fatalities else 0,
        "fatalities_max": fatalities if fatalities else 0,
        "injured": m.injured or None,
        "civilians": m.civilians or None,
        "children": m.children or None,
        "women": m.women or None,
        "attributed_to": _given(m.attributed_to),
        "confidence": m.confidence,
        "n_mentions": 1,
        "n_reports": 1,
        "n_sources": 1,
    }
    row = {"id": eid, "first_mention_id": m.id, **fields, "sources": [outlet or "?"], "figures": figures,
           "flags": ["single_source"]}  # fmt: skip
    d = decisions.get(m.id)
    score = d.score if d else None
    src = {
        "event_id": eid,
        "mention_id": m.id,
        "report_id": rid,
        "outlet": outlet,
        "source": source,
        "text_group": rid,
        "fatalities": fatalities,
        "link_score": round(score.total, 3) if score else None,
        "link_reason": f"joined via {d.matched_mention}: {score.explain()}" if score else None,  # type: ignore[union-attr]
    }
    return row, [src]


def _keep_decisions(store: Store, event_ids: list[str]) -> dict[str, LinkDecision]:
    """Earlier link scores of these events' members, so a re-reconciled event keeps its evidence trail."""
    import sqlalchemy as sa

    out: dict[str, LinkDecision] = {}
    with store.engine.connect() as conn:
        if db.empty(conn, event_sources):  # a first link (or a rebuild): no earlier scores
            return out
        for i in range(0, len(event_ids), 500):
            q = sa.select(event_sources).where(event_sources.c.event_id.in_(event_ids[i : i + 500]))
            for r in conn.execute(q).mappings():
                if r["link_score"] is not None:
                    reason = r["link_reason"] or ""
                    matched = reason.split(":")[0].removeprefix("joined via ").strip() or None
                    score = PairScore({}, r["link_score"])
                    score.explain = lambda reason=reason: reason.split(": ", 1)[-1]  # type: ignore[method-assign]
                    out[r["mention_id"]] = LinkDecision(r["mention_id"], r["event_id"], False, score, matched)
    return out


def link_store(store: Store, *, rebuild: bool = False, references: bool = True) -> LinkSummary:
    """Link the store's unlinked mentions incrementally (rebuild=True: forget every event first).

    One linker at a time per database: concurrent ingests wait here rather than found the same event twice."""
    import gc

    with store.exclusive("link"):
        # The run allocates millions of objects and frees few until it ends (mentions, rows, scores): the cyclic
        # collector's passes over them found nothing to free and cost ~10% of a whole-store link.
        collecting = gc.isenabled()
        gc.disable()
        try:
            return _link_store(store, rebuild=rebuild, references=references)
        finally:
            if collecting:
                gc.enable()


def _link_store(store: Store, *, rebuild: bool, references: bool) -> LinkSummary:
    if rebuild:
        db.clear_links(store)
    summary = LinkSummary()
    new = db.unlinked_mentions(store.engine)
    if not new:
        return summary
    # No mention in any event yet (a store's first link, or a rebuild): every member of the events this run writes,
    # and every event of the reports it links, is one of its own assignments (under the link lock, nobody else
    # assigns), so neither is read back from the mentions table.
    first = not db.any_linked(store.engine)
    dated = [m.event_date for m, _ in new if m.event_date is not None]
    linker = Linker()
    if dated:
        pad = timedelta(days=DATE_WINDOW_DAYS[3])
        for m, info in db.linked_mentions(store.engine, min(dated) - pad, max(dated) + pad):
            linker.load(info["event_id"], m)
    decisions = linker.add_all([m for m, _ in new])
    del linker  # its members, block index and remembered words and keys are not read again: their memory is reused
    summary.decisions = decisions
    summary.new_mentions = len(decisions)
    summary.founded = sum(d.founded for d in decisions)
    summary.joined = summary.new_mentions - summary.founded
    assignment = {d.mention_id: d.event_id for d in decisions}
    db.assign_events(store, assignment)
    member_ids: dict[str, list[str]] | None = None
    if first:
        member_ids = {}
        for d in decisions:
            member_ids.setdefault(d.event_id, []).append(d.mention_id)
    touched = sorted(member_ids) if member_ids is not None else sorted({d.event_id for d in decisions})
    # what corroboration needs of the new mentions, taken before they are handed to update_events: the mentions
    # themselves (a million objects at a million mentions) are then freed as soon as their events are written
    report_ids: set[str] = set()
    by_report: dict[str, set[str]] | None = None
    if references:
        report_ids = {m.report_id for m, _ in new}
        if first:
            by_report = {}
            for m, _ in new:
                by_report.setdefault(m.report_id, set()).add(assignment[m.id])
    known = {m.id: (m, info) for m, info in new}
    del new
    written = update_events(store, touched, {d.mention_id: d for d in decisions}, known=known, member_ids=member_ids)
    del known
    summary.events_updated = len(touched)
    if references:
        if db.count_reference(store.engine):
            match_events(store, touched)
        summary.reports_corroborated = len(corroborate_reports(store, report_ids, written, by_report))
    return summary


def update_events(
    store: Store,
    event_ids: list[str],
    decisions: dict[str, LinkDecision] | None = None,
    known: dict[str, tuple[Any, dict[str, Any]]] | None = None,
    member_ids: dict[str, list[str]] | None = None,
) -> dict[str, dict[str, Any]]:
    """Re-reconcile these events from all their members and write them (under the link lock: a reviewer's edit and
    an ingest's linking may touch the same event). `known`: members already read (mention id -> (Mention, info)),
    emptied once they are gathered (each event's members are let go as soon as it is reconciled: a million mentions
    need not outlive their events); `member_ids`: event id -> all its member ids, when the caller knows them
    (db.members_of).

    Returns what corroboration reads of each written event (db.corroboration_events' shape, machine values)."""
    with store.exclusive("link"):
        return _update_events(store, event_ids, decisions, known, member_ids)


def _update_events(
    store: Store,
    event_ids: list[str],
    decisions: dict[str, LinkDecision] | None,
    known: dict[str, tuple[Any, dict[str, Any]]] | None = None,
    member_ids: dict[str, list[str]] | None = None,
) -> dict[str, dict[str, Any]]:
    kept = _keep_decisions(store, event_ids)
    kept.update(decisions or {})
    members = db.members_of(store.engine, event_ids, known, member_ids)
    if known:
        known.clear()  # the members hold what is still needed
    rows, src_rows = [], []
    evidence: dict[str, list[str]] = {}  # for the search documents (members in mention id order)
    for eid in event_ids:
        group = members.pop(eid, None)  # let go once reconciled (an id asked twice is written once)
        if group is None:
            continue
        row, srcs = reconcile_rows(eid, group, kept)
        rows.append(row)
        src_rows.extend(srcs)
        evidence[eid] = [e.text for m, _ in group for e in m.evidence]
    del members
    db.write_events(store, rows, src_rows, evidence)
    return written_events(rows, src_rows)


def written_events(rows: list[dict[str, Any]], src_rows: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """event id -> the fields corroboration reads (id, event_date as ISO text, location, flags, reports), from the
    rows linking just wrote. `reports` are the event's source rows themselves (they hold report_id, source,
    text_group and fatalities, what corroboration reads, beside their other fields): not a copy of each."""
    out = {
        r["id"]: {"id": r["id"], "event_date": iso_text(r.get("event_date")), "location": r.get("location"),
                  "flags": list(r.get("flags") or []), "reports": []}
        for r in rows
    }  # fmt: skip
    for s in src_rows:
        ev = out.get(s["event_id"])
        if ev is not None:
            ev["reports"].append(s)
    return out
