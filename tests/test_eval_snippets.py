"""`warlog eval types --corpus snippets`: the JSONL reader on tiny files written here, and the shape of the held-out
news set in tests/fixtures/news_subtypes_own (its labels only: nothing here runs the classifier on it)."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
from typer.testing import CliRunner

from warlog.cli import app
from warlog.eval.report import EvalError
from warlog.eval.types import read_snippets
from warlog.model import SUB_TO_TYPE

FIXTURE = Path(__file__).parent / "fixtures" / "news_subtypes_own" / "snippets.jsonl"


def write_jsonl(path: Path, rows: list[object], extra: str = "") -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows) + extra, encoding="utf-8")
    return path


ROWS = [
    {
        "id": "t-1",
        "text": "Gunmen on motorbikes shot dead eleven villagers at a market, local officials said.",
        "sub_event_type": "Attack",
        "country": "Niger",
        "incident": "made up for the test",
        "why": "armed group kills civilians",
    },
    {
        "id": "t-2",
        "text": "Riot police fired tear gas to scatter students marching on the ministry.",
        "sub_event_type": "Protest with intervention",
    },
]


def test_reader_keeps_ids_text_gold_and_country(tmp_path: Path) -> None:
    rows = read_snippets(write_jsonl(tmp_path / "s.jsonl", ROWS, extra="\n"))  # a trailing blank line is skipped
    assert [(r.id, r.gold, r.country, r.event_type) for r in rows] == [
        ("t-1", "Attack", "Niger", "Violence against civilians"),
        ("t-2", "Protest with intervention", "", "Protests"),
    ]
    assert rows[1].text.startswith("Riot police fired tear gas")


def test_reader_reads_a_folder_of_jsonl_files(tmp_path: Path) -> None:
    write_jsonl(tmp_path / "a.jsonl", ROWS[:1])
    write_jsonl(tmp_path / "b.jsonl", ROWS[1:])
    (tmp_path / "notes.txt").write_text("not read", encoding="utf-8")
    assert [r.id for r in read_snippets(tmp_path)] == ["t-1", "t-2"]


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("{not json", "s.jsonl:2: not a JSON line"),
        ('["a list"]', "s.jsonl:2: expected a JSON object"),
        ('{"id": "t-3", "sub_event_type": "Attack"}', "s.jsonl:2: each line needs"),
        ('{"id": "t-3", "text": "Troops left the town.", "sub_event_type": "Withdrawal"}', "unknown ACLED"),
        ('{"id": "t-1", "text": "Again.", "sub_event_type": "Attack"}', "duplicate id 't-1'"),
    ],
)
def test_reader_names_the_file_and_line_of_a_bad_line(tmp_path: Path, line: str, message: str) -> None:
    path = write_jsonl(tmp_path / "s.jsonl", ROWS[:1], extra=line + "\n")
    with pytest.raises(EvalError, match="s.jsonl:2") as caught:
        read_snippets(path)
    assert message in str(caught.value)


def test_cli_takes_the_snippets_corpus_and_refuses_a_bad_file(tmp_path: Path) -> None:
    # The reader fails before any classifier runs, so this checks the CLI choice without scoring anything.
    bad = write_jsonl(tmp_path / "bad.jsonl", [{"id": "x", "text": "Shots were heard.", "sub_event_type": "Gunfire"}])
    result = CliRunner().invoke(app, ["eval", "types", "--corpus", "snippets", "--data", str(bad)])
    assert result.exit_code == 2, result.output
    assert "unknown ACLED sub_event_type 'Gunfire'" in " ".join(result.output.split())


def test_news_fixture_has_six_snippets_for_each_of_the_25_sub_types() -> None:
    rows = read_snippets(FIXTURE)
    assert len(rows) == 150
    assert len({r.id for r in rows}) == 150 and len({r.text for r in rows}) == 150
    per_class = Counter(r.gold for r in rows)
    assert set(per_class) == set(SUB_TO_TYPE) and len(per_class) == 25
    assert set(per_class.values()) == {6}
    assert len({r.country for r in rows}) >= 20
    raw = [json.loads(line) for line in FIXTURE.read_text(encoding="utf-8").splitlines()]
    assert all(r.keys() == {"id", "text", "sub_event_type", "country", "incident", "why"} for r in raw)
    assert all(r["incident"].strip() and r["why"].strip() for r in raw)
