"""Round 32 study: what learned models can still take from the development drafts (docs/benchmarks.md, "Round 32").

Every draft of the given development sets is extracted with the acceptance step off (as `warlog train acceptance`
does) and scored leave one set out:
- acceptance models: the shipped logistic regression, the same with report-context features, with the evidence
  sentence's hashed words, with both, and (when scikit-learn is installed; it is not a warlog dependency) gradient-
  boosted trees on the shipped features;
- a sub-type corrector: a multinomial logistic regression from a draft's sub-type, inter codes and toll to the gold
  sub-type of the incident it tells, on the drafts paired with a gold event.

    PYTHONPATH=src .venv/bin/python scripts/acceptance_study.py \\
        $(ls -d tests/fixtures/devset_* | grep -v "w48\\|w49" | sed 's/^/--data /')

(~10 minutes on 2 cores for the 45 development sets; the sealed and held-out sets are refused, as by the trainer.)
"""

from __future__ import annotations

import argparse
import collections
import re
import zlib
from datetime import date
from pathlib import Path

import numpy as np
from scipy.sparse import csr_matrix

from warlog.eval.devset import load_devset, pair_events
from warlog.extract.run import extract_reports
from warlog.extract.type_model import bucket, text_features
from warlog.model import SUB_TO_TYPE
from warlog.train.acceptance import (
    THRESHOLDS,
    Drafts,
    _sealed,
    _tells,
    counts,
    f1,
    leave_one_out,
    matched,
    smoothed_f1,
    told,
)
from warlog.train.linear import fit_softmax


def collect(folder: Path) -> dict:
    gold, reports = load_devset(folder)
    if _sealed(str(gold.get("about", ""))):
        raise SystemExit(f"{folder}: a held-out or sealed set is never studied")
    rows = []
    for entry, ex in zip(gold["reports"], extract_reports(reports, accept=False), strict=True):
        events = [m.to_acled() for m in ex.mentions]
        labels, strict = told(entry["events"], events), matched(entry["events"], events)
        tight = pair_events(entry["events"], events)
        loose = pair_events(entry["events"], events, _tells, tight)
        gold_of = {si: entry["events"][gi] for gi, si in loose.items()}
        for i, m in enumerate(ex.mentions):
            rows.append(
                {
                    "file": entry["file"], "feat": ex.features[i], "label": labels[i], "strict": strict[i],
                    "size": len(events), "acled": events[i], "text": ex.report.text,
                    "ev": m.evidence[0].text if m.evidence else "", "start": m.evidence[0].start if m.evidence else 0,
                    "gold": gold_of.get(i),
                }
            )  # fmt: skip
    return {"name": folder.name, "rows": rows, "gold": sum(len(e["events"]) for e in gold["reports"])}


def drafts(s: dict, features=lambda r, rows: r["feat"]) -> Drafts:  # noqa: ANN001
    """The set as the trainer holds it (train.acceptance.Drafts), with the given features per draft."""
    rows = s["rows"]
    return Drafts(
        s["name"], [features(r, rows) for r in rows], [r["label"] for r in rows], s["gold"],
        [r["strict"] for r in rows], [r["size"] for r in rows],
    )  # fmt: skip


def report(tag: str, sets: list[dict], probs: list[np.ndarray]) -> None:
    table = {t: counts([drafts(s) for s in sets], probs, t) for t in THRESHOLDS}
    best = max(THRESHOLDS, key=lambda t: (smoothed_f1(table, t), -t))
    print(f"{tag:58s} F1 {f1(*table[best]):.4f} {table[best]} threshold {best}", flush=True)


_WORD = re.compile(r"[a-z]+")
_PLUPERFECT = re.compile(r"\bhad (?:been )?\w+(?:ed|en|wn|ht|ck|lt)\b", re.I)
_PERFECT = re.compile(r"\b(?:has|have) (?:been )?\w+(?:ed|en|wn|ht)\b", re.I)
_MODAL = re.compile(r"\b(?:will|would|could|may|might|plans? to|threaten\w*)\b", re.I)
_SAID = re.compile(r"\b(?:said|says|told|according to|reported)\b", re.I)


def _day(row: dict) -> date | None:
    try:
        return date.fromisoformat(str(row["acled"]["event_date"])[:10])
    except ValueError:
        return None


def words(row: dict, rows: list[dict]) -> dict[str, float]:
    out = dict(row["feat"])
    out.update({f"w{zlib.crc32(w.encode()) % 4096}": 1.0 for w in set(_WORD.findall(row["ev"].lower()))})
    return out


def context(row: dict, rows: list[dict]) -> dict[str, float]:
    out = dict(row["feat"])
    same = [o for o in rows if o["file"] == row["file"]]
    s = row["ev"]
    out.update({"pluperfect": float(bool(_PLUPERFECT.search(s))), "perfect": float(bool(_PERFECT.search(s)))})
    out.update({"future": float(bool(_MODAL.search(s))), "said": float(bool(_SAID.search(s)))})
    killed, own = [o["acled"].get("fatalities") or 0 for o in same], row["acled"].get("fatalities") or 0
    out["max_killed"] = float(own > 0 and own == max(killed))
    first, here = min(same, key=lambda o: o["start"]), _day(row)
    if here and _day(first):
        gap = abs((here - _day(first)).days)
        out["day_first"], out["day_far"] = float(gap == 0), float(gap > 3)
    days = [d for o in same if (d := _day(o))]
    if here and days:
        out["modal_day"] = float(here == collections.Counter(days).most_common(1)[0][0])
    loc, sub = row["acled"].get("location"), row["acled"].get("sub_event_type")
    earlier = [o for o in same if o["start"] < row["start"]]
    out["first_of_place"] = float(not any(o["acled"].get("location") == loc for o in earlier))
    out["first_of_type"] = float(not any(o["acled"].get("sub_event_type") == sub for o in earlier))
    out["place_in_lead"] = float(bool(loc) and loc.split(" - ")[-1].lower() in row["text"][:300].lower())
    return out


def both(row: dict, rows: list[dict]) -> dict[str, float]:
    return {**context(row, rows), **{k: v for k, v in words(row, rows).items() if k.startswith("w")}}


def loo_linear(sets: list[dict], features, l2: float = 0.01) -> list[np.ndarray]:  # noqa: ANN001
    return leave_one_out([drafts(s, features) for s in sets], l2)


def loo_trees(sets: list[dict]) -> list[np.ndarray] | None:
    try:
        from sklearn.ensemble import HistGradientBoostingClassifier
    except ImportError:
        return None
    names = sorted({k for s in sets for r in s["rows"] for k in r["feat"]})
    col = {n: i for i, n in enumerate(names)}
    xs = []
    for s in sets:
        x = np.zeros((len(s["rows"]), len(names)))
        for i, r in enumerate(s["rows"]):
            for k, v in r["feat"].items():
                x[i, col[k]] = v
        xs.append(x)
    out = []
    for i in range(len(sets)):
        x = np.vstack([xs[j] for j in range(len(sets)) if j != i])
        y = np.array([r["label"] for j, s in enumerate(sets) if j != i for r in s["rows"]])
        model = HistGradientBoostingClassifier(
            learning_rate=0.05,
            max_iter=200,
            min_samples_leaf=20,
            max_leaf_nodes=15,
            l2_regularization=1.0,
            random_state=0,
        ).fit(x, y)
        out.append(model.predict_proba(xs[i])[:, 1])
    return out


def corrector(sets: list[dict], with_words: bool, l2: float = 0.01, threshold: float = 0.5) -> None:
    subs = sorted(SUB_TO_TYPE)

    def feats(r: dict) -> dict[str, float]:
        a = r["acled"]
        out = {f"cur={a['sub_event_type']}": 3.0, f"i1={a.get('inter1')}": 1.0, f"i2={a.get('inter2')}": 1.0}
        out["killed"] = float(bool(a.get("fatalities")))
        if with_words:
            out.update({f"t{bucket(t)}": 1.0 for t in text_features(r["ev"])})
        return out

    tally: collections.Counter = collections.Counter()
    changes: collections.Counter = collections.Counter()
    for i in range(len(sets)):
        train = [r for j, s in enumerate(sets) if j != i for r in s["rows"] if r["gold"]]
        test = [r for r in sets[i]["rows"] if r["gold"]]
        col: dict[str, int] = {}
        for r in train:
            for k in feats(r):
                col.setdefault(k, len(col))

        def matrix(rows: list[dict], col: dict[str, int] = col) -> csr_matrix:
            ii, jj, vv = [], [], []
            for n, r in enumerate(rows):
                for k, v in feats(r).items():
                    if k in col:
                        ii.append(n), jj.append(col[k]), vv.append(v)
            return csr_matrix((vv, (ii, jj)), shape=(len(rows), len(col)))

        w, b = fit_softmax(matrix(train), [subs.index(r["gold"]["sub_event_type"]) for r in train], len(subs), l2=l2)
        z = matrix(test) @ w + b
        for r, zi in zip(test, z, strict=True):
            p = np.exp(zi - zi.max())
            p /= p.sum()
            cur, best = r["acled"]["sub_event_type"], subs[int(p.argmax())]
            new = best if p.max() >= threshold else cur
            gold_sub, gold_type = r["gold"]["sub_event_type"], r["gold"]["event_type"]
            tally["n"] += 1
            tally["sub before"] += cur == gold_sub
            tally["sub after"] += new == gold_sub
            tally["type before"] += SUB_TO_TYPE[cur] == gold_type
            tally["type after"] += SUB_TO_TYPE[new] == gold_type
            if new != cur:
                changes[(cur, new, "right" if new == gold_sub else "was right" if cur == gold_sub else "neither")] += 1
    print(f"type corrector, words {with_words}: {dict(tally)}")
    for change, n in changes.most_common():
        print(f"    {n} {change}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", action="append", required=True, type=Path)
    args = ap.parse_args()
    sets = [collect(f) for f in args.data]
    rows = [r for s in sets for r in s["rows"]]
    near = sum(r["label"] and not r["strict"] for r in rows)
    print(f"{len(rows)} drafts, {sum(s['gold'] for s in sets)} gold events; matched {sum(r['strict'] for r in rows)}, "
          f"telling a gold incident with one argument wrong {near}")  # fmt: skip
    report("every draft kept", sets, [np.ones(len(s["rows"])) for s in sets])
    report("logistic regression, shipped features", sets, loo_linear(sets, lambda r, _rows: r["feat"]))
    report("  + report-context features", sets, loo_linear(sets, context))
    report("  + the sentence's hashed words (l2 0.01)", sets, loo_linear(sets, words))
    report("  + both (l2 0.03)", sets, loo_linear(sets, both, 0.03))
    trees = loo_trees(sets)
    if trees is None:
        print("gradient-boosted trees: skipped (scikit-learn is not installed)")
    else:
        report("gradient-boosted trees, shipped features", sets, trees)
    corrector(sets, with_words=False)


if __name__ == "__main__":
    main()
