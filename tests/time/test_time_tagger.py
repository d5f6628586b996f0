"""tag_timexes: spans, TIMEX3 types and values at the precision the text gives, direction by tense,
relative expressions against full, partial and missing anchors."""

from __future__ import annotations

import pytest

from storyline.models import DateValue
from storyline.time import tag_timexes


def day(iso: str) -> DateValue:
    return DateValue(iso, "day")


def tagged(text: str, anchor: DateValue | None, **kw) -> dict[str, tuple[str, str]]:
    out = {}
    for t in tag_timexes(text, anchor, **kw):
        assert text[t.start:t.end] == t.text
        out[t.text] = (t.type, t.value)
    return out


@pytest.mark.parametrize("text,expected", [
    ("The Taliban was added to the list in 2003.", {"2003": ("DATE", "2003")}),
    ("The group seized power in August 2021.", {"August 2021": ("DATE", "2021-08")}),
    ("The court ruled on April 17, 2025, in Moscow.", {"April 17, 2025": ("DATE", "2025-04-17")}),
    ("Ties grew during the 1990s.", {"the 1990s": ("DATE", "199")}),
    ("It ended in the 20th century.", {"the 20th century": ("DATE", "19")}),
    ("Progress came in the past three years.", {"the past three years": ("DURATION", "P3Y")}),
    ("The search lasted several weeks.", {"several weeks": ("DURATION", "PXW")}),
    ("He served almost seven years.", {"almost seven years": ("DURATION", "P7Y")}),
    ("A four-week closure begins.", {"four-week": ("DURATION", "P4W")}),
    ("It takes between 12 and 18 months.", {"12": ("DURATION", "P12M"), "18 months": ("DURATION", "P18M")}),
    ("Inspectors visit every week and report quarterly.", {"every week": ("SET", "XXXX-WXX"),
                                                          "quarterly": ("SET", "XXXX-QX")}),
    ("Senators are now in office.", {"now": ("DATE", "PRESENT_REF")}),
    ("The expedition of 1957-58 succeeded.", {"1957": ("DATE", "1957"), "58": ("DATE", "1958")}),
])
def test_explicit_values_keep_their_precision(text: str, expected: dict) -> None:
    assert tagged(text, day("2013-03-22")) == expected


def test_ages_and_counts_are_not_time_expressions() -> None:
    text = "His 22-year-old son and 2000 soldiers left; children ages 6 months and older were vaccinated."
    assert tagged(text, day("2013-03-22")) == {}


@pytest.mark.parametrize("text,anchor,phrase,value", [
    ("Russia's Foreign Ministry announced Friday that the decision was made.", "2024-10-04", "Friday", "2024-10-04"),
    ("The minister said on Friday that talks failed.", "2024-10-02", "Friday", "2024-09-27"),
    ("The ministers will meet on Friday in Geneva.", "2024-10-02", "Friday", "2024-10-04"),
    ("The forum, scheduled for June, was postponed.", "2025-05-29", "June", "2025-06"),
    ("In June, the court ruled against him.", "2025-05-29", "June", "2024-06"),
    ("In April, Russia's Supreme Court revoked the designation.", "2025-07-03", "April", "2025-04"),
    ("The closure will begin on April 7, the agency said.", "2013-03-22", "April 7", "2013-04-07"),
    ("On Feb. 28, the bank released a note.", "2013-03-21", "Feb. 28", "2013-02-28"),
    ("He was fired from his job late last July.", "2013-03-22", "late last July", "2012-07"),
    ("A man accused of faking his death last summer pleaded guilty.", "2013-03-22", "last summer", "2012-SU"),
])
def test_direction_follows_tense(text: str, anchor: str, phrase: str, value: str) -> None:
    assert tagged(text, day(anchor))[phrase][1] == value


def test_relative_expressions_against_a_day() -> None:
    text = "He left yesterday. A decision a week ago. Prices rose last year. Earlier this month, talks stalled."
    got = tagged(text, day("2025-07-03"))
    assert got["yesterday"] == ("DATE", "2025-07-02")
    assert got["a week ago"] == ("DATE", "2025-W26")
    assert got["last year"] == ("DATE", "2024")
    assert got["Earlier this month"] == ("DATE", "2025-07")


def test_expressions_that_need_the_previous_sentence() -> None:
    text = "On March 3, 2024, troops crossed the border. The following day, talks began. Since then, calm."
    timexes = {t.text: t for t in tag_timexes(text, day("2025-07-03"))}
    assert timexes["The following day"].value == "2024-03-04"
    assert timexes["The following day"].anchor == "2024-03-03"
    assert timexes["Since then"].mod == "ON_OR_AFTER"


def test_month_anchor_keeps_only_month_precision() -> None:
    got = tagged("He spoke Friday. Last month he resigned. Yesterday he left. In April he ran.", DateValue("2025-07", "month"))
    assert got["Last month"][1] == "2025-06"
    assert got["April"][1] == "2025-04"
    assert got["Friday"][1] == "2025"          # some Friday of 2025, no day invented
    assert got["Yesterday"][1] == "2025"


def test_yearless_anchor_leaves_the_year_open() -> None:
    text = "He spoke Friday. Last year he resigned. Yesterday he left. On May 27 he ran. It is scheduled for June."
    got = tagged(text, DateValue("XXXX-05-29", "day"))
    assert got["Yesterday"][1] == "XXXX-05-28"
    assert got["May 27"][1] == "XXXX-05-27"
    assert got["June"][1] == "XXXX-06"
    assert got["Friday"][1] == "XXXX-WXX-5"
    assert got["Last year"][1] == "XXXX"


def test_no_anchor_leaves_relative_parts_unresolved() -> None:
    got = tagged("MOSCOW, Oct 04 (Alliance News): the ministry announced Friday; in July 2024 Putin spoke.", None)
    assert got["Oct 04"][1] == "XXXX-10-04"
    assert got["Friday"][1] == "XXXX-WXX-5"
    assert got["July 2024"][1] == "2024-07"


def test_seed_phrases() -> None:
    text = ("Russia's Foreign Ministry said in a statement on Thursday, July 3, as reported by Al Jazeera. "
            "In July 2024, Putin referred to the Taliban as allies.")
    got = tagged(text, day("2025-07-03"))
    assert got["Thursday, July 3"] == ("DATE", "2025-07-03")
    assert got["July 2024"] == ("DATE", "2024-07")
    # A byline "5 hours ago" against a day-precision date: the day itself is not known.
    byline = tagged("sajadi - 5 hours ago", day("2025-07-03"))
    assert byline["5 hours ago"][1] == "2025-07"


def test_interval_anchor_resolves_what_all_its_days_agree_on() -> None:
    text = "Zhirnov met Muttaqi on Thursday."
    got = tagged(text, None, anchor_range=("2025-07-03", "2025-07-09"))
    assert got["Thursday"][1] == "2025-07-03"


def test_times_of_day() -> None:
    got = tagged("Talks resumed Tuesday night and again at 5 p.m. on Wednesday.", day("2013-03-22"))
    assert got["Tuesday night"] == ("TIME", "2013-03-19TNI")
    assert got["5 p.m. on Wednesday"] == ("TIME", "2013-03-20T17:00")


def test_names_and_numbers_that_look_like_dates_are_skipped() -> None:
    text = "The Sunday Times said Resolution 2166 passed; you may march in May. It happened on Friday."
    got = tagged(text, day("2025-07-03"))
    assert set(got) == {"May", "Friday"}


def test_vague_spans_of_time() -> None:
    got = tagged("Talks are expected in the coming months after the past decades of war.", day("2025-07-03"))
    assert got["the coming months"] == ("DURATION", "PXM")
    assert got["the past decades"] == ("DURATION", "PXY")


def test_kept_matches_resolve_as_a_fresh_reading_does_after_the_date_moves():
    from storyline.models import Document, PublishedDate
    from storyline.time.tagger import resolve_timexes, split_sentences
    text = ("The ministry said on Friday that talks held a week ago would resume next month. "
            "Officials met in March, and the deal signed last year stands.")
    doc = Document(id="d", path="d.txt", raw_text=text, text=text,
                   published=PublishedDate("2025-07", "month", "2025-07-01", "2025-07-31", "inferred", 0.4, ""))
    resolve_timexes(doc)
    assert doc.time_matches is not None
    kept = doc.time_matches
    doc.published = PublishedDate("2025-07-04", "day", "2025-07-04", "2025-07-04", "inferred", 0.6, "")
    resolve_timexes(doc)                           # resolved from the kept matches, no new reading
    assert doc.time_matches is kept
    fresh = tag_timexes(text, DateValue("2025-07-04", "day"), anchor_range=("2025-07-04", "2025-07-04"))
    assert doc.timexes == fresh
    assert {t.text: t.value for t in fresh}["a week ago"] == "2025-W26"
    assert split_sentences(text)                   # the reading used the plain splitter's sentences
