"""Sentence segmentation with spaCy's rule-based sentencizer: fast, no model, and the same
tokenizer rules ("U.S.", "Oct.") as the parser that runs later."""

from __future__ import annotations

from functools import lru_cache

import spacy

from storyline.models import Sentence


@lru_cache(maxsize=1)
def _sentencizer() -> spacy.language.Language:
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return nlp


def split_sentences(text: str, offset: int = 0) -> list[Sentence]:
    """Sentences of one paragraph; offsets are shifted by `offset` into the document text."""
    out = []
    for sent in _sentencizer()(text).sents:
        stripped = sent.text.strip()
        if stripped:
            start = offset + sent.start_char + (len(sent.text) - len(sent.text.lstrip()))
            out.append(Sentence(start=start, end=start + len(stripped), text=stripped))
    return out
