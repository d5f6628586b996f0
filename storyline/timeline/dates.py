"""Dates at their own precision: the interval a TIMEX3-style value covers, compatibility, sort keys.

A value such as "2021" covers 2021-01-01..2021-12-31, "2021-08" one month, "198" (the 1980s) a
decade. Two dates are compatible when their intervals overlap: "2021-08-15" fits "2021-08" and
"2021" but not "2021-09". Hand-written because no library parses TIMEX3 values (decades,
quarters, seasons, weeks) and keeps their precision.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta
from functools import lru_cache

from storyline.models import DateValue

_FULL = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?:T.*)?$")
_WEEK = re.compile(r"^(\d{4})-W(\d{2})")
_QUARTER = re.compile(r"^(\d{4})-Q([1-4])")
_HALF = re.compile(r"^(\d{4})-H([12])")
_SEASON = re.compile(r"^(\d{4})-(SP|SU|FA|WI)")
_SEASON_MONTHS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 14)}
_GRAN_RANK = {"century": 0, "decade": 1, "year": 2, "half": 3, "quarter": 3, "season": 3, "month": 4,
              "week": 5, "day": 6, "hour": 7, "minute": 8, "second": 9}


def _month_end(year: int, month: int) -> date:
    while month > 12:
        year, month = year + 1, month - 12
    return date(year, month, calendar.monthrange(year, month)[1])


@lru_cache(maxsize=1 << 16)   # pure, and called for every pair the event merge scores
def interval(value: str | None) -> tuple[date, date] | None:
    """First and last day a value covers, or None when it names no calendar time."""
    if not value:
        return None
    try:
        if m := _FULL.match(value):
            y, mo, d = int(m.group(1)), m.group(2), m.group(3)
            if d:
                day = date(y, int(mo), int(d))
                return day, day
            if mo:
                return date(y, int(mo), 1), _month_end(y, int(mo))
            return date(y, 1, 1), date(y, 12, 31)
        if m := _WEEK.match(value):
            monday = date.fromisocalendar(int(m.group(1)), int(m.group(2)), 1)
            return monday, monday + timedelta(days=6)
        if m := _QUARTER.match(value):
            y, q = int(m.group(1)), int(m.group(2))
            return date(y, 3 * q - 2, 1), _month_end(y, 3 * q)
        if m := _HALF.match(value):
            y, h = int(m.group(1)), int(m.group(2))
            return date(y, 6 * h - 5, 1), _month_end(y, 6 * h)
        if m := _SEASON.match(value):
            y = int(m.group(1))
            first, last = _SEASON_MONTHS[m.group(2)]
            return date(y, first, 1), _month_end(y, last)
        if re.fullmatch(r"\d{3}", value):        # decade: "198" is the 1980s
            return date(int(value) * 10, 1, 1), date(int(value) * 10 + 9, 12, 31)
        if re.fullmatch(r"\d{2}", value):        # century: "19" is 1900-1999
            return date(int(value) * 100, 1, 1), date(int(value) * 100 + 99, 12, 31)
    except ValueError:
        return None
    return None


def precision_rank(granularity: str | None) -> int:
    return _GRAN_RANK.get(granularity or "", -1)


def compatible(a: DateValue | None, b: DateValue | None) -> bool:
    """True when either is unknown or their intervals overlap."""
    if a is None or b is None:
        return True
    ia, ib = interval(a.value), interval(b.value)
    if ia is None or ib is None:
        return True
    return ia[0] <= ib[1] and ib[0] <= ia[1]


def more_precise(a: DateValue | None, b: DateValue | None) -> DateValue | None:
    if a is None:
        return b
    if b is None:
        return a
    return b if precision_rank(b.granularity) > precision_rank(a.granularity) else a


def sort_key(d: DateValue | None) -> tuple:
    """Chronological key. A coarser date sorts before the finer dates it contains ("2021" before
    "2021-08" before "2021-08-15"): it starts the period and says less, as a reader expects from a
    heading. Undated sorts last."""
    if d is None or (iv := interval(d.value)) is None:
        return (1, date.max, 0)
    return (0, iv[0], precision_rank(d.granularity))


def days_before(d: DateValue, reference: date) -> int | None:
    """How many days the last day of `d` lies before `reference` (negative: after)."""
    iv = interval(d.value)
    return None if iv is None else (reference - iv[1]).days
