"""`warlog watch`: poll RSS/Atom feeds, ingest and link what is new, and raise alerts on the events it touched.

Rules: fatalities at or above N (anywhere, in an admin-1 unit, or in a bounding box), an actor never seen before,
and a 30-day high (the most deaths in the event's admin-1 unit, or country, over the 30 days before it). Alerts are
appended to a JSONL file (which also remembers what was already alerted) and optionally POSTed to a webhook.
"""

from __future__ import annotations

import json
import math
import re
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from warlog.store import Store

HIGH_WINDOW_DAYS = 30
MAX_INTERVAL_S = 30 * 86400


@dataclass(frozen=True)
class Rule:
    """One alert rule: kind is "fatalities", "new-actor" or "30-day-high"."""

    kind: str
    min_fatalities: int = 0
    admin1: str | None = None
    bbox: tuple[float, float, float, float] | None = None  # west, south, east, north

    @property
    def name(self) -> str:
        """The rule as written ("fatalities>=10 admin1=Aleppo")."""
        if self.kind != "fatalities":
            return self.kind
        parts = [f"fatalities>={self.min_fatalities}"]
        if self.admin1:
            parts.append(f"admin1={self.admin1}")
        if self.bbox:
            parts.append("bbox=" + ",".join(f"{v:g}" for v in self.bbox))
        return " ".join(parts)


DEFAULT_RULES: tuple[Rule, ...] = (Rule("fatalities", 10), Rule("new-actor"), Rule("30-day-high"))


def parse_rule(text: str) -> Rule:
    """A rule from its text form: 'fatalities>=N [admin1=NAME] [bbox=W,S,E,N]', 'new-actor' or '30-day-high'."""
    text = text.strip()
    if text.lower() in ("new-actor", "new_actor"):
        return Rule("new-actor")
    if text.lower() in ("30-day-high", "30_day_high", "high"):
        return Rule("30-day-high")
    m = re.match(r"^fatalities\s*>=\s*(\d+)(.*)$", text, re.I)
    if not m:
        raise ValueError(
            f"unknown rule {text!r}: use fatalities>=N [admin1=NAME] [bbox=W,S,E,N], new-actor, 30-day-high"
        )
    admin1, bbox = None, None
    for key, value in re.findall(r"(admin1|bbox)=((?:[^\s=]|\s(?!\w+=))+)", m.group(2)):
        if key == "admin1":
            admin1 = value.strip()
        else:
            try:
                nums = [float(x) for x in value.split(",")]
            except ValueError:
                nums = []
            if len(nums) != 4 or not all(math.isfinite(x) for x in nums):
                raise ValueError("bbox takes four finite numbers: west,south,east,north")
            bbox = (nums[0], nums[1], nums[2], nums[3])
    return Rule("fatalities", int(m.group(1)), admin1, bbox)


def parse_interval(text: str) -> float:
    """Seconds from '90s', '15m', '1h' or a bare number of seconds; at least 1 s."""
    m = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*", text.lower())
    if not m:
        raise ValueError(f"interval {text!r}: write e.g. 90s, 15m, 1h")
    seconds = float(m.group(1)) * {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}[m.group(2)]
    if seconds < 1:
        raise ValueError("interval must be at least 1 second")
    if seconds > MAX_INTERVAL_S:  # also catches a 400-digit number (inf), which time.sleep cannot take
        raise ValueError("interval must be at most 30 days")
    return seconds


def read_feed_list(path: str | Path) -> list[str]:
    """Feed URLs or paths, one per line; blank lines and # comments skipped."""
    lines = Path(path).read_text(encoding="utf-8").splitlines()
    return [line.split("#", 1)[0].strip() for line in lines if line.split("#", 1)[0].strip()]


@dataclass
class PollResult:
    """What one poll did."""

    feeds: int = 0
    failed_feeds: int = 0  # feeds that could not be read at all
    read: int = 0
    stored: int = 0
    events: list[str] = field(default_factory=list)
    alerts: list[dict[str, Any]] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    @property
    def all_failed(self) -> bool:
        """Whether there were feeds and none of them could be read (`warlog watch --once` then exits non-zero)."""
        return self.feeds > 0 and self.failed_feeds >= self.feeds


# ---------------------------------------------------------------------------------------------------------------------
# rule checks


def _in_bbox(event: dict[str, Any], bbox: tuple[float, float, float, float]) -> bool:
    """Whether the event's point lies in the box (west > east crosses the antimeridian)."""
    lat, lon = event.get("latitude"), event.get("longitude")
    if lat is None or lon is None:
        return False
    west, south, east, north = bbox
    in_lon = west <= lon <= east if west <= east else (lon >= west or lon <= east)
    return south <= lat <= north and in_lon


def _fatalities_reason(rule: Rule, event: dict[str, Any]) -> str | None:
    """Why a fatalities rule fires on this event, or None."""
    deaths = event.get("fatalities") or 0
    if deaths < rule.min_fatalities:
        return None
    if rule.admin1 and (event.get("admin1") or "").strip().lower() != rule.admin1.strip().lower():
        return None
    if rule.bbox and not _in_bbox(event, rule.bbox):
        return None
    where = f" in {rule.admin1}" if rule.admin1 else (" in the box" if rule.bbox else "")
    return f"{deaths} deaths{where} (rule: at least {rule.min_fatalities})"


def _new_actor_reason(store: Store, event: dict[str, Any], touched: set[str]) -> str | None:
    """Why the event has an actor no other event has, or None."""
    from warlog.store.schema import events

    fresh = []
    for actor in (event.get("actor1"), event.get("actor2")):
        if not actor or actor.startswith(("Civilians", "Unidentified")):
            continue
        q = sa.select(sa.func.count()).where(
            sa.or_(events.c.actor1 == actor, events.c.actor2 == actor), events.c.id.not_in(sorted(touched))
        )
        with store.engine.connect() as conn:
            if conn.execute(q).scalar_one() == 0:
                fresh.append(actor)
    return ("new actor: " + "; ".join(fresh)) if fresh else None


def _high_reason(store: Store, event: dict[str, Any], touched: set[str]) -> str | None:
    """Why the event is the deadliest in its admin-1 unit (or country) over the previous 30 days, or None."""
    from warlog.store.query import EventFilter, list_events

    deaths = event.get("fatalities") or 0
    day = event.get("event_date")
    if deaths <= 0 or not day:
        return None
    day = date.fromisoformat(str(day)[:10])
    area = {"admin1": event["admin1"]} if event.get("admin1") else {"country": event.get("country")}
    if not any(area.values()):
        return None
    f = EventFilter(since=day - timedelta(days=HIGH_WINDOW_DAYS), until=day, **area)
    _total, rows = list_events(store.engine, f, sort="-fatalities", limit=len(touched) + 1)
    others = [r for r in rows if r["id"] not in touched]
    previous = others[0]["fatalities"] if others else 0
    if deaths <= (previous or 0):
        return None
    label = area.get("admin1") or area.get("country")
    return f"{deaths} deaths: highest in {label} over {HIGH_WINDOW_DAYS} days (previous high {previous or 0})"


def check_rules(store: Store, rules: Iterable[Rule], events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Alerts for these (new or updated) events under these rules."""
    touched = {e["id"] for e in events}
    alerts = []
    for event in events:
        for rule in rules:
            if rule.kind == "fatalities":
                reason = _fatalities_reason(rule, event)
            elif rule.kind == "new-actor":
                reason = _new_actor_reason(store, event, touched)
            else:
                reason = _high_reason(store, event, touched)
            if reason:
                alerts.append(alert_record(rule, event, reason))
    return alerts


def alert_record(rule: Rule, event: dict[str, Any], reason: str) -> dict[str, Any]:
    """The JSON object written for one alert."""
    keys = ("event_date", "event_type", "sub_event_type", "actor1", "actor2", "location", "admin1", "country")
    return {
        "at": datetime.now(UTC).isoformat(timespec="seconds"),
        "rule": rule.name,
        "reason": reason,
        "event_id": event["id"],
        **{k: event.get(k) for k in keys},
        "latitude": event.get("latitude"),
        "longitude": event.get("longitude"),
        "fatalities": event.get("fatalities"),
        "sources": list(event.get("sources") or []),
        "report_ids": list(event.get("report_ids") or []),
    }


# ---------------------------------------------------------------------------------------------------------------------
# the watcher


class Watcher:
    """Polls feeds into a store and writes alerts; `poll` once, or `run_forever`."""

    def __init__(
        self,
        store: Store,
        feeds: list[str],
        rules: Iterable[Rule] = DEFAULT_RULES,
        *,
        alerts_path: str | Path = "alerts.jsonl",
        webhook: str | None = None,
        allow_private: bool = False,
        local_files: bool = False,
        nlp: Any = None,
    ) -> None:
        self.store = store
        self.feeds = feeds
        self.rules = list(rules)
        self.alerts_path = Path(alerts_path)
        self.webhook = webhook
        self.allow_private = allow_private
        self.local_files = local_files  # feed files on disk (the CLI's capability)
        self.nlp = nlp
        self.sent = self._already_sent()

    def _already_sent(self) -> set[tuple[str, str]]:
        """(rule, event id) pairs in the alerts file, so a restart does not alert twice."""
        sent: set[tuple[str, str]] = set()
        if self.alerts_path.exists():
            for line in self.alerts_path.read_text(encoding="utf-8").splitlines():
                try:
                    a = json.loads(line)
                    sent.add((a["rule"], a["event_id"]))
                except (ValueError, KeyError, TypeError):
                    continue
        return sent

    def poll(self) -> PollResult:
        """Ingest every feed once, link, and alert on the events the new reports touched."""
        from warlog.link.run import link_store
        from warlog.service import ingest
        from warlog.store.linking import event_ids_of_reports
        from warlog.store.query import event_detail

        result = PollResult(feeds=len(self.feeds))
        before = self.store.report_ids()
        summary = ingest(
            self.feeds, self.store, allow_private=self.allow_private, local_files=self.local_files, nlp=self.nlp
        )
        result.read, result.stored = summary.read, summary.stored
        result.errors.extend(str(e) for e in summary.failed)
        # A feed failed when an error names the feed itself (not one of its entries: those carry a record).
        unread = {e.source for e in summary.failed if e.record is None}
        result.failed_feeds = sum(1 for f in dict.fromkeys(self.feeds) if f in unread or f[:300] in unread)
        new_reports = self.store.report_ids() - before
        if not new_reports:
            return result
        link_store(self.store)
        touched = sorted({eid for ids in event_ids_of_reports(self.store.engine, new_reports).values() for eid in ids})
        events = [d for d in (event_detail(self.store.engine, eid) for eid in touched) if d and "fatalities" in d]
        events = [e for e in events if e.get("review_status") not in ("rejected", "merged")]
        result.events = [e["id"] for e in events]
        for alert in check_rules(self.store, self.rules, events):
            key = (alert["rule"], alert["event_id"])
            if key in self.sent:
                continue
            self.sent.add(key)
            self._emit(alert, result)
        return result

    def _emit(self, alert: dict[str, Any], result: PollResult) -> None:
        """Append the alert to the JSONL file and POST it to the webhook when one is set."""
        self.alerts_path.parent.mkdir(parents=True, exist_ok=True)
        with self.alerts_path.open("a", encoding="utf-8") as f:
            f.write(json.dumps(alert, ensure_ascii=False, default=str) + "\n")
        result.alerts.append(alert)
        if self.webhook:
            try:
                post_webhook(self.webhook, alert, allow_private=self.allow_private)
            except Exception as exc:  # a dead webhook must not stop the watch
                result.errors.append(f"webhook: {exc}")

    def run_forever(self, interval: float, on_poll: Callable[[PollResult], None] | None = None) -> None:
        """Poll, wait `interval` seconds, repeat (until interrupted)."""
        while True:
            started = time.monotonic()
            result = self.poll()
            if on_poll:
                on_poll(result)
            time.sleep(max(0.0, interval - (time.monotonic() - started)))


def post_webhook(url: str, alert: dict[str, Any], *, allow_private: bool = False, timeout: float = 10.0) -> int:
    """POST one alert as JSON through the ingest fetcher's pinned client: the address is checked after the one DNS
    lookup and connected to as checked (a rebinding name cannot swap it), private addresses are refused unless
    allowed, proxy variables are ignored and redirects are not followed."""
    from warlog.ingest.fetch import post_json

    return post_json(url, alert, allow_private=allow_private, timeout=timeout, total_timeout=3 * timeout)
