"""Where the time goes: each pipeline stage's share of a full build, one process, same documents.

    python benchmarks/pipeline_profile.py [--data ../shared/data] [--docs 500] [--runs 3]

Stages timed separately on the same recombined articles (benchmarks/corpus_synth.py): cleaning
(prepare + corpus cleaning + finalize), dating (publication date + time expressions), spaCy parse,
entity recognition, event extraction, and the corpus-level steps. Prints median seconds per stage,
its share of the total, and the per-document stages against bare spaCy `nlp.pipe` (the ceiling).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus_synth import synth_articles  # noqa: E402

from storyline.analyse import analyse_corpus, date_document  # noqa: E402
from storyline.clean import finalize_document, prepare_document  # noqa: E402
from storyline.clean.duplicates import mark_duplicates  # noqa: E402
from storyline.clean.repeated import remove_repeated_lines  # noqa: E402
from storyline.config import Config  # noqa: E402
from storyline.entities import load_nlp, recognize  # noqa: E402
from storyline.events import extract_events  # noqa: E402
from storyline.models import RawDocument, Story  # noqa: E402


def run_once(texts: list[str], config: Config) -> dict[str, float]:
    t: dict[str, float] = {}
    nlp = load_nlp(config.nlp.spacy_model)
    start = time.perf_counter()
    docs = [prepare_document(RawDocument(path=f"doc{i}.txt", text=x)) for i, x in enumerate(texts)]
    mark_duplicates(docs)
    remove_repeated_lines(docs)
    docs = [finalize_document(d) for d in docs]
    t["cleaning"] = time.perf_counter() - start
    start = time.perf_counter()
    for d in docs:
        date_document(d, config)
    t["dates + time expressions"] = time.perf_counter() - start
    start = time.perf_counter()
    parsed = list(nlp.pipe((d.text for d in docs), batch_size=config.nlp.batch_size))
    t["spaCy parse"] = time.perf_counter() - start
    start = time.perf_counter()
    for d, s in zip(docs, parsed):
        recognize(d, s)
    t["entity recognition"] = time.perf_counter() - start
    start = time.perf_counter()
    for d, s in zip(docs, parsed):
        extract_events(d, s)
    t["event extraction"] = time.perf_counter() - start
    start = time.perf_counter()
    analyse_corpus(Story(documents=docs), config)
    t["corpus steps (dates, entities, merge, timeline, states, claims)"] = time.perf_counter() - start
    start = time.perf_counter()
    list(nlp.pipe((d.text for d in docs), batch_size=config.nlp.batch_size))
    t["_bare nlp.pipe"] = time.perf_counter() - start
    return t


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=str(Path(__file__).resolve().parents[1].parent / "shared" / "data"))
    parser.add_argument("--docs", type=int, default=500)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    config = Config.load()
    texts = synth_articles(Path(args.data), args.docs)
    runs = defaultdict(list)
    for _ in range(args.runs):
        for stage, seconds in run_once(texts, config).items():
            runs[stage].append(seconds)
    med = {k: statistics.median(v) for k, v in runs.items()}
    bare = med.pop("_bare nlp.pipe")
    total = sum(med.values())
    print(f"{args.docs} documents, median of {args.runs} runs, one process")
    for stage, seconds in med.items():
        print(f"  {stage:64} {seconds:7.2f} s  {100 * seconds / total:5.1f}%")
    print(f"  {'total':64} {total:7.2f} s  ({args.docs / total:.0f} documents/s)")
    per_doc = total - med["corpus steps (dates, entities, merge, timeline, states, claims)"]
    print(f"bare spaCy nlp.pipe over the same texts: {bare:.2f} s; per-document stages / ceiling = "
          f"{bare / per_doc:.2f} of bare spaCy throughput")


if __name__ == "__main__":
    main()
