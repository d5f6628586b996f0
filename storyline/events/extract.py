"""Event mentions of one document: trigger, type, participants, date, modality, attribution.

A pure function of the document and its spaCy parse. Types come from the data-file lexicon
(storyline/data/event_types.toml); everything else from the dependency parse and the time layer.
"""

from __future__ import annotations

import bisect
from datetime import date, timedelta

from spacy.tokens import Doc as SpacyDoc
from spacy.tokens import Span, Token

from storyline.events import arguments as args
from storyline.events.lexicon import Lexicon, load_lexicon
from storyline.events.modality import in_temporal_clause, is_pluperfect, modality
from storyline.models import DateValue, Document, EventMention, Sentence, Timex
from storyline.timeline.dates import days_before, interval

BACKGROUND_DAYS = 31          # an event dated more than a month before publication is background
_EVENT_NOUN_SUFFIXES = ("tion", "sion", "ment", "ance", "ence", "ure", "al", "ing", "ery")
_NAMED = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT", "LAW", "PRODUCT", "WORK_OF_ART"})


def classify(t: Token, lex: Lexicon) -> tuple[str, str | None] | None:
    """(type, matched rule word) for a trigger candidate, or None."""
    if t.pos_ not in ("VERB", "NOUN"):
        return None
    lemma = t.lemma_.lower()
    if lemma in lex.rule_lemmas:
        clause = None
        for rule in lex.rules:
            if lemma not in rule.lemmas:
                continue
            if rule.with_any:
                if clause is None:
                    toks = args.clause_tokens(t)
                    clause = {c.lemma_.lower() for c in toks} | {c.lower_ for c in toks}
                hit = rule.with_any & clause
                if not hit:
                    continue
                return rule.type, next(iter(hit))
            if rule.subject_any:
                subj = args.subject(t) if t.pos_ == "VERB" else None
                words = set()
                if subj is not None:
                    words = {subj.lemma_.lower()} | {c.lemma_.lower() for c in subj.children}
                if t.pos_ == "NOUN":
                    words |= {c.lemma_.lower() for c in t.subtree}
                if not rule.subject_any & words:
                    continue
            return rule.type, None
    table = lex.verbs if t.pos_ == "VERB" else lex.nouns
    if lemma in table:
        return table[lemma], None
    if t.pos_ == "NOUN" and t.lower_ in table:   # "credentials", "talks": plural-only senses
        return table[t.lower_], None
    return None


def _eventive(t: Token) -> bool:
    """Untyped mode (TimeML-style coverage): main verbs and deverbal nouns."""
    if t.pos_ == "VERB":
        return t.dep_ not in ("aux", "auxpass")
    return t.pos_ == "NOUN" and t.lower_.endswith(_EVENT_NOUN_SUFFIXES) and len(t) > 5


def _describes_state(t: Token) -> bool:
    """"US-backed", "internationally recognized government", "remains outlawed", "is banned":
    a participle that describes a state rather than reports an event."""
    if t.pos_ != "VERB":
        return False
    if t.dep_ in ("amod", "acomp", "oprd", "compound"):
        return True
    if t.dep_ == "acl" and t.tag_ == "VBN" and args.agent(t) is None:
        return True
    present_passive = any(c.dep_ == "auxpass" and c.tag_ in ("VBZ", "VBP") for c in t.children)
    return present_passive and not any(c.dep_ == "aux" for c in t.children)


class _MentionIndex:
    """Entity mentions by character offset, for "which mentions lie inside this phrase"."""

    def __init__(self, doc: Document) -> None:
        self.mentions = doc.entity_mentions
        self.order = sorted(range(len(self.mentions)), key=lambda i: self.mentions[i].start)
        self.starts = [self.mentions[i].start for i in self.order]

    def inside(self, start: int, end: int) -> list[int]:
        lo = bisect.bisect_left(self.starts, start)
        out = []
        for k in range(lo, len(self.order)):
            m = self.mentions[self.order[k]]
            if m.start >= end:
                break
            if m.end <= end:
                out.append(self.order[k])
        return out


def _phrase_span(head: Token) -> tuple[int, int, str]:
    toks = args.phrase_tokens(head)
    toks = [t for t in toks if t.pos_ != "PUNCT"] or [head]
    start, end = toks[0].idx, toks[-1].idx + len(toks[-1])
    return start, end, head.doc.text[start:end]


def _resolve(heads: list[Token], index: _MentionIndex) -> tuple[list[int], list[str], list[str]]:
    """(entity mentions, names, phrases) for argument heads: names are entity-mention or spaCy
    entity texts; a phrase ("the group") stands in for display only when no name is there."""
    found: list[int] = []
    texts: list[str] = []
    phrases: list[str] = []
    for head in heads:
        if args.is_pronoun(head) and head.lower_ not in ("it", "they"):
            continue
        start, end, text = _phrase_span(head)
        inside = index.inside(start, end)
        own = [i for i in inside if index.mentions[i].start <= head.idx < index.mentions[i].end]
        picked = own or inside[:3]
        for i in picked:
            if i not in found:
                found.append(i)
        if picked:
            texts += [index.mentions[i].text for i in picked]
        elif not args.is_pronoun(head):
            ents = [e for e in head.doc.ents if e.start_char >= start and e.end_char <= end
                    and e.label_ in _NAMED]
            texts += [e.text for e in ents]
            if not ents:
                phrases.append(text if len(text) < 60 else head.text)
    return found, texts, phrases


def _governs(tx_root: Token, t: Token) -> bool:
    """The time expression hangs off `t` without passing through another verb."""
    cur = tx_root
    for _ in range(8):
        if cur.i == t.i:
            return True
        if cur.head.i == cur.i:
            return False
        cur = cur.head
        if cur.i == t.i:
            return True
        if cur.pos_ in ("VERB", "AUX") and cur.dep_ != "amod":
            return False
    return False


def _governing_verb(tok: Token) -> Token | None:
    cur = tok
    for _ in range(10):
        if cur.head.i == cur.i:
            return None
        cur = cur.head
        if cur.pos_ in ("VERB", "AUX") and cur.dep_ != "amod":
            return cur
    return None


def _date_candidates(t: Token, timexes: list[tuple[Timex, Span]], lo: int, hi: int) -> list[tuple[Timex, str]]:
    """The sentence's time expressions that could date the trigger, best first: those governing it
    ("timex"), then those hanging off a clause that contains the trigger, or off no verb at all
    ("sentence"), nearest clause and nearest words first. An expression that dates another clause's
    verb ("Jobs, born in 1955, ...") is not the sentence's date for this trigger. The mention takes
    the first that carries a date; the list is kept so that a new document date can choose again
    without a parse (redate_events)."""
    in_sent = [(tx, sp) for tx, sp in timexes if sp.sent == t.sent and lo <= tx.start < hi]
    governing = [(tx, "timex") for tx, sp in in_sent if _governs(sp.root, t)]
    ancestors = [t, *t.ancestors]
    ranked = []
    for order, (tx, sp) in enumerate(in_sent):
        if _governs(sp.root, t):
            continue
        gov = _governing_verb(sp.root)
        if gov is not None and gov not in ancestors:
            continue
        rank = ancestors.index(gov) if gov is not None else len(ancestors)
        ranked.append(((rank, min(abs(sp.start - t.i), abs(sp.end - 1 - t.i)), order), tx))
    ranked.sort(key=lambda item: item[0])
    return governing + [(tx, "sentence") for _, tx in ranked]


def _first_dated(candidates: list[tuple[Timex, str]]) -> tuple[Timex | None, str]:
    for tx, found_by in candidates:
        if tx.date() is not None:
            return tx, found_by
    return None, "none"


_DATE_KEYS = ("date_text", "date_at", "date_mod", "not_after", "not_before")


def _date_fields(tx: Timex | None, found_by: str, clause_background: bool, pub_start: date | None,
                 not_after: str | None) -> tuple[DateValue | None, str, bool, dict]:
    """Date, date source, background flag and the date entries of `extra` of a mention that the
    expression `tx` dates (found as the trigger's own, "timex", or the sentence's), or nothing dates."""
    extra: dict = {}
    date_value = tx.date() if tx is not None else None
    date_source = found_by if date_value is not None else "none"
    if tx is not None:
        extra["date_text"] = tx.text
        extra["date_at"] = [tx.start, tx.end]
        if tx.mod:
            extra["date_mod"] = tx.mod
    background = clause_background
    if date_value is not None and pub_start is not None:
        before = days_before(date_value, pub_start)
        background = background or (before is not None and before > BACKGROUND_DAYS)
    if date_value is None and not_after is not None:
        date_source = "publication"
        extra["not_after"] = not_after   # at or before publication: kept as a bound, not as a date
        if not background and pub_start is not None:   # news of the day: recent, not years old
            extra["not_before"] = (pub_start - timedelta(days=BACKGROUND_DAYS)).isoformat()
    return date_value, date_source, background, extra


def _date_spans(doc: Document) -> list[list[int]]:
    return [[tx.start, tx.end] for tx in doc.timexes if tx.type in ("DATE", "TIME")]


def redate_events(doc: Document) -> bool:
    """Date doc.event_mentions again after doc.published (and so doc.timexes) changed, without a
    parse. Which expressions could date a mention depends on the parse and was kept; when the
    document's expressions sit where they did (only their values moved), each mention takes the
    first of its candidates that now carries a date. Returns False when extraction must run again."""
    if doc.extra.get("event_timexes") != _date_spans(doc):
        return False
    if any("clause_background" not in em.extra for em in doc.event_mentions):
        return False   # extracted before this was recorded
    by_span = {(tx.start, tx.end): tx for tx in doc.timexes}
    pub_start, not_after = _publication_bounds(doc)
    for em in doc.event_mentions:
        candidates = [(by_span[(a, b)], found_by) for a, b, found_by in em.extra.get("date_candidates", [])]
        tx, found_by = _first_dated(candidates)
        for key in _DATE_KEYS:
            em.extra.pop(key, None)
        em.date, em.date_source, em.background, date_extra = _date_fields(
            tx, found_by, em.extra["clause_background"], pub_start, not_after)
        em.extra.update(date_extra)
    return True


def _summary(t: Token, actor_texts: list[str]) -> str:
    toks = args.clause_tokens(t) if t.pos_ == "VERB" else list(t.subtree)
    toks = [x for x in toks
            if not x.is_space and not (x.pos_ == "PUNCT" and x.lower_ not in ("-", "'", "’"))]
    if len(toks) > 30:
        pivot = toks.index(t)
        toks = toks[max(0, pivot - 10): pivot + 15]
    text = " ".join(x.text for x in toks)
    text = text.replace(" 's", "'s").replace(" ’s", "’s").replace(" n't", "n't")
    if actor_texts and actor_texts[0] not in text:
        text = f"{actor_texts[0]}: {text}"
    return text


def _publication_bounds(doc: Document) -> tuple[date | None, str | None]:
    """First day the document can be from, and the latest it can be from (what undated events are
    not after)."""
    pub = doc.published
    not_after = (pub.latest or pub.value) if pub is not None and (pub.latest or pub.value) else None
    return _pub_earliest(doc), not_after


def _pub_earliest(doc: Document) -> date | None:
    pub = doc.published
    if pub is None:
        return None
    for value in (pub.earliest, pub.value):
        iv = interval(value)
        if iv:
            return iv[0]
    return None


def _sentences(doc: Document, sdoc: SpacyDoc) -> list[Sentence]:
    if not doc.sentences:   # no cleaning stage ran: take spaCy's sentences
        doc.sentences = [Sentence(s.start_char, s.end_char, s.text) for s in sdoc.sents if s.text.strip()]
    return doc.sentences


def extract_events(doc: Document, sdoc: SpacyDoc, *, untyped: bool = False) -> None:
    """Fill doc.event_mentions from the parse `sdoc` of doc.text.

    untyped=True also keeps every main verb and deverbal noun as type "OTHER" (TimeML-style event
    coverage, used by the SemEval benchmark); the default keeps only lexicon types.
    """
    lex = load_lexicon()
    sentences = _sentences(doc, sdoc)
    sent_starts = [s.start for s in sentences]
    index = _MentionIndex(doc)
    timexes: list[tuple[Timex, Span]] = []   # dated or not: a new document date may date them
    for tx in doc.timexes:
        span = sdoc.char_span(tx.start, tx.end, alignment_mode="expand")
        if tx.type in ("DATE", "TIME") and span is not None and len(span):
            timexes.append((tx, span))
    pub_start, not_after = _publication_bounds(doc)
    mentions: list[EventMention] = []
    typed_at: dict[int, str] = {}
    for t in sdoc:
        found = classify(t, lex)
        if found is None:
            if not (untyped and _eventive(t)):
                continue
            found = ("OTHER", None)
        typed_at[t.i] = found[0]
    for i, event_type in typed_at.items():
        t = sdoc[i]
        if _describes_state(t) and event_type != "OTHER":
            continue
        # "signed an agreement", "revoked the designation": the verb already carries the event
        if t.pos_ == "NOUN" and t.dep_ in ("dobj", "pobj", "nsubjpass"):
            gov = t.head if t.dep_ != "pobj" else t.head.head
            gov_type = typed_at.get(gov.i, "OTHER")
            if gov.i != t.i and event_type != "OTHER" and gov_type != "OTHER" and (
                    t.dep_ != "pobj" or gov_type == event_type):
                continue
        mentions.append(_mention(doc, t, event_type, lex, index, timexes, sentences, sent_starts,
                                 pub_start, not_after))
    doc.event_mentions = mentions
    doc.extra["event_timexes"] = _date_spans(doc)   # what redate_events checks


def _mention(doc: Document, t: Token, event_type: str, lex: Lexicon, index: _MentionIndex,
             timexes: list, sentences: list[Sentence], sent_starts: list[int],
             pub_start: date | None, not_after: str | None) -> EventMention:
    sent_i = max(0, bisect.bisect_right(sent_starts, t.idx) - 1) if sentences else -1
    if t.pos_ == "VERB":
        actor_heads, target_heads = args.verb_arguments(t)
    else:
        actor_heads, target_heads = args.noun_arguments(t)
    if not actor_heads:   # "added to Russia's list": the list's owner acts
        for tok in args.clause_tokens(t):
            if tok.lemma_.lower() in ("list", "blacklist", "register", "registry"):
                owner = args.possessor(tok)
                if owner is not None:
                    actor_heads = [owner]
                    break
    actors, actor_texts, actor_phrases = _resolve(actor_heads, index)
    targets, target_texts, target_phrases = _resolve(target_heads, index)
    reporter = None if t.lemma_.lower() in lex.reporting else args.reporting_head(t, lex.reporting)
    source_head = None
    if reporter is not None:
        source_head = args.subject(reporter)
    if source_head is None:
        source_head = args.according_to(t.sent)
        if source_head is not None and reporter is None:
            reporter = source_head
    attributed, attributed_texts = [], []
    if source_head is not None:
        attributed, attributed_texts, _ = _resolve([source_head], index)
    mod = modality(t, lex, reporter)
    sent = sentences[sent_i] if 0 <= sent_i < len(sentences) else None
    lo, hi = (sent.start, sent.end) if sent else (t.sent.start_char, t.sent.end_char)
    candidates = _date_candidates(t, timexes, lo, hi)
    tx, found_by = _first_dated(candidates)
    clause_background = is_pluperfect(t) or in_temporal_clause(t)
    extra: dict = {"lemma": t.lemma_.lower(), "pos": t.pos_, "actors_text": actor_texts,
                   "targets_text": target_texts, "summary": _summary(t, actor_texts or actor_phrases),
                   "clause_background": clause_background}
    if actor_phrases or target_phrases:
        extra["phrases"] = actor_phrases + target_phrases
    if event_type in lex.modes:
        extra["mode"] = lex.modes[event_type]
    date_value, date_source, background, date_extra = _date_fields(tx, found_by, clause_background,
                                                                   pub_start, not_after)
    extra.update(date_extra)
    if candidates:
        extra["date_candidates"] = [[c.start, c.end, how] for c, how in candidates]
    place = args.location(t)
    for head in actor_heads:   # "a court in Ankara sentenced ...": the actor's place
        place = place or args.location(head)
    location = None
    if place is not None:
        places, place_texts, _ = _resolve([place], index)
        location = places[0] if places else None
        extra["location_text"] = place_texts[0] if place_texts else place.text
    if attributed_texts:
        extra["attributed_text"] = attributed_texts[0]
    elif source_head is not None and not args.is_pronoun(source_head):
        extra["attributed_text"] = _phrase_span(source_head)[2]   # "health officials"
    if not index.mentions:   # no entity stage: keep the sentence's named things for the merge
        extra["sentence_ents"] = sorted({e.text for e in t.sent.ents if e.label_ in _NAMED})
    return EventMention(
        sentence=sent_i, start=t.idx, end=t.idx + len(t), trigger=t.text, type=event_type,
        modality=mod, actors=actors, targets=[x for x in targets if x not in actors],
        location=location, attributed_to=attributed[0] if attributed else None,
        date=date_value, date_source=date_source, background=background, extra=extra,
    )
