"""infer_published: when a document was published, as a value at the precision known plus the interval
it lies in, from metadata, the dateline, or the dates the text mentions.

Evidence from the text is a set of constraints on the publication day, each a union of intervals:
a past event dated in full bounds it below, a future one above; a month-day written without a year
is near it (writers drop the year for dates within months); a weekday with a month-day ("Thursday,
July 3") chooses the year; a dateline "Oct 04" with "announced Friday" in the text chooses the year
whose 4 October is a Friday. Whatever stays ambiguous stays in the interval; no day is invented.
"""

from __future__ import annotations

import email.utils
import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from storyline.models import Document, PublishedDate
from storyline.time.calendar import interval_value, last_day, value_interval
from storyline.time.tagger import Tagged, document_matches, scan
from storyline.time.tense import points_forward

FLOOR = date(1, 1, 1)
PAIR_WINDOW = 31        # days between a "Thursday, July 3" mention and publication
YEARLESS_WINDOW = 183   # days: a month-day written without its year lies within about six months
MONTH_WINDOW = 335      # days after the end of a bare past month ("In April") that publication can lie
CANDIDATE_YEARS = 30    # how far back a year is searched when nothing bounds it
SLACK = 1               # days

Intervals = list[tuple[date, date]]


def _intersect(a: Intervals, b: Intervals) -> Intervals:
    out = []
    for lo1, hi1 in a:
        for lo2, hi2 in b:
            lo, hi = max(lo1, lo2), min(hi1, hi2)
            if lo <= hi:
                out.append((lo, hi))
    return sorted(out)


def _union(parts: Intervals) -> Intervals:
    out: Intervals = []
    for lo, hi in sorted(parts):
        if out and lo <= out[-1][1] + timedelta(days=1):
            out[-1] = (out[-1][0], max(out[-1][1], hi))
        else:
            out.append((lo, hi))
    return out


def _safe(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _window(day: date, tense: str | None, width: int) -> tuple[date, date]:
    """Days a mention of `day` allows for publication; SLACK days the other way for time zones and
    stories filed overnight."""
    if tense == "past":
        return day - timedelta(days=SLACK), day + timedelta(days=width)
    if tense == "future":
        return day - timedelta(days=width), day + timedelta(days=SLACK)
    return day - timedelta(days=width), day + timedelta(days=width)


# ---------------------------------------------------------------- metadata

def parse_date_string(raw: str | None) -> tuple[str, str] | None:
    """(ISO value, granularity) of a metadata date: ISO 8601, RFC 822, or anything dateparser reads."""
    if not raw or not raw.strip():
        return None
    s = raw.strip()
    m = re.match(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?:[T ]|$)", s)
    if m:
        if m.group(3):
            return f"{m.group(1)}-{m.group(2)}-{m.group(3)}", "day"
        if m.group(2):
            return f"{m.group(1)}-{m.group(2)}", "month"
        return m.group(1), "year"
    try:
        return email.utils.parsedate_to_datetime(s).date().isoformat(), "day"
    except (TypeError, ValueError, IndexError):
        pass
    from dateparser.date import DateDataParser   # slow import, rare path
    data = DateDataParser(languages=["en"], settings={"PREFER_DAY_OF_MONTH": "first"}).get_date_data(s)
    if data.date_obj is None:
        return None
    iso = data.date_obj.date().isoformat()
    period = data.period or "day"
    return ({"year": iso[:4], "month": iso[:7]}.get(period, iso), period if period in ("year", "month") else "day")


def _from_value(value: str, gran: str, method: str, confidence: float, evidence: str,
                modified: str | None = None) -> PublishedDate:
    span = value_interval(value)
    return PublishedDate(value, gran, span[0].isoformat() if span else None, span[1].isoformat() if span else None,
                         method, confidence, evidence, modified)


# ---------------------------------------------------------------- datelines

def _dateline(doc: Document) -> dict | None:
    if doc.dateline:
        return doc.dateline
    try:
        from storyline.clean.dateline import find_dateline
    except ImportError:        # cleaning stage not installed: no plain-text dateline
        return None
    return find_dateline(doc.text)


_HEADER_NOISE = re.compile(r"(?i)\b(?:published|posted|updated|last\s+updated|modified|by|on|at|am|pm|gmt|utc|"
                           r"[ecmp][sd]t|\d{1,2}:\d{2})\b|[|/,:•·—–-]")


def _header_date(text: str, tagged: list[Tagged]) -> tuple[Tagged, bool] | None:
    """A date standing on its own line near the top ("March 06, 2008", "Published: 3 May 2024 10:02"):
    the dateline of sites that print one. Returns it and whether the line says 'updated'."""
    head_end = 0
    for i, m in enumerate(re.finditer(r"[^\n]+", text)):
        if i >= 6 or m.start() > 600:
            break
        head_end = m.end()
    for t in tagged:
        if t.timex.start >= head_end:
            break
        if t.match.kind != "date" or "day" not in t.match.parts:
            continue
        line_start = text.rfind("\n", 0, t.timex.start) + 1
        line_end = text.find("\n", t.timex.end)
        line_end = len(text) if line_end < 0 else line_end
        rest = text[line_start:t.timex.start] + " " + text[t.timex.end:line_end]
        words = re.findall(r"[A-Za-z]{2,}", _HEADER_NOISE.sub(" ", rest))
        if len(words) <= 4:
            return t, bool(re.search(r"(?i)\b(?:updated|modified)\b", rest))
    return None


# ---------------------------------------------------------------- evidence from the text

@dataclass
class Evidence:
    feasible: Intervals
    hard: Intervals
    reasons: list[str] = field(default_factory=list)
    weekdays: list[int] = field(default_factory=list)          # bare weekdays in past/undecided tense
    pairs: list[tuple[date, int]] = field(default_factory=list)  # resolved "Thursday, July 3" dates


def _years(lo: date, hi: date) -> range:
    return range(max(lo.year - 1, 1), hi.year + 1)


def _adverbial(text: str, t: Tagged) -> bool:
    """A year used as a modifier ("the 2011 version", "its 2010 conference") names an edition, not when
    something happened; only dates that stand as adverbials ("in 2010", "on July 4, 2024") bound."""
    if t.match.kind != "year":
        return True
    before = text[max(0, t.timex.start - 14):t.timex.start].lower()
    after = text[t.timex.end:t.timex.end + 3]
    modifier = re.search(r"\b(?:the|its|his|her|their|a|an|this|that|our)\s+$", before) and re.match(r"\s[a-z]", after)
    return not modifier


def _sentence(text: str, pos: int) -> tuple[int, int]:
    start = max(text.rfind(". ", 0, pos), text.rfind("\n", 0, pos)) + 1
    ends = [i for i in (text.find(". ", pos), text.find("\n", pos)) if i >= 0]
    return start, min(ends) if ends else len(text)


def collect_evidence(text: str, tagged: list[Tagged], today: date, skip: set[int],
                     upper: date | None = None) -> Evidence:
    top = min(today, upper) if upper else today
    hard: Intervals = [(FLOOR, top)]
    reasons: list[str] = []
    lo_reason = None
    # 1. Fully dated mentions: past ones bound publication below, future ones above.
    for t in tagged:
        if t.timex.start in skip or t.timex.type not in ("DATE", "TIME") or t.match.kind in ("decade", "century"):
            continue
        span = value_interval(t.timex.value)
        if span is None or t.timex.anchor is not None:
            continue
        if not _adverbial(text, t):
            continue
        sentence = _sentence(text, t.timex.start)
        past = t.tense == "past" or (t.tense is None and not points_forward(text, *sentence))
        future = t.tense == "future" and points_forward(text, *sentence, strong=True)
        if past and span[0] > hard[0][0]:
            hard = _intersect(hard, [(span[0], date.max)]) or hard
            lo_reason = f"after '{t.timex.text}' (past)"
        elif future and span[1] < hard[-1][1] and span[1] >= hard[0][0]:
            hard = _intersect(hard, [(FLOOR, span[1])]) or hard
            reasons.append(f"before '{t.timex.text}' (future)")
    if lo_reason:
        reasons.insert(0, lo_reason)
    ev = Evidence(list(hard), list(hard), reasons)
    lo, hi = hard[0][0], hard[-1][1]
    search_lo = lo if lo > FLOOR else date(max(hi.year - CANDIDATE_YEARS, 1), 1, 1)
    # 2. Month-days and months without a year, and weekdays.
    for t in tagged:
        if t.timex.start in skip:
            continue
        m, tense = t.match, (None if t.tense == "present" else t.tense)
        if m.kind == "weekday" and m.parts.get("rel") is None and tense != "future":
            ev.weekdays.append(m.parts["weekday"])
        if m.kind == "date" and m.parts.get("year") is None and "day" in m.parts:
            days = [d for y in _years(search_lo, hi) if (d := _safe(y, m.parts["month"], m.parts["day"]))]
            wd = m.parts.get("weekday")
            if wd:
                days = [d for d in days if d.isoweekday() == wd]
            width = PAIR_WINDOW if wd else YEARLESS_WINDOW
            allowed = _union([_window(d, tense, width) for d in days])
            narrowed = _intersect(ev.feasible, allowed)
            if narrowed:
                ev.feasible = narrowed
                if wd:
                    fits = [d for d in days if _intersect([_window(d, tense, width)], narrowed)]
                    if len(fits) == 1:
                        ev.pairs.append((fits[0], wd))
                        ev.reasons.append(f"'{t.timex.text}' is a {fits[0].strftime('%A')} in {fits[0].year}")
                else:
                    ev.reasons.append(f"near '{t.timex.text}'")
        elif m.kind == "month" and m.parts.get("rel") is None and tense in ("past", "future"):
            mo = m.parts["month"]
            spans = [(date(y, mo, 1), date(y, mo, last_day(y, mo))) for y in _years(search_lo, hi)]
            allowed = _union([(a, b + timedelta(days=MONTH_WINDOW)) if tense == "past"
                              else (a - timedelta(days=MONTH_WINDOW), b) for a, b in spans])
            narrowed = _intersect(ev.feasible, allowed)
            if narrowed:
                ev.feasible = narrowed
    # 3. A bare weekday naming the same day as a dated weekday: publication within the week after it.
    for d, wd in ev.pairs:
        if wd in ev.weekdays:
            narrowed = _intersect(ev.feasible, [(d, d + timedelta(days=6))])
            if narrowed:
                ev.feasible = narrowed
                ev.reasons.append(f"'{d.strftime('%A')}' mentioned: within the week after {d.isoformat()}")
    return ev


def _confidence(first: date, last: date) -> float:
    width = (last - first).days
    return 0.6 if width <= 7 else 0.45 if width <= 31 else 0.3 if width <= 366 else 0.15


def _weekday_year(day_month: tuple[int, int], candidates: list[date], weekdays: list[int]) -> tuple[date | None, str]:
    """Choose the year of a dateline month-day from weekdays named in the text: the dateline day itself
    (weight 1) or the day before it (weight 1/2, stories filed the next morning)."""
    if not weekdays or not candidates:
        return None, ""
    scores = {}
    for d in candidates:
        scores[d] = sum(1.0 for w in weekdays if w == d.isoweekday()) + \
            sum(0.5 for w in weekdays if w == (d - timedelta(days=1)).isoweekday())
    best = max(scores.values())
    winners = [d for d, s in scores.items() if s == best]
    if best == 0 or len(winners) != 1:
        return None, ""
    d = winners[0]
    same = any(w == d.isoweekday() for w in weekdays)
    return d, (f"{d.isoformat()} is a {d.strftime('%A')}" if same else
               f"the day before {d.isoformat()} is a {(d - timedelta(days=1)).strftime('%A')}")


_FETCH_KEYS = ("fetched", "fetched_at", "retrieved", "crawled", "warc_date")
_AGE_UNITS = {"minute": timedelta(minutes=1), "hour": timedelta(hours=1), "day": timedelta(days=1),
              "week": timedelta(weeks=1)}


def _byline_age(doc: Document, tagged: list[Tagged]) -> PublishedDate | None:
    """"sajadi - 5 hours ago" near the top, and the time the page was fetched (doc.extra): publication
    is that much earlier. Without a fetch time such a byline says nothing."""
    raw = next((doc.extra.get(k) for k in _FETCH_KEYS if isinstance(doc.extra.get(k), str)), None)
    if not raw:
        return None
    try:
        fetched = datetime.fromisoformat(raw.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    head = doc.text[:600]
    for t in tagged:
        m = t.match
        if t.timex.start >= len(head):
            break
        if m.kind == "ago" and m.parts.get("n") and m.parts["unit"] in _AGE_UNITS:
            age = _AGE_UNITS[m.parts["unit"]] * m.parts["n"]
            if len(raw.strip()) > 10:          # a timestamp: the day is known
                first = last = (fetched - age).date()
            else:                              # a day only: the page may have been fetched at any hour
                first, last = (fetched - age - timedelta(days=1)).date(), (fetched - age).date()
            if m.parts["unit"] == "week":
                first -= timedelta(days=3)
            value, gran = interval_value(first, last)
            return PublishedDate(value, gran, first.isoformat(), last.isoformat(), "inferred", 0.7,
                                 f"byline '{t.timex.text}' before the fetch time {raw}")
    return None


def undated_tags(doc: Document) -> list[Tagged]:
    """The document's time expressions read without its date (what the text alone says)."""
    return scan(doc.text, None, matches=document_matches(doc))


def infer_published(doc: Document, *, today: date | None = None, tagged: list[Tagged] | None = None
                    ) -> PublishedDate:
    """Publication date of one document: metadata first, then the dateline, then the text.
    `tagged`: undated_tags(doc), when the caller has it already."""
    today = today or date.today()
    meta = parse_date_string(doc.meta_published)
    modified = parse_date_string(doc.meta_modified)
    mod_value = modified[0] if modified else None
    if meta:
        return _from_value(meta[0], meta[1], "metadata", 0.95, f"metadata published: {doc.meta_published.strip()}",
                           mod_value)
    upper = value_interval(mod_value)[1] if mod_value and value_interval(mod_value) else None

    tagged = tagged if tagged is not None else undated_tags(doc)
    byline = _byline_age(doc, tagged)
    if byline:
        return byline
    dl = _dateline(doc)
    header = None if dl and dl.get("month") else _header_date(doc.text, tagged)
    skip = set()
    day_month = None
    dl_text = ""
    if dl and dl.get("month") and dl.get("day"):
        day_month, year, dl_text = (dl["month"], dl["day"]), dl.get("year"), dl.get("text") or ""
        skip = {t.timex.start for t in tagged if dl.get("start", -1) <= t.timex.start < dl.get("end", -1)}
    elif header:
        h, updated = header
        skip = {h.timex.start}
        if updated:                      # "Updated 3 May 2024": publication is no later
            span = value_interval(h.timex.value)
            if span:
                upper = min(upper, span[1]) if upper else span[1]
        else:
            day_month, year, dl_text = (h.match.parts["month"], h.match.parts["day"]), h.match.parts.get("year"), h.timex.text

    if day_month and year:
        d = _safe(year, *day_month)
        if d:
            return _from_value(d.isoformat(), "day", "dateline", 0.9, f"dateline '{dl_text}'", mod_value)

    ev = collect_evidence(doc.text, tagged, today, skip, upper)
    if day_month:
        cands = [d for y in _years(ev.feasible[0][0] if ev.feasible[0][0] > FLOOR else
                                   date(today.year - CANDIDATE_YEARS, 1, 1), ev.feasible[-1][1])
                 if (d := _safe(y, *day_month)) and _intersect(ev.feasible, [(d, d)])]
        if not cands:         # the text contradicts itself; trust the bounds that are hard
            cands = [d for y in _years(ev.hard[0][0] if ev.hard[0][0] > FLOOR else
                                       date(today.year - CANDIDATE_YEARS, 1, 1), ev.hard[-1][1])
                     if (d := _safe(y, *day_month)) and _intersect(ev.hard, [(d, d)])]
        bounds = "; ".join(ev.reasons[:2])
        if len(cands) == 1:
            d = cands[0]
            return _from_value(d.isoformat(), "day", "dateline", 0.7,
                               f"dateline '{dl_text}', only {d.year} fits ({bounds})", mod_value)
        chosen, why = _weekday_year(day_month, cands, ev.weekdays)
        if chosen:
            same_day = why.startswith(chosen.isoformat())
            return _from_value(chosen.isoformat(), "day", "dateline", 0.75 if same_day else 0.55,
                               f"dateline '{dl_text}' and weekday named in the text: {why}"
                               + (f"; {bounds}" if bounds else ""), mod_value)
        value = f"XXXX-{day_month[0]:02d}-{day_month[1]:02d}"
        first = cands[0].isoformat() if cands and ev.hard[0][0] > FLOOR else None
        last = cands[-1].isoformat() if cands else None
        return PublishedDate(value, "day", first, last, "dateline", 0.3,
                             f"dateline '{dl_text}' gives no year; {len(cands)} years possible"
                             + (f" ({bounds})" if bounds else ""), mod_value)

    first, last = ev.feasible[0][0], ev.feasible[-1][1]
    if first == FLOOR and not ev.reasons:
        return PublishedDate(None, None, None, None, "unknown", 0.0, "no date in metadata, dateline or text",
                             mod_value)
    value, gran = interval_value(first, last) if first > FLOOR else (None, None)
    gaps = f"; {len(ev.feasible)} separate periods possible" if len(ev.feasible) > 1 else ""
    return PublishedDate(value, gran, first.isoformat() if first > FLOOR else None, last.isoformat(), "inferred",
                         _confidence(first, last) if first > FLOOR else 0.1,
                         "; ".join(ev.reasons[:4]) + gaps or "only an upper bound", mod_value)
