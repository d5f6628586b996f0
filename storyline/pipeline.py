"""The pipeline: per-document stages (pure functions of one document) and corpus-level steps.

    read inputs -> prepare (repair, line rules, dateline, outlet)      per document
                -> duplicates, outlet-repeated lines                     corpus
                -> finalize (text, offsets, sentences)                   per document
                -> analyse (dates, time expressions, entities, events)  per document, parallel
                -> dates across documents, entity resolution, event merge, timeline   corpus
"""

from __future__ import annotations

import logging
import os
import traceback
from collections.abc import Callable, Iterable, Iterator
from multiprocessing import get_context

from storyline.clean import finalize_document, prepare_document
from storyline.clean.duplicates import mark_duplicates
from storyline.clean.repeated import remove_repeated_lines
from storyline.config import Config
from storyline.errors import E_EMPTY, E_INTERNAL
from storyline.ingest import read_inputs
from storyline.models import Document, Failure, RawDocument, Story

log = logging.getLogger("storyline")

Progress = Callable[[Iterable, str, int | None], Iterable]


def _no_progress(items: Iterable, desc: str, total: int | None = None) -> Iterable:
    return items


def _failure_from_exception(path: str, exc: BaseException) -> Failure:
    last = traceback.format_exception_only(type(exc), exc)[-1].strip()
    return Failure(path, f"[{E_INTERNAL}] internal error while processing: {last}")


def prepare_all(records: Iterator[RawDocument | Failure], story: Story) -> list[Document]:
    docs: list[Document] = []
    for record in records:
        if isinstance(record, Failure):
            story.failures.append(record)
            log.warning("%s: %s", record.path, record.reason)
            continue
        try:
            doc = prepare_document(record)
        except Exception as exc:  # one broken article must not stop the run
            story.failures.append(_failure_from_exception(record.path, exc))
            continue
        if not any(line.removed is None for line in doc.lines):
            story.failures.append(Failure(record.path, f"[{E_EMPTY}] no story text left after removing boilerplate"))
            continue
        docs.append(doc)
    return docs


# ---- per-document analysis, run in worker processes -------------------------------------------

_worker_config: Config | None = None


def _init_worker(config: Config) -> None:
    global _worker_config
    _worker_config = config
    from storyline.analyse import warm_up
    warm_up(config)


def _analyse_one(doc: Document) -> Document | Failure:
    from storyline.analyse import analyse_document
    assert _worker_config is not None
    try:
        return analyse_document(doc, _worker_config)
    except Exception as exc:
        return _failure_from_exception(doc.path, exc)


def analyse_all(docs: list[Document], config: Config, story: Story, progress: Progress) -> list[Document]:
    workers = config.ingest.workers or (os.cpu_count() or 1)
    results: Iterable[Document | Failure]
    if workers <= 1 or len(docs) < 40:  # process start-up costs more than it saves on small runs
        _init_worker(config)
        results = (_analyse_one(d) for d in docs)
        out = list(progress(results, "analysing", len(docs)))
    else:
        ctx = get_context("spawn")  # fork + spaCy threads is fragile; spawn loads models once per worker
        with ctx.Pool(workers, initializer=_init_worker, initargs=(config,)) as pool:
            out = list(progress(pool.imap(_analyse_one, docs, chunksize=8), "analysing", len(docs)))
    kept = []
    for item in out:
        if isinstance(item, Failure):
            story.failures.append(item)
        else:
            kept.append(item)
    return kept


def build(inputs: list[str], config: Config | None = None, *, progress: Progress | None = None) -> Story:
    """Run the whole pipeline over `inputs` (files, folders, globs, URLs, "-")."""
    config = config or Config.load()
    progress = progress or _no_progress
    story = Story()
    docs = prepare_all(iter(progress(read_inputs(inputs, config.ingest), "reading", None)), story)
    mark_duplicates(docs, config.clean.near_duplicate_threshold)
    remove_repeated_lines(docs, config.clean.repeat_min_docs, config.clean.repeat_max_words)
    docs = [finalize_document(d) for d in docs]
    docs = analyse_all(docs, config, story, progress)
    story.documents = docs
    from storyline.analyse import analyse_corpus
    analyse_corpus(story, config)
    return story
