"""Documents survive the trip through the store's JSON unchanged, nested records included."""

from __future__ import annotations

from storyline.models import (
    DateValue,
    Document,
    EntityMention,
    EventMention,
    Line,
    PublishedDate,
    RemovedLine,
    Segment,
    Sentence,
    Timex,
)
from storyline.store.codec import document_from_json, document_to_json


def test_document_round_trip():
    doc = Document(
        id="abc",
        path="a.txt",
        raw_text="raw",
        text="The council met.",
        title="T",
        source="S",
        published=PublishedDate("2024-03", "month", "2024-03-01", "2024-03-31", "dateline", 0.8, "why"),
        lines=[Line("The council met.", 0, 16), Line("ADVERTISEMENT", 17, 30, removed="advertisement")],
        removed=[RemovedLine("ADVERTISEMENT", "advertisement", 17, 30)],
        segments=[Segment(0, 16, 0, 16)],
        sentences=[Sentence(0, 16, "The council met.")],
        timexes=[Timex(0, 4, "2024", "DATE", "2024", "year", mod="START")],
        entity_mentions=[EntityMention(4, 11, "council", "ORG", sentence=0, entity_id="e1")],
        event_mentions=[
            EventMention(
                0, 12, 15, "met", "meet", date=DateValue("2024-03", "month"), actors=[0], extra={"score": 0.5}
            )
        ],
        duplicates=["def"],
        extra={"k": [1, 2]},
    )
    back = document_from_json(document_to_json(doc))
    assert back == doc
    assert isinstance(back.event_mentions[0].date, DateValue) and isinstance(back.published, PublishedDate)
