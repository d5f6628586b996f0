"""Rule-based boilerplate detection on single lines.

These are the web-page furniture patterns common to news sites (scroll prompts, ad labels, teaser
links, view counters, relative-time bylines, share prompts, photo credits). They are written by
hand because extractors like trafilatura work on HTML structure, and our plain-text inputs have
none left. Lines repeated across one outlet's documents are caught separately (repeated.py).
"""

from __future__ import annotations

import re

# Whole-line patterns: a line matching one of these is furniture, whatever its neighbours.
_LINE_RULES: list[tuple[str, re.Pattern[str]]] = [
    ("scroll-prompt", re.compile(r"^(scroll|swipe)\s+(down\s+)?to\s+(continue|read)\b.*$", re.I)),
    ("advertisement", re.compile(
        r"^(advertisement|advertising|sponsored( content)?|ad|promoted|paid content|story continues below"
        r"( advertisement)?|continue reading( below| the main story)?)\W*$", re.I)),
    ("teaser", re.compile(
        r"^(also read|read also|read more|see also|related( articles?| stories| news)?|recommended( for you)?"
        r"|recommendations? for you|more from|you may also like|don'?t miss|trending( now)?|watch|listen)"
        r"\s*(:|[-–—|]).*$", re.I)),
    ("teaser", re.compile(
        r"^(recommendations? for you|recommended( for you| stories)?|you may also like|more stories"
        r"|related (articles|stories|news)|most read|latest news|top stories|trending( now)?|all news"
        r"|more news|read more|popular( now)?)\W*$", re.I)),
    ("view-count", re.compile(r"^[\d.,]+\s*[kKmM]?\s*(views?|reads?|shares?|comments?|likes?)\W*$", re.I)),
    ("relative-time-byline", re.compile(
        r"^([^\n.!?]{1,60}?\s*[-–—|·•,]\s*)?(\d+|an?|one)\s+(seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?)"
        r"\s+ago\W*$", re.I)),
    ("share-prompt", re.compile(
        r"^(share|share this( article| story)?|share on \w+|tweet|email|print|copy link|follow us( on .*)?"
        r"|subscribe( now| to .*)?|sign up( for .*)?|click here.*|join (us|our) .*(channel|newsletter).*)\W*$",
        re.I)),
    ("photo-credit", re.compile(
        r"^.{0,300}\((photo|image|picture|pic|file photo|credit|source|video)s?\s*(:|by|credit)[^)]*\)\W*$",
        re.I)),
    ("photo-credit", re.compile(r"^(photo|image|picture|file photo|credit)s?\s*(:|by)\s*.{0,80}$", re.I)),
    ("byline", re.compile(r"^(by|written by|reporting by|edited by)\s+[A-Z][\w.' -]{1,60}$")),
    ("copyright", re.compile(r"^(©|\(c\)|copyright\b).{0,120}$", re.I)),
]

# A short line made only of an outlet name with its acronym: "Example News Agency (ENA)".
CREDIT_LINE = re.compile(r"^(?P<name>[A-Z][\w’'&.-]*(?:\s+[A-Z][\w’'&.-]*){0,6})\s*\((?P<abbr>[A-Z][A-Za-z]{1,7})\)$")

_TERMINAL = re.compile(r"[.!?\"”’')\]]$")


def line_rule(line: str) -> str | None:
    """Name of the boilerplate rule that matches this line, or None when it is story text."""
    stripped = line.strip()
    if not stripped:
        return None
    for name, pattern in _LINE_RULES:
        if pattern.match(stripped):
            return name
    if CREDIT_LINE.match(stripped):
        return "credit-line"
    return None


def is_short_fragment(line: str, max_words: int = 10) -> bool:
    """A short line without sentence punctuation: a slogan, label or headline."""
    stripped = line.strip()
    return len(stripped.split()) <= max_words and not _TERMINAL.search(stripped)
