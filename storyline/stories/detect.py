"""Split a mixed collection of articles into stories: batch (`detect_stories`) and online (`StoryDetector`).

The batch form counts document frequencies over the whole collection first (one cheap pass), then
runs the same online assignment in input order. The online form counts them as articles arrive,
so a feed can be processed day by day, keeping the detector between runs (it pickles).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from datetime import date

from storyline.config import StoriesConfig
from storyline.models import Document, StoryCluster
from storyline.stories.cluster import BlockIndex, StoryAssigner
from storyline.stories.features import (_NAME_PREFIX, Vector, blocking_keys, day_of, dot, term_counts,
                                        vectorise)


def document_frequencies(counts: Iterable[Counter[str]]) -> tuple[dict[str, int], int]:
    df: Counter[str] = Counter()
    n = 0
    for c in counts:
        df.update(c.keys())
        n += 1
    return dict(df), n


def original_indexes(docs: Sequence[Document]) -> list[int | None]:
    """For each syndicated copy, the position of the first earlier document with its original's id."""
    first: dict[str, int] = {}
    out: list[int | None] = []
    for i, doc in enumerate(docs):
        out.append(first.get(doc.duplicate_of) if doc.duplicate_of else None)
        first.setdefault(doc.id, i)
    return out


def detect_stories(docs: Sequence[Document], config: StoriesConfig | None = None) -> list[StoryCluster]:
    """Stories of `docs` (analysed or only cleaned), in order of their first article."""
    config = config or StoriesConfig()
    counts = [term_counts(d, config.name_weight) for d in docs]
    df, n = document_frequencies(counts)
    vectors = [vectorise(c, df, n, config) for c in counts]
    days = [day_of(d) for d in docs]
    originals = original_indexes(docs)
    return assign_stories(docs, vectors, days, originals, blocked_neighbours(vectors, df, originals, config),
                          config)


def blocked_neighbours(vectors: Sequence[Vector], df: dict[str, int], originals: Sequence[int | None],
                       config: StoriesConfig) -> Iterator[list[int]]:
    """For each article in order: the earlier articles its blocking keys reach."""
    index = BlockIndex(config.block_window)
    for i, vector in enumerate(vectors):
        if originals[i] is not None:  # a copy is placed with its original, never compared
            yield []
        else:
            yield index.add(i, blocking_keys(vector, df, config.block_terms))


def assign_stories(docs: Sequence[Document], vectors: Sequence[Vector], days: Sequence[int | None],
                   originals: Sequence[int | None], neighbours: Iterable[Sequence[int]],
                   config: StoriesConfig) -> list[StoryCluster]:
    """The sequential step, shared by every engine: articles in input order, each with its neighbours."""
    assigner = StoryAssigner(config)
    for i, near in enumerate(neighbours):
        assigner.add(vectors[i], days[i], near, originals[i])
    return make_clusters(docs, assigner, central_articles(assigner, vectors))


def central_articles(assigner: StoryAssigner, vectors: Sequence[Vector]) -> list[int]:
    """Per story, the article closest to its final centroid (its headline names the story)."""
    return [max(state.members, key=lambda i: (dot(vectors[i], state.centroid), -i))
            for state in assigner.stories]


def make_clusters(docs: Sequence[Document], assigner: StoryAssigner, central: Sequence[int],
                  keywords: int = 8) -> list[StoryCluster]:
    out = []
    for state, centre in zip(assigner.stories, central):
        top = sorted(state.centroid.items(), key=lambda kv: (-kv[1], kv[0]))
        names = [t.removeprefix(_NAME_PREFIX) for t, _ in top if t.startswith(_NAME_PREFIX)]
        words = [t for t, _ in top if not t.startswith(_NAME_PREFIX)]
        picked: list[str] = []
        for term in names[:keywords // 2] + words:  # names first: they tell stories apart
            if term not in picked and not any(term in p.split() for p in picked):
                picked.append(term)
        out.append(StoryCluster(
            id=f"story-{docs[state.members[0]].id}", documents=[docs[i].id for i in state.members],
            title=docs[centre].title, keywords=picked[:keywords],
            first_published=date.fromordinal(state.first_day).isoformat() if state.first_day else None,
            last_published=date.fromordinal(state.last_day).isoformat() if state.last_day else None,
        ))
    return out


class StoryDetector:
    """Online detection for a feed: `add(doc)` returns the story id at once; state survives pickling.
    Memory per article: a small record (id, title, date); per story: its centroid."""

    def __init__(self, config: StoriesConfig | None = None) -> None:
        self.config = config or StoriesConfig()
        self.df: Counter[str] = Counter()
        self.index = BlockIndex(self.config.block_window)
        self.assigner = StoryAssigner(self.config)
        self.docs: list[Document] = []            # light copies: id, path, title, published
        self.central: list[tuple[float, int]] = []  # per story: (closeness on joining, article)
        self.first_of_id: dict[str, int] = {}

    def add(self, doc: Document) -> str:
        i = len(self.docs)
        counts = term_counts(doc, self.config.name_weight)
        self.df.update(counts.keys())
        vector = vectorise(counts, self.df, i + 1, self.config)
        original = self.first_of_id.get(doc.duplicate_of) if doc.duplicate_of else None
        neighbours = [] if original is not None else \
            self.index.add(i, blocking_keys(vector, self.df, self.config.block_terms, min_df=1))
        story = self.assigner.add(vector, day_of(doc), neighbours, original)
        state = self.assigner.stories[story]
        closeness = dot(vector, state.centroid) / state.norm if state.norm else 0.0
        if story == len(self.central):
            self.central.append((closeness, i))
        elif original is None and closeness > self.central[story][0]:
            self.central[story] = (closeness, i)
        self.docs.append(Document(id=doc.id, path=doc.path, raw_text="", title=doc.title,
                                  published=doc.published))
        self.first_of_id.setdefault(doc.id, i)
        return f"story-{self.docs[state.members[0]].id}"

    def clusters(self) -> list[StoryCluster]:
        return make_clusters(self.docs, self.assigner, [i for _, i in self.central])
