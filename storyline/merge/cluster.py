"""Cross-document clustering of event mentions: blocking, pair scores, average-link merging.

Blocking keeps the work near-linear: only records that share a block key are scored, and inside a
block larger than `max_block` each record meets only its `window` nearest neighbours in date
order (a sorted-neighbourhood scheme). Clusters then grow by average linkage: scored pairs propose
merges, and a merge happens only when the average over all cross pairs (scoring those blocking
skipped) reaches the threshold, so one chance similarity cannot chain two events together.
"""

from __future__ import annotations

import heapq
from collections import defaultdict
from collections.abc import Callable, Iterable

from storyline.merge.score import MentionRecord, Weights, pair_score, stem
from storyline.timeline.dates import compatible, sort_key


def _participant_key(key: str) -> str:
    """Entity ids as they are; unresolved names by their last word ("supreme court" and "russian
    supreme court" meet), which the pair score then compares properly."""
    return key.rsplit(" ", 1)[-1] if key.startswith("name:") else key


def default_blocks(r: MentionRecord) -> list[str]:
    """Typed events meet others of their type and modality class that share a participant or an
    entity of the sentence, a word stem or the document; state changes also the month. Untyped ones
    block by the stem of their word."""
    if r.type == "OTHER":
        return [f"{r.group}|w:{stem(r.lemma)}"]
    prefix = f"{r.group}|{r.type}|{r.modality_class}"
    keys = [f"{prefix}|w:{stem(r.lemma)}", f"{prefix}|d:{r.doc}"]
    keys += sorted({f"{prefix}|p:{_participant_key(p)}" for p in r.participants | r.nearby})
    if r.once and r.date is not None:   # a state change is identified by its date (to the month)
        keys.append(f"{prefix}|t:{r.date.value[:7]}")
    return keys


def candidate_pairs(records: list[MentionRecord], blocks: Callable[[MentionRecord], Iterable[str]],
                    max_block: int = 100, window: int = 20) -> set[tuple[int, int]]:
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
            max_block: int = 100, window: int = 20, exact_limit: int = 2500) -> list[int]:
    """A cluster label per record (labels are record indexes of a cluster's first member).

    Candidate merges come from the scored pairs; before two clusters merge, their average over
    all cross pairs is checked, scoring the pairs blocking skipped (up to `exact_limit` pairs)."""
    w = weights or Weights()
    n = len(records)
    if n == 0:
        return []
    scores: dict[tuple[int, int], float] = {}
    links: dict[int, dict[int, list[float]]] = defaultdict(dict)   # cluster -> neighbour -> [sum, count]
    heap: list[tuple[float, int, int]] = []
    for i, j in candidate_pairs(records, blocks, max_block, window):
        s = pair_score(records[i], records[j], w)
        scores[(i, j)] = s if s is not None else 0.0
        if s is None:
            continue
        links[i][j] = [s, 1]
        links[j][i] = links[i][j]
        if s >= w.threshold:
            heapq.heappush(heap, (-s, i, j))
    parent = list(range(n))
    alive = [True] * n
    members: dict[int, list[int]] = {i: [i] for i in range(n)}

    def exact_average(xs: list[int], ys: list[int]) -> float | None:
        if len(xs) * len(ys) > exact_limit:
            return None
        total = 0.0
        for x in xs:
            for y in ys:
                key = (x, y) if x < y else (y, x)
                if key not in scores:
                    s = pair_score(records[key[0]], records[key[1]], w)
                    scores[key] = s if s is not None else 0.0
                total += scores[key]
        return total / (len(xs) * len(ys))

    while heap:
        neg, a, b = heapq.heappop(heap)
        if not (alive[a] and alive[b]) or b not in links[a]:
            continue
        total, count = links[a][b]
        known = total / count
        if abs(known + neg) > 1e-9:      # stale entry: the clusters changed since it was pushed
            if known >= w.threshold:
                heapq.heappush(heap, (-known, a, b))
            continue
        full = exact_average(members[a], members[b])
        if (full if full is not None else known) < w.threshold:
            continue
        if not _compatible_clusters(records, members[a], members[b]):
            continue
        alive[b] = False                  # merge b into a
        for m in members[b]:
            parent[m] = a
        members[a] += members.pop(b)
        for c, (s_sum, s_count) in links.pop(b).items():
            links[c].pop(b, None)
            if c == a:
                continue
            merged = links[a].get(c, [0.0, 0])
            link = [merged[0] + s_sum, merged[1] + s_count]
            links[a][c] = link
            links[c][a] = link
        links[a].pop(b, None)
        for c, (s_sum, s_count) in links[a].items():
            if s_sum / s_count >= w.threshold:
                heapq.heappush(heap, (-s_sum / s_count, min(a, c), max(a, c)))
    return [_root(parent, i) for i in range(n)]


def _root(parent: list[int], i: int) -> int:
    while parent[i] != i:
        parent[i] = parent[parent[i]]
        i = parent[i]
    return i


def _compatible_clusters(records: list[MentionRecord], xs: list[int], ys: list[int]) -> bool:
    """Every date and modality class of the two clusters must fit together, so a plan and its
    denial, or two dates a month apart, stay apart even through a third, vaguer mention."""
    classes = {records[i].modality_class for i in xs} | {records[i].modality_class for i in ys}
    if len(classes) > 1:
        return False
    dated_x = [records[i].date for i in xs if records[i].date is not None]
    dated_y = [records[i].date for i in ys if records[i].date is not None]
    if len(dated_x) * len(dated_y) > 400:
        dated_x, dated_y = dated_x[:20], dated_y[:20]
    return all(compatible(p, q) for p in dated_x for q in dated_y)
