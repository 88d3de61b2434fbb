"""Which held places can be a near spelling of a name, found by ratio in C before the exact test.

`Gazetteer.country_spellings` asks, for a name that matches nothing in the country its report is about, which of the
country's held names it is a near spelling of (`names.unit_spelling_quality` of 0.7 or more). Tested name by name
that is every held name with the same onset (Syria: 3,671 places whose names start with "a"), about 0.1 s of Python
a question, and on 200 FA-KES articles a third of extraction's own CPU time. Both tests that reach 0.7 need a
rapidfuzz ratio of at least ``KEY_RATIO`` between two keys of the names (the loose keys of a near spelling, the
transliteration keys of `names.translit_close`, a generic first word left out or not); the places one of whose keys
reaches that ratio with one of the name's (`rapidfuzz.process.extract`, in C) are therefore a superset of the answer,
and only they are tested as before. The answers are the same; the part-of-a-name match (quality 0.65) and the
English-qualified match are not covered, and their questions keep the full test.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from rapidfuzz import fuzz, process

from warlog.gazetteer.names import NEAR_SPELLING_RATIO, TRANSLIT_GENERIC, TRANSLIT_RATIO, name_key, translit_key

KEY_RATIO = min(NEAR_SPELLING_RATIO, TRANSLIT_RATIO)


@lru_cache(maxsize=200_000)
def spelling_keys(name: str) -> tuple[str, ...]:
    """The keys the near-spelling tests compare by ratio: the loose key (`name_key`), the transliteration key and,
    when it starts with a generic word ("Tall", "Khirbet"), the transliteration key without it."""
    keys = {" ".join(name_key(name).split())}
    words = translit_key(name).split()
    if words:
        keys.add(" ".join(words))
        if len(words) > 1 and words[0] in TRANSLIT_GENERIC:
            keys.add(" ".join(words[1:]))
    return tuple(sorted(k for k in keys if k))


@dataclass(frozen=True)
class SpellingPool:
    """The keys of the held names of one country's places that share one onset, each with its place."""

    keys: list[str]
    owners: list[Any]

    @classmethod
    def of(cls, places: Iterable[Any]) -> SpellingPool:
        keys: list[str] = []
        owners: list[Any] = []
        seen: set[int] = set()
        for e in places:
            if e.pk in seen:
                continue
            seen.add(e.pk)
            for n in e.names:
                for k in spelling_keys(n):
                    keys.append(k)
                    owners.append(e)
        return cls(keys, owners)


def spelling_candidates(name: str, pools: Iterable[SpellingPool]) -> dict[int, Any]:
    """The places (by pk) one of whose keys is at ``KEY_RATIO`` or more from one of the name's: every place whose
    held name can be a near spelling or a transliteration of the name is among them."""
    out: dict[int, Any] = {}
    queries = spelling_keys(name)
    for pool in pools:
        for q in queries:
            for _, _, i in process.extract(q, pool.keys, scorer=fuzz.ratio, score_cutoff=KEY_RATIO, limit=None):
                e = pool.owners[i]
                out[e.pk] = e
    return out
