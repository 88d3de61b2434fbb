"""extract/wordscan.py: finditer by word starts yields exactly what regex.finditer yields (own wording only)."""

from __future__ import annotations

import re
import sys

import pytest

from warlog.extract import actors
from warlog.extract.wordscan import _CASE_EXTRA, WordStarts, finditer, first_chars

TEXTS = [
    "Regime forces shelled the town; government troops and pro-government militias advanced at dawn.",
    "GOVERNMENT TROOPS AND REGIME FORCES: anti-regime fighters said (regime forces) withdrew.\nRegime\nforces again.",
    "Opposition fighters of the Free Syrian Army and Islamic State militants clashed near the Turkish border.",
    "The U.S.-led coalition's warplanes struck; Russian jets and Syrian helicopters dropped barrel bombs.",
    "Gunmen killed two civilians; unidentified armed men kidnapped a health worker and displaced people fled.",
    "İSLAMIC STATE and ıslamic ſtate: Kurdish fighters (YPG) and \u212aurdish forces, al-Shabaab and Boko Haram.",
    "",
    "x-regime forces, _regime forces, 2regime forces and -government troops are not word starts.",
]


def _rows():
    return [row.regex for row in actors._rows()]


def test_every_actor_row_is_read_and_matches_as_finditer_does():
    rows = _rows()
    read = [rx for rx in rows if first_chars(rx.pattern, rx.flags) is not None]
    assert len(read) >= 0.99 * len(rows)  # the dictionary's rows open with the lookbehind and a literal word
    for text in TEXTS + [t.upper() for t in TEXTS] + [t.lower() for t in TEXTS]:
        starts = WordStarts(text)
        for rx in rows:
            assert [m.span() for m in finditer(rx, text, starts)] == [m.span() for m in rx.finditer(text)], rx.pattern


def test_every_lexicon_entry_matches_as_finditer_does():
    """The trigger lexicon's entries open with (?<![\\w]) (no hyphen): word starts of their own."""
    from warlog.extract import types

    entries = [t.regex for t in types._LEXICON]
    read = [rx for rx in entries if first_chars(rx.pattern, rx.flags) is not None]
    assert len(read) >= 0.9 * len(entries)
    texts = TEXTS + ["Air-strikes and airstrikes; anti-aircraft fire; re-shelling, shelling and non-shelling."]
    for text in texts + [t.upper() for t in texts]:
        starts = WordStarts(text)
        for rx in entries:
            assert [m.span() for m in finditer(rx, text, starts)] == [m.span() for m in rx.finditer(text)], rx.pattern


def test_each_opening_has_its_own_word_starts():
    hyphen = re.compile(r"(?<![\w\-])strikes?", re.IGNORECASE)
    plain = re.compile(r"(?<![\w])strikes?", re.IGNORECASE)
    text = "air-strikes and strikes"
    starts = WordStarts(text)
    assert [m.start() for m in finditer(hyphen, text, starts)] == [16]
    assert [m.start() for m in finditer(plain, text, starts)] == [4, 16]


def test_matches_are_found_and_only_at_word_starts():
    rx = re.compile(r"(?<![\w\-])(?:regime[\s\-]+forces|government[\s\-]+troops)", re.IGNORECASE)
    text = TEXTS[1] + " " + TEXTS[-1]
    got = [m.group() for m in finditer(rx, text, WordStarts(text))]
    assert got == [m.group() for m in rx.finditer(text)]
    assert got == ["GOVERNMENT TROOPS", "REGIME FORCES", "regime forces", "Regime\nforces"]


def test_first_chars_of_alternatives_optional_parts_and_classes():
    assert first_chars(r"(?<![\w\-])(?:ab|Cd)", re.I) == frozenset("aAbBcCdD") - frozenset("bBdD")
    assert first_chars(r"(?<![\w\-])(?:the\s+)?army", re.I) == frozenset("tTaA")
    assert first_chars(r"(?<![\w\-])[0-3]x") == frozenset("0123")
    assert first_chars(r"(?<![\w\-])(?-i:Syrian)", re.I) == frozenset("sS\u017f")  # a superset is safe
    assert first_chars(r"(?<![\w\-])(?:kill)", re.I) == frozenset("kK\u212a")


@pytest.mark.parametrize(
    "pattern",
    [
        r"regime forces",  # no lookbehind opening: run by finditer
        r"(?<![\w\-])\w+ forces",  # a class in first place
        r"(?<![\w\-])(?:x)?",  # may match the empty string
        r"(?<![\w\-]).forces",
        r"(?<![\w\-])(?:Åland)",  # a non-ASCII first character
        r"(?<![\w\-])[^a]x",
    ],
)
def test_patterns_it_cannot_read_fall_back_to_finditer(pattern):
    rx = re.compile(pattern, re.IGNORECASE)
    assert first_chars(rx.pattern, rx.flags) is None
    text = "regime forces and x Åland aforces bx"
    assert [m.span() for m in finditer(rx, text, WordStarts(text))] == [m.span() for m in rx.finditer(text)]


def test_other_flags_fall_back():
    assert first_chars(r"(?<![\w\-])abc", re.IGNORECASE | re.VERBOSE) is None


def test_an_index_of_another_text_is_not_used():
    rx = re.compile(r"(?<![\w\-])forces", re.IGNORECASE)
    assert [m.span() for m in finditer(rx, "the forces", WordStarts("other text"))] == [(4, 10)]


def test_case_insensitive_equivalents_of_ascii_letters_are_all_known():
    """Every code point that case-insensitive matching equates with an ASCII letter is that letter's other case or
    in _CASE_EXTRA (what first_chars adds)."""
    everything = "".join(chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c <= 0xDFFF)
    for letter in "abcdefghijklmnopqrstuvwxyz":
        found = set(re.findall(letter, everything, re.IGNORECASE))
        assert found == {letter, letter.upper(), *_CASE_EXTRA.get(letter, "")}, letter


def test_furniture_answers_are_remembered_and_the_same():
    """roles.is_furniture is remembered per line (event coding asks about a one-line report once per sentence)."""
    from warlog.extract.roles import is_furniture

    line = "Read Also Five killed in market blast in Idlib " * 40
    first = is_furniture(line)
    hits = is_furniture.cache_info().hits
    assert is_furniture(str(line)) is first is True
    assert is_furniture(line[:]) is True and is_furniture.cache_info().hits >= hits + 1
    assert is_furniture("Police said the tags on the vehicle had been forged.") is False


# --- the first two characters (round 24): _plan, _prefixes, _fold -------------------------------------------------

_EVERYTHING = "".join(chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c <= 0xDFFF)


def test_folding_equates_whatever_case_insensitive_matching_equates_with_an_ascii_character():
    from warlog.extract.wordscan import _fold

    assert len(_fold(_EVERYTHING)) == len(_EVERYTHING)  # one character for one: positions stay put
    for code in range(32, 127):
        ch = chr(code)
        found = set(re.findall(re.escape(ch), _EVERYTHING, re.IGNORECASE))
        assert {_fold(x) for x in found} == {ch.lower()}, ch


def test_spaces_are_what_backslash_s_matches_and_fold_to_themselves():
    from warlog.extract.wordscan import _SPACES, _fold

    assert set(re.findall(r"\s", _EVERYTHING)) == _SPACES
    assert set(re.findall(r"\s", _EVERYTHING, re.IGNORECASE)) == _SPACES
    assert all(_fold(s) == s for s in _SPACES)


def _keys(pattern, flags=re.IGNORECASE):
    from warlog.extract.wordscan import _read_plan

    found = _read_plan(pattern, flags)
    return None if found is None else [set(k) for k in found]


def test_plan_reads_the_first_two_characters():
    lb = r"(?<![\w\-])"
    assert _keys(lb + r"(?:ab|Cd)") == [set(), {"ab", "cd"}]
    assert _keys(lb + r"(?:the\s+)?army") == [set(), {"th", "ar"}]
    spaced = _keys(lb + r"a[\s\-]+b")
    assert spaced[0] == set() and {"a ", "a\n", "a-", "a\u00a0", "a\u3000"} <= spaced[1] and "ab" not in spaced[1]
    assert _keys(lb + r"x\w+") == [{"x"}, set()]  # \w in second place: the first character only
    assert _keys(lb + r"(?:k|x?y)") == [{"k", "y"}, {"xy"}]  # a match may end after one character
    assert _keys(lb + r"(?:ab?|ac)") == [{"a"}, set()]  # "ac" is among the positions of "a"
    assert _keys(lb + r"(?-i:Syrian)") == [set(), {"sy"}]
    assert _keys(lb + r"(?:a\b|\bb)[0-2]") == [set(), {"a0", "a1", "a2", "b0", "b1", "b2"}]
    assert _keys(lb + r"(?:x)?") is None  # may match the empty string
    assert _keys(lb + r"\w+") is None


@pytest.mark.parametrize(
    "pattern",
    [
        r"(?:ab|Cd)",
        r"(?:a?){3}b",
        r"(?:ab){0,5}c",
        r"a{2,}",
        r"(?:a|-)[\s\-]*B",
        r"(?-i:A)b|k\s",
        r"a*?b??(?:a|b)",
        r"(?:a(?=b)|b(?!a))\w",
        r"a[^b]",
        r"(?:b\u00e9|k)a",
    ],
)
def test_every_match_opens_with_one_of_the_keys(pattern):
    """Every string over a small alphabet that the pattern matches at its start opens, folded, with one of its keys."""
    from itertools import product

    from warlog.extract.wordscan import _fold

    keys = _keys(pattern)
    assert keys is not None
    rx = re.compile(pattern, re.IGNORECASE)
    alphabet = "abAB -\u212ak\u00a0\u00e9c"
    for n in range(5):
        for chars in product(alphabet, repeat=n):
            s = "".join(chars)
            if rx.match(s):
                assert any(_fold(s)[:i] in keys[i - 1] for i in (1, 2)), (pattern, s)


def test_matches_at_the_texts_end_and_after_odd_spaces_and_letters():
    texts = [
        "a x",
        "x",
        "members of a\u00a0gang and a\u2009gang, A-GANG",
        "\u212aurdish fighters, \u017fuspected criminals, \u0130slamic State, \u0131slamic state",
        "Regime\u3000forces and regime\u00a0forces",
    ]
    patterns = [r"(?<![\w\-])(?:x|xy)", r"(?<![\w\-])a[\s\-]+gang", r"(?<![\w])(?:kurdish|suspected|islamic)\s"]
    patterns += [rx.pattern for rx in _rows()[:200]]
    for text in texts:
        starts = WordStarts(text)
        for pattern in patterns:
            rx = re.compile(pattern, re.IGNORECASE)
            assert [m.span() for m in finditer(rx, text, starts)] == [m.span() for m in rx.finditer(text)], pattern
