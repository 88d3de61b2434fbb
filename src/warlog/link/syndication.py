"""Near-duplicate report texts (a wire story republished by many outlets) found with MinHash LSH, and independent
sources: outlets joined when one republishes another's text count as one source."""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import cache

from datasketch import MinHash, MinHashLSH

NUM_PERM = 64
SHINGLE = 4  # words per shingle
SYNDICATION_THRESHOLD = 0.6  # estimated Jaccard of shingle sets above which two texts are one story

_WORD = re.compile(r"\w+")
PAIRWISE_MAX = 64  # up to this many texts, compare every pair (exact on the sketches); beyond, an LSH index


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


@cache
def _empty_minhash() -> MinHash:
    """An empty MinHash of seed 7, built once: copies share its permutations (a new MinHash draws them again)."""
    return MinHash(num_perm=NUM_PERM, seed=7)


def minhash(text: str) -> MinHash:
    """MinHash of the text's word shingles (lower-cased); a short text is hashed by its words."""
    toks = _WORD.findall(text.lower())
    shingles = {" ".join(toks[i : i + SHINGLE]) for i in range(max(1, len(toks) - SHINGLE + 1))}
    m = _empty_minhash().copy()
    m.update_batch([s.encode("utf-8") for s in shingles])
    return m


@cache
def _lsh_params(threshold: float) -> tuple[int, int]:
    """LSH bands and rows for a threshold (datasketch integrates false-positive/negative curves to choose them: slow,
    so once per threshold)."""
    lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
    return lsh.b, lsh.r


def syndication_groups(texts: Mapping[str, str], threshold: float = SYNDICATION_THRESHOLD) -> dict[str, str]:
    """report id -> id of its near-duplicate group (the smallest report id in the group)."""
    uf = _UnionFind()
    if len(texts) < 2:
        return {rid: rid for rid in texts}
    hashes = {rid: minhash(t) for rid, t in sorted(texts.items())}
    if len(hashes) <= PAIRWISE_MAX:  # an event's handful of reports: every pair, no index
        items = list(hashes.items())
        for i, (rid, h) in enumerate(items):
            for other, g in items[:i]:
                if h.jaccard(g) >= threshold:
                    uf.union(rid, other)
        return {rid: uf.find(rid) for rid in texts}
    lsh = MinHashLSH(num_perm=NUM_PERM, params=_lsh_params(threshold))
    for rid, h in hashes.items():
        for other in lsh.query(h):
            if h.jaccard(hashes[other]) >= threshold:
                uf.union(rid, other)
        lsh.insert(rid, h)
    return {rid: uf.find(rid) for rid in texts}


def independent_sources(outlets: Mapping[str, str | None], groups: Mapping[str, str]) -> dict[str, str]:
    """report id -> independent-source id: reports of one outlet, and outlets that share a text, are one source."""
    uf = _UnionFind()
    for rid, outlet in outlets.items():
        uf.union("r:" + rid, "o:" + (outlet or rid).strip().lower())
        uf.union("r:" + rid, "g:" + groups.get(rid, rid))
    roots: dict[str, str] = {}
    for rid in outlets:
        roots[rid] = uf.find("r:" + rid)
    # name each source by its alphabetically first outlet, so ids read well and stay stable
    names: dict[str, str] = {}
    for rid in sorted(outlets):
        name = (outlets[rid] or rid).strip()
        root = roots[rid]
        if root not in names or name.lower() < names[root].lower():
            names[root] = name
    return {rid: names[roots[rid]] for rid in outlets}
