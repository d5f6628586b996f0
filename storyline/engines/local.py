"""The embedded engine: worker processes on this machine, no Spark needed (the default).

The per-document stage streams: documents are read from an iterator in chunks, at most a few
chunks per worker are in flight, and results come back in input order as they are ready, so memory
holds the in-flight chunks, not the corpus. Corpus steps run in this process.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from itertools import chain, islice
from multiprocessing import get_context
from multiprocessing.pool import Pool

from storyline.config import Config, StoriesConfig
from storyline.engines.common import CHUNK_DOCS, analyse_chunk, chunked, ensure_warm
from storyline.models import Document, Failure, StoryCluster

IN_FLIGHT_PER_WORKER = 4        # chunks queued per worker: keeps workers busy, bounds memory
SMALL_RUN_DOCS = 4 * CHUNK_DOCS  # below this, starting processes costs more than it saves

_worker_config: Config | None = None


def _init_worker(config: Config) -> None:
    global _worker_config
    _worker_config = config
    ensure_warm(config)


def _work(chunk: list[Document], finalize: bool) -> list[Document | Failure]:
    assert _worker_config is not None
    return analyse_chunk(chunk, _worker_config, finalize)


class LocalEngine:
    name = "local"

    def __init__(self, config: Config) -> None:
        self.workers = config.ingest.workers or (os.cpu_count() or 1)
        self.in_flight = self.workers * IN_FLIGHT_PER_WORKER  # chunks submitted and not yet returned
        self._pool: Pool | None = None
        self._pool_config: Config | None = None

    def analyse(self, docs: Iterable[Document], config: Config, *,
                finalize: bool = False) -> Iterator[Document | Failure]:
        """Per-document stage over `docs` (any iterable), yielding results in input order."""
        it = iter(docs)
        head = list(islice(it, SMALL_RUN_DOCS))
        if self.workers <= 1 or len(head) < SMALL_RUN_DOCS:
            ensure_warm(config)
            for chunk in chunked(chain(head, it), CHUNK_DOCS):
                yield from analyse_chunk(chunk, config, finalize)
            return
        pool = self._get_pool(config)
        pending: deque = deque()
        for chunk in chunked(chain(head, it), CHUNK_DOCS):
            pending.append(pool.apply_async(_work, (chunk, finalize)))
            if len(pending) >= self.in_flight:
                yield from pending.popleft().get()
        while pending:
            yield from pending.popleft().get()

    def mark_duplicates(self, docs: list[Document], threshold: float) -> int:
        from storyline.clean.duplicates import mark_duplicates
        return mark_duplicates(docs, threshold)

    def detect_stories(self, docs: Sequence[Document], config: StoriesConfig) -> list[StoryCluster]:
        from storyline.stories import detect_stories
        return detect_stories(docs, config)

    def _get_pool(self, config: Config) -> Pool:
        if self._pool is None or self._pool_config != config:
            self.close()
            ctx = get_context("spawn")  # fork + spaCy threads is fragile; spawn loads models once per worker
            self._pool = ctx.Pool(self.workers, initializer=_init_worker, initargs=(config,))
            self._pool_config = config
        return self._pool

    def close(self, *, abort: bool = False) -> None:
        if self._pool is not None:
            if abort:  # an error upstream: drop queued chunks rather than finish them
                self._pool.terminate()
            else:
                self._pool.close()
            self._pool.join()
            self._pool = None

    def __enter__(self) -> LocalEngine:
        return self

    def __exit__(self, exc_type: object, *exc: object) -> None:
        self.close(abort=exc_type is not None)
