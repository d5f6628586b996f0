"""Name judgements: "these names are the same" / "these are different", applied on every run.

A TOML file a user can edit, read together with the packaged default list
(storyline/data/aliases.toml: names no string metric can join). User judgements are applied before
the defaults, so a user's "different" overrides a default "same".

    [[same]]
    names = ["Taliban", "Islamic Emirate of Afghanistan"]
    note = "the movement and the state it runs"

    [[different]]
    names = ["Foreign Ministry of Russia", "Taliban Foreign Ministry"]

A "different" judgement also blocks a chain: no merge through third names may join them.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path


@dataclass(slots=True)
class Judgement:
    names: list[str]
    note: str = ""
    source: str = ""


@dataclass(slots=True)
class Judgements:
    same: list[Judgement] = field(default_factory=list)        # user's first, then the defaults
    different: list[Judgement] = field(default_factory=list)


def _parse(data: dict, source: str) -> Judgements:
    out = Judgements()
    for kind in ("same", "different"):
        for i, item in enumerate(data.get(kind, [])):
            names = item.get("names") if isinstance(item, dict) else None
            valid = isinstance(names, list) and all(isinstance(n, str) and n.strip() for n in names)
            if not valid or len(names) < 2:
                raise ValueError(f"{source}: [[{kind}]] entry {i + 1} needs names = [at least two names]")
            note = str(item.get("note", ""))
            getattr(out, kind).append(Judgement([n.strip() for n in names], note, source))
    return out


def load_judgements(path: str | None = None, *, defaults: bool = True) -> Judgements:
    """The user's judgement file (if any) followed by the packaged default alias list."""
    out = Judgements()
    if path:
        p = Path(path)
        try:
            data = tomllib.loads(p.read_text(encoding="utf-8"))
        except FileNotFoundError as exc:
            raise ValueError(f"judgements file not found: {path}") from exc
        except tomllib.TOMLDecodeError as exc:
            raise ValueError(f"{path}: not valid TOML: {exc}") from exc
        user = _parse(data, str(p))
        out.same += user.same
        out.different += user.different
    if defaults:
        text = resources.files("storyline.data").joinpath("aliases.toml").read_text(encoding="utf-8")
        packaged = _parse(tomllib.loads(text), "storyline/data/aliases.toml")
        out.same += packaged.same
        out.different += packaged.different
    return out


class ConstrainedUnion:
    """Union-find whose merges refuse to join items judged different, directly or through a chain."""

    def __init__(self, n: int) -> None:
        self.parent = list(range(n))
        self.size = [1] * n
        self.forbidden: dict[int, set[int]] = {}   # root -> items it may never join
        self.marked: dict[int, set[int]] = {}      # root -> its members that appear in some constraint

    def add(self) -> int:
        self.parent.append(len(self.parent))
        self.size.append(1)
        return len(self.parent) - 1

    def find(self, x: int) -> int:
        root = x
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[x] != root:
            self.parent[x], x = root, self.parent[x]
        return root

    def forbid(self, a: int, b: int) -> None:
        for x, y in ((a, b), (b, a)):
            r = self.find(x)
            self.forbidden.setdefault(r, set()).add(y)
            self.marked.setdefault(r, set()).add(x)

    def allowed(self, a: int, b: int) -> bool:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return True
        fa, fb = self.forbidden.get(ra), self.forbidden.get(rb)
        if fa and self.marked.get(rb) and fa & self.marked[rb]:
            return False
        return not (fb and self.marked.get(ra) and fb & self.marked[ra])

    def union(self, a: int, b: int) -> bool:
        """Merge the sets of a and b; False (and nothing done) when a judgement forbids it."""
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return True
        if not self.allowed(ra, rb):
            return False
        if self.size[ra] < self.size[rb]:
            ra, rb = rb, ra
        self.parent[rb] = ra
        self.size[ra] += self.size[rb]
        for table in (self.forbidden, self.marked):
            if rb in table:
                table.setdefault(ra, set()).update(table.pop(rb))
        return True
