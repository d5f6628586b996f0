"""Claim checking: precision and recall of the superseded / contradicted / current flags on a test set
of status claims with known answers (benchmarks/claims_set.py: 16 written scenarios, 40 claims, plus
the seeds' own claims when ../shared/data/seeds is present).

    python benchmarks/claims.py [--seeds ../shared/data/seeds]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from claims_set import SEED_EXPECTED, all_scenarios  # noqa: E402

from storyline.config import Config  # noqa: E402
from storyline.pipeline import build  # noqa: E402

STATUSES = ("current", "superseded", "contradicted")


def predicted_status(story, doc_id: str, phrase: str) -> str:  # type: ignore[no-untyped-def]
    found = [c for c in story.claims if c["doc"] == doc_id and phrase.lower() in c["sentence"].lower()]
    if not found:
        return "missed"
    flags = [c["status"] for c in found if c["status"] != "current"]
    return flags[0] if flags else found[0]["status"]


def score(pairs: list[tuple[str, str]]) -> dict[str, tuple[float, float, float, int]]:
    out = {}
    for status in STATUSES:
        tp = sum(g == status and p == status for g, p in pairs)
        fp = sum(g != status and p == status for g, p in pairs)
        fn = sum(g == status and p != status for g, p in pairs)
        prec = tp / (tp + fp) if tp + fp else 0.0
        rec = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        out[status] = (prec, rec, f1, tp + fn)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", default=str(Path(__file__).resolve().parents[1].parent / "shared/data/seeds"))
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args()
    config = Config.load().with_section("ingest", workers=1)
    pairs: list[tuple[str, str]] = []
    misses = []
    with tempfile.TemporaryDirectory() as tmp:
        for scenario in all_scenarios():
            path = Path(tmp) / f"{scenario.name}.jsonl"
            path.write_text("\n".join(json.dumps(a) for a in scenario.articles), encoding="utf-8")
            story = build([str(path)], config)
            ids = {d.path: d.id for d in story.documents}
            for index, phrase, gold in scenario.expected:
                got = predicted_status(story, ids.get(f"{path}#{index + 1}", ""), phrase)
                pairs.append((gold, got))
                if got != gold:
                    misses.append(f"{scenario.name}#{index} {phrase!r}: expected {gold}, got {got}")
    written = len(pairs)
    seeds = Path(args.seeds)
    if seeds.is_dir():
        story = build([str(seeds)], config)
        for stem, phrase, gold in SEED_EXPECTED:
            doc = next((d for d in story.documents if Path(d.path).name.startswith(stem)), None)
            got = predicted_status(story, doc.id, phrase) if doc else "missed"
            pairs.append((gold, got))
            if got != gold:
                misses.append(f"seed {stem} {phrase!r}: expected {gold}, got {got}")
    print(f"claims: {len(pairs)} ({written} written for the set, {len(pairs) - written} from the seeds)")
    for status, (p, r, f, n) in score(pairs).items():
        print(f"  {status:12} precision {p:.2f}  recall {r:.2f}  F1 {f:.2f}  (gold {n})")
    flagged = [(g in ("superseded", "contradicted"), p in ("superseded", "contradicted")) for g, p in pairs]
    tp = sum(g and p for g, p in flagged)
    print(f"  any flag      precision {tp / max(1, sum(p for _, p in flagged)):.2f}"
          f"  recall {tp / max(1, sum(g for g, _ in flagged)):.2f}")
    print(f"  exact status accuracy {sum(g == p for g, p in pairs) / len(pairs):.2f}; predictions {Counter(p for _, p in pairs)}")
    if args.verbose:
        print("\n".join(misses))


if __name__ == "__main__":
    main()
