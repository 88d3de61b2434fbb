"""`warlog train geo`: fit the toponym ranker on the open geoparsing corpora and report cross-validated accuracy.

Training examples are gold toponyms with coordinates whose candidate list holds a place within 161 km of the gold
point (the nearest such candidate is the right answer). The first pass is fitted on name/context features; the
second on all features, with anchors picked by the fitted first pass. Cross-validation: leave one corpus out
(train on the others, score acc@161 km on the held-out one with the whole resolver) and k folds over documents.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from warlog.eval.geoparse import GeoDoc, read_corpus, resolution_metrics, resolve_gold, toponyms_for_spans
from warlog.gazetteer import Gazetteer, get_gazetteer, haversine_km
from warlog.gazetteer.ranker import FEATURES, FIXED, RANKER_PATH, SECOND_ONLY, Ranker
from warlog.train.linear import fit_conditional_logit


@dataclass
class Group:
    """One toponym's candidates: feature dicts and the index of the right one."""

    feats: list[dict[str, float]]
    label: int
    doc: int = 0


def fit_softmax(
    groups: Sequence[Group], names: Sequence[str], fixed: dict[str, float] | None = None, l2: float = 1e-3
) -> dict[str, float]:
    """Weights maximising the conditional log-likelihood of the right candidate (L2; `train.linear`); the fixed
    rules' scores enter as offsets."""
    fixed = fixed or {}
    idx = {n: i for i, n in enumerate(names)}
    rows, offsets, group, labels = [], [], [], []
    for gi, g in enumerate(groups):
        labels.append(len(rows) + g.label)
        for f in g.feats:
            rows.append([f.get(n, 0.0) for n in names])
            offsets.append(sum(fixed.get(k, 0.0) * v for k, v in f.items() if k not in idx))
            group.append(gi)
    if not rows:
        return {}
    w = fit_conditional_logit(
        np.asarray(rows, dtype=float), np.asarray(group), np.asarray(labels), offset=np.asarray(offsets), l2=l2
    )
    return {n: float(w[i]) for i, n in enumerate(names)}


def accuracy(groups: Sequence[Group], weights: dict[str, float], fixed: dict[str, float] | None = None) -> float:
    """Share of groups whose top-scored candidate is the right one."""
    fixed = fixed or {}
    ok = 0
    for g in groups:
        scores = [sum((weights.get(k, 0.0) + fixed.get(k, 0.0)) * v for k, v in f.items()) for f in g.feats]
        ok += int(max(range(len(scores)), key=scores.__getitem__) == g.label)
    return ok / len(groups) if groups else 0.0


@dataclass
class Prepared:
    """A corpus's documents with their toponyms looked up once."""

    name: str
    docs: list[GeoDoc]
    toponyms: list[list]  # per doc: list[Toponym]


def prepare(name: str, path: str | Path, gazetteer: Gazetteer | None = None) -> Prepared:
    """Read a corpus and look up the candidates of every gold span."""
    gaz = gazetteer or get_gazetteer()
    docs = read_corpus(path)
    tops = [toponyms_for_spans(d.text, [(g.start, g.end) for g in d.toponyms], gaz) for d in docs]
    return Prepared(name, docs, tops)


def groups_for(data: Sequence[Prepared], ranker: Ranker, second: bool, doc_filter: set[int] | None = None) -> list:
    """Training groups (one per gold toponym with a right candidate among 2+), first or second pass features."""
    from warlog.extract.places import rank_document

    out: list[Group] = []
    n = 0
    for prep in data:
        for doc, tops in zip(prep.docs, prep.toponyms, strict=True):
            n += 1
            if doc_filter is not None and n - 1 not in doc_filter:
                continue
            if not tops:
                continue
            ranking = rank_document(tops, doc.text, ranker=ranker)
            feats = ranking.second if second else ranking.first
            for gold, cands, fs in zip(doc.toponyms, ranking.cands, feats, strict=True):
                if not gold.has_point or len(cands) < 2:
                    continue
                dists = [haversine_km(c.lat, c.lon, gold.lat, gold.lon) for c in cands]  # type: ignore[arg-type]
                best = min(range(len(cands)), key=dists.__getitem__)
                if dists[best] <= 161.0:
                    out.append(Group(fs, best, n - 1))
    return out


def fit(data: Sequence[Prepared], doc_filter: set[int] | None = None, l2: float = 1e-3) -> tuple[Ranker, int]:
    """Fit both passes; returns the ranker and the number of training toponyms."""
    base = Ranker()
    first_names = [f for f in FEATURES if f not in SECOND_ONLY]
    g1 = groups_for(data, base, False, doc_filter)
    w1 = fit_softmax(g1, first_names, FIXED, l2=l2)
    r1 = Ranker(first=w1, second=w1)
    g2 = groups_for(data, r1, True, doc_filter)
    w2 = fit_softmax(g2, list(FEATURES), FIXED, l2=l2)
    return Ranker(first=w1, second=w2), len(g2)


def _acc(prep: Prepared, ranker: Ranker, docs: set[int] | None = None, offset: int = 0) -> dict:
    """Resolution metrics of the whole resolver on a corpus (or some of its documents)."""
    chosen = [d for i, d in enumerate(prep.docs) if docs is None or i + offset in docs]
    outcomes, _ = resolve_gold(chosen, ranker=ranker)
    return resolution_metrics(outcomes)


def cross_validate(
    data: Sequence[Prepared], folds: int = 5, seed: int = 13, log: Callable[[str], None] = print
) -> dict[str, dict]:
    """Leave-one-corpus-out and (with folds > 1) k-fold over all documents acc@161 km; also the hand-set weights for
    reference."""
    results: dict[str, dict] = {}
    for held in data:
        train = [p for p in data if p is not held]
        ranker, n = fit(train)
        m = _acc(held, ranker)
        results[f"train {'+'.join(p.name for p in train)} -> test {held.name}"] = m
        results[f"hand-set weights -> {held.name}"] = _acc(held, Ranker())
        log(f"leave-one-out {held.name}: acc_161km={m['acc_161km']:.3f} (trained on {n} toponyms)")
    if folds <= 1:
        return results
    total = sum(len(p.docs) for p in data)
    order = list(range(total))
    random.Random(seed).shuffle(order)
    per_fold = [set(order[k::folds]) for k in range(folds)]
    pooled: dict[str, list] = {p.name: [] for p in data}
    for k, test in enumerate(per_fold):
        ranker, _ = fit(data, set(range(total)) - test)
        offset = 0
        for p in data:
            chosen = [d for i, d in enumerate(p.docs) if i + offset in test]
            outcomes, _ = resolve_gold(chosen, ranker=ranker)
            pooled[p.name].extend(outcomes)
            offset += len(p.docs)
        log(f"fold {k + 1}/{folds} done")
    for name, outs in pooled.items():
        results[f"{folds}-fold over documents -> {name}"] = resolution_metrics(outs)
    return results


def train_geo(
    corpora: dict[str, str | Path],
    out: str | Path | None = RANKER_PATH,
    folds: int = 5,
    log: Callable[[str], None] = print,
) -> tuple[Ranker, dict[str, dict]]:
    """Cross-validate, then fit on all corpora and write the weights (JSON) to `out`."""
    data = [prepare(name, path) for name, path in corpora.items()]
    cv = cross_validate(data, folds, log=log) if len(data) > 1 else {}
    ranker, n = fit(data)
    ranker.meta = {
        "trained_on": sorted(corpora),
        "groups": n,
        "features": list(FEATURES),
        "cross_validation": {k: {m: round(v, 4) for m, v in r.items()} for k, r in cv.items()},
    }
    if out:
        Path(out).write_text(ranker.to_json(), encoding="utf-8")
    return ranker, cv


# ----------------------------------------------------------------------------------------------------------------
# The toponym recogniser (extract/toponyms.py)


@dataclass
class NerCorpus:
    """A corpus's documents with spaCy's entity spans, computed once."""

    name: str
    docs: list[GeoDoc]
    ner: list[list[tuple[int, int, str]]]


def recogniser_examples(
    corpus: NerCorpus, gazetteer: Gazetteer | None = None
) -> tuple[list[dict[str, float]], list[int]]:
    """One example per candidate span: label 1 when it overlaps a gold toponym with coordinates, 0 when it overlaps
    none (candidates on annotated toponyms without coordinates are left out, as the scorer leaves them out)."""
    from warlog.extract.places import find_toponyms, report_region
    from warlog.extract.toponyms import KEEP_ALL, candidate_features, doc_view

    gaz = gazetteer or get_gazetteer()
    rows, labels = [], []
    for doc, ner in zip(corpus.docs, corpus.ner, strict=True):
        view = doc_view(doc.text, ner, report_region(doc.text))
        for t in find_toponyms(doc.text, ner, gazetteer=gaz, model=KEEP_ALL):
            over = [g for g in doc.toponyms if g.start < t.end and t.start < g.end]
            if over and not any(g.has_point for g in over):
                continue
            rows.append(candidate_features(t, view))
            labels.append(int(bool(over)))
    return rows, labels


def fit_recogniser(corpora: Sequence[NerCorpus], gazetteer: Gazetteer | None = None, l2: float = 1.0):  # noqa: ANN201
    """Fit the recogniser on the corpora; the threshold maximises candidate-level F1 on the training examples."""
    from warlog.extract.toponyms import ToponymModel, fit_logistic

    rows: list[dict[str, float]] = []
    labels: list[int] = []
    for c in corpora:
        r, y = recogniser_examples(c, gazetteer)
        rows += r
        labels += y
    weights, bias = fit_logistic(rows, labels, l2=l2)
    model = ToponymModel(weights, bias, 0.5)
    probs = [model.probability(r) for r in rows]
    pos = sum(labels)
    best_t, best_f = 0.5, -1.0
    for t in [i / 20 for i in range(4, 17)]:
        tp = sum(1 for p, y in zip(probs, labels, strict=True) if p >= t and y)
        n = sum(1 for p in probs if p >= t)
        f = 2 * tp / (n + pos) if n + pos else 0.0
        if f > best_f:
            best_t, best_f = t, f
    model.threshold = best_t
    model.meta = {"trained_on": [c.name for c in corpora], "examples": len(rows), "positives": pos}
    return model


def recogniser_scores(corpus: NerCorpus, model, gazetteer: Gazetteer | None = None) -> dict:  # noqa: ANN001
    """End-to-end NER precision / recall / F1 (span overlap and within 161 km) of a corpus with a model."""
    from warlog.eval.geoparse import DEMONYMS_ANNOTATED, ner_metrics, parse_end_to_end

    demonyms = DEMONYMS_ANNOTATED.get(corpus.name, False)
    preds = parse_end_to_end(corpus.docs, gazetteer, ner=corpus.ner, model=model, demonyms=demonyms)
    return ner_metrics(corpus.docs, preds)


def train_recogniser(
    corpora: dict[str, str | Path],
    out: str | Path | None = None,
    log: Callable[[str], None] = print,
    ner_cache: dict[str, list] | None = None,
) -> tuple[object, dict[str, dict]]:
    """Leave one corpus out (train on the others, score end to end on it), then fit on all and write the JSON."""
    from warlog.eval.geoparse import corpus_ner
    from warlog.extract.toponyms import MODEL_PATH

    gaz = get_gazetteer()
    data = []
    for name, path in corpora.items():
        docs = read_corpus(path)
        log(f"{name}: running spaCy over {len(docs)} articles")
        ner = (ner_cache or {}).get(name) or corpus_ner(docs)
        data.append(NerCorpus(name, docs, ner))
    results: dict[str, dict] = {}
    for held in data:
        train = [c for c in data if c is not held]
        if not train:
            continue
        model = fit_recogniser(train, gaz)
        m = recogniser_scores(held, model, gaz)
        results[f"recogniser trained on {'+'.join(c.name for c in train)} -> test {held.name}"] = m
        log(f"recogniser held-out {held.name}: P={m['ner_precision']:.3f} R={m['ner_recall']:.3f} "
            f"F1={m['ner_f1']:.3f}")  # fmt: skip
    model = fit_recogniser(data, gaz)
    model.meta["held_out"] = {k: {m: round(v, 4) for m, v in r.items()} for k, r in results.items()}
    target = Path(out) if out else MODEL_PATH
    target.write_text(model.to_json(), encoding="utf-8")
    return model, results
