"""`finditer` for word-initial patterns, tried only where a match can start.

The actor dictionary's rows (extract/actors.py) are case-insensitive alternations that open with a lookbehind,
``(?<![\\w\\-])(?:regime forces|government troops|...)``: a match starts at a word's first character (the trigger
lexicon's entries, extract/types.py, open with ``(?<![\\w])``). Python's regex
engine cannot skip ahead on such a pattern (the lookbehind and the case-insensitive literals give it no prefix to
search for), so `finditer` enters the alternation at every word of the text, once per row: ~74 rows over each whole
FA-KES article, 1.7 s CPU per 200 articles. Most words cannot open any of a row's alternatives.

`first_chars(pattern)` reads the pattern's parse tree and returns every character a match can start with (the
first literal of each alternative, in every case Python's case-insensitive matching equates); `WordStarts(text)`
indexes the text's positions where the same lookbehind holds, by their character, once per text and lookbehind; and
`finditer(regex, text, starts)` calls `regex.match` only at the positions whose character can open a match, left to
right, each search resuming at the end of the last match, as `regex.finditer` does. The matches are the same
objects `finditer` yields, by construction: a position whose character is outside the set cannot start a match, and a
match at a position is what a search reaching that position finds (the lookbehind reads the text before it: `match`
at a position sees the whole string). A pattern this does not read completely (a class such as ``\\w`` or ``.`` in
first place, a match that may be empty, a non-ASCII first character) gets None and is run by `regex.finditer`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from itertools import chain

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


class WordStarts:
    """A text's positions where each of LOOKBEHINDS holds, by the character there (built on first use)."""

    __slots__ = ("_by_char", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self._by_char: list[dict[str, list[int]] | None] = [None] * len(LOOKBEHINDS)

    def at(self, chars: frozenset[str], opening: int = 0) -> list[int]:
        """The positions, in order, where LOOKBEHINDS[opening] holds and whose character is one of `chars`."""
        by_char = self._by_char[opening]
        if by_char is None:
            by_char = self._by_char[opening] = {}
            for m in _STARTS[opening].finditer(self.text):
                by_char.setdefault(m.group(), []).append(m.start())
        found = [by_char[c] for c in chars if c in by_char]
        if len(found) == 1:
            return found[0]
        return sorted(chain.from_iterable(found))


def finditer(regex: re.Pattern[str], text: str, starts: WordStarts) -> Iterable[re.Match[str]]:
    """What `regex.finditer(text)` yields (as a list where it reads the pattern), trying only the positions a match
    can start at (`starts` indexes text). Faster than `finditer` on sentences of 50 characters as on whole reports."""
    chars = first_chars(regex.pattern, regex.flags)
    if chars is None or starts.text is not text:
        return regex.finditer(text)
    match = regex.match
    out = []
    pos = 0
    for p in starts.at(chars, _opening(regex.pattern) or 0):  # (never None here: first_chars read the opening)
        if p >= pos:
            m = match(text, p)
            if m is not None:
                out.append(m)
                pos = m.end()
    return out
