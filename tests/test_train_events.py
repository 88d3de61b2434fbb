"""The sentence-role training set builder (`warlog train events`) is deterministic: the same files give the same
examples, labels, split and digest, and the validation tenth that picks the threshold does not move when other
examples come or go. Fixture texts are written for the test (no dataset text)."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from warlog.train.events import (
    PATHS,
    RoleExample,
    examples_digest,
    fakes_examples,
    ipe_examples,
    is_validation,
    muc4_examples,
)

_STRIKE = "An air strike killed 12 civilians in the town of Saraqib on Tuesday, the monitor said."
_SHELL = "Shelling killed four people in a village near Hama on Monday, activists said."
_CLASH = "Rebels and government troops clashed near the airport on Friday, leaving nine fighters dead."
_HISTORY = "Air strikes have killed more than 300 people in the province since 2015."
_THREAT = "Leaders condemned the air strike that hit the hospital, calling it a war crime."
_TAGS = "Tags Syria Aleppo air strike civilians"


@pytest.fixture()
def shared(tmp_path: Path) -> Path:
    """A miniature ../shared with the IPE, MUC-4 and FA-KES files the builders read."""
    ipe = tmp_path / PATHS["ipe"]
    ipe.mkdir(parents=True)
    for split, rows in (
        ("train", [(_SHELL, "1", "0", "1", "0", "0"), (_THREAT, "0", "0", "0", "0", "0")]),
        ("test", [(_CLASH, "0", "0", "0", "0", "1")]),
    ):
        (ipe / f"{split}.tsv").write_text("".join("\t".join(r) + "\n" for r in rows), encoding="utf-8")
    muc = tmp_path / PATHS["muc4"]
    muc.mkdir(parents=True)
    docs = {
        "D1": {"doc": f"{_STRIKE} {_THREAT}", "roles": {"target": [["civilians in the town"]]}},
        "D2": {"doc": _CLASH, "roles": {}},
    }
    for split in ("train", "test"):
        (muc / f"{split}.json").write_text(json.dumps(docs), encoding="utf-8")
    fakes = tmp_path / PATHS["fakes"]
    fakes.parent.mkdir(parents=True)
    with open(fakes, "w", encoding="latin-1", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=["unit_id", "date", "article_content"])
        w.writeheader()
        bodies = [f"{_STRIKE} {_HISTORY}", f"{_TAGS} {_SHELL} {_THREAT}", f"{_CLASH}\n\n{_TAGS}"]
        for i, body in enumerate(bodies):
            w.writerow({"unit_id": str(1000 + i), "date": "9/27/2016", "article_content": body})
    return tmp_path


def _build(shared: Path) -> list[RoleExample]:
    return ipe_examples(shared) + muc4_examples(shared) + fakes_examples(shared)


def _rows(examples: list[RoleExample]) -> list[tuple[object, ...]]:
    return [(e.source, e.role, e.heldout, e.text, e.cues) for e in examples]


def test_builder_is_deterministic(shared: Path) -> None:
    first, second = _build(shared), _build(shared)
    assert _rows(first) == _rows(second)
    assert examples_digest(first) == examples_digest(second)
    roles = {(e.source, e.text): e.role for e in first}
    assert roles[("ipe", _SHELL)] == "event" and roles[("ipe", _THREAT)] == "commentary"
    assert roles[("muc4", _STRIKE)] == "event" and roles[("muc4", _CLASH)] == "commentary"
    assert roles[("fakes", _HISTORY)] == "background" and roles[("fakes", _THREAT)] == "commentary"
    # the IPE and MUC-4 held-out parts are their test files
    assert {e.heldout for e in first if e.source == "ipe" and e.text == _CLASH} == {True}


def test_digest_ignores_order_but_not_labels(shared: Path) -> None:
    examples = _build(shared)
    assert examples_digest(examples) == examples_digest(list(reversed(examples)))
    relabelled = [RoleExample(e.text, "claim", e.source, e.heldout, e.cues) for e in examples]
    assert examples_digest(relabelled) != examples_digest(examples)
    assert examples_digest(examples[1:]) != examples_digest(examples)


def test_validation_part_does_not_move_when_data_changes(shared: Path) -> None:
    examples = _build(shared)
    many = [RoleExample(f"{e.text} ({i})", e.role, e.source, e.heldout, e.cues) for i in range(200) for e in examples]
    chosen = {(e.source, e.text) for e in many if is_validation(e)}
    assert 0 < len(chosen) < len(many) / 4  # about one in ten
    fewer = many[::3]  # drop two examples in three: the rest keep their part
    assert {(e.source, e.text) for e in fewer if is_validation(e)} == {(e.source, e.text) for e in fewer} & chosen


def test_news_leads_give_events_and_commentary(tmp_path: Path) -> None:
    """A lead with a sub-type gives its first candidate sentence as an event (the spokesman's accusation after it is
    left out); every candidate of a NONE lead is commentary; one lead in five is held out by its id."""
    from warlog.train.events import leads_examples

    leads = tmp_path / "leads.jsonl"
    rows = [
        {
            "id": "x-1",
            "text": f"{_CLASH} An army spokesman accused rebels of shelling the town.",
            "sub_event_type": "Armed clash",
        },
        {
            "id": "x-2",
            "text": "Analysts fear air strikes could resume if the truce collapses.",
            "sub_event_type": "NONE",
        },
    ]
    leads.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    got = leads_examples([leads])
    assert [(e.role, e.text) for e in got] == [
        ("event", _CLASH),
        ("commentary", "Analysts fear air strikes could resume if the truce collapses."),
    ]
    assert all(e.source == "leads" for e in got)
    assert leads_examples([leads])[0].heldout == got[0].heldout  # decided by the id alone
