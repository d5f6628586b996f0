"""Values for grammar matches: TIMEX3 type, value and mod, resolved against an anchor day, a direction
("past"/"future"/"nearest") and the reference time of the discourse (the last date mentioned).

Every function here takes one anchor *day*; the tagger calls it at both ends of an anchor that is
only known to a month or year and keeps what the two readings agree on, so no precision is invented.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from dateutil.easter import easter

from storyline.models import TimeMatch
from storyline.time.calendar import add_months, common_value, iso_week, last_day, shift, value_interval
from storyline.time.grammar import Match

_UNIT_LETTER = {"second": "S", "minute": "M", "hour": "H", "day": "D", "night": "D", "week": "W", "fortnight": "W",
                "month": "M", "quarter": "M", "year": "Y", "decade": "Y", "century": "Y", "weekend": "WE"}
_UNIT_FACTOR = {"fortnight": 2, "quarter": 3, "decade": 10, "century": 100}
_TIME_UNITS = {"second", "minute", "hour"}
_REL_OFFSET = {"last": -1, "previous": -1, "past": -1, "this": 0, "current": 0, "same": 0, "that": 0, "ref": 0,
               "next": 1, "coming": 1, "following": 1, "upcoming": 1}
_REF_BASED = {"previous", "following", "same", "that", "ref"}


@dataclass(slots=True)
class Value:
    type: str
    value: str
    mod: str | None = None
    relative: bool = False      # depends on the anchor (document date)
    uses_ref: bool = False      # depends on the previously mentioned date


def _num(n: float) -> str:
    return str(int(n)) if float(n).is_integer() else f"{n:g}"


def duration_value(n: float | None, unit: str) -> str:
    letter = _UNIT_LETTER[unit]
    t = "T" if unit in _TIME_UNITS else ""
    if n is None:
        return f"P{t}X{letter}"
    return f"P{t}{_num(n * _UNIT_FACTOR.get(unit, 1))}{letter}"


# ---------------------------------------------------------------- picking among calendar instances

def _pick(instances: list[tuple[str, date, date]], a: date, direction: str) -> str:
    """The instance a bare expression means: the latest begun by `a` (past), the earliest not yet over
    (future), or the closest."""
    if direction == "past":
        started = [x for x in instances if x[1] <= a]
        return max(started, key=lambda x: x[1])[0]
    if direction == "future":
        left = [x for x in instances if x[2] >= a]
        return min(left, key=lambda x: x[1])[0]
    return min(instances, key=lambda x: 0 if x[1] <= a <= x[2] else min(abs((x[1] - a).days), abs((x[2] - a).days)))[0]


def _yearly(a: date, make: Callable[[int], str | None]) -> list[tuple[str, date, date]]:
    out = []
    for y in range(a.year - 2, a.year + 3):
        v = make(y)
        if v:
            span = value_interval(v)
            if span:
                out.append((v, span[0], span[1]))
    return out


def _month_day(y: int, month: int, day: int) -> str | None:
    return f"{y:04d}-{month:02d}-{day:02d}" if day <= last_day(y, month) else None


def _pick_day(instances: list[tuple[str, date, date]], a: date, direction: str) -> str:
    """Month-day without a year: the tense decides, unless it would put the date most of a year away
    while the other reading is within weeks (a wrongly read tense)."""
    chosen = _pick(instances, a, direction)
    if direction in ("past", "future"):
        days = abs((value_interval(chosen)[0] - a).days)
        near = _pick(instances, a, "nearest")
        if days > 270 and abs((value_interval(near)[0] - a).days) <= 60:
            return near
    return chosen


def _holiday(y: int, spec: object) -> str | None:
    if spec == "easter":
        return easter(y).isoformat()
    if spec == "thanksgiving":       # fourth Thursday of November
        first = date(y, 11, 1)
        return (first + timedelta(days=(3 - first.weekday()) % 7 + 21)).isoformat()
    month, day = spec  # type: ignore[misc]
    return _month_day(y, month, day)


def _season_value(y: int, code: str) -> str:
    return f"{y:04d}-{code}"


def _weekday_on(a: date, weekday: int, rel: str | None, direction: str) -> date:
    delta_back = (a.isoweekday() - weekday) % 7
    delta_fwd = (weekday - a.isoweekday()) % 7
    if rel in ("last", "past"):
        return a - timedelta(days=delta_back or 7)
    if rel in ("next", "coming"):
        return a + timedelta(days=delta_fwd or 7)
    if rel == "this":
        return a - timedelta(days=a.isoweekday() - weekday)
    if direction == "future":
        return a + timedelta(days=delta_fwd)
    if direction == "nearest" and delta_fwd < delta_back:
        return a + timedelta(days=delta_fwd)
    return a - timedelta(days=delta_back)


def _unit_value(b: date, unit: str, k: int) -> str:
    if unit == "day":
        return (b + timedelta(days=k)).isoformat()
    if unit == "week":
        return iso_week(b + timedelta(weeks=k))
    if unit == "weekend":
        return iso_week(b + timedelta(weeks=k)) + "-WE"
    if unit == "month":
        d = add_months(b, k)
        return f"{d.year:04d}-{d.month:02d}"
    if unit == "quarter":
        d = add_months(b, 3 * k)
        return f"{d.year:04d}-Q{(d.month - 1) // 3 + 1}"
    if unit == "year":
        return f"{b.year + k:04d}"
    if unit == "decade":
        return f"{b.year // 10 + k:03d}"
    return f"{b.year // 100 + k:02d}"


_X_BY_UNIT = {"day": "XXXX-XX-XX", "week": "XXXX-WXX", "weekend": "XXXX-WXX-WE", "month": "XXXX-XX",
              "quarter": "XXXX-QX", "year": "XXXX", "decade": "XXX", "century": "XX"}


def _from_ref(ref: str | None, fn: Callable[[date], str]) -> str | None:
    """Apply fn(day) at both ends of the reference value and keep what agrees."""
    span = value_interval(ref) if ref else None
    if span is None:
        return None
    return common_value(fn(span[0]), fn(span[1]))


# ---------------------------------------------------------------- the one entry point

def normalize(m: Match | TimeMatch, a: date | None, direction: str, ref: str | None) -> Value | None:
    """TIMEX3 type/value/mod for a match, at anchor day `a` (None: leave relative parts as X)."""
    p = m.parts
    kind = m.kind
    mod = p.get("mod")

    if kind == "date" and "day" not in p:          # "May 2010"
        return Value("DATE", f"{p['year']:04d}-{p['month']:02d}", mod)
    if kind == "date":
        y, mo, d = p.get("year"), p["month"], p["day"]
        if y is not None:
            value = _month_day(y, mo, d)
            if value is None:
                return None
        elif "weekday" in p and a is not None:
            cands = [x for x in _yearly(a, lambda yy: _month_day(yy, mo, d))
                     if x[1].isoweekday() == p["weekday"]]
            value = min(cands, key=lambda x: abs((x[1] - a).days))[0] if cands else \
                _pick_day(_yearly(a, lambda yy: _month_day(yy, mo, d)), a, direction)
        elif a is not None:
            value = _pick_day(_yearly(a, lambda yy: _month_day(yy, mo, d)), a, direction)
        else:
            value = f"XXXX-{mo:02d}-{d:02d}"
        if "hour" in p:
            return Value("TIME", f"{value}T{p['hour']:02d}:{p['minute']:02d}", relative=y is None)
        return Value("DATE", value, relative=y is None)

    if kind == "year":
        return Value("DATE", f"{p['year']:04d}", mod)
    if kind == "decade":
        return Value("DATE", f"{p['decade']:03d}", mod)
    if kind == "century":
        return Value("DATE", f"{p['century']:02d}", mod)

    if kind == "month":
        mo, rel = p["month"], p.get("rel")
        if a is None:
            return Value("DATE", f"XXXX-{mo:02d}", mod, relative=True)
        if rel in ("last", "past", "next", "coming", "this"):
            y = a.year + {"last": -1 if mo >= a.month else 0, "past": -1 if mo >= a.month else 0,
                          "next": 1 if mo <= a.month else 0, "coming": 1 if mo <= a.month else 0, "this": 0}[rel]
            return Value("DATE", f"{y:04d}-{mo:02d}", mod, relative=True)
        value = _pick(_yearly(a, lambda yy: f"{yy:04d}-{mo:02d}"), a, direction)
        return Value("DATE", value, mod, relative=True)

    if kind == "weekday":
        w, part = p["weekday"], p.get("part")
        if a is None:
            value = f"XXXX-WXX-{w}"
        else:
            value = _weekday_on(a, w, p.get("rel"), direction).isoformat()
        if part:
            return Value("TIME", f"{value}T{part}", mod, relative=True)
        return Value("DATE", value, mod, relative=True)

    if kind == "season":
        code, y = p["season"], p.get("year")
        if y is not None:
            return Value("DATE", _season_value(y, code), mod)
        if a is None:
            return Value("DATE", f"XXXX-{code}", mod, relative=True)
        instances = _yearly(a, lambda yy: _season_value(yy, code))
        rel = p.get("rel")
        if rel in ("last", "past"):
            value = max((x for x in instances if x[2] < a), key=lambda x: x[1])[0]
        elif rel in ("next", "coming"):
            value = min((x for x in instances if x[1] > a), key=lambda x: x[1])[0]
        elif rel == "this":
            value = _season_value(a.year - 1 if code == "WI" and a.month <= 2 else a.year, code)
        else:
            value = _pick(instances, a, direction)
        return Value("DATE", value, mod, relative=True)

    if kind in ("quarter", "half"):
        letter, k = ("Q", p["quarter"]) if kind == "quarter" else ("H", p["half"])
        yt = (p.get("year_text") or "").lower()
        if yt[:1].isdigit():
            return Value("DATE", f"{yt}-{letter}{k}")
        if a is None:
            return Value("DATE", f"XXXX-{letter}{k}", relative=True)
        if yt:
            y = a.year + {"this": 0, "last": -1, "next": 1}[yt.split()[0]]
            return Value("DATE", f"{y:04d}-{letter}{k}", relative=True)
        return Value("DATE", _pick(_yearly(a, lambda yy: f"{yy:04d}-{letter}{k}"), a, direction), relative=True)

    if kind == "holiday":
        spec, y = p["holiday"], p.get("year")
        if y is not None:
            return Value("DATE", _holiday(y, spec) or "", mod)
        if a is None:
            return Value("DATE", "XXXX-" + (_holiday(2001, spec) or "XXXX-XX-XX")[5:], relative=True)
        return Value("DATE", _pick_day(_yearly(a, lambda yy: _holiday(yy, spec)), a, direction), relative=True)

    if kind == "weekend":
        if a is None:
            return Value("DATE", "XXXX-WXX-WE", relative=True)
        sat = _weekday_on(a, 6, None, direction)
        return Value("DATE", iso_week(sat) + "-WE", relative=True)

    if kind == "unit-rel":
        rel, unit = p["rel"], p["unit"]
        k = _REL_OFFSET[rel]
        if rel == "next" and p.get("the") and unit == "day":
            rel = "following"
        if rel in _REF_BASED and ref:
            value = _from_ref(ref, lambda b: _unit_value(b, unit, k))
            return Value("DATE", value or _X_BY_UNIT[unit], mod, uses_ref=True)
        if a is None:
            return Value("DATE", _X_BY_UNIT[unit], mod, relative=True)
        return Value("DATE", _unit_value(a, unit, k), mod, relative=True)

    if kind == "deictic":
        part = p.get("part")
        if p.get("ref") and ref:
            value = _from_ref(ref, lambda b: b.isoformat())
            if value and len(value) == 10:
                return Value("TIME" if part else "DATE", f"{value}T{part}" if part else value, mod, uses_ref=True)
        if a is None:
            value = "XXXX-XX-XX"
        else:
            value = (a + timedelta(days=p["offset"])).isoformat()
        if part:
            return Value("TIME", f"{value}T{part}", mod, relative=True)
        return Value("DATE", value, mod, relative=True)

    if kind == "ago":
        n, unit = p["n"], p["unit"]
        if n is None:
            return Value("DATE", "PAST_REF", relative=True)
        if a is None:
            return Value("DATE", _X_BY_UNIT.get(unit, "XXXX-XX-XX"), relative=True)
        if unit in _TIME_UNITS:
            hours = n * {"second": 1 / 3600, "minute": 1 / 60, "hour": 1}[unit]
            earliest = a - timedelta(days=int(hours // 24) + 1)
            latest = a - timedelta(days=int(hours // 24))
            return Value("DATE", common_value(earliest.isoformat(), latest.isoformat()) or "PAST_REF", relative=True)
        if not float(n).is_integer():
            months = round(n * {"year": 12, "month": 1, "decade": 120}.get(unit, 0))
            if months:
                d = add_months(a, -months)
                return Value("DATE", f"{d.year:04d}-{d.month:02d}", relative=True)
            return Value("DATE", "PAST_REF", relative=True)
        letter = {"day": "D", "night": "D", "week": "W", "weekend": "W", "month": "M", "quarter": "Q", "year": "Y",
                  "decade": "DE", "century": "CE", "fortnight": "W"}[unit]
        steps = int(n) * (2 if unit == "fortnight" else 1)
        d = shift(a, -steps, letter)
        gran_unit = {"night": "day", "fortnight": "week", "weekend": "week"}.get(unit, unit)
        return Value("DATE", _unit_value(d, gran_unit, 0), relative=True)

    if kind == "duration":      # "two days later": a duration measured from the date last mentioned
        return Value("DURATION", duration_value(p["n"], p["unit"]), mod, uses_ref=bool(p.get("from_ref") and ref))

    if kind == "set":
        if p.get("value"):
            return Value("SET", p["value"])
        return Value("SET", duration_value(p["n"], p["unit"]))

    if kind == "time":
        if p.get("weekday"):
            day = _weekday_on(a, p["weekday"], None, direction).isoformat() if a else f"XXXX-WXX-{p['weekday']}"
        elif ref and len(ref) == 10 and ref[4] == "-" and ref[:4].isdigit():
            day = ref                    # a clock time belongs to the day last talked about
        else:
            day = a.isoformat() if a else "XXXX-XX-XX"
        return Value("TIME", f"{day}T{p['hour']:02d}:{p['minute']:02d}", relative=True)

    if kind == "ref":
        return Value("DATE", p["value"])

    if kind == "since-then":
        if not ref:
            return None
        return Value("DATE", ref, "ON_OR_AFTER", uses_ref=True)

    return None
