"""infer_published / refine_published / resolve_timexes on metadata, datelines, plain text and the seeds."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from storyline.models import Document
from storyline.time import infer_published, refine_published, resolve_timexes

TODAY = date(2026, 11, 24)
from tests.conftest import SEEDS  # noqa: E402


def make(text: str, doc_id: str = "d", **kw) -> Document:
    from storyline.clean.dateline import find_dateline

    doc = Document(id=doc_id, path=doc_id, raw_text=text, text=text, **kw)
    doc.dateline = find_dateline(text)
    return doc


def holds(p, iso: str) -> bool:
    return (p.earliest is None or p.earliest <= iso) and (p.latest is None or iso <= p.latest)


def test_metadata_iso_and_rfc822_with_modified_kept_apart() -> None:
    p = infer_published(make("Text.", meta_published="Fri, 04 Oct 2024 10:00:00 +0300",
                             meta_modified="2024-10-05T08:00:00Z"), today=TODAY)
    assert (p.value, p.granularity, p.method, p.modified) == ("2024-10-04", "day", "metadata", "2024-10-05")
    p = infer_published(make("Text.", meta_published="2024-10"), today=TODAY)
    assert (p.value, p.granularity, p.earliest, p.latest) == ("2024-10", "month", "2024-10-01", "2024-10-31")


def test_dateline_with_year_and_header_date_line() -> None:
    p = infer_published(make("PARIS, March 3, 2024 (AFP) - Talks resumed."), today=TODAY)
    assert (p.value, p.method) == ("2024-03-03", "dateline")
    p = infer_published(make("Apple unveils new Mac\n\nJanuary 11, 2006\n\nApple announced on Tuesday a new Mac."),
                        today=TODAY)
    assert (p.value, p.method) == ("2006-01-11", "dateline")


def test_weekday_chooses_the_year_of_a_yearless_dateline() -> None:
    text = "PARIS, Oct 04 (Agency): Officials announced Friday that the border, closed in 2022, will reopen."
    p = infer_published(make(text), today=TODAY)
    assert p.value == "2024-10-04" and p.method == "dateline"
    assert "Friday" in p.evidence


def test_byline_age_counts_back_from_the_fetch_time() -> None:
    text = "Russia Officially Recognize Taliban Government\n\nsajadi - 5 hours ago\n\nMoscow, MINA - Russia has ..."
    doc = make(text, extra={"fetched": "2025-07-04T03:00:00+00:00"})
    p = infer_published(doc, today=TODAY)
    assert (p.value, p.method) == ("2025-07-03", "inferred")
    assert infer_published(make(text), today=TODAY).value != "2025-07-03"   # no fetch time: no day


def test_no_evidence_means_unknown_not_invented() -> None:
    p = infer_published(make("Officials met to discuss the border."), today=TODAY)
    assert (p.value, p.method, p.earliest, p.latest) == (None, "unknown", None, None)


def test_only_a_lower_bound_gives_a_wide_low_confidence_interval() -> None:
    p = infer_published(make("The Taliban conquered Kabul on August 15, 2021. Envoys met again."), today=TODAY)
    assert p.earliest == "2021-08-15" and p.latest == TODAY.isoformat()
    assert p.value is None and p.confidence < 0.3


def test_cross_document_event_bounds_a_relative_mention() -> None:
    dated = make("GENEVA (Agency) - On Tuesday, the Constitutional Court of Freedonia annulled "
                 "the disputed election results in the northern provinces.", "b", meta_published="2024-03-07")
    relative = make("Protests grew after the Constitutional Court of Freedonia annulled the disputed election results "
                    "in the northern provinces a week ago. Turnout in 2019 was low.", "a")
    docs = [dated, relative]
    for d in docs:
        d.published = infer_published(d, today=TODAY)
    assert dated.published.value == "2024-03-07"
    assert relative.published.latest == TODAY.isoformat()
    refine_published(docs, today=TODAY)
    p = relative.published
    assert "2024-03-10" <= p.earliest <= p.latest <= "2024-03-14"
    assert "b" in p.evidence


@pytest.fixture(scope="module")
def seeds() -> dict[str, Document]:
    if not SEEDS.is_dir():
        pytest.skip("seed articles not available")
    docs = {}
    for path in sorted(SEEDS.glob("*.txt")):
        doc = make(path.read_text("utf-8"), path.stem[:3])
        doc.published = infer_published(doc, today=TODAY)
        docs[doc.id] = doc
    refine_published(list(docs.values()), today=TODAY)
    return docs


def test_seed_001_dateline_and_friday_give_the_day(seeds) -> None:
    p = seeds["001"].published
    assert (p.value, p.granularity, p.method) == ("2024-10-04", "day", "dateline")


def test_seed_002_thursday_july_3_gives_the_year_and_the_week(seeds) -> None:
    p = seeds["002"].published
    assert p.earliest == "2025-07-03" and p.latest <= "2025-07-09"
    assert p.value in ("2025-07", "2025-07-03")


def test_seed_003_keeps_the_dateline_day_without_inventing_a_year(seeds) -> None:
    p = seeds["003"].published
    assert p.value == "XXXX-05-29" and p.method == "dateline"
    assert holds(p, "2025-05-29") and holds(p, "2024-05-29")


def test_seed_000_lies_about_a_week_after_the_april_ruling(seeds) -> None:
    p = seeds["000"].published
    assert "2025-04-01" <= p.earliest and p.latest <= "2025-05-31"
    assert p.granularity != "day"
    assert "002" in p.evidence


def test_seed_004_is_an_interval_from_late_december_2024(seeds) -> None:
    p = seeds["004"].published
    assert p.granularity != "day"
    assert p.earliest >= "2024-12-01" and holds(p, "2024-12-27")


def test_resolve_timexes_uses_the_publication_date(seeds) -> None:
    doc = seeds["001"]
    resolve_timexes(doc)
    values = {t.text: t.value for t in doc.timexes}
    assert values["Friday"] == "2024-10-04"
    assert values["July"] == "2024-07"
    assert values["August 2021"] == "2021-08"
    doc = seeds["002"]
    resolve_timexes(doc)
    values = {t.text: t.value for t in doc.timexes}
    assert values["April"] == "2025-04"
    assert values["Thursday"] == "2025-07-03"
