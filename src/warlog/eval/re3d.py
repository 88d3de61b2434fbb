"""Toponym recognition on conflict news: re3d (Dstl), 98 Syria/Iraq documents (BBC, CENTCOM, UK and US government,
Wikipedia ...) with hand-made entity annotations. A toponym warlog finds is right when it overlaps a `Location`
entity; a `Location` is found when a toponym overlaps it. No coordinates are annotated, so this scores recognition
only (`warlog eval geoparse` scores resolution). The recogniser never trains on re3d: these are held-out numbers.
Candidates and entity spans are those `warlog ingest` uses (extract/frames.py: context.entity_spans, find_toponyms).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from warlog.eval.report import EvalError, EvalResult


@dataclass
class Re3dDoc:
    """A document's text and its `Location` spans (start, end exclusive)."""

    id: str
    text: str
    places: list[tuple[int, int]] = field(default_factory=list)


def _json_lines(path: Path) -> Iterable[dict]:
    with open(path, encoding="utf-8-sig") as f:
        for line in f:
            if line.strip():
                yield json.loads(line)


def read_re3d(root: str | Path) -> list[Re3dDoc]:
    """The documents of every source folder under `root` (each holds documents.json and entities.json)."""
    root = Path(root)
    folders = sorted(p for p in root.iterdir() if (p / "documents.json").exists()) if root.is_dir() else []
    if not folders:
        raise EvalError(f"{root}: no re3d source folders (each holds documents.json and entities.json)")
    docs: list[Re3dDoc] = []
    for folder in folders:
        try:
            by_id = {d["_id"]: Re3dDoc(d["_id"], d["text"]) for d in _json_lines(folder / "documents.json")}
            for ent in _json_lines(folder / "entities.json"):
                doc = by_id.get(ent.get("documentId"))
                if doc is not None and ent.get("type") == "Location":
                    doc.places.append((int(ent["begin"]), int(ent["end"])))
        except (OSError, ValueError, KeyError) as exc:
            raise EvalError(f"{folder}: not re3d's mongoexport layout ({exc})") from None
        docs.extend(by_id.values())
    return docs


def recognition_scores(docs: list[Re3dDoc], predicted: list[list[tuple[int, int]]]) -> dict[str, float]:
    """Span-overlap precision, recall and F1 of predicted toponym spans against the `Location` spans."""
    tp = n_pred = n_gold = found = 0
    for doc, spans in zip(docs, predicted, strict=True):
        n_pred += len(spans)
        n_gold += len(doc.places)
        tp += sum(1 for s, e in spans if any(a < e and s < b for a, b in doc.places))
        found += sum(1 for a, b in doc.places if any(a < e and s < b for s, e in spans))
    p = tp / n_pred if n_pred else 0.0
    r = found / n_gold if n_gold else 0.0
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0}


def evaluate_re3d(root: str | Path, model: Any = None, limit: int | None = None) -> EvalResult:
    """Find the toponyms of every re3d document as extraction does and score them (`model`: a ToponymModel, default
    the shipped recogniser; toponyms.KEEP_ALL keeps every candidate)."""
    from warlog.extract.context import entity_spans
    from warlog.extract.frames import NON_PLACE
    from warlog.extract.nlp import load_nlp
    from warlog.extract.places import find_toponyms
    from warlog.extract.toponyms import KEEP_ALL

    docs = read_re3d(root)[:limit]
    if not any(d.places for d in docs):
        raise EvalError(f"{root}: nothing to score (no Location entities in entities.json)")
    nlp = load_nlp()
    predicted, every = [], []
    for doc, sp in zip(docs, nlp.pipe([d.text for d in docs], batch_size=16), strict=True):
        ner = entity_spans(sp, NON_PLACE)
        predicted.append([(t.start, t.end) for t in find_toponyms(doc.text, ner, model=model)])
        every.append([(t.start, t.end) for t in find_toponyms(doc.text, ner, model=KEEP_ALL)])
    shipped, keep_all = recognition_scores(docs, predicted), recognition_scores(docs, every)
    metrics: dict[str, Any] = {f"toponym_{k}": round(v, 4) for k, v in shipped.items()}
    metrics |= {f"all_candidates_{k}": round(v, 4) for k, v in keep_all.items()}
    metrics |= {"n_documents": len(docs), "n_locations": sum(len(d.places) for d in docs)}
    return EvalResult(
        benchmark="re3d (Dstl) Syria/Iraq documents: toponym recognition",
        metrics=metrics,
        notes=[
            "span overlap with a Location entity; no published figure for toponym recognition on re3d",
            "all_candidates_*: every gazetteer/NER candidate kept (the recogniser switched off)",
            "the recogniser is trained on LGL, TR-News and GeoVirus only: re3d is held out",
        ],
    )
