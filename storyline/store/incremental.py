"""Incremental builds: `add` runs the per-document stages only on what the new articles touch, then
re-runs the corpus-level steps over the cached per-document results.

Why the result equals a full rebuild of the same inputs in the same order:
- documents are kept in the order they were added, which is the order a rebuild reads them;
- prepare_document and analyse_document are pure functions of one document; the analysis is cached
  under a hash of the finalized document it was computed from (plus config and version), so it is
  reused exactly when a rebuild would compute it from the same input;
- the two corpus-level cleaning rules that run before analysis (near-duplicates, lines repeated in
  one outlet) are kept as SQL indexes; an add re-finalizes only the documents whose outcome under
  those rules changed (new documents, the first copy of a new duplicate, documents of the outlet
  that share a line which has just become that outlet's boilerplate);
- analyse_corpus then runs over every cached document exactly as pipeline.build runs it, except
  that the event merge takes each component of its pair graph whose inputs are unchanged from the
  store's memo instead of clustering it again (storyline.merge.cluster: the same result by construction).

Crash safety: stage 1 (prepare + index) and stage 3 (corpus steps + the served story) are single
transactions; stage 2 (analysis) commits in chunks into a content-addressed cache. A kill at any
point leaves the served story as it was, and running the same add again finishes the work.
"""

from __future__ import annotations

import dataclasses
import fcntl
import json
import os
import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from multiprocessing import get_context
from pathlib import Path

from datasketch import MinHash, MinHashLSH

import storyline
from storyline import pipeline
from storyline.clean import finalize_document
from storyline.clean.duplicates import NUM_PERM, kept_body, shingles_of  # the rule's own shingling
from storyline.clean.duplicates import mark_duplicates
from storyline.clean.repeated import remove_repeated_lines
from storyline.config import Config
from storyline.models import Document, Failure, RawDocument, Story
from storyline.render.story_json import story_json
from storyline.store.codec import content_hash, document_from_json, document_to_json, dumps
from storyline.store.db import get_meta, open_store, set_meta, transaction
from storyline.store.memo import MergeMemo
from storyline.store.views import write_story

REPEATED_RULE = "repeated-in-outlet"  # the reason storyline.clean.repeated gives
_COMMIT_EVERY = 256  # analyses per commit in stage 2 (or every few seconds)
_COMMIT_EVERY_S = 5.0


class StoreConfigError(ValueError):
    """The store was built with another configuration: its cached analyses would not match."""


@dataclass
class AddResult:
    added: int = 0  # new documents
    skipped: list[str] = field(default_factory=list)  # inputs whose text the store already holds
    analysed: int = 0  # documents the per-document stage ran on
    failures: list[Failure] = field(default_factory=list)  # failures of this add
    merge_reused: int = 0  # components of the event merge taken unchanged from the last add
    merge_clustered: int = 0  # components clustered again
    seconds: dict[str, float] = field(default_factory=dict)  # time per stage of this add
    story: Story | None = None


# ---- the functions pipeline.build could be split into -----------------------------------------


def prepare_records(
    records: Iterable[RawDocument | Failure], story: Story, progress: pipeline.Progress
) -> list[Document]:
    """Read + per-document cleaning (pipeline.prepare_all)."""
    return pipeline.prepare_all(iter(progress(records, "reading", None)), story)


def corpus_cleaning(docs: list[Document], config: Config) -> list[Document]:
    """The corpus-level cleaning between prepare and analyse, then finalize."""
    mark_duplicates(docs, config.clean.near_duplicate_threshold)
    remove_repeated_lines(docs, config.clean.repeat_min_docs, config.clean.repeat_max_words)
    return [finalize_document(d) for d in docs]


def iter_analysed(
    docs: list[Document], config: Config, progress: pipeline.Progress
) -> Iterator[Document | Failure]:
    """analyse_document over `docs`, in order, one result (or Failure) per document, as they finish.
    Same workers and chunks as pipeline.analyse_all, but streaming, so results can be saved as they come."""
    workers = config.ingest.workers or (os.cpu_count() or 1)
    ticks = iter(progress(range(len(docs)), "analysing", len(docs)))
    pool = None
    if workers <= 1 or len(docs) < 4 * pipeline.CHUNK:  # same cut-off as analyse_all
        pipeline._init_worker(config)
        chunks: Iterable[list[Document | Failure]] = map(pipeline._analyse_chunk, pipeline._chunks(docs))
    else:
        pool = get_context("spawn").Pool(workers, initializer=pipeline._init_worker, initargs=(config,))
        chunks = pool.imap(pipeline._analyse_chunk, pipeline._chunks(docs))
    try:
        for chunk in chunks:
            for item in chunk:
                next(ticks, None)
                yield item
    finally:
        if pool is not None:
            pool.terminate()
            pool.join()
    for _ in ticks:
        pass


def corpus_steps(story: Story, config: Config, memo: MergeMemo | None = None) -> Story:
    """The corpus-level analysis over analysed documents (storyline.analyse.analyse_corpus)."""
    from storyline.analyse import analyse_corpus

    analyse_corpus(story, config, memo=memo)
    return story


def build_records(
    records: Iterable[RawDocument | Failure],
    config: Config | None = None,
    *,
    progress: pipeline.Progress | None = None,
) -> Story:
    """pipeline.build from already-read records (what `build` does after read_inputs)."""
    config = config or Config.load()
    progress = progress or pipeline._no_progress
    story = Story()
    docs = corpus_cleaning(prepare_records(records, story, progress), config)
    kept = []
    for result in iter_analysed(docs, config, progress):
        (story.failures if isinstance(result, Failure) else kept).append(result)
    story.documents = kept
    return corpus_steps(story, config)


# ---- the store ------------------------------------------------------------------------------------


def config_fingerprint(config: Config) -> str:
    """What the cached results depend on: every setting but the worker count, and the version."""
    settings = dataclasses.asdict(config)
    settings.get("ingest", {}).pop("workers", None)
    return content_hash(dumps(settings), storyline.__version__)


def _store_config(conn: sqlite3.Connection, config: Config | None) -> Config:
    """The configuration the store was built with (its cached results depend on it)."""
    stored = get_meta(conn, "config")
    if stored is None:
        config = config or Config.load()
        with transaction(conn):
            set_meta(conn, "config", dumps(dataclasses.asdict(config)))
            set_meta(conn, "fingerprint", config_fingerprint(config))
            set_meta(conn, "created_with", storyline.__version__)
        return config
    try:
        stored_config = Config.from_dict(json.loads(stored))
    except ValueError as exc:
        raise StoreConfigError(f"this store's configuration no longer loads ({exc}); build a new store") from None
    if config_fingerprint(stored_config) != get_meta(conn, "fingerprint"):
        raise StoreConfigError(
            f"this store was built by storyline {get_meta(conn, 'created_with')}, not {storyline.__version__};"
            " its cached analyses do not apply: build a new store"
        )
    if config is not None and config_fingerprint(config) != config_fingerprint(stored_config):
        raise StoreConfigError("this store was built with another configuration; build a new store to change it")
    if config is not None:  # same settings; keep the caller's worker count
        return stored_config.with_section("ingest", workers=config.ingest.workers)
    return stored_config


@contextmanager
def _add_lock(db_path: Path) -> Iterator[None]:
    """One add at a time per store (readers are never blocked)."""
    with open(str(db_path) + ".lock", "w") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def add_inputs(
    store_path: str | Path,
    inputs: list[str],
    config: Config | None = None,
    *,
    progress: pipeline.Progress | None = None,
    path_map: Callable[[str], str] | None = None,
) -> AddResult:
    """`storyline add`: read `inputs` (files, folders, globs, URLs) into the store, creating it if needed.
    `path_map` rewrites the recorded path of each input (uploads kept in a temporary folder)."""
    from storyline.ingest import read_inputs

    store_path = Path(store_path)
    with _add_lock(store_path):
        conn = open_store(store_path)
        try:
            config = _store_config(conn, config)
            records = read_inputs(inputs, config.ingest) if inputs else iter(())
            if path_map is not None:
                records = (_renamed(r, path_map) for r in records)
            return _add(conn, records, config, progress or pipeline._no_progress, label=inputs)
        finally:
            conn.close()


def _renamed(record: RawDocument | Failure, path_map: Callable[[str], str]) -> RawDocument | Failure:
    record.path = path_map(record.path)
    return record


def add_records(
    store_path: str | Path,
    records: Iterable[RawDocument | Failure],
    config: Config | None = None,
    *,
    progress: pipeline.Progress | None = None,
) -> AddResult:
    """Add already-read records (the API's uploads, tests)."""
    store_path = Path(store_path)
    with _add_lock(store_path):
        conn = open_store(store_path)
        try:
            config = _store_config(conn, config)
            return _add(conn, records, config, progress or pipeline._no_progress, label=["<records>"])
        finally:
            conn.close()


def _add(
    conn: sqlite3.Connection,
    records: Iterable[RawDocument | Failure],
    config: Config,
    progress: pipeline.Progress,
    label: list[str],
) -> AddResult:
    result = AddResult()
    scratch = Story()
    clock = time.perf_counter()

    def lap(stage: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        result.seconds[stage] = result.seconds.get(stage, 0.0) + now - clock
        clock = now

    docs = prepare_records(records, scratch, progress)
    lap("read")
    _stage_index(conn, docs, scratch.failures, config, label, result)
    lap("index")
    _stage_analyse(conn, config, progress, result)
    lap("analyse")
    result.story = _stage_corpus(conn, config, result, lap)
    return result


# ---- stage 1: new documents and the cleaning rules' indexes (one transaction) ----------------


def _lsh(config: Config) -> MinHashLSH:
    return MinHashLSH(threshold=config.clean.near_duplicate_threshold, num_perm=NUM_PERM)


def _short_line_keys(doc: Document, config: Config) -> set[str]:
    return {
        ln.text.casefold()
        for ln in doc.lines
        if ln.removed is None and len(ln.text.split()) <= config.clean.repeat_max_words
    }


def _find_duplicate(
    conn: sqlite3.Connection, doc: Document, lsh: MinHashLSH, threshold: float, shingles: set[str]
) -> tuple[list[tuple[int, bytes]], str | None, float | None]:
    """The same decision as clean.duplicates.mark_duplicates, with the LSH buckets kept in SQL."""
    mh = MinHash(num_perm=NUM_PERM)
    mh.update_batch([s.encode("utf-8") for s in shingles])
    bands = [(i, bytes(lsh._H(mh.hashvalues[start:end]))) for i, (start, end) in enumerate(lsh.hashranges)]
    candidates: set[int] = set()
    for band, key in bands:
        candidates.update(
            r[0] for r in conn.execute("SELECT seq FROM dup_bands WHERE band = ? AND key = ?", (band, key))
        )
    best, best_sim = None, threshold
    for seq in sorted(candidates):
        row = conn.execute(
            "SELECT id, prepared, duplicate_of FROM documents WHERE seq = ?", (seq,)
        ).fetchone()
        other = shingles_of(kept_body(document_from_json(row["prepared"])))
        sim = len(shingles & other) / len(shingles | other)
        if sim > best_sim or (best is None and sim >= best_sim):  # ties: the earliest, as mark_duplicates
            best, best_sim = row, sim
    if best is None:
        return bands, None, None
    return bands, best["duplicate_of"] or best["id"], round(best_sim, 3)


def _stage_index(
    conn: sqlite3.Connection,
    docs: list[Document],
    failures: list[Failure],
    config: Config,
    label: list[str],
    result: AddResult,
) -> None:
    lsh = _lsh(config)
    threshold = config.clean.near_duplicate_threshold
    with transaction(conn):
        add_id = conn.execute(
            "INSERT INTO adds(started, inputs) VALUES (?, ?)",
            (time.strftime("%Y-%m-%dT%H:%M:%S"), dumps(label)),
        ).lastrowid
        for failure in failures:
            conn.execute(
                "INSERT INTO failures(add_id, path, reason) VALUES (?,?,?)",
                (add_id, failure.path, failure.reason),
            )
        result.failures.extend(failures)
        first_new = (conn.execute("SELECT MAX(seq) FROM documents").fetchone()[0] or 0) + 1
        seq = first_new
        touched: set[tuple[str, str]] = set()
        for doc in docs:
            if conn.execute("SELECT 1 FROM documents WHERE id = ?", (doc.id,)).fetchone():
                result.skipped.append(doc.path)
                continue
            shingles = shingles_of(kept_body(doc))
            bands, duplicate_of, similarity = (
                _find_duplicate(conn, doc, lsh, threshold, shingles) if shingles else ([], None, None)
            )
            conn.execute(
                "INSERT INTO documents(seq, id, add_id, path, source, prepared, duplicate_of, similarity)"
                " VALUES (?,?,?,?,?,?,?,?)",
                (seq, doc.id, add_id, doc.path, doc.source, document_to_json(doc), duplicate_of, similarity),
            )
            conn.executemany("INSERT INTO dup_bands VALUES (?,?,?)", [(b, k, seq) for b, k in bands])
            if duplicate_of:  # the first copy's `duplicates` list grows: it must be finalized again
                conn.execute("UPDATE documents SET input_hash = NULL WHERE id = ?", (duplicate_of,))
            if doc.source:
                keys = _short_line_keys(doc, config)
                conn.executemany(
                    "INSERT OR IGNORE INTO short_lines VALUES (?,?,?,?)",
                    [(doc.source, k, duplicate_of or doc.id, seq) for k in keys],
                )
                touched.update((doc.source, k) for k in keys)
            seq += 1
            result.added += 1
        _mark_new_boilerplate(conn, touched, first_new, config.clean.repeat_min_docs)


def _mark_new_boilerplate(
    conn: sqlite3.Connection, touched: set[tuple[str, str]], first_new: int, min_docs: int
) -> None:
    """Old documents holding a line that this add made an outlet's boilerplate must be finalized again."""
    for source, key in touched:
        before, after = conn.execute(
            "SELECT COUNT(DISTINCT CASE WHEN seq < ? THEN story END), COUNT(DISTINCT story)"
            " FROM short_lines WHERE source = ? AND key = ?",
            (first_new, source, key),
        ).fetchone()
        if before < min_docs <= after:
            conn.execute(
                "UPDATE documents SET input_hash = NULL WHERE seq IN"
                " (SELECT seq FROM short_lines WHERE source = ? AND key = ? AND seq < ?)",
                (source, key, first_new),
            )


# ---- stage 2: finalize and analyse what is stale (chunked commits into a content-addressed cache) --


def _finalized(conn: sqlite3.Connection, row: sqlite3.Row, config: Config) -> Document:
    """The document as a full rebuild would hand it to analyse_document."""
    doc = document_from_json(row["prepared"])
    if row["duplicate_of"]:
        doc.duplicate_of = row["duplicate_of"]
        doc.extra["duplicate_similarity"] = row["similarity"]
    doc.duplicates = [
        r[0] for r in conn.execute("SELECT id FROM documents WHERE duplicate_of = ? ORDER BY seq", (doc.id,))
    ]
    if doc.source:
        boilerplate = {
            r[0]
            for r in conn.execute(
                "SELECT key FROM short_lines WHERE source = ? AND key IN (SELECT key FROM short_lines WHERE seq = ?)"
                " GROUP BY key HAVING COUNT(DISTINCT story) >= ?",
                (doc.source, row["seq"], config.clean.repeat_min_docs),
            )
        }
        for line in doc.lines:
            if line.removed is None and line.text.casefold() in boilerplate:
                line.removed = REPEATED_RULE
    return finalize_document(doc)


def _stage_analyse(
    conn: sqlite3.Connection, config: Config, progress: pipeline.Progress, result: AddResult
) -> None:
    fingerprint = config_fingerprint(config)
    todo: list[tuple[Document, str]] = []
    rows = conn.execute(
        "SELECT seq, id, prepared, duplicate_of, similarity FROM documents"
        " WHERE input_hash IS NULL ORDER BY seq"
    ).fetchall()
    with transaction(conn):
        for row in rows:
            doc = _finalized(conn, row, config)
            digest = content_hash(fingerprint, document_to_json(doc))
            cached = conn.execute(
                "SELECT 1 FROM analyses WHERE doc_id = ? AND input_hash = ?", (doc.id, digest)
            ).fetchone()
            if cached:
                conn.execute("UPDATE documents SET input_hash = ? WHERE seq = ?", (digest, row["seq"]))
            else:
                todo.append((doc, digest))
    if not todo:
        return
    pending = 0
    last_commit = time.monotonic()
    conn.execute("BEGIN IMMEDIATE")
    try:
        for (doc, digest), out in zip(
            todo, iter_analysed([d for d, _ in todo], config, progress), strict=True
        ):
            failure = out.reason if isinstance(out, Failure) else None
            analysed = None if failure else document_to_json(out)
            conn.execute(
                "INSERT INTO analyses VALUES (?,?,?,?) ON CONFLICT(doc_id) DO UPDATE SET"
                " input_hash = excluded.input_hash, result = excluded.result, failure = excluded.failure",
                (doc.id, digest, analysed, failure),
            )
            conn.execute("UPDATE documents SET input_hash = ? WHERE id = ?", (digest, doc.id))
            result.analysed += 1
            pending += 1
            if pending >= _COMMIT_EVERY or time.monotonic() - last_commit > _COMMIT_EVERY_S:
                conn.execute("COMMIT")
                conn.execute("BEGIN IMMEDIATE")
                pending, last_commit = 0, time.monotonic()
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


# ---- stage 3: corpus-level steps and the served story (one transaction) ------------------------


def load_story(conn: sqlite3.Connection) -> Story:
    """The analysed documents (before corpus steps) and the failures, as pipeline.build holds them."""
    story = Story()
    story.failures = [
        Failure(r[0], r[1]) for r in conn.execute("SELECT path, reason FROM failures ORDER BY id")
    ]
    rows = conn.execute(
        "SELECT d.path, d.input_hash AS wanted, a.input_hash AS have, a.result, a.failure"
        " FROM documents d LEFT JOIN analyses a ON a.doc_id = d.id ORDER BY d.seq"
    )
    for row in rows:
        if row["wanted"] is None or row["wanted"] != row["have"]:
            raise RuntimeError("store has documents not analysed yet; run `storyline add` again to finish")
        if row["failure"] is not None:
            story.failures.append(Failure(row["path"], row["failure"]))
        else:
            story.documents.append(document_from_json(row["result"]))
    return story


def _stage_corpus(
    conn: sqlite3.Connection, config: Config, result: AddResult, lap: Callable[[str], None]
) -> Story:
    with transaction(conn):
        memo = MergeMemo(conn)
        story = load_story(conn)
        lap("load")
        corpus_steps(story, config, memo)
        lap("corpus")
        memo.save(conn)
        result.merge_reused, result.merge_clustered = memo.reused, memo.clustered
        write_story(conn, story_json(story))
        conn.execute("UPDATE documents SET state = 'active' WHERE state = 'pending'")
        conn.execute(
            "UPDATE adds SET finished = ? WHERE finished IS NULL", (time.strftime("%Y-%m-%dT%H:%M:%S"),)
        )
    lap("write")
    return story


def unfinished_adds(conn: sqlite3.Connection) -> int:
    return conn.execute("SELECT COUNT(*) FROM adds WHERE finished IS NULL").fetchone()[0]
