"""Which way an underspecified expression points ("Friday", "in June"): the tense of the verb group
that governs it, found by a short scan of the sentence. A POS tagger is not needed for this and
would cost more than the whole tagger; the cues are auxiliaries, modals, -ed forms and a list of
irregular past forms."""

from __future__ import annotations

import re

from storyline.time.lexicon import FUTURE_PREPOSITIONS, IRREGULAR_PAST, NOT_PAST_ED

_TOKEN = re.compile(r"[A-Za-z]+(?:['’][a-z]+)?|;")
_WINDOW = 20
_MODALS_FUTURE = {"will", "'ll", "shall", "won't", "would", "could", "may", "might", "should", "must", "can"}
_FUTURE_WORDS = {"scheduled", "slated", "upcoming", "forthcoming"}
_NEEDS_TO = {"expected", "expects", "plans", "plan", "planning", "intends", "intended", "aims", "hopes", "going",
             "set", "due", "promised", "vowed", "pledged", "threatened", "prepared", "preparing", "ready", "designed",
             "meant", "supposed", "poised", "likely", "scheduled", "slated"}
_SCHEDULING = {"due", "set", "expected", "scheduled", "slated", "planned", "likely", "poised"}
# Present-tense verbs that often govern a date ("the quarter ends on June 26").
_PRESENT_VERBS = {"ends", "begins", "starts", "opens", "closes", "runs", "takes", "comes", "goes", "expires",
                  "remains", "continues", "lasts", "falls", "launches", "arrives", "holds", "marks"}
_DETERMINERS = {"the", "a", "an", "its", "his", "her", "their", "our", "my", "your", "this", "that", "these",
                "those", "him", "them", "us", "me", "it", "some", "all", "any", "each", "every", "no", "one",
                "two", "three", "both", "which", "what", "whom"}


def _past_form(word: str) -> bool:
    if word[:1].isupper():        # capitalised "-ed" words are mostly names (Ahmed, Mohammed)
        return word.lower() in IRREGULAR_PAST and word.lower() != "may"
    return word in IRREGULAR_PAST or (word.endswith("ed") and len(word) > 4 and word not in NOT_PAST_ED)


def _group_tense(toks: list[str], i: int) -> str:
    """Tense of the verb group ending in the past form toks[i] ("will be held", "will have been sold",
    "to be published", "is held")."""
    group = [t.lower() for t in toks[max(0, i - 4):i]]
    while group and group[0] not in _MODALS_FUTURE and group[0] not in (
            "to", "be", "been", "being", "is", "are", "am", "has", "have", "had", "was", "were", "not", "also"):
        group.pop(0)          # keep only the auxiliary chain right before the participle
    if any(w in _MODALS_FUTURE for w in group) or group[-2:] in (["to", "be"],) or group[-1:] == ["to"]:
        return "future"
    if any(w in ("is", "are", "am") for w in group) and "been" not in group:
        return "present"
    return "past"


def _classify(toks: list[str], i: int) -> str | None:
    raw = toks[i]
    w = raw.lower()
    nxt = toks[i + 1].lower() if i + 1 < len(toks) else ""
    if w in _MODALS_FUTURE and not (w == "may" and raw == "May"):
        return "future"
    if w in _FUTURE_WORDS:
        return "future"
    if w in _NEEDS_TO:
        if nxt == "to" or (w in _SCHEDULING and nxt in ("for", "on", "in", "by", "next", "later", "this", "early", "late")):
            return "future"
        return "past" if _past_form(raw) and w not in ("set", "due") else None
    if w == "to" and nxt and nxt not in _DETERMINERS and not toks[i + 1][:1].isupper():
        prev = toks[i - 1] if i > 0 else ""
        return "past" if prev and _past_form(prev) and prev.lower() not in _NEEDS_TO else "future"
    if w in ("was", "were", "had", "did", "wasn't", "weren't", "hadn't", "didn't", "has", "have", "hasn't", "haven't"):
        return "past"
    if w in ("is", "are", "am", "isn't", "aren't", "says") or w in _PRESENT_VERBS:
        return "present"
    if _past_form(raw):
        return _group_tense(toks, i)
    return None


def tense_of(text: str, sent_start: int, sent_end: int, start: int, end: int) -> str | None:
    """"past", "future", "present" or None for the expression at text[start:end] in its sentence."""
    left = _TOKEN.findall(text[sent_start:start])
    right = _TOKEN.findall(text[end:sent_end])
    if left and left[-1].lower() in FUTURE_PREPOSITIONS:
        return "future"
    if left and left[-1].lower() == "since":
        return "past"
    toks = left + right
    p = len(left)
    for i in range(p - 1, max(-1, p - 1 - _WINDOW), -1):
        if toks[i] == ";":
            break
        found = _classify(toks, i)
        if found:
            return found
    for i in range(p, min(len(toks), p + _WINDOW)):
        if toks[i] == ";":
            break
        found = _classify(toks, i)
        if found:
            return found
    return None


_FORWARD = re.compile(r"(?i)\b(?:will|'ll|shall|would|going\s+to|scheduled|slated|upcoming|forthcoming|plans?\s+to|"
                      r"expected\s+to|due\s+to\s+be|set\s+to|next|until|by\s+(?:the\s+end|\d{4})|aims?\s+to|intends?\s+to"
                      r"|intended\s+to|to\s+be\s+\w+ed)\b")
_STRONG_FORWARD = re.compile(r"(?i)\b(?:will|'ll|shall|scheduled|slated|upcoming|forthcoming|plans?\s+to|expected\s+to|"
                             r"due\s+to\s+be|set\s+to|is\s+to|are\s+to|intends?\s+to|intended\s+to|next)\b")


def points_forward(text: str, sent_start: int, sent_end: int, strong: bool = False) -> bool:
    """Whether a sentence speaks of the future anywhere (then an undecided date in it may be ahead);
    `strong`: with a modal or a scheduling word, not a mere preposition or conditional."""
    return bool((_STRONG_FORWARD if strong else _FORWARD).search(text, sent_start, sent_end))
