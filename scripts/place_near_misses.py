"""Round 33 study: the development near misses by place (docs/benchmarks.md, "Round 33").

Every draft of the given development sets is extracted with the acceptance step off (as `warlog train acceptance`
does). A gold event the devset scorer leaves unmatched is a place near miss when a draft of its report, not paired,
has its event type, a day within one and a point more than 25 km away. Each near miss is put in a class by what the
gazetteer holds for the gold place's name: a row within 25 km of the gold point ("gaz"), rows only farther away
("gazfar": the right place is missing, a namesake is there), none ("nogaz"); "/text" when the report writes the name,
"/otherdraft" when another draft of the report lies within 25 km of the gold point.

    PYTHONPATH=src .venv/bin/python scripts/place_near_misses.py \\
        $(ls -d tests/fixtures/devset_* | grep -v "w48\\|w49" | sed 's/^/--data /')

(~5 minutes on 2 cores for the 45 development sets; the sealed and held-out sets are refused, as by the trainer.)
"""

from __future__ import annotations

import argparse
from collections import Counter
from datetime import date
from pathlib import Path

from warlog.eval.devset import load_devset, pair_events
from warlog.extract.run import extract_reports
from warlog.gazetteer import get_gazetteer, haversine_km
from warlog.train.acceptance import _sealed

NEAR_KM = 25.0


def _km(gold: dict, draft: dict) -> float | None:
    try:
        return haversine_km(gold["latitude"], gold["longitude"], float(draft["latitude"]), float(draft["longitude"]))
    except (KeyError, TypeError, ValueError):
        return None


def _days(gold: dict, draft: dict) -> int | None:
    try:
        return abs((date.fromisoformat(gold["event_date"]) - date.fromisoformat(str(draft["event_date"])[:10])).days)
    except (KeyError, TypeError, ValueError):
        return None


def near_misses(folder: Path) -> list[tuple[str, str, str, str, float]]:
    """(class, report file, gold place, draft place, km) for each place near miss of one development set."""
    gold, reports = load_devset(folder)
    if _sealed(str(gold.get("about", ""))):
        raise SystemExit(f"{folder}: a held-out or sealed set is never studied")
    gaz = get_gazetteer()
    out = []
    for entry, report, ex in zip(gold["reports"], reports, extract_reports(reports, accept=False), strict=True):
        drafts = [m.to_acled() for m in ex.mentions]
        paired = pair_events(entry["events"], drafts)
        used = set(paired.values())
        for gi, g in enumerate(entry["events"]):
            if gi in paired:
                continue
            for si, d in enumerate(drafts):
                km, days = _km(g, d), _days(g, d)
                if si in used or km is None or days is None:
                    continue
                if d.get("event_type") != g["event_type"] or days > 1 or km <= NEAR_KM:
                    continue
                name = str(g.get("location", "")).split(" - ")[-1]
                rows = [e for e, _ in gaz.lookup_scored(name)]
                held = any(haversine_km(g["latitude"], g["longitude"], e.lat, e.lon) <= NEAR_KM for e in rows)
                kind = ("gaz" if held else "gazfar" if rows else "nogaz") + (
                    "/text" if name.lower() in report.text.lower() else "/notext"
                )
                if any((k := _km(g, o)) is not None and k <= NEAR_KM for o in drafts):
                    kind += "/otherdraft"
                out.append((kind, f"{folder.name}/{entry['file']}", name, str(d.get("location")), round(km)))
                break
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", action="append", type=Path, required=True, help="a development set folder")
    parser.add_argument("--list", action="store_true", help="print every near miss, not only the counts")
    args = parser.parse_args()
    rows = [row for folder in args.data for row in near_misses(folder)]
    print(f"{len(rows)} place near misses")
    for kind, n in Counter(r[0] for r in rows).most_common():
        print(f"{n:5d}  {kind}")
    if args.list:
        for row in sorted(rows):
            print(" | ".join(map(str, row)))


if __name__ == "__main__":
    main()
