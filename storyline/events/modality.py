"""Modality (asserted, reported, planned, possible, negated) and the background flag of a trigger."""

from __future__ import annotations

from spacy.tokens import Token

from storyline.events.lexicon import Lexicon

# How far up the parse a cue may sit: "decided [to raise]", "a possible move [to exclude]".
_CHAIN_DEPS = frozenset({"xcomp", "acl", "pcomp", "pobj", "prep", "ccomp", "conj", "csubj", "csubjpass"})


_HEDGES = frozenset({"possibly", "perhaps", "maybe", "reportedly", "allegedly"})


def _head_chain(t: Token, steps: int = 4) -> list[Token]:
    chain, cur = [], t
    for _ in range(steps):
        nominal_object = not chain and t.pos_ == "NOUN" and cur.dep_ in ("dobj", "nsubjpass")
        if cur.head.i == cur.i or (cur.dep_ not in _CHAIN_DEPS and not nominal_object):
            break
        if cur.dep_ == "ccomp" and chain:   # a clause embedded under a further verb: stop there
            break
        if cur.dep_ == "acl" and cur.pos_ == "VERB" and not any(c.lower_ == "to" for c in cur.children):
            break   # "organizations designated as ...": a participle describes, it is not governed
        cur = cur.head
        chain.append(cur)
        if cur.pos_ == "VERB" and cur.dep_ not in ("xcomp", "acl", "pcomp", "advcl", "conj"):
            break
    return chain


def _negated_here(tok: Token, lex: Lexicon) -> bool:
    for child in tok.children:
        if child.dep_ == "neg" or (child.dep_ in ("det", "advmod", "preconj")
                                   and child.lower_ in lex.negation):
            return True
    return False


def modality(t: Token, lex: Lexicon, reported_by: Token | None) -> str:
    """negated > possible > planned > reported > asserted."""
    chain = _head_chain(t)
    found: set[str] = set()
    for i, tok in enumerate([t, *chain]):
        if _negated_here(tok, lex) and (i == 0 or tok.pos_ == "VERB"):
            found.add("negated")
        if i > 0:
            lemma = tok.lemma_.lower()
            if lemma in lex.negation_heads:
                found.add("negated")
            if lemma in lex.possible_heads:
                found.add("possible")
            if lemma in lex.planned_heads:
                found.add("planned")
        for child in tok.children:
            low = child.lower_
            if child.dep_ in ("aux", "auxpass"):
                if low in lex.possible_aux or child.lemma_.lower() in lex.possible_aux:
                    found.add("possible")
                elif low in lex.planned_aux or child.lemma_.lower() in lex.planned_aux:
                    found.add("planned")
            elif child.dep_ == "amod":
                if low in lex.possible_amod:
                    found.add("possible")
                elif low in lex.planned_amod:
                    found.add("planned")
            elif child.dep_ == "advmod" and low in _HEDGES:
                found.add("possible" if low in ("possibly", "perhaps", "maybe") else "reported")
    for label in ("negated", "possible", "planned"):
        if label in found:
            return label
    if reported_by is not None or "reported" in found:
        return "reported"
    return "asserted"


def is_pluperfect(t: Token) -> bool:
    """"had blacklisted", "had been added"."""
    if t.tag_ != "VBN":
        return False
    return any(c.dep_ in ("aux",) and c.lower_ in ("had", "'d") for c in t.children)


_TEMPORAL_MARKERS = frozenset({"since", "after", "following", "before", "until", "till"})


def in_temporal_clause(t: Token) -> bool:
    """"since their takeover", "after the Taliban took over", "even before returning to power":
    an event used to place another one in time is history the article recalls."""
    cur = t
    for _ in range(3):
        # Only a clause marker: "announced ... after the meeting" is a main event with a time
        # modifier ("prep" child), not an event inside a clause that places another in time.
        if any(c.lower_ in _TEMPORAL_MARKERS and c.dep_ == "mark" for c in cur.children):
            return True
        if cur.head.i == cur.i:
            return False
        if cur.dep_ in ("pobj", "pcomp") and cur.head.lower_ in _TEMPORAL_MARKERS:
            return True
        if cur.dep_ not in ("pobj", "pcomp", "advcl"):
            return False
        cur = cur.head
    return False
