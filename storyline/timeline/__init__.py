"""Timeline: chronological order at each date's precision, sections, condensed view, SemEval export."""

from storyline.timeline.build import (DateEntry, TimelineSections, build_timeline, condense, importance,
                                      timeline_sections)
from storyline.timeline.semeval import write_entity_timelines

__all__ = ["build_timeline", "condense", "timeline_sections", "importance", "write_entity_timelines",
           "DateEntry", "TimelineSections"]
