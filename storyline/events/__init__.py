"""Event mentions per document: trigger, PLOVER or domain type, participants, date, modality."""

from storyline.events.extract import extract_events, redate_events
from storyline.events.lexicon import load_lexicon

__all__ = ["extract_events", "load_lexicon", "redate_events"]
