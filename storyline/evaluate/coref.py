"""Coreference scorers as defined by the reference CoNLL scorer (Pradhan et al. 2014, v8.01).

Clusters are given as iterables of sets of hashable mention ids. Key and response may hold
different mentions ("twinless" mentions): as in the reference scorer, a key mention the response
lacks counts as a response singleton for MUC, scores 0 in B3 recall, and a response mention the
key lacks scores 0 in B3 precision; CEAF-e uses the clusters as given with the optimal one-to-one
alignment (Hungarian algorithm, scipy). Every function returns (precision, recall, F1) in 0..1.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from itertools import combinations

import numpy as np
from scipy.optimize import linear_sum_assignment

Clusters = Iterable[Iterable[Hashable]]
Score = tuple[float, float, float]


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def _ratio(num: float, den: float) -> float:
    return num / den if den else 0.0


def _clean(clusters: Clusters) -> list[frozenset[Hashable]]:
    """Non-empty clusters as frozensets; a mention in two clusters is an input error."""
    out: list[frozenset[Hashable]] = []
    seen: set[Hashable] = set()
    for cluster in clusters:
        c = frozenset(cluster)
        if not c:
            continue
        if seen & c:
            raise ValueError(f"mention(s) in more than one cluster: {sorted(map(repr, seen & c))[:3]}")
        seen |= c
        out.append(c)
    return out


def _index(clusters: list[frozenset[Hashable]]) -> dict[Hashable, int]:
    return {m: i for i, c in enumerate(clusters) for m in c}


def _muc_recall(key: list[frozenset[Hashable]], response: list[frozenset[Hashable]]) -> tuple[int, int]:
    """Sum over key clusters of |K| - |partition of K by response| (missing mentions are singletons)."""
    where = _index(response)
    num = den = 0
    for k in key:
        parts = {where.get(m, ("singleton", m)) for m in k}
        num += len(k) - len(parts)
        den += len(k) - 1
    return num, den


def muc(key: Clusters, response: Clusters) -> Score:
    """MUC link-based score (Vilain et al. 1995)."""
    k, r = _clean(key), _clean(response)
    rn, rd = _muc_recall(k, r)
    pn, pd = _muc_recall(r, k)
    p, rec = _ratio(pn, pd), _ratio(rn, rd)
    return p, rec, _f1(p, rec)


def _b3_side(a: list[frozenset[Hashable]], b: list[frozenset[Hashable]]) -> tuple[float, int]:
    where = _index(b)
    total = 0.0
    for c in a:
        overlaps: dict[int, int] = {}
        for m in c:
            j = where.get(m)
            if j is not None:
                overlaps[j] = overlaps.get(j, 0) + 1
        total += sum(n * n for n in overlaps.values()) / len(c)
    return total, sum(len(c) for c in a)


def b_cubed(key: Clusters, response: Clusters) -> Score:
    """B-cubed mention-based score (Bagga & Baldwin 1998)."""
    k, r = _clean(key), _clean(response)
    rn, rd = _b3_side(k, r)
    pn, pd = _b3_side(r, k)
    p, rec = _ratio(pn, pd), _ratio(rn, rd)
    return p, rec, _f1(p, rec)


def ceaf_e(key: Clusters, response: Clusters) -> Score:
    """Entity-based CEAF (Luo 2005) with phi4 similarity 2|K∩R|/(|K|+|R|)."""
    k, r = _clean(key), _clean(response)
    if not k or not r:
        return 0.0, 0.0, 0.0
    where = _index(r)
    sim = np.zeros((len(k), len(r)))
    for i, c in enumerate(k):
        for m in c:
            j = where.get(m)
            if j is not None:
                sim[i, j] += 1
    sizes_k = np.array([len(c) for c in k], dtype=float)[:, None]
    sizes_r = np.array([len(c) for c in r], dtype=float)[None, :]
    sim = 2 * sim / (sizes_k + sizes_r)
    rows, cols = linear_sum_assignment(sim, maximize=True)
    best = float(sim[rows, cols].sum())
    p, rec = best / len(r), best / len(k)
    return p, rec, _f1(p, rec)


def conll_f1(key: Clusters, response: Clusters) -> float:
    """CoNLL-2012 score: the mean of the MUC, B3 and CEAF-e F1 values."""
    k, r = _clean(key), _clean(response)
    return (muc(k, r)[2] + b_cubed(k, r)[2] + ceaf_e(k, r)[2]) / 3


def _pairs(clusters: list[frozenset[Hashable]]) -> set[frozenset[Hashable]]:
    return {frozenset(p) for c in clusters for p in combinations(c, 2)}


def pairwise_f1(key: Clusters, response: Clusters) -> Score:
    """Precision/recall of coreferent mention pairs (quadratic in cluster size; for small sets)."""
    kp, rp = _pairs(_clean(key)), _pairs(_clean(response))
    both = len(kp & rp)
    p, rec = _ratio(both, len(rp)), _ratio(both, len(kp))
    return p, rec, _f1(p, rec)
