"""TempEval-3 platinum, Task A (time expressions): storyline.time.tag_timexes against the gold TIMEX3,
side by side with a plain dateparser baseline run here and the task paper's HeidelTime and SUTime rows.
The same scorer then runs on the MEANTIME Apple corpus (NewsReader TIMEX3 guidelines), which was not
looked at while the grammar was written: a check that the TE3 figure is not an artefact of the test set.

    .venv/bin/python benchmarks/tempeval3.py [../shared/data] [--errors] [--runs 5]

Each document is tagged with its gold creation date (DCT) as the anchor, as in the task.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
import warnings
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from timeml_reader import EvalDoc, read_meantime, read_tempeval3  # noqa: E402
from timeml_scorer import Counts, score_document, summary  # noqa: E402

from storyline.models import DateValue  # noqa: E402
from storyline.time import tag_timexes  # noqa: E402

# UzZaman et al. (2013), SemEval-2013 Task 1, Table 3 (Task A, TE3-platinum), as published.
PAPER_ROWS = {
    "HeidelTime-t (paper)": {"strict_F1": 81.34, "relaxed_F1": 90.30, "value_F1": 77.61, "type_F1": 82.09},
    "SUTime (paper)": {"strict_F1": 79.57, "relaxed_F1": 90.32, "value_F1": 67.38, "type_F1": 80.29},
}


@dataclass
class Span:
    start: int
    end: int
    type: str
    value: str


def storyline_tagger(doc: EvalDoc) -> list[Span]:
    return [Span(t.start, t.end, t.type, t.value) for t in tag_timexes(doc.text, DateValue(doc.dct, "day"))]


def annotated_part(doc: EvalDoc) -> EvalDoc:
    """MEANTIME annotates only the first six sentences of each article: score those."""
    if doc.annotated_end is None:
        return doc
    return EvalDoc(doc.corpus, doc.id, doc.text[:doc.annotated_end], doc.dct, doc.title,
                   [g for g in doc.gold if g.end <= doc.annotated_end])


def dateparser_tagger(doc: EvalDoc) -> list[Span]:
    """search_dates finds spans; DateDataParser gives the period (day/month/year) to cut the value to."""
    from dateparser.date import DateDataParser
    from dateparser.search import search_dates

    base = datetime.fromisoformat(doc.dct)
    settings = {"RELATIVE_BASE": base, "PREFER_DATES_FROM": "past"}
    found = search_dates(doc.text, languages=["en"], settings=settings) or []
    parser = DateDataParser(languages=["en"], settings=settings)
    out, pos = [], 0
    for phrase, when in found:
        start = doc.text.find(phrase, pos)
        if start < 0:
            continue
        pos = start + len(phrase)
        period = parser.get_date_data(phrase).period or "day"
        iso = when.date().isoformat()
        value = {"year": iso[:4], "month": iso[:7], "week": iso, "day": iso}.get(period, iso)
        kind = "TIME" if period in ("time", "hour", "minute", "second") else "DATE"
        out.append(Span(start, pos, kind, value))
    return out


def evaluate(docs: list[EvalDoc], tagger) -> tuple[Counts, int, float]:
    total = Counts()
    n = 0
    t0 = time.perf_counter()
    for doc in docs:
        system = tagger(doc)
        n += len(system)
        total.add(score_document(doc.id, doc.text, doc.gold, system))
    return total, n, time.perf_counter() - t0


def report(title: str, docs: list[EvalDoc], runs: int, errors: bool, paper: bool) -> None:
    rows = {}
    timings = {}
    for name, tagger in (("storyline.time", storyline_tagger), ("dateparser 1.5 (baseline)", dateparser_tagger)):
        counts, n, _ = evaluate(docs, tagger)
        rows[name] = {k: (v * 100 if isinstance(v, float) else v) for k, v in summary(counts).items()}
        secs = [evaluate(docs, tagger)[2] for _ in range(runs)]
        timings[name] = (n, statistics.median(secs))
        if errors and name == "storyline.time":
            for doc_id, text, gold, system in counts.errors:
                print(f"  {doc_id[:24]:24} {text!r:28} gold={gold:22} sys={system}")
    if paper:
        rows.update(PAPER_ROWS)
    cols = ["strict_F1", "relaxed_P", "relaxed_R", "relaxed_F1", "type_acc", "type_F1", "value_acc", "value_F1"]
    print(f"{title}: {len(docs)} documents, {sum(len(d.gold) for d in docs)} gold TIMEX3")
    print(f"{'system':28}" + "".join(f"{c:>11}" for c in cols))
    for name, row in rows.items():
        print(f"{name:28}" + "".join(f"{row[c]:11.1f}" if c in row else f"{'-':>11}" for c in cols))
    base_n, base_s = timings["dateparser 1.5 (baseline)"]
    for name, (n, secs) in timings.items():
        print(f"speed {name:26} {n / secs:10.0f} timexes/s  ({secs * 1000:.0f} ms for {n} timexes, median of "
              f"{runs}; {base_s / secs:.1f}x dateparser's speed)")
    print()


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("data", nargs="?", default=str(Path(__file__).resolve().parent.parent / "../shared/data"))
    ap.add_argument("--errors", action="store_true", help="list every missed, spurious or wrongly valued timex")
    ap.add_argument("--runs", type=int, default=5, help="timing runs (median reported)")
    args = ap.parse_args()
    warnings.filterwarnings("ignore")
    data = Path(args.data)
    report("TempEval-3 platinum", read_tempeval3(data / "tempeval3_platinum"), args.runs, args.errors, paper=True)
    meantime = [annotated_part(d) for d in read_meantime(data / "meantime_apple")]
    report("MEANTIME Apple, first six sentences (not used in development)", meantime, args.runs, args.errors,
           paper=False)


if __name__ == "__main__":
    main()
