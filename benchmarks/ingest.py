"""Ingestion + cleaning throughput and peak memory on >= 10,000 documents recombined from ../shared/data.

    python benchmarks/ingest.py [--data ../shared/data] [--docs 10000] [--runs 3]

Writes the corpus as plain-text files and as one JSON Lines file in a temporary folder, then times
reading + per-document cleaning + the corpus-level cleaning steps (duplicates, outlet-repeated lines)
+ sentence splitting. Prints documents per second (median of runs) and the peak resident memory.
"""

from __future__ import annotations

import argparse
import json
import platform
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus_synth import synth_articles  # noqa: E402

from storyline.clean import finalize_document, prepare_document  # noqa: E402
from storyline.clean.duplicates import mark_duplicates  # noqa: E402
from storyline.clean.repeated import remove_repeated_lines  # noqa: E402
from storyline.config import Config  # noqa: E402
from storyline.ingest import read_inputs  # noqa: E402
from storyline.models import Failure  # noqa: E402


def run_once(inputs: list[str], config: Config) -> tuple[int, int, float]:
    start = time.perf_counter()
    docs, failures = [], 0
    for record in read_inputs(inputs, config.ingest):
        if isinstance(record, Failure):
            failures += 1
        else:
            docs.append(prepare_document(record))
    mark_duplicates(docs, config.clean.near_duplicate_threshold)
    remove_repeated_lines(docs, config.clean.repeat_min_docs, config.clean.repeat_max_words)
    docs = [finalize_document(d) for d in docs]
    return len(docs), failures, time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=str(Path(__file__).resolve().parents[1].parent / "shared" / "data"))
    parser.add_argument("--docs", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    config = Config.load()
    articles = synth_articles(Path(args.data), args.docs)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "txt"
        folder.mkdir()
        half = len(articles) // 2
        for i, text in enumerate(articles[:half]):
            (folder / f"{i:06d}.txt").write_text(text, encoding="utf-8")
        jsonl = Path(tmp) / "rest.jsonl"
        with open(jsonl, "w", encoding="utf-8") as fh:
            for i, text in enumerate(articles[half:]):
                fh.write(json.dumps({"title": f"doc {i}", "maintext": text, "source_domain": f"site{i % 40}.example"}) + "\n")
        timings = []
        for _ in range(args.runs):
            n, failures, seconds = run_once([str(folder), str(jsonl)], config)
            timings.append(seconds)
    median = statistics.median(timings)
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"machine: {platform.machine()}, {platform.python_implementation()} {platform.python_version()}")
    print(f"documents: {n} ({half} .txt files + {n - half} JSON Lines records), failures: {failures}")
    print(f"runs: {', '.join(f'{t:.2f}s' for t in timings)}; median {median:.2f}s")
    print(f"throughput: {n / median:.0f} documents/s (ingest + cleaning, one process)")
    print(f"peak resident memory: {peak_mib:.0f} MiB (whole process, corpus held in memory)")


if __name__ == "__main__":
    main()
