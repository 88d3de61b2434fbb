"""`finditer` for word-initial patterns, tried only where a match can start.

The actor dictionary's rows (extract/actors.py) are case-insensitive alternations that open with a lookbehind,
``(?<![\\w\\-])(?:regime forces|government troops|...)``: a match starts at a word's first character (the trigger
lexicon's entries, extract/types.py, open with ``(?<![\\w])``). Python's regex
engine cannot skip ahead on such a pattern (the lookbehind and the case-insensitive literals give it no prefix to
search for), so `finditer` enters the alternation at every word of the text, once per row: ~74 rows over each whole
FA-KES article, 1.7 s CPU per 200 articles. Most words cannot open any of a row's alternatives.

`first_chars(pattern)` reads the pattern's parse tree and returns every character a match can start with (the
first literal of each alternative, in every case Python's case-insensitive matching equates); a pattern it reads is
scanned by word starts. `_plan` reads further: the first two characters a match can open with, folded to lower case
(`_prefixes`: "regime[\\s\\-]+forces|government troops" opens with "re" or "go"; a class such as ``[\\s\\-]`` in
second place gives every character it holds, ``\\w`` leaves the first character alone). `WordStarts(text)` indexes the
text's positions where the same lookbehind holds, by their first two characters folded, once per text and lookbehind;
and `finditer(regex, text, starts)` calls `regex.match` only at the positions whose first characters can open a match,
left to right, each search resuming at the end of the last match, as `regex.finditer` does. The matches are the same
objects `finditer` yields, by construction: a position whose first characters, folded, open no match cannot start one
(folding equates at least what case-insensitive matching equates), and a match at a position is what a search
reaching that position finds (the lookbehind reads the text before it: `match` at a position sees the whole string).
A pattern this does not read completely (a class such as ``\\w`` or ``.`` in first place, a match that may be empty, a
non-ASCII first character) gets None and is run by `regex.finditer`. Reading two characters rather than one cut the
`match` calls of the actor and lexicon scans over 200 FA-KES articles from 1.77M to 0.45M (round 24); three
characters cut them to 0.19M but cost more in index lookups than they saved.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from itertools import chain
from typing import Any

from warlog import regexcache

try:  # Python >= 3.11
    from re import _constants as _sre_c  # type: ignore[attr-defined]
    from re import _parser as _sre_parse  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - older Pythons
    import sre_constants as _sre_c  # type: ignore[no-redef]
    import sre_parse as _sre_parse  # type: ignore[no-redef]

# The openings a pattern must have (exactly) to be scanned by word starts, and the scan that finds those positions.
LOOKBEHINDS = (r"(?<![\w\-])", r"(?<![\w])")
LOOKBEHIND = LOOKBEHINDS[0]
_STARTS = tuple(re.compile(lb + r"(?s:.)") for lb in LOOKBEHINDS)
# Characters besides the other case of an ASCII letter that case-insensitive matching equates with it (U+0130 and
# U+0131 with "i", U+017F long s with "s", U+212A Kelvin sign with "k"; tests/test_wordscan.py checks every code
# point).
_CASE_EXTRA = {"i": "\u0130\u0131", "s": "\u017f", "k": "\u212a"}
_ZERO_WIDTH = (_sre_c.ASSERT, _sre_c.ASSERT_NOT, _sre_c.AT)


class _Unreadable(Exception):
    """A part of the pattern whose first characters are not a small known set."""


def _first(items: list) -> tuple[set[int], bool]:
    """(codes a match of this sequence can start with, whether it can match the empty string)."""
    out: set[int] = set()
    for op, av in items:
        if op in _ZERO_WIDTH:
            continue
        if op is _sre_c.LITERAL:
            out.add(av)
            return out, False
        if op is _sre_c.IN:
            for o, a in av:
                if o is _sre_c.LITERAL:
                    out.add(a)
                elif o is _sre_c.RANGE and a[1] - a[0] <= 64:
                    out.update(range(a[0], a[1] + 1))
                else:  # a negated set, a category (\w, \s), a wide range
                    raise _Unreadable
            return out, False
        if op is _sre_c.SUBPATTERN:
            codes, empty = _first(list(av[-1]))
        elif op is _sre_c.BRANCH:
            codes, empty = set(), False
            for alt in av[1]:
                c, e = _first(list(alt))
                codes |= c
                empty = empty or e
        elif op in (_sre_c.MAX_REPEAT, _sre_c.MIN_REPEAT):
            lo, _hi, sub = av
            codes, empty = _first(list(sub))
            empty = empty or lo == 0
        else:  # any character, a group reference, an atomic group, a possessive repeat, ...
            raise _Unreadable
        out |= codes
        if not empty:
            return out, False
    return out, True


@lru_cache(maxsize=4096)
def first_chars(pattern: str, flags: int = 0) -> frozenset[str] | None:
    """Every character a match of `pattern` can start with, all cases included; None when the pattern does not open
    with one of LOOKBEHINDS or its first characters cannot be read (run it with `finditer` then). Kept between
    processes with the compiled patterns (warlog.regexcache): parsing the ~430 rows a process uses cost ~0.3 s."""
    if _opening(pattern) is None or flags & ~(re.IGNORECASE | re.UNICODE):
        return None
    return regexcache.remembered((_MEMO_KIND, pattern, flags), lambda: _read_first_chars(pattern, flags))


_MEMO_KIND = "wordscan-first-chars-1"  # a new number when what _read_first_chars answers changes


def _opening(pattern: str) -> int | None:
    """Which of LOOKBEHINDS the pattern opens with (None: none)."""
    for i, lb in enumerate(LOOKBEHINDS):
        if pattern.startswith(lb):
            return i
    return None


def _read_first_chars(pattern: str, flags: int) -> frozenset[str] | None:
    try:
        codes, empty = _first(list(_sre_parse.parse(pattern, flags)))
    except (_Unreadable, re.error, RecursionError):
        return None
    if empty:
        return None
    chars: set[str] = set()
    for code in codes:
        ch = chr(code)
        if not ch.isascii():
            return None
        low = ch.lower()
        chars.update((ch, low, ch.upper()), _CASE_EXTRA.get(low, ""))
    return frozenset(chars)


# The opening's next-character reading (`_prefixes`) looks this many characters into a match.
_K = 2
# What a text is folded with before its first two characters at a word start are read: Python's case-insensitive
# matching equates each of these with an ASCII letter whose lower case `str.lower` does not give (U+0130 is also the
# one code point whose `lower()` is two characters long); tests/test_wordscan.py checks every code point.
_FOLD = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"})


# What ``\\s`` matches in a str pattern (str.isspace: none above U+3000); spaces have no case, so each folds to itself
# (tests/test_wordscan.py checks every code point).
_SPACES = frozenset(ch for ch in map(chr, range(0x3001)) if ch.isspace())


def _fold(text: str) -> str:
    """The text in lower case with _FOLD's letters folded: as long as the text, character for character."""
    return text.translate(_FOLD).lower()


def _cat(a: set[tuple[str, bool]], b: set[tuple[str, bool]]) -> set[tuple[str, bool]]:
    """Prefixes of a sequence from those of its two parts. A prefix is (its first characters, folded; whether the
    part can end right after them): an open one, or one _K long, is not extended."""
    out: set[tuple[str, bool]] = set()
    for s, done in a:
        if not done or len(s) >= _K:
            out.add((s[:_K], False))
            continue
        for t, done2 in b:
            u = s + t
            out.add((u[:_K], False) if len(u) >= _K else (u, done2))
    return out


_OPEN = {("", False)}  # nothing known about the characters from here on
_EMPTY = {("", True)}  # matches the empty string only (an assertion)


def _prefixes(items: list) -> set[tuple[str, bool]]:
    """The first _K characters (folded) every match of the sequence can open with, as prefixes (see _cat): a match
    opens with one of them. A part it cannot read (a class such as ``\\w``, a non-ASCII character, a group
    reference) ends what is known there."""
    acc = set(_EMPTY)
    for op, av in items:
        if all(not done or len(s) >= _K for s, done in acc):
            break
        acc = _cat(acc, _prefixes_of(op, av))
    return acc


def _prefixes_of(op: Any, av: Any) -> set[tuple[str, bool]]:  # noqa: PLR0911 - one case per opcode
    if op in _ZERO_WIDTH:
        return set(_EMPTY)
    if op is _sre_c.LITERAL:
        ch = chr(av)
        return {(ch.lower(), True)} if ch.isascii() else set(_OPEN)
    if op is _sre_c.IN:
        chars: set[str] = set()
        for o, a in av:
            if o is _sre_c.LITERAL:
                chars.add(chr(a))
            elif o is _sre_c.RANGE and a[1] - a[0] <= 64:
                chars.update(map(chr, range(a[0], a[1] + 1)))
            elif o is _sre_c.CATEGORY and a is _sre_c.CATEGORY_SPACE:
                chars.update(_SPACES)
            else:  # a negated set, another category (\\w, \\d), a wide range
                return set(_OPEN)
        if not all(ch.isascii() or ch in _SPACES for ch in chars):
            return set(_OPEN)
        return {(ch.lower(), True) for ch in chars}
    if op is _sre_c.SUBPATTERN:
        return _prefixes(list(av[-1]))
    if op is _sre_c.BRANCH:
        out: set[tuple[str, bool]] = set()
        for alt in av[1]:
            out |= _prefixes(list(alt))
        return out
    if op in (_sre_c.MAX_REPEAT, _sre_c.MIN_REPEAT):
        lo, hi, sub = av
        each = _prefixes(list(sub))
        reps = set(_EMPTY)
        out = set(_EMPTY) if lo == 0 else set()
        for n in range(1, min(hi, lo + _K) + 1):  # more repetitions than lo + _K add no prefix (see the tests)
            reps = _cat(reps, each)
            if n >= lo:
                out |= reps
        return out
    return set(_OPEN)  # any character, a group reference, an atomic group, a possessive repeat, ...


@lru_cache(maxsize=4096)
def _plan(pattern: str, flags: int) -> tuple[tuple[frozenset[str], ...], int] | None:
    """The keys a match of `pattern` can open with, by length (1 to _K characters, folded: `_prefixes`), and which of
    LOOKBEHINDS the pattern opens with; None where `first_chars` reads nothing (the pattern runs through
    `regex.finditer`). A key shorter than _K stands for matches whose next character is not known (a class such as
    ``\\w``) or that may end there; a key that a shorter one opens is left out (the shorter one's positions hold it).
    Kept between processes in the regex cache file like first_chars."""
    if first_chars(pattern, flags) is None:
        return None
    keys = regexcache.remembered((_PLAN_KIND, _K, pattern, flags), lambda: _read_plan(pattern, flags))
    if keys is None:
        return None
    return keys, _opening(pattern) or 0


_PLAN_KIND = "wordscan-prefixes-1"  # a new number when what _read_plan answers changes


def _read_plan(pattern: str, flags: int) -> tuple[frozenset[str], ...] | None:
    try:
        found = {s for s, _ in _prefixes(list(_sre_parse.parse(pattern, flags)))}
    except (re.error, RecursionError):
        return None
    if "" in found:
        return None
    kept = {s for s in found if not any(s[:n] in found for n in range(1, len(s)))}
    return tuple(frozenset(s for s in kept if len(s) == n) for n in range(1, _K + 1))


class WordStarts:
    """A text's positions where each of LOOKBEHINDS holds, by their first 1 to _K characters, folded (`_fold`; each
    index built on first use)."""

    __slots__ = ("_by_key", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self._by_key: dict[tuple[int, int], dict[str, list[int]]] = {}

    def _index(self, opening: int, n: int) -> dict[str, list[int]]:
        """The positions where LOOKBEHINDS[opening] holds by their first n characters, folded (fewer at the text's
        end), each list in order."""
        index = self._by_key.get((opening, n))
        if index is None:
            index = {}
            if n == _K:
                text = self.text
                folded = _fold(text)
                for m in _STARTS[opening].finditer(text):
                    p = m.start()
                    index.setdefault(folded[p : p + n], []).append(p)
            else:
                groups: dict[str, list[list[int]]] = {}
                for k, ps in self._index(opening, _K).items():
                    groups.setdefault(k[:n], []).append(ps)
                for k, g in groups.items():
                    index[k] = g[0] if len(g) == 1 else sorted(chain.from_iterable(g))
            self._by_key[(opening, n)] = index
        return index

    def opening(self, keys: tuple[frozenset[str], ...], opening: int = 0) -> list[int]:
        """The positions, in order, where LOOKBEHINDS[opening] holds and whose first characters, folded, are one of
        `keys` (keys[n - 1]: those n characters long)."""
        found = []
        for n, ks in enumerate(keys, 1):
            if ks:
                index = self._index(opening, n)
                found.extend(index[k] for k in ks if k in index)
        if len(found) == 1:
            return found[0]
        return sorted(chain.from_iterable(found))


def finditer(regex: re.Pattern[str], text: str, starts: WordStarts) -> Iterable[re.Match[str]]:
    """What `regex.finditer(text)` yields (as a list where it reads the pattern), trying only the positions a match
    can start at (`starts` indexes text): those whose first two characters can open a match (`_plan`). Faster than
    `finditer` on sentences of 50 characters as on whole reports."""
    plan = _plan(regex.pattern, regex.flags)
    if plan is None or starts.text is not text:
        return regex.finditer(text)
    match = regex.match
    out = []
    pos = 0
    for p in starts.opening(*plan):
        if p >= pos:
            m = match(text, p)
            if m is not None:
                out.append(m)
                pos = m.end()
    return out
