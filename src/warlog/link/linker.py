"""Incremental clustering of mentions into events: each new mention joins the best-scoring compatible event found
through the block index, or founds a new one. Events keep the id of their founding mention, so ids are stable across
runs and a new report never renumbers old events."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from warlog.link.blocking import BlockIndex, keys_compatible, pair_key
from warlog.link.score import LINK_THRESHOLD, PairScore, evidence_words, score_pair
from warlog.model import Mention

MAX_COMPARE = 12  # members of an event a new mention is compared with (the first ones: founding reports)


def event_id_for(mention_id: str) -> str:
    """The id of the event a mention founds: "e" + the mention id's hash."""
    return "e" + mention_id[1:] if mention_id[:1] == "m" else "e" + mention_id


def sort_key(m: Mention) -> tuple:
    """Linking order: dated mentions by date then id (undated last), so a batch links the same way every time."""
    return (m.event_date is None, m.event_date.toordinal() if m.event_date else 0, m.id)


@dataclass
class LinkDecision:
    """Where a mention went and why: the event id, whether it founded it, and the best pair score."""

    mention_id: str
    event_id: str
    founded: bool
    score: PairScore | None = None
    matched_mention: str | None = None


@dataclass
class Linker:
    """Events in memory (members, reports, index); `add` links one mention, `load` restores earlier events."""

    threshold: float = LINK_THRESHOLD
    max_compare: int = MAX_COMPARE
    members: dict[str, list[Mention]] = field(default_factory=dict)
    reports: dict[str, set[str]] = field(default_factory=dict)
    index: BlockIndex = field(default_factory=BlockIndex)
    _words: dict[str, frozenset[str]] = field(default_factory=dict)
    _keys: dict[str, tuple] = field(default_factory=dict)  # mention id -> blocking.pair_key

    def load(self, event_id: str, mention: Mention) -> None:
        """Restore an existing assignment (from the store) without scoring it."""
        self.members.setdefault(event_id, []).append(mention)
        self.reports.setdefault(event_id, set()).add(mention.report_id)
        self.index.add(event_id, mention)

    def _w(self, m: Mention) -> frozenset[str]:
        """Evidence words of a mention, cached by mention id."""
        w = self._words.get(m.id)
        if w is None:
            w = self._words[m.id] = evidence_words(m)
        return w

    def _k(self, m: Mention) -> tuple:
        """What the blocking test reads of a mention (blocking.pair_key), cached by mention id."""
        k = self._keys.get(m.id)
        if k is None:
            k = self._keys[m.id] = pair_key(m)
        return k

    def best_match(self, m: Mention) -> tuple[str, PairScore, str] | None:
        """The best (event id, score, member id) among candidate events compatible with the founding mention.

        The event score is the mean of the best pair and the average over compared members (an incompatible member
        counts 0), so an event cannot drift along a chain of reports each a little later or further away.
        """
        best: tuple[str, PairScore, str] | None = None
        wm = self._w(m)
        km = self._k(m)
        key, known_key, known_words = self._k, self._keys.get, self._words.get
        reports, members, rid = self.reports, self.members, m.report_id
        for eid in sorted(self.index.candidates(m)):
            if rid in reports[eid]:
                continue  # one report's separate mentions are separate events
            held = members[eid]
            first = held[0]
            if not keys_compatible(km, known_key(first.id) or key(first)):  # blocking.compatible, keys computed once
                continue
            group = held[: self.max_compare]
            top: tuple[PairScore, str] | None = None
            total = 0.0
            for i, other in enumerate(group):
                if i and not keys_compatible(km, known_key(other.id) or key(other)):  # group[0] was tested above
                    continue
                wo = known_words(other.id)
                s = score_pair(m, other, wm, self._w(other) if wo is None else wo)
                total += s.total
                if top is None or s.total > top[0].total:
                    top = (s, other.id)
            if top is None:
                continue
            value = (top[0].total + total / len(group)) / 2
            if value >= self.threshold and (best is None or value > best[1].total):
                best = (eid, PairScore(top[0].parts, value), top[1])
        return best

    def add(self, m: Mention) -> LinkDecision:
        """Link one mention: join the best event or found a new one."""
        match = self.best_match(m)
        if match is None:
            eid = event_id_for(m.id)
            self.load(eid, m)
            return LinkDecision(m.id, eid, True)
        eid, s, other = match
        self.load(eid, m)
        return LinkDecision(m.id, eid, False, s, other)

    def add_all(self, mentions: Iterable[Mention]) -> list[LinkDecision]:
        """Link mentions in the stable order (date, id)."""
        return [self.add(m) for m in sorted(mentions, key=sort_key)]


def link_mentions(mentions: Iterable[Mention], threshold: float = LINK_THRESHOLD) -> dict[str, str]:
    """mention id -> event id for a batch linked from scratch."""
    linker = Linker(threshold=threshold)
    return {d.mention_id: d.event_id for d in linker.add_all(mentions)}
