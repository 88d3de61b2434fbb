"""re3d reading and span-overlap scoring of toponym recognition (eval/re3d.py), on a small folder written here."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from warlog.eval.re3d import read_re3d, recognition_scores
from warlog.eval.report import EvalError


def _write(folder: Path, docs: list[dict], ents: list[dict]) -> None:
    folder.mkdir(parents=True)
    (folder / "documents.json").write_text("\n".join(json.dumps(d) for d in docs) + "\n", encoding="utf-8-sig")
    (folder / "entities.json").write_text("\n".join(json.dumps(e) for e in ents) + "\n", encoding="utf-8")


def test_read_keeps_location_entities_of_each_document(tmp_path: Path) -> None:
    text = "Jets struck Raqqa, said the Pentagon."
    _write(
        tmp_path / "Source A",
        [{"_id": "d1", "text": text}],
        [
            {"documentId": "d1", "begin": 12, "end": 17, "type": "Location", "value": "Raqqa"},
            {"documentId": "d1", "begin": 28, "end": 36, "type": "Organisation", "value": "Pentagon"},
            {"documentId": "zz", "begin": 0, "end": 4, "type": "Location", "value": "Jets"},
        ],
    )
    docs = read_re3d(tmp_path)
    assert [(d.id, d.places) for d in docs] == [("d1", [(12, 17)])]
    assert text[12:17] == "Raqqa"


def test_scores_count_overlaps_once_per_span(tmp_path: Path) -> None:
    _write(tmp_path / "S", [{"_id": "a", "text": "x" * 40}], [
        {"documentId": "a", "begin": 0, "end": 5, "type": "Location"},
        {"documentId": "a", "begin": 10, "end": 20, "type": "Location"},
    ])  # fmt: skip
    docs = read_re3d(tmp_path)
    # one prediction overlaps the first place, one lies outside both: P 1/2, R 1/2
    m = recognition_scores(docs, [[(2, 4), (30, 35)]])
    assert m == {"precision": 0.5, "recall": 0.5, "f1": 0.5}
    assert recognition_scores(docs, [[]])["f1"] == 0.0


def test_a_folder_without_re3d_sources_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(EvalError, match="no re3d source folders"):
        read_re3d(tmp_path)
