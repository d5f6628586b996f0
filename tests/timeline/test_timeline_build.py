"""Timeline order, sections, the condensed view, the SemEval-2015 Task 4 export and its metric."""

from __future__ import annotations

from storyline.models import DateValue, Document, Entity, Event, PublishedDate, Sentence
from storyline.timeline import build_timeline, condense, timeline_sections, write_entity_timelines
from storyline.timeline.awareness import Counts, closure, score_timeline, timeline_graph
from storyline.timeline.dates import compatible, interval, sort_key
from storyline.timeline.semeval import name_matches, read_timeline


def _event(eid, date=None, etype="CONSULT", background=False, sources=1, modality="asserted", **extra):
    return Event(id=eid, summary=eid, type=etype, date=DateValue(*date) if date else None, modality=modality,
                 source_count=sources, background=background, extra=extra,
                 mentions=[{"doc": "d1", "sentence": "", "start": 0, "end": 1}])


def test_intervals_and_compatibility():
    assert str(interval("2021")[1]) == "2021-12-31"
    assert str(interval("2024-02")[1]) == "2024-02-29"
    assert [str(d) for d in interval("198")] == ["1980-01-01", "1989-12-31"]
    assert [str(d) for d in interval("2025-W16")] == ["2025-04-14", "2025-04-20"]
    assert interval("PRESENT_REF") is None
    assert compatible(DateValue("2021-08-15", "day"), DateValue("2021", "year"))
    assert not compatible(DateValue("2021-08", "month"), DateValue("2021-09-01", "day"))
    assert compatible(None, DateValue("2021", "year"))


def test_chronological_order_coarse_before_fine_undated_last():
    events = [_event("day", ("2021-08-15", "day")), _event("undated-late", not_after="2025-07-04"),
              _event("month", ("2021-08", "month")), _event("year", ("2021", "year")),
              _event("old", ("2003", "year")), _event("undated-early", not_after="2024-10-04")]
    assert build_timeline(events) == ["old", "year", "month", "day", "undated-early", "undated-late"]
    assert sort_key(DateValue("2021", "year")) < sort_key(DateValue("2021-01-01", "day"))


def test_sections_keep_background_and_undated_apart():
    events = [_event("history", ("2003", "year"), background=True), _event("news", ("2025-07-03", "day")),
              _event("floating")]
    sections = timeline_sections(events)
    assert sections.background == ["history"]
    assert sections.developments == ["news"]
    assert sections.undated == ["floating"]


def test_condense_picks_the_weightiest_dates_in_order():
    events = [_event("recognition", ("2025-07-03", "day"), "RECOGNIZE", sources=3),
              _event("chat", ("2025-05-01", "day"), "CONSULT"),
              _event("listing", ("2003", "year"), "DESIGNATE", sources=2),
              _event("denied", ("2025-06-01", "day"), "RECOGNIZE", modality="negated"),
              _event("undated", None, "TAKE_POWER", sources=5)]
    top = condense(events, 2)
    assert [d.date.value for d in top] == ["2003", "2025-07-03"]
    assert top[1].events == ["recognition"]
    assert condense(events, 0) == []


def test_entity_timelines_in_semeval_format(tmp_path):
    text = "Apple unveiled the phone . Jobs praised it ."
    doc = Document(id="16844", path="x", raw_text=text, text=text,
                   sentences=[Sentence(0, 25, text[:25]), Sentence(26, len(text), text[26:])])
    doc.published = PublishedDate("2010-06-08", "day", "2010-06-08", "2010-06-08", "metadata", 1.0, "dct")

    def ev(eid, start, word, date, names):
        return Event(id=eid, summary=word, type="OTHER", date=DateValue(*date) if date else None,
                     modality="asserted", source_count=1, extra={"actor_names": names},
                     mentions=[{"doc": "16844", "sentence": "", "start": 0, "end": 1,
                                "trigger": {"start": start, "end": start + len(word), "text": word}}])
    events = [ev("e1", 6, "unveiled", ("2010-06-07", "day"), ["Apple"]),
              ev("e2", 31, "praised", None, ["Jobs"])]
    jobs = Entity(id="P1", name="Steve Jobs", type="PERSON", aliases=["Jobs"])
    targets = ["Apple Inc", "Steve Jobs"]
    [apple_path, jobs_path] = write_entity_timelines(events, [jobs], [doc], targets, tmp_path)
    assert apple_path.name == "apple_inc.txt" and jobs_path.parent.name == "entity_timelines"
    name, rows = read_timeline(jobs_path.read_text())
    assert name == "Steve Jobs"
    assert rows == [(1, "2010-06-08", ["16844-1-praised"])]   # undated news: the article's day
    _, rows = read_timeline(apple_path.read_text())
    assert rows == []   # "Apple" alone is not "Apple Inc"
    assert name_matches("Steve Jobs", "company CEO Steve Jobs") and name_matches("Steve Jobs", "Jobs")
    assert not name_matches("iPhone 4", "iPhone 3G") and not name_matches("iPhone 4", "iPhone")


def test_temporal_awareness():
    gold = [(1, "2010-06-07", ["d-2-unveiled"]), (2, "2010-06-08", ["d-3-praised", "e-1-lauded"]),
            (3, "2010-06-24", ["d-9-release"])]
    assert score_timeline(gold, gold).f1 == 1.0
    graph = closure(timeline_graph(gold))
    assert ("d-2-unveiled", "BEFORE", "d-9-release") in graph
    assert ("d-3-praised", "SIMULTANEOUS", "e-1-lauded") in graph
    swapped = [(1, "2010-06-24", ["d-9-release"]), (2, "2010-06-08", ["d-3-praised"]),
               (3, "2010-06-07", ["d-2-unveiled"])]
    c = score_timeline(gold, swapped)
    assert 0 < c.precision < 1 and 0 < c.recall < 1
    total = Counts()
    score_timeline(gold, gold, total)
    score_timeline(gold, [], total)
    assert total.precision == 1.0 and 0 < total.recall < 1
