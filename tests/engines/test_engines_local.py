"""The embedded engine: streams the per-document stage in order, a broken document fails alone."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace
from pathlib import Path

import pytest

from storyline.clean import prepare_document
from storyline.config import Config
from storyline.engines import apply_build_options, open_engine, register_build_options
from storyline.engines.common import CHUNK_DOCS
from storyline.engines.local import SMALL_RUN_DOCS, LocalEngine
from storyline.models import Document, Failure, RawDocument
from tests.conftest import SHARED_DATA

CONFIG = Config.load()


def prepared(paths: list[Path]) -> list[Document]:
    return [prepare_document(RawDocument(path=p.name, text=p.read_text(encoding="utf-8"))) for p in paths]


def ecb_documents(count: int) -> list[Document]:
    path = SHARED_DATA / "ecbplus" / "ECB_Test_corpus.txt"
    if not path.exists():
        pytest.skip(f"ECB+ not found at {path}")
    sentences: dict[str, dict[int, list[str]]] = defaultdict(lambda: defaultdict(list))
    for line in path.read_text(encoding="utf-8").splitlines():
        cols = line.split("\t")
        if len(cols) >= 4:
            sentences[cols[0]][int(cols[1])].append(cols[3])
    return [prepare_document(RawDocument(path=name, text="\n".join(" ".join(t) for _, t in sorted(s.items()))))
            for name, s in sorted(sentences.items())[:count]]


def test_local_engine_streams_in_input_order_with_bounded_read_ahead():
    docs = ecb_documents(200)
    pulled = 0

    def feed():
        nonlocal pulled
        for doc in docs:
            pulled += 1
            yield doc

    config = CONFIG.with_section("ingest", workers=2)
    with open_engine(config) as engine:
        assert isinstance(engine, LocalEngine)
        engine.in_flight = 2
        results = engine.analyse(feed(), config, finalize=True)
        first = next(results)
        ahead = pulled  # documents read when the first result arrives: a few chunks, not the corpus
        rest = list(results)
    assert ahead <= SMALL_RUN_DOCS + 2 * CHUNK_DOCS < len(docs)
    out = [first, *rest]
    assert [d.path for d in out] == [d.path for d in docs]
    assert all(isinstance(d, Document) and d.text and d.sentences for d in out)
    assert sum(len(d.entity_mentions) for d in out) > len(out)  # the analysis really ran


def test_a_broken_document_fails_alone(seed_paths):
    docs = prepared(seed_paths[:2])
    docs.insert(1, Document(id="broken", path="broken.txt", raw_text="x", lines=None))  # type: ignore[arg-type]
    with open_engine(CONFIG.with_section("ingest", workers=1)) as engine:
        out = list(engine.analyse(docs, CONFIG, finalize=True))
    failures = [o for o in out if isinstance(o, Failure)]
    assert [f.path for f in failures] == ["broken.txt"] and "internal error" in failures[0].reason
    assert [d.path for d in out if isinstance(d, Document)] == [docs[0].path, docs[2].path]


def test_engine_flags_set_the_config():
    import argparse
    parser = argparse.ArgumentParser()
    register_build_options(parser)
    assert apply_build_options(CONFIG, parser.parse_args([])).engine == CONFIG.engine
    spark = apply_build_options(CONFIG, parser.parse_args(["--master", "spark://h:7077"])).engine
    assert (spark.name, spark.master) == ("spark", "spark://h:7077")
    assert apply_build_options(CONFIG, parser.parse_args(["--engine", "spark"])).engine.master == "local[2]"
    with pytest.raises(ValueError):
        apply_build_options(CONFIG, parser.parse_args(["--engine", "local", "--master", "local[2]"]))
    with pytest.raises(ValueError, match="unknown engine"):
        open_engine(replace(CONFIG, engine=replace(CONFIG.engine, name="dask")))
