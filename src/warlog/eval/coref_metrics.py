"""Coreference scores (MUC, B-cubed, CEAF-e, CoNLL F1) over clusterings given as mention -> cluster label maps.

Standard definitions (Vilain et al. 1995; Bagga & Baldwin 1998; Luo 2005; Pradhan et al. 2014): the key and the
response cover the same mentions here (gold mentions); a mention missing from the response counts as a singleton.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Mapping

import numpy as np
from scipy.optimize import linear_sum_assignment

Clusters = list[set[Hashable]]


def clusters_of(labels: Mapping[Hashable, Hashable]) -> Clusters:
    """Group mentions by label: {m1: "a", m2: "a", m3: "b"} -> [{m1, m2}, {m3}]."""
    groups: dict[Hashable, set[Hashable]] = defaultdict(set)
    for mention, label in labels.items():
        groups[label].add(mention)
    return list(groups.values())


def _prf(num_r: float, den_r: float, num_p: float, den_p: float) -> tuple[float, float, float]:
    """Recall, precision and F1 from numerators and denominators (0 when a denominator is 0)."""
    r = num_r / den_r if den_r else 0.0
    p = num_p / den_p if den_p else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return r, p, f


def _muc_side(key: Clusters, response: Clusters) -> tuple[float, float]:
    """MUC numerator and denominator of key against response: sum |K| - partitions(K), sum |K| - 1."""
    where = {m: i for i, c in enumerate(response) for m in c}
    num = den = 0
    for k in key:
        parts = {where.get(m, ("single", m)) for m in k}
        num += len(k) - len(parts)
        den += len(k) - 1
    return num, den


def muc(key: Clusters, response: Clusters) -> tuple[float, float, float]:
    """MUC link-based (recall, precision, F1)."""
    nr, dr = _muc_side(key, response)
    np_, dp = _muc_side(response, key)
    return _prf(nr, dr, np_, dp)


def _b3_side(key: Clusters, response: Clusters) -> tuple[float, float]:
    """Sum over key mentions of |K ∩ R| / |K|, and the number of key mentions."""
    where = {m: c for c in response for m in c}
    num = 0.0
    n = 0
    for k in key:
        for m in k:
            r = where.get(m, {m})
            num += len(k & r) / len(k)
            n += 1
    return num, n


def b_cubed(key: Clusters, response: Clusters) -> tuple[float, float, float]:
    """B-cubed mention-based (recall, precision, F1)."""
    nr, dr = _b3_side(key, response)
    np_, dp = _b3_side(response, key)
    return _prf(nr, dr, np_, dp)


def ceaf_e(key: Clusters, response: Clusters) -> tuple[float, float, float]:
    """Entity-based CEAF with phi4 = 2|K ∩ R| / (|K| + |R|) and the optimal one-to-one alignment."""
    if not key or not response:
        return 0.0, 0.0, 0.0
    index = {m: j for j, r in enumerate(response) for m in r}
    sim = np.zeros((len(key), len(response)))
    for i, k in enumerate(key):
        for m in k:
            j = index.get(m)
            if j is not None:
                sim[i, j] += 1
    sizes_r = np.array([len(r) for r in response], dtype=float)
    for i, k in enumerate(key):
        sim[i] = 2 * sim[i] / (len(k) + sizes_r)
    rows, cols = linear_sum_assignment(-sim)
    total = float(sim[rows, cols].sum())
    return _prf(total, len(key), total, len(response))


def conll_scores(key: Clusters, response: Clusters) -> dict[str, float]:
    """MUC, B-cubed and CEAF-e recall/precision/F1 and their F1 mean (CoNLL F1), as a flat dict."""
    out: dict[str, float] = {}
    for name, fn in (("muc", muc), ("b3", b_cubed), ("ceafe", ceaf_e)):
        r, p, f = fn(key, response)
        out[f"{name}_r"], out[f"{name}_p"], out[f"{name}_f1"] = r, p, f
    out["conll_f1"] = (out["muc_f1"] + out["b3_f1"] + out["ceafe_f1"]) / 3
    return out
