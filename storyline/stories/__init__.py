"""Story detection: split a mixed feed of articles into stories, each to get its own timeline.

    detect_stories(docs, config.stories) -> list[StoryCluster]     whole collection at once
    StoryDetector(config.stories).add(doc) -> story id              one article at a time (a feed)
    split_story(story, clusters) -> [(cluster, Story)]              one Story per cluster (corpus steps)
"""

from __future__ import annotations

from storyline.stories.detect import StoryDetector, detect_stories
from storyline.stories.split import split_story, stories_json

__all__ = ["StoryDetector", "detect_stories", "split_story", "stories_json"]
