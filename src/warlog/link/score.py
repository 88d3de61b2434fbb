"""How alike two mentions are, once blocking allows them: type, date, place, actors, figures and evidence words.

Each part is a number in [0, 1] with a weight; the score is their weighted mean, kept so a person can see why two
reports were joined (`explain`).
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from functools import lru_cache

from warlog.link.blocking import date_window, place_distance, radius_km
from warlog.model import Mention

WEIGHTS = {"type": 1.0, "date": 1.0, "place": 1.5, "actors": 1.0, "numbers": 1.0, "text": 1.5}
LINK_THRESHOLD = 0.6

_WORD = re.compile(r"[a-z0-9]+")
_STOP = frozenset(
    "the a an of and or to in on at for by with from as is was were be been has have had it its this that said says "
    "he she they their his her who which when after before over into least more than also".split()
)


_intern = sys.intern
_WORD2 = re.compile(r"[a-z0-9]{2,}")  # the runs of _WORD longer than one character (runs are maximal either way)


def words(text: str) -> frozenset[str]:
    """Content words of a text, lower-cased (words of one character and stop words left out). Each word is the one
    interned string of its value (sys.intern): the linker keeps every mention's words, and an archive's mentions
    share most of them (half a gigabyte of copies at a million mentions)."""
    return frozenset(map(_intern, _WORD2.findall(text.lower()))).difference(_STOP)


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    """|A ∩ B| / |A ∪ B|, 0 for two empty sets."""
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


@lru_cache(maxsize=8192)
def _actor_key(name: str | None) -> str | None:
    """An actor name without its country qualifier, lower-cased: "Military Forces of Syria (2000-)" -> "military...".
    Remembered per name (a regex per call, several per scored pair; an archive names a few hundred actors)."""
    if not name:
        return None
    return re.sub(r"\s*\(.*?\)", "", name).strip().lower() or None


def actor_score(a: Mention, b: Mention) -> float:
    """1 when the named actors agree, 0 when both name different perpetrators, 0.5 when unknown."""
    if not (a.actor1 or a.actor2) or not (b.actor1 or b.actor2):  # no name on one side (_actor_key: None)
        return 0.5
    a1, b1 = _actor_key(a.actor1), _actor_key(b.actor1)
    sa = {k for k in (a1, _actor_key(a.actor2)) if k}
    sb = {k for k in (b1, _actor_key(b.actor2)) if k}
    if not sa or not sb:
        return 0.5
    if sa & sb:
        return 1.0 if a1 == b1 else 0.8
    return 0.0


def number_score(a: Mention, b: Mention) -> float:
    """Ratio of the smaller to the larger death toll; 0.5 when either gives none (tolls rise, so be lenient)."""
    fa, fb = a.fatalities or 0, b.fatalities or 0
    if fa == 0 or fb == 0:
        return 0.5 if fa == fb == 0 else 0.4
    return min(fa, fb) / max(fa, fb)


def type_score(a: Mention, b: Mention) -> float:
    """1 for the same sub-event type, 0.7 for the same event type, 0.4 for compatible types, 0.5 when unknown."""
    if a.event_type is None or b.event_type is None:
        return 0.5
    if a.sub_event_type and a.sub_event_type == b.sub_event_type:
        return 1.0
    return 0.7 if a.event_type == b.event_type else 0.4


def date_score(a: Mention, b: Mention) -> float:
    """1 on the same day, falling linearly to 0 past the precision window."""
    if a.event_date is None or b.event_date is None:
        return 0.0
    return max(0.0, 1.0 - abs((a.event_date - b.event_date).days) / (date_window(a, b) + 1))


def place_score(a: Mention, b: Mention) -> float:
    """1 for the same named place, by distance within the precision radius, 0.5 when one is not geocoded."""
    pa, pb = a.place, b.place
    if pa is None or pb is None:
        return 0.3
    if pa.location and pa.location == pb.location:
        return 1.0
    km = place_distance(a, b)
    if km is None:
        return 0.5 if pa.admin1 and pa.admin1 == pb.admin1 else 0.3
    return max(0.0, 1.0 - km / radius_km(a, b)) * 0.9


def evidence_words(m: Mention) -> frozenset[str]:
    """The content words of a mention's evidence sentences."""
    return words(" ".join(e.text for e in m.evidence))


def text_score(a: Mention, b: Mention, wa: frozenset[str] | None = None, wb: frozenset[str] | None = None) -> float:
    """Evidence word overlap, scaled so that a third of the words shared already counts as fully similar."""
    wa = evidence_words(a) if wa is None else wa
    wb = evidence_words(b) if wb is None else wb
    if not wa or not wb:
        return 0.5
    return min(1.0, jaccard(wa, wb) * 3)


@dataclass
class PairScore:
    """A pair's parts and the weighted total."""

    parts: dict[str, float]
    total: float

    def explain(self) -> str:
        """The parts as "type=1.00 date=0.50 ..." for the evidence trail."""
        p = self.parts
        if len(p) == 6 and tuple(p) == _PARTS:  # score_pair's parts: one format (the same text, "%.2f" is ".2f")
            return _EXPLAIN % (p["type"], p["date"], p["place"], p["actors"], p["numbers"], p["text"], self.total)
        return " ".join([f"{k}={v:.2f}" for k, v in p.items()]) + f" -> {self.total:.2f}"


_PARTS = ("type", "date", "place", "actors", "numbers", "text")  # score_pair's parts, in order
_EXPLAIN = " ".join(f"{k}=%.2f" for k in _PARTS) + " -> %.2f"


def score_pair(a: Mention, b: Mention, wa: frozenset[str] | None = None, wb: frozenset[str] | None = None) -> PairScore:
    """The weighted similarity of two blocked mentions."""
    parts = {
        "type": type_score(a, b),
        "date": date_score(a, b),
        "place": place_score(a, b),
        "actors": actor_score(a, b),
        "numbers": number_score(a, b),
        "text": text_score(a, b, wa, wb),
    }
    total = sum([WEIGHTS[k] * v for k, v in parts.items()]) / sum(WEIGHTS.values())  # a list: the same terms, in order
    return PairScore(parts, total)
