"""State intervals and claim checking on events built by hand (the stage is tested in isolation;
tests/cli covers it end to end on the seeds)."""

from storyline.models import DateValue, Document, EntityMention, Event, PublishedDate, Sentence, Story
from storyline.states import as_of, check_claims, states_json, status_on, track_states
from storyline.states.tracker import StateInterval


def _event(eid, etype, date, actors=(), targets=(), modality="asserted", doc="d1"):
    return Event(id=eid, summary=eid, type=etype, date=DateValue(*date) if date else None, modality=modality,
                 actors=list(actors), targets=list(targets),
                 mentions=[{"doc": doc, "sentence": f"sentence of {eid}", "start": 0, "end": 5}])


def _pub(value):
    return PublishedDate(value, "day", value, value, "metadata", 1.0, "test")


def test_designation_interval_keeps_precision():
    events = [_event("e1", "DESIGNATE", ("2003", "year"), ["RU"], ["TB"]),
              _event("e2", "DELIST", ("2025-04", "month"), [], ["TB"]),
              _event("e3", "RECOGNIZE", ("2025-07-03", "day"), ["RU"], ["TB"])]
    states = states_json(track_states(events), [])
    designation = next(s for s in states if s["relation"].startswith("designates"))
    assert designation["from"] == {"value": "2003", "granularity": "year"}
    assert designation["until"] == {"value": "2025-04", "granularity": "month"}
    assert designation["evidence"] == ["e1", "e2"]
    recognition = next(s for s in states if s["relation"] == "recognizes")
    assert recognition["from"]["value"] == "2025-07-03" and recognition["until"] is None


def test_planned_or_negated_events_change_nothing():
    events = [_event("e1", "RECOGNIZE", ("2024-01-01", "day"), ["A"], ["B"], modality="planned"),
              _event("e2", "RECOGNIZE", ("2024-02-01", "day"), ["A"], ["B"], modality="negated")]
    assert track_states(events) == []


def test_status_on_respects_precision():
    state = {"from": {"value": "2003", "granularity": "year"}, "until": {"value": "2025-04", "granularity": "month"}}
    assert status_on(state, "2010-06-01") == "holds"
    assert status_on(state, "2025-04-10") == "uncertain"
    assert status_on(state, "2025-05") == "ended"
    assert status_on(state, "2002-12-31") == "not yet"
    assert status_on(state, "2003-05-01") == "uncertain"


def test_as_of_filters_by_entity_name():
    story = {"entities": [{"id": "TB", "name": "Taliban", "type": "ORG", "aliases": ["the Taliban"]}],
             "states": [{"subject": "RU", "relation": "recognizes", "object": "TB", "from": {"value": "2025-07-03",
                         "granularity": "day"}, "until": None, "evidence": ["e3"]},
                        {"subject": "X", "relation": "recognizes", "object": "Y", "from": None, "until": None,
                         "evidence": []}]}
    rows = as_of(story, "2025-08-01", "the taliban")
    assert [(r["object"], r["status"]) for r in rows] == [("TB", "holds")]
    assert as_of(story, "2025-01-01", "TB")[0]["status"] == "not yet"


def _doc(doc_id, published, sentence, mentions):
    doc = Document(id=doc_id, path=f"{doc_id}.txt", raw_text=sentence, text=sentence, published=_pub(published))
    doc.sentences = [Sentence(0, len(sentence), sentence)]
    doc.entity_mentions = [EntityMention(sentence.index(t), sentence.index(t) + len(t), t, "ORG", 0, entity_id=e)
                           for t, e in mentions]
    return doc


def test_claims_superseded_contradicted_current():
    old = _doc("old", "2024-10-04", "The group remains outlawed in the country, and no state has recognized its government.",
               [("group", "TB")])
    late = _doc("late", "2025-09-01", "No country has recognized the group so far.", [("group", "TB")])
    events = [_event("e1", "DESIGNATE", ("2003", "year"), ["RU"], ["TB"], doc="x"),
              _event("e2", "DELIST", ("2025-04", "month"), ["RU"], ["TB"], doc="x"),
              _event("e3", "RECOGNIZE", ("2025-07-03", "day"), ["RU"], ["TB"], doc="y")]
    story = Story(documents=[old, late], events=events)
    story.states = states_json(track_states(events), [])
    claims = {(c["doc"], c["relation"]): c for c in check_claims(story)}
    # "remains outlawed" matched first in the old sentence: true in Oct 2024, false since April 2025
    first = claims[("old", "designates_as_terrorist_or_banned")]
    assert first["status"] == "superseded" and first["by"] == ["e2"] and "2025-04" in first["explanation"]
    second = claims[("late", "recognizes")]
    assert second["status"] == "contradicted" and second["by"] == ["e3"]


def test_current_claim_when_nothing_changed():
    doc = _doc("d", "2024-01-01", "No country has recognized the group.", [("group", "TB")])
    story = Story(documents=[doc], events=[])
    assert check_claims(story)[0]["status"] == "current"


def test_two_sources_two_months_for_one_ruling_is_a_contradiction():
    a = _event("a", "COURT_RULING", ("2025-04", "month"), ["SC"], ["TB"], doc="d1")
    b = _event("b", "COURT_RULING", ("2025-03", "month"), ["SC"], ["TB"], doc="d2")
    claims = check_claims(Story(documents=[], events=[a, b]))
    assert {(c["doc"], c["status"], tuple(c["by"])) for c in claims} == {("d1", "contradicted", ("b",)),
                                                                        ("d2", "contradicted", ("a",))}
