"""Linking time for synthetic mentions at growing sizes: it should grow close to linearly.

Usage: python bench/link_scale.py [--sizes 10000,100000,1000000] [--per-day 40]
Happenings are spread over a number of days proportional to the size (constant density, as a real archive grows),
each told by 1-4 reports with jittered tolls, dates and places; prints seconds, mentions/s and events per size.
"""

from __future__ import annotations

import argparse
import random
import time
from datetime import date, timedelta

from warlog.link.linker import Linker
from warlog.model import Evidence, Mention, Place

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


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--sizes", default="10000,100000")
    ap.add_argument("--per-day", type=int, default=40)
    args = ap.parse_args()
    prev = None
    for n in (int(s) for s in args.sizes.split(",")):
        ms = synthetic(n, args.per_day)
        t0 = time.perf_counter()
        linker = Linker()
        linker.add_all(ms)
        dt = time.perf_counter() - t0
        ratio = f"  x{dt / prev[1]:.1f} time for x{n / prev[0]:.0f} mentions" if prev else ""
        print(f"{n:>9} mentions  {dt:8.2f} s  {n / dt:9.0f} mentions/s  {len(linker.members):>8} events{ratio}")
        prev = (n, dt)


if __name__ == "__main__":
    main()
