"""The per-document analysis (dates, time expressions, entities, events) and the corpus-level steps
that follow it. Kept apart from pipeline.py so a distributed engine can call the same functions."""

from __future__ import annotations

from storyline.config import Config
from storyline.models import Document, Story


def warm_up(config: Config) -> None:
    """Load models once per process."""


def analyse_document(doc: Document, config: Config) -> Document:
    """Pure function of one document: fills published, timexes, entity and event mentions."""
    return doc


def analyse_corpus(story: Story, config: Config) -> None:
    """Cross-document steps over the analysed documents."""
