"""The Spark engine in local[2] gives the same story as the embedded engine, byte for byte.

Few tests on purpose: one JVM for the module (its start takes seconds). Skipped, with the reason,
where PySpark or Java is missing.
"""

from __future__ import annotations

import json
import re
import shutil
from collections import defaultdict
from dataclasses import replace
from pathlib import Path

import pytest

from storyline.config import Config
from storyline.models import Document, RawDocument, Story
from tests.conftest import SHARED_DATA

pytest.importorskip("pyspark", reason="PySpark not installed (pip install 'storyline[spark]')")
pytestmark = pytest.mark.skipif(shutil.which("java") is None, reason="Java not found: the Spark engine needs Java 17+")

CONFIG = Config.load().with_section("ingest", workers=2)


def run(records: list[RawDocument], engine, config: Config) -> str:  # type: ignore[no-untyped-def]
    """The pipeline's steps, with every engine-backed step on `engine`; story.json text plus the stories."""
    from storyline.analyse import analyse_corpus
    from storyline.clean.repeated import remove_repeated_lines
    from storyline.pipeline import prepare_all
    from storyline.render.story_json import story_json
    from storyline.stories import stories_json
    story = Story()
    docs = prepare_all(iter(records), story)
    engine.mark_duplicates(docs, config.clean.near_duplicate_threshold)
    remove_repeated_lines(docs, config.clean.repeat_min_docs, config.clean.repeat_max_words)
    for item in engine.analyse(docs, config, finalize=True):
        (story.documents if isinstance(item, Document) else story.failures).append(item)
    analyse_corpus(story, config)
    story.stories = engine.detect_stories(story.documents, config.stories)
    out = story_json(story) | {"stories": stories_json(story.stories)}
    return json.dumps(out, ensure_ascii=False, indent=1, sort_keys=True)


def both(records: list[RawDocument]) -> tuple[str, str]:
    from storyline.engines import open_engine
    with open_engine(CONFIG) as local:
        expected = run(records, local, CONFIG)
    spark_config = replace(CONFIG, engine=replace(CONFIG.engine, name="spark", master="local[2]"))
    return expected, run(records, SPARK, spark_config)


@pytest.fixture(scope="module", autouse=True)
def spark_engine():
    global SPARK
    from storyline.engines import open_engine
    SPARK = open_engine(replace(CONFIG, engine=replace(CONFIG.engine, name="spark", master="local[2]")))
    yield SPARK
    SPARK.close()


def seed_records(paths: list[Path]) -> list[RawDocument]:
    return [RawDocument(path=str(p), text=p.read_text(encoding="utf-8")) for p in paths]


def ecb_records(limit: int) -> list[RawDocument]:
    path = SHARED_DATA / "ecbplus" / "ECB_Test_corpus.txt"
    if not path.exists():
        pytest.skip(f"ECB+ not found at {path}")
    sentences: dict[str, dict[int, list[str]]] = defaultdict(lambda: defaultdict(list))
    for line in path.read_text(encoding="utf-8").splitlines():
        cols = line.split("\t")
        if len(cols) >= 4:
            sentences[cols[0]][int(cols[1])].append(cols[3])
    return [RawDocument(path=name, text=re.sub(r" ([.,;:!?'])", r"\1", "\n".join(" ".join(t) for _, t in sorted(s.items()))))
            for name, s in sorted(sentences.items())[:limit]]


def test_spark_equals_local_on_the_seeds(seed_paths):
    local, spark = both(seed_records(seed_paths))
    assert json.loads(local)["documents"] and json.loads(local)["events"]
    assert spark == local


def test_spark_equals_local_on_a_mixed_corpus_with_copies(seed_paths):
    seeds = seed_records(seed_paths)
    ecb = ecb_records(70)  # enough documents for the local engine to use its worker pool
    copy = RawDocument(path="copy.txt", text=seeds[1].text + "\n\nShare this article")
    records = [*ecb[:30], *seeds, *ecb[30:], copy, RawDocument(path="again.txt", text=seeds[0].text)]
    local, spark = both(records)
    story = json.loads(local)
    assert len(story["stories"]) > 3
    assert any(d["duplicate_of"] for d in story["documents"])
    assert spark == local
