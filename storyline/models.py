"""Plain records that flow between the pipeline stages.

Per-document stages fill a `Document`; corpus-level steps read collections of
them and produce `Entity`, `Event`, `State` and `Claim` records. Every date is a
`DateValue` that carries exactly the precision the text gives.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields, is_dataclass
from functools import cache
from typing import Any

GRANULARITIES = ("century", "decade", "year", "quarter", "month", "week", "day",
                 "hour", "minute", "second")


@dataclass(slots=True)
class DateValue:
    """An ISO value at its true precision: "2003", "2025-04", "2025-04-17"."""

    value: str
    granularity: str

    def to_json(self) -> dict[str, Any]:
        return {"value": self.value, "granularity": self.granularity}


@dataclass(slots=True)
class PublishedDate:
    """When a document was published, with the interval it surely lies in."""

    value: str | None            # ISO at the precision known, None when nothing is known
    granularity: str | None
    earliest: str | None         # ISO day
    latest: str | None           # ISO day
    method: str                  # metadata | dateline | inferred | unknown
    confidence: float
    evidence: str
    modified: str | None = None  # metadata "modified" date, kept apart

    def to_json(self) -> dict[str, Any]:
        # With no value at any precision (an interval spanning years), say "unknown year" in TIMEX3
        # notation and let earliest/latest carry what is known.
        unknown = self.value is None
        out: dict[str, Any] = {
            "value": "XXXX" if unknown else self.value, "granularity": "year" if unknown else self.granularity,
            "earliest": self.earliest, "latest": self.latest, "method": self.method,
            "confidence": round(self.confidence, 3), "evidence": self.evidence,
        }
        if self.modified:
            out["modified"] = self.modified
        return out


@dataclass(slots=True)
class RawDocument:
    """What an ingest reader hands over: text plus whatever metadata the input had."""

    path: str                        # file path, URL, or "file.jsonl#12" for records inside a file
    text: str
    title: str | None = None
    url: str | None = None
    source: str | None = None        # outlet / site name from metadata
    authors: list[str] = field(default_factory=list)
    date_published: str | None = None  # raw metadata string, parsed later by the time stage
    date_modified: str | None = None
    language: str | None = None
    format: str = "text"             # text | markdown | html | json | csv | warc | feed | url
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass(slots=True)
class Failure:
    """One input that could not be read: reported at the end, never fatal to the run."""

    path: str
    reason: str


@dataclass(slots=True)
class Line:
    """A line of the repaired text, with its offsets in the raw text."""

    text: str
    raw_start: int
    raw_end: int
    removed: str | None = None   # name of the rule that removed it, None when kept


@dataclass(slots=True)
class RemovedLine:
    text: str
    reason: str        # which rule removed it
    raw_start: int
    raw_end: int


@dataclass(slots=True)
class Segment:
    """Maps a stretch of cleaned text back to the raw text (one kept line)."""

    start: int       # offset in Document.text
    end: int
    raw_start: int   # offset in Document.raw_text
    raw_end: int


@dataclass(slots=True)
class Sentence:
    start: int
    end: int
    text: str


@dataclass(slots=True)
class Timex:
    """A TIMEX3-style time expression found in a document's cleaned text."""

    start: int
    end: int
    text: str
    type: str                    # DATE | TIME | DURATION | SET
    value: str                   # TIMEX3 value at the precision the text gives
    granularity: str | None = None
    anchor: str | None = None    # the ISO date it was resolved against, if relative
    mod: str | None = None       # TIMEX3 mod: BEFORE, AFTER, START, ...
    rule: str = ""               # which rule produced it

    def date(self) -> DateValue | None:
        if self.type in ("DATE", "TIME") and self.granularity and self.value[:1].isdigit():
            return DateValue(self.value, self.granularity)
        return None


@dataclass(slots=True)
class RelativeTime:
    """A time expression that fixes a distance from the document's own date ("a week ago",
    "yesterday", "last month", "on Tuesday"), read without that date, so that another document
    dating the same event can date this one (storyline.time.corpus)."""

    start: int
    end: int
    text: str
    kind: str                    # ago | deictic | weekday | unit-rel
    parts: dict[str, Any] = field(default_factory=dict)
    tense: str | None = None


@dataclass(slots=True)
class TimeMatch:
    """One time expression as the grammar reads it without any anchor (storyline.time.grammar's
    Match plus the tense around it): what resolving against a new document date starts from."""

    start: int
    end: int
    rule: str
    kind: str
    parts: dict[str, Any] = field(default_factory=dict)
    tense: str | None = None


@dataclass(slots=True)
class EntityMention:
    start: int
    end: int
    text: str
    label: str                     # PERSON | ORG | GPE | NORP | LOC | ...
    sentence: int = -1             # index into Document.sentences
    role: str | None = None        # apposition / pre-modifier title, "Russia's ambassador to Kabul"
    role_of: str | None = None     # organisation or place the role belongs to, as written
    owner: str | None = None       # for ORG: whose body it is ("Taliban" in "Taliban Foreign Ministry")
    entity_id: str | None = None   # filled by cross-document resolution
    kind: str = "name"             # name | title (a title standing for a person: "the foreign minister")


@dataclass(slots=True)
class EventMention:
    sentence: int
    start: int                     # trigger offsets in Document.text
    end: int
    trigger: str
    type: str
    modality: str = "asserted"     # asserted | reported | planned | possible | negated
    actors: list[int] = field(default_factory=list)    # indexes into Document.entity_mentions
    targets: list[int] = field(default_factory=list)
    location: int | None = None
    attributed_to: int | None = None
    date: DateValue | None = None
    date_source: str = "none"      # timex | sentence | publication | none
    background: bool = False
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass(slots=True)
class Document:
    id: str
    path: str
    raw_text: str
    text: str = ""
    title: str | None = None
    url: str | None = None
    source: str | None = None
    source_evidence: str | None = None
    authors: list[str] = field(default_factory=list)
    language: str | None = None
    format: str = "text"
    meta_published: str | None = None
    meta_modified: str | None = None
    dateline: dict[str, Any] | None = None   # {"place", "month", "day", "outlet", "start", "end"}
    published: PublishedDate | None = None
    lines: list[Line] = field(default_factory=list)
    removed: list[RemovedLine] = field(default_factory=list)
    segments: list[Segment] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    timexes: list[Timex] = field(default_factory=list)
    timexes_anchor: str | None = None          # the publication date (value|earliest|latest) timexes used
    relative_times: list[RelativeTime] | None = None   # None: not read yet
    time_matches: list[TimeMatch] | None = None        # the text's time expressions, unresolved; None: not read yet
    entity_mentions: list[EntityMention] = field(default_factory=list)
    event_mentions: list[EventMention] = field(default_factory=list)
    duplicate_of: str | None = None            # id of the first copy this one duplicates
    duplicates: list[str] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)

    def raw_offset(self, clean_offset: int) -> int:
        """Offset in raw_text of a character of the cleaned text (line-exact, best effort inside a line)."""
        for seg in self.segments:
            if seg.start <= clean_offset <= seg.end:
                inside = min(clean_offset - seg.start, seg.raw_end - seg.raw_start)
                return seg.raw_start + inside
        return -1


@dataclass(slots=True)
class Entity:
    id: str
    name: str
    type: str
    aliases: list[str] = field(default_factory=list)
    roles: list[dict[str, Any]] = field(default_factory=list)
    mentions: list[dict[str, Any]] = field(default_factory=list)


@dataclass(slots=True)
class Event:
    id: str
    summary: str
    type: str
    date: DateValue | None
    modality: str
    actors: list[str] = field(default_factory=list)
    targets: list[str] = field(default_factory=list)
    mentions: list[dict[str, Any]] = field(default_factory=list)
    source_count: int = 0
    background: bool = False
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass(slots=True)
class StoryCluster:
    """One story found in a mixed feed: its articles in input order, and what names it."""

    id: str                                              # "story-" + id of its first article
    documents: list[str] = field(default_factory=list)   # document ids, in input order
    title: str | None = None                             # headline of its most central article
    keywords: list[str] = field(default_factory=list)    # strongest terms of its centroid
    first_published: str | None = None                   # ISO day of its earliest dated article
    last_published: str | None = None


@dataclass(slots=True)
class Story:
    """The result of a build: documents plus everything the corpus-level steps derived."""

    documents: list[Document] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    timeline: list[str] = field(default_factory=list)
    states: list[dict[str, Any]] = field(default_factory=list)
    claims: list[dict[str, Any]] = field(default_factory=list)
    statements: list[dict[str, Any]] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)
    stories: list[StoryCluster] = field(default_factory=list)   # several when the input mixes stories
    parts: dict[str, Story] = field(default_factory=dict)       # one analysed Story per story, when several


@cache
def _field_names(tp: type) -> tuple[str, ...] | None:
    return tuple(f.name for f in fields(tp)) if is_dataclass(tp) else None


def to_plain(value: Any) -> Any:
    """Records as plain dicts and lists, for JSON: dataclasses.asdict without its deep copies, which
    dominated writing story.json and storing 10,000 documents. Tuples become lists."""
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    names = _field_names(type(value))
    if names is not None:
        return {name: to_plain(getattr(value, name)) for name in names}
    if isinstance(value, (list, tuple)):
        return [to_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: to_plain(v) for k, v in value.items()}
    return value
