"""Scale: per-document throughput against bare spaCy, cross-document time and peak memory at 1k-100k
documents, and the Spark engine (local[1] vs local[2], embedded vs Spark).

Corpora are built from the public data in ../shared/data by benchmarks/corpus_synth.py (real ECB+,
TempEval-3 and seed sentences recombined and wrapped in web furniture). Every ratio is measured in
one run on the same texts; times are medians of --repeat runs.

    python benchmarks/scale.py [DATA_DIR] [--only throughput,cross,corpus,stream,spark]
                               [--sizes 1000,10000,100000]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from dataclasses import replace
from multiprocessing import get_context
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

from corpus_synth import synth_articles  # noqa: E402

from storyline.clean import finalize_document, prepare_document  # noqa: E402
from storyline.config import Config  # noqa: E402
from storyline.engines import open_engine  # noqa: E402
from storyline.engines.common import CHUNK_DOCS, chunked  # noqa: E402
from storyline.models import Document, RawDocument  # noqa: E402


def peak_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def raw_records(data: Path, count: int) -> list[RawDocument]:
    # no outlet metadata: the synthetic articles reuse real sentences across "different" articles, which
    # the outlet-repeated-lines rule would rightly strip as furniture if they shared an outlet
    return [RawDocument(path=f"synth/{i:06d}.txt", text=t) for i, t in enumerate(synth_articles(data, count))]


def timed(fn, repeat: int) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


# ---- per-document throughput against bare spaCy ------------------------------------------------

_nlp = None


def _bare_init(model: str) -> None:
    global _nlp
    import spacy
    _nlp = spacy.load(model)


def _bare_chunk(texts: list[str], batch_size: int) -> int:
    assert _nlp is not None
    return sum(1 for _ in _nlp.pipe(texts, batch_size=batch_size))


def throughput(data: Path, count: int, workers: int, repeat: int) -> None:
    config = Config.load().with_section("ingest", workers=workers)
    records = raw_records(data, count)
    texts = [finalize_document(prepare_document(r)).text for r in records]
    words = sum(len(t.split()) for t in texts)

    def stage() -> None:
        docs = [prepare_document(r) for r in records]
        out = list(engine.analyse(docs, config, finalize=True))
        assert len(out) == count and all(isinstance(d, Document) for d in out)

    def bare() -> None:  # the same model, texts and chunks, in the same kind of warm worker pool
        pending = [pool.apply_async(_bare_chunk, (c, config.nlp.batch_size)) for c in chunked(texts, CHUNK_DOCS)]
        assert sum(p.get() for p in pending) == count

    with get_context("spawn").Pool(workers, initializer=_bare_init, initargs=(config.nlp.spacy_model,)) as pool, \
            open_engine(config) as engine:
        bare()  # warm-up passes: models loaded and their buffers grown
        stage()
        pairs = []
        for _ in range(repeat):  # alternate, so drift in machine speed hits both alike
            pairs.append((timed(bare, 1), timed(stage, 1)))
    bare_s = statistics.median(b for b, _ in pairs)
    full_s = statistics.median(f for _, f in pairs)
    ratio = statistics.median(b / f for b, f in pairs)
    print(f"\n## Per-document throughput ({count} synthetic articles, {words / count:.0f} words each, {workers} workers,"
          f" median of {repeat} alternating runs)")
    print(f"bare spaCy nlp.pipe          {count / bare_s:8.1f} docs/s")
    print(f"full per-document stage      {count / full_s:8.1f} docs/s   (prepare + finalize + dates, entities, events)")
    print(f"ratio full / bare            {ratio:8.2f}   (median of the per-run ratios)")


# ---- cross-document time and memory, one process per size -------------------------------------

def cross_one(data: Path, count: int) -> dict[str, float]:
    config = Config.load()
    records = raw_records(data, count)
    t0 = time.perf_counter()
    docs = [prepare_document(r) for r in records]
    del records
    prepare = time.perf_counter() - t0
    with open_engine(config) as engine:
        t0 = time.perf_counter()
        engine.mark_duplicates(docs, config.clean.near_duplicate_threshold)
        dups = time.perf_counter() - t0
        from storyline.clean.repeated import remove_repeated_lines
        t0 = time.perf_counter()
        remove_repeated_lines(docs, config.clean.repeat_min_docs, config.clean.repeat_max_words)
        repeated = time.perf_counter() - t0
        t0 = time.perf_counter()
        docs = [finalize_document(d) for d in docs]
        finalize = time.perf_counter() - t0
        t0 = time.perf_counter()
        clusters = engine.detect_stories(docs, config.stories)
        stories = time.perf_counter() - t0
    return {"docs": count, "prepare": prepare, "finalize": finalize, "duplicates": dups, "repeated": repeated,
            "stories": stories, "story_count": len(clusters), "copies": sum(1 for d in docs if d.duplicate_of),
            "peak_rss_mib": peak_rss_mib()}


def cross(data: Path, sizes: list[int]) -> None:
    print("\n## Cross-document steps (duplicates + outlet-repeated lines + story detection), local engine")
    print("docs      prepare  finalize | duplicates  repeated  stories  cross total  per 1k docs | stories  peak RSS")
    base = None
    for size in sizes:  # a fresh process per size: its peak memory is that size's alone
        out = subprocess.run([sys.executable, __file__, str(data), "--cross-one", str(size)],
                             capture_output=True, text=True, check=True)
        r = json.loads(out.stdout.strip().splitlines()[-1])
        total = r["duplicates"] + r["repeated"] + r["stories"]
        per_k = total / size * 1000
        base = base or per_k
        print(f"{size:7d}  {r['prepare']:7.1f}s {r['finalize']:8.1f}s | {r['duplicates']:9.1f}s {r['repeated']:8.2f}s "
              f"{r['stories']:7.1f}s {total:10.1f}s  {per_k:6.2f}s ({per_k / base:.2f}x) | {r['story_count']:7d} "
              f"{r['peak_rss_mib'] / 1024:6.2f} GiB")


# ---- the corpus steps of the analysis (entity resolution, event merge, timeline...) -----------

def corpus(data: Path, sizes: list[int], cache: Path | None = None, resident: bool = False) -> None:
    """analyse_corpus on analysed documents: the largest size is analysed once, smaller sizes are
    its first N documents (copied, since the corpus steps fill the documents in). With `cache`, the
    analysed documents are kept in that file (pickle) and read from it on the next run. With
    `resident`, every size runs while the whole largest corpus is also held in memory, as it is for
    the largest size: it shows what the size of the process's heap alone costs."""
    import pickle

    from storyline.analyse import analyse_corpus
    from storyline.models import Story
    config = Config.load().with_section("ingest", workers=2)
    if cache is not None and cache.exists():
        frozen = cache.read_bytes()
        print(f"analysed documents read from {cache}")
        docs = pickle.loads(frozen)
        if any(getattr(d, "time_matches", None) is None for d in docs):
            # a cache written before the per-document stage kept the grammar's matches: add them as
            # that stage does (it reads them before the parse, by the plain sentence splitter)
            from storyline.time.tagger import read_matches, split_sentences
            for d in docs:
                d.time_matches = read_matches(d.text, split_sentences(d.text))
            frozen = pickle.dumps(docs)
        del docs
    else:
        with open_engine(config) as engine:
            docs = [d for d in engine.analyse((prepare_document(r) for r in raw_records(data, max(sizes))), config,
                                              finalize=True) if isinstance(d, Document)]
        frozen = pickle.dumps(docs)
        del docs
        if cache is not None:
            cache.write_bytes(frozen)
    print("\n## Corpus steps of the analysis (dates across documents, entity resolution, event merge, timeline,"
          " states, claims)")
    held = pickle.loads(frozen) if resident else None
    if held is not None:
        print(f"(all {len(held)} analysed documents held in memory during every size)")
    base = None
    for size in sizes:
        story = Story(documents=pickle.loads(frozen)[:size])
        steps: dict[str, float] = {}
        t0 = time.perf_counter()
        analyse_corpus(story, config, seconds=steps)
        secs = time.perf_counter() - t0
        per_k = secs / size * 1000
        base = base or per_k
        print(f"{size:7d} documents  {secs:7.1f}s  {per_k:6.2f}s per 1k docs ({per_k / base:.2f}x)  "
              f"{len(story.entities)} entities, {len(story.events)} events, "
              f"{sum(len(d.event_mentions) for d in story.documents)} event mentions; "
              f"process peak RSS so far {peak_rss_mib() / 1024:.2f} GiB", flush=True)
        print("         per 1k docs: " + ", ".join(f"{k} {v / size * 1000:.2f}s" for k, v in steps.items()), flush=True)
        del story


# ---- the per-document stage streams: memory flat in the number of documents -------------------

def stream_one(data: Path, count: int) -> dict[str, float]:
    """Documents generated, analysed and dropped one by one: what the stage itself holds."""
    config = Config.load().with_section("ingest", workers=2)
    sources = synth_articles(data, min(count, 2000))  # recycled, so the input list does not grow either
    feed = (prepare_document(RawDocument(path=f"s/{i}", text=sources[i % len(sources)])) for i in range(count))
    seen = 0
    with open_engine(config) as engine:
        for item in engine.analyse(feed, config, finalize=True):
            seen += isinstance(item, Document)
    return {"docs": seen, "peak_rss_mib": peak_rss_mib()}


def stream(data: Path, sizes: list[int]) -> None:
    print("\n## Per-document stage alone, streaming (results dropped as they come): driver peak memory")
    for size in sizes:
        out = subprocess.run([sys.executable, __file__, str(data), "--stream-one", str(size)],
                             capture_output=True, text=True, check=True)
        r = json.loads(out.stdout.strip().splitlines()[-1])
        print(f"{r['docs']:7d} documents   driver peak RSS {r['peak_rss_mib']:7.0f} MiB")


# ---- Spark: local[1] vs local[2], embedded vs Spark --------------------------------------------

def spark(data: Path, count: int, corpus_count: int, repeat: int) -> None:
    base = Config.load().with_section("ingest", workers=2)
    records = raw_records(data, count)

    def stage(engine, config) -> None:  # type: ignore[no-untyped-def]
        out = list(engine.analyse([prepare_document(r) for r in records], config, finalize=True))
        assert len(out) == count

    rows = []
    with open_engine(base) as local:
        list(local.analyse([prepare_document(r) for r in records[:4 * CHUNK_DOCS]], base, finalize=True))
        rows.append(("embedded, 2 processes", timed(lambda: stage(local, base), repeat), None))
    for master in ("local[1]", "local[2]"):
        config = replace(base, engine=replace(base.engine, name="spark", master=master))
        with open_engine(config) as engine:
            t0 = time.perf_counter()
            stage_small = [prepare_document(r) for r in records[:4 * CHUNK_DOCS]]
            list(engine.analyse(stage_small, config, finalize=True))  # JVM start + model load in the workers
            start = time.perf_counter() - t0
            rows.append((f"spark {master}", timed(lambda: stage(engine, config), repeat), start))
    print(f"\n## Spark engine: per-document stage over {count} synthetic articles (warm: JVM and models loaded)")
    for name, secs, start in rows:
        extra = f"   (start-up + warm-up {start:.1f}s)" if start is not None else ""
        print(f"{name:24s} {count / secs:7.1f} docs/s{extra}")
    t1, t2, emb = rows[1][1], rows[2][1], rows[0][1]
    texts = [finalize_document(prepare_document(r)).text for r in records]
    ceiling = []
    with get_context("spawn").Pool(1, initializer=_bare_init, initargs=(base.nlp.spacy_model,)) as one, \
            get_context("spawn").Pool(2, initializer=_bare_init, initargs=(base.nlp.spacy_model,)) as two:
        def bare(pool) -> None:  # type: ignore[no-untyped-def]
            [p.get() for p in [pool.apply_async(_bare_chunk, (c, 32)) for c in chunked(texts, CHUNK_DOCS)]]
        bare(one), bare(two)
        for _ in range(repeat):
            ceiling.append(timed(lambda: bare(one), 1) / timed(lambda: bare(two), 1))
    print(f"speed-up local[2] / local[1]   {t1 / t2:.2f}   (this machine's ceiling: bare spaCy in 2 processes "
          f"against 1, {statistics.median(ceiling):.2f})")
    print(f"embedded / spark local[2]      {t2 / emb:.2f}  (above 1: embedded faster)")

    docs = [finalize_document(prepare_document(r)) for r in raw_records(data, corpus_count)]
    times = {}
    for name, config in (("embedded", base), ("spark local[2]", replace(base, engine=replace(base.engine, name="spark")))):
        with open_engine(config) as engine:
            engine.detect_stories(docs[:200], config.stories)  # warm
            fresh = [replace(d, duplicate_of=None, duplicates=[]) for d in docs]
            t0 = time.perf_counter()
            engine.mark_duplicates(fresh, config.clean.near_duplicate_threshold)
            engine.detect_stories(fresh, config.stories)
            times[name] = time.perf_counter() - t0
    print(f"corpus joins (duplicates + stories) over {corpus_count} articles: embedded {times['embedded']:.1f}s, "
          f"spark local[2] {times['spark local[2]']:.1f}s")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("data", nargs="?", default=str(REPO.parent / "shared" / "data"))
    ap.add_argument("--only", default="throughput,cross,corpus,stream,spark")
    ap.add_argument("--sizes", default="1000,10000,100000")
    ap.add_argument("--throughput-docs", type=int, default=600)
    ap.add_argument("--spark-docs", type=int, default=400)
    ap.add_argument("--spark-corpus-docs", type=int, default=10000)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--stream-sizes", default="500,4000")
    ap.add_argument("--corpus-sizes", default="1000,2000,4000")
    ap.add_argument("--corpus-cache", type=Path, help="keep the analysed documents of --only corpus in this file")
    ap.add_argument("--corpus-resident", action="store_true",
                    help="--only corpus: hold the whole largest corpus in memory while every size runs")
    ap.add_argument("--cross-one", type=int, help=argparse.SUPPRESS)
    ap.add_argument("--stream-one", type=int, help=argparse.SUPPRESS)
    args = ap.parse_args()
    data = Path(args.data)
    if args.cross_one:
        print(json.dumps(cross_one(data, args.cross_one)))
        return
    if args.stream_one:
        print(json.dumps(stream_one(data, args.stream_one)))
        return
    print(f"machine: {os.cpu_count()} cores; python {sys.version.split()[0]}")
    parts = args.only.split(",")
    if "throughput" in parts:
        throughput(data, args.throughput_docs, args.workers, args.repeat)
    if "cross" in parts:
        cross(data, [int(s) for s in args.sizes.split(",")])
    if "corpus" in parts:
        corpus(data, [int(s) for s in args.corpus_sizes.split(",")], args.corpus_cache, args.corpus_resident)
    if "stream" in parts:
        stream(data, [int(s) for s in args.stream_sizes.split(",")])
    if "spark" in parts:
        spark(data, args.spark_docs, args.spark_corpus_docs, args.repeat)


if __name__ == "__main__":
    main()
