"""storyline: turn a pile of news articles about a developing story into a dated, source-cited
timeline and knowledge graph."""

from storyline.config import Config
from storyline.models import Document, Entity, Event, Story

__all__ = ["build", "Config", "Story", "Document", "Entity", "Event"]
__version__ = "0.1.0"


def build(inputs, config: Config | None = None, **kwargs) -> Story:  # type: ignore[no-untyped-def]
    """Build a Story from inputs (paths, folders, globs, URLs). See storyline.pipeline.build."""
    from storyline.pipeline import build as _build
    if isinstance(inputs, str):
        inputs = [inputs]
    return _build([str(i) for i in inputs], config, **kwargs)
