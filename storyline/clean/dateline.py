"""Datelines at the head of a news story: "MOSCOW, Oct 04 (Alliance News):", "ISLAMABAD, May 29. /TASS/.",
"Moscow, MINA –", "WASHINGTON (Reuters) -". Regexes, because no library parses plain-text datelines
(htmldate and trafilatura read HTML metadata only)."""

from __future__ import annotations

import re
from typing import Any

_MONTHS = {m: i for i, m in enumerate(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], start=1)}
_MONTH = r"(?P<month>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
_PLACE = r"(?P<place>[A-Z][A-Za-z'’.-]+(?:[ -][A-Z][A-Za-z'’.-]+){0,3})"
_OUTLET_PAREN = r"\((?P<outlet>[A-Z][\w&'’. -]{1,40})\)"
_OUTLET_SLASH = r"/(?P<outlet2>[A-Z][\w&'’. -]{1,30})/\.?"
_DASH = r"\s*[:–—-]+"

_PATTERNS = [
    # PLACE, Mon DD[, YYYY] [(Outlet)|/Outlet/] [:-]
    re.compile(rf"^{_PLACE},?\s+{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(?P<year>\d{{4}}))?\.?"
               rf"\s*(?:{_OUTLET_PAREN}|{_OUTLET_SLASH})?(?:{_DASH})?\s"),
    # PLACE, DD Mon [YYYY] ...
    re.compile(rf"^{_PLACE},?\s+(?P<day>\d{{1,2}})\s+{_MONTH}(?:,?\s+(?P<year>\d{{4}}))?\.?"
               rf"\s*(?:{_OUTLET_PAREN}|{_OUTLET_SLASH})?(?:{_DASH})?\s"),
    # PLACE (Outlet) - / PLACE, Outlet -
    re.compile(rf"^{_PLACE}\s*{_OUTLET_PAREN}\s*[:–—-]+\s"),
    re.compile(rf"^{_PLACE},\s+(?P<outlet3>[A-Z][A-Za-z]{{1,7}}(?:\s[A-Z][A-Za-z]+){{0,3}})\s+[–—-]+\s"),
]


def find_dateline(text: str, max_offset: int = 600) -> dict[str, Any] | None:
    """The first dateline at the start of a line near the top of `text`, or None.

    Returns {"text","start","end","place","outlet","month","day","year"} with ints or None.
    """
    for line_match in re.finditer(r"^.+$", text[:max_offset + 200], re.M):
        if line_match.start() > max_offset:
            break
        line = line_match.group(0)
        for pattern in _PATTERNS:
            m = pattern.match(line + " ")
            if not m:
                continue
            groups = m.groupdict()
            outlet = groups.get("outlet") or groups.get("outlet2") or groups.get("outlet3")
            month = groups.get("month")
            end = min(m.end(), len(line))
            return {
                "text": line[:end].strip(),
                "start": line_match.start(),
                "end": line_match.start() + end,
                "place": groups["place"],
                "outlet": outlet.strip(" .") if outlet else None,
                "month": _MONTHS[month[:3].lower()] if month else None,
                "day": int(groups["day"]) if groups.get("day") else None,
                "year": int(groups["year"]) if groups.get("year") else None,
            }
    return None
