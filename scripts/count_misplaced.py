"""Count events whose place came from a name spaCy calls PERSON or ORG, and events placed outside the report's country.

Runs the extraction `warlog ingest` runs (one spaCy pass, `extract_from_doc`) over a CSV corpus and prints:

- ``person_org``: events whose place came from a toponym of their evidence that lies, at every such toponym, inside a
  PERSON/ORG entity (a place taken from elsewhere in the report is not counted: no span of the evidence was
  geocoded); split into
  - ``person_org_place_position``: the parse puts the entity where a place goes (object of a locative preposition or
    of a verb of attack or movement, modifier of a place or incident noun: `context.entity_spans` relabels these
    PLACE?) -- spaCy mislabelling a real place ("in Manbij" as PERSON), not an error;
  - ``person_org_place_elsewhere``: the name alone, outside a place's position here but in one elsewhere in the report
    (or an entity spaCy calls GPE/LOC/FAC there): spaCy mislabelling a place the report names, not an error;
  - ``person_org_not_place_position``: the rest, the PERSON/ORG spans that were geocoded -- the name alone outside a
    place's position ("Observatory director Rami Abdel Rahman said" -> ar-Rami), or part of a longer name
    (``of_which_inside_longer_name``: "the Idlib Media Center" -> Idlib);
- ``outside_country``: events placed outside ``--country`` (ISO2; FA-KES reports are all about Syria).

    .venv/bin/python scripts/count_misplaced.py ../shared/data/fa-kes/FA-KES-Dataset.csv --country SY
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
from collections import Counter
from typing import Any

from warlog.eval.fakes import parse_day
from warlog.extract.context import entity_spans
from warlog.extract.frames import extract_from_doc
from warlog.extract.nlp import load_nlp
from warlog.extract.places import NON_PLACE, find_toponyms
from warlog.model import Report


def _bare(name: str) -> str:
    """An entity's text without "the" and a possessive."""
    return re.sub(r"(?:['’]s)$", "", re.sub(r"^(?:the|The)\s+", "", name))


def _kind(ent: Any, surface: str, labels: list[tuple[int, int, str]], placed: set[str]) -> str:
    """How a place name inside a PERSON/ORG entity reads: `place_position` when the parse puts the entity where a
    place goes (spaCy mislabels a place: "in Manbij"), `not_place_position` when the entity is the name alone
    elsewhere, `place_elsewhere` when that name is in a place's position elsewhere in the report (spaCy mislabels a
    place the report names as one: "Aleppo is at the heart of ..." after "in Aleppo"), `inside_longer_name` when the
    name is part of a longer name ("the Idlib Media Center")."""
    kept = [lab for s, t, lab in labels if s == ent.start_char and t == ent.end_char]
    if "PLACE?" in kept:
        return "place_position"
    bare = _bare(ent.text)
    bare = surface if bare == surface + "s" else bare  # "Aleppos" (the apostrophe lost)
    if bare != surface:
        return "inside_longer_name"
    return "place_elsewhere" if surface in placed else "not_place_position"


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
    examples: dict[str, list[str]] = {
        "place_position": [], "place_elsewhere": [], "not_place_position": [], "inside_longer_name": [],
        "outside_country": [],
    }  # fmt: skip
    for report, doc in zip(reports, nlp.pipe([r.text for r in reports], batch_size=16), strict=True):
        ex = extract_from_doc(report, doc)
        labels = entity_spans(doc, NON_PLACE)
        tops = find_toponyms(doc.text, labels)  # as extraction finds them (frames.extract_from_doc)
        placed = {_bare(doc.text[s:e]) for s, e, lab in labels if lab in ("PLACE?", "GPE", "LOC", "FAC")}
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
            # the toponyms the event's place can have come from: its name found as a toponym in the evidence (a place
            # taken from elsewhere in the report, at precision 2, came from no span of the evidence)
            kinds: list[str] = []
            for t in tops:
                if t.surface != surface or not any(e.start <= t.start < e.end for e in m.evidence):
                    continue
                ents = [x for x in doc.ents if x.label_ in ("PERSON", "ORG") and x.start_char <= t.start < x.end_char]
                ent = ents[0] if ents else None
                kinds.append(_kind(ent, surface, labels, placed) if ent is not None else "")
                if ent is not None and kinds[-1] != "place_position" and args.examples:
                    ctx = doc.text[max(0, ent.start_char - 50) : ent.end_char + 30].replace("\n", " ")
                    print(f"CTX {kinds[-1]} {surface!r} in {ent.label_} {ent.text!r}: ...{ctx}...", file=sys.stderr)
            if kinds and all(kinds):
                # the worst reading decides: part of a longer name, then the name alone outside a place's position
                hit = next(
                    k
                    for k in ("inside_longer_name", "not_place_position", "place_elsewhere", "place_position")
                    if k in kinds
                )
                counts["person_org"] += 1
                counts[hit] += 1
                examples[hit].append(f"{surface} -> {p.location} ({p.iso})")
    print(
        json.dumps(
            {
                "reports": len(reports),
                "events": counts["events"],
                "person_org": counts["person_org"],
                "person_org_place_position": counts["place_position"],
                "person_org_place_elsewhere": counts["place_elsewhere"],
                "person_org_not_place_position": counts["not_place_position"] + counts["inside_longer_name"],
                "of_which_inside_longer_name": counts["inside_longer_name"],
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
