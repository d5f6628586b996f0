"""Extraction grammar: regular expressions that find time expressions and read their parts.

Hand-written because no maintained Python library extracts TIMEX3 spans with TempEval conventions
(dateparser's search_dates swallows extra words and invents missing parts; see NOTES.md). Each rule
yields a `Match` whose `kind` and `parts` say what was written; `normalize.py` turns that into a value.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from storyline.time.lexicon import (
    AMBIGUOUS_MONTHS, MONTHS, NUMBER_WORDS, ORDINAL_WORDS, PARTS_OF_DAY, SEASONS, SET_ADVERBS, UNITS,
    WEEKDAYS,
)


@dataclass(slots=True)
class Match:
    start: int
    end: int
    rule: str
    kind: str
    parts: dict[str, Any] = field(default_factory=dict)


def _cap(words: list[str]) -> str:
    """Title-case and upper-case forms: month and weekday names are capitalised in news text."""
    forms = []
    for w in sorted(words, key=len, reverse=True):
        forms += [w.title(), w.upper()]
    return "|".join(forms)


_MONTH_FULL = [m for m in MONTHS if len(m) > 4 or m in ("may", "june", "july")]
_MONTH_ABBR = [m for m in MONTHS if m not in _MONTH_FULL]
MONTH = rf"(?:{_cap(_MONTH_FULL)}|(?:{_cap(_MONTH_ABBR)})\.?)(?![\w])"
WEEKDAY = rf"(?:{_cap([w for w in WEEKDAYS if len(w) > 4])})"
WEEKDAY_ANY = rf"(?:{_cap([w for w in WEEKDAYS if len(w) > 4])}|(?:{_cap([w for w in WEEKDAYS if len(w) <= 4])})\.?)"
DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?![\d:,]\d|\w)"
YEAR = r"(?:1[0-9]\d\d|20\d\d)(?![\d\w%])"
_NUMW = (r"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:one|two|three|four|five|six|seven"
         r"|eight|nine))?|zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen"
         r"|fifteen|sixteen|seventeen|eighteen|nineteen|hundred)")
NUM = (rf"(?i:\d+(?:[.,]\d+)?|{_NUMW}(?:\s+and\s+a\s+half)?|\d+(?:\s+and\s+a\s+half)|one\s+and\s+a\s+half"
       r"|a\s+couple\s+of|a\s+couple|couple\s+of|a\s+dozen|half\s+an?|a\s+single|an?)")
VAGUE = r"(?i:a\s+few|few|several|some|many|a\s+number\s+of|dozens\s+of|hundreds\s+of|numerous|multiple)"
UNIT = (r"(?i:seconds?|minutes?|hours?|days?|nights?|weeks?|fortnights?|months?|years?|decades?"
        r"|century|centuries|weekends?)")
CAL_UNIT = r"(?i:day|week|weekend|month|year|quarter|decade|century)"
PART = r"(?i:morning|afternoon|evening|night|overnight)"
SEASON = r"(?i:spring|summer|autumn|winter)"
REL = r"(?i:last|this|next|past|coming|previous|following|current|same|that)"
EDGE = r"(?<![\w/$€£#.-])"
END = r"(?![\w])"
_COUNTED = (r"(?i:people|persons|men|women|children|troops|soldiers|members|residents|students|workers|jobs|votes"
            r"|units|cars|homes|houses|families|cases|deaths|dead|km|kilometres|kilometers|miles|metres|meters|feet"
            r"|tons|tonnes|dollars|euros|pounds|rubles|roubles|yuan|rupees|barrels|acres|hectares|points|seats"
            r"|times|copies|signatures|employees|prisoners|refugees|migrants|delegates|officers|police)\b")


def number_value(text: str) -> float | None:
    """Numeric value of a numeral as written ("two", "24", "a couple of", "two and a half"); None if vague."""
    t = re.sub(r"\s+", " ", text.strip().lower())
    half = 0.0
    if t.endswith(" and a half"):
        t, half = t[: -len(" and a half")], 0.5
    if re.fullmatch(r"\d+(?:[.,]\d+)?", t):
        return float(t.replace(",", ".") if re.fullmatch(r"\d+,\d{1,2}", t) else t.replace(",", "")) + half
    if t in NUMBER_WORDS:
        return NUMBER_WORDS[t] + half
    m = re.fullmatch(r"(\w+)[- ](\w+)", t)
    if m and m.group(1) in NUMBER_WORDS and m.group(2) in NUMBER_WORDS:
        return NUMBER_WORDS[m.group(1)] + NUMBER_WORDS[m.group(2)] + half
    return None           # vague: "several", "a few"


def unit_key(word: str) -> str:
    w = word.lower()
    if w == "centuries":
        return "century"
    return w[:-1] if w.endswith("s") and w[:-1] in UNITS else w


def month_number(word: str) -> int:
    return MONTHS[word.lower().rstrip(".")]


def weekday_number(word: str) -> int:
    return WEEKDAYS[word.lower().rstrip(".")]


_NUMBERED = re.compile(r"(?i:\b(?:resolution|flight|route|room|highway|article|section|no\.?|number|bill|chapter|"
                       r"platform|gate|model|version|code|page|line|item|unit|district|precinct|decree|order|law)\s+$)")


def _year_ok(text: str, start: int, end: int) -> bool:
    """A bare four-digit number is a year unless it counts something or sits inside a bigger number."""
    before, after = text[max(0, start - 2):start], text[end:end + 30]
    if _NUMBERED.search(text[max(0, start - 14):start]):
        return False                                   # "Resolution 2166", "Flight 1972", "No. 2001"
    if re.search(r"(?:[\d$€£#]\s?|[.,])$", before) or re.match(r"\s?(?:[.,]\d|%|-year|\s*per\s?cent)", after):
        return False
    if re.match(r"\s+(?:\w+\s+)?" + _COUNTED, after):
        return False
    value = int(text[start:end])
    if value < 1900:   # older years need a time preposition: "in 1848", "since 1066"
        return bool(re.search(r"(?i:\b(?:in|since|of|from|until|till|by|before|after|during|year|around|circa|c\.)\s+$)",
                              text[max(0, start - 12):start]))
    return True


Rule = Callable[[re.Match[str], str], "Match | list[Match] | None"]
_RULES: list[tuple[str, re.Pattern[str], Rule]] = []


_TRIGGERS: dict[str, tuple[str, ...]] = {}


def rule(name: str, pattern: str, trigger: tuple[str, ...] = ()) -> Callable[[Rule], Rule]:
    """Register a rule. Matches start at a word edge; `trigger`, lower-case strings the rule cannot
    match without, lets a document that lacks them all skip the rule (most rules never fire in an article)."""
    def register(fn: Rule) -> Rule:
        _RULES.append((name, re.compile(r"(?<!\w)" + pattern), fn))
        if trigger:
            _TRIGGERS[name] = trigger
        return fn
    return register


def _m(m: re.Match[str], kind: str, rule_name: str, group: int | str = 0, **parts: Any) -> Match:
    return Match(m.start(group), m.end(group), rule_name, kind, parts)


_MOD_WORDS = {"early": "START", "earlier": None, "late": "END", "later": None, "mid": "MID", "the end of": "END",
              "the beginning of": "START", "the start of": "START", "the middle of": "MID", "end of": "END",
              "the close of": "END", "the turn of": "START"}
_MOD = r"(?:(?P<mod>(?i:early|late|mid|the\s+end\s+of|the\s+beginning\s+of|the\s+start\s+of|the\s+middle\s+of))[\s-]+)?"


def _mod(m: re.Match[str]) -> str | None:
    word = m.groupdict().get("mod")
    return _MOD_WORDS.get(re.sub(r"\s+", " ", word.lower())) if word else None


# ---------------------------------------------------------------- absolute dates

@rule("iso-date", rf"{EDGE}(?P<y>\d{{4}})-(?P<mo>[01]\d)-(?P<d>[0-3]\d)(?:[T ](?P<h>[0-2]\d):(?P<mi>[0-5]\d))?{END}", trigger=('-',))
def _iso(m: re.Match[str], text: str) -> Match | None:
    parts = {"year": int(m["y"]), "month": int(m["mo"]), "day": int(m["d"])}
    if m["h"]:
        parts.update(hour=int(m["h"]), minute=int(m["mi"]))
    return _m(m, "date", "iso-date", **parts)


@rule("numeric-date", rf"{EDGE}(?P<a>[01]?\d|[23][01])[/.](?P<b>[0-3]?\d)[/.](?P<y>(?:19|20)\d\d){END}", trigger=('/', '.'))
def _numeric(m: re.Match[str], text: str) -> Match | None:
    a, b = int(m["a"]), int(m["b"])
    month, day = (a, b) if a <= 12 and "/" in m.group(0) else (b, a)   # US 10/04/2024, European 04.10.2024
    if month > 12 or day > 31 or month < 1 or day < 1:
        return None
    return _m(m, "date", "numeric-date", year=int(m["y"]), month=month, day=day)


@rule("month-day-year",
      rf"(?:(?P<wd>{WEEKDAY_ANY}),?\s+)?(?:the\s+)?(?P<mo>{MONTH})\s+(?P<d>{DAY})(?:,?\s+(?P<y>{YEAR})|(?P<yy>\s*'\d\d))?")
def _mdy(m: re.Match[str], text: str) -> Match | None:
    parts: dict[str, Any] = {"month": month_number(m["mo"]), "day": int(re.sub(r"\D", "", m["d"]))}
    if m["y"]:
        parts["year"] = int(m["y"])
    if m["wd"]:
        parts["weekday"] = weekday_number(m["wd"])
    return _m(m, "date", "month-day-year", **parts)


@rule("day-month-year",
      rf"(?:(?P<wd>{WEEKDAY_ANY}),?\s+)?(?:the\s+)?(?<![\w.,])(?P<d>{DAY})(?:\s+of)?\s+(?P<mo>{MONTH})(?:,?\s+(?P<y>{YEAR}))?")
def _dmy(m: re.Match[str], text: str) -> Match | None:
    parts: dict[str, Any] = {"month": month_number(m["mo"]), "day": int(re.sub(r"\D", "", m["d"]))}
    if m["y"]:
        parts["year"] = int(m["y"])
    if m["wd"]:
        parts["weekday"] = weekday_number(m["wd"])
    return _m(m, "date", "day-month-year", **parts)


@rule("month-year", rf"{_MOD}(?P<mo>{MONTH}),?\s+(?:of\s+)?(?P<y>{YEAR})")
def _my(m: re.Match[str], text: str) -> Match | None:
    return _m(m, "date", "month-year", month=month_number(m["mo"]), year=int(m["y"]), mod=_mod(m))


@rule("year", rf"(?<![\w/$€£#.]){_MOD}(?P<fy>(?i:fiscal\s+(?:year\s+)?))?(?P<y>{YEAR})(?:(?P<sep>-|–|/)(?P<y2>\d\d)(?!\d))?{END}")
def _year(m: re.Match[str], text: str) -> Match | None:
    if not _year_ok(text, m.start("y"), m.end("y")) and not m["fy"]:
        return None
    first = Match(m.start(), m.end("y"), "year", "year", {"year": int(m["y"]), "mod": _mod(m)})
    if not m["y2"]:
        return first
    second = int(m["y"][:2] + m["y2"])                      # "1957-58": two years, as TimeML annotates them
    if second <= int(m["y"]):
        return first
    return [first, Match(m.start("y2"), m.end("y2"), "year-range", "year", {"year": second, "mod": None})]


@rule("decade", rf"(?:(?i:the)\s+)?{_MOD}(?:(?P<dec>1\d\d|20\d)0s|'(?P<short>\d)0s){END}", trigger=('0s',))
def _decade(m: re.Match[str], text: str) -> Match | None:
    dec = m["dec"] or ("19" + m["short"])
    if dec.endswith("0") and dec != "200":        # "the 1800s" is a century
        return _m(m, "century", "decade", century=int(dec[:2]), mod=_mod(m))
    return _m(m, "decade", "decade", decade=int(dec), mod=_mod(m))


@rule("century", rf"(?:(?i:the)\s+)?{_MOD}(?P<n>\d{{1,2}}(?:st|nd|rd|th)|(?i:{'|'.join(ORDINAL_WORDS)}))[\s-]+(?i:century){END}", trigger=('century',))
def _century(m: re.Match[str], text: str) -> Match | None:
    n = m["n"].lower()
    k = int(re.sub(r"\D", "", n)) if n[0].isdigit() else ORDINAL_WORDS.get(n, 0)
    return _m(m, "century", "century", century=k - 1, mod=_mod(m)) if k > 0 else None


@rule("quarter", r"(?:(?i:the)\s+)?(?P<q>(?i:first|second|third|fourth|final|last|1st|2nd|3rd|4th))[\s-]+(?i:quarter)"
      r"(?:\s+of\s+(?P<y>" + YEAR + r"|(?i:this|last|next)\s+year))?(?!\s+of\s+(?:a|an|the|all|its|their)\b)", trigger=('quarter',))
def _quarter(m: re.Match[str], text: str) -> Match | None:
    q = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4,
         "final": 4, "last": 4}[m["q"].lower()]
    return _m(m, "quarter", "quarter", quarter=q, year_text=m["y"])


@rule("q-quarter", rf"{EDGE}Q(?P<q>[1-4])(?:\s+(?P<y>{YEAR})|'(?P<yy>\d\d))?{END}", trigger=('q1', 'q2', 'q3', 'q4'))
def _qq(m: re.Match[str], text: str) -> Match | None:
    year = m["y"] or (("20" + m["yy"]) if m["yy"] else None)
    return _m(m, "quarter", "quarter", quarter=int(m["q"]), year_text=year)


@rule("half", r"(?:(?i:the)\s+)?(?P<h>(?i:first|second))\s+half\s+of\s+(?P<y>" + YEAR + r"|(?i:this|last|next)\s+year)", trigger=('half',))
def _half(m: re.Match[str], text: str) -> Match | None:
    return _m(m, "half", "half", half=1 if m["h"].lower() == "first" else 2, year_text=m["y"])


@rule("season", rf"{EDGE}(?:(?i:the)\s+)?{_MOD}(?:(?P<rel>(?i:last|this|next|past|coming))\s+)?(?P<s>{SEASON})"
      rf"(?:\s+(?:of\s+)?(?P<y>{YEAR}))?{END}", trigger=('spring', 'summer', 'autumn', 'winter'))
def _season(m: re.Match[str], text: str) -> Match | None:
    s = m["s"].lower()
    head = text[max(0, m.start() - 12):m.start()].lower()
    if not (m["rel"] or m["y"] or m["mod"] or re.search(r"\b(?:in|this|during|over|by|until|since|of|the|early|late)\s+$", head)):
        return None
    if m.group(0).lower().startswith("the ") and not m["y"] and re.match(r"\s+of\b", text[m.end():m.end() + 4]):
        return None      # "the spring of discontent"
    return _m(m, "season", "season", season=SEASONS[s], rel=(m["rel"] or "").lower() or None,
              year=int(m["y"]) if m["y"] else None, mod=_mod(m))


@rule("fall", rf"{EDGE}(?:(?i:the)\s+)?{_MOD}(?:(?P<rel>(?i:last|this|next|past|coming))\s+)?(?P<s>(?i:fall))"
      rf"(?:\s+(?:of\s+)?(?P<y>{YEAR}))?{END}", trigger=('fall',))
def _fall(m: re.Match[str], text: str) -> Match | None:
    # "fall" is mostly a verb or "the fall of Kabul": only with last/this/next, a year or early/late.
    if not (m["rel"] or m["y"] or m["mod"]):
        return None
    return _m(m, "season", "season", season="FA", rel=(m["rel"] or "").lower() or None,
              year=int(m["y"]) if m["y"] else None, mod=_mod(m))


# ---------------------------------------------------------------- months and weekdays

@rule("month", rf"{_MOD}(?:(?P<rel>(?i:last|this|next|past|coming))\s+)?"
      rf"(?P<mo>{MONTH})")
def _month(m: re.Match[str], text: str) -> Match | None:
    word = m["mo"].lower().rstrip(".")
    after = text[m.end():m.end() + 25]
    before = text[max(0, m.start() - 15):m.start()]
    after_preposition = bool(m["rel"] or m["mod"] or re.search(
        r"(?i:\b(?:in|since|until|till|by|through|of|from|to|during|before|after|early|late|mid|last|next|this"
        r"|and|or|between|on|for|the|each|every)\s+$)", before))
    if re.match(r"\s*\d", after) or (re.match(r"\s+[A-Z][a-z]", after) and not after_preposition):
        return None      # "April 7" is another rule's; "June Carter" is a name
    if word in AMBIGUOUS_MONTHS and not after_preposition:
        return None
    return _m(m, "month", "month", month=month_number(word), rel=(m["rel"] or "").lower() or None, mod=_mod(m))


@rule("weekday", rf"(?:(?P<rel>(?i:last|this|next|past|coming|early|late))\s+)?(?P<wd>{WEEKDAY})(?P<pl>s)?(?:'s)?"
      rf"(?:(?P<sp>\s+|-)(?P<part>{PART}))?{END}")
def _weekday(m: re.Match[str], text: str) -> Match | None:
    rel = (m["rel"] or "").lower() or None
    if not rel and not m["part"] and re.match(r"\s+[A-Z][a-z]", text[m.end():m.end() + 3]) and not re.search(
            r"(?i:\b(?:on|since|by|until|till|from|before|after|and|or|late|early|last|next|this)\s+$)",
            text[max(0, m.start() - 8):m.start()]):
        return None        # "The Sunday Times", "Monday Night Football": a name, not a day
        value = f"XXXX-WXX-{weekday_number(m['wd'])}"
        return _m(m, "set", "weekday-set", value=value)
    end = m.end("part") if m["part"] else m.end("wd")
    mod = {"early": "START", "late": "END"}.get(rel or "")
    part = PARTS_OF_DAY.get(m["part"].lower()) if m["part"] else None
    return Match(m.start(), end, "weekday", "weekday",
                 {"weekday": weekday_number(m["wd"]), "rel": None if mod else rel, "part": part, "mod": mod})


# ---------------------------------------------------------------- deictic and relative dates

@rule("deictic", r"(?i:(?P<mod>early|late)\s+)?(?P<w>(?i:the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow|today|tonight"
                 r"|yesterday|tomorrow|last\s+night))(?:'s)?(?:\s+(?P<part>" + PART + r"))?" + END, trigger=('today', 'tonight', 'yesterday', 'tomorrow', 'last night'))
def _deictic(m: re.Match[str], text: str) -> Match | None:
    w = re.sub(r"\s+", " ", m["w"].lower())
    offset = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1, "last night": -1,
              "the day before yesterday": -2, "the day after tomorrow": 2}[w]
    part = PARTS_OF_DAY.get(m["part"].lower()) if m["part"] else ("NI" if w in ("tonight", "last night") else None)
    end = m.end("part") if m["part"] else m.end("w")
    mod = {"early": "START", "late": "END"}.get((m["mod"] or "").lower())
    return Match(m.start(), end, "deictic", "deictic", {"offset": offset, "part": part, "mod": mod})


@rule("this-part", r"(?i:\b(?P<rel>this|that|the\s+same)\s+(?P<part>morning|afternoon|evening))" + END, trigger=('morning', 'afternoon', 'evening'))
def _this_part(m: re.Match[str], text: str) -> Match | None:
    return _m(m, "deictic", "this-part", offset=0, part=PARTS_OF_DAY[m["part"].lower()],
              ref=m["rel"].lower() != "this")


@rule("unit-relative",
      r"(?i:\b(?:(?P<adv>earlier|later|early|late|the\s+end\s+of|the\s+beginning\s+of|the\s+start\s+of|the\s+middle\s+of"
      r"|end\s+of|mid)(?:\s+|-)(?:in\s+)?)?(?P<the>the\s+)?(?P<rel>last|this|next|past|coming|previous|following|current|same|that|upcoming)"
      r"\s+(?P<fiscal>fiscal\s+)?(?P<unit>day|week|weekend|month|year|quarter|decade|century))" + END, trigger=('day', 'week', 'month', 'year', 'quarter', 'decade', 'century'))
def _unit_rel(m: re.Match[str], text: str) -> Match | None:
    rel, unit, adv = m["rel"].lower(), m["unit"].lower(), (m["adv"] or "").lower()
    adv = re.sub(r"\s+", " ", adv)
    before = text[max(0, m.start() - 12):m.start()].lower()
    spanning = re.search(r"\b(?:over|for|within|during|throughout)\s+$", before) and m["the"]
    if (rel == "past" and m["the"]) or (spanning and rel in ("past", "next", "coming", "following")) or (
            unit in ("decade", "century") and m["the"] and rel in ("past", "last", "next", "coming", "following")):
        return _m(m, "duration", "unit-relative", n=1, unit=unit, mod=None)      # "the past week": a duration
    if rel == "that" and unit == "day" and re.match(r"\s+(?:of|when|on)\b", text[m.end():m.end() + 6]):
        return None
    mod = _MOD_WORDS.get(adv)
    if rel == "last" and m["the"] and unit == "day":
        return None                                                             # "the last day of ..."
    return _m(m, "unit-rel", "unit-relative", rel=rel, unit=unit, mod=mod, the=bool(m["the"]))


@rule("weekend", r"(?i:\bthe\s+weekend)(?![\w-])", trigger=('weekend',))
def _weekend(m: re.Match[str], text: str) -> Match | None:
    return _m(m, "weekend", "weekend")


@rule("the-year-end", r"(?i:\b(?P<mod>the\s+end|the\s+beginning|the\s+start|the\s+middle|the\s+turn|the\s+close)\s+of\s+(?:the\s+)?"
      r"(?P<unit>year|month|week|decade|century))" + END, trigger=(' of ',))
def _the_year_end(m: re.Match[str], text: str) -> Match | None:
    mod = _MOD_WORDS[re.sub(r"\s+", " ", m["mod"].lower()) + " of"]
    return _m(m, "unit-rel", "the-unit-end", rel="ref", unit=m["unit"].lower(), mod=mod, the=True)


@rule("day-after", r"(?i:\bthe\s+(?P<rel>day|week|month|year)\s+(?P<dir>before|after|earlier|later))(?=\s*[,.;:)]|\s+(?:and|but|when)\b)", trigger='(?i:before|after|earlier|later)')
def _day_after(m: re.Match[str], text: str) -> Match | None:
    return _m(m, "unit-rel", "the-day-after", rel="previous" if m["dir"].lower() in ("before", "earlier") else "following",
              unit=m["rel"].lower(), mod=None, the=True)


@rule("ago", rf"(?:(?P<mod>(?i:about|around|some|nearly|almost|roughly|approximately|more\s+than|over|less\s+than|just\s+over|just\s+under))\s+)?"
      rf"(?P<n>{NUM}|{VAGUE})?(?:\s+|-)?(?P<unit>{UNIT})\s+(?i:ago|back)(?![\w-])", trigger=('ago', 'back'))
def _ago(m: re.Match[str], text: str) -> Match | None:
    if m["n"] is None and not m["unit"].lower().endswith("s"):
        return None
    if m.group(0).lower().endswith("back") and not m["n"]:
        return None
    n = number_value(m["n"]) if m["n"] else None
    start = m.start("n") if m["n"] else m.start("unit")
    mod = m["mod"].lower() if m["mod"] else None
    if mod in ("nearly", "almost"):
        start = m.start()
    return Match(start, m.end(), "ago", "ago", {"n": n, "unit": unit_key(m["unit"]), "approx": bool(mod)})


# ---------------------------------------------------------------- durations and sets

@rule("duration",
      rf"(?:(?P<pre>(?i:almost|nearly|a\s+mere|only|just|the\s+first|the\s+last|the\s+past|the\s+next|the\s+coming"
      rf"|the\s+following|the\s+previous|the\s+final|the|another|an\s+additional|recent|past|next|first|last))\s+)?"
      rf"(?P<n>{NUM}|{VAGUE})(?P<sep>\s+|-)(?P<unit>{UNIT})(?P<half>\s+and\s+a\s+half)?(?P<poss>'|’)?(?P<old>[\s-]+old|-long)?{END}", trigger=('second', 'minute', 'hour', 'day', 'night', 'week', 'fortnight', 'month', 'year', 'decade', 'centur'))
def _duration(m: re.Match[str], text: str) -> Match | None:
    if (m["old"] and "old" in m["old"]) or re.search(r"(?i:\bage[sd]?\s+$)", text[max(0, m.start() - 6):m.start()]):
        return None                                           # ages: "22-year-old", "40 years old", "ages 6 months"
    pre = re.sub(r"\s+", " ", (m["pre"] or "").lower())
    n = number_value(m["n"])
    if n is not None and n > 1 and not m["unit"].lower().endswith("s") and m["sep"] == " ":
        if not re.fullmatch(r"\d+(?:\.\d+)?", m["n"].strip()):
            return None
    if m["n"].strip().lower() in ("a", "an", "one") and pre in ("the", "the first", "the last", "first", "last"):
        return None                                           # "the first year of", handled elsewhere
    if pre in ("next", "last", "past", "first", "recent") and m["n"].strip().lower() in ("a", "an"):
        return None
    start = m.start("n")
    if pre and pre not in ("only", "just", "another", "an additional", "first", "last", "next", "past"):
        start = m.start()
    mod = {"almost": "LESS_THAN", "nearly": "LESS_THAN"}.get(pre)
    before = text[max(0, m.start() - 16):m.start()].lower()
    if mod is None and not pre:
        pm = re.search(r"(more than|just over|less than|just under|at least|up to|about|around|roughly|approximately)\s+$",
                       before)
        if pm:
            mod = {"more than": "MORE_THAN", "just over": "MORE_THAN", "less than": "LESS_THAN", "just under": "LESS_THAN",
                   "at least": "EQUAL_OR_MORE", "up to": "EQUAL_OR_LESS"}.get(pm.group(1), "APPROX")
    end = m.end("half") if m["half"] else m.end("unit")
    if m["poss"] and re.match(r"\s", text[m.end():m.end() + 1]):
        end = m.end("poss")                                    # "five years' probation"
    half = 0.5 if m["half"] else 0.0
    later = re.match(r"\s+(later|afterwards|after|earlier|before|on)\b", text[end:end + 12])
    return Match(start, end, "duration", "duration", {"n": None if n is None else n + half, "unit": unit_key(m["unit"]),
                                                      "mod": mod, "from_ref": bool(later)})


@rule("bare-units", r"(?i:\b(?P<pre>for|over|within|take|takes|took|taking|lasted|lasting|in\s+recent|recent"
      r"|the\s+coming|the\s+next|the\s+past|the\s+last|the\s+following|the\s+previous)\s+)"
      r"(?P<unit>seconds|minutes|hours|days|weeks|months|years|decades|centuries)(?![\w-])", trigger=('seconds', 'minutes', 'hours', 'days', 'weeks', 'months', 'years', 'decades', 'centuries'))
def _bare_units(m: re.Match[str], text: str) -> Match | None:
    pre = m["pre"].lower()
    start = m.start() if pre.endswith("recent") or pre.startswith("the") else m.start("unit")
    if pre.startswith("in recent"):
        start = m.start() + 3
    return Match(start, m.end(), "bare-units", "duration", {"n": None, "unit": unit_key(m["unit"]), "mod": None})


@rule("units-relative", r"(?<![\w-])(?P<unit>(?i:seconds|minutes|hours|days|weeks|months|years|decades))\s+(?i:before|after|later|earlier)\b", trigger=('before', 'after', 'later', 'earlier'))
def _units_rel(m: re.Match[str], text: str) -> Match | None:
    if re.search(r"(?i:\b(?:the|for|over|within|recent|several|few|many|some|\d+|[a-z]+ty|two|three|four|five|six|seven|eight|nine|ten))\s+$",
                 text[max(0, m.start() - 12):m.start()]):
        return None
    return Match(m.start("unit"), m.end("unit"), "units-relative", "duration",
                 {"n": None, "unit": unit_key(m["unit"]), "mod": None})


@rule("range-first", rf"(?<![\w-])(?P<n>{NUM})\s+(?i:and|to|or|-|–)\s+(?:{NUM})\s+(?P<unit>{UNIT})", trigger=('second', 'minute', 'hour', 'day', 'night', 'week', 'fortnight', 'month', 'year', 'decade', 'centur'))
def _range_first(m: re.Match[str], text: str) -> Match | None:
    n = number_value(m["n"])
    if n is None or m["n"].strip().lower() in ("a", "an"):
        return None
    return Match(m.start("n"), m.end("n"), "range-first", "duration", {"n": n, "unit": unit_key(m["unit"]), "mod": None})


@rule("hyphen-duration", rf"(?<![\w-])(?P<n>{NUM})-(?P<unit>(?i:second|minute|hour|day|week|month|year|decade))(?![\w-])", trigger=('-second', '-minute', '-hour', '-day', '-week', '-month', '-year', '-decade'))
def _hyphen_duration(m: re.Match[str], text: str) -> Match | None:
    n = number_value(m["n"])
    if n is None:
        return None
    return _m(m, "duration", "hyphen-duration", n=n, unit=m["unit"].lower(), mod=None)


@rule("unit-duration", r"(?i:\b(?P<n>a|an|one)\s+(?P<unit>decade|century|fortnight)(?![\w-]))", trigger=('decade', 'century', 'fortnight'))
def _unit_duration(m: re.Match[str], text: str) -> Match | None:
    return _m(m, "duration", "unit-duration", n=1, unit=m["unit"].lower(), mod=None)


@rule("set", rf"(?i:\b(?P<q>every|each)\s+(?P<other>other\s+)?(?:(?P<n>{_NUMW}|\d+)\s+)?)(?P<what>{UNIT}|{WEEKDAY}|{PART}|{SEASON}|(?i:season))(?![\w-])", trigger=('every', 'each'))
def _set(m: re.Match[str], text: str) -> Match | None:
    what = m["what"].lower()
    n = number_value(m["n"]) if m["n"] else (2 if m["other"] else 1)
    if what in WEEKDAYS:
        return _m(m, "set", "set", value=f"XXXX-WXX-{WEEKDAYS[what]}")
    if what in PARTS_OF_DAY:
        return _m(m, "set", "set", value=f"XXXX-XX-XXT{PARTS_OF_DAY[what]}")
    if what in SEASONS:
        return _m(m, "set", "set", value=f"XXXX-{SEASONS[what]}")
    if what == "season":
        return _m(m, "set", "set", value="XXXX-XX")
    unit = unit_key(what)
    if n and n != 1:
        return _m(m, "set", "set", value=None, n=n, unit=unit)
    value = {"second": "PT1S", "minute": "PT1M", "hour": "XXXX-XX-XXTXX", "day": "XXXX-XX-XX", "night": "XXXX-XX-XXTNI",
             "week": "XXXX-WXX", "weekend": "XXXX-WXX-WE", "month": "XXXX-XX", "year": "XXXX", "decade": "XXX",
             "century": "XX", "fortnight": "P2W"}[unit]
    return _m(m, "set", "set", value=value)


@rule("set-adverb", r"(?<![\w-])(?P<w>" + "|".join(SET_ADVERBS) + r")(?![\w-])")
def _set_adverb(m: re.Match[str], text: str) -> Match | None:
    return _m(m, "set", "set-adverb", value=SET_ADVERBS[m["w"]])


@rule("set-times", r"(?i:\b(?P<k>once|twice|\w+\s+times)\s+(?:a|an|per|each|every)\s+(?P<unit>day|week|month|year|decade))(?![\w-])", trigger=('once', 'twice', 'times'))
def _set_times(m: re.Match[str], text: str) -> Match | None:
    value = {"day": "XXXX-XX-XX", "week": "XXXX-WXX", "month": "XXXX-XX", "year": "XXXX", "decade": "XXX"}[m["unit"].lower()]
    return _m(m, "set", "set-times", value=value)


# ---------------------------------------------------------------- clock times

@rule("clock",
      rf"{EDGE}(?P<h>[01]?\d|2[0-3])(?:[:.](?P<mi>[0-5]\d))?\s*(?P<ampm>(?i:a\.m\.|p\.m\.|am|pm)(?![\w]))"
      rf"(?:\s+(?P<tz>[A-Z]{{2,4}}T|GMT|UTC))?(?:\s+(?:on\s+)?(?P<wd>{WEEKDAY}))?", trigger=('am', 'pm', 'a.m', 'p.m'))
def _clock(m: re.Match[str], text: str) -> Match | None:
    h = int(m["h"])
    if h == 0 or h > 12:
        return None
    ampm = m["ampm"].lower().replace(".", "")
    h = (h % 12) + (12 if ampm == "pm" else 0)
    return _m(m, "time", "clock", hour=h, minute=int(m["mi"] or 0),
              weekday=weekday_number(m["wd"]) if m["wd"] else None)


@rule("clock24",
      rf"{EDGE}(?P<h>[01]?\d|2[0-3])[:](?P<mi>[0-5]\d)(?![:\d])(?:\s*(?P<tz>(?:GMT|UTC|BST|CET|[A-Z]{{2}}T|hrs|h)\b|local\s+time))?"
      rf"(?:\s+(?:on\s+)?(?P<wd>{WEEKDAY}))?", trigger=(':',))
def _clock24(m: re.Match[str], text: str) -> Match | None:
    if not (m["tz"] or m["wd"] or re.search(r"(?i:\b(?:at|by|until|from|before|after|around)\s+$)", text[max(0, m.start() - 8):m.start()])):
        return None
    return _m(m, "time", "clock", hour=int(m["h"]), minute=int(m["mi"]),
              weekday=weekday_number(m["wd"]) if m["wd"] else None)


@rule("noon", r"(?i:\b(?P<w>noon|midnight|midday))(?![\w-])", trigger=('noon', 'midnight', 'midday'))
def _noon(m: re.Match[str], text: str) -> Match | None:
    w = m["w"].lower()
    return _m(m, "time", "noon", hour=0 if w == "midnight" else 12, minute=0, weekday=None)


# ---------------------------------------------------------------- PRESENT_REF / PAST_REF / FUTURE_REF

@rule("ref", r"(?i:\b(?P<w>now|currently|nowadays|presently|at\s+present|these\s+days|at\s+the\s+moment|right\s+now"
             r"|recently|lately|(?<=in\s)the\s+past|(?<=in\s)the\s+(?:near\s+|distant\s+)?future|at\s+the\s+time|at\s+that\s+time"
             r"|(?<=of\s)the\s+past|(?<=to\s)the\s+future))(?![\w-])")
def _ref(m: re.Match[str], text: str) -> Match | None:
    w = re.sub(r"\s+", " ", m["w"].lower())
    if w == "now" and re.match(r"\s+that\b", text[m.end():m.end() + 6]):
        return None
    value = ("PAST_REF" if w in ("recently", "lately", "the past", "at the time", "at that time") else
             "FUTURE_REF" if "future" in w else "PRESENT_REF")
    return _m(m, "ref", "ref", value=value)


@rule("since-then", r"(?i:\bsince\s+then)\b", trigger=('since then',))
def _since_then(m: re.Match[str], text: str) -> Match | None:
    return _m(m, "since-then", "since-then")


# ---------------------------------------------------------------- holidays

_HOLIDAYS = {"christmas day": (12, 25), "christmas eve": (12, 24), "christmas": (12, 25), "new year's day": (1, 1),
             "new year's eve": (12, 31), "halloween": (10, 31), "valentine's day": (2, 14), "boxing day": (12, 26),
             "easter sunday": "easter", "easter": "easter", "thanksgiving day": "thanksgiving", "thanksgiving": "thanksgiving"}


@rule("holiday", r"(?P<w>Christmas\s+Day|Christmas\s+Eve|Christmas|New\s+Year[’']s\s+(?:Day|Eve)|Halloween|Valentine[’']s\s+Day"
      rf"|Boxing\s+Day|Easter\s+Sunday|Easter|Thanksgiving\s+Day|Thanksgiving)(?:\s+(?P<y>{YEAR}))?{END}", trigger=('christmas', 'new year', 'halloween', 'valentine', 'boxing day', 'easter', 'thanksgiving'))
def _holiday(m: re.Match[str], text: str) -> Match | None:
    key = re.sub(r"\s+", " ", m["w"].lower().replace("’", "'"))
    if re.match(r"\s+(?:[A-Z]|tree|card|gift|present|market|party|dinner|season|holiday)", text[m.end():m.end() + 9]) and not m["y"]:
        return None
    return _m(m, "holiday", "holiday", holiday=_HOLIDAYS[key], year=int(m["y"]) if m["y"] else None)


def find_matches(text: str) -> Iterator[Match]:
    """Every rule's matches, overlapping ones included; the tagger picks among them."""
    lower = text.lower()
    for name, pattern, fn in _RULES:
        trigger = _TRIGGERS.get(name)
        if trigger and not any(word in lower for word in trigger):
            continue
        for m in pattern.finditer(text):
            found = fn(m, text)
            for one in found if isinstance(found, list) else [found]:
                if one is not None and one.end > one.start:
                    yield one
