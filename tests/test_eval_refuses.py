"""Every `warlog eval` reader refuses input it cannot score: no gold found is one error line and a non-zero exit,
never a table of numbers (issue 12: a GVDB file without victim counts used to print killed_exact 1.0)."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from warlog.cli import app

runner = CliRunner()


def refused(*args: str) -> str:
    """Run `warlog eval ...`; assert it exits non-zero without a traceback and return what it printed."""
    result = runner.invoke(app, ["eval", *args])
    assert result.exit_code not in (0, None), result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    return " ".join(result.output.split())  # rich wraps long lines


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def no_gold_json(tmp_path: Path) -> Path:
    """A JSON file in no benchmark's layout (like GVDB's dev.json given to the TSV reader)."""
    return write(tmp_path / "dev.json", json.dumps({"doc_key": "1", "full_text": [["A", "man", "was", "shot", "."]]}))


@pytest.mark.parametrize("corpus", ["gvdb", "wad", "acled"])
def test_counts_refuses_a_file_without_gold_counts(no_gold_json: Path, corpus: str) -> None:
    out = refused("counts", "--corpus", corpus, "--data", str(no_gold_json))
    assert "nothing to score" in out or "no gold" in out or "not " in out


def test_counts_gva_refuses_a_folder_without_incidents(tmp_path: Path) -> None:
    with gzip.open(tmp_path / "documents.jsonl.gz", "wt") as fh:
        fh.write(json.dumps({"doc_id": "d1", "content": "A man was shot."}) + "\n")
    assert "incidents" in refused("counts", "--corpus", "gva", "--data", str(tmp_path))


def test_types_refuses_case2021_without_its_columns_and_acled_without_typed_rows(tmp_path: Path) -> None:
    tsv = write(tmp_path / "x.tsv", "id\ttext\n1\tA man was shot.\n")
    assert "CASE-2021" in refused("types", "--corpus", "case2021", "--data", str(tsv))
    csv_ = write(tmp_path / "acled.csv", "notes,sub_event_type\nSomething happened.,Not a type\n")
    assert "nothing to score" in refused("types", "--corpus", "acled", "--data", str(csv_))


def test_actors_refuses_rows_without_actors(tmp_path: Path) -> None:
    csv_ = write(tmp_path / "acled.csv", "notes,sub_event_type\nSomething happened.,Armed clash\n")
    assert "nothing to score" in refused("actors", "--data", str(csv_))


def test_sentences_refuses_a_tsv_without_gold_flags(tmp_path: Path) -> None:
    tsv = write(tmp_path / "test.tsv", "sentence\tKILL\tARREST\tANY\tFAIL\tFORCE\nPolice came.\tx\ty\tz\tw\tv\n")
    assert "nothing to score" in refused("sentences", "--data", str(tsv))


def test_timex_refuses_files_without_timex_annotation(tmp_path: Path) -> None:
    assert "no .tml" in refused("timex", "--data", str(tmp_path))
    write(
        tmp_path / "a.tml",
        '<?xml version="1.0"?><TimeML><DOCID>a</DOCID><DCT><TIMEX3 tid="t0" type="DATE" value="2020-01-01" '
        'functionInDocument="CREATION_TIME">2020-01-01</TIMEX3></DCT><TEXT>Nothing dated here.</TEXT></TimeML>',
    )
    assert "nothing to score" in refused("timex", "--data", str(tmp_path))


def test_geoparse_refuses_xml_without_gold_toponyms(tmp_path: Path) -> None:
    xml = write(tmp_path / "x.xml", "<articles><article docid='1'><text>Rain fell.</text></article></articles>")
    assert "nothing to score" in refused("geoparse", "--corpus", "lgl", "--data", str(xml), "--no-ner")
    bad = write(tmp_path / "bad.xml", "not xml at all")
    assert "not a geoparsing corpus" in refused("geoparse", "--corpus", "lgl", "--data", str(bad), "--no-ner")


def test_places_refuses_a_csv_without_coded_places(tmp_path: Path) -> None:
    csv_ = write(tmp_path / "acled.csv", "notes,fatalities\nSomething happened.,0\n")
    assert "nothing to score" in refused("places", "--source", "acled", "--data", str(csv_))


def test_toponyms_refuses_folders_without_re3d_locations(tmp_path: Path) -> None:
    assert "no re3d source folders" in refused("toponyms", "--re3d", str(tmp_path))
    source = tmp_path / "Source"
    source.mkdir()
    write(source / "documents.json", json.dumps({"_id": "d", "text": "Nothing here."}) + "\n")
    write(source / "entities.json", "")
    assert "nothing to score" in refused("toponyms", "--re3d", str(tmp_path))


def test_articles_refuses_a_gold_file_without_articles(tmp_path: Path, no_gold_json: Path) -> None:
    data = write(tmp_path / "fakes.csv", "unit_id,article_content\n1,Text.\n")
    assert "no gold articles" in refused("articles", "--gold", str(no_gold_json), "--data", str(data))


def test_link_refuses_folders_without_gold(tmp_path: Path) -> None:
    assert "no GVC split" in refused("link", "--corpus", "gvc", "--data", str(tmp_path))
    assert "no GVC split" in refused("link", "--corpus", "gvc-study", "--data", str(tmp_path))
    assert "the SemEval-2018 task 5 GVA documents" in refused("link", "--corpus", "gva", "--data", str(tmp_path))
    (tmp_path / "val").mkdir()
    write(tmp_path / "val" / "dataset.conll", "#begin document\n0/1/a\t0\t0\t2020-01-01\t-\n")
    write(tmp_path / "val" / "event_mentions.json", "[]")
    assert "no gold coreference" in refused("link", "--corpus", "gvc", "--data", str(tmp_path))


def test_corroboration_study_refuses_a_csv_without_labels(tmp_path: Path) -> None:
    data = write(tmp_path / "fakes.csv", "article_title,article_content,date,source\nT,Text.,1/1/2016,X\n")
    assert "no FA-KES gold" in refused("corroboration", "--data", str(data))
