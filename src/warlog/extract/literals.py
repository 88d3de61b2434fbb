"""Necessary literals of a regex: a cheap test that rules out the texts where a pattern cannot match.

The extractors run a few hundred dictionary and lexicon regexes over every sentence, and most of them cannot match
most sentences. `required_literals` reads a pattern's parse tree and returns a gate: strings at least one of which
every match contains, in the form `fold` gives a text (lower case, every decimal digit written "0"). `literals_in`
finds, in one pass over a text, which of all the gates' strings it holds, so `may_match(gate, literals_in(text))` is
False only where the regex would find nothing. The test is conservative by construction: a part of a pattern it
cannot read (a class such as ``\\w``, a backreference) is simply not used, and a pattern with no usable literal gets no
gate (None: always run it).

Folding matches Python's case-insensitive matching for ASCII literals: besides the usual upper/lower pairs only
U+0130 and U+0131 match "i", U+017F matches "s" and U+212A (Kelvin) matches "k"; they are folded to those letters.
"""

from __future__ import annotations

import hashlib
import re
import threading
from collections.abc import Iterable, Iterator
from functools import lru_cache
from itertools import product

from warlog import regexcache

try:  # Python >= 3.11
    from re import _parser as _sre_parse  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - older Pythons
    import sre_parse as _sre_parse  # type: ignore[no-redef]

_FOLD = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"})
_DIGIT = re.compile(r"\d")
_MAX_SET = 64  # largest set of alternative strings kept exact
_DIGITS = frozenset(range(48, 58))

Gate = frozenset[str]


@lru_cache(maxsize=2048)
def fold(text: str) -> str:
    """The text as gates read it: lower case, the letters Python's case-insensitive matching equates folded, and
    every decimal digit (what ``\\d`` matches) written "0"."""
    return _DIGIT.sub("0", text.translate(_FOLD).lower())


class _Snapshot:
    """Every gate string registered so far and the regex that finds them in a text in one pass (a trie, the longest
    string first at each position). Never changed once made: registering strings makes a new one."""

    def __init__(self, literals: frozenset[str], version: int) -> None:
        self.literals = literals
        self.version = version
        self.within: dict[str, frozenset[str]] = {}  # a found string -> the gate strings it contains
        self._regex: re.Pattern[str] | None = None

    @property
    def regex(self) -> re.Pattern[str]:
        if self._regex is None:
            self._regex = re.compile("(?=(" + _trie_source(self.literals) + "))", re.DOTALL)
        return self._regex

    def contained(self, found: str) -> frozenset[str]:
        """The gate strings inside a found string (its prefixes were not reported at the same position)."""
        hit = self.within.get(found)
        if hit is None:
            n = len(found)
            hit = frozenset(found[i:j] for i in range(n) for j in range(i + 1, n + 1) if found[i:j] in self.literals)
            self.within[found] = hit
        return hit


_LOCK = threading.Lock()
_SNAPSHOT = _Snapshot(frozenset(), 0)
_PENDING: set[str] = set()  # registered since the snapshot was made


def _register(literals: Iterable[str]) -> None:
    """Add gate strings to the index (a new snapshot when a text is next read: texts already scanned are scanned
    again when asked). Pending until then: a new snapshot per registration copied the whole set, ~2,400 times as a
    process builds its patterns (0.1 s)."""
    with _LOCK:
        _PENDING.update(literals)


def _snapshot() -> _Snapshot:
    """The snapshot holding every string registered so far."""
    global _SNAPSHOT
    if _PENDING:
        with _LOCK:
            new = frozenset(_PENDING) - _SNAPSHOT.literals
            _PENDING.clear()
            if new:
                _SNAPSHOT = _Snapshot(_SNAPSHOT.literals | new, _SNAPSHOT.version + 1)
    return _SNAPSHOT


def _trie_source(literals: frozenset[str]) -> str:
    """The trie regex of a set of strings, kept between processes by warlog.regexcache under a digest of the set:
    building it was ~0.13 s CPU for the ~5,700 strings an ingest registers, in each process and again for each new
    set (the regex itself is compiled from the cache's code)."""
    digest = hashlib.sha1(repr(sorted(literals)).encode("utf-8")).hexdigest()
    return regexcache.remembered(("literal-trie", digest), lambda: _trie_regex(_trie(literals)))


def _trie(literals: Iterable[str]) -> dict:
    trie: dict = {}
    for lit in literals:
        node = trie
        for ch in lit:
            node = node.setdefault(ch, {})
        node[""] = {}
    return trie


def _trie_regex(node: dict) -> str:
    """A regex for the strings of a trie; at each node the longer strings are tried first."""
    ends = "" in node
    alts = [re.escape(ch) + _trie_regex(child) for ch, child in sorted(node.items()) if ch]
    if not alts:
        return ""
    body = alts[0] if len(alts) == 1 and not ends else "(?:" + "|".join(alts) + ")"
    return body + "?" if ends else body


@lru_cache(maxsize=2048)
def _present(folded: str, version: int) -> frozenset[str]:
    snap = _snapshot()
    if snap.version != version:  # registered meanwhile (another thread): scan with the newest strings
        return _present(folded, snap.version)
    out: set[str] = set()
    within = snap.within
    for found in set(snap.regex.findall(folded)):  # the longest gate string at each position (group 1)
        hit = within.get(found)
        out.update(hit if hit is not None else snap.contained(found))
    return frozenset(out)


def literals_in(text: str) -> frozenset[str]:
    """The gate strings (of every gate made so far) that the text holds once folded."""
    return _present(fold(text), _snapshot().version)


def may_match(gate: Gate | None, present: frozenset[str]) -> bool:
    """False only when a regex with this gate cannot match a text holding just these gate strings (`literals_in`)."""
    return gate is None or not gate.isdisjoint(present)


class GateTable:
    """Many gated patterns at once: which of them a text may match, from the gate strings it holds, without testing
    every gate (a pattern without a gate is always in)."""

    def __init__(self, gates: Iterable[Gate | None]) -> None:
        self.always: list[int] = []
        self.by_literal: dict[str, list[int]] = {}
        for i, gate in enumerate(gates):
            if gate is None:
                self.always.append(i)
                continue
            for lit in gate:
                self.by_literal.setdefault(lit, []).append(i)
        self.literals = frozenset(self.by_literal)

    def hits(self, present: frozenset[str]) -> list[int]:
        """Indices, in order, of the patterns that may match a text holding these gate strings (`literals_in`)."""
        found = set(self.always)
        for lit in present & self.literals:
            found.update(self.by_literal[lit])
        return sorted(found)


class _Info:
    """What a part of a pattern can match: a finite set of strings (exact), or strings one of which it contains."""

    __slots__ = ("exact", "req")

    def __init__(self, exact: frozenset[str] | None = None, req: frozenset[str] | None = None) -> None:
        self.exact = exact
        self.req = req

    def required(self) -> frozenset[str] | None:
        """Strings one of which every match contains (None: no such set known)."""
        if self.exact is not None:
            return self.exact if self.exact and "" not in self.exact else None
        return self.req


_UNKNOWN = _Info()
_EMPTY = _Info(exact=frozenset({""}))


def _char(code: int) -> str | None:
    """A literal character as folded text shows it; None for non-ASCII (not used in gates)."""
    if code in _DIGITS:
        return "0"
    if code < 128:
        return chr(code).lower()
    return None


def _in(items: list) -> _Info:
    """A character class: exact when it is a few ASCII characters or only decimal digits."""
    chars: set[str] = set()
    for op, av in items:
        name = str(op)
        if name == "LITERAL":
            c = _char(av)
            if c is None:
                return _UNKNOWN
            chars.add(c)
        elif name == "RANGE" and 48 <= av[0] and av[1] <= 57:
            chars.add("0")
        elif name == "CATEGORY" and str(av) == "CATEGORY_DIGIT":
            chars.add("0")
        else:
            return _UNKNOWN  # NEGATE, letter ranges, \w, \s ...
    return _Info(exact=frozenset(chars)) if chars and len(chars) <= 8 else _UNKNOWN


def _best(cands: list[frozenset[str]]) -> frozenset[str] | None:
    """The most selective requirement: longest shortest string, then fewest strings."""
    if not cands:
        return None
    return max(cands, key=lambda s: (min(map(len, s)), -len(s)))


def _seq(items: list) -> _Info:
    """A sequence: exact strings concatenated while they stay few; otherwise the best part's requirement."""
    cands: list[frozenset[str]] = []
    cur: frozenset[str] | None = frozenset({""})
    all_exact = True
    for item in items:
        info = _node(item)
        if info.exact is not None:
            if cur is not None and len(cur) * len(info.exact) <= _MAX_SET:
                cur = frozenset(a + b for a, b in product(cur, info.exact))
                continue
            all_exact = False
            if cur and "" not in cur:
                cands.append(cur)
            cur = info.exact
            continue
        all_exact = False
        if cur and "" not in cur:
            cands.append(cur)
        cur = frozenset({""})
        req = info.required()
        if req is not None:
            cands.append(req)
    if all_exact:
        return _Info(exact=cur)
    if cur and "" not in cur:
        cands.append(cur)
    return _Info(req=_best(cands))


def _node(item: tuple) -> _Info:  # noqa: PLR0911 - one case per opcode
    op, av = item
    name = str(op)
    if name == "LITERAL":
        c = _char(av)
        return _Info(exact=frozenset({c})) if c is not None else _UNKNOWN
    if name == "IN":
        return _in(av)
    if name in ("AT", "ASSERT", "ASSERT_NOT"):
        return _EMPTY
    if name == "SUBPATTERN":
        return _seq(list(av[-1]))
    if name == "ATOMIC_GROUP":
        return _seq(list(av))
    if name == "BRANCH":
        infos = [_seq(list(b)) for b in av[1]]
        if all(i.exact is not None for i in infos):
            union = frozenset().union(*(i.exact for i in infos))  # type: ignore[misc]
            if len(union) <= _MAX_SET:
                return _Info(exact=union)
        reqs = [i.required() for i in infos]
        if any(r is None for r in reqs):
            return _UNKNOWN
        return _Info(req=frozenset().union(*reqs))  # type: ignore[misc]
    if name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
        lo, hi, sub = av
        info = _seq(list(sub))
        if lo == 0:
            if hi == 1 and info.exact is not None:
                return _Info(exact=info.exact | {""})
            return _UNKNOWN
        if lo == hi and info.exact is not None and len(info.exact) ** lo <= _MAX_SET:
            return _Info(exact=frozenset("".join(p) for p in product(sorted(info.exact), repeat=lo)))
        return _Info(req=info.required())
    return _UNKNOWN  # ANY, NOT_LITERAL, GROUPREF, GROUPREF_EXISTS, ...


def required_literals(pattern: str | re.Pattern[str], flags: int = 0) -> Gate | None:
    """Strings (folded) one of which every match of the pattern contains; None when the pattern has none."""
    if isinstance(pattern, re.Pattern):
        pattern, flags = pattern.pattern, pattern.flags
    gate = _gate_of(pattern, flags)
    if gate is not None:
        _register(gate)
    return gate


def _read_gate(pattern: str, flags: int) -> Gate | None:
    """required_literals' answer, without registering it: a pure function of the pattern (kept between processes
    by warlog.regexcache: parsing the dictionaries' patterns cost ~0.4 s CPU per process)."""
    try:
        tree = _sre_parse.parse(pattern, flags)
    except Exception:  # noqa: BLE001 - an unreadable pattern simply gets no gate
        return None
    req = _seq(list(tree)).required()
    if not req:
        return None
    # A text holding "bombing" holds "bomb": only the strings that contain no other one need testing.
    return frozenset(s for s in req if not any(o != s and o in s for o in req))


_gate_of = regexcache.memo("required_literals", _read_gate)


# Clauses of a conjunction (required_clauses): an alternation's clauses are the unions of one clause of each branch,
# kept while there are at most this many; beyond, each branch gives its best clause (one union, as required_literals).
_MAX_CLAUSES = 16
_MIN_CLAUSE = 3  # the shortest string a clause may hold


def _minimal(req: frozenset[str]) -> frozenset[str]:
    """A requirement without the strings that contain another of its strings (a text holding "bombing" holds
    "bomb")."""
    return frozenset(s for s in req if not any(o != s and o in s for o in req))


def _selectivity(req: frozenset[str]) -> tuple[int, int, list[str]]:
    """How much a requirement rules out, as _best compares them (its strings last: a fixed order for ties)."""
    return min(map(len, req)), -len(req), sorted(req, reverse=True)


def _product_size(branches: list[list[frozenset[str]]]) -> int:
    n = 1
    for found in branches:
        n *= len(found)
    return n


def _clauses_seq(items: list) -> list[frozenset[str]]:
    """Requirements all of which every match of a sequence meets: its exact runs (as _seq concatenates them) and
    the clauses of its other parts."""
    clauses: list[frozenset[str]] = []
    cur: frozenset[str] = frozenset({""})
    for item in items:
        info = _node(item)
        if info.exact is not None:
            if len(cur) * len(info.exact) <= _MAX_SET:
                cur = frozenset(a + b for a, b in product(cur, info.exact))
                continue
            if cur and "" not in cur:
                clauses.append(cur)
            cur = info.exact
            continue
        if cur and "" not in cur:
            clauses.append(cur)
        cur = frozenset({""})
        clauses.extend(_clauses_node(item))
    if cur and "" not in cur:
        clauses.append(cur)
    return clauses


def _clauses_node(item: tuple) -> list[frozenset[str]]:
    """Requirements all of which every match of a part that is not a few exact strings meets (none known: [])."""
    op, av = item
    name = str(op)
    if name == "SUBPATTERN":
        return _clauses_seq(list(av[-1]))
    if name == "ATOMIC_GROUP":
        return _clauses_seq(list(av))
    if name == "BRANCH":
        branches = []
        for b in av[1]:
            info = _seq(list(b))
            found = [info.exact] if info.exact is not None else _clauses_seq(list(b))
            found = [c for c in found if c and "" not in c]
            if not found:
                return []  # a branch with no requirement: the alternation has none
            branches.append(found)
        # too many unions: the branch with the most clauses loses its least selective one (as _best ranks them)
        branches = [sorted({_minimal(c) for c in found}, key=_selectivity, reverse=True) for found in branches]
        while _product_size(branches) > _MAX_CLAUSES:
            longest = max(branches, key=len)
            longest.pop()
        # a match meets every clause of one branch, so it meets each union of one clause per branch
        return [frozenset().union(*combo) for combo in product(*branches)]
    if name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
        lo, _hi, sub = av
        return _clauses_seq(list(sub)) if lo >= 1 else []
    return []


def _read_clauses(pattern: str, flags: int) -> tuple[Gate, ...]:
    """required_clauses' answer, without registering it (kept between processes like _read_gate's)."""
    try:
        tree = _sre_parse.parse(pattern, flags)
    except Exception:  # noqa: BLE001 - an unreadable pattern simply gets no clause
        return ()
    out: list[Gate] = []
    for clause in _clauses_seq(list(tree)):
        clause = _minimal(clause)
        # a clause with a string shorter than _MIN_CLAUSE is met by nearly every text, and its strings would make
        # literals_in's scan find something at nearly every position: left out
        if clause and min(map(len, clause)) >= _MIN_CLAUSE and clause not in out:
            out.append(clause)
    # a clause that holds every string of another one is met whenever that one is: left out
    return tuple(c for c in out if not any(o != c and o <= c for o in out))


_clauses_of = regexcache.memo("required_clauses", _read_clauses)


def required_clauses(pattern: str | re.Pattern[str], flags: int = 0) -> tuple[Gate, ...]:
    """Gates every one of which each match of the pattern meets (a conjunction; `required_literals` gives one of
    them): a text that misses any of them cannot match. Empty when none is known."""
    if isinstance(pattern, re.Pattern):
        pattern, flags = pattern.pattern, pattern.flags
    clauses = _clauses_of(pattern, flags)
    if clauses:
        _register(frozenset().union(*clauses))
    return clauses


def meets_all(clauses: tuple[Gate, ...], present: frozenset[str]) -> bool:
    """False only when a text holding just these gate strings misses one of the clauses."""
    for clause in clauses:
        if clause.isdisjoint(present):
            return False
    return True


class Gated:
    """A compiled regex behind its gate: `search` and `finditer` on a whole text skip texts it cannot match."""

    __slots__ = ("regex", "gate", "pattern")

    def __init__(self, regex: re.Pattern[str]) -> None:
        self.regex = regex
        self.gate = required_literals(regex)
        self.pattern = regex.pattern

    def search(self, text: str) -> re.Match[str] | None:
        """regex.search(text), or None at once when the gate rules the text out."""
        if self.gate is not None and self.gate.isdisjoint(literals_in(text)):
            return None
        return self.regex.search(text)

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        """regex.finditer(text), or nothing at once when the gate rules the text out."""
        if self.gate is not None and self.gate.isdisjoint(literals_in(text)):
            return iter(())
        return self.regex.finditer(text)


def gated(pattern: str | re.Pattern[str], flags: int = 0) -> Gated:
    """Compile a pattern (or take a compiled one) behind its gate."""
    return Gated(pattern if isinstance(pattern, re.Pattern) else re.compile(pattern, flags))
