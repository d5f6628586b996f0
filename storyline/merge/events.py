"""Corpus-level event merge: mentions of one event across articles become one `Event`."""

from __future__ import annotations

import hashlib
import re
from collections import Counter, defaultdict
from collections.abc import MutableMapping
from datetime import date

from spacy.lang.en.stop_words import STOP_WORDS

from storyline.events.lexicon import load_lexicon
from storyline.merge.cluster import cluster
from storyline.merge.score import MentionRecord, Weights, normalise, words
from storyline.models import DateValue, Document, Entity, Event, EventMention
from storyline.time.calendar import schema_date
from storyline.timeline.dates import interval, precision_rank

_MODALITY_ORDER = ("asserted", "reported", "planned", "possible", "negated")
_DATE_SOURCE_RANK = {"timex": 2, "sentence": 1}


def _entity_key(doc: Document, index: int) -> str:
    m = doc.entity_mentions[index]
    return m.entity_id or "name:" + _norm_name(m.text)


def _norm_name(text: str) -> str:
    text = re.sub(r"^(the|a|an)\s+", "", text.strip().lower())
    return re.sub(r"['’]s$", "", text)


def _keys(doc: Document, indexes: list[int], fallback: list[str]) -> frozenset[str]:
    if indexes:
        return frozenset(_entity_key(doc, i) for i in indexes if 0 <= i < len(doc.entity_mentions))
    return frozenset("name:" + _norm_name(t) for t in fallback if t)


def _sentence_entities(doc: Document) -> dict[int, frozenset[str]]:
    by_sentence: dict[int, set[str]] = defaultdict(set)
    starts = [s.start for s in doc.sentences]
    for i, m in enumerate(doc.entity_mentions):
        s = m.sentence
        if s < 0 and starts:
            s = max(0, sum(1 for x in starts if x <= m.start) - 1)
        if m.label not in ("DATE", "TIME", "CARDINAL", "ORDINAL", "PERCENT", "MONEY", "QUANTITY"):
            by_sentence[s].add(_entity_key(doc, i))
    return {k: frozenset(v) for k, v in by_sentence.items()}


def _day(value: str | None) -> date | None:
    iv = interval(value)
    return iv[1] if iv else None


def _first_day(value: str | None) -> date | None:
    iv = interval(value)
    return iv[0] if iv else None


def _idf(n: int, df: int) -> float:
    """log2(n / df) with the sentence count and the word's count each rounded down to a power of
    two. One more article then changes the weights only of words whose count crosses a power of two,
    so an incremental run finds most components of the pair graph unchanged and reuses them."""
    return float(n.bit_length() - df.bit_length() + 1)


def _records(docs: list[Document]) -> tuple[list[MentionRecord], list[tuple[Document, EventMention]]]:
    sentence_text = {}
    df: Counter[str] = Counter()
    for d, doc in enumerate(docs):
        for s, sent in enumerate(doc.sentences):
            bag = {w for w in words(sent.text) if w not in STOP_WORDS and len(w) > 2}
            sentence_text[(d, s)] = bag
            df.update(bag)
    n = max(1, len(sentence_text))
    once = load_lexicon().once
    records, owners = [], []
    for d, doc in enumerate(docs):
        nearby_by_sentence = _sentence_entities(doc)
        for k, em in enumerate(doc.event_mentions):
            bag = sentence_text.get((d, em.sentence), set())
            # words in sorted order: the set's order follows the per-process string hash, and the
            # norm and every cosine are float sums in this order (the merge must not differ by process)
            context = normalise({w: _idf(n, df[w]) for w in sorted(bag)})
            nearby = nearby_by_sentence.get(em.sentence) or frozenset(
                "name:" + _norm_name(t) for t in em.extra.get("sentence_ents", ()))
            records.append(MentionRecord(
                key=(d, k), doc=doc.id, type=em.type, lemma=em.extra.get("lemma", em.trigger.lower()),
                date=em.date, modality=em.modality, sentence=em.sentence, once=em.type in once,
                actors=_keys(doc, em.actors, em.extra.get("actors_text", [])),
                targets=_keys(doc, em.targets, em.extra.get("targets_text", [])),
                nearby=nearby, not_after=_day(em.extra.get("not_after")),
                not_before=_first_day(em.extra.get("not_before")), context=context))
            owners.append((doc, em))
    return records, owners


def merge_events(docs: list[Document], entities: list[Entity] | None = None, *,
                 weights: Weights | None = None, memo: MutableMapping[str, list[int]] | None = None) -> list[Event]:
    """Cluster the event mentions of all documents into events (see storyline.merge.cluster; `memo`
    carries clustered components from an earlier run of the same corpus)."""
    records, owners = _records(docs)
    labels = cluster(records, weights or Weights(), memo=memo)
    groups: dict[int, list[int]] = defaultdict(list)
    for i, label in enumerate(labels):
        groups[label].append(i)
    names = {e.id: e.name for e in entities or []}
    events = [_event([owners[i] for i in members], names) for members in groups.values()]
    events.sort(key=lambda e: e.id)
    return events


def _best_date(mentions: list[EventMention]) -> tuple[DateValue | None, str]:
    best, source = None, "none"
    for em in mentions:
        if em.date is None:
            continue
        rank = (_DATE_SOURCE_RANK.get(em.date_source, 0), precision_rank(em.date.granularity))
        if best is None or rank > best[0]:
            best, source = (rank, em.date), em.date_source
    return (best[1], source) if best else (None, "publication" if any(
        em.date_source == "publication" for em in mentions) else "none")


def _ranked(keys: list[str]) -> list[str]:
    return [k for k, _ in Counter(keys).most_common()]


def _summary_mention(pairs: list[tuple[Document, EventMention]]) -> EventMention:
    def quality(pair: tuple[Document, EventMention]) -> tuple:
        em = pair[1]
        return (em.modality == "asserted", bool(em.actors or em.extra.get("actors_text")),
                bool(em.targets or em.extra.get("targets_text")), em.date_source == "timex",
                -len(em.extra.get("summary", "")))
    return max(pairs, key=quality)[1]


def _display(keys: list[str], names: dict[str, str], pairs: list[tuple[Document, EventMention]]) -> list[str]:
    """Display names: the entity's canonical name, else the text as first written."""
    written: dict[str, str] = {}
    for doc, em in pairs:
        for i in em.actors + em.targets:
            if 0 <= i < len(doc.entity_mentions):
                written.setdefault(_entity_key(doc, i), doc.entity_mentions[i].text)
        for text in em.extra.get("actors_text", []) + em.extra.get("targets_text", []):
            written.setdefault("name:" + _norm_name(text), text)
    return [names.get(k) or written.get(k) or k.removeprefix("name:") for k in keys]


def _event(pairs: list[tuple[Document, EventMention]], names: dict[str, str]) -> Event:
    mentions = [em for _, em in pairs]
    raw_date, date_source = _best_date(mentions)
    # story.json dates are years, months or days: a week becomes its month (or year); a decade
    # cannot be said so and is kept in extra["date_raw"] with the event left undated
    date_value = schema_date(raw_date.value) if raw_date is not None else None
    modality = min((em.modality for em in mentions), key=lambda m: _MODALITY_ORDER.index(m)
                   if m in _MODALITY_ORDER else 9)
    # sets sorted before ranking: ties keep one order in every process (str hashes are salted)
    actor_keys = _ranked([k for doc, em in pairs
                          for k in sorted(_keys(doc, em.actors, em.extra.get("actors_text", [])))])
    target_keys = [k for k in _ranked([k for doc, em in pairs
                                       for k in sorted(_keys(doc, em.targets, em.extra.get("targets_text", [])))])
                   if k not in actor_keys]
    actors = [k for k in actor_keys if not k.startswith("name:")]     # resolved entity ids only
    targets = [k for k in target_keys if not k.startswith("name:")]
    out_mentions = []
    for doc, em in sorted(pairs, key=lambda p: (p[0].id, p[1].start)):
        sent = doc.sentences[em.sentence] if 0 <= em.sentence < len(doc.sentences) else None
        attributed = _entity_key(doc, em.attributed_to) if em.attributed_to is not None else None
        if attributed is not None and attributed.startswith("name:"):
            attributed = None
        out_mentions.append({
            "doc": doc.id, "sentence": sent.text if sent else "", "start": sent.start if sent else em.start,
            "end": sent.end if sent else em.end, "attributed_to": attributed,
            "trigger": {"start": em.start, "end": em.end, "text": em.trigger},
            "modality": em.modality, "background": em.background,
            **({"attributed_text": em.extra["attributed_text"]} if em.extra.get("attributed_text") else {}),
        })
    independent = {doc.duplicate_of or doc.id for doc, _ in pairs}
    best = _summary_mention(pairs)
    summary = re.sub(r"\s+", " ", best.extra.get("summary") or best.trigger).strip()
    if len(summary) > 160:
        summary = summary[:157].rstrip() + "..."
    first = min((doc.id, em.start) for doc, em in pairs)
    ident = hashlib.sha1(f"{best.type}|{first[0]}|{first[1]}".encode()).hexdigest()[:16]
    not_after = [em.extra["not_after"] for em in mentions if em.extra.get("not_after")]
    extra = {"date_source": date_source if date_value is not None else "none", "lemmas": _ranked([em.extra.get("lemma", "") for em in mentions]),
             "actor_names": _display(actor_keys, names, pairs),
             "target_names": _display(target_keys, names, pairs)}
    if raw_date is not None and (date_value is None or date_value.value != raw_date.value):
        extra["date_raw"] = raw_date.to_json()
    if date_value is None and not_after:
        extra["not_after"] = min(not_after)   # at or before the earliest article that reports it
    phrases = _ranked([p for em in mentions for p in em.extra.get("phrases", [])])
    if phrases:
        extra["phrases"] = phrases   # participants written as plain noun phrases ("the new phone")
    if best.extra.get("mode"):
        extra["mode"] = best.extra["mode"]
    locations = [em.extra["location_text"] for em in mentions if em.extra.get("location_text")]
    if locations:
        extra["location"] = Counter(locations).most_common(1)[0][0]
    return Event(id=ident, summary=summary, type=best.type, date=date_value, modality=modality,
                 actors=actors, targets=targets, mentions=out_mentions, source_count=len(independent),
                 background=all(em.background for em in mentions), extra=extra)
