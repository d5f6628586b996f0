"""Cross-document event coreference: blocking, pair scores, average-link clustering, `Event`s."""

from storyline.merge.cluster import cluster
from storyline.merge.events import merge_events
from storyline.merge.score import MentionRecord, Weights

__all__ = ["merge_events", "cluster", "MentionRecord", "Weights"]
