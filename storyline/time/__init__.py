"""Time: TIMEX3 tagging and normalization, publication dates per document and across a corpus.

Every later stage takes its dates from here: values carry exactly the precision the text gives.
"""

from storyline.time.calendar import schema_date, value_interval
from storyline.time.corpus import refine_published, relative_times
from storyline.time.published import infer_published
from storyline.time.tagger import resolve_timexes, tag_timexes

__all__ = ["tag_timexes", "infer_published", "refine_published", "relative_times", "resolve_timexes", "schema_date", "value_interval"]
