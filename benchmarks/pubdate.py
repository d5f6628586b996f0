"""Publication-date inference with the known dates hidden: TempEval-3 platinum, MEANTIME (Apple) and the
SemEval-2015 Task 4 trial corpus. Each document's creation date (DCT) is removed from what the
inference sees; we report how often the inferred interval holds it, how often the exact day is
found, and the median interval width. Then again with the dateline line removed from the text.
Last, the seeds (no known dates: printed for inspection).

    .venv/bin/python benchmarks/pubdate.py [../shared/data] [--today YYYY-MM-DD] [--show]

`--today` is the upper bound the inference may assume (default: the real today).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from timeml_reader import EvalDoc, read_meantime, read_semeval2015, read_tempeval3  # noqa: E402

from storyline.clean.dateline import find_dateline  # noqa: E402
from storyline.models import Document  # noqa: E402
from storyline.time import infer_published, refine_published  # noqa: E402


def to_document(ev: EvalDoc, text: str) -> Document:
    doc = Document(id=f"{ev.corpus}:{ev.id}", path=ev.id, raw_text=text, text=text, title=ev.title)
    doc.dateline = find_dateline(text)
    return doc


def measure(evals: list[EvalDoc], docs: list[Document]) -> dict[str, float]:
    holds = exact = bounded = 0
    widths = []
    for ev, doc in zip(evals, docs):
        p = doc.published
        truth = date.fromisoformat(ev.dct[:10])
        lo = date.fromisoformat(p.earliest) if p.earliest else date.min
        hi = date.fromisoformat(p.latest) if p.latest else date.max
        holds += lo <= truth <= hi
        exact += p.value == truth.isoformat()
        if p.earliest and p.latest:
            bounded += 1
            widths.append((hi - lo).days + 1)
    n = len(evals)
    return {"n": n, "holds": 100 * holds / n, "exact": 100 * exact / n, "bounded": 100 * bounded / n,
            "median_width": statistics.median(widths) if widths else float("nan")}


def run(evals: list[EvalDoc], strip: str, today: date, corpus_level: bool, show: bool) -> dict[str, float]:
    """strip: "none", "all", or "half" (every other document loses its dateline; only those are scored)."""
    stripped = [strip == "all" or (strip == "half" and i % 2 == 1) for i in range(len(evals))]
    docs = [to_document(ev, ev.without_dateline() if s else ev.text) for ev, s in zip(evals, stripped)]
    for doc in docs:
        doc.published = infer_published(doc, today=today)
    if corpus_level:
        refine_published(docs, today=today)
    if strip == "half":
        evals = [ev for ev, s in zip(evals, stripped) if s]
        docs = [doc for doc, s in zip(docs, stripped) if s]
    if show:
        for ev, doc in zip(evals, docs):
            p = doc.published
            print(f"    {ev.id[:34]:34} true={ev.dct[:10]} value={p.value} [{p.earliest}..{p.latest}] {p.method} "
                  f"{p.confidence:.2f} {p.evidence[:90]}")
    return measure(evals, docs)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("data", nargs="?", default=str(Path(__file__).resolve().parent.parent / "../shared/data"))
    ap.add_argument("--today", default=date.today().isoformat())
    ap.add_argument("--show", action="store_true", help="print every document's inferred date")
    args = ap.parse_args()
    data, today = Path(args.data), date.fromisoformat(args.today)
    corpora = {
        "TempEval-3 platinum": read_tempeval3(data / "tempeval3_platinum"),
        "MEANTIME Apple": read_meantime(data / "meantime_apple"),
        "SemEval-2015 T4 trial": read_semeval2015(data / "semeval2015_timeline_trial"),
    }
    print(f"publication date with the DCT hidden (upper bound 'today' = {today}); holds = true date inside "
          f"[earliest, latest]; exact = value is the true day; width in days over bounded intervals;\n"
          f"'half lose dateline': every other document loses its dateline, only those are scored")
    print(f"{'corpus':24}{'setting':34}{'n':>4}{'holds%':>8}{'exact%':>8}{'bounded%':>10}{'med.width':>11}")
    t0 = time.perf_counter()
    ndocs = 0
    for name, evals in corpora.items():
        settings = [("none", "as given"), ("all", "dateline removed")]
        if any(ev.dateline for ev in evals):
            settings.append(("half", "half lose dateline (scored)"))
        for strip, label in settings:
            for corpus_level in (False, True):
                setting = label + (" + refine_published" if corpus_level else "")
                if args.show:
                    print(f"  {name} / {setting}")
                r = run(evals, strip, today, corpus_level, args.show)
                ndocs += len(evals)
                print(f"{name:24}{setting:34}{r['n']:4d}{r['holds']:8.1f}{r['exact']:8.1f}{r['bounded']:10.1f}"
                      f"{r['median_width']:11.0f}")
    print(f"({ndocs} inferences in {time.perf_counter() - t0:.1f} s)")
    seeds = sorted((data / "seeds").glob("*.txt"))
    docs = []
    for path in seeds:
        text = path.read_text("utf-8")
        doc = Document(id=path.stem[:3], path=str(path), raw_text=text, text=text)
        doc.dateline = find_dateline(text)
        doc.published = infer_published(doc, today=today)
        docs.append(doc)
    refine_published(docs, today=today)
    print("seeds (after refine_published):")
    for doc in docs:
        p = doc.published
        print(f"  {doc.id} value={p.value} {p.granularity} [{p.earliest}..{p.latest}] {p.method} {p.confidence:.2f}"
              f" | {p.evidence[:150]}")


if __name__ == "__main__":
    main()
