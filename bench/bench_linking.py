"""Linking time for 10k, 100k and 1M synthetic mentions: it must grow close to linearly (1M in under 2 minutes).

    .venv/bin/python bench/bench_linking.py            # 10k, 100k, 1M in memory; 10k and 100k through a SQLite store
    .venv/bin/python bench/bench_linking.py --quick    # 2k, 10k, 50k; 2k through the store

Happenings are spread over a number of days proportional to the size (constant density, as a real archive grows),
each told by 1-4 reports with jittered tolls, dates and places. Two paths are timed:
- in memory: the linker (blocking, pair scores, incremental clustering) then reconciliation of every event (figures,
  syndication, independent sources, flags): the work `warlog link` does, without the database;
- the store: `warlog link` itself (link_store) over a SQLite file the mentions were saved to, which adds reading the
  mentions, writing events and sources, and the corroboration of every report.
The growth exponent is the least-squares slope of log(time) against log(mentions) over the in-memory sizes.
"""

from __future__ import annotations

import argparse
import math
import random
import resource
import sys
import tempfile
import time
from collections import defaultdict
from datetime import date, timedelta
from pathlib import Path

from benchlib import Results, command_line, write_results

from warlog.link.linker import Linker
from warlog.link.run import reconcile_rows
from warlog.model import Evidence, Extraction, Mention, Place, Report

OUTLETS = ["Wire A", "Paper B", "Channel C", "Agency D", "Site E"]

TYPES = [
    ("Explosions/Remote violence", "Air/drone strike"),
    ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
    ("Battles", "Armed clash"),
    ("Violence against civilians", "Attack"),
]
WORDS = "market hospital school convoy checkpoint village bakery mosque camp bridge road farm".split()


def synthetic(n: int, per_day: int, seed: int = 1) -> list[Mention]:
    """About n mentions of n/2.5 happenings over n/per_day days across Syria's bounding box."""
    rng = random.Random(seed)
    start = date(2012, 1, 1)
    days = max(1, n // per_day)
    out: list[Mention] = []
    k = 0
    while len(out) < n:
        k += 1
        day = start + timedelta(days=rng.randrange(days))
        lat, lon = rng.uniform(32.5, 37.0), rng.uniform(35.8, 42.0)
        etype, sub = rng.choice(TYPES)
        toll = rng.randrange(0, 30)
        word = rng.choice(WORDS)
        for r in range(rng.randint(1, 4)):
            place = Place(f"Place {k}", lat + rng.uniform(-0.02, 0.02), lon + rng.uniform(-0.02, 0.02), 1, iso="SY")
            text = f"A strike hit the {word} near place {k}, killing {toll + r} people, sources said."
            out.append(
                Mention(
                    f"r{k}-{r}",
                    day + timedelta(days=rng.choice((0, 0, 0, 1))),
                    event_type=etype,
                    sub_event_type=sub,
                    place=place,
                    fatalities=toll + r,
                    evidence=[Evidence(text, 0, len(text))],
                )
            )
    return out[:n]


def link_in_memory(ms: list[Mention]) -> tuple[float, float, float, int]:
    """(wall seconds linking, wall seconds reconciling, CPU seconds of both, events) for these mentions."""
    c0 = time.process_time()
    t0 = time.perf_counter()
    linker = Linker()
    decisions = {d.mention_id: d for d in linker.add_all(ms)}
    t1 = time.perf_counter()
    for eid, members in linker.members.items():
        info = [
            (m, {"outlet": OUTLETS[hash(m.report_id) % len(OUTLETS)], "published": m.event_date,
                 "text": m.evidence[0].text})
            for m in members
        ]  # fmt: skip
        reconcile_rows(eid, info, decisions)
    return t1 - t0, time.perf_counter() - t1, time.process_time() - c0, len(linker.members)


def save_synthetic(url: str, ms: list[Mention]) -> None:
    """Save these mentions to a new store at `url`, one report per synthetic report id (unlinked)."""
    from warlog.store import Store

    by_report: dict[str, list[Mention]] = defaultdict(list)
    for m in ms:
        by_report[m.report_id].append(m)
    exs = []
    for rid, members in by_report.items():
        r = Report(text=f"{members[0].evidence[0].text} ({rid})", outlet=OUTLETS[hash(rid) % len(OUTLETS)],
                   published=members[0].event_date)  # fmt: skip
        exs.append(
            Extraction(report=r, mentions=[Mention(**{**vars(m), "report_id": r.id, "id": ""}) for m in members])
        )
    store = Store(url)
    for i in range(0, len(exs), 500):
        store.save_many(exs[i : i + 500])
    store.close()


def link_through_store(n: int, per_day: int, keep: str | None = None) -> tuple[float, float, int]:
    """(wall seconds of link_store, its CPU seconds, events founded) over a SQLite store of n synthetic mentions.

    keep: a folder where the unlinked store is kept (`store-<n>-<per_day>.db`, built on first use, ~650 MB at 1M):
    each run links a fresh copy of it, so repeated runs at 1M do not pay the ~5 min of saving again."""
    import shutil

    from warlog.link.run import link_store
    from warlog.store import Store

    with tempfile.TemporaryDirectory(prefix="warlog-bench-") as tmp:
        path = f"{tmp}/link.db"
        if keep:
            kept = Path(keep) / f"store-{n}-{per_day}.db"
            if not kept.exists():
                kept.parent.mkdir(parents=True, exist_ok=True)
                save_synthetic(f"sqlite:///{kept}.part", synthetic(n, per_day))
                Path(f"{kept}.part").rename(kept)
            shutil.copyfile(kept, path)
        else:
            save_synthetic(f"sqlite:///{path}", synthetic(n, per_day))
        store = Store(f"sqlite:///{path}")
        c0, t0 = time.process_time(), time.perf_counter()
        summary = link_store(store)
        seconds, cpu = time.perf_counter() - t0, time.process_time() - c0
        store.close()
    return seconds, cpu, summary.founded


def slope(points: list[tuple[int, float]]) -> float:
    """Least-squares slope of log(seconds) against log(size)."""
    xs = [math.log(n) for n, _ in points]
    ys = [math.log(t) for _, t in points]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sum((x - mx) ** 2 for x in xs)


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--sizes", default="10000,100000,1000000", help="in-memory sizes")
    ap.add_argument("--store-sizes", default="10000,100000", help="sizes linked through a SQLite store")
    ap.add_argument("--per-day", type=int, default=40, help="mentions per day (density)")
    ap.add_argument("--quick", action="store_true", help="2k, 10k, 50k in memory; 2k through the store")
    ap.add_argument("--mentions", type=int, help="only link this many mentions through the store (e.g. 1000000)")
    ap.add_argument("--keep-store", metavar="DIR", help="keep the unlinked synthetic stores here and link copies")
    args = ap.parse_args(argv)
    if args.quick:
        args.sizes, args.store_sizes = "2000,10000,50000", "2000"
    if args.mentions:
        args.sizes, args.store_sizes = "", str(args.mentions)
    res = Results("linking", "Linking (10k/100k/1M synthetic mentions)", command_line("bench_linking.py", argv))
    t_all = time.perf_counter()
    points: list[tuple[int, float]] = []
    for n in (int(s) for s in args.sizes.split(",") if s):  # --sizes "": only the store runs
        ms = synthetic(n, args.per_day)
        t_link, t_rec, cpu, n_events = link_in_memory(ms)
        total = t_link + t_rec
        points.append((n, cpu))  # CPU time: the fit should not depend on what else loads the machine
        target = {"target": "< 120 s", "ok": total < 120} if n == 1_000_000 else {}
        res.add(f"{n:,} mentions, in memory", total, "s", note=(
            f"{n / total:,.0f} mentions/s; linking {t_link:.1f} s + reconciling {t_rec:.1f} s (CPU {cpu:.1f} s); "
            f"{n_events:,} events"
        ), **target)  # fmt: skip
        del ms
    if len(points) >= 2:
        k = slope(points)
        res.add("growth exponent (time ~ mentions^k)", round(k, 3), "", target="close to 1 (<= 1.15)", ok=k <= 1.15,
                note="least squares of log CPU time over the in-memory sizes")  # fmt: skip
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    if points:
        res.add("peak RSS", peak, "MiB", note="the largest in-memory size, with its synthetic input")
    store_points: list[tuple[int, float]] = []
    for n in (int(s) for s in args.store_sizes.split(",") if s):
        seconds, cpu, founded = link_through_store(n, args.per_day, args.keep_store)
        store_points.append((n, cpu))
        target = {"target": "< 180 s", "ok": seconds < 180} if n == 1_000_000 else {}
        res.add(
            f"{n:,} mentions, `warlog link` on SQLite",
            seconds,
            "s",
            **target,
            note=f"{n / seconds:,.0f} mentions/s (CPU {cpu:.1f} s); {founded:,} events; reads, reconciles, writes, "
            "scores reports",
        )
    if len(store_points) >= 2:
        k = slope(store_points)
        res.add("growth exponent through the store (CPU ~ mentions^k)", round(k, 3), "",
                note="least squares of log CPU time of link_store over the store sizes")  # fmt: skip
    res.notes.append(
        f"Synthetic mentions, {args.per_day} a day over Syria's bounding box, 1-4 reports per happening. "
        "In memory: Linker.add_all then reconcile_rows for every event; store: link_store after save_many."
    )
    res.seconds = round(time.perf_counter() - t_all, 1)
    write_results(res)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
