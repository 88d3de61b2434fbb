"""CLI friction: the ingest summary names mentions and linked events on one line; the database is remembered through
$WARLOG_DB or warlog.toml; errors name the database looked in."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from warlog.cli import app
from warlog.settings import db_source, project_config

EXAMPLES = Path(__file__).parents[1] / "examples" / "reports"
runner = CliRunner()


@pytest.fixture
def project(tmp_path, monkeypatch):
    """A project folder as the current directory, with no database settings from the environment."""
    monkeypatch.delenv("WARLOG_DB", raising=False)
    monkeypatch.delenv("WARLOG_CONFIG", raising=False)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_ingest_summary_names_mentions_and_linked_events_on_one_line(project):
    for name in ("08a-maarat-strike-wire.txt", "08b-maarat-strike-local.txt", "06-baghdad-protest.txt"):
        (project / "in").mkdir(exist_ok=True)
        shutil.copy(EXAMPLES / name, project / "in" / name)
    res = runner.invoke(app, ["ingest", str(project / "in"), "--db", "a.db"])
    assert res.exit_code == 0, res.output
    summary = [ln for ln in res.output.splitlines() if "reports read" in ln]
    assert len(summary) == 1  # one line, not wrapped mid-phrase
    line = summary[0]
    assert "3 reports read: 3 stored" in line and "3 event mentions" in line
    events = json.loads(runner.invoke(app, ["events", "--db", "a.db", "--format", "json"]).stdout)
    assert f"holds {len(events)} linked events" in line and len(events) == 2  # the two Maarat reports are one event


def test_config_file_remembers_the_database_and_env_overrides_it(project, monkeypatch):
    (project / "sub").mkdir()
    res = runner.invoke(app, ["config", "--db", "data/events.db"])
    assert res.exit_code == 0, res.output
    assert 'db = "data/events.db"' in (project / "warlog.toml").read_text()
    monkeypatch.chdir(project / "sub")  # found from a subfolder too, relative to the file's folder
    url, source = db_source()
    assert url == f"sqlite:///{project.resolve() / 'data' / 'events.db'}" and source.endswith("warlog.toml")
    (project / "data").mkdir()
    res = runner.invoke(app, ["events", "--format", "json"])
    assert res.exit_code == 0 and json.loads(res.stdout) == []
    assert (project / "data" / "events.db").exists()
    res = runner.invoke(app, ["show", "e123"])
    assert res.exit_code == 1 and f"no event e123 in sqlite:///{project.resolve() / 'data' / 'events.db'}" in res.output
    monkeypatch.setenv("WARLOG_DB", str(project / "other.db"))
    assert db_source() == (f"sqlite:///{project / 'other.db'}", "$WARLOG_DB")
    assert db_source("x.db") == ("sqlite:///x.db", "--db")
    res = runner.invoke(app, ["config"])
    assert "other.db" in res.output and "$WARLOG_DB" in res.output


def test_a_broken_config_file_is_one_clear_error(project):
    (project / "warlog.toml").write_text("db = [\n")
    res = runner.invoke(app, ["events"])
    assert res.exit_code == 2 and "warlog.toml: cannot read the config file" in res.output
    assert "Traceback" not in res.output
    (project / "warlog.toml").write_text("[warlog]\ndb = 'postgresql+psycopg://u:secret@h/db'\n")
    assert project_config()["db"] == "postgresql+psycopg://u:secret@h/db"
    res = runner.invoke(app, ["config"])
    assert "secret" not in res.output and "***" in res.output


def test_current_setting_reads_one_field_like_current_settings(tmp_path, monkeypatch):
    """current_setting(name) is the field current_settings() would give, from the environment or from installed
    settings, without looking for the config file."""
    from warlog.settings import Settings, current_setting, current_settings, use_settings

    monkeypatch.setenv("WARLOG_GAZETTEER", str(tmp_path / "g.sqlite"))
    monkeypatch.setenv("WARLOG_CACHE", str(tmp_path / "cache"))
    monkeypatch.delenv("WARLOG_SPACY_MODEL", raising=False)
    for name in ("gazetteer_path", "cache_dir", "spacy_model", "max_file_bytes", "geo_ranker_path"):
        assert current_setting(name) == getattr(current_settings(), name)
    use_settings(Settings(db_url="sqlite:///x.db", spacy_model="some_model", cache_dir=tmp_path / "other"))
    try:
        assert current_setting("spacy_model") == "some_model"
        assert current_setting("cache_dir") == tmp_path / "other"
    finally:
        use_settings(None)
