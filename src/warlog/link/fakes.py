"""FA-KES credible/fake with folds grouped by outlet: features from what warlog extracts (the article's death tolls),
independent corroboration by other outlets' FA-KES reports of the same day and governorate, VDC victim counts for that
governorate and date window (a partial scrape: a low count proves little), and optionally a hashed bag of words.

Every feature is a string (numbers in buckets) so one sparse logistic model (`gvc.train_softmax`) serves them all.
"""

from __future__ import annotations

import csv
import gzip
import math
import re
import zlib
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

import numpy as np

from warlog.link.reference import admin1_key

TOLL_SLACK = 2  # two tolls "agree" when within 25% + 2 of each other
TOLL_TOLERANCE = 0.25
TEXT_BUCKETS = 1 << 14
_WORD = re.compile(r"[a-z]+")


@dataclass
class Article:
    """One FA-KES row: id, outlet, label (1 credible), date and governorate given with it, text, extracted tolls."""

    report_id: str
    outlet: str
    label: int
    day: date | None
    governorate: str | None
    text: str
    tolls: list[int] = field(default_factory=list)


def parse_day(value: str) -> date | None:
    """FA-KES m/d/Y dates (also ISO)."""
    for fmt in ("%m/%d/%Y", "%Y-%m-%d"):
        try:
            return datetime.strptime(value.strip(), fmt).date()
        except ValueError:
            continue
    return None


def governorate(name: str | None) -> str | None:
    """A governorate key; FA-KES "damascus" covers the city and its countryside, as VDC's two provinces do."""
    key = admin1_key(name)
    return "damascus" if key == "rural damascus" else key


def read_articles(path: str | Path, report_ids: Sequence[str]) -> list[Article]:
    """FA-KES rows with the report ids ingest gave them (same order)."""
    with open(path, encoding="latin-1", newline="") as fh:
        rows = list(csv.DictReader(fh))
    if len(rows) != len(report_ids):
        raise ValueError(f"{len(rows)} rows but {len(report_ids)} report ids")
    return [
        Article(
            rid,
            r["source"],
            int(r["labels"]),
            parse_day(r["date"]),
            governorate(r["location"]),
            (r["article_title"] or "") + "\n" + (r["article_content"] or ""),
        )
        for rid, r in zip(report_ids, rows, strict=True)
    ]


def vdc_daily_counts(path: str | Path) -> Counter[tuple[str, date]]:
    """VDC victims per (governorate, day of death) from the scraped victim list."""
    counts: Counter[tuple[str, date]] = Counter()
    with gzip.open(path, "rt", encoding="utf-8", errors="replace", newline="") as fh:
        for r in csv.DictReader(fh):
            gov, day = governorate(r.get("province")), parse_day(r.get("date_of_death") or "")
            if gov and day:
                counts[(gov, day)] += 1
    return counts


def extracted_tolls(store: Any, report_ids: Sequence[str]) -> dict[str, list[int]]:
    """Per report, the death tolls warlog extracted (one per mention with a figure)."""
    out: dict[str, list[int]] = defaultdict(list)
    for m in store.mentions():
        if m.get("fatalities"):
            out[m["report_id"]].append(int(m["fatalities"]))
    return {r: out.get(r, []) for r in report_ids}


def _agree(a: int, b: int) -> bool:
    """Two tolls within the tolerance."""
    lo, hi = sorted((a, b))
    return hi <= lo * (1 + TOLL_TOLERANCE) + TOLL_SLACK


def _log_bucket(x: float) -> int:
    """0, 1, 2-3, 4-7, ... as 0, 1, 2, 3, ..."""
    return 0 if x <= 0 else 1 + int(math.log2(x))


def toll_features(a: Article) -> list[str]:
    """How big and how many the article's extracted tolls are."""
    if not a.tolls:
        return ["toll=none"]
    top = max(a.tolls)
    return [f"toll={_log_bucket(top)}", f"n_tolls={min(3, len(a.tolls))}", f"toll_round={top % 10 == 0 and top >= 10}"]


def corroboration_features(a: Article, by_key: dict[tuple[str | None, date], list[Article]]) -> list[str]:
    """Other outlets' reports of the same governorate within a day: how many, and whether a toll agrees."""
    if a.day is None:
        return ["corr=undated"]
    others = [
        o
        for d in (-1, 0, 1)
        for o in by_key.get((a.governorate, date.fromordinal(a.day.toordinal() + d)), [])
        if o.outlet != a.outlet
    ]
    outlets = {o.outlet for o in others}
    f = [f"corr_outlets={min(3, len(outlets))}"]
    other_tolls = [t for o in others for t in o.tolls]
    if a.tolls and other_tolls:
        top = max(a.tolls)
        f.append(f"corr_toll_agrees={any(_agree(top, t) for t in other_tolls)}")
        f.append(f"corr_toll_vs_max={_bucket_ratio(top, max(other_tolls))}")
    return f


def _bucket_ratio(a: float, b: float) -> int:
    """log2 of a/b, clipped to [-3, 3] and rounded."""
    return max(-3, min(3, round(math.log2((a + 1) / (b + 1)))))


def vdc_features(a: Article, vdc: Counter[tuple[str, date]]) -> list[str]:
    """VDC victims in the article's governorate on its day, the day before, and within three days; the article's
    top toll against them."""
    if a.day is None or not a.governorate:
        return ["vdc=unknown"]

    def window(lo: int, hi: int) -> int:
        """VDC victims from lo to hi days after the article's date."""
        return sum(vdc.get((a.governorate, date.fromordinal(a.day.toordinal() + d)), 0) for d in range(lo, hi + 1))

    same, before, near = window(0, 0), window(-1, -1), window(-3, 3)
    f = [f"vdc_day={_log_bucket(same)}", f"vdc_before={_log_bucket(before)}", f"vdc_week={_log_bucket(near)}"]
    if a.tolls:
        top = max(a.tolls)
        f.append(f"vdc_ratio={_bucket_ratio(top, max(same, before))}")
        f.append(f"vdc_agrees={any(_agree(top, c) for c in (same, before, same + before) if c)}")
    return f


def text_features(a: Article) -> list[str]:
    """Hashed unigrams and bigrams of the article (stable crc32 buckets)."""
    words = _WORD.findall(a.text.lower())
    grams = set(words) | {f"{x} {y}" for x, y in zip(words, words[1:], strict=False)}
    return [f"h{zlib.crc32(g.encode()) % TEXT_BUCKETS}" for g in grams]


def feature_rows(
    articles: Sequence[Article], vdc: Counter[tuple[str, date]] | None, text: bool = False, meta: bool = True
) -> list[list[str]]:
    """Feature strings per article: tolls, corroboration, VDC (when given), text (when asked)."""
    by_key: dict[tuple[str | None, date], list[Article]] = defaultdict(list)
    for a in articles:
        if a.day:
            by_key[(a.governorate, a.day)].append(a)
    rows = []
    for a in articles:
        f = toll_features(a) + corroboration_features(a, by_key) if meta else []
        if vdc is not None:
            f += vdc_features(a, vdc)
        if text:
            f += text_features(a)
        rows.append(f)
    return rows


def outlet_cv(rows: Sequence[Sequence[str]], labels: Sequence[int], outlets: Sequence[str], l2: float) -> np.ndarray:
    """Leave-one-outlet-out probabilities of "credible" from the sparse logistic model."""
    from warlog.link.gvc import train_softmax

    prob = np.zeros(len(rows))
    y = [str(v) for v in labels]
    for outlet in sorted(set(outlets)):
        tr = [i for i, o in enumerate(outlets) if o != outlet]
        te = [i for i, o in enumerate(outlets) if o == outlet]
        model = train_softmax([rows[i] for i in tr], [y[i] for i in tr], ("0", "1"), l2=l2, min_count=3)
        prob[te] = model.proba([rows[i] for i in te])[:, 1]
    return prob
