"""The Spark engine (PySpark; `pip install 'storyline[spark]'`, Java 17+): the same results as the
local engine, with the per-document stage and the expensive corpus joins spread over a cluster.

What runs where:
- per document (workers): `finalize_document` + `analyse_batch` over the same 16-document chunks as
  the local engine, `mapPartitions` so the spaCy model loads once per Python worker (Spark reuses
  its workers between tasks). Input is handed over in slabs of `engine.slab_docs` documents and
  results come back slab by slab, so the driver never holds the corpus twice.
- near-duplicates (workers): shingles and MinHash per document, candidate pairs by a group-by on
  the LSH band keys (the same bands as datasketch's MinHashLSH in the local engine), exact Jaccard
  on each candidate pair by a join; the driver only links each copy to its first copy.
- story detection (workers): term counts per document, document frequencies by reduceByKey,
  vectors, candidate pairs by a group-by on the blocking keys (window per key as in the local
  engine), pair scores by a join. The driver runs the sequential, cheap assignment step.
- on the driver: reading inputs, `prepare_document`, outlet-repeated lines, and `analyse_corpus`
  (publication-date refinement, entity resolution, event merge, timeline, states, claims).

On a real cluster: `--master spark://host:7077` (or yarn, k8s://...). Every executor needs the
same Python with storyline and its model package installed (set PYSPARK_PYTHON / spark.pyspark.python
to it), or a packed environment shipped with `spark.archives` (see docs/engines.md).
"""

from __future__ import annotations

import hashlib
import os
import re
import sys
import tempfile
import zipfile
from array import array
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from functools import partial
from pathlib import Path
from typing import Any

from storyline.config import Config, StoriesConfig
from storyline.engines.common import CHUNK_DOCS, EngineUnavailable, analyse_chunk, chunked, ensure_warm
from storyline.models import Document, Failure, StoryCluster

_WORD = re.compile(r"\w")
_PACKAGE_ROOT = str(Path(__file__).resolve().parents[2])


def _zip_package() -> str:
    """storyline's own code and packaged data as a zip for SparkContext.addPyFile."""
    root = Path(_PACKAGE_ROOT)
    target = Path(tempfile.mkdtemp(prefix="storyline-spark-")) / "storyline.zip"
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zf:
        for path in sorted((root / "storyline").rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                zf.write(path, path.relative_to(root).as_posix())
    return str(target)


def _analyse_partition(rows: Iterable[tuple[int, list[Document]]], config: Config,
                       finalize: bool) -> Iterator[tuple[int, list[Document | Failure]]]:
    ensure_warm(config)
    for index, chunk in rows:
        yield index, analyse_chunk(chunk, config, finalize)


# ---- near-duplicates: MinHash LSH bands as a group-by, Jaccard inside each band bucket ----------

def _shingle_hash(shingle: str) -> int:
    # a stable 64-bit hash (Python's hash() is salted per process), so buckets carry ints, not text;
    # the Jaccard of hashed sets equals the local engine's unless two shingles collide (p ~ 1e-13)
    return int.from_bytes(hashlib.blake2b(shingle.encode("utf-8"), digest_size=8).digest(), "big")


BandRow = tuple[bytes, tuple[int, frozenset[int]]]   # (band key, (document, hashed shingles))


def _band_rows(row: tuple[int, str], num_perm: int, bands: int, rows: int) -> list[BandRow]:
    from datasketch import MinHash

    from storyline.clean.duplicates import shingles_of
    index, body = row
    shingles = shingles_of(body)
    if not shingles:
        return []
    mh = MinHash(num_perm=num_perm)
    mh.update_batch([s.encode("utf-8") for s in shingles])
    hashed = frozenset(map(_shingle_hash, shingles))
    return [(bytes([b]) + mh.hashvalues[b * rows:(b + 1) * rows].tobytes(), (index, hashed))
            for b in range(bands)]


def _bucket_links(bucket: tuple[bytes, Iterable[tuple[int, frozenset[int]]]],
                  threshold: float) -> Iterator[tuple[int, tuple[float, int]]]:
    """(later, (similarity, -earlier)) for every pair in one band bucket at or above the threshold."""
    members = sorted(dict(bucket[1]).items())
    for pos, (later, later_sh) in enumerate(members):
        for earlier, earlier_sh in members[:pos]:
            sim = len(later_sh & earlier_sh) / len(later_sh | earlier_sh)
            if sim >= threshold:
                yield later, (sim, -earlier)


# ---- story detection: counts, document frequencies, blocked pairs ------------------------------

def _counts_row(row: tuple[int, Document], name_weight: float) -> tuple[int, Any]:
    from storyline.stories.features import term_counts
    return row[0], term_counts(row[1], name_weight)


def _vector_row(row: tuple[int, Any], df: Any, n_docs: int,
                config: StoriesConfig) -> tuple[int, dict[str, float]]:
    from storyline.stories.features import vectorise
    return row[0], vectorise(row[1], df.value, n_docs, config)


def _key_rows(row: tuple[int, dict[str, float]], df: Any, originals: Any,
              count: int) -> list[tuple[str, int]]:
    from storyline.stories.features import blocking_keys
    index, vector = row
    if originals.value[index] is not None:  # a copy is placed with its original, never compared
        return []
    return [(key, index) for key in blocking_keys(vector, df.value, count)]


def _window_pairs(bucket: tuple[str, Iterable[int]], window: int) -> Iterator[tuple[int, int]]:
    """(later, earlier) for each article of one key and the `window` before it, as BlockIndex pairs them."""
    members = sorted(bucket[1])
    for pos, later in enumerate(members):
        for earlier in members[max(0, pos - window):pos]:
            yield later, earlier


def _sorted_array(items: Iterable[int]) -> array:
    return array("q", sorted(set(items)))


class SparkEngine:
    name = "spark"

    def __init__(self, config: Config) -> None:
        try:
            import pyspark  # noqa: F401
        except ImportError:
            raise EngineUnavailable("the Spark engine needs PySpark: "
                                    "pip install 'storyline[spark]'") from None
        self.settings = config.engine
        self._session: Any = None

    @property
    def context(self) -> Any:
        """The SparkContext, started on first use (JVM start-up takes seconds)."""
        if self._session is None:
            from pyspark.sql import SparkSession
            local = self.settings.master.startswith("local")
            if local:  # workers run this interpreter and import this copy of storyline
                os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
                paths = os.environ.get("PYTHONPATH", "").split(os.pathsep)
                paths = [p for p in paths if p and p != _PACKAGE_ROOT]
                os.environ["PYTHONPATH"] = os.pathsep.join([_PACKAGE_ROOT, *paths])
            builder = (SparkSession.builder.master(self.settings.master).appName("storyline")
                       .config("spark.ui.enabled", "false").config("spark.ui.showConsoleProgress", "false")
                       .config("spark.python.worker.reuse", "true"))
            for item in self.settings.spark_conf:
                key, sep, value = item.partition("=")
                if not sep:
                    raise ValueError(f"[engine] spark_conf: expected key=value, got {item!r}")
                builder = builder.config(key.strip(), value.strip())
            try:
                self._session = builder.getOrCreate()
            except Exception as exc:  # Java missing or the master unreachable
                raise EngineUnavailable(f"cannot start Spark at {self.settings.master}: {exc}") from exc
            self._session.sparkContext.setLogLevel("ERROR")
            if not local:  # ship this storyline's code; executors need its dependencies installed
                self._session.sparkContext.addPyFile(_zip_package())
        return self._session.sparkContext

    def _slices(self, items: int) -> int:
        """Partitions for the per-document stage: a few per core, so slow documents even out."""
        return max(1, min(items, self.context.defaultParallelism * 4))

    def _corpus_slices(self, items: int) -> int:
        """Partitions for the corpus joins: one per core, more only for big inputs (tasks cost ~0.1 s)."""
        return max(self.context.defaultParallelism, items // 20_000)

    def analyse(self, docs: Iterable[Document], config: Config, *,
                finalize: bool = False) -> Iterator[Document | Failure]:
        """Per-document stage in the workers; results in input order, one slab in flight ahead."""
        run = partial(_analyse_partition, config=config, finalize=finalize)

        def submit(chunks: list[list[Document]]) -> list[tuple[int, list[Document | Failure]]]:
            rdd = self.context.parallelize(list(enumerate(chunks)), self._slices(len(chunks)))
            return rdd.mapPartitions(run).collect()

        slab_chunks = max(1, self.settings.slab_docs // CHUNK_DOCS)
        with ThreadPoolExecutor(max_workers=1) as ahead:
            pending: Future | None = None
            for chunks in chunked(chunked(docs, CHUNK_DOCS), slab_chunks):
                job = ahead.submit(submit, chunks)
                if pending is not None:
                    yield from self._unpack(pending.result())
                pending = job
            if pending is not None:
                yield from self._unpack(pending.result())

    @staticmethod
    def _unpack(rows: list[tuple[int, list[Document | Failure]]]) -> Iterator[Document | Failure]:
        for _, items in sorted(rows, key=lambda r: r[0]):
            yield from items

    def mark_duplicates(self, docs: list[Document], threshold: float) -> int:
        """Same links as clean.duplicates.mark_duplicates; ties between equally similar earlier
        documents go to the earliest."""
        from datasketch import MinHashLSH

        from storyline.clean.duplicates import NUM_PERM, kept_body
        if not docs:
            return 0
        lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)  # only for its band layout (b, r)
        bodies = [kept_body(d) for d in docs]
        rows = self.context.parallelize(list(enumerate(bodies)), self._corpus_slices(len(docs)))
        best = dict(rows.flatMap(partial(_band_rows, num_perm=NUM_PERM, bands=lsh.b, rows=lsh.r))
                    .groupByKey().flatMap(partial(_bucket_links, threshold=threshold))
                    .reduceByKey(max).collect())   # later -> (similarity, -earlier)
        empty = {i for i, body in enumerate(bodies) if not _WORD.search(body)}  # no shingles: skipped
        by_id: dict[str, Document] = {}
        found = 0
        for index, doc in enumerate(docs):  # the driver links in input order, as the local engine does
            if index in empty:
                continue
            if index in best:
                sim, neg_earlier = best[index]
                original = docs[-neg_earlier]
                root = by_id.get(original.duplicate_of or "", original)
                doc.duplicate_of = root.id
                root.duplicates.append(doc.id)
                doc.extra["duplicate_similarity"] = round(sim, 3)
                found += 1
            by_id.setdefault(doc.id, doc)
        return found

    def detect_stories(self, docs: Sequence[Document], config: StoriesConfig) -> list[StoryCluster]:
        from storyline.stories.detect import assign_stories, original_indexes
        from storyline.stories.features import day_of
        if not docs:
            return []
        sc = self.context
        days = [day_of(d) for d in docs]
        originals = original_indexes(docs)
        light = [(i, Document(id=d.id, path=d.path, raw_text="", text=d.text, title=d.title))
                 for i, d in enumerate(docs)]
        counts = sc.parallelize(light, self._corpus_slices(len(light)))
        counts = counts.map(partial(_counts_row, name_weight=config.name_weight)).cache()
        vectors = None
        df = sc.broadcast(dict(counts.flatMap(lambda r: [(t, 1) for t in r[1]])
                               .reduceByKey(lambda a, b: a + b).collect()))
        originals_b = sc.broadcast(originals)
        try:
            vectors = counts.map(partial(_vector_row, df=df, n_docs=len(docs), config=config)).cache()
            keys = vectors.flatMap(partial(_key_rows, df=df, originals=originals_b, count=config.block_terms))
            near = dict(keys.groupByKey().flatMap(partial(_window_pairs, window=config.block_window))
                        .groupByKey().mapValues(_sorted_array).collect())
            vector_list = [v for _, v in sorted(vectors.collect(), key=lambda r: r[0])]
        finally:
            counts.unpersist()
            if vectors is not None:
                vectors.unpersist()
            df.unpersist()
            originals_b.unpersist()
        neighbours = (near.get(i, ()) for i in range(len(docs)))
        return assign_stories(docs, vector_list, days, originals, neighbours, config)

    def close(self) -> None:
        if self._session is not None:
            self._session.stop()
            self._session = None

    def __enter__(self) -> SparkEngine:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
