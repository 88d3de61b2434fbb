"""Cross-document linking of the shipped product, scored on public coreference data.

Both benchmarks run what `warlog ingest` runs: the documents are written to a JSON Lines corpus, ingested with
`warlog.service.ingest` (reading, extraction, storage and `link_store`) into a temporary SQLite store, and the events
the shipped linker formed are read back and scored as clusters against the gold.

- GVC (gold event mentions in news about shootings): each gold mention is given the event of the warlog mention whose
  evidence sentence holds it; a gold mention outside every evidence sentence takes the event of the nearest warlog
  mention of its document (`nearest`), or stays alone (`evidence_only_*`). Warlog links whole happenings (an
  incident), not GVC's sub-events (one victim's death, a shot fired), so every gold mention of one incident in one
  document usually lands in one cluster; the score shows what that costs.
- GVA (SemEval-2018 task 5 documents): each document is given the event of its first warlog mention (its lead event);
  a document without one stays alone; scored against GVA incident ids.
"""

from __future__ import annotations

import gzip
import json
import tempfile
import zlib
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from warlog.eval.coref_metrics import clusters_of, conll_scores
from warlog.eval.gvc_study import GVC_ANCHORS, GvcDoc, doc_key_of, in_bugert_key, read_split
from warlog.eval.report import EvalError, EvalResult
from warlog.ingest import IngestError, read_sources
from warlog.service import ingest
from warlog.store import Store
from warlog.store.schema import mentions as mentions_table

CORPUS_MAPPING = {"text": "text", "title": "title", "published": "published", "url": "url", "id": "id"}
_NO_SPACE_BEFORE = frozenset(",.;:!?%)]}'\"") | {"'s", "n't", "'re", "'ve", "'ll", "'d", "'m", "--"}
_NO_SPACE_AFTER = frozenset('([{$#"')


@dataclass
class LinkedMention:
    """A warlog mention as the shipped linker left it: its report, event and evidence spans."""

    id: str
    report_id: str
    event_id: str | None
    spans: list[tuple[int, int]]

    @property
    def start(self) -> int:
        return min((s for s, _ in self.spans), default=0)


def detokenize(tokens: list[str]) -> tuple[str, list[int]]:
    """A sentence from its tokens with English spacing, and the character offset of each token in it."""
    out: list[str] = []
    offsets: list[int] = []
    pos = 0
    for i, tok in enumerate(tokens):
        if i and tok not in _NO_SPACE_BEFORE and tokens[i - 1] not in _NO_SPACE_AFTER:
            out.append(" ")
            pos += 1
        offsets.append(pos)
        out.append(tok)
        pos += len(tok)
    return "".join(out), offsets


def ingest_corpus(records: list[dict[str, Any]], workdir: str | Path) -> tuple[Store, dict[str, Any]]:
    """Write the records as a JSON Lines corpus, ingest it as `warlog ingest` does (extraction, storage, linking) into
    a SQLite store under workdir; returns the store and record id -> Report (as ingest read it)."""
    corpus = Path(workdir) / "corpus.jsonl"
    with open(corpus, "w", encoding="utf-8") as fh:
        for r in records:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    reports = {}
    for item, rec in zip(read_sources([str(corpus)], mapping=CORPUS_MAPPING, local_files=True), records, strict=True):
        if isinstance(item, IngestError):
            raise EvalError(f"record {rec['id']} could not be read: {item}")
        reports[rec["id"]] = item
    store = Store(str(Path(workdir) / "linked.db"))
    summary = ingest([str(corpus)], store, mapping=CORPUS_MAPPING, local_files=True)
    if summary.failed:
        raise EvalError(f"{len(summary.failed)} documents failed to ingest, e.g. {summary.failed[0]}")
    return store, reports


def linked_mentions(store: Store) -> dict[str, list[LinkedMention]]:
    """report id -> its mentions with the event the shipped linker put each in, in text order."""
    t = mentions_table
    out: dict[str, list[LinkedMention]] = defaultdict(list)
    with store.engine.connect() as conn:
        for row in conn.execute(sa.select(t.c.id, t.c.report_id, t.c.event_id, t.c.evidence)).mappings():
            spans = [(int(e["start"]), int(e["end"])) for e in (row["evidence"] or []) if "start" in e]
            out[row["report_id"]].append(LinkedMention(row["id"], row["report_id"], row["event_id"], spans))
    for ms in out.values():
        ms.sort(key=lambda m: (m.start, m.id))
    return dict(out)


def _cluster_of(offset: int, ms: list[LinkedMention], nearest: bool) -> str | None:
    """The event of the mention whose evidence holds the offset, else (nearest=True) of the closest evidence."""
    best: tuple[int, str] | None = None
    for m in ms:
        if m.event_id is None:
            continue
        for s, e in m.spans:
            gap = 0 if s <= offset < e else min(abs(offset - s), abs(offset - e))
            if gap == 0:
                return m.event_id
            if best is None or gap < best[0]:
                best = (gap, m.event_id)
    return best[1] if nearest and best else None


# ---------------------------------------------------------------------------------------------------------------------
# GVC


def gvc_records(docs: dict[str, GvcDoc]) -> tuple[list[dict[str, Any]], dict[str, dict[int, tuple[str, list[int]]]]]:
    """One corpus record per GVC document (title = sentence 1, text = the others, one line each; the record id is the
    document hash, never the incident id in the key) and, per document, each sentence's text and token offsets."""
    records, sentences = [], {}
    for key, doc in sorted(docs.items()):
        sents = {sid: detokenize(toks) for sid, toks in doc.sentences.items()}
        body = [sid for sid in sorted(sents) if sid != 1]
        records.append(
            {
                "id": key.rsplit("/", 1)[-1],
                "title": sents[1][0] if 1 in sents else "",
                "text": "\n".join(sents[sid][0] for sid in body),
                "published": doc.dct.isoformat() if doc.dct else "",
                "url": f"gvc:{key.rsplit('/', 1)[-1]}",
            }
        )
        sentences[key] = sents
    return records, sentences


def _sentence_starts(text: str, sents: dict[int, tuple[str, list[int]]]) -> dict[int, int]:
    """Where each body sentence starts in the ingested text (found in order; a sentence cleaning changed is placed
    after the previous one)."""
    starts: dict[int, int] = {}
    pos = 0
    for sid in sorted(sents):
        if sid == 1:
            continue
        found = text.find(sents[sid][0], pos)
        starts[sid] = found if found >= 0 else pos
        pos = starts[sid] + (len(sents[sid][0]) if found >= 0 else 0)
    return starts


def gvc_response(
    docs: dict[str, GvcDoc], mentions: list[dict[str, Any]], workdir: str | Path
) -> tuple[dict[str, Any], dict[str, Any], dict[str, Any]]:
    """Ingest the GVC documents through the product and give every gold mention a cluster: (nearest, evidence-only,
    counts)."""
    records, sentences = gvc_records(docs)
    store, reports = ingest_corpus(records, workdir)
    try:
        linked = linked_mentions(store)
    finally:
        store.close()
    nearest: dict[str, Any] = {}
    strict: dict[str, Any] = {}
    inside = no_mentions = 0
    for m in mentions:
        key = doc_key_of(m, docs)
        report = reports.get(key.rsplit("/", 1)[-1])
        ms = linked.get(report.id, []) if report is not None else []
        sid = int(m.get("sent_id") or 0)
        if sid == 1 or key not in sentences or sid not in sentences[key]:
            offset = 0  # the title: the report's lead
        else:
            text, tok_offsets = sentences[key][sid]
            start = _sentence_starts(report.text, sentences[key]).get(sid, 0) if report else 0
            first = int((m.get("tokens_number") or [0])[0])
            offset = start + (tok_offsets[first] if first < len(tok_offsets) else 0)
        alone = ("alone", m["mention_id"])
        if not ms:
            no_mentions += 1
        ev_strict = _cluster_of(offset, ms, nearest=False) if sid != 1 else None
        ev_near = _cluster_of(offset, ms, nearest=True)
        inside += ev_strict is not None
        strict[m["mention_id"]] = ev_strict or alone
        nearest[m["mention_id"]] = ev_near or alone
    n_events = len({x.event_id for ms in linked.values() for x in ms if x.event_id})
    counts = {
        "gold_mentions_in_evidence": inside,
        "gold_mentions_in_reports_without_events": no_mentions,
        "warlog_mentions": sum(len(v) for v in linked.values()),
        "warlog_events": n_events,
    }
    return nearest, strict, counts


def eval_gvc(folder: str | Path, split: str = "val", workdir: str | Path | None = None) -> EvalResult:
    """Cross-document event coreference on GVC, scored on the shipped extraction and linker (see the module note)."""
    base = Path(folder) / split
    if not (base / "dataset.conll").is_file() or not (base / "event_mentions.json").is_file():
        raise EvalError(f"{base} holds no GVC split (dataset.conll and event_mentions.json)")
    docs, mentions = read_split(folder, split)
    if not mentions or not any(m.get("coref_chain") is not None for m in mentions):
        raise EvalError(f"{base}/event_mentions.json holds no gold coreference chains")
    with tempfile.TemporaryDirectory(prefix="warlog-gvc-", dir=workdir) as tmp:
        nearest, strict, counts = gvc_response(docs, mentions, tmp)
    bugert = [m for m in mentions if in_bugert_key(m)]

    def score(response: dict[str, Any], ms: list[dict[str, Any]]) -> dict[str, float]:
        key = clusters_of({m["mention_id"]: m["coref_chain"] for m in ms})
        return conll_scores(key, clusters_of({m["mention_id"]: response[m["mention_id"]] for m in ms}))

    main = score(nearest, bugert)
    metrics: dict[str, Any] = {k: round(v, 4) for k, v in main.items()}
    metrics.update({f"evidence_only_{k}": round(v, 4) for k, v in score(strict, bugert).items() if k.endswith("f1")})
    metrics["all_mentions_conll_f1"] = round(score(nearest, mentions)["conll_f1"], 4)
    singletons = {m["mention_id"]: ("alone", m["mention_id"]) for m in mentions}
    metrics["baseline_singletons_conll_f1"] = round(score(singletons, bugert)["conll_f1"], 4)
    by_doc = {m["mention_id"]: doc_key_of(m, docs) for m in mentions}
    metrics["baseline_one_cluster_per_document_conll_f1"] = round(score(by_doc, bugert)["conll_f1"], 4)
    metrics.update(counts)
    return EvalResult(
        benchmark=(
            f"GVC {split} cross-document event coreference, shipped linker ({len(bugert)} gold mentions as Bugert "
            f"et al., {len(docs)} docs ingested as `warlog ingest` does)"
        ),
        metrics=metrics,
        anchors=list(GVC_ANCHORS),
        notes=[
            "the product end to end: documents ingested (extraction + link_store) into a temporary SQLite store; no "
            "GVC-specific model, nothing trained or tuned on GVC",
            "a gold mention takes the event of the warlog mention whose evidence holds it, else of the nearest one in "
            "its document (title mentions: the document's first); evidence_only_*: the others stay alone",
            "warlog links incidents, GVC annotates sub-events (each death, injury, shot): one incident's sub-events "
            "fall into one cluster, which costs precision",
            "baseline_*: every mention alone; one cluster per document (no cross-document links)",
            "anchors are on the sealed test split with mention-level models trained on GVC; this is the dev split",
        ],
    )


# ---------------------------------------------------------------------------------------------------------------------
# GVA


def read_gva(folder: str | Path, limit: int | None = None) -> list[dict[str, Any]]:
    """GVA documents with text and a gold incident id; `limit`: only the documents of that many incidents (a stable
    crc32 sample, every document of a chosen incident kept)."""
    path = Path(folder) / "documents.jsonl.gz"
    if not path.is_file():
        raise EvalError(f"{path} not found (the SemEval-2018 task 5 GVA documents)")
    docs = []
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            d = json.loads(line)
            if (d.get("content") or "").strip() and d.get("incident_id"):
                docs.append(d)
    if not docs:
        raise EvalError(f"{path} holds no documents with content and a gold incident id")
    if limit:
        chosen = set(sorted({d["incident_id"] for d in docs}, key=lambda i: zlib.crc32(i.encode()))[:limit])
        docs = [d for d in docs if d["incident_id"] in chosen]
    return docs


def eval_gva(folder: str | Path, limit: int | None = None, workdir: str | Path | None = None) -> EvalResult:
    """Incident-level grouping of GVA news documents by the shipped extraction and linker, scored as coreference."""
    docs = read_gva(folder, limit)
    records = [
        {
            "id": d["doc_id"],
            "title": d.get("title") or "",
            "text": d["content"],
            "published": d.get("dct") or "",
            "url": d.get("uri") or f"gva:{d['doc_id']}",
        }
        for d in docs
    ]
    gold = {d["doc_id"]: d["incident_id"] for d in docs}
    with tempfile.TemporaryDirectory(prefix="warlog-gva-", dir=workdir) as tmp:
        store, reports = ingest_corpus(records, tmp)
        try:
            linked = linked_mentions(store)
        finally:
            store.close()
    response = {}
    without = 0
    for doc_id, report in reports.items():
        lead = next((m.event_id for m in linked.get(report.id, []) if m.event_id), None)
        without += lead is None
        response[doc_id] = lead or ("alone", doc_id)
    scores = conll_scores(clusters_of(gold), clusters_of(response))
    metrics: dict[str, Any] = {k: round(v, 4) for k, v in scores.items()}
    metrics["baseline_singletons_conll_f1"] = round(
        conll_scores(clusters_of(gold), clusters_of({k: k for k in gold}))["conll_f1"], 4
    )
    metrics["documents_without_events"] = without
    return EvalResult(
        benchmark=(
            f"GVA (SemEval-2018 T5) grouping of {len(docs)} docs into {len(set(gold.values()))} incidents, "
            "shipped linker" + (f" (sample: {limit} incidents)" if limit else "")
        ),
        metrics=metrics,
        anchors=[],
        notes=[
            "the product end to end: documents ingested (extraction + link_store) into a temporary SQLite store",
            "a document takes the event of its first warlog mention; a document without one stays alone",
            "no published number for document grouping on this data; gold incident ids from GVA",
        ],
    )
