"""The pipeline: per-document stages (pure functions of one document) and corpus-level steps.

    read inputs -> prepare (repair, line rules, dateline, outlet)      per document
                -> duplicates, outlet-repeated lines                     corpus
                -> finalize (text, offsets, sentences)                   per document
                -> analyse (dates, time expressions, entities, events)  per document, parallel
                -> dates across documents, entity resolution, event merge, timeline   corpus
"""

from __future__ import annotations

import logging
import copy
from collections.abc import Callable, Iterable, Iterator

from storyline.clean import finalize_document, prepare_document
from storyline.clean.repeated import remove_repeated_lines
from storyline.config import Config
from storyline.engines import Engine, open_engine
from storyline.analyse import analyse_corpus, failure_from_exception
from storyline.errors import E_EMPTY
from storyline.ingest import read_inputs
from storyline.models import Document, Failure, RawDocument, Story
from storyline.stories import split_story

log = logging.getLogger("storyline")

Progress = Callable[[Iterable, str, int | None], Iterable]


def _no_progress(items: Iterable, desc: str, total: int | None = None) -> Iterable:
    return items


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
            story.failures.append(failure_from_exception(record.path, exc))
            continue
        if not any(line.removed is None for line in doc.lines):
            story.failures.append(Failure(record.path, f"[{E_EMPTY}] no story text left after removing boilerplate"))
            continue
        docs.append(doc)
    return docs


# ---- per-document analysis, run in worker processes -------------------------------------------

_worker_config: Config | None = None
CHUNK = 16  # documents per task: big enough for spaCy batching, small enough for an even spread


def _init_worker(config: Config) -> None:
    global _worker_config
    _worker_config = config
    from storyline.analyse import warm_up
    warm_up(config)


def _analyse_chunk(docs: list[Document]) -> list[Document | Failure]:
    from storyline.analyse import analyse_batch
    assert _worker_config is not None
    return analyse_batch(docs, _worker_config)


def _chunks(docs: list[Document]) -> Iterator[list[Document]]:
    for i in range(0, len(docs), CHUNK):
        yield docs[i:i + CHUNK]


def analysed_documents(inputs: list[str], config: Config, story: Story, engine: Engine, *,
                       analyse: bool = True, progress: Progress | None = None) -> list[Document]:
    """The document stage of `build` on `engine`: read, clean, duplicates, per-document analysis.
    Failures go to story.failures; the documents come back in input order."""
    progress = progress or _no_progress
    docs = prepare_all(iter(progress(read_inputs(inputs, config.ingest), "reading", None)), story)
    engine.mark_duplicates(docs, config.clean.near_duplicate_threshold)
    remove_repeated_lines(docs, config.clean.repeat_min_docs, config.clean.repeat_max_words)
    if not analyse:
        return [finalize_document(d) for d in docs]
    kept = []
    for item in progress(engine.analyse(docs, config, finalize=True), "analysing", len(docs)):
        if isinstance(item, Failure):
            story.failures.append(item)
            log.warning("%s: %s", item.path, item.reason)
        else:
            kept.append(item)
    return kept


def build(inputs: list[str], config: Config | None = None, *, progress: Progress | None = None) -> Story:
    """Run the whole pipeline over `inputs` (files, folders, globs, URLs, "-").

    When the input holds several stories, `story.stories` lists them and `story.parts` holds one
    analysed Story per story; the top-level Story covers the whole input."""
    config = config or Config.load()
    story = Story()
    with open_engine(config) as engine:
        story.documents = analysed_documents(inputs, config, story, engine, progress=progress)
        story.stories = engine.detect_stories(story.documents, config.stories)
    analyse_corpus(story, config)
    if len(story.stories) > 1:
        for cluster, part in split_story(story, story.stories):
            part = copy.deepcopy(part)  # the corpus steps annotate documents; keep the whole-input ones intact
            analyse_corpus(part, config)
            story.parts[cluster.id] = part
    return story
