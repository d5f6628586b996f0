"""The trigger lexicon and modality cues, loaded once from the packaged data files."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources


@dataclass(frozen=True, slots=True)
class Rule:
    type: str
    lemmas: frozenset[str]
    with_any: frozenset[str] = frozenset()
    subject_any: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class Lexicon:
    rules: tuple[Rule, ...]
    verbs: dict[str, str]            # lemma -> type
    nouns: dict[str, str]
    weights: dict[str, float]
    modes: dict[str, str]
    once: frozenset[str]             # state changes: one per set of parties
    rule_lemmas: frozenset[str]
    reporting: frozenset[str]
    planned_aux: frozenset[str]
    planned_heads: frozenset[str]
    possible_aux: frozenset[str]
    possible_heads: frozenset[str]
    possible_amod: frozenset[str]
    planned_amod: frozenset[str]
    negation: frozenset[str]
    negation_heads: frozenset[str]
    background_markers: frozenset[str]

    def weight(self, event_type: str) -> float:
        return self.weights.get(event_type, 1.0)


def _read(name: str) -> dict:
    return tomllib.loads(resources.files("storyline.data").joinpath(name).read_text("utf-8"))


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    types = _read("event_types.toml")
    cues = _read("event_cues.toml")
    rules = tuple(
        Rule(r["type"], frozenset(r["lemmas"]), frozenset(r.get("with_any", ())),
             frozenset(r.get("subject_any", ())))
        for r in types.get("rule", [])
    )
    verbs: dict[str, str] = {}
    nouns: dict[str, str] = {}
    weights: dict[str, float] = {}
    modes: dict[str, str] = {}
    for name, spec in types.get("types", {}).items():
        weights[name] = float(spec.get("weight", 1.0))
        if "mode" in spec:
            modes[name] = spec["mode"]
        for lemma in spec.get("verbs", ()):
            verbs.setdefault(lemma, name)
        for lemma in spec.get("nouns", ()):
            nouns.setdefault(lemma, name)
    once = frozenset(name for name, spec in types.get("types", {}).items() if spec.get("once"))
    rule_lemmas = frozenset(lemma for r in rules for lemma in r.lemmas)
    return Lexicon(
        rules=rules, verbs=verbs, nouns=nouns, weights=weights, modes=modes, once=once,
        rule_lemmas=rule_lemmas,
        reporting=frozenset(cues["reporting"]), planned_aux=frozenset(cues["planned_aux"]),
        planned_heads=frozenset(cues["planned_heads"]), possible_aux=frozenset(cues["possible_aux"]),
        possible_heads=frozenset(cues["possible_heads"]), possible_amod=frozenset(cues["possible_amod"]),
        planned_amod=frozenset(cues["planned_amod"]), negation=frozenset(cues["negation"]),
        negation_heads=frozenset(cues["negation_heads"]),
        background_markers=frozenset(cues["background_markers"]),
    )
