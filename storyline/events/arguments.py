"""Who did what to whom, where, and who says so: read off spaCy's dependency parse."""

from __future__ import annotations

from spacy.tokens import Span, Token

# Children whose subtrees are separate clauses: an argument or cue search stops there.
CLAUSE_DEPS = frozenset({"ccomp", "advcl", "relcl", "parataxis", "csubj", "xcomp", "acl", "conj"})
_SUBJ = ("nsubj", "csubj")
_PASSIVE_SUBJ = ("nsubjpass", "csubjpass")
_TARGET_PREPS = frozenset({"with", "against", "to", "on", "toward", "towards", "for", "from"})
_LOCATION_PREPS = frozenset({"in", "at", "near", "inside", "outside"})
_PRONOUNS = frozenset({"PRON"})
_LIGHT_VERBS = frozenset({"make", "take", "give", "carry", "conduct", "hold", "pay", "launch", "stage",
                          "begin", "start", "complete", "undertake", "order", "announce", "impose",
                          "express", "reach"})


def clause_tokens(t: Token) -> list[Token]:
    """`t` and its subtree without subordinate clauses or coordinated verbs."""
    out, stack = [], [t]
    while stack:
        tok = stack.pop()
        out.append(tok)
        for child in tok.children:
            if child.dep_ in CLAUSE_DEPS and (child.pos_ in ("VERB", "AUX") or child.dep_ != "conj"):
                continue
            stack.append(child)
    return sorted(out, key=lambda x: x.i)


def phrase_tokens(head: Token) -> list[Token]:
    """The noun phrase of an argument head: its subtree without clauses, and without a place
    phrase hanging off it ("a court in Ankara" names a court, not Ankara)."""
    places = {c.i for c in head.children if c.dep_ == "prep" and c.lower_ in _LOCATION_PREPS}
    out = []
    for tok in clause_tokens(head):
        cur, inside_place = tok, False
        while cur.i != head.i:
            if cur.i in places:
                inside_place = True
                break
            cur = cur.head
        if not inside_place:
            out.append(tok)
    return out


def subject(t: Token) -> Token | None:
    """Grammatical subject of `t` (a verb), inherited through xcomp/conj/acl when it has none."""
    seen = 0
    cur = t
    while seen < 4:
        seen += 1
        for child in cur.children:
            if child.dep_ in _SUBJ:
                return _through_small_clause(child)
        if cur.dep_ in ("xcomp", "conj", "advcl") and cur.head.i != cur.i:
            cur = cur.head
            continue
        if cur.dep_ in ("acl", "relcl") and cur.head.pos_ in ("NOUN", "PROPN"):
            head = cur.head
            if head.dep_ == "attr" and head.pos_ == "NOUN":   # "Russia was the first country to open"
                for child in head.head.children:
                    if child.dep_ in _SUBJ:
                        return _through_small_clause(child)
            if cur.dep_ == "relcl" or head.pos_ == "PROPN" or head.ent_type_:
                return _through_small_clause(head)
            return possessor(head)
        return None
    return None


def _through_small_clause(tok: Token) -> Token:
    """"makes Russia the first country to recognize": the subject is Russia, not country."""
    if tok.pos_ == "NOUN" and not tok.ent_type_:
        for child in tok.children:
            if child.dep_ in ("nsubj", "appos") and (child.pos_ == "PROPN" or child.ent_type_):
                return child
    return tok


def possessor(tok: Token) -> Token | None:
    for child in tok.children:
        if child.dep_ == "poss":
            return child
    return None


def agent(t: Token) -> Token | None:
    for child in t.children:
        if child.dep_ == "agent" or (child.dep_ == "prep" and child.lower_ == "by"):
            for obj in child.children:
                if obj.dep_ == "pobj":
                    return obj
    return None


def is_passive(t: Token) -> bool:
    return any(c.dep_ in _PASSIVE_SUBJ or c.dep_ == "auxpass" for c in t.children)


def verb_arguments(t: Token) -> tuple[list[Token], list[Token]]:
    """(actors, targets) heads for a verb trigger."""
    actors: list[Token] = []
    targets: list[Token] = []
    if is_passive(t):
        actors += [a for a in [agent(t)] if a is not None]
        targets += [c for c in t.children if c.dep_ in _PASSIVE_SUBJ]
    else:
        subj = subject(t)
        if subj is not None:
            actors.append(subj)
        targets += [c for c in t.children if c.dep_ in ("dobj", "dative", "attr", "oprd")]
    if not targets:
        targets += _prep_objects(t, _TARGET_PREPS)
    return actors, targets


def noun_arguments(t: Token) -> tuple[list[Token], list[Token]]:
    """(actors, targets) heads for a nominal trigger: "Russia's recognition of the government"."""
    actors = [c for c in t.children if c.dep_ in ("poss", "compound") and c.pos_ in ("PROPN", "PRON")]
    by = agent(t)
    if by is not None:
        actors.append(by)
    targets = _prep_objects(t, frozenset({"of"}) | _TARGET_PREPS)
    if not actors and t.dep_ == "dobj" and t.head.lemma_.lower() in _LIGHT_VERBS:
        subj = subject(t.head)   # light verb: "Russia made the decision", "held talks"
        if subj is not None:
            actors.append(subj)
    return actors, targets


def _prep_objects(t: Token, preps: frozenset[str]) -> list[Token]:
    out = []
    for child in t.children:
        if child.dep_ == "prep" and child.lower_ in preps:
            out += [g for g in child.children if g.dep_ == "pobj"]
    return out


def location(t: Token) -> Token | None:
    """A place the event happened: "in Astana", "at the summit in Moscow"."""
    for child in t.children:
        if child.dep_ == "prep" and child.lower_ in _LOCATION_PREPS:
            for obj in child.children:
                if obj.dep_ == "pobj" and obj.ent_type_ in ("GPE", "LOC", "FAC"):
                    return obj
    return None


def according_to(sent: Span) -> Token | None:
    """The source in "..., according to TASS"."""
    for tok in sent:
        if tok.lower_ == "according":
            for prep in tok.children:
                if prep.lower_ == "to":
                    for obj in prep.children:
                        if obj.dep_ == "pobj":
                            return obj
            nxt = tok.nbor(1) if tok.i + 1 < len(tok.doc) else None
            if nxt is not None and nxt.lower_ == "to":
                for obj in nxt.children:
                    if obj.dep_ == "pobj":
                        return obj
    return None


def reporting_head(t: Token, reporting: frozenset[str]) -> Token | None:
    """The reporting verb whose complement holds `t`: "X said [that ... t ...]"."""
    cur = t
    for _ in range(6):
        if cur.head.i == cur.i:
            break
        if cur.dep_ in ("ccomp", "xcomp", "parataxis", "dobj") and cur.head.lemma_.lower() in reporting:
            return cur.head
        cur = cur.head
    # "..., X said." attached as a parataxis or a ccomp child of the main verb
    root = t.sent.root
    for child in root.children:
        if child.dep_ in ("parataxis", "ccomp", "advcl") and child.lemma_.lower() in reporting \
                and child.i > t.i:
            if not any(c.dep_ == "ccomp" for c in child.children):
                return child
    return None


def is_pronoun(tok: Token) -> bool:
    return tok.pos_ in _PRONOUNS
