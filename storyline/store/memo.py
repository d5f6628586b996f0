"""The event merge's memo kept in the store: each clustered component of the pair graph, by the
fingerprint of everything its clustering read (storyline.merge.cluster), so the next add clusters
again only the components its articles changed. Only the last run's components are kept."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator, MutableMapping


class MergeMemo(MutableMapping[str, list[int]]):
    def __init__(self, conn: sqlite3.Connection) -> None:
        self._stored = {key: labels for key, labels in conn.execute("SELECT key, labels FROM merge_memo")}
        self._current: dict[str, list[int]] = {}
        self.reused = 0       # components found unchanged
        self.clustered = 0    # components clustered in this run

    def __getitem__(self, key: str) -> list[int]:
        if key in self._current:
            return self._current[key]
        labels = json.loads(self._stored[key])   # KeyError: not seen before
        self._current[key] = labels
        self.reused += 1
        return labels

    def __setitem__(self, key: str, labels: list[int]) -> None:
        self._current[key] = labels
        self.clustered += 1

    def __delitem__(self, key: str) -> None:
        del self._current[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._current)

    def __len__(self) -> int:
        return len(self._current)

    def save(self, conn: sqlite3.Connection) -> None:
        """Replace the stored memo with this run's components (inside the caller's transaction)."""
        conn.execute("DELETE FROM merge_memo")
        conn.executemany("INSERT INTO merge_memo(key, labels) VALUES (?, ?)",
                         [(key, json.dumps(labels, separators=(",", ":"))) for key, labels in self._current.items()])
