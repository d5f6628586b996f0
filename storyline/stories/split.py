"""One `Story` per detected story, so each gets its own corpus-level steps and timeline."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from storyline.models import Story, StoryCluster


def split_story(story: Story, clusters: list[StoryCluster]) -> list[tuple[StoryCluster, Story]]:
    """Documents of `story` grouped by cluster (input order kept); failures stay with the whole run."""
    by_id: dict[str, list] = {}
    for doc in story.documents:
        by_id.setdefault(doc.id, []).append(doc)
    out = []
    for cluster in clusters:
        docs, taken = [], set()
        for doc_id in cluster.documents:
            if doc_id not in taken:  # identical texts share an id: take every copy once
                taken.add(doc_id)
                docs.extend(by_id.get(doc_id, []))
        out.append((cluster, Story(documents=docs, stories=[cluster])))
    return out


def stories_json(clusters: list[StoryCluster]) -> list[dict[str, Any]]:
    """The `stories` list of story.json / stories.json: id, title, keywords, dates, document ids."""
    return [asdict(c) | {"size": len(c.documents)} for c in clusters]
