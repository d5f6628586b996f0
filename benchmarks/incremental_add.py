"""Incremental add of one article to a 10,000-article store, against a full rebuild of the same inputs.

    python benchmarks/incremental_add.py [--data ../shared/data] [--articles 10000] [--adds 3] [--workers 0]

Articles are recombined from the public data (benchmarks/corpus_synth.py), each credited to one of
40 outlets so the outlet-boilerplate rule has work to do. Steps, all in this run:
1. full rebuild of N+1 articles (storyline.store.incremental.build_records = pipeline.build after reading);
2. a store of the first N articles (kept in bench-out/ for benchmarks/serve_load.py);
3. `add` of one new article to a fresh copy of that store, --adds times (median reported),
   and a check that the first add gives exactly the rebuild's story.json.
Prints the times and the ratio add / rebuild.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "benchmarks"))
sys.path.insert(0, str(REPO))
from corpus_synth import synth_articles  # noqa: E402

from storyline.config import Config  # noqa: E402
from storyline.models import RawDocument  # noqa: E402
from storyline.render.story_json import story_json  # noqa: E402
from storyline.store.db import open_store  # noqa: E402
from storyline.store.incremental import add_records, build_records  # noqa: E402
from storyline.store.views import read_story  # noqa: E402

OUTLETS = 40


def records(data: Path, count: int, seed: int = 7) -> list[RawDocument]:
    return [
        RawDocument(path=f"synthetic/{i:05d}.txt", text=text, source=f"Outlet {i % OUTLETS}")
        for i, text in enumerate(synth_articles(data, count, seed))
    ]


def build_store(path: Path, docs: list[RawDocument], config: Config) -> float:
    if path.exists():
        path.unlink()
    start = time.perf_counter()
    add_records(path, docs, config)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--data", default=str(REPO.parent / "shared" / "data"))
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--adds", type=int, default=3)
    parser.add_argument(
        "--workers", type=int, default=0, help="processes for the per-document stage (0: cores)"
    )
    parser.add_argument("--out", default=str(REPO / "bench-out" / "incremental"))
    args = parser.parse_args()
    config = Config.load().with_section("ingest", workers=args.workers)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    all_docs = records(Path(args.data), args.articles + args.adds)
    base, extra = all_docs[: args.articles], all_docs[args.articles :]
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    print(
        f"{args.articles} articles (+{args.adds} to add), workers={config.ingest.workers or os.cpu_count()}"
    )

    start = time.perf_counter()
    rebuilt = story_json(build_records(base + extra[:1], config))
    rebuild_s = time.perf_counter() - start
    print(f"full rebuild of {args.articles + 1} articles: {rebuild_s:.1f} s")

    store = out / "story.db"
    store_s = build_store(store, base, config)
    print(f"store of {args.articles} articles built in {store_s:.1f} s ({store.stat().st_size / 1e6:.0f} MB)")

    add_times = []
    for i, doc in enumerate(extra):
        copy = out / f"add-{i}.db"
        shutil.copyfile(store, copy)
        start = time.perf_counter()
        result = add_records(copy, [doc], config)
        add_times.append(time.perf_counter() - start)
        stages = ", ".join(f"{k} {v:.2f}" for k, v in result.seconds.items())
        print(f"add #{i + 1}: {add_times[-1]:.2f} s (added {result.added}, analysed {result.analysed}; "
              f"event merge: {result.merge_reused} components reused, {result.merge_clustered} clustered; "
              f"seconds: {stages})")
        if i == 0:
            conn = open_store(copy)
            same = read_story(conn) == rebuilt
            conn.close()
            print(f"add result equals the full rebuild: {same}")
            if not same:
                raise SystemExit("incremental add differs from the full rebuild")
        copy.unlink()
    median = statistics.median(add_times)
    print(
        f"median add of one article: {median:.2f} s; ratio add / rebuild = {median / rebuild_s:.4f}"
        f" ({rebuild_s / median:.0f}x faster)"
    )


if __name__ == "__main__":
    main()
