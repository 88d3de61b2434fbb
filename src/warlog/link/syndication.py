"""Near-duplicate report texts (a wire story republished by many outlets) found by the Jaccard similarity of their
word shingles, and independent sources: outlets joined when one republishes another's text count as one source.

An event's handful of reports are compared pair by pair on their exact shingle sets (a set intersection per pair:
cheaper than sketching every text, and exact); only beyond PAIRWISE_MAX texts does a MinHash LSH index (datasketch,
imported then) propose the candidate pairs, which are still confirmed on the exact sets."""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import cache, lru_cache
from typing import Any

NUM_PERM = 64
SHINGLE = 4  # words per shingle
SYNDICATION_THRESHOLD = 0.6  # Jaccard similarity of shingle sets above which two texts are one story

_WORD = re.compile(r"\w+")
PAIRWISE_MAX = 64  # up to this many texts, compare every pair; beyond, an LSH index proposes the pairs


class _UnionFind:
    """Disjoint sets over hashable items."""

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, x: str) -> str:
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)  # the smaller id stays the root: stable group ids


@lru_cache(maxsize=8192)
def shingles(text: str) -> frozenset[str]:
    """The text's word shingles (lower-cased, SHINGLE words each); a short text is one shingle of all its words.
    Remembered per text: a report's text is compared again for every event it contributes to."""
    toks = _WORD.findall(text.lower())
    if len(toks) <= SHINGLE:
        return frozenset((" ".join(toks),))
    if SHINGLE == 4:  # each run of four words (zip of four slices: no generator of slices to unpack per text)
        runs = zip(toks, toks[1:], toks[2:], toks[3:], strict=False)
    else:  # each run of SHINGLE words
        runs = zip(*[toks[i:] for i in range(SHINGLE)], strict=False)
    return frozenset(map(" ".join, runs))


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    """|a & b| / |a | b| (1.0 for two empty sets)."""
    if not a and not b:
        return 1.0
    inter = len(a & b)  # the same count as a membership test per shingle, in C
    return inter / (len(a) + len(b) - inter)


@cache
def _empty_minhash() -> Any:
    """An empty MinHash of seed 7, built once: copies share its permutations (a new MinHash draws them again)."""
    from datasketch import MinHash

    return MinHash(num_perm=NUM_PERM, seed=7)


def minhash(text: str) -> Any:
    """MinHash (datasketch) of the text's shingles, for the LSH index over many texts."""
    m = _empty_minhash().copy()
    m.update_batch([s.encode("utf-8") for s in shingles(text)])
    return m


@cache
def _lsh_params(threshold: float) -> tuple[int, int]:
    """LSH bands and rows for a threshold (datasketch integrates false-positive/negative curves to choose them: slow,
    so once per threshold)."""
    from datasketch import MinHashLSH

    lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
    return lsh.b, lsh.r


def syndication_groups(texts: Mapping[str, str], threshold: float = SYNDICATION_THRESHOLD) -> dict[str, str]:
    """report id -> id of its near-duplicate group (the smallest report id in the group): texts whose shingle sets
    have a Jaccard similarity of `threshold` or more, joined transitively."""
    if len(texts) < 2:
        return {rid: rid for rid in texts}
    if len(texts) <= PAIRWISE_MAX:  # an event's handful of reports: every pair, no index
        items = [(rid, shingles(t)) for rid, t in sorted(texts.items())]
        joined: _UnionFind | None = None  # made at the first alike pair (most events have none)
        for i, (rid, sh) in enumerate(items):
            for other, sh2 in items[:i]:
                inter = len(sh & sh2)  # jaccard(sh, sh2), inline
                union = len(sh) + len(sh2) - inter
                if (inter / union if union else 1.0) >= threshold:
                    if joined is None:
                        joined = _UnionFind()
                    joined.union(rid, other)
        if joined is None:  # no two texts alike: each report is its own group, as find() would say
            return {rid: rid for rid in texts}
        return {rid: joined.find(rid) for rid in texts}
    uf = _UnionFind()
    sets = {rid: shingles(t) for rid, t in sorted(texts.items())}
    from datasketch import MinHashLSH

    lsh = MinHashLSH(num_perm=NUM_PERM, params=_lsh_params(threshold))
    for rid, t in sorted(texts.items()):
        h = minhash(t)
        for other in lsh.query(h):
            if jaccard(sets[rid], sets[other]) >= threshold:
                uf.union(rid, other)
        lsh.insert(rid, h)
    return {rid: uf.find(rid) for rid in texts}


def independent_sources(outlets: Mapping[str, str | None], groups: Mapping[str, str]) -> dict[str, str]:
    """report id -> independent-source id: reports of one outlet, and outlets that share a text, are one source."""
    if len(outlets) == 1:  # one report: its own source, named by its outlet (what the union below gives)
        [(rid, outlet)] = outlets.items()
        return {rid: (outlet or rid).strip()}
    if all(groups.get(rid, rid) == rid for rid in outlets):
        # no shared text: reports are joined by their outlet alone, and each source is named by its outlet as the
        # first report (by id) writes it (what the union below gives when no group joins two outlets)
        names: dict[str, str] = {}
        for rid in sorted(outlets):
            name = (outlets[rid] or rid).strip()
            names.setdefault(name.lower(), name)
        return {rid: names[(outlet or rid).strip().lower()] for rid, outlet in outlets.items()}
    uf = _UnionFind()
    for rid, outlet in outlets.items():
        uf.union("r:" + rid, "o:" + (outlet or rid).strip().lower())
        uf.union("r:" + rid, "g:" + groups.get(rid, rid))
    roots: dict[str, str] = {}
    for rid in outlets:
        roots[rid] = uf.find("r:" + rid)
    # name each source by its alphabetically first outlet, so ids read well and stay stable
    names = {}
    for rid in sorted(outlets):
        name = (outlets[rid] or rid).strip()
        root = roots[rid]
        if root not in names or name.lower() < names[root].lower():
            names[root] = name
    return {rid: names[roots[rid]] for rid in outlets}
