"""Temporal awareness (UzZaman & Allen 2011; TempEval-3) of SemEval-2015 Task 4 timelines.

Each timeline becomes a TimeML-style graph (as the task paper describes):
  * mentions on one line, and events at one position, are SIMULTANEOUS;
  * each position's events are BEFORE those of the next position (positions >= 1; position 0
    holds events that are not ordered and gets no order relation);
  * an event with an anchor is IS_INCLUDED in a time node named by that anchor (XXXX parts cut:
    "2010-XX-XX" is the year 2010); a fully unknown anchor gives no time node.
Then, with G+ the temporal closure and G- the reduced graph (no relation implied by the others):
    precision = |Sys- ∩ Ref+| / |Sys-|,  recall = |Ref- ∩ Sys+| / |Ref-|
micro-averaged over all timelines (counts summed, then the ratios). The closure is computed on
interval end points (point algebra), so BEFORE/SIMULTANEOUS/INCLUDES chains compose exactly.
Hand-written: the task's scorer is a Java tool not on PyPI.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

Relation = tuple[str, str, str]          # (a, relation, b), canonical: a < b
_INVERSE = {"BEFORE": "AFTER", "AFTER": "BEFORE", "INCLUDES": "IS_INCLUDED", "IS_INCLUDED": "INCLUDES",
            "SIMULTANEOUS": "SIMULTANEOUS"}


def _canonical(a: str, rel: str, b: str) -> Relation:
    return (a, rel, b) if a <= b else (b, _INVERSE[rel], a)


def _anchor_node(anchor: str) -> str | None:
    parts = []
    for piece in anchor.split("-"):
        if not piece or "X" in piece.upper():
            break
        parts.append(piece)
    return "T:" + "-".join(parts) if parts else None


def timeline_graph(rows: list[tuple[int, str, list[str]]]) -> set[Relation]:
    """Relations of one timeline, already without the obviously redundant ones. An id listed on
    two lines (the gold files have a few) links them; a relation of an id to itself is dropped."""
    rels: set[Relation] = set()
    by_position: dict[int, list[str]] = defaultdict(list)
    for position, anchor, ids in rows:
        ids = sorted(set(ids))
        for x, y in zip(ids, ids[1:]):
            rels.add(_canonical(x, "SIMULTANEOUS", y))
        by_position[position].append(ids[0])
        node = _anchor_node(anchor)
        if node is not None:
            rels.add(_canonical(ids[0], "IS_INCLUDED", node))
    positions = sorted(p for p in by_position if p > 0)
    for p in positions:
        heads = sorted(by_position[p])
        for x, y in zip(heads, heads[1:]):
            rels.add(_canonical(x, "SIMULTANEOUS", y))
    for p, q in zip(positions, positions[1:]):
        rels.add(_canonical(min(by_position[p]), "BEFORE", min(by_position[q])))
    return {r for r in rels if r[0] != r[2]}


class _Points:
    """Closure over interval end points: X.s < X.e; relations become <, <= and = between points."""

    def __init__(self, rels: set[Relation]) -> None:
        self.nodes = sorted({r[0] for r in rels} | {r[2] for r in rels})
        self.edges: dict[tuple[str, str], list[tuple[tuple[str, str], bool]]] = defaultdict(list)
        for n in self.nodes:
            self._lt((n, "s"), (n, "e"))
        for a, rel, b in rels:
            self._add(a, rel, b)
        self.node_set = set(self.nodes)
        self.reach = {p: self._search(p) for n in self.nodes for p in ((n, "s"), (n, "e"))}

    def _le(self, p, q) -> None:
        self.edges[p].append((q, False))

    def _lt(self, p, q) -> None:
        self.edges[p].append((q, True))

    def _add(self, a: str, rel: str, b: str) -> None:
        if rel == "AFTER":
            a, b, rel = b, a, "BEFORE"
        if rel == "IS_INCLUDED":
            a, b, rel = b, a, "INCLUDES"
        if rel == "BEFORE":
            self._lt((a, "e"), (b, "s"))
        elif rel == "SIMULTANEOUS":
            for end in ("s", "e"):
                self._le((a, end), (b, end))
                self._le((b, end), (a, end))
        elif rel == "INCLUDES":
            self._le((a, "s"), (b, "s"))
            self._le((b, "e"), (a, "e"))

    def _search(self, start) -> dict:
        """Points reachable from `start`: True when some path is strict (<), else False (<=)."""
        best: dict = {}
        stack = [(start, False)]
        while stack:
            p, strict = stack.pop()
            for q, lt in self.edges.get(p, ()):
                s = strict or lt
                if q in best and (best[q] or not s):
                    continue
                best[q] = s
                stack.append((q, s))
        return best

    def lt(self, p, q) -> bool:
        return self.reach[p].get(q) is True

    def le(self, p, q) -> bool:
        return p == q or q in self.reach[p]

    def eq(self, p, q) -> bool:
        return self.le(p, q) and self.le(q, p)

    def relation(self, a: str, b: str) -> str | None:
        if self.lt((a, "e"), (b, "s")):
            return "BEFORE"
        if self.lt((b, "e"), (a, "s")):
            return "AFTER"
        if self.eq((a, "s"), (b, "s")) and self.eq((a, "e"), (b, "e")):
            return "SIMULTANEOUS"
        if self.le((a, "s"), (b, "s")) and self.le((b, "e"), (a, "e")):
            return "INCLUDES"
        if self.le((b, "s"), (a, "s")) and self.le((a, "e"), (b, "e")):
            return "IS_INCLUDED"
        return None


def closure(rels: set[Relation]) -> set[Relation]:
    pts = _Points(rels)
    out = set()
    for i, a in enumerate(pts.nodes):
        for b in pts.nodes[i + 1:]:
            rel = pts.relation(a, b)
            if rel is not None:
                out.add(_canonical(a, rel, b))
    return out


def reduce(rels: set[Relation]) -> set[Relation]:
    """Drop each relation the remaining ones imply, in a fixed order."""
    kept = set(rels)
    for r in sorted(rels):
        rest = kept - {r}
        pts = _Points(rest) if rest else None
        if pts is not None and r[0] in pts.node_set and r[2] in pts.node_set \
                and pts.relation(r[0], r[2]) == r[1]:
            kept = rest
    return kept


@dataclass(slots=True)
class Counts:
    sys_in_ref: int = 0
    sys_total: int = 0
    ref_in_sys: int = 0
    ref_total: int = 0

    @property
    def precision(self) -> float:
        return self.sys_in_ref / self.sys_total if self.sys_total else 0.0

    @property
    def recall(self) -> float:
        return self.ref_in_sys / self.ref_total if self.ref_total else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def score_timeline(gold_rows, system_rows, counts: Counts | None = None) -> Counts:
    counts = counts or Counts()
    ref = timeline_graph(gold_rows)
    sys_ = timeline_graph(system_rows)
    ref_minus, sys_minus = reduce(ref), reduce(sys_)
    ref_plus, sys_plus = closure(ref), closure(sys_)
    counts.sys_in_ref += len(sys_minus & ref_plus)
    counts.sys_total += len(sys_minus)
    counts.ref_in_sys += len(ref_minus & sys_plus)
    counts.ref_total += len(ref_minus)
    return counts
