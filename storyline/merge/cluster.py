"""Cross-document clustering of event mentions: blocking, pair scores, average-link merging.

Blocking keeps the work near-linear: only records that share a block key are scored, and inside a
block larger than `max_block` each record meets only its `window` nearest neighbours in date
order (a sorted-neighbourhood scheme). Clusters then grow by average linkage over the scored pairs
(an unscored pair counts as 0), so one chance similarity cannot chain two events together.
"""

from __future__ import annotations

import heapq
from collections import defaultdict
from collections.abc import Callable, Iterable

from storyline.merge.score import MentionRecord, Weights, pair_score, stem
from storyline.timeline.dates import sort_key


def default_blocks(r: MentionRecord) -> list[str]:
    """Typed events block by type and modality class; untyped ones by the stem of their word."""
    if r.type != "OTHER":
        return [f"{r.group}|{r.type}|{r.modality_class}"]
    return [f"{r.group}|w:{stem(r.lemma)}"]


def candidate_pairs(records: list[MentionRecord], blocks: Callable[[MentionRecord], Iterable[str]],
                    max_block: int = 400, window: int = 60) -> set[tuple[int, int]]:
    postings: dict[str, list[int]] = defaultdict(list)
    for i, r in enumerate(records):
        for key in blocks(r):
            postings[key].append(i)
    pairs: set[tuple[int, int]] = set()
    for members in postings.values():
        if len(members) <= max_block:
            for x in range(len(members)):
                for y in range(x + 1, len(members)):
                    pairs.add((members[x], members[y]))
            continue
        ordered = sorted(members, key=lambda i: (sort_key(records[i].date), records[i].doc))
        for x, i in enumerate(ordered):
            for j in ordered[x + 1: x + 1 + window]:
                pairs.add((min(i, j), max(i, j)))
    return pairs


def cluster(records: list[MentionRecord], weights: Weights | None = None, *,
            blocks: Callable[[MentionRecord], Iterable[str]] = default_blocks,
            max_block: int = 400, window: int = 60) -> list[int]:
    """A cluster label per record (labels are record indexes of a cluster's first member)."""
    w = weights or Weights()
    n = len(records)
    if n == 0:
        return []
    links: dict[int, dict[int, float]] = defaultdict(dict)   # cluster -> neighbour -> score sum
    heap: list[tuple[float, int, int]] = []
    for i, j in candidate_pairs(records, blocks, max_block, window):
        s = pair_score(records[i], records[j], w)
        if s is None:
            continue
        links[i][j] = s
        links[j][i] = s
        if s >= w.threshold:
            heapq.heappush(heap, (-s, i, j))
    # Pairs that can never be one event (None above) are remembered so clusters holding them
    # are not merged: a plan and its denial stay apart even through a third mention.
    size = [1] * n
    parent = list(range(n))
    alive = [True] * n
    members: dict[int, list[int]] = {i: [i] for i in range(n)}
    while heap:
        neg, a, b = heapq.heappop(heap)
        if not (alive[a] and alive[b]):
            continue
        current = links[a].get(b, 0.0) / (size[a] * size[b])
        if abs(current + neg) > 1e-9:      # stale entry: the clusters changed since it was pushed
            if current >= w.threshold:
                heapq.heappush(heap, (-current, a, b))
            continue
        if not _compatible_clusters(records, members[a], members[b]):
            continue
        # merge b into a
        alive[b] = False
        for m in members[b]:
            parent[m] = a
        members[a] += members.pop(b)
        size[a] += size[b]
        for c, s in links.pop(b).items():
            links[c].pop(b, None)
            if c == a:
                continue
            links[a][c] = links[a].get(c, 0.0) + s
            links[c][a] = links[a][c]
        links[a].pop(b, None)
        for c, s in links[a].items():
            avg = s / (size[a] * size[c])
            if avg >= w.threshold:
                heapq.heappush(heap, (-avg, min(a, c), max(a, c)))
    return [_root(parent, i) for i in range(n)]


def _root(parent: list[int], i: int) -> int:
    while parent[i] != i:
        parent[i] = parent[parent[i]]
        i = parent[i]
    return i


def _compatible_clusters(records: list[MentionRecord], xs: list[int], ys: list[int]) -> bool:
    """Every date and modality class of the two clusters must fit together."""
    from storyline.timeline.dates import compatible
    classes = {records[i].modality_class for i in xs} | {records[i].modality_class for i in ys}
    if len(classes) > 1:
        return False
    dated_x = [records[i].date for i in xs if records[i].date is not None]
    dated_y = [records[i].date for i in ys if records[i].date is not None]
    if len(dated_x) * len(dated_y) > 400:
        dated_x, dated_y = dated_x[:20], dated_y[:20]
    return all(compatible(p, q) for p in dated_x for q in dated_y)
