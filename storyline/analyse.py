"""The per-document analysis (dates, time expressions, entities, events) and the corpus-level steps
that follow it. Kept apart from pipeline.py so any engine (processes, Spark) calls the same functions.

Per document (pure, runs in workers):  publication date -> time expressions -> spaCy parse ->
    entity mentions -> event mentions.
Corpus level (driver): dates across documents -> entity resolution -> event merge -> timeline ->
    states -> claims -> statements.
"""

from __future__ import annotations

import logging
import time
import traceback
from collections.abc import MutableMapping

from storyline.config import Config
from storyline.errors import E_INTERNAL
from storyline.models import Document, Failure, Story

log = logging.getLogger("storyline")


def warm_up(config: Config) -> None:
    """Load models once per process."""
    from storyline.entities import load_nlp
    load_nlp(config.nlp.spacy_model)


def date_document(doc: Document, config: Config) -> None:
    from storyline.time import infer_published, relative_times, resolve_timexes
    from storyline.time.published import parse_date_string, undated_tags
    # one undated reading of the text serves the date inference and the relative expressions
    tagged = None if parse_date_string(doc.meta_published) else undated_tags(doc)
    doc.published = infer_published(doc, tagged=tagged)
    resolve_timexes(doc, prefer_past=config.time.prefer_past)
    if doc.published.method != "metadata":   # only such documents are dated from others
        doc.relative_times = relative_times(doc, tagged)


def analyse_parsed(doc: Document, sdoc, config: Config) -> Document:  # type: ignore[no-untyped-def]
    from storyline.entities import recognize
    from storyline.events import extract_events
    recognize(doc, sdoc)
    extract_events(doc, sdoc)
    return doc


def failure_from_exception(path: str, exc: BaseException) -> Failure:
    last = traceback.format_exception_only(type(exc), exc)[-1].strip()
    return Failure(path, f"[{E_INTERNAL}] internal error while processing: {last}")


def analyse_batch(docs: list[Document], config: Config) -> list[Document | Failure]:
    """Analyse several documents with one batched spaCy pass; one failing document fails alone."""
    from storyline.entities import load_nlp
    nlp = load_nlp(config.nlp.spacy_model)
    out: list[Document | Failure] = []
    dated: list[Document] = []
    for doc in docs:
        try:
            date_document(doc, config)
            dated.append(doc)
        except Exception as exc:  # noqa: BLE001 - reported as this input's failure
            out.append(failure_from_exception(doc.path, exc))
    for doc, sdoc in zip(dated, nlp.pipe((d.text for d in dated), batch_size=config.nlp.batch_size)):
        try:
            out.append(analyse_parsed(doc, sdoc, config))
        except Exception as exc:  # noqa: BLE001
            out.append(failure_from_exception(doc.path, exc))
    return out


def analyse_document(doc: Document, config: Config) -> Document:
    """Pure function of one document: fills published, timexes, entity and event mentions."""
    result = analyse_batch([doc], config)[0]
    if isinstance(result, Failure):
        raise RuntimeError(result.reason)
    return result


def analyse_corpus(story: Story, config: Config, *, memo: MutableMapping[str, list[int]] | None = None,
                   seconds: dict[str, float] | None = None) -> None:
    """Cross-document steps over the analysed documents. `memo` holds the event merge's clustered
    components from an earlier run (storyline.store keeps it), reused where nothing changed;
    `seconds`, when given, receives the time each step took (benchmarks read it)."""
    from storyline.entities import resolve
    from storyline.merge import merge_events
    from storyline.states import build_statements, check_claims, states_json, track_states
    from storyline.time import refine_published
    from storyline.timeline import build_timeline

    clock = [time.perf_counter()]

    def lap(step: str) -> None:
        now = time.perf_counter()
        if seconds is not None:
            seconds[step] = seconds.get(step, 0.0) + now - clock[0]
        clock[0] = now

    docs = story.documents
    before = {d.id: _date_key(d) for d in docs}
    refine_published(docs)
    lap("dates across documents")
    for doc in docs:  # a document whose date moved gets its relative expressions resolved again
        if _date_key(doc) != before[doc.id]:
            log.info("%s: publication date refined to %s", doc.path, doc.published.value if doc.published else None)
            redate_document(doc, config)
    lap("re-dating")
    story.entities = resolve(docs, judgements_path=config.entities.judgements)
    lap("entity resolution")
    story.events = merge_events(docs, story.entities, memo=memo)
    lap("event merge")
    story.timeline = build_timeline(story.events)
    story.states = states_json(track_states(story.events), story.entities)
    lap("timeline and states")
    story.claims = check_claims(story)
    story.statements = build_statements(story)
    lap("claims and statements")


def _date_key(doc: Document) -> tuple[str | None, ...]:
    p = doc.published
    return (p.value, p.earliest, p.latest) if p else (None, None, None)


def redate_document(doc: Document, config: Config) -> None:
    """Re-resolve time expressions and event dates after the document's own date changed: without
    a parse when the dated expressions sit where they did, else by extracting the events again."""
    from storyline.entities import load_nlp
    from storyline.events import extract_events, redate_events
    from storyline.time import resolve_timexes
    resolve_timexes(doc, prefer_past=config.time.prefer_past)
    if redate_events(doc):
        return
    mentions = doc.entity_mentions
    doc.event_mentions = []
    extract_events(doc, load_nlp(config.nlp.spacy_model)(doc.text))
    doc.entity_mentions = mentions
