"""warlog.regexcache: patterns built from kept code match exactly as freshly compiled ones; gates kept likewise."""

from __future__ import annotations

import re
from re import _compiler  # type: ignore[attr-defined]

import pytest

from warlog import regexcache
from warlog.extract import literals

PATTERNS = [
    (r"(?<![\w\-])(?:Free Syrian Army|FSA)(?![\w])", re.IGNORECASE),
    (r"(?P<num>\d+)\s+(?P<what>killed|dead)", 0),
    (r"(?-i:LaQ)|al[\s\-]+Qaeda", re.IGNORECASE),
    (r"(?x) a \s+ b  # verbose", 0),
    (r"^\s*(?:said|told)\b", re.MULTILINE),
    (rb"\x00(?P<b>.)", re.DOTALL),
]
TEXTS = ["the Free Syrian Army said", "12 killed and 3 dead", "LaQ and al-Qaeda; laq", "a  b", "  said it\n told", ""]


@pytest.fixture
def cache(tmp_path, monkeypatch):
    """A cache file of its own, the hook installed for the test only."""
    monkeypatch.setenv("WARLOG_REGEX_CACHE", "1")
    saved = dict(regexcache._state)
    regexcache.uninstall()
    regexcache.reset(tmp_path / "regex.pickle")
    regexcache._state["original"] = _compiler.compile
    monkeypatch.setattr(_compiler, "compile", regexcache._compile)
    yield tmp_path / "regex.pickle"
    regexcache._state.clear()
    regexcache._state.update(saved)
    re.purge()


def _same(a: re.Pattern, b: re.Pattern, text) -> None:
    assert (a.pattern, a.flags, a.groups, a.groupindex) == (b.pattern, b.flags, b.groups, b.groupindex)
    assert [m.span() for m in a.finditer(text)] == [m.span() for m in b.finditer(text)]
    assert [m.groupdict() for m in a.finditer(text)] == [m.groupdict() for m in b.finditer(text)]


def test_patterns_from_kept_code_match_as_compiled(cache, monkeypatch):
    original = regexcache._state["original"]
    first = [regexcache._compile(p, f) for p, f in PATTERNS]
    regexcache.save()
    assert cache.exists()
    regexcache.reset(cache)  # as a new process: read the file

    def no_parsing(*_a, **_k):
        raise AssertionError("parsed again")

    monkeypatch.setattr(_compiler._parser, "parse", no_parsing)
    again = [regexcache._compile(p, f) for p, f in PATTERNS]
    monkeypatch.undo()
    for (p, f), a, b in zip(PATTERNS, first, again, strict=True):
        fresh = original(p, f)
        for text in TEXTS:
            text = text.encode() if isinstance(p, bytes) else text
            _same(a, fresh, text)
            _same(b, fresh, text)


def test_nothing_written_without_new_patterns(cache):
    regexcache._compile(r"x+", 0)
    regexcache.save()
    stamp = cache.stat().st_mtime_ns
    regexcache.reset(cache)
    regexcache._compile(r"x+", 0)
    regexcache.save()
    assert cache.stat().st_mtime_ns == stamp


def test_unreadable_file_is_ignored_and_replaced(cache):
    cache.write_bytes(b"not a pickle")
    p = regexcache._compile(r"a(b)c", 0)
    assert p.match("abc").group(1) == "b"
    regexcache.save()
    regexcache.reset(cache)
    regexcache._load()
    assert (r"a(b)c", 0) in regexcache._state["codes"]


def test_gates_kept_between_processes(cache, monkeypatch):
    pattern = r"(?:air|drone)\s+strikes?|shelling"
    gate = literals.required_literals(pattern, re.IGNORECASE)
    assert gate == frozenset({"strike", "shelling"})
    regexcache.save()
    regexcache.reset(cache)
    monkeypatch.setattr(literals._sre_parse, "parse", lambda *a, **k: (_ for _ in ()).throw(AssertionError))
    assert literals.required_literals(pattern, re.IGNORECASE) == gate  # from the file, not parsed
    monkeypatch.undo()
    # and registered in this process's index, as a computed gate is
    assert "shelling" in literals.literals_in("heavy shelling")


def test_turned_off(monkeypatch, tmp_path):
    monkeypatch.setenv("WARLOG_REGEX_CACHE", "0")
    assert not regexcache.enabled()
    calls = []
    f = regexcache.memo("t", lambda x: calls.append(x) or x * 2)
    assert f(2) == 4 and f(2) == 4
    assert calls == [2, 2]


def test_word_start_sets_kept_between_processes(cache, monkeypatch):
    from warlog.extract import wordscan

    pattern = r"(?<![\w\-])(?:regime[\s\-]+forces|government[\s\-]+troops)"
    chars = wordscan.first_chars.__wrapped__(pattern, re.IGNORECASE)
    assert chars == frozenset("rRgG")
    regexcache.save()
    regexcache.reset(cache)  # as a new process: read the file
    monkeypatch.setattr(wordscan._sre_parse, "parse", lambda *a, **k: (_ for _ in ()).throw(AssertionError))
    assert wordscan.first_chars.__wrapped__(pattern, re.IGNORECASE) == chars  # from the file, not parsed
