"""The Who's On First build's round-15 fixes (helper wof3): names of other countries' large places block a village
name only when they are that very name (not when a loose key folds them together: "El Alto" is not "Altay"), and
a spelling one letter from such a name still blocks: "Bagdad"), and
the reader skips records that a snapshot lacks (files of 4 MiB and more are not in them)."""

from __future__ import annotations

import importlib.util
import json
import os
import sqlite3
import subprocess
from pathlib import Path

from gaztools import row as _row
from warlog.gazetteer.index import create_schema, insert_places
from warlog.gazetteer.layers import wof_blocked_keys, wof_name_ok
from warlog.gazetteer.names import name_key

ROOT = Path(__file__).resolve().parents[1]


def _index_conn() -> sqlite3.Connection:
    conn = sqlite3.connect(":memory:")
    create_schema(conn)
    insert_places(conn, [
        _row("cn", "Testland", "country", "CN", 35.0, 100.0),
        _row("al", "Altay", "city", "CN", 47.85, 88.13, population=190_000),
        _row("ru", "Altai Republic", "admin1", "RU", 51.0, 86.9, alt_names=["Altay"]),
        _row("beni", "Beni", "city", "CD", 0.49, 29.47, population=230_000),
        _row("bg", "Baghdad", "city", "IQ", 33.34, 44.4, population=5_000_000),
        _row("ms", "Masisi", "admin2", "CD", -1.4, 28.8),
        _row("small", "Alto", "village", "IT", 44.1, 8.0, population=91),
    ])  # fmt: skip
    return conn


def test_a_loose_key_shared_with_a_big_place_abroad_does_not_block_a_name() -> None:
    assert name_key("El Alto") == name_key("Altay")  # the premise: one loose key
    blocked = wof_blocked_keys(_index_conn())
    assert wof_name_ok("El Alto", blocked, set(), "BO")  # a Bolivian city, not the Chinese city
    assert wof_name_ok("Altai Lake", blocked, set(), "BO")  # another name than the unit's
    assert wof_name_ok("Alto", blocked, set(), "BO")  # a village's name is no block


def test_exact_names_of_big_places_and_own_country_spellings_still_block() -> None:
    blocked = wof_blocked_keys(_index_conn())
    for name, iso in [
        ("Altay", "BO"), ("altay", "KZ"), ("Béni", "UG"), ("Testland", "BO"),  # the exact name, anywhere
        ("Bagdad", "PE"),  # or a spelling one letter from it (of six letters or more since round 19)
        ("Altai Republic", "BO"),  # a first-level unit
        ("Beny", "CD"), ("Alte", "CN"),  # any spelling of the country's own large place
        ("Masisi", "CD"), ("Masissi", "CD"),  # the country's own admin unit, any spelling
    ]:  # fmt: skip
        assert not wof_name_ok(name, blocked, set(), iso), (name, iso)
    assert wof_name_ok("Masisi", blocked, set(), "RW")
    # round 19: a short name one letter from a large place abroad is a village of its own ("Bule" is not "Bole")
    assert wof_name_ok("Beny", blocked, set(), "UG") and wof_name_ok("Altai", blocked, set(), "BO")


def _script():
    spec = importlib.util.spec_from_file_location("build_wof_places", ROOT / "scripts" / "build_wof_places.py")
    mod = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(mod)
    return mod


def _git(repo: Path, *args: str, data: str | None = None) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@t", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@t"}  # fmt: skip
    return subprocess.run(["git", "--git-dir", str(repo), *args], input=data, capture_output=True, text=True,
                          check=True, env=env).stdout.strip()  # fmt: skip


def test_the_reader_skips_records_the_snapshot_lacks(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    subprocess.run(["git", "init", "-q", "--bare", str(repo)], check=True)
    record = json.dumps({"type": "Feature", "properties": {"wof:id": 1, "wof:name": "Kasindi"}})
    blob = _git(repo, "hash-object", "-w", "--stdin", data=record)
    absent = "1234567890abcdef1234567890abcdef12345678"  # a record too large for the snapshot
    tree = _git(repo, "mktree", "--missing",
                data=f"100644 blob {absent}\t2.geojson\n100644 blob {blob}\t3.geojson\n")  # fmt: skip
    commit = _git(repo, "commit-tree", tree, "-m", "records")
    _git(repo, "update-ref", "HEAD", commit)
    assert [p["wof:name"] for p in _script().blobs(repo)] == ["Kasindi"]
