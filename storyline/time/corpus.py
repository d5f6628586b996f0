"""refine_published: narrow weakly dated documents with dates that other documents of the corpus give.

Article A says "a decision a week ago by the Supreme Court"; article B, firmly dated, says "In April,
the Supreme Court revoked ...". The two sentences share a multi-word name and enough content words,
so A's publication lies a week after B's date for that event. Only relative expressions that fix the
distance (N units ago, yesterday, last week/month/year, a past weekday) are used; the result is
intersected with what A's own text allows, so a wrong match can narrow but never contradict it.
Linear in the corpus: events are indexed by name key, each relative mention looks up its keys.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from storyline.models import DateValue, Document, PublishedDate, RelativeTime, Timex
from storyline.time.calendar import add_months, interval_value, value_interval
from storyline.time.published import infer_published, undated_tags
from storyline.time.tagger import Tagged, anchor_key, document_matches, sentence_spans, tag_timexes

_RELATIVE_KINDS = {"ago", "deictic", "weekday", "unit-rel"}
FIRM_DAYS = 31          # a document dated within this many days can date events for others
CORPUS_MARGIN = 365     # a year-less dateline is kept within a year of the corpus's firm dates
MIN_SHARED_WORDS = 5     # content-word stems (names included) two sentences must share
MAX_POSTINGS = 50        # a name in more dated sentences than this cannot pin one event
_STOP = set("""that this with from have been were which their there about after before would could should
into over under than then them they these those when where while also said says will more most other some
such only very just what against between during because since being does made make many much announced
announces told reported according today yesterday week weeks month months year years""".split())
_TOLERANCE = {"day": 0, "night": 0, "week": 2, "fortnight": 3, "month": 7, "year": 60}


@dataclass
class DatedEvent:
    doc_id: str
    sentence: str
    first: date
    last: date
    words: frozenset[str]


_WORD = re.compile(r"[A-Za-z]{4,}")
_NAME_RUN = re.compile(r"(?:[A-Z][\w-]*(?:['’]s)?\s+){1,5}[A-Z][\w-]*")
_POSSESSIVE = re.compile(r"['’]s$")


# Cached: news repeats sentences (wire copy, background paragraphs), and every dated sentence and
# every sentence with a relative expression is read here.
@lru_cache(maxsize=1 << 17)
def _words(sentence: str) -> frozenset[str]:
    return frozenset(w[:5] for w in map(str.lower, _WORD.findall(sentence)) if w not in _STOP)


@lru_cache(maxsize=1 << 17)
def _name_keys(sentence: str) -> frozenset[str]:
    """Consecutive capitalised words as lower-case bigrams ("Russia's Supreme Court" -> "supreme court")."""
    keys = set()
    for run in _NAME_RUN.findall(sentence):
        toks = [_POSSESSIVE.sub("", t).lower() for t in run.split()]
        keys.update(f"{a} {b}" for a, b in zip(toks, toks[1:]))
    return frozenset(keys)


def _sentence_of(text: str, spans: list[tuple[int, int]], pos: int) -> str:
    for a, b in spans:
        if a <= pos < b:
            return text[a:b]
    return ""


def _width(p: PublishedDate) -> int | None:
    if p.earliest and p.latest:
        return (date.fromisoformat(p.latest) - date.fromisoformat(p.earliest)).days
    return None


def _is_firm(p: PublishedDate) -> bool:
    w = _width(p)
    return w is not None and w <= FIRM_DAYS and p.value is not None and not p.value.startswith("X")


def _dated_timexes(doc: Document) -> list[Timex]:
    """The document's time expressions resolved against its current publication date: those the
    per-document stage found when they were resolved against it, else tagged again."""
    p = doc.published
    if doc.timexes_anchor is not None and doc.timexes_anchor == anchor_key(p):
        return doc.timexes
    anchor = DateValue(p.value, p.granularity) if p and p.value and p.granularity else None
    return tag_timexes(doc.text, anchor, matches=document_matches(doc),
                       anchor_range=(p.earliest, p.latest) if p and p.earliest and p.latest else None)


def relative_times(doc: Document, tagged: list[Tagged] | None = None) -> list[RelativeTime]:
    """The relative expressions that fix a distance from the document's date, read without it
    (a pure function of the text, so the per-document stage computes it once). `tagged`:
    undated_tags(doc), when the caller has it already."""
    tagged = tagged if tagged is not None else undated_tags(doc)
    return [RelativeTime(t.timex.start, t.timex.end, t.timex.text, t.match.kind, dict(t.match.parts), t.tense)
            for t in tagged if t.match.kind in _RELATIVE_KINDS]


def _pub_given_event(t: RelativeTime, first: date, last: date) -> tuple[date, date] | None:
    """Where publication lies if the relative expression `t` names [first, last]."""
    if t.kind == "ago" and t.parts.get("n"):
        n, unit = t.parts["n"], t.parts["unit"]
        if unit not in _TOLERANCE or not float(n).is_integer():
            return None
        n = int(n)
        tol = timedelta(days=_TOLERANCE[unit] * max(1, n if unit != "year" else 1))
        if unit in ("day", "night", "week", "fortnight"):
            step = timedelta(days=n * {"day": 1, "night": 1, "week": 7, "fortnight": 14}[unit])
            return first + step - tol, last + step + tol
        months = n * (12 if unit == "year" else 1)
        return add_months(first, months) - tol, add_months(last, months) + tol
    if t.kind == "deictic" and t.parts.get("offset", 0) < 0:
        k = -t.parts["offset"]
        return first + timedelta(days=k), last + timedelta(days=k)
    if t.kind == "weekday" and t.tense != "future" and t.parts.get("rel") in (None, "last", "past"):
        if first == last and first.isoweekday() != t.parts["weekday"]:
            return None
        return first, last + timedelta(days=7)
    if t.kind == "unit-rel" and t.parts.get("rel") in ("last", "this") and t.parts["unit"] in ("week", "month", "year"):
        k = 1 if t.parts["rel"] == "last" else 0
        unit = t.parts["unit"]
        if unit == "year":
            return date(first.year + k, 1, 1), date(last.year + k, 12, 31)
        if unit == "month":
            a, b = add_months(first, k), add_months(last, k)
            return date(a.year, a.month, 1), value_interval(f"{b.year:04d}-{b.month:02d}")[1]
        return first + timedelta(days=7 * k - 6 * (k == 0)), last + timedelta(days=7 * k + 6)
    return None


def _index_events(docs: list[Document], common: set[str]) -> dict[str, list[DatedEvent]]:
    index: dict[str, list[DatedEvent]] = defaultdict(list)
    for doc in docs:
        spans = sentence_spans(doc.text, doc.sentences)
        by_sentence: dict[str, list[Timex]] = defaultdict(list)
        for t in _dated_timexes(doc):
            if t.type == "DATE" and t.granularity in ("day", "month"):
                by_sentence[_sentence_of(doc.text, spans, t.start)].append(t)
        for sentence, items in by_sentence.items():
            if len(items) != 1 or not sentence:
                continue
            span = value_interval(items[0].value)
            if span is None:
                continue
            event = DatedEvent(doc.id, sentence, span[0], span[1], _words(sentence))
            for key in _name_keys(sentence) - common:
                index[key].append(event)
    return index


def _narrow(doc: Document, first: date, last: date, why: str | Callable[[], str]) -> bool:
    """Intersect the document's publication interval with [first, last]; `why` (text, or a function
    giving it, since most calls change nothing) is added to the evidence."""
    p = doc.published
    lo = date.fromisoformat(p.earliest) if p.earliest else date.min
    hi = date.fromisoformat(p.latest) if p.latest else date.max
    new_lo, new_hi = max(lo, first), min(hi, last)
    if new_lo > new_hi or (new_lo, new_hi) == (lo, hi):
        return False
    why = why() if callable(why) else why
    if p.value and p.value.startswith("XXXX-"):          # year-less dateline: keep its month-day
        mo, d = int(p.value[5:7]), int(p.value[8:10])
        days = [x for y in range(new_lo.year, new_hi.year + 1)
                if (x := _valid(y, mo, d)) and new_lo <= x <= new_hi]
        if not days:
            return False
        if len(days) == 1:
            doc.published = PublishedDate(days[0].isoformat(), "day", days[0].isoformat(), days[0].isoformat(),
                                          p.method, max(p.confidence, 0.5), f"{p.evidence}; {why}", p.modified)
        else:
            years = ", ".join(str(x.year) for x in days)
            doc.published = PublishedDate(p.value, p.granularity, days[0].isoformat(), days[-1].isoformat(),
                                          p.method, p.confidence, f"{p.evidence}; {why}: year {years}", p.modified)
        return True
    value, gran = interval_value(new_lo, new_hi)
    width = (new_hi - new_lo).days
    confidence = max(p.confidence, 0.5 if width <= 7 else 0.4 if width <= 31 else 0.25)
    doc.published = PublishedDate(value, gran, new_lo.isoformat(), new_hi.isoformat(), "inferred" if
                                  p.method in ("unknown", "inferred") else p.method, confidence,
                                  f"{p.evidence}; {why}", p.modified)
    return True


def _valid(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def refine_published(docs: list[Document], *, today: date | None = None, rounds: int = 2) -> None:
    """Narrow the publication intervals of weakly dated documents using the corpus (in place)."""
    for doc in docs:
        if doc.published is None:
            doc.published = infer_published(doc, today=today)
    df = Counter(k for doc in docs for k in _name_keys.__wrapped__(doc.text))   # whole texts: not cached
    common = {k for k, n in df.items() if len(docs) >= 4 and n > len(docs) / 2}
    for _ in range(rounds):
        firm = [d for d in docs if _is_firm(d.published)]
        weak = [d for d in docs if not _is_firm(d.published) and d.published.method != "metadata"]
        if not firm or not weak:
            return
        # a name that very many dated sentences share is skipped like a common one; it also bounds
        # each lookup (every weak mention scanned the whole list: 109 s at 100k documents)
        index = {k: v for k, v in _index_events(firm, common).items() if len(v) <= MAX_POSTINGS}
        changed = False
        for doc in weak:
            spans = sentence_spans(doc.text, doc.sentences)
            refs = doc.relative_times if doc.relative_times is not None else relative_times(doc)
            for t in refs:
                sentence = _sentence_of(doc.text, spans, t.start)
                words = _words(sentence)
                # an event whose dates were applied already adds nothing (narrowing to the same
                # bounds again is a no-op), so copies of one sentence are applied once;
                # keys sorted: which event narrows first must not depend on the string hash
                applied: set[tuple[date, date]] = set()
                for key in sorted(_name_keys(sentence) - common):
                    for ev in index.get(key, ()):
                        if ev.doc_id == doc.id or (ev.first, ev.last) in applied \
                                or len(words & ev.words) < MIN_SHARED_WORDS:
                            continue
                        applied.add((ev.first, ev.last))
                        bounds = _pub_given_event(t, ev.first, ev.last)
                        if bounds and _narrow(doc, bounds[0], bounds[1], lambda: (
                                f"'{t.text}' refers to what {ev.doc_id} dates "
                                f"{ev.first.isoformat()}..{ev.last.isoformat()}: \"{ev.sentence[:80]}\"")):
                            changed = True
        changed |= _prune_yearless(docs)
        if not changed:
            return


def _prune_yearless(docs: list[Document]) -> bool:
    """Keep a year-less dateline's candidate years within a year of the corpus's firmly dated documents."""
    firm = [d.published for d in docs if _is_firm(d.published)]
    if not firm:
        return False
    lo = min(date.fromisoformat(p.earliest) for p in firm) - timedelta(days=CORPUS_MARGIN)
    hi = max(date.fromisoformat(p.latest) for p in firm) + timedelta(days=CORPUS_MARGIN)
    changed = False
    for doc in docs:
        p = doc.published
        if p.value and p.value.startswith("XXXX-"):
            changed |= _narrow(doc, lo, hi, f"corpus dated {lo + timedelta(days=CORPUS_MARGIN)}.."
                                            f"{hi - timedelta(days=CORPUS_MARGIN)} (kept within a year)")
    return changed
