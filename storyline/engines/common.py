"""What every engine runs inside its workers: the same chunks, the same functions, so results are equal."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import islice
from typing import TypeVar

from storyline.config import Config
from storyline.models import Document, Failure

T = TypeVar("T")

# Documents per task, the same in every engine: spaCy batches inside a task, and equal chunks keep
# the engines' results equal even if a model's output were to depend on its batch.
CHUNK_DOCS = 16

_warm_config: Config | None = None


class EngineUnavailable(RuntimeError):
    """The chosen engine cannot run here (PySpark or Java missing, master unreachable)."""


def chunked(items: Iterable[T], size: int) -> Iterator[list[T]]:
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


def ensure_warm(config: Config) -> None:
    """Load the models once per worker process (Spark reuses its Python workers between tasks)."""
    global _warm_config
    if _warm_config != config:
        from storyline.analyse import warm_up
        warm_up(config)
        _warm_config = config


def analyse_chunk(docs: list[Document], config: Config, finalize: bool) -> list[Document | Failure]:
    """finalize_document (optional) then the batched per-document analysis; a broken document fails alone."""
    from storyline.analyse import analyse_batch, failure_from_exception
    from storyline.clean import finalize_document
    ready: list[Document] = []
    failed: list[Document | Failure] = []
    for doc in docs:
        try:
            ready.append(finalize_document(doc) if finalize else doc)
        except Exception as exc:  # noqa: BLE001 - reported as this input's failure
            failed.append(failure_from_exception(doc.path, exc))
    return failed + analyse_batch(ready, config)
