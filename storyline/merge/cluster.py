"""Cross-document clustering of event mentions: blocking, pair scores, average-link merging.

Blocking keeps the work near-linear: only records that share a block key are scored, and inside a
block larger than `max_block` each record meets only its `window` nearest neighbours in date
order (a sorted-neighbourhood scheme). Clusters then grow by average linkage: scored pairs propose
merges, and a merge happens only when the average over all cross pairs (scoring those blocking
skipped) reaches the threshold, so one chance similarity cannot chain two events together.

The scored pairs split the records into connected components that never influence each other, so
each component is clustered on its own. That keeps a big corpus from building one giant heap, and
lets an incremental caller pass a `memo`: a component whose records (every field the scores read)
and pairs are unchanged takes its cached result, which is exactly what clustering it again gives.
"""

from __future__ import annotations

import hashlib
import heapq
from collections import defaultdict
from collections.abc import Callable, Iterable, MutableMapping

from storyline.merge.score import MentionRecord, Weights, pair_score
from storyline.models import DateValue
from storyline.timeline.dates import compatible, sort_key


def _participant_key(key: str) -> str:
    """Entity ids as they are; unresolved names by their last word ("supreme court" and "russian
    supreme court" meet), which the pair score then compares properly."""
    return key.rsplit(" ", 1)[-1] if key.startswith("name:") else key


COMPACT_MIN = 4096   # the heap of changed links is cleared of stale entries once it outgrows this


def default_blocks(r: MentionRecord) -> list[str]:
    """Typed events meet others of their type and modality class that share a participant or an
    entity of the sentence, a word stem or the document; state changes also the month. Untyped ones
    block by the stem of their word."""
    if r.type == "OTHER":
        return [f"{r.group}|w:{r.lemma_stem}"]
    prefix = f"{r.group}|{r.type}|{r.modality_class}"
    keys = [f"{prefix}|w:{r.lemma_stem}", f"{prefix}|d:{r.doc}"]
    keys += sorted({f"{prefix}|p:{_participant_key(p)}" for p in r.around})
    if r.once and r.date is not None:   # a state change is identified by its date (to the month)
        keys.append(f"{prefix}|t:{r.date.value[:7]}")
    return keys


def candidate_pairs(records: list[MentionRecord], blocks: Callable[[MentionRecord], Iterable[str]],
                    max_block: int = 21, window: int = 10) -> set[int]:
    """The pairs blocking lets meet, each (i, j) with i < j coded as i * len(records) + j: a set and a
    sort of ints cost a fraction of the same over tuples (sorting 3M tuples: 15 s; ints: 2 s)."""
    n = len(records)
    postings: dict[str, list[int]] = defaultdict(list)
    for i, r in enumerate(records):
        for key in blocks(r):
            postings[key].append(i)
    pairs: set[int] = set()
    for members in postings.values():
        if len(members) <= max_block:
            for x in range(len(members)):
                i = members[x] * n
                pairs.update(i + j for j in members[x + 1:])
            continue
        ordered = sorted(members, key=lambda i: (sort_key(records[i].date), records[i].doc))
        for x, i in enumerate(ordered):
            pairs.update(min(i, j) * n + max(i, j) for j in ordered[x + 1: x + 1 + window])
    return pairs


def _partition(n: int, pairs: Iterable[tuple[int, int]]) -> tuple[list[int], dict[int, list[int]], list[int]]:
    """Union-find over `pairs`: each record's root (its group's smallest index), each group's sorted
    members by root, and each record's position among its group's members."""
    parent = list(range(n))
    for i, j in pairs:
        ri, rj = _root(parent, i), _root(parent, j)
        if ri != rj:
            parent[max(ri, rj)] = min(ri, rj)
    roots = [_root(parent, i) for i in range(n)]
    members: dict[int, list[int]] = defaultdict(list)
    for i, root in enumerate(roots):
        members[root].append(i)
    local = [0] * n
    for group in members.values():
        for x, i in enumerate(group):
            local[i] = x
    return roots, members, local


def components(n: int, codes: Iterable[int]) -> list[tuple[list[int], list[tuple[int, int]]]]:
    """The connected components of the pair graph (pairs coded as by `candidate_pairs`) with two
    members or more, each as its sorted record indexes and its pairs renumbered into them (in
    (i, j) order, so ties break as in one run)."""
    pair_list = [divmod(code, n) for code in sorted(codes)]
    roots, members, local = _partition(n, pair_list)
    edges: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for i, j in pair_list:
        edges[roots[i]].append((local[i], local[j]))
    return [(group, edges[root]) for root, group in members.items() if len(group) > 1]


def fingerprint(records: list[MentionRecord], pairs: list[tuple[int, int]], weights: Weights,
                sample: int) -> str:
    """A hash of everything the clustering of one component reads (keys excepted)."""
    h = hashlib.sha1(repr((weights, sample, pairs)).encode())
    for r in records:
        h.update(repr((r.doc, r.group, r.type, r.lemma, r.date and (r.date.value, r.date.granularity),
                       r.modality, sorted(r.actors), sorted(r.targets), sorted(r.nearby), r.not_after,
                       r.not_before, r.once, sorted(r.context.items()), sorted(r.doc_context.items()),
                       r.sentence)).encode())
    return h.hexdigest()


def cluster(records: list[MentionRecord], weights: Weights | None = None, *,
            blocks: Callable[[MentionRecord], Iterable[str]] = default_blocks,
            max_block: int = 21, window: int = 10, sample: int = 10,
            memo: MutableMapping[str, list[int]] | None = None) -> list[int]:
    """A cluster label per record (labels are record indexes of a cluster's member).

    Candidate merges come from the scored pairs; before two clusters merge, their average over
    all cross pairs is checked, scoring the pairs blocking skipped (for large clusters, over
    `sample` members of each).
    With a `memo`, a component seen before is not clustered again (see the module note)."""
    w = weights or Weights()
    labels = list(range(len(records)))
    for group, pairs in components(len(records), candidate_pairs(records, blocks, max_block, window)):
        sub = [records[i] for i in group]
        key = fingerprint(sub, pairs, w, sample) if memo is not None else ""
        local = memo.get(key) if memo is not None else None
        if local is None:
            local = _cluster_component(sub, pairs, w, sample)
            if memo is not None:
                memo[key] = local
        for x, label in enumerate(local):
            labels[group[x]] = group[label]
    return labels


class _Clusters:
    """Average-link state of one component: members, links (score sum and count of the scored
    pairs between two clusters) and what the compatibility check needs of each cluster."""

    def __init__(self, records: list[MentionRecord]) -> None:
        n = len(records)
        self.members: list[list[int]] = [[i] for i in range(n)]
        self.links: list[dict[int, list[float]]] = [{} for _ in range(n)]
        self.dates: list[dict[tuple[str, str], DateValue]] = [
            {(r.date.value, r.date.granularity): r.date} if r.date is not None else {} for r in records]

    def compatible(self, a: int, b: int) -> bool:
        """Every date of the two clusters must fit together, so two dates a month apart stay apart
        even through a third, vaguer mention. (Modality classes never mix: unlike classes score None.)"""
        xs, ys = list(self.dates[a].values()), list(self.dates[b].values())
        if len(xs) * len(ys) > 400:
            xs, ys = xs[:20], ys[:20]
        return all(compatible(p, q) for p in xs for q in ys)

    def merge(self, a: int, b: int) -> tuple[int, list[int]]:
        """Merge the smaller cluster into the larger; the survivor and the neighbours whose link changed."""
        keep, gone = (a, b) if len(self.members[a]) >= len(self.members[b]) else (b, a)
        self.members[keep] += self.members[gone]
        self.members[gone] = []
        self.dates[keep].update(self.dates[gone])
        self.dates[gone] = {}
        changed = []
        for c, (s_sum, s_count) in self.links[gone].items():
            self.links[c].pop(gone, None)
            if c == keep:
                continue
            old = self.links[keep].get(c, [0.0, 0])
            link = [old[0] + s_sum, old[1] + s_count]
            self.links[keep][c] = link
            self.links[c][keep] = link
            changed.append(c)
        self.links[gone] = {}
        self.links[keep].pop(gone, None)
        return keep, changed

    def labels(self) -> list[int]:
        """Each record's cluster, named by the index of the cluster that holds it."""
        labels = [0] * len(self.members)
        for c, members in enumerate(self.members):
            for m in members:
                labels[m] = c
        return labels


def _cluster_component(records: list[MentionRecord], pairs: list[tuple[int, int]], w: Weights,
                       sample: int) -> list[int]:
    """Score the component's pairs, then cluster each group of records that pairs at or above the
    threshold connect. Exact: a merge needs a link whose average reaches the threshold, so some pair
    in it does, and the average check reads only members of the two clusters; so no merge crosses
    such groups, and links across them never change what happens inside one. It keeps the heap and
    score tables of one group small where a component of 100,000 mentions falls into thousands of
    events (time per pair grew with the component's size before)."""
    scored = [pair_score(records[i], records[j], w) for i, j in pairs]
    roots, groups, local = _partition(len(records), (p for p, s in zip(pairs, scored)
                                                     if s is not None and s >= w.threshold))
    inside: dict[int, list[tuple[int, int, float | None]]] = defaultdict(list)
    for (i, j), s in zip(pairs, scored):
        if roots[i] == roots[j]:
            inside[roots[i]].append((local[i], local[j], s))
    labels = list(range(len(records)))
    for root, members in groups.items():
        if root not in inside:
            continue
        for x, label in enumerate(_average_link([records[i] for i in members], inside[root], w, sample)):
            labels[members[x]] = members[label]
    return labels


def _average_link(records: list[MentionRecord], scored: list[tuple[int, int, float | None]], w: Weights,
                  sample: int) -> list[int]:
    n = len(records)
    scores: dict[int, float] = {}   # by i * n + j (i < j): an int key hashes faster and is smaller than a tuple
    state = _Clusters(records)
    ranked: list[tuple[float, int, int]] = []
    for i, j, s in scored:
        scores[i * n + j if i < j else j * n + i] = s if s is not None else 0.0
        if s is None:
            continue
        link = [s, 1]
        state.links[i][j] = link
        state.links[j][i] = link
        if s >= w.threshold:
            ranked.append((-s, i, j))
    # The scored pairs, sorted once, are read in order; only links that merges change go through a
    # heap. Together they yield exactly the order one heap of everything would, but most entries are
    # the initial pairs, and a sorted walk is far cheaper than a heap of millions (cache misses).
    ranked.sort()
    heap: list[tuple[float, int, int]] = []
    at, compact_at = 0, COMPACT_MIN

    def pending(neg: float, a: int, b: int) -> bool:
        link = state.links[a].get(b) if state.members[a] and state.members[b] else None
        return link is not None and abs(link[0] / link[1] + neg) <= 1e-9

    def average(xs: list[int], ys: list[int]) -> float:
        """The average score over all cross pairs; for two large clusters, over evenly spread
        members of each (at most `sample` a side), so one check costs a bounded number of scores."""
        xs, ys = _spread(xs, sample), _spread(ys, sample)
        total = 0.0
        for x in xs:
            for y in ys:
                lo, hi = (x, y) if x < y else (y, x)   # one order: the score's float sums are not symmetric
                key = lo * n + hi
                s = scores.get(key)
                if s is None:
                    s = pair_score(records[lo], records[hi], w)
                    s = scores[key] = s if s is not None else 0.0
                total += s
        return total / (len(xs) * len(ys))

    # Every change of a link pushes its new value, so an entry whose value no longer matches its
    # link is stale and dropped; a pair turned down is tried again only when its link changes.
    while at < len(ranked) or heap:
        if heap and (at == len(ranked) or heap[0] < ranked[at]):
            neg, a, b = heapq.heappop(heap)
        else:
            neg, a, b = ranked[at]
            at += 1
        if not pending(neg, a, b):   # one was merged away, or the link changed since
            continue
        if average(state.members[a], state.members[b]) < w.threshold or not state.compatible(a, b):
            continue
        keep, changed = state.merge(a, b)
        for c in changed:
            s_sum, s_count = state.links[keep][c]
            if s_sum / s_count >= w.threshold:
                heapq.heappush(heap, (-s_sum / s_count, min(keep, c), max(keep, c)))
        if len(heap) > compact_at:   # a cluster that keeps growing leaves many stale entries behind
            heap = [e for e in heap if pending(*e)]
            heapq.heapify(heap)
            compact_at = max(COMPACT_MIN, 2 * len(heap))
    return state.labels()


def _spread(xs: list[int], k: int) -> list[int]:
    if len(xs) <= k:
        return xs
    step = len(xs) / k
    return [xs[int(i * step)] for i in range(k)]


def _root(parent: list[int], i: int) -> int:
    while parent[i] != i:
        parent[i] = parent[parent[i]]
        i = parent[i]
    return i
