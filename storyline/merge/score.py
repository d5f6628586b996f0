"""What the merge compares: one record per event mention, and the score of a pair of them."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from storyline.models import DateValue
from storyline.timeline.dates import compatible, interval, precision_rank

# Mentions that say an event happened can be merged with each other; a plan, a possibility and a
# denial are separate facts about the world and stay apart.
_MODALITY_CLASS = {"asserted": "real", "reported": "real", "planned": "planned", "possible": "possible",
                   "negated": "negated"}
_SUFFIXES = ("ization", "isation", "ation", "ition", "ment", "ings", "ing", "ion", "ize", "ise", "ies",
             "ied", "al", "ed", "es", "s", "e")


@lru_cache(maxsize=1 << 16)
def stem(lemma: str) -> str:
    """Crude derivational stem so "announce"/"announcement" and "recognize"/"recognition" meet.
    Hand-written: the Snowball stemmers live in NLTK/PyStemmer, a dependency for a dozen lines."""
    word = lemma.lower()
    for _ in range(2):
        for suffix in _SUFFIXES:
            if word.endswith(suffix) and len(word) - len(suffix) >= 4:
                word = word[: -len(suffix)]
                break
        else:
            break
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
    nearby: frozenset[str] = frozenset()        # every entity of the sentence: weaker evidence
    not_after: date | None = None               # undated: reported in an article of this day
    not_before: date | None = None              # undated new development: not long before that
    once: bool = False                          # a state change: agreeing dates weigh double
    context: dict[str, float] = field(default_factory=dict)   # unit-length weighted bag of words
    doc_context: dict[str, float] = field(default_factory=dict)
    sentence: int = -1
    # derived once, since every pair score reads them
    participants: frozenset[str] = field(init=False, default=frozenset())   # actors | targets
    around: frozenset[str] = field(init=False, default=frozenset())         # nearby | participants
    modality_class: str = field(init=False, default="real")
    lemma_stem: str = field(init=False, default="")

    def __post_init__(self) -> None:
        self.participants = self.actors | self.targets
        self.around = self.nearby | self.participants
        self.modality_class = _MODALITY_CLASS.get(self.modality, "real")
        self.lemma_stem = stem(self.lemma)


@dataclass(frozen=True, slots=True)
class Weights:
    """Pair score = lexical match x (base + evidence) - penalties. Without some lexical match (same
    word, same stem, or for typed events the same type) two mentions are not merged: nothing here
    knows that "quake" and "temblor" are one thing. Defaults suit typed news events."""

    same_lemma: float = 1.0
    same_stem: float = 0.8
    same_type: float = 0.8              # typed events of one type, different words ("seized"/"takeover")
    base: float = 0.45
    participants: float = 0.5           # times the Jaccard overlap of participants
    nearby: float = 0.4                 # times the Jaccard overlap of the sentences' entities
    no_shared_participant: float = 0.15 # both have participants, none shared
    context: float = 0.3                # times the cosine of the sentences' words
    doc_context: float = 0.0            # times the cosine of the documents' words
    same_date: float = 0.3              # both dated, agreeing to the month or finer
    same_year: float = 0.15             # both dated, agreeing only to the year
    same_doc: float = 0.2               # one article telling its news twice
    threshold: float = 0.5              # average pair score needed to merge two clusters


def _window(r: MentionRecord) -> tuple[date, date] | None:
    if r.date is not None:
        return interval(r.date.value)
    if r.not_after is None:
        return None
    return (r.not_before or date.min, r.not_after)


def _fits_window(a: MentionRecord, b: MentionRecord) -> bool:
    """b's date (or time window) overlaps the window in which a's undated event can lie."""
    if a.date is not None or a.not_after is None:
        return True
    wa, wb = _window(a), _window(b)
    return wb is None or wa is None or (wa[0] <= wb[1] and wb[0] <= wa[1])


def _name_words(key: str) -> frozenset[str]:
    return frozenset(key[5:].split()) if key.startswith("name:") else frozenset()


def overlap(xs: frozenset[str], ys: frozenset[str]) -> float:
    """Jaccard overlap of two sets of participant keys. Unresolved names ("name:...") also meet
    when one's words contain the other's ("afghanistan" in "islamic emirate of afghanistan")."""
    if not xs or not ys:
        return 0.0
    shared = len(xs & ys)
    for x in xs - ys:
        wx = _name_words(x)
        if wx and any((wy := _name_words(y)) and (wx <= wy or wy <= wx) for y in ys - xs):
            shared += 1
    return min(1.0, shared / len(xs | ys))


def cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(w * b[k] for k, w in a.items() if k in b)   # a's order: the same float sum in every run


def normalise(bag: dict[str, float]) -> dict[str, float]:
    norm = math.sqrt(sum(v * v for v in bag.values()))
    return {k: v / norm for k, v in bag.items()} if norm else {}


def pair_score(a: MentionRecord, b: MentionRecord, w: Weights) -> float | None:
    """Higher is more alike; None when the two cannot be one event."""
    if a.modality_class != b.modality_class or not compatible(a.date, b.date):
        return None
    if not _fits_window(a, b) or not _fits_window(b, a):
        return None   # an article cannot report an event dated after its publication
    if a.doc == b.doc and a.sentence == b.sentence and a.sentence >= 0:
        return None    # two mentions in one sentence are two events ("killed ... after shooting")
    typed = a.type != "OTHER" and b.type != "OTHER"
    if typed and a.type != b.type:
        return None
    if a.lemma == b.lemma:
        lexical = w.same_lemma
    elif a.lemma_stem == b.lemma_stem:
        lexical = w.same_stem
    elif typed:
        lexical = w.same_type
    else:
        return 0.0
    evidence = w.base
    pa, pb = a.participants, b.participants
    if pa and pb:
        evidence += w.participants * overlap(pa, pb)
    na, nb = a.around, b.around
    if w.nearby and na and nb:
        evidence += w.nearby * overlap(na, nb)
    if w.context:
        evidence += w.context * cosine(a.context, b.context)
    if w.doc_context:
        evidence += w.doc_context * (1.0 if a.doc == b.doc else cosine(a.doc_context, b.doc_context))
    if a.date is not None and b.date is not None:
        coarser = min(precision_rank(a.date.granularity), precision_rank(b.date.granularity))
        agree = w.same_date if coarser >= precision_rank("month") else w.same_year
        evidence += agree * (2 if a.once and b.once else 1)
    if a.doc == b.doc:
        evidence += w.same_doc
    score = lexical * evidence
    if pa and pb and not overlap(pa, nb) and not overlap(pb, na):
        score -= w.no_shared_participant
    return score


_WORD = re.compile(r"[^\W\d_][\w'-]*", re.UNICODE)


def words(text: str) -> list[str]:
    return [m.group(0).lower() for m in _WORD.finditer(text)]
