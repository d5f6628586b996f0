"""Build large benchmark corpora by recombining the public data in ../shared/data.

Each synthetic article takes the sentences of one real source document (ECB+, TempEval-3, MEANTIME
raw text, seeds), adds a few sentences of another from the same collection, and wraps them in
typical web furniture, so cleaning has real work to do. Deterministic for a given seed.
"""

from __future__ import annotations

import random
import re
from collections import defaultdict
from pathlib import Path

FURNITURE = ["ADVERTISEMENT", "SCROLL TO CONTINUE WITH CONTENT", "Also Read: {title}", "{n} Views",
             "{who} - {n} hours ago", "Recommendation for you", "Share this article"]


def ecb_documents(data: Path) -> list[str]:
    docs: dict[str, dict[int, list[str]]] = defaultdict(lambda: defaultdict(list))
    for name in ("ECB_Train_corpus.txt", "ECB_Dev_corpus.txt", "ECB_Test_corpus.txt"):
        path = data / "ecbplus" / name
        if not path.exists():
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            parts = line.split("\t")
            if len(parts) >= 4:
                docs[parts[0]][int(parts[1])].append(parts[3])
    out = []
    for sentences in docs.values():
        text = "\n".join(" ".join(tokens) for _, tokens in sorted(sentences.items()))
        out.append(re.sub(r" ([.,;:!?'])", r"\1", text))
    return out


def tempeval_documents(data: Path) -> list[str]:
    out = []
    for path in sorted((data / "tempeval3_platinum" / "TE3-platinum-test").glob("*.TE3input")):
        xml = path.read_text(encoding="utf-8")
        m = re.search(r"<TEXT>(.*)</TEXT>", xml, re.S)
        if m:
            out.append(re.sub(r"<[^>]+>", "", m.group(1)).strip())
    return out


def seed_documents(data: Path) -> list[str]:
    return [p.read_text(encoding="utf-8") for p in sorted((data / "seeds").glob("*.txt"))]


def synth_articles(data: Path, count: int, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    sources = ecb_documents(data) + tempeval_documents(data) + seed_documents(data)
    if not sources:
        raise SystemExit(f"no public data found under {data}")
    articles = []
    for i in range(count):
        base = sources[i % len(sources)].splitlines()
        extra = rng.choice(sources).splitlines()
        body = [ln for ln in base if ln.strip()] + rng.sample(extra, min(2, len(extra)))
        furniture = [f.format(title=rng.choice(body)[:60], n=rng.randint(1, 999), who=f"editor{rng.randint(1, 50)}")
                     for f in rng.sample(FURNITURE, 3)]
        lines = furniture[:2] + body[:3] + furniture[2:] + body[3:]
        articles.append("\n\n".join(lines))
    return articles
