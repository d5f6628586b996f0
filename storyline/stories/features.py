"""Article vectors for story detection: TF-IDF over words and capitalised names, truncated and sparse.

Hand-written rather than scikit-learn's TfidfVectorizer because story detection is online: document
frequencies grow as articles arrive, and every article keeps its own small vector (its strongest
terms) so that comparing it with a story costs a few dozen dictionary look-ups, whatever the corpus size.
Every function here is a pure function of its arguments, so the local and the Spark engine compute
bit-identical vectors and similarities.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable
from datetime import date

from spacy.lang.en.stop_words import STOP_WORDS

from storyline.config import StoriesConfig
from storyline.models import Document

Vector = dict[str, float]   # term -> weight, strongest first, L2-normalised over all terms of the article

_TOKEN = re.compile(r"[^\W\d_](?:[\w'’.-]*[^\W_])?|\d+(?:[.,:]\d+)*|[^\w\s]")  # words, numbers, punctuation
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)]*\s+|\n+")
_NAME_PREFIX = "n:"


def _norm_word(word: str) -> str:
    """Lower case, no possessive, crude plural folding (earthquakes/earthquake) — enough for blocking."""
    w = word.lower().replace("’", "'")
    if w.endswith("'s"):
        w = w[:-2]
    w = w.replace(".", "")
    if len(w) > 4 and w.endswith("ies"):
        return w[:-3] + "y"
    if len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is")):
        return w[:-1]
    return w


def _is_capitalised(token: str) -> bool:
    """Title case ("Kabul"), or an all-capitals acronym of two letters or more ("NATO")."""
    title_case = token[:1].isupper() and not token.isupper()
    return title_case or (token.isupper() and len(token) >= 2 and token.isalpha())


def _names(tokens: list[str]) -> Iterable[str]:
    """Runs of capitalised non-stop words; a lone capitalised word counts only inside a sentence."""
    words = [t for t in tokens if t[:1].isalpha() and t.lower() not in STOP_WORDS]  # punctuation ends a name
    if len(words) >= 4 and sum(map(_is_capitalised, words)) >= 0.6 * len(words):
        return  # a headline in title case: its capitals say nothing about names
    run: list[str] = []
    for i, tok in enumerate([*tokens, ""]):
        if tok and _is_capitalised(tok) and tok.lower() not in STOP_WORDS:
            run.append(tok)
            continue
        if run and (len(run) > 1 or i - len(run) > 0):
            yield " ".join(_norm_word(t) for t in run)
        run = []


def term_counts(doc: Document, name_weight: float = 2.0) -> Counter[str]:
    """Words (stop words out) and names of one article; names count `name_weight` times."""
    counts: Counter[str] = Counter()
    text = doc.text or ""
    if doc.title and doc.title not in text[:len(doc.title) + 2]:
        text = doc.title + "\n" + text
    for sentence in _SENTENCE_END.split(text):
        tokens = _TOKEN.findall(sentence)
        for tok in tokens:
            low = tok.lower()
            if not tok[:1].isalnum() or low in STOP_WORDS or len(low) < 2 or (low.isdigit() and len(low) < 3):
                continue
            counts[_norm_word(tok)] += 1
        for name in _names(tokens):
            counts[_NAME_PREFIX + name] += name_weight
    return counts


def idf(df: int, n_docs: int, prior_docs: int) -> float:
    """Smoothed IDF over at least `prior_docs` documents: in a small collection (five articles of one
    story) every term is "common", and plain IDF would let the words found in one article only
    outweigh the story's own vocabulary; the prior makes small collections weigh terms by TF."""
    return math.log((max(n_docs, prior_docs) + 1) / (df + 1)) + 1.0


def vectorise(counts: Counter[str], df: dict[str, int], n_docs: int, config: StoriesConfig) -> Vector:
    """Sublinear TF x IDF, L2-normalised over all terms, then only the `max_terms` strongest kept."""
    weights = {t: (1.0 + math.log(c)) * idf(df.get(t, 1), n_docs, config.idf_prior_docs)
               for t, c in counts.items() if c > 0}
    norm = math.sqrt(math.fsum(w * w for w in weights.values()))
    if norm == 0.0:
        return {}
    top = sorted(weights.items(), key=lambda kv: (-kv[1], kv[0]))[:config.max_terms]
    return {t: w / norm for t, w in top}


def blocking_keys(vector: Vector, df: dict[str, int], count: int, min_df: int = 2) -> list[str]:
    """The strongest terms that some other article shares (df >= 2): articles of one story share them.
    Online, the future is unknown: `min_df=1` keys an article by its strongest terms, shared yet or not."""
    return [t for t in vector if df.get(t, 0) >= min_df][:count]


def dot(a: Vector, b: Vector) -> float:
    """Correctly rounded (fsum), so the result does not depend on the order of the shared terms,
    which follows Python's per-process string hashing: every engine and worker gets the same bits."""
    if len(b) < len(a):
        a, b = b, a
    return math.fsum([a[t] * b[t] for t in a.keys() & b.keys()])


def day_of(doc: Document) -> int | None:
    """Publication day as an ordinal (middle of the known interval), None when unknown."""
    pub = doc.published
    if pub is None:
        return None
    try:
        if pub.earliest and pub.latest:
            first, last = date.fromisoformat(pub.earliest), date.fromisoformat(pub.latest)
            return (first.toordinal() + last.toordinal()) // 2
        if pub.value and pub.granularity == "day":
            return date.fromisoformat(pub.value[:10]).toordinal()
    except ValueError:
        return None
    return None


def decay(gap_days: int | None, config: StoriesConfig) -> float:
    """Weight of a similarity across `gap_days`: halves every half-life, down to a floor, so a
    strongly similar article still joins a story that went quiet for months."""
    if gap_days is None or config.half_life_days <= 0:
        return 1.0
    floor = config.decay_floor
    return floor + (1.0 - floor) * 0.5 ** (gap_days / config.half_life_days)


def gap(day: int | None, first: int | None, last: int | None) -> int | None:
    """Days from `day` to the span [first, last]; 0 inside it, None when a date is unknown."""
    if day is None or first is None or last is None:
        return None
    return max(0, first - day, day - last)
