"""`warlog eval link` scores the shipped linker: documents go through `service.ingest` (extraction, storage,
link_store) and gold mentions are mapped onto the events it formed. Texts below are written for this test."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from warlog.eval.link import LinkedMention, _cluster_of, detokenize, eval_gva, eval_gvc, gvc_records

DOC_A = [
    ["Two", "men", "shot", "dead", "outside", "a", "Chicago", "bar"],
    ["Two", "men", "were", "shot", "dead", "outside", "a", "bar", "in", "Chicago", "on", "Saturday", "night", ",",
     "police", "said", "."],
    ["A", "gunman", "opened", "fire", "from", "a", "passing", "car", "."],
]  # fmt: skip
DOC_B = [
    ["Police", "seek", "gunman", "after", "Chicago", "bar", "killings"],
    ["Police", "in", "Chicago", "are", "looking", "for", "a", "gunman", "who", "killed", "two", "men", "outside", "a",
     "bar", "on", "Saturday", "."],
]  # fmt: skip


def _conll(key: str, dct: str, sentences: list[list[str]]) -> str:
    lines = [f"{key}\t0\t0\t{dct}\t-"]
    for sid, toks in enumerate(sentences, start=1):
        lines += [f"{key}\t{sid}\t{i}\t{tok}\t-" for i, tok in enumerate(toks)]
    return "\n".join(lines) + "\n"


def _mention(mid: str, key: str, sid: int, tok: int, chain: str) -> dict:
    return {
        "mention_id": mid,
        "conll_doc_key": key,
        "doc_id": key.rsplit("/", 1)[-1],
        "sent_id": sid,
        "tokens_number": [tok],
        "coref_chain": chain,
        "description": f"1.{chain}.12",
        "subtopic_id": "1",
    }


@pytest.fixture(scope="module")
def gvc_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("gvc")
    (root / "val").mkdir()
    a, b = "0/1/docaaaa", "0/1/docbbbb"
    (root / "val" / "dataset.conll").write_text(
        _conll(a, "2017-03-12", DOC_A) + _conll(b, "2017-03-13", DOC_B), encoding="utf-8"
    )
    mentions = [
        _mention("m1", a, 2, 3, "death"),  # "shot" in A's body
        _mention("m2", b, 2, 9, "death"),  # "killed" in B's body
        _mention("m3", a, 3, 2, "firing"),  # "opened fire"
        _mention("m4", a, 1, 2, "death"),  # the title
    ]
    (root / "val" / "event_mentions.json").write_text(json.dumps(mentions), encoding="utf-8")
    return root


def test_detokenize_gives_each_token_its_offset() -> None:
    text, offsets = detokenize(["Police", "said", ",", "the", "man", "(", "23", ")", "died", "."])
    assert text == "Police said, the man (23) died."
    assert [text[o : o + 3] for o in offsets[:2]] == ["Pol", "sai"] and text[offsets[6] : offsets[6] + 2] == "23"


def test_gvc_records_never_carry_the_incident_id() -> None:
    from warlog.eval.gvc_study import read_conll

    path = Path(__file__).parent / "_gvc_tmp.conll"
    try:
        path.write_text(_conll("0/98765/docaaaa", "2017-03-12", DOC_A), encoding="utf-8")
        records, _ = gvc_records(read_conll(path))
    finally:
        path.unlink()
    assert "98765" not in json.dumps(records)
    assert records[0]["title"].startswith("Two men shot dead") and records[0]["published"] == "2017-03-12"


def test_a_gold_mention_takes_the_event_whose_evidence_holds_it_else_the_nearest() -> None:
    ms = [LinkedMention("x", "r", "E1", [(0, 50)]), LinkedMention("y", "r", "E2", [(100, 160)])]
    assert _cluster_of(10, ms, nearest=False) == "E1"
    assert _cluster_of(120, ms, nearest=True) == "E2"
    assert _cluster_of(70, ms, nearest=False) is None and _cluster_of(70, ms, nearest=True) == "E1"
    assert _cluster_of(5, [LinkedMention("z", "r", None, [(0, 9)])], nearest=True) is None


def test_eval_gvc_ingests_the_documents_and_scores_the_shipped_linkers_events(gvc_folder: Path) -> None:
    result = eval_gvc(gvc_folder)
    m = result.metrics
    assert 0.0 <= m["conll_f1"] <= 1.0 and 0.0 <= m["evidence_only_conll_f1"] <= 1.0
    assert m["warlog_mentions"] >= 1 and m["warlog_events"] >= 1  # the product extracted and linked something
    assert m["gold_mentions_in_evidence"] >= 1
    assert "shipped linker" in result.benchmark


def test_eval_gva_groups_documents_by_their_lead_event(tmp_path: Path) -> None:
    docs = [
        {"doc_id": "d1", "incident_id": "1", "title": "Two shot dead in Chicago", "dct": "2017-03-12",
         "content": "Two men were shot dead outside a bar in Chicago on Saturday night, police said."},
        {"doc_id": "d2", "incident_id": "2", "title": "Garden show opens", "dct": "2017-03-12",
         "content": "The spring garden show opened in the town hall with roses and tulips on display."},
    ]  # fmt: skip
    with gzip.open(tmp_path / "documents.jsonl.gz", "wt", encoding="utf-8") as fh:
        fh.writelines(json.dumps(d) + "\n" for d in docs)
    result = eval_gva(tmp_path)
    assert result.metrics["documents_without_events"] >= 1  # the garden show has no event
    assert 0.0 <= result.metrics["conll_f1"] <= 1.0
