"""Per-report corroboration: facts a person can check, each explained, and no score.

For every linked event a report contributes to: how many independent sources (other outlets, syndicated copies
counted once) also report it, how many syndicated copies of the report's own text exist, whether its death toll agrees
with the other sources' tolls (the same tolerance as the contradiction flags, `reconcile.figures_agree`), which
contradictions the event carries (perpetrator, date), and whether imported reference records (ACLED, UCDP, VDC) agree
with its toll. A missing reference record proves nothing.

No probability of being credible is given: on FA-KES (the one public labelled set) a model over these facts scored
at chance when folds were grouped by outlet, and its labels cannot be reproduced from open data.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from warlog.link.reconcile import figures_agree
from warlog.store import linking as db

if TYPE_CHECKING:
    from warlog.store import Store

SAME_PLACE_KM = 15.0
COUNTS = (
    "events",
    "corroborated_events",
    "independent_sources",
    "syndicated_copies",
    "figures_agree",
    "figures_disagree",
    "contradictions",
    "reference_agrees",
    "reference_disagrees",
)


@dataclass
class Corroboration:
    """What other sources and reference data say about one report's events: counts and one explained line each."""

    report_id: str
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(COUNTS, 0))
    reasons: list[str] = field(default_factory=list)

    def note(self, key: str | None, why: str, n: int = 1) -> None:
        """Count a fact (when it has a key) and record its explanation."""
        if key:
            self.counts[key] += n
        self.reasons.append(why)


def assess(report_id: str, events: list[dict[str, Any]], matches: dict[str, list[dict[str, Any]]]) -> Corroboration:
    """The corroboration of one report from the linked events it contributes to and their reference matches."""
    c = Corroboration(report_id)
    counts, reasons = c.counts, c.reasons
    for ev in events:
        reports = ev["reports"]
        mine = [s for s in reports if s["report_id"] == report_id]
        if not mine:
            continue
        counts["events"] += 1
        first = mine[0]
        own_source = first.get("source")
        others: set[Any] = set()
        other_tolls: list[int] = []
        for s in reports:
            source = s.get("source")
            if source != own_source:
                others.add(source)
                t = s.get("fatalities") or 0
                if t > 0:
                    other_tolls.append(t)
        label = f"event {ev['id']} ({ev.get('event_date') or '?'}, {ev.get('location') or '?'})"
        if others:
            counts["corroborated_events"] += 1
            if len(others) > counts["independent_sources"]:
                counts["independent_sources"] = len(others)
            reasons.append(f"{label}: also reported by {len(others)} independent source(s)")
        else:
            reasons.append(f"{label}: no independent source reports it")
        group = first.get("text_group")
        if group and len(reports) > len(mine):  # copies are other reports' rows
            n = sum(1 for s in reports if s["report_id"] != report_id and s.get("text_group") == group)
            if n:
                c.note("syndicated_copies", f"{label}: {n} syndicated cop(y/ies) of the same text", n)
        toll = (first.get("fatalities") or 0) if len(mine) == 1 else max((s.get("fatalities") or 0) for s in mine)
        if toll and other_tolls:
            if any(figures_agree(toll, t) for t in other_tolls):
                c.note("figures_agree", f"{label}: its toll {toll} agrees with other sources")
            else:
                c.note(
                    "figures_disagree", f"{label}: its toll {toll} vs {min(other_tolls)}-{max(other_tolls)} elsewhere"
                )
        if others:  # a contradiction counts only where another source reports the event
            for flag in ev.get("flags") or []:
                if flag.startswith(("perpetrator_disagrees", "date_disagrees")):
                    c.note("contradictions", f"{label}: sources disagree ({flag})")
        found = matches.get(ev["id"])
        if found:
            _reference_reasons(c, label, found)
    return c


def _reference_reasons(c: Corroboration, label: str, found: list[dict[str, Any]]) -> None:
    """One reference fact per event: any record whose toll agrees supports it; otherwise only the closest record,
    when it is the same day and place, counts against it (dense datasets hold many other events nearby)."""
    if not found:
        return
    agree = [m for m in found if m.get("figures_agree") is True]
    if agree:
        m = min(agree, key=_closeness)
        c.note(
            "reference_agrees", f"{label}: matches reference record {m['reference_id']} (deaths {m.get('fatalities')})"
        )
        return
    m = min(found, key=_closeness)
    same_spot = m.get("days") == 0 and m.get("km") is not None and m["km"] <= SAME_PLACE_KM
    if m.get("figures_agree") is False and same_spot:
        c.note(
            "reference_disagrees", f"{label}: reference record {m['reference_id']} gives {m.get('fatalities')} deaths"
        )
    else:
        c.reasons.append(f"{label}: {len(found)} reference record(s) nearby; none settles its toll")


def _closeness(m: dict[str, Any]) -> tuple[int, float]:
    """Sort key: same day first, then nearest."""
    return (m.get("days") or 0, m["km"] if m.get("km") is not None else 1e9)


def corroborate_reports(
    store: Store,
    report_ids: set[str] | None,
    written: dict[str, dict[str, Any]] | None = None,
    by_report: Mapping[str, set[str]] | None = None,
) -> list[dict[str, Any]]:
    """Recompute and store the corroboration of these reports (None: every report in an event); returns the rows
    ({"report_id", "counts", "reasons"}).

    written: events linking has just written, as corroboration reads them (link.run.written_events); they are not
    read back, except those an analyst reviewed (a reviewed date or place names the event in the reasons).
    by_report: report id -> the ids of the events its mentions are in, when the caller knows them for every report
    asked (a store's first link: db.event_ids_of_reports' answer, without reading the mentions table)."""
    if report_ids is None:
        evs = db.query_events(store.engine)
        report_ids = {r for e in evs for r in e["report_ids"]}
    if by_report is None:
        by_report = db.event_ids_of_reports(store.engine, report_ids)
    wanted = sorted({e for ids in by_report.values() for e in ids})
    written = written or {}
    reviewed = db.reviewed_ids(store.engine, [e for e in wanted if e in written])
    events = {e: written[e] for e in wanted if e in written and e not in reviewed}
    events.update((e["id"], e) for e in db.corroboration_events(store.engine, [e for e in wanted if e not in events]))
    matches = db.matches_of(store.engine, wanted)
    rows = []
    for rid in sorted(report_ids):
        c = assess(rid, [events[e] for e in sorted(by_report.get(rid, ())) if e in events], matches)
        rows.append({"report_id": rid, "counts": c.counts, "reasons": c.reasons})
    db.save_corroboration(store, rows)
    return rows
