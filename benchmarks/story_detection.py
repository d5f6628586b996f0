"""Story detection on ECB+: can a shuffled mixed feed be split back into its topics and sub-topics?

ECB+ (Cybulska & Vossen 2014, CC BY 3.0) has 43 topics; each topic has two sub-topics about similar
but different events (two earthquakes, two rehab check-ins). Each split's articles are shuffled
(fixed seed) into one feed, clustered with `detect_stories`, and scored with pairwise and B3 F1
against the topic and against the sub-topic partition. The join threshold was chosen on Train+Dev
(`--sweep`); Test is the held-out figure.

    python benchmarks/story_detection.py [DATA_DIR] [--split Test|Dev|Train|All] [--sweep]
"""

from __future__ import annotations

import argparse
import random
import re
import statistics
import sys
import time
from collections import defaultdict
from dataclasses import replace
from itertools import combinations
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from storyline.clean import finalize_document, prepare_document  # noqa: E402
from storyline.config import Config, StoriesConfig  # noqa: E402
from storyline.models import Document, RawDocument  # noqa: E402
from storyline.stories import StoryDetector, detect_stories  # noqa: E402

SPLITS = {"Train": ["Train"], "Dev": ["Dev"], "Test": ["Test"], "All": ["Train", "Dev", "Test"],
          "TrainDev": ["Train", "Dev"]}


def load_split(data: Path, split: str) -> list[tuple[str, str]]:
    """(ECB+ document name, text) for every document of the split, sentences one per line."""
    docs: dict[str, dict[int, list[str]]] = defaultdict(lambda: defaultdict(list))
    for part in SPLITS[split]:
        for line in (data / f"ECB_{part}_corpus.txt").read_text(encoding="utf-8").splitlines():
            cols = line.split("\t")
            if len(cols) >= 4:
                docs[cols[0]][int(cols[1])].append(cols[3])
    out = []
    for name, sentences in sorted(docs.items()):
        text = "\n".join(" ".join(toks) for _, toks in sorted(sentences.items()))
        out.append((name, re.sub(r" ([.,;:!?'])", r"\1", text)))
    return out


def gold_labels(name: str) -> tuple[str, str]:
    topic, rest = name.split("_", 1)
    return topic, topic + ("plus" if rest.endswith("ecbplus") else "")


def pairwise_f1(pred: dict[str, str], gold: dict[str, str]) -> tuple[float, float, float]:
    def pairs(labels: dict[str, str]) -> set[tuple[str, str]]:
        groups = defaultdict(list)
        for item, label in labels.items():
            groups[label].append(item)
        return {tuple(sorted(p)) for g in groups.values() for p in combinations(g, 2)}
    p_pairs, g_pairs = pairs(pred), pairs(gold)
    tp = len(p_pairs & g_pairs)
    prec = tp / len(p_pairs) if p_pairs else 1.0
    rec = tp / len(g_pairs) if g_pairs else 1.0
    return prec, rec, 2 * prec * rec / (prec + rec) if prec + rec else 0.0


def b_cubed(pred: dict[str, str], gold: dict[str, str]) -> tuple[float, float, float]:
    def clusters(labels: dict[str, str]) -> dict[str, set[str]]:
        groups: dict[str, set[str]] = defaultdict(set)
        for item, label in labels.items():
            groups[label].add(item)
        return {item: groups[label] for item, label in labels.items()}
    pc, gc = clusters(pred), clusters(gold)
    prec = statistics.fmean(len(pc[i] & gc[i]) / len(pc[i]) for i in pred)
    rec = statistics.fmean(len(pc[i] & gc[i]) / len(gc[i]) for i in pred)
    return prec, rec, 2 * prec * rec / (prec + rec)


def feed(data: Path, split: str, seed: int) -> tuple[list[Document], dict[str, str]]:
    items = load_split(data, split)
    random.Random(seed).shuffle(items)
    docs, names = [], {}
    for name, text in items:
        doc = finalize_document(prepare_document(RawDocument(path=name, text=text)))
        docs.append(doc)
        names[doc.id] = name
    return docs, names


def detect_online(docs: list[Document], config: StoriesConfig) -> list:
    detector = StoryDetector(config)
    for doc in docs:
        detector.add(doc)
    return detector.clusters()


def evaluate(docs: list[Document], names: dict[str, str], config: StoriesConfig, online: bool = False) -> dict[str, tuple]:
    clusters = detect_online(docs, config) if online else detect_stories(docs, config)
    pred = {names[d]: c.id for c in clusters for d in c.documents}
    topic = {n: gold_labels(n)[0] for n in pred}
    sub = {n: gold_labels(n)[1] for n in pred}
    return {"stories": (len(clusters),), "topic_pairwise": pairwise_f1(pred, topic), "topic_b3": b_cubed(pred, topic),
            "sub_pairwise": pairwise_f1(pred, sub), "sub_b3": b_cubed(pred, sub)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("data", nargs="?", default=str(REPO.parent / "shared" / "data"))
    ap.add_argument("--split", default="Test", choices=sorted(SPLITS))
    ap.add_argument("--seeds", type=int, default=5, help="shuffles of the feed; medians reported")
    ap.add_argument("--sweep", action="store_true", help="grid over the join threshold (use on TrainDev)")
    args = ap.parse_args()
    data = Path(args.data) / "ecbplus"
    base = Config.load().stories
    grid = [0.1, 0.12, 0.15, 0.18, 0.21, 0.25, 0.3] if args.sweep else [base.join_threshold]
    feeds = [feed(data, args.split, seed) for seed in range(args.seeds)]
    gold_topics = {gold_labels(n)[0] for n in feeds[0][1].values()}
    gold_subs = {gold_labels(n)[1] for n in feeds[0][1].values()}
    print(f"ECB+ {args.split}: {len(feeds[0][0])} articles, {len(gold_topics)} topics, {len(gold_subs)} sub-topics;"
          f" median of {args.seeds} shuffles")
    print("mode    join  stories  topic: pairF1  B3F1  | sub-topic: pairF1 (P/R)        B3F1 (P/R)          s/run")
    rows = [(mode, j) for j in grid for mode in ("batch", "online")] if not args.sweep else [("batch", j) for j in grid]
    for mode, join in rows:
        config = replace(base, join_threshold=join)
        runs, secs = [], []
        for docs, names in feeds:
            t0 = time.perf_counter()
            runs.append(evaluate(docs, names, config, online=mode == "online"))
            secs.append(time.perf_counter() - t0)

        def med(key: str, k: int) -> float:
            return statistics.median(r[key][k] for r in runs)
        print(f"{mode:6s}  {join:4.2f}  {med('stories', 0):7.0f}  {med('topic_pairwise', 2):12.3f}  "
              f"{med('topic_b3', 2):5.3f} | {med('sub_pairwise', 2):5.3f} ({med('sub_pairwise', 0):.2f}/"
              f"{med('sub_pairwise', 1):.2f})  {med('sub_b3', 2):5.3f} ({med('sub_b3', 0):.2f}/{med('sub_b3', 1):.2f})"
              f"  {statistics.median(secs):.3f}")


if __name__ == "__main__":
    main()
