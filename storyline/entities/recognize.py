"""Entity mentions of one document from its spaCy parse, with document-level label consistency.

Steps: take spaCy's named entities and trim them to the name (articles, quotes, possessives and
stray function words off; "(SCO" split off as its own mention; "Islamic Emirates of" + "Afghanistan"
joined); find every other occurrence of each name in the document (the model often tags a name once
and misses it, or tags half of it, later); give a surname that stands alone the label of the
full name it abbreviates, then one label per name by vote; read roles, owners of official bodies
and title-only mentions ("the Russian foreign minister") from the parse.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter, defaultdict
from collections.abc import Callable

from spacy.tokens import Doc as SpacyDoc
from spacy.tokens import Span

from storyline.entities.names import BODY_WORDS, demonym_stems, name_key, token_key, words
from storyline.entities.roles import OFFICE_WORDS, OWNER_LABELS, body_owner, is_title, roles_of
from storyline.models import Document, EntityMention

NAME_LABELS = frozenset({"PERSON", "NORP", "FAC", "ORG", "GPE", "LOC", "PRODUCT", "EVENT", "WORK_OF_ART",
                         "LAW", "LANGUAGE"})
_LEAD_DROP = frozenset({"the", "a", "an", "and", "of", "to", "in", "on", "at", "for", "by", "with", "from"})
_TRAIL_DROP = frozenset({"of", "and", "the", "in", "on", "at", "to", "for", "by", "with", "from", "or", "'s",
                         "’s", "'", "’"})
_LABEL_PRIORITY = {"PERSON": 3, "ORG": 2, "GPE": 2, "NORP": 1}


def _good_word(text: str) -> bool:
    return any(c.isupper() for c in text) or any(c.isdigit() for c in text)


def _trim(span: Span) -> list[Span]:
    """The name part(s) of a spaCy entity span."""
    doc = span.doc
    if "\n" in span.text:                        # a span across lines is a layout accident
        cut = next(t.i for t in span if "\n" in t.text_with_ws)
        span = doc[span.start: cut + 1] if "\n" not in span[cut - span.start].text else doc[span.start: cut]
    if any(c in span.text for c in "@/") or "http" in span.text.lower():
        return []
    parts: list[Span] = []
    start = span.start
    for t in span:                               # "Shanghai Cooperation Organization (SCO"
        if t.text in "([":
            parts.append(doc[start: t.i])
            start = t.i + 1
    parts.append(doc[start: span.end])
    out = []
    for part in parts:
        s, e = part.start, part.end
        while s < e and (doc[s].is_punct or doc[s].lower_ in _LEAD_DROP or not _good_word(doc[s].text)):
            s += 1
        while e > s and (doc[e - 1].is_punct or doc[e - 1].lower_ in _TRAIL_DROP):
            e -= 1
        if s < e and any(_good_word(t.text) and t.is_alpha or t.like_num for t in doc[s:e]):
            out.append(doc[s:e])
    return out


def _spacy_mentions(sdoc: SpacyDoc) -> list[tuple[int, int, str]]:
    """(start, end, label) character spans from the model, trimmed, with "X of" + "Y" joined."""
    ents = [e for e in sdoc.ents if e.label_ in NAME_LABELS]
    spans: list[tuple[int, int, str]] = []
    for k, ent in enumerate(ents):
        if ent[-1].lower_ == "of" and k + 1 < len(ents) and ents[k + 1].start == ent.end:
            continue   # joined with the next entity below
        if k > 0 and ents[k - 1][-1].lower_ == "of" and ents[k - 1].end == ent.start:
            ent = sdoc[ents[k - 1].start: ent.end]
            label = ents[k - 1].label_
        else:
            label = ent.label_
        for part in _trim(ent):
            spans.append((part.start_char, part.end_char, label))
    return spans


def _propagate(text: str, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Every occurrence of each name the model found, the longest name winning where they overlap.

    A surname found as the last word of a full name is searched as well, after that full name's first
    occurrence (news gives the full name first)."""
    labels: dict[str, Counter[str]] = defaultdict(Counter)
    first_seen: dict[str, int] = {}
    for s, e, lab in spans:
        name = text[s:e]
        labels[name][lab] += 1
        first_seen[name] = min(first_seen.get(name, s), s)
    surnames: dict[str, int] = {}
    for name, count in labels.items():
        ws = name.split()
        is_person = count.most_common(1)[0][0] == "PERSON"
        if is_person and len(ws) >= 2 and ws[-1][:1].isupper() and len(ws[-1]) > 2:
            surnames[ws[-1]] = min(surnames.get(ws[-1], len(text)), first_seen[name])
    # a name whose lowercase form also occurs is an ordinary word here ("Also" opening a line)
    searchable = [n for n in labels if len(n) >= 2 and _good_word(n)
                  and not re.search(r"(?<!\w)" + re.escape(n.lower()) + r"(?!\w)", text)]
    found: list[tuple[int, int, str]] = list(spans)
    names = sorted(set(searchable) | set(surnames), key=len, reverse=True)
    if names:
        pattern = re.compile(r"(?<![\w@/])(?:" + "|".join(re.escape(n) for n in names) + r")(?![\w@/])")
        for m in pattern.finditer(text):
            name = m.group(0)
            if name in labels:
                found.append((m.start(), m.end(), labels[name].most_common(1)[0][0]))
            elif m.start() > surnames.get(name, len(text)):
                found.append((m.start(), m.end(), "PERSON"))
    found.sort(key=lambda x: (-(x[1] - x[0]), x[0]))
    taken: list[tuple[int, int, str]] = []
    starts: list[int] = []
    for s, e, lab in found:
        k = bisect.bisect_left(starts, s)
        if k > 0 and taken[k - 1][1] > s or k < len(taken) and taken[k][0] < e:
            continue
        taken.insert(k, (s, e, lab))
        starts.insert(k, s)
    return taken


def _vote_labels(text: str, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """One label per name in a document; a lone surname takes its full name's label."""
    surname_first: dict[str, int] = {}
    for s, e, lab in spans:
        ws = words(text[s:e])
        if lab == "PERSON" and len(ws) >= 2:
            k = token_key(ws[-1])
            surname_first[k] = min(surname_first.get(k, s), s)
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    for s, e, lab in spans:
        votes[name_key(text[s:e])][lab] += 1
    out = []
    for s, e, lab in spans:
        key = name_key(text[s:e])
        if " " not in key and key in surname_first:
            lab = "PERSON"
        else:
            ranked = votes[key].most_common()
            top = ranked[0][1]
            tied = [lb for lb, n in ranked if n == top]
            lab = max(tied, key=lambda lb: (lb == lab, _LABEL_PRIORITY.get(lb, 0)))
        out.append((s, e, lab))
    return out


def _part_of_title(sdoc: SpacyDoc, start: int, end: int, label: str) -> bool:
    """A one-word ORG right before a title word is part of the title: "Defense Minister"."""
    span = sdoc.char_span(start, end, alignment_mode="expand")
    if label != "ORG" or span is None or len(span) != 1 or span[0].lower_ in BODY_WORDS:
        return False
    nxt = sdoc[span.end] if span.end < len(sdoc) else None
    return nxt is not None and is_title(nxt)


def _sentence_index(starts: list[int], start: int) -> int:
    """Index of the sentence holding an offset (-1 when the document has no sentences yet)."""
    return max(0, bisect.bisect_right(starts, start) - 1) if starts else -1


def _owner_prefix(text: str, owners: set[str], places: set[str]) -> str | None:
    """Owner written inside a body's name: "Taliban Foreign Ministry" -> "Taliban" when the prefix is
    itself a place, people or organisation named in the document ("Russian" counts for "Russia")."""
    ws = words(text)
    if len(ws) < 2 or ws[-1].lower() not in BODY_WORDS:
        return None
    for n in range(1, len(ws)):
        prefix = " ".join(ws[:n])
        key = name_key(prefix)
        if key in owners or any(p.startswith(stem) for stem in demonym_stems(key)[1:] for p in places):
            return prefix
    return None


def recognize(doc: Document, sdoc: SpacyDoc) -> None:
    """Fill doc.entity_mentions from the spaCy parse of doc.text (offsets into doc.text)."""
    text = doc.text
    starts = [x.start for x in doc.sentences]
    spans = _vote_labels(text, _propagate(text, _spacy_mentions(sdoc)))
    spans = [sp for sp in spans if not _part_of_title(sdoc, *sp)]
    label_by_token: dict[int, str] = {}
    for s, e, lab in spans:
        for t in sdoc.char_span(s, e, alignment_mode="expand") or []:
            label_by_token[t.idx] = lab
    for t in sdoc:   # names outside the kept mentions still tell a place or people apart
        if t.idx not in label_by_token and t.ent_type_ in ("GPE", "NORP", "LOC", "ORG"):
            label_by_token[t.idx] = t.ent_type_

    def label_at(idx: int) -> str | None:
        return label_by_token.get(idx)

    owners = {name_key(text[s:e]) for s, e, lab in spans if lab in ("GPE", "NORP", "ORG", "LOC")
              and words(text[s:e])[-1].lower() not in BODY_WORDS}
    places = {name_key(text[s:e]) for s, e, lab in spans if lab in ("GPE", "LOC")}
    mentions: list[EntityMention] = []
    owner_by_root: dict[int, str] = {}

    def owner_of_token(tok) -> str | None:  # type: ignore[no-untyped-def]
        return owner_by_root.get(tok.i)

    for s, e, lab in spans:
        m = EntityMention(start=s, end=e, text=text[s:e], label=lab, sentence=_sentence_index(starts, s))
        span = sdoc.char_span(s, e, alignment_mode="expand")
        if span is not None and lab == "PERSON":
            roles = roles_of(span, label_at)
            if roles:
                m.role, m.role_of = roles[0]
        elif span is not None and lab in ("ORG", "FAC") and words(m.text)[-1].lower() in BODY_WORDS:
            m.owner = _owner_prefix(m.text, owners, places) or body_owner(span, label_at, owner_of_token)
            if m.owner:
                owner_by_root[span.root.i] = m.owner
        mentions.append(m)
    mentions.extend(_title_mentions(doc, sdoc, spans, label_at))
    mentions.sort(key=lambda m: (m.start, m.end))
    doc.entity_mentions = mentions


def _title_mentions(doc: Document, sdoc: SpacyDoc, spans: list[tuple[int, int, str]],
                    label_at: Callable[[int], str | None]) -> list[EntityMention]:
    """Definite title phrases that stand for a person: "the Russian foreign minister"."""
    persons = [(s, e) for s, e, lab in spans if lab == "PERSON"]
    starts = [x.start for x in doc.sentences]
    out = []
    for chunk in sdoc.noun_chunks:
        root = chunk.root
        if root.lower_ not in OFFICE_WORDS and root.lemma_.lower() not in OFFICE_WORDS:
            continue
        if root.tag_ in ("NNS", "NNPS") or chunk[0].lower_ not in ("the",) and not any(
                t.dep_ == "poss" for t in chunk):
            continue
        if any(s < chunk.end_char and chunk.start_char < e for s, e in persons):
            continue
        if root.dep_ == "appos" or any(c.dep_ == "appos" for c in root.children) or any(
                label_at(c.idx) == "PERSON" for c in root.head.children if c.dep_ == "appos"):
            continue
        if any(t.lower_ == "former" for t in chunk):
            continue
        after = root.right_edge.i + 1            # "the Kremlin's special envoy to Afghanistan, Zamir ..."
        if after + 1 < len(sdoc) and sdoc[after].text == "," and label_at(sdoc[after + 1].idx) == "PERSON":
            continue
        owner_tokens = [t for t in chunk if t.i != root.i and label_at(t.idx) in OWNER_LABELS]
        if not owner_tokens:
            continue
        start_tok = chunk[1] if chunk[0].dep_ == "det" else chunk[0]
        span = sdoc[start_tok.i: chunk.end]
        of = " ".join(t.text for t in owner_tokens)
        title = " ".join(t.text for t in span if t not in owner_tokens and t.dep_ != "case")
        out.append(EntityMention(start=span.start_char, end=span.end_char, text=span.text, label="PERSON",
                                 sentence=_sentence_index(starts, span.start_char), role=title,
                                 role_of=of, kind="title"))
    return out
