"""List every event above a death toll in a corpus, with the sentence that gives the figure, and the totals.

Issue 13's check on the 804 FA-KES articles (no event above 500 deaths unless the text reports one incident of that
size); it runs the extraction `warlog ingest` runs:

    .venv/bin/python scripts/big_tolls.py ../shared/data/fa-kes/FA-KES-Dataset.csv --above 500 \
        --map text=article_content,title=article_title,published=date,outlet=source
"""

from __future__ import annotations

import argparse
import sys

from warlog.ingest import IngestError, read_sources
from warlog.service import extract_reports


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("source")
    ap.add_argument("--above", type=int, default=500, help="list events with more deaths than this")
    ap.add_argument("--map", default="", help="column mapping, e.g. text=article_content,title=article_title")
    args = ap.parse_args()
    mapping = dict(kv.split("=", 1) for kv in args.map.split(",") if kv) or None
    items = list(read_sources([args.source], mapping=mapping, local_files=True))
    reports = [r for r in items if not isinstance(r, IngestError)]
    mentions = deaths = claims = 0
    big: list[tuple[int, str, str, str]] = []
    civilians_in_battles = 0
    for i in range(0, len(reports), 32):
        for ex in extract_reports(reports[i : i + 32]):
            claims += len(ex.claims)
            for m in ex.mentions:
                mentions += 1
                deaths += m.fatalities or 0
                if m.event_type == "Battles" and "Civilians" in f"{m.actor1} {m.actor2}":
                    civilians_in_battles += 1
                if (m.fatalities or 0) > args.above:
                    figure = str(m.fatalities)
                    source = next((e.text for e in m.evidence if figure in e.text.replace(",", "")), m.evidence[0].text)
                    big.append((m.fatalities or 0, str(m.sub_event_type), (ex.report.title or "")[:80], source))
    print(
        f"{len(reports)} reports ({len(items) - len(reports)} read errors): {mentions} events, {deaths} deaths, "
        f"{claims} claims; Battles with Civilians as an actor: {civilians_in_battles}"
    )
    print(f"events above {args.above} deaths: {len(big)}")
    for n, sub, title, sentence in sorted(big, reverse=True):
        print(f"- {n} {sub} | {title} | {sentence[:300]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
