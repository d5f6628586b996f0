"""Online story clustering: blocking by shared strong terms, then centroid assignment in input order.

Two parts, so that a distributed engine can run the expensive one as a join:
- candidates (`BlockIndex`): an article looks only at the latest `block_window` articles that
  share one of its blocking keys. Work per article is bounded, so the whole is linear in corpus
  size; the Spark engine computes the same pairs with a group-by on the key.
- assignment (`StoryAssigner`): sequential and cheap. Each article looks at the stories of its
  blocked neighbours and joins the one whose centroid it is closest to (less with every half-life
  between its date and the story's dates), or opens a new story. Joining through neighbours lets an
  article join a story that started weeks earlier; comparing with the centroid stops the chaining
  of single-link clustering between two similar but different events.
"""

from __future__ import annotations

import math
from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass, field

from storyline.config import StoriesConfig
from storyline.stories.features import Vector, decay, dot, gap


class BlockIndex:
    """The latest `window` articles per blocking key."""

    def __init__(self, window: int) -> None:
        self.window = window
        self.postings: dict[str, deque[int]] = {}

    def add(self, index: int, keys: Iterable[str]) -> list[int]:
        """Earlier articles sharing a key with this one (sorted), then record this one."""
        found: set[int] = set()
        for key in keys:
            posting = self.postings.get(key)
            if posting is None:
                posting = self.postings[key] = deque(maxlen=self.window)
            found.update(posting)
            posting.append(index)
        return sorted(found)


@dataclass(slots=True)
class StoryState:
    members: list[int] = field(default_factory=list)
    centroid: dict[str, float] = field(default_factory=dict)   # sum of member vectors, strongest terms
    norm: float = 0.0
    first_day: int | None = None
    last_day: int | None = None


class StoryAssigner:
    """The sequential step. Feed articles in input order; `story_of[i]` is article i's story number."""

    def __init__(self, config: StoriesConfig) -> None:
        self.config = config
        self.stories: list[StoryState] = []
        self.story_of: list[int] = []

    def add(self, vector: Vector, day: int | None, neighbours: Iterable[int],
            duplicate_of: int | None = None) -> int:
        """Assign the next article. `neighbours`: earlier articles sharing a blocking key with it;
        `duplicate_of`: the article it is a copy of."""
        if duplicate_of is not None:  # a syndicated copy belongs where its original is, and adds nothing
            story = self.story_of[duplicate_of]
            self._extend_days(self.stories[story], day)
            self.stories[story].members.append(len(self.story_of))
            self.story_of.append(story)
            return story
        candidates = sorted({self.story_of[i] for i in neighbours})
        best, best_score = -1, self.config.join_threshold
        for number in candidates:
            state = self.stories[number]
            if state.norm == 0.0:
                continue
            closeness = dot(vector, state.centroid) / state.norm
            score = closeness * decay(gap(day, state.first_day, state.last_day), self.config)
            if score >= best_score:
                if score > best_score or best == -1:
                    best, best_score = number, score
        if best == -1:
            best = len(self.stories)
            self.stories.append(StoryState())
        self._join(self.stories[best], vector, day)
        self.story_of.append(best)
        return best

    def _extend_days(self, state: StoryState, day: int | None) -> None:
        if day is not None:
            state.first_day = day if state.first_day is None else min(state.first_day, day)
            state.last_day = day if state.last_day is None else max(state.last_day, day)

    def _join(self, state: StoryState, vector: Vector, day: int | None) -> None:
        state.members.append(len(self.story_of))
        self._extend_days(state, day)
        centroid = state.centroid
        for term, weight in vector.items():
            centroid[term] = centroid.get(term, 0.0) + weight
        if len(centroid) > self.config.centroid_terms:
            kept = sorted(centroid.items(), key=lambda kv: (-kv[1], kv[0]))[:self.config.centroid_terms]
            state.centroid = centroid = dict(kept)
        state.norm = math.sqrt(math.fsum(w * w for w in centroid.values()))
