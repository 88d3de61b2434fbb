"""Write src/warlog/data/government_periods.csv: the government periods ACLED puts in its state-forces names
("Military Forces of Iraq (2018-2020)"), per country (military and police share them), with the first and last event
day each was seen on.

    .venv/bin/python scripts/government_periods.py ../shared/data/acled-global-sample-2020 \
        ../shared/data/acled-syria-battles-2017-2023 > src/warlog/data/government_periods.csv

Only names are counted (facts about ACLED's actor list), never notes. A period seen open in an older export and
closed in a newer one ("2017-" in 2020, "2017-2021" in 2023) is kept closed. Countries with two governments at once
(Libya, Yemen: "2014-" Haftar and "2016-" GNA) are left out: their period names a faction, not a time.
"""

from __future__ import annotations

import re
import sys
from datetime import date

from warlog.countries import country_iso2
from warlog.eval.types import iter_acled, parse_acled_date

_NAME = re.compile(r"^(Military|Police) Forces of (?:the )?(.+?) \((\d{4})-(\d{4})?\)")


def main(paths: list[str]) -> None:
    seen: dict[tuple[str, str, str], list[object]] = {}
    for path in paths:
        for rec in iter_acled(path):
            day = parse_acled_date(rec.get("event_date", ""))
            if day is None:
                continue
            for field in ("actor1", "actor2", "assoc_actor_1", "assoc_actor_2"):
                for name in (rec.get(field) or "").split("; "):
                    m = _NAME.match(name)
                    iso = country_iso2(m.group(2)) if m else None
                    if m is None or iso is None:
                        continue
                    key = (iso, m.group(3), m.group(4) or "")
                    row = seen.setdefault(key, [day, day, set()])
                    row[0], row[1] = min(row[0], day), max(row[1], day)
                    row[2].add(path.rstrip("/").split("/")[-1])
    closed = {(iso, start) for iso, start, end in seen if end}
    out = []
    for (iso, start, end), (first, last, sources) in sorted(seen.items()):
        if not end and (iso, start) in closed:
            continue
        out.append((iso, start, end, first, last, sources))
    open_now: dict[str, int] = {}
    for iso, _, end, *_ in out:
        if not end:
            open_now[iso] = open_now.get(iso, 0) + 1
    print("# ACLED government periods in state-forces names, by country (ISO2); first/last_seen: the event days the")
    print("# name was seen on in the exports named in 'seen_in'. Written by scripts/government_periods.py.")
    print("iso,start,end,first_seen,last_seen,seen_in")
    for iso, start, end, first, last, sources in out:
        if open_now.get(iso, 0) > 1:
            continue
        assert isinstance(first, date) and isinstance(last, date)
        print(f"{iso},{start},{end},{first},{last},{' '.join(sorted(sources))}")


if __name__ == "__main__":
    main(sys.argv[1:])
