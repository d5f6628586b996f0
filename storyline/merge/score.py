"""What the merge compares: one record per event mention, and the score of a pair of them."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

from storyline.models import DateValue
from storyline.timeline.dates import compatible

# Mentions that say an event happened can be merged with each other; a plan, a possibility and a
# denial are separate facts about the world and stay apart.
_MODALITY_CLASS = {"asserted": "real", "reported": "real", "planned": "planned", "possible": "possible",
                   "negated": "negated"}
_SUFFIXES = ("ization", "isation", "ation", "ition", "ment", "ings", "ing", "ion", "ies", "ied", "al",
             "ed", "es", "s", "e")


def stem(lemma: str) -> str:
    """Crude derivational stem so "announce"/"announcement" and "elect"/"election" meet.
    Hand-written: the Snowball stemmers live in NLTK/PyStemmer, a dependency for six lines."""
    word = lemma.lower()
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


@dataclass(slots=True)
class MentionRecord:
    """The comparable part of one event mention."""

    key: tuple                                  # caller's handle: (doc index, mention index), ...
    doc: str
    group: str = ""                             # records of different groups are never compared
    type: str = "OTHER"
    lemma: str = ""
    date: DateValue | None = None
    modality: str = "asserted"
    actors: frozenset[str] = frozenset()        # entity ids, or normalised names when unresolved
    targets: frozenset[str] = frozenset()
    context: dict[str, float] = field(default_factory=dict)   # unit-length weighted bag of words
    doc_context: dict[str, float] = field(default_factory=dict)
    sentence: int = -1

    @property
    def participants(self) -> frozenset[str]:
        return self.actors | self.targets

    @property
    def modality_class(self) -> str:
        return _MODALITY_CLASS.get(self.modality, "real")


@dataclass(frozen=True, slots=True)
class Weights:
    """Pair-score weights. Defaults suit typed news events; benchmarks may pass others."""

    same_lemma: float = 0.45
    same_stem: float = 0.3
    same_type: float = 0.15             # typed events of one type, different words ("seized"/"takeover")
    participants: float = 0.5           # times the Jaccard overlap of participants
    no_shared_participant: float = 0.25  # both have participants, none shared
    context: float = 0.35               # times the cosine of the sentences' words
    doc_context: float = 0.0            # times the cosine of the documents' words
    same_date: float = 0.2              # both dated, same value
    same_doc_near: float = 0.0          # same document
    threshold: float = 0.5              # average pair score needed to merge two clusters


def cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(w * b.get(k, 0.0) for k, w in a.items())


def normalise(bag: dict[str, float]) -> dict[str, float]:
    norm = math.sqrt(sum(v * v for v in bag.values()))
    return {k: v / norm for k, v in bag.items()} if norm else {}


def pair_score(a: MentionRecord, b: MentionRecord, w: Weights) -> float | None:
    """Higher is more alike; None when the two cannot be one event."""
    if a.modality_class != b.modality_class or not compatible(a.date, b.date):
        return None
    typed = a.type != "OTHER" and b.type != "OTHER"
    if typed and a.type != b.type:
        return None
    score = 0.0
    if a.lemma == b.lemma:
        score += w.same_lemma
    elif stem(a.lemma) == stem(b.lemma):
        score += w.same_stem
    elif typed:
        score += w.same_type
    pa, pb = a.participants, b.participants
    if pa and pb:
        shared = len(pa & pb)
        score += w.participants * shared / len(pa | pb)
        if not shared:
            score -= w.no_shared_participant
    if w.context:
        score += w.context * cosine(a.context, b.context)
    if w.doc_context and a.doc != b.doc:
        score += w.doc_context * cosine(a.doc_context, b.doc_context)
    elif w.doc_context:
        score += w.doc_context
    if a.date is not None and b.date is not None and a.date.value == b.date.value:
        score += w.same_date
    if a.doc == b.doc:
        score += w.same_doc_near
    return score


_WORD = re.compile(r"[^\W\d_][\w'-]*", re.UNICODE)


def words(text: str) -> list[str]:
    return [m.group(0).lower() for m in _WORD.finditer(text)]
