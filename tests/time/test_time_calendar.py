"""TIMEX3 value arithmetic: intervals, agreement of two readings, story.json dates."""

from __future__ import annotations

from datetime import date

from storyline.models import DateValue
from storyline.time import schema_date, value_interval
from storyline.time.calendar import common_value, granularity, interval_value


def test_value_intervals() -> None:
    assert value_interval("2025-04") == (date(2025, 4, 1), date(2025, 4, 30))
    assert value_interval("2013-W12") == (date(2013, 3, 18), date(2013, 3, 24))
    assert value_interval("2012-SU") == (date(2012, 6, 1), date(2012, 8, 31))
    assert value_interval("2024-Q3") == (date(2024, 7, 1), date(2024, 9, 30))
    assert value_interval("199") == (date(1990, 1, 1), date(1999, 12, 31))
    assert value_interval("XXXX-05-29") is None and value_interval("PRESENT_REF") is None


def test_two_readings_keep_what_they_agree_on() -> None:
    assert common_value("2025-07-03", "2025-07-09") == "2025-07"
    assert common_value("2025-06-30", "2025-07-01") == "2025"
    assert common_value("2024-12-31", "2025-01-01") is None
    assert interval_value(date(2025, 7, 3), date(2025, 7, 3)) == ("2025-07-03", "day")


def test_granularity_and_schema_dates() -> None:
    assert granularity("2013-03-22T15:00") == "minute"
    assert granularity("2013-W12-5") == "day"
    assert schema_date("2013-W12") == DateValue("2013-03", "month")
    assert schema_date("2024-Q3") == DateValue("2024", "year")
    assert schema_date("199") is None
