"""Roles and titles of people, and owners of official bodies, read from the dependency parse.

Three patterns cover news style: a title before the name ("Russian Foreign Minister Sergei Lavrov"),
an apposition after it ("Zamir Kabulov, director of the ... Department") and a name in apposition
to a title phrase ("President Vladimir Putin's special representative on Afghanistan, Zamir
Kabulov"). The word list is ordinary English vocabulary of offices, not names.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Span, Token

from storyline.entities.names import BODY_WORDS

TITLE_WORDS = frozenset({
    "president", "vice-president", "minister", "ambassador", "envoy", "representative", "spokesman",
    "spokeswoman", "spokesperson", "director", "head", "chief", "chairman", "chairwoman", "chair",
    "secretary", "advisor", "adviser", "governor", "mayor", "senator", "general", "commander", "leader",
    "king", "queen", "prince", "princess", "emir", "premier", "chancellor", "deputy", "official",
    "diplomat", "negotiator", "ceo", "cfo", "coo", "cto", "founder", "co-founder", "executive", "manager",
    "judge", "prosecutor", "attorney", "lawyer", "professor", "editor", "correspondent", "officer",
    "lawmaker", "legislator", "speaker", "consul", "attache", "commissioner", "inspector", "councillor",
    "councilor", "sheriff", "colonel", "captain", "lieutenant", "sergeant", "admiral", "marshal",
    "mullah", "imam", "cleric", "cardinal", "pope", "bishop", "archbishop", "rabbi", "sheikh", "mp",
    "pm", "analyst", "economist", "researcher", "scientist", "founder", "owner", "partner", "aide",
    "counsel", "treasurer", "comptroller", "superintendent", "warden", "delegate", "emissary", "vp",
})
# Offices specific enough that "the Russian foreign minister" names one person at a time.
OFFICE_WORDS = frozenset({
    "president", "minister", "ambassador", "envoy", "spokesman", "spokeswoman", "spokesperson",
    "chairman", "chairwoman", "secretary", "governor", "mayor", "premier", "chancellor", "ceo", "king",
    "queen", "emir", "consul", "prosecutor", "commander", "representative", "director",
})
OWNER_LABELS = frozenset({"GPE", "NORP", "ORG", "LOC"})
_MODIFIER_DEPS = frozenset({"compound", "amod", "nmod", "poss", "case", "nummod", "npadvmod"})


def is_title(token: Token) -> bool:
    return token.lower_ in TITLE_WORDS or token.lemma_.lower() in TITLE_WORDS


def _clean(text: str) -> str:
    text = text.strip(" ,;:–—-\"“”'’")
    for det in ("the ", "The ", "a ", "an ", "A ", "An "):
        if text.startswith(det):
            text = text[len(det):]
    if text.endswith(("’s", "'s")):
        text = text[:-2]
    return text.strip()


def _is_owner(span: Span, label_at: Callable[[int], str | None]) -> bool:
    """An owner phrase names a place, a people or an organisation."""
    return any(label_at(t.idx) in OWNER_LABELS for t in span)


def _role_from_phrase(head: Token, skip: set[int], label_at: Callable[[int], str | None]
                      ) -> tuple[str, str | None] | None:
    """(title, of) of a title noun phrase headed by `head`, leaving out tokens in `skip`; None when
    the phrase holds another person's name outside its possessor (a garbled or listing sentence)."""
    of: str | None = None
    drop: set[int] = set(skip)
    for child in head.children:
        if child.i in drop:
            continue
        if child.dep_ == "poss":
            sub = child.doc[child.left_edge.i: child.right_edge.i + 1]
            of = _clean(sub.text)
            drop.update(range(sub.start, sub.end))
        elif child.dep_ in ("relcl", "acl", "appos", "cc", "conj", "punct", "det", "advcl"):
            drop.update(t.i for t in child.subtree)
        elif child.dep_ == "prep" and of is None and child.i > head.i:
            objs = [c for c in child.children if c.dep_ == "pobj"]
            if not objs:
                continue
            sub = child.doc[objs[0].left_edge.i: objs[0].right_edge.i + 1]
            obj_is_body = any(t.lower_ in BODY_WORDS for t in sub) or label_at(objs[0].idx) == "ORG"
            if child.lower_ == "of" or (child.lower_ in ("to", "at", "for", "in") and obj_is_body):
                if any(label_at(t.idx) == "PERSON" for t in sub):
                    return None
                of = _clean(sub.text)
                drop.update(t.i for t in child.subtree)
    line = _same_line(head)
    kept = [t for t in head.subtree
            if t.i not in drop and t.i in line and t.dep_ not in ("det", "punct", "case")]
    if any(label_at(t.idx) == "PERSON" for t in kept):
        return None
    if of is None:   # "Afghan Foreign Minister": a people or place modifier is the owner
        owners = [t for t in kept if t.i < head.i and t.dep_ in ("amod", "compound")
                  and label_at(t.idx) in ("GPE", "NORP")]
        if owners:
            of = " ".join(t.text for t in owners)
            kept = [t for t in kept if t not in owners]
    title = " ".join(t.text for t in kept)
    return _clean(title), (of or None)


def _same_line(token: Token) -> range:
    """Token indexes on the token's own line (a parse can run across a caption or headline break)."""
    doc = token.doc
    lo = token.i
    while lo > 0 and not doc[lo - 1].is_space and "\n" not in doc[lo - 1].text_with_ws:
        lo -= 1
    hi = token.i
    while hi + 1 < len(doc) and "\n" not in doc[hi].text_with_ws and not doc[hi + 1].is_space:
        hi += 1
    return range(lo, hi + 1)


def premodifier_role(span: Span, label_at: Callable[[int], str | None]) -> tuple[str, str | None] | None:
    """Title written before a name inside the same noun phrase."""
    doc = span.doc
    run: list[Token] = []
    i = span.start - 1
    while i >= 0:
        t = doc[i]
        if t.is_punct or t.is_space or "\n" in t.text_with_ws or t.dep_ not in _MODIFIER_DEPS:
            break
        if not (span.start <= t.head.i < span.end or t.head.i > i):
            break
        if t.head.i >= span.end:   # attached beyond the name: not part of its pre-modifier
            break
        run.insert(0, t)
        i -= 1
    titles = [k for k, t in enumerate(run) if is_title(t)]
    if not titles:
        return None
    run = run[: titles[-1] + 1]
    owner_idx = [k for k, t in enumerate(run)
                 if label_at(t.idx) in ("GPE", "NORP", "LOC")
                 or (label_at(t.idx) == "ORG" and _owner_org_run(run, k, label_at))]
    of = None
    if owner_idx:
        first = owner_idx[0]
        last = first
        while last + 1 in owner_idx:
            last += 1
        of = _clean(" ".join(t.text for t in run[first: last + 1] if t.dep_ != "case"))
        run = run[:first] + run[last + 1:]
    title = _clean(" ".join(t.text for t in run if t.dep_ != "case"))
    return (title, of) if title else None


def _owner_org_run(run: list[Token], k: int, label_at: Callable[[int], str | None]) -> bool:
    """An ORG token in a title prefix is an owner only when its ORG run names a body ("Taliban
    Foreign Ministry spokesman"), not when it is part of the title ("Defense Minister")."""
    lo = hi = k
    while lo > 0 and label_at(run[lo - 1].idx) == "ORG":
        lo -= 1
    while hi + 1 < len(run) and label_at(run[hi + 1].idx) == "ORG":
        hi += 1
    return any(t.lower_ in BODY_WORDS for t in run[lo: hi + 1])


def apposition_roles(span: Span, label_at: Callable[[int], str | None]) -> list[tuple[str, str | None]]:
    """Titles in apposition to a name, after it or before it."""
    doc = span.doc
    root = span.root
    out: list[tuple[str, str | None] | None] = []
    for child in root.children:
        if child.dep_ == "appos" and child.i >= span.end and (is_title(child) or child.pos_ == "NOUN"):
            between = doc[span.end: child.left_edge.i]
            if label_at(child.idx) == "PERSON" or any(label_at(t.idx) == "PERSON" for t in between):
                continue
            out.append(_role_from_phrase(child, set(), label_at))
    head = root.head
    # "representative on Afghanistan, Zamir Kabulov" is often parsed as an apposition of "Afghanistan"
    while root.dep_ == "appos" and not is_title(head) and head.dep_ in ("pobj", "prep") and head.head.i < head.i:
        head = head.head
    skip = {t.i for t in root.subtree}
    if root.dep_ == "appos" and head.i < span.start and is_title(head) and label_at(head.idx) != "PERSON":
        out.append(_role_from_phrase(head, skip, label_at))
    elif span.start >= 2 and doc[span.start - 1].text == ",":
        # "TITLE PHRASE, NAME" that the parser did not attach as an apposition
        t = doc[span.start - 2]
        while t.head.i < span.start and t.head.i != t.i and t.dep_ in ("pobj", "prep", "compound", "amod"):
            t = t.head
        if is_title(t) and t.right_edge.i == span.start - 2 and label_at(t.idx) != "PERSON":
            out.append(_role_from_phrase(t, skip | set(range(span.start - 1, len(doc))), label_at))
    return [r for r in out if r and r[0]]


def roles_of(span: Span, label_at: Callable[[int], str | None]) -> list[tuple[str, str | None]]:
    roles = []
    pre = premodifier_role(span, label_at)
    if pre:
        roles.append(pre)
    roles.extend(apposition_roles(span, label_at))
    return roles


def body_owner(span: Span, label_at: Callable[[int], str | None],
               owner_of_token: Callable[[Token], str | None]) -> str | None:
    """Owner written outside an official body's name: "Russia's Foreign Ministry", "the Russian
    Foreign Ministry's Second Asian Department", or inherited through "X's A and B"."""
    root = span.root
    for child in root.children:
        if child.i >= span.start:
            continue
        placed = child.dep_ in ("compound", "amod") and label_at(child.idx) in ("GPE", "NORP")
        if child.dep_ == "poss" or placed:
            sub = span.doc[child.left_edge.i: child.right_edge.i + 1]
            if _is_owner(sub, label_at):
                return _clean(sub.text)
    if root.dep_ == "conj":
        return owner_of_token(root.head)
    return None
