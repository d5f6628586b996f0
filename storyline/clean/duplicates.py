"""Corpus level: exact and near-duplicate (syndicated) copies, linked to the first copy, never deleted.

MinHash over word 5-gram shingles with datasketch's LSH index keeps this near-linear in corpus
size; candidate pairs are then confirmed with the exact Jaccard similarity of their shingle sets.
"""

from __future__ import annotations

import re

from datasketch import MinHash, MinHashLSH

from storyline.models import Document

NUM_PERM = 64


def shingles_of(text: str, size: int = 5) -> set[str]:
    words = re.findall(r"\w+", text.lower())
    if len(words) < size:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i:i + size]) for i in range(len(words) - size + 1)}


def kept_body(doc: Document) -> str:
    return "\n".join(line.text for line in doc.lines if line.removed is None)


def mark_duplicates(docs: list[Document], threshold: float = 0.85) -> int:
    """Set duplicate_of / duplicates on copies of earlier documents. Returns how many copies were found."""
    lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
    shingles: dict[str, set[str]] = {}
    by_key: dict[str, Document] = {}
    by_id: dict[str, Document] = {}
    found = 0
    for index, doc in enumerate(docs):
        key = f"{index}"
        sh = shingles_of(kept_body(doc))
        if not sh:
            continue
        mh = MinHash(num_perm=NUM_PERM)
        mh.update_batch([s.encode("utf-8") for s in sh])
        best, best_sim = None, threshold
        # candidates in input order, strict improvement: ties go to the earliest document (deterministic)
        for other in sorted(lsh.query(mh), key=int):
            sim = len(sh & shingles[other]) / len(sh | shingles[other])
            if sim > best_sim or (best is None and sim >= best_sim):
                best, best_sim = other, sim
        if best is not None:
            original = by_key[best]
            root = by_id.get(original.duplicate_of or "", original)  # link every copy to the first one
            doc.duplicate_of = root.id
            root.duplicates.append(doc.id)
            doc.extra["duplicate_similarity"] = round(best_sim, 3)
            found += 1
        lsh.insert(key, mh)
        shingles[key] = sh
        by_key[key] = doc
        by_id.setdefault(doc.id, doc)
    return found
