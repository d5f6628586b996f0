"""Entities: recognition per document (spaCy + label consistency + roles) and cross-document
resolution (transliteration-aware name matching with blocking, alias/judgement files).

Public surface: `load_nlp`, `recognize`, `resolve`, `load_judgements`.
"""

from storyline.entities.judgements import Judgements, load_judgements
from storyline.entities.nlp import load_nlp
from storyline.entities.recognize import recognize
from storyline.entities.resolve import resolve

__all__ = ["load_nlp", "recognize", "resolve", "load_judgements", "Judgements"]
