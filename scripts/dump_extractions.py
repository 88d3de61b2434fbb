"""Dump `warlog extract --format json`-equivalent output for every report of a corpus, one JSON object per line.

Used to check that a refactor leaves extraction byte-identical: run it before and after, then `cmp` the two files.

    .venv/bin/python scripts/dump_extractions.py ../shared/data/fa-kes/FA-KES-Dataset.csv /tmp/before.jsonl \
        --map text=article_content,title=article_title,published=date,outlet=source
"""

from __future__ import annotations

import argparse
import json
import sys

from warlog.extract.run import extraction_payload
from warlog.ingest import IngestError, read_sources
from warlog.service import extract_reports


def payload(ex) -> dict:  # noqa: ANN001 - an Extraction
    """The JSON `warlog extract` prints for one report, with the extraction's error and warnings."""
    return {**extraction_payload(ex), "error": ex.error, "warnings": list(ex.warnings)}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("source")
    ap.add_argument("out")
    ap.add_argument("--map", default="", help="column mapping, e.g. text=article_content,title=article_title")
    args = ap.parse_args()
    mapping = dict(kv.split("=", 1) for kv in args.map.split(",") if kv) or None
    items = list(read_sources([args.source], mapping=mapping, local_files=True))
    reports = [r for r in items if not isinstance(r, IngestError)]
    n = 0
    with open(args.out, "w", encoding="utf-8") as fh:
        for i in range(0, len(reports), 32):
            for ex in extract_reports(reports[i : i + 32]):
                fh.write(json.dumps(payload(ex), ensure_ascii=False, sort_keys=True, default=str) + "\n")
                n += 1
    print(f"{n} reports, {len(items) - len(reports)} read errors -> {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
