"""A study, not the product: group news documents into incidents by TF-IDF over names and content words (average
link within a date window). Used by the GVC mention-coreference study (`warlog eval link --corpus gvc-study`); the
product links events with `warlog.link` (`warlog eval link --corpus gvc|gva` measures that)."""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from datetime import date

_TOKEN = re.compile(r"[A-Za-z][A-Za-z'\-]+|\d{1,3}")
_DOC_STOP = frozenset(
    "the a an of and or to in on at for by with from as is was were be been has have had it its this that he she his "
    "her they their we you police said says say shot shooting shootings killed kill man woman year years old according "
    "after before when who which where while but not no more told also would could one two three about over into than "
    "out up down news officers officer county city state call home people found died dead death gun wound wounded "
    "hospital man's were will can our his".split()
)
DOC_THRESHOLD = 0.1
DOC_WINDOW_DAYS = 60


def doc_terms(text: str) -> Counter[str]:
    """Weighted terms of a document: capitalised words (names, places) count double, small numbers a little."""
    c: Counter[str] = Counter()
    for i, m in enumerate(_TOKEN.finditer(text)):
        t = m.group()
        if t.isdigit():
            c["#" + t] += 0.3
            continue
        low = t.lower()
        if low in _DOC_STOP or len(low) < 3:
            continue
        c[low] += 2.0 if t[0].isupper() and i > 0 else 1.0
    return c


def _tfidf(docs: dict[str, Counter[str]]) -> dict[str, dict[str, float]]:
    """Unit-length TF-IDF vectors; terms in more than 30% of the documents are dropped."""
    df: Counter[str] = Counter(t for c in docs.values() for t in c)
    n = len(docs)
    out = {}
    for k, c in docs.items():
        v = {t: (1 + math.log(x)) * math.log((n + 1) / (df[t] + 0.5)) for t, x in c.items() if df[t] <= max(2, n * 0.3)}
        norm = math.sqrt(sum(x * x for x in v.values())) or 1.0
        out[k] = {t: x / norm for t, x in v.items()}
    return out


def _cos(a: dict[str, float], b: dict[str, float]) -> float:
    """Cosine of two unit vectors."""
    if len(a) > len(b):
        a, b = b, a
    return sum(x * b.get(t, 0.0) for t, x in a.items())


def group_documents(
    texts: dict[str, str],
    dates: dict[str, date | None],
    threshold: float = DOC_THRESHOLD,
    window: int = DOC_WINDOW_DAYS,
) -> dict[str, int]:
    """doc id -> group number: incremental average-link clustering by date, candidates within `window` days."""
    vecs = _tfidf({k: doc_terms(t) for k, t in texts.items()})
    order = sorted(texts, key=lambda k: (dates.get(k) or date.min, k))
    groups: list[list[str]] = []
    by_day: dict[int, set[int]] = defaultdict(set)  # day -> groups with a member that day (the blocking index)
    label: dict[str, int] = {}
    for k in order:
        day = (dates.get(k) or date.min).toordinal()
        near = set().union(*(by_day.get(d, set()) for d in range(day - window, day + 1)))
        best, best_s = None, threshold
        for g in sorted(near):
            members = groups[g]
            s = sum(_cos(vecs[k], vecs[o]) for o in members) / len(members)
            if s > best_s:
                best, best_s = g, s
        if best is None:
            groups.append([k])
            best = len(groups) - 1
        else:
            groups[best].append(k)
        by_day[day].add(best)
        label[k] = best
    return label
