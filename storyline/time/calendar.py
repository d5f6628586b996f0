"""TIMEX3 values as calendar intervals: granularity, first and last day, shifting by units, and the
common prefix of two values (what two readings of an expression agree on)."""

from __future__ import annotations

import calendar as _cal
import re
from datetime import date, timedelta

from storyline.models import DateValue

_SEASON_MONTHS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11)}  # WI runs December to February


def last_day(year: int, month: int) -> int:
    return _cal.monthrange(year, month)[1]


def iso_week(day: date) -> str:
    y, w, _ = day.isocalendar()
    return f"{y:04d}-W{w:02d}"


def week_monday(value: str) -> date:
    y, w = int(value[:4]), int(value[6:8])
    return date.fromisocalendar(y, w, 1)


def add_months(day: date, months: int) -> date:
    m0 = day.year * 12 + day.month - 1 + months
    y, m = divmod(m0, 12)
    return date(y, m + 1, min(day.day, last_day(y, m + 1)))


def shift(day: date, n: int, unit: str) -> date:
    """`day` moved by n units (D, W, M, Q, Y, DE, CE); hours and minutes move by whole days only."""
    if unit == "D":
        return day + timedelta(days=n)
    if unit == "W":
        return day + timedelta(weeks=n)
    if unit == "M":
        return add_months(day, n)
    if unit == "Q":
        return add_months(day, 3 * n)
    if unit == "Y":
        return add_months(day, 12 * n)
    if unit == "DE":
        return add_months(day, 120 * n)
    if unit == "CE":
        return add_months(day, 1200 * n)
    raise ValueError(unit)


_GRAN_PATTERNS = [
    (re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}"), "second"),
    (re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}"), "minute"),
    (re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}$"), "hour"),
    (re.compile(r"^\d{4}-\d{2}-\d{2}(T[A-Z]{2})?$"), "day"),
    (re.compile(r"^\d{4}-W\d{2}-\d$"), "day"),
    (re.compile(r"^\d{4}-W\d{2}(-WE)?$"), "week"),
    (re.compile(r"^\d{4}-\d{2}$"), "month"),
    (re.compile(r"^\d{4}-(Q\d|H\d|SP|SU|FA|WI)$"), "quarter"),
    (re.compile(r"^\d{4}$"), "year"),
    (re.compile(r"^\d{3}$"), "decade"),
    (re.compile(r"^\d{2}$"), "century"),
]


def granularity(value: str) -> str | None:
    """Granularity of a resolved TIMEX3 date value; None for X-patterns, durations and *_REF values.

    Seasons and half-years report "quarter", the nearest granularity the records know."""
    for pattern, gran in _GRAN_PATTERNS:
        if pattern.match(value):
            return gran
    return None


def value_interval(value: str) -> tuple[date, date] | None:
    """First and last day covered by a resolved date value; None when it is not fully resolved."""
    try:
        if re.match(r"^\d{4}-\d{2}-\d{2}", value):
            d = date(int(value[:4]), int(value[5:7]), int(value[8:10]))
            return d, d
        if re.match(r"^\d{4}-W\d{2}", value):
            monday = week_monday(value)
            if value.endswith("-WE"):
                return monday + timedelta(days=5), monday + timedelta(days=6)
            if re.match(r"^\d{4}-W\d{2}-\d$", value):
                d = monday + timedelta(days=int(value[-1]) - 1)
                return d, d
            return monday, monday + timedelta(days=6)
        if re.match(r"^\d{4}-\d{2}$", value):
            y, m = int(value[:4]), int(value[5:7])
            return date(y, m, 1), date(y, m, last_day(y, m))
        m = re.match(r"^(\d{4})-(Q|H)(\d)$", value)
        if m:
            y, size, k = int(m.group(1)), 3 if m.group(2) == "Q" else 6, int(m.group(3))
            first = (k - 1) * size + 1
            return date(y, first, 1), date(y, first + size - 1, last_day(y, first + size - 1))
        m = re.match(r"^(\d{4})-(SP|SU|FA|WI)$", value)
        if m:
            y = int(m.group(1))
            if m.group(2) == "WI":
                return date(y, 12, 1), date(y + 1, 2, last_day(y + 1, 2))
            a, b = _SEASON_MONTHS[m.group(2)]
            return date(y, a, 1), date(y, b, last_day(y, b))
        if re.match(r"^\d{4}$", value):
            y = int(value)
            return date(y, 1, 1), date(y, 12, 31)
        if re.match(r"^\d{3}$", value):
            y = int(value) * 10
            return date(max(y, 1), 1, 1), date(y + 9, 12, 31)
        if re.match(r"^\d{2}$", value):
            y = int(value) * 100
            return date(max(y, 1), 1, 1), date(y + 99, 12, 31)
    except ValueError:
        return None
    return None


def interval_value(first: date, last: date) -> tuple[str | None, str | None]:
    """The most precise plain ISO value (year, month or day) holding every day of [first, last]."""
    if first == last:
        return first.isoformat(), "day"
    if (first.year, first.month) == (last.year, last.month):
        return f"{first.year:04d}-{first.month:02d}", "month"
    if first.year == last.year:
        return f"{first.year:04d}", "year"
    return None, None


def common_value(a: str, b: str) -> str | None:
    """What two readings agree on, cut at an ISO component boundary ("2025-07-03", "2025-07-09" -> "2025-07")."""
    if a == b:
        return a
    if len(a) != len(b) or ("-W" in a) != ("-W" in b):
        ia, ib = value_interval(a), value_interval(b)
        if ia and ib:
            return interval_value(min(ia[0], ib[0]), max(ia[1], ib[1]))[0]
        return None
    n = 0
    while n < len(a) and a[n] == b[n]:
        n += 1
    cut = a[:n]
    for boundary in (10, 7, 4):
        if len(cut) >= boundary and (len(a) == boundary or a[boundary] in "-T"):
            return a[:boundary]
    return None


def schema_date(value: str) -> DateValue | None:
    """A story.json date ({value, granularity} with year, month or day) for a TIMEX3 date value.

    Weeks, quarters and seasons become the month or year that holds them; decades and centuries,
    which a plain ISO value cannot say, give None."""
    gran = granularity(value)
    if gran is None:
        return None
    if gran in ("year", "month", "day"):
        return DateValue(value[:10], gran)
    if gran in ("hour", "minute", "second"):
        return DateValue(value, gran)
    if gran in ("decade", "century"):
        return None
    span = value_interval(value)
    if span is None:
        return None
    iso, g = interval_value(*span)
    return DateValue(iso, g) if iso and g else None
