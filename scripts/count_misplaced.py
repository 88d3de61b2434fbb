"""Count events whose place came from a name spaCy calls PERSON or ORG, and events placed outside the report's country.

Runs the extraction `warlog ingest` runs (one spaCy pass, `extract_from_doc`) over a CSV corpus and prints:

- ``person_org``: events whose place surface, in one of their evidence sentences, lies inside a PERSON/ORG entity;
- ``person_org_not_place_position``: of those, the ones the parse does not put in a place's position either (object
  of a locative preposition, or before a place noun: `context.entity_spans` leaves these labelled PERSON/ORG) -- the
  real errors ("Observatory director Rami Abdel Rahman said" -> ar-Rami);
- ``outside_country``: events placed outside ``--country`` (ISO2; FA-KES reports are all about Syria).

    .venv/bin/python scripts/count_misplaced.py ../shared/data/fa-kes/FA-KES-Dataset.csv --country SY
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections import Counter

from warlog.eval.fakes import parse_day
from warlog.extract.context import entity_spans
from warlog.extract.frames import extract_from_doc
from warlog.extract.nlp import load_nlp
from warlog.extract.places import NON_PLACE
from warlog.model import Report


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("csv_path")
    ap.add_argument("--country", default="SY", help="ISO2 of the country every report is about")
    ap.add_argument("--limit", type=int, default=0, help="only the first N rows (0: all)")
    ap.add_argument("--examples", type=int, default=0, help="print this many examples of each kind")
    args = ap.parse_args()
    with open(args.csv_path, encoding="latin-1", newline="") as f:
        rows = list(csv.DictReader(f))
    if args.limit:
        rows = rows[: args.limit]
    reports = [
        Report(
            text=(r.get("article_title") or "").strip() + "\n\n" + r["article_content"],
            title=r.get("article_title"),
            published=parse_day(r.get("date") or ""),
        )
        for r in rows
    ]
    nlp = load_nlp()
    counts: Counter[str] = Counter()
    examples: dict[str, list[str]] = {"person_org": [], "not_place_position": [], "outside_country": []}
    for report, doc in zip(reports, nlp.pipe([r.text for r in reports], batch_size=16), strict=True):
        ex = extract_from_doc(report, doc)
        labels = entity_spans(doc, NON_PLACE)
        for m in ex.mentions:
            counts["events"] += 1
            p = m.place
            if p is None:
                continue
            if p.iso and p.iso != args.country:
                counts["outside_country"] += 1
                examples["outside_country"].append(f"{p.location} ({p.iso}) <- {m.evidence[0].text[:120]}")
            surface = p.surface or ""
            if not surface:
                continue
            # a hit when every occurrence of the place's name in the event's evidence lies inside a PERSON/ORG name
            inside: list[str] = []
            found = False
            for e in m.evidence:
                at = doc.text.find(surface, e.start, e.end)
                while at >= 0:
                    found = True
                    ent = next(
                        (x for x in doc.ents if x.label_ in ("PERSON", "ORG") and x.start_char <= at < x.end_char), None
                    )
                    if ent is None:
                        inside.append("")
                    else:
                        kept = [lab for s, t, lab in labels if s == ent.start_char and t == ent.end_char]
                        inside.append("person_org" if "PLACE?" in kept else "not_place_position")
                    at = doc.text.find(surface, at + 1, e.end)
            hit = None
            if found and all(inside):
                hit = "not_place_position" if "not_place_position" in inside else "person_org"
            if hit:
                counts["person_org"] += 1
                counts[f"person_org_{hit}"] += 1 if hit == "not_place_position" else 0
                examples[hit].append(f"{surface} -> {p.location} ({p.iso})")
    print(
        json.dumps(
            {
                "reports": len(reports),
                "events": counts["events"],
                "person_org": counts["person_org"],
                "person_org_not_place_position": counts["person_org_not_place_position"],
                "outside_country": counts["outside_country"],
            }
        )
    )
    for kind, items in examples.items():
        for line in Counter(items).most_common(args.examples):
            print(f"{kind}: {line[1]}x {line[0]}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
