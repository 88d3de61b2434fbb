"""Per-report credibility: a score in [0, 1] that starts at 0.5 and moves with reasons a person can check — which
of the report's events other independent sources support, whether its figures agree with theirs, and whether
reference records (ACLED, UCDP, VDC) agree. A missing reference record proves nothing and does not lower the score."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from warlog.link.reconcile import FIGURE_SLACK, FIGURE_TOLERANCE

if TYPE_CHECKING:
    from warlog.store import Store

BASE = 0.5
W_CORROBORATED = 0.12  # per other independent source, up to two
W_FIGURE_AGREES = 0.08
W_FIGURE_DISAGREES = -0.15
W_CONTRADICTED = -0.08  # perpetrator or date disagreement inside the event
W_REF_AGREES = 0.15
W_REF_DISAGREES = -0.2
SAME_PLACE_KM = 15.0


@dataclass
class Credibility:
    """A report's score and the reasons behind it, each with its signed weight."""

    report_id: str
    score: float = BASE
    reasons: list[str] = field(default_factory=list)

    def add(self, weight: float, why: str) -> None:
        """Move the score and record why."""
        self.score += weight
        self.reasons.append(f"{weight:+.2f} {why}")


def _within(a: int, b: int) -> bool:
    """Two tolls agree within the contradiction tolerance."""
    lo, hi = sorted((a, b))
    return hi <= lo * (1 + FIGURE_TOLERANCE) + FIGURE_SLACK


def assess(report_id: str, events: list[dict[str, Any]], matches: dict[str, list[dict[str, Any]]]) -> Credibility:
    """The credibility of one report from the linked events it contributes to and their reference matches."""
    c = Credibility(report_id)
    for ev in events:
        mine = [s for s in ev["reports"] if s["report_id"] == report_id]
        if not mine:
            continue
        own_source = mine[0].get("source")
        others = {s.get("source") for s in ev["reports"] if s.get("source") != own_source}
        label = f"event {ev['id']} ({ev.get('event_date') or '?'}, {ev.get('location') or '?'})"
        if others:
            c.add(W_CORROBORATED * min(2, len(others)), f"{label} also reported by {len(others)} independent source(s)")
        else:
            c.reasons.append(f"+0.00 {label}: no independent source reports it")
        toll = max((s.get("fatalities") or 0) for s in mine)
        other_tolls = [s.get("fatalities") or 0 for s in ev["reports"] if s.get("source") != own_source]
        other_tolls = [t for t in other_tolls if t > 0]
        if toll and other_tolls:
            if any(_within(toll, t) for t in other_tolls):
                c.add(W_FIGURE_AGREES, f"{label}: its toll {toll} agrees with other sources")
            else:
                c.add(
                    W_FIGURE_DISAGREES, f"{label}: its toll {toll} vs {min(other_tolls)}-{max(other_tolls)} elsewhere"
                )
        for flag in ev.get("flags") or []:
            if flag.startswith(("perpetrator_disagrees", "date_disagrees")) and others:
                c.add(W_CONTRADICTED, f"{label}: sources disagree ({flag})")
        _reference_reasons(c, label, matches.get(ev["id"], []))
    c.score = round(min(1.0, max(0.0, c.score)), 3)
    return c


def _reference_reasons(c: Credibility, label: str, found: list[dict[str, Any]]) -> None:
    """One reference reason per event: any record whose toll agrees supports it; otherwise only the closest record,
    when it is the same day and place, counts against it (dense datasets hold many other events nearby)."""
    if not found:
        return
    agree = [m for m in found if m.get("figures_agree") is True]
    if agree:
        m = min(agree, key=_closeness)
        c.add(W_REF_AGREES, f"{label} matches reference record {m['reference_id']} (deaths {m.get('fatalities')})")
        return
    m = min(found, key=_closeness)
    same_spot = m.get("days") == 0 and m.get("km") is not None and m["km"] <= SAME_PLACE_KM
    if m.get("figures_agree") is False and same_spot:
        c.add(W_REF_DISAGREES, f"{label}: reference record {m['reference_id']} gives {m.get('fatalities')} deaths")
    else:
        c.reasons.append(f"+0.00 {label}: {len(found)} reference record(s) nearby; none settles its toll")


def _closeness(m: dict[str, Any]) -> tuple[int, float]:
    """Sort key: same day first, then nearest."""
    return (m.get("days") or 0, m["km"] if m.get("km") is not None else 1e9)


def score_reports(store: Store, report_ids: set[str] | None) -> list[dict[str, Any]]:
    """Recompute and store the credibility of these reports (None: every report in an event); returns the rows."""
    from warlog.store import linking as db

    if report_ids is None:
        evs = db.query_events(store.engine)
        report_ids = {r for e in evs for r in e["report_ids"]}
    by_report = db.event_ids_of_reports(store.engine, report_ids)
    wanted = sorted({e for ids in by_report.values() for e in ids})
    events = {e["id"]: e for e in db.events_by_id(store.engine, wanted)}
    matches = db.matches_of(store.engine, wanted)
    rows = []
    for rid in sorted(report_ids):
        c = assess(rid, [events[e] for e in sorted(by_report.get(rid, ())) if e in events], matches)
        rows.append({"report_id": rid, "score": c.score, "reasons": c.reasons})
    db.save_credibility(store, rows)
    return rows
