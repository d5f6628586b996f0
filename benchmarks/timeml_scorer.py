"""TempEval-3 Task A scoring for time expressions (UzZaman et al. 2013), on character spans.

Extraction: strict = identical span, relaxed = overlapping span; precision counts system timexes
that match some gold one, recall gold timexes that match some system one. Attributes (type, value)
are compared on relaxed matches (each gold aligned one-to-one with the system timex it overlaps
most): accuracy = correct / aligned pairs; attribute P = correct / system, R = correct / gold, F1.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Protocol


class Span(Protocol):
    start: int
    end: int
    type: str
    value: str


@dataclass
class Counts:
    system: int = 0
    gold: int = 0
    strict_sys: int = 0
    strict_gold: int = 0
    relaxed_sys: int = 0
    relaxed_gold: int = 0
    pairs: int = 0
    type_ok: int = 0
    value_ok: int = 0
    errors: list[tuple[str, str, str, str]] = field(default_factory=list)   # (doc, text, gold, system)

    def add(self, other: Counts) -> None:
        for name in ("system", "gold", "strict_sys", "strict_gold", "relaxed_sys", "relaxed_gold", "pairs",
                     "type_ok", "value_ok"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.errors += other.errors


def _overlap(a: Span, b: Span) -> int:
    return max(0, min(a.end, b.end) - max(a.start, b.start))


def score_document(doc_id: str, text: str, gold: Iterable[Span], system: Iterable[Span]) -> Counts:
    gold, system = list(gold), list(system)
    c = Counts(system=len(system), gold=len(gold))
    c.strict_sys = sum(any((s.start, s.end) == (g.start, g.end) for g in gold) for s in system)
    c.strict_gold = sum(any((s.start, s.end) == (g.start, g.end) for s in system) for g in gold)
    c.relaxed_sys = sum(any(_overlap(s, g) for g in gold) for s in system)
    c.relaxed_gold = sum(any(_overlap(s, g) for s in system) for g in gold)
    used: set[int] = set()
    for g in gold:
        best = max((i for i, s in enumerate(system) if i not in used and _overlap(s, g)),
                   key=lambda i: _overlap(system[i], g), default=None)
        if best is None:
            c.errors.append((doc_id, text[g.start:g.end], f"{g.type} {g.value}", "MISSED"))
            continue
        used.add(best)
        s = system[best]
        c.pairs += 1
        c.type_ok += s.type == g.type
        c.value_ok += s.value == g.value
        if s.value != g.value or s.type != g.type:
            c.errors.append((doc_id, text[g.start:g.end], f"{g.type} {g.value}",
                             f"{s.type} {s.value} [{text[s.start:s.end]}]"))
    for i, s in enumerate(system):
        if not any(_overlap(s, g) for g in gold):
            c.errors.append((doc_id, text[s.start:s.end], "SPURIOUS", f"{s.type} {s.value}"))
    return c


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def summary(c: Counts) -> dict[str, float]:
    def pr(sys_hits: int, gold_hits: int) -> tuple[float, float, float]:
        p = sys_hits / c.system if c.system else 0.0
        r = gold_hits / c.gold if c.gold else 0.0
        return p, r, _f1(p, r)

    sp, sr, sf = pr(c.strict_sys, c.strict_gold)
    rp, rr, rf = pr(c.relaxed_sys, c.relaxed_gold)
    vp, vr, vf = pr(c.value_ok, c.value_ok)
    tp, tr, tf = pr(c.type_ok, c.type_ok)
    return {"strict_P": sp, "strict_R": sr, "strict_F1": sf, "relaxed_P": rp, "relaxed_R": rr, "relaxed_F1": rf,
            "type_acc": c.type_ok / c.pairs if c.pairs else 0.0, "type_F1": tf,
            "value_acc": c.value_ok / c.pairs if c.pairs else 0.0, "value_P": vp, "value_R": vr, "value_F1": vf,
            "system": c.system, "gold": c.gold}
