"""Cross-document entity resolution: mentions of one person, body or place across articles and
spellings become one `Entity`.

1. Repair words glued by bad translation ("Kabulovof" -> "Kabulov" + "of") when the stem is a name
   seen elsewhere in the corpus and the glued form is not.
2. One label per name across the corpus (a lone surname takes its full name's label).
3. Per document: full names are local entities; a surname or part of a full name joins the full
   name it abbreviates; an acronym joins its expansion; an official body takes its owner.
4. Across documents: distinct name forms are compared only inside blocks (surname skeleton,
   acronym, rare words), so the cost grows with the corpus and the block sizes, not its square;
   merges run best-first through a union-find that refuses anything a "different" judgement forbids.
5. Surnames alone, bodies without an owner and title-only mentions ("the Russian foreign
   minister") join the single entity that fits them, if there is exactly one.
"""

from __future__ import annotations

import bisect
import hashlib
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from rapidfuzz import fuzz

from storyline.entities.judgements import ConstrainedUnion, load_judgements
from storyline.entities.names import (
    BODY_WORDS, acronym, demonym_stems, glued_split, name_key, org_tokens, person_parts, person_similarity,
    skeleton, token_key, words,
)
from storyline.entities.recognize import NAME_LABELS
from storyline.models import Document, Entity, EntityMention

GROUPS = {"PERSON": "person", "ORG": "named", "GPE": "named", "LOC": "named", "FAC": "named", "NORP": "named"}
BLOCK_CAP = 60          # a block with more distinct names than this is too common a word to compare on
_TITLE_NOISE = frozenset({"acting", "new", "current", "then", "interim", "incumbent", "the", "outgoing"})


@dataclass(slots=True)
class Node:
    """One distinct name (or owned body) across the corpus."""

    group: str
    key: str
    forms: Counter[str] = field(default_factory=Counter)
    labels: Counter[str] = field(default_factory=Counter)
    refs: list[tuple[int, int]] = field(default_factory=list)   # (doc index, mention index)
    short: bool = False          # a person named by one word only
    owner: str | None = None     # canonical owner key of an official body
    body: str | None = None

    def form(self) -> str:
        return self.forms.most_common(1)[0][0]


def _group(label: str) -> str:
    return GROUPS.get(label, "other")


def _repair_glued(docs: list[Document]) -> None:
    """Split a function word glued to the end of a name when the stem is a name word elsewhere."""
    counts: Counter[str] = Counter()
    for doc in docs:
        for m in doc.entity_mentions:
            if m.kind == "name" and m.label in NAME_LABELS:
                counts.update(token_key(w) for w in words(m.text))
    for doc in docs:
        for m in doc.entity_mentions:
            if m.kind != "name" or m.label not in NAME_LABELS:
                continue
            ws = words(m.text)
            if not ws or not m.text.endswith(ws[-1]):
                continue
            split = glued_split(ws[-1])
            if split is None:
                continue
            stem, glue = split
            if counts[token_key(stem)] >= counts[token_key(ws[-1])]:
                m.end -= len(glue)
                m.text = m.text[: -len(glue)]


def _corpus_labels(docs: list[Document]) -> None:
    """Majority label per name across the corpus; a lone word that is some person's surname and
    is more often a person than anything else becomes PERSON."""
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    doc_surnames: list[set[str]] = []
    for doc in docs:
        here = set()
        for m in doc.entity_mentions:
            if m.kind != "name" or m.label not in NAME_LABELS:
                continue
            key = name_key(m.text)
            votes[key][m.label] += 1
            if m.label == "PERSON" and " " in key:
                surname = person_parts(m.text)[1]
                votes[surname]["PERSON"] += 1
                here.add(surname)
        doc_surnames.append(here)
    for doc, here in zip(docs, doc_surnames, strict=True):
        for m in doc.entity_mentions:
            if m.kind != "name" or m.label not in NAME_LABELS:
                continue
            key = name_key(m.text)
            if m.label == "PERSON" and key in here:
                continue      # the document itself names the person in full
            ranked = votes[key].most_common()
            if ranked and ranked[0][0] != m.label and ranked[0][1] > votes[key][m.label]:
                if _group(ranked[0][0]) == _group(m.label) or " " not in key:
                    m.label = ranked[0][0]


class _Places:
    """Canonical keys of places and peoples, so "Russian" and "Russia" name the same owner."""

    def __init__(self, docs: list[Document]) -> None:
        keys = {name_key(m.text) for d in docs for m in d.entity_mentions if m.label in ("GPE", "LOC")}
        self.sorted = sorted(k for k in keys if k)
        self.keys = set(self.sorted)

    def canon(self, text: str) -> str:
        key = name_key(text)
        if key in self.keys:
            return key
        for stem in demonym_stems(key)[1:]:
            i = bisect.bisect_left(self.sorted, stem)
            hits = []
            while i < len(self.sorted) and self.sorted[i].startswith(stem):
                hits.append(self.sorted[i])
                i += 1
            if hits:
                return min(hits, key=len)
        return key


def _body_parts(m: EntityMention, places: _Places) -> tuple[str, str] | None:
    """(owner key, body key) of an official body with a known owner."""
    if not m.owner or m.label not in ("ORG", "FAC"):
        return None
    text = m.text
    if text.startswith(m.owner):
        text = text[len(m.owner):]
    body = " ".join(org_tokens(text))
    return (places.canon(m.owner), body) if body else None


def _match_key(m: EntityMention, places: _Places) -> tuple[str, str, str | None, str | None]:
    """(group, node key, owner, body) of a name mention."""
    group = _group(m.label)
    if group == "person":
        given, surname = person_parts(m.text)
        return group, " ".join([*given, surname]), None, None
    parts = _body_parts(m, places)
    if parts:
        return group, f"o:{parts[0]}|{parts[1]}", parts[0], parts[1]
    toks = org_tokens(m.text)
    body = " ".join(toks) if toks and toks[-1] in BODY_WORDS else None
    # spaces do not count in the key: "SeaMicro" / "Sea Micro", "T-Mobile" / "T - Mobile"
    return group, "n:" + ("".join(toks) or name_key(m.text).replace(" ", "")), None, body


def _local_entities(doc: Document, di: int, places: _Places, nodes: dict[tuple[str, str], Node]) -> None:
    """Within one document: attach surnames, partial names and acronyms to the full name they
    abbreviate, and owner-less bodies to the single owner the document gives that body."""
    items = [(i, m) for i, m in enumerate(doc.entity_mentions) if m.kind == "name" and m.label in NAME_LABELS]
    keyed = {i: _match_key(m, places) for i, m in items}
    full_people = [(i, keyed[i][1].split()) for i, _ in items
                   if keyed[i][0] == "person" and " " in keyed[i][1]]
    acronyms: dict[str, int] = {}
    owners_of_body: dict[str, set[int]] = defaultdict(set)
    for i, m in items:
        group, key, owner, body = keyed[i]
        if group != "person":
            a = acronym(m.text)
            if a and len(words(m.text)) > 1:
                acronyms.setdefault(a, i)
            if owner and body:
                owners_of_body[body].add(i)
    target: dict[int, int] = {}
    for i, m in items:
        group, key, owner, body = keyed[i]
        if group == "person" and full_people:
            parts = key.split()
            cands = [j for j, full in full_people
                     if j != i and len(full) > len(parts) and _contiguous(parts, full)]
            surname_cands = [j for j in cands if full_people_last(keyed[j][1]) == parts[-1]]
            cands = surname_cands or cands
            if cands:
                before = [j for j in cands if doc.entity_mentions[j].start < m.start]
                target[i] = (before or cands)[-1] if before else cands[0]
        elif group != "person":
            ws = words(m.text)
            bare = ws[0].replace(".", "") if len(ws) == 1 else ""
            if bare.isupper() and bare.lower() in acronyms:
                target[i] = acronyms[bare.lower()]
            elif owner is None and body and body in {keyed[j][3] for j in owners_of_body.get(body, ())}:
                owner_keys = {keyed[j][2] for j in owners_of_body[body]}
                if len(owner_keys) == 1:
                    target[i] = next(iter(owners_of_body[body]))
    for i, m in items:
        j = i
        seen = 0
        while j in target and seen < 5:      # follow a short chain: "SCO" -> full name
            j = target[j]
            seen += 1
        group, key, owner, body = keyed[j]
        node = nodes.get((group, key))
        if node is None:
            node = nodes[(group, key)] = Node(group, key, owner=owner, body=body)
            node.short = group == "person" and " " not in key
        node.refs.append((di, i))
        node.forms[m.text] += 1
        node.labels[m.label] += 1


def full_people_last(key: str) -> str:
    return key.rsplit(" ", 1)[-1]


def _contiguous(part: list[str], full: list[str]) -> bool:
    n = len(part)
    return any(full[k: k + n] == part for k in range(len(full) - n + 1))


def _block_keys(node: Node) -> list[str]:
    if node.group == "person":
        if node.short:
            return []
        surname = node.key.rsplit(" ", 1)[-1]
        return ["s:" + skeleton(surname), "p:" + surname[:4]]
    keys = ["k:" + node.key]
    for form in node.forms:
        a = acronym(form)
        if a:
            keys.append("a:" + a)
        if node.owner is None:
            keys.extend("t:" + t for t in org_tokens(form) if len(t) > 2)
    return list(dict.fromkeys(keys))


def _pair_score(a: Node, b: Node, norp_keys: set[str]) -> float:
    if a.group != b.group:
        return 0.0
    if a.group == "person":
        return person_similarity(a.form(), b.form())
    if (a.owner is None) != (b.owner is None):
        return 0.0
    if a.owner is not None:
        if a.owner != b.owner:
            return 0.0
        r = fuzz.ratio(a.body or "", b.body or "")
        return r / 100 if r >= 92 else 0.0
    for x in a.forms:                                            # acronym and its expansion
        for y in b.forms:
            for short, long_ in ((x, y), (y, x)):
                ws = words(short)
                if len(ws) == 1 and ws[0].replace(".", "").isupper() and len(words(long_)) > 1 \
                        and acronym(long_) == ws[0].replace(".", "").lower():
                    return 0.9
    fa, fb = a.form(), b.form()
    ta, tb = org_tokens(fa), org_tokens(fb)
    if not ta or not tb:
        return 0.0
    same_label = a.labels.most_common(1)[0][0] == b.labels.most_common(1)[0][0]
    if len(ta) != len(tb):      # "Afghan Taliban" / "Taliban": a leading people or place word
        long_, short = (ta, tb) if len(ta) > len(tb) else (tb, ta)
        if long_[1:] == short and long_[0] in norp_keys and same_label:
            return 0.85
        return 0.0
    r = fuzz.ratio(" ".join(ta), " ".join(tb))
    return r / 100 if r >= 92 and same_label and len(" ".join(ta)) >= 6 else 0.0


def _cluster(nodes: list[Node], judgements_path: str | None, norp_keys: set[str]) -> ConstrainedUnion:
    uf = ConstrainedUnion(len(nodes))
    by_name: dict[str, list[int]] = defaultdict(list)      # every written form's key -> nodes
    for n, node in enumerate(nodes):
        for form in node.forms:
            by_name[name_key(form)].append(n)
        by_name[name_key(node.form())].append(n)
    judgements = load_judgements(judgements_path)

    def matching(name: str) -> list[int]:
        return sorted(set(by_name.get(name_key(name), [])))

    for j in judgements.different:
        groups = [matching(n) for n in j.names]
        for x in range(len(groups)):
            for y in range(x + 1, len(groups)):
                for a in groups[x]:
                    for b in groups[y]:
                        uf.forbid(a, b)
    for j in judgements.same:
        hits = [n for name in j.names for n in matching(name)]
        for a, b in zip(hits, hits[1:]):
            uf.union(a, b)

    blocks: dict[str, list[int]] = defaultdict(list)
    for n, node in enumerate(nodes):
        for k in _block_keys(node):
            blocks[k].append(n)
    edges: dict[tuple[int, int], float] = {}
    for members in blocks.values():
        if len(members) < 2 or len(members) > BLOCK_CAP:
            continue
        for x in range(len(members)):
            for y in range(x + 1, len(members)):
                pair = (members[x], members[y])
                if pair not in edges:
                    edges[pair] = _pair_score(nodes[pair[0]], nodes[pair[1]], norp_keys)
    for (a, b), score in sorted(edges.items(), key=lambda kv: (-kv[1], kv[0])):
        if score > 0:
            uf.union(a, b)
    _attach_short_names(nodes, uf)
    _attach_ownerless_bodies(nodes, uf)
    return uf


def _attach_short_names(nodes: list[Node], uf: ConstrainedUnion) -> None:
    """A person named by one word joins the one full-name entity with that surname (or the one
    that holds clearly most mentions of all such entities)."""
    by_surname: dict[str, Counter[int]] = defaultdict(Counter)
    for n, node in enumerate(nodes):
        if node.group == "person" and not node.short:
            by_surname[node.key.rsplit(" ", 1)[-1]][uf.find(n)] += len(node.refs)
    for n, node in enumerate(nodes):
        if node.group != "person" or not node.short:
            continue
        ranked = by_surname.get(node.key, Counter()).most_common()
        if ranked and (len(ranked) == 1 or ranked[0][1] >= 3 * ranked[1][1]):
            uf.union(n, ranked[0][0])


def _attach_ownerless_bodies(nodes: list[Node], uf: ConstrainedUnion) -> None:
    """"Foreign Ministry" with no owner anywhere in its document joins the owned body of that name
    only when the corpus knows a single owner for it."""
    owners: dict[str, set[int]] = defaultdict(set)
    for n, node in enumerate(nodes):
        if node.owner is not None and node.body:
            owners[node.body].add(uf.find(n))
    for n, node in enumerate(nodes):
        if node.owner is None and node.body and len(owners.get(node.body, ())) == 1:
            uf.union(n, next(iter(owners[node.body])))


def _title_key(title: str) -> str:
    return " ".join(token_key(w) for w in words(title.lower()) if w not in _TITLE_NOISE)


def _attach_titles(docs: list[Document], node_of: dict[tuple[int, int], int], uf: ConstrainedUnion,
                   places: _Places) -> dict[tuple[int, int], int]:
    """Title-only mentions join the person who holds that title in the same document, else the one
    person in the corpus known to hold it."""
    holders: dict[tuple[str, str], set[int]] = defaultdict(set)
    local: dict[tuple[int, str, str], set[int]] = defaultdict(set)
    for di, doc in enumerate(docs):
        for mi, m in enumerate(doc.entity_mentions):
            if m.kind == "name" and m.role and (di, mi) in node_of:
                key = (_title_key(m.role), places.canon(m.role_of) if m.role_of else "")
                root = uf.find(node_of[(di, mi)])
                holders[key].add(root)
                local[(di, *key)].add(root)
    out: dict[tuple[int, int], int] = {}
    for di, doc in enumerate(docs):
        for mi, m in enumerate(doc.entity_mentions):
            if m.kind != "title" or not m.role:
                continue
            key = (_title_key(m.role), places.canon(m.role_of) if m.role_of else "")
            here = local.get((di, *key), set())
            cands = here if here else holders.get(key, set())
            if len(cands) == 1:
                out[(di, mi)] = next(iter(cands))
    return out


def _date(doc: Document) -> dict[str, Any] | None:
    p = doc.published
    if p is None or not p.value or not p.granularity:
        return None
    return {"value": p.value, "granularity": p.granularity}


def _canonical_name(forms: Counter[str], group: str, owner_display: str | None) -> str:
    """The most complete form that is written more than once, else the most complete; a body's name
    includes its owner."""
    cleaned: Counter[str] = Counter()
    for f, n in forms.items():
        cleaned[f.strip()] += n
    if owner_display:
        with_owner = Counter({f: n for f, n in cleaned.items() if f.startswith(owner_display)})
        if with_owner:
            cleaned = with_owner
        else:
            body = cleaned.most_common(1)[0][0]
            return f"{owner_display}'s {body}" if not body.startswith(owner_display) else body

    def score(item: tuple[str, int]) -> tuple[float, ...]:
        f, n = item
        ws = len(words(f))
        if group == "person":
            return (min(ws, 4), n, -len(f))
        return (n * (1 + 0.25 * (ws - 1)), ws, -len(f))
    return max(cleaned.items(), key=score)[0]


def _entity_id(name: str, etype: str, taken: set[str]) -> str:
    base = "ent-" + hashlib.sha1(f"{etype}|{name}".encode()).hexdigest()[:12]
    eid, k = base, 2
    while eid in taken:
        eid, k = f"{base}-{k}", k + 1
    taken.add(eid)
    return eid


def resolve(docs: list[Document], *, judgements_path: str | None = None) -> list[Entity]:
    """Cluster the entity mentions of all documents into entities; sets EntityMention.entity_id."""
    _repair_glued(docs)
    _corpus_labels(docs)
    places = _Places(docs)
    norp_keys = {name_key(m.text) for d in docs for m in d.entity_mentions if m.label in ("NORP", "GPE")}
    table: dict[tuple[str, str], Node] = {}
    for di, doc in enumerate(docs):
        _local_entities(doc, di, places, table)
    nodes = list(table.values())
    node_of = {ref: n for n, node in enumerate(nodes) for ref in node.refs}
    uf = _cluster(nodes, judgements_path, norp_keys)
    titles = _attach_titles(docs, node_of, uf, places)

    members: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for ref, n in node_of.items():
        members[uf.find(n)].append(ref)
    for ref, root in titles.items():
        members[uf.find(root)].append(ref)
    entities: list[Entity] = []
    taken: set[str] = set()
    order = sorted(members.items(), key=lambda kv: min(kv[1]))
    for root, refs in order:
        refs.sort()
        names = [docs[d].entity_mentions[i] for d, i in refs if docs[d].entity_mentions[i].kind == "name"]
        labels = Counter(m.label for m in names)
        etype = labels.most_common(1)[0][0] if labels else "PERSON"
        forms = Counter(m.text for m in names)
        owners = Counter(m.owner for m in names if m.owner)
        owner_display = owners.most_common(1)[0][0] if owners else None
        name = _canonical_name(forms, _group(etype), owner_display)
        entity = Entity(id=_entity_id(name, etype, taken), name=name, type=etype,
                        aliases=[f for f, _ in sorted(forms.items(), key=lambda kv: (-kv[1], kv[0]))])
        roles: dict[tuple[str, str | None, str | None], dict[str, Any]] = {}
        for d, i in refs:
            doc, m = docs[d], docs[d].entity_mentions[i]
            m.entity_id = entity.id
            entity.mentions.append({"doc": doc.id, "start": m.start, "end": m.end, "text": m.text})
            if m.role and m.kind == "name":
                as_of = _date(doc)
                k = (m.role, m.role_of, as_of["value"] if as_of else None)
                role = roles.setdefault(k, {"title": m.role, "of": m.role_of, "as_of": as_of, "evidence": []})
                role["evidence"].append({"doc": doc.id, "start": m.start, "end": m.end})
        entity.roles = sorted(roles.values(),
                              key=lambda r: ((r["as_of"] or {}).get("value") or "9999", r["title"]))
        entities.append(entity)
    return entities
