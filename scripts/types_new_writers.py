"""Sub-event types learned from writers used for training only, scored on every development writer (round 13).

Round 9's leave-one-writer-out study (``scripts/lowo_types.py``) trained on development writers' leads, which were
also read while writing the lexicon. Here the learned model trains on ACLED notes (the shipped model's rows) plus
leads of writers used for **training only** (``src/warlog/train/data/news_leads*.jsonl``: trainwriter, r13a, r13b),
and is scored on all seven development writers (``tests/fixtures/types/news_dev_*.jsonl``) with the report reader of
``warlog eval types --corpus snippets``, and on the ACLED held-out countries with the sentence reader. No held-out
set is read.

    PYTHONPATH=src .venv/bin/python scripts/types_new_writers.py --shared ../shared
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any

import warlog.extract.types as types_mod
from warlog.eval.types import score_types
from warlog.train.types import HELDOUT_FOLD, NEWS_GROUP, Example, _in_fold, featurise, fit, load_examples

sys.path.insert(0, str(Path(__file__).resolve().parent))
from lowo_types import Reader, install, linear_probs, make_rule  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
DEV = ["own", "w3", "w4", "w6", "w8", "w9", "w12"]
TRAIN_DIR = ROOT / "src/warlog/train/data"


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [
        {
            "text": r["text"],
            "label": r["sub_event_type"],
            "gold": None if r["sub_event_type"] == "NONE" else r["sub_event_type"],
        }
        for r in rows
    ]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", default="../shared")
    ap.add_argument("--weights", default="10,30")
    ap.add_argument("--thresholds", default="0.0,0.3,0.5,0.7,0.9")
    ap.add_argument("--out", default="/tmp/types_new_writers.json")
    args = ap.parse_args()
    shared = Path(args.shared)
    train_files = sorted(TRAIN_DIR.glob("news_leads*.jsonl"))
    train_leads = [
        Example(x["text"], x["gold"], NEWS_GROUP + f.stem, featurise(x["text"]))
        for f in train_files
        for x in read_jsonl(f)
        if x["gold"]
    ]
    dev = {w: read_jsonl(ROOT / f"tests/fixtures/types/news_dev_{w}.jsonl") for w in DEV}
    notes = load_examples(
        [shared / "data/acled-global-sample-2020", shared / "data/acled-syria-battles-2017-2023"],
        ipe=shared / "benchmarks/conflibert_eval/IndiaPoliceEvents_sents/train.tsv",
        leads=False,
    )
    acled_test = [e for e in notes if _in_fold(e, HELDOUT_FOLD)]
    notes = [e for e in notes if not _in_fold(e, HELDOUT_FOLD)]
    print(
        f"train files {[f.name for f in train_files]}: {len(train_leads)} typed leads; {len(notes)} notes",
        file=sys.stderr,
    )
    read = Reader([x["text"] for w in dev for x in dev[w]])
    results: dict[str, dict[str, float]] = {}

    def score(name: str, cwc: Any) -> None:
        install(cwc)
        t = time.perf_counter()
        row = {}
        for w in DEV:
            row[w] = score_types([(x["gold"], read(x["text"])) for x in dev[w]])["weighted_f1"]
        row["mean"] = round(sum(row[w] for w in DEV) / len(DEV), 4)
        pairs = []
        for e in acled_test:
            m = types_mod.classify_sentence(e.text)
            pairs.append((e.label, m.sub_event_type if m else None))
        row["acled"] = score_types(pairs)["weighted_f1"]
        row["s"] = round(time.perf_counter() - t, 1)
        results[name] = row
        print(name, json.dumps(row), file=sys.stderr, flush=True)

    score("lexicon alone", make_rule(None))
    for k in [float(x) for x in args.weights.split(",")]:
        model = fit(notes + train_leads, max_iter=120, lead_weight=k, choice_feature=False)
        for t in [float(x) for x in args.thresholds.split(",")]:
            score(f"nochoice-k{k:g} override@{t}", make_rule(linear_probs(model), "override", t))
    Path(args.out).write_text(json.dumps(results, indent=1), encoding="utf-8")
    print("| approach | " + " | ".join(DEV) + " | mean | ACLED held-out |")
    print("|---" * (len(DEV) + 3) + "|")
    for k, v in results.items():
        print(f"| {k} | " + " | ".join(f"{v[w]:.3f}" for w in DEV) + f" | {v['mean']:.4f} | {v['acled']:.3f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
