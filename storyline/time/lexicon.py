"""Word tables for the time-expression grammar: months, weekdays, numerals, units, parts of day,
seasons, and the verb forms that tell tense. Plain data, general English; nothing corpus-specific."""

from __future__ import annotations

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}
# Month names that are also common words or first names: bare, they need a time context.
AMBIGUOUS_MONTHS = {"may", "march", "mar", "april", "june", "august", "jan", "dec"}

WEEKDAYS = {
    "monday": 1, "mon": 1, "tuesday": 2, "tue": 2, "tues": 2, "wednesday": 3, "wed": 3,
    "thursday": 4, "thu": 4, "thur": 4, "thurs": 4, "friday": 5, "fri": 5, "saturday": 6, "sat": 6,
    "sunday": 7, "sun": 7,
}

NUMBER_WORDS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    "hundred": 100, "a": 1, "an": 1, "a single": 1, "one and a half": 1.5, "a half": 0.5, "half a": 0.5,
    "half an": 0.5, "a couple of": 2, "a couple": 2, "couple of": 2, "a dozen": 12, "dozen": 12,
}
ORDINAL_WORDS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19, "twentieth": 20, "twenty-first": 21, "last": -1, "final": -1,
}

# unit word -> (ISO duration letter, is time-of-day unit, granularity)
UNITS = {
    "second": ("S", True, "second"), "minute": ("M", True, "minute"), "hour": ("H", True, "hour"),
    "day": ("D", False, "day"), "night": ("D", False, "day"), "week": ("W", False, "week"),
    "fortnight": ("W", False, "week"), "month": ("M", False, "month"), "quarter": ("Q", False, "quarter"),
    "year": ("Y", False, "year"), "decade": ("DE", False, "decade"), "century": ("CE", False, "century"),
    "weekend": ("WE", False, "week"),
}

PARTS_OF_DAY = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "overnight": "NI",
                "midday": "MI", "noon": "MI", "tonight": "NI", "dawn": "MO", "dusk": "EV"}

SEASONS = {"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI"}

# Set adverbs -> TIMEX3 value pattern of the repeated unit (TimeML convention: "annually" -> XXXX).
SET_ADVERBS = {"daily": "XXXX-XX-XX", "weekly": "XXXX-WXX", "monthly": "XXXX-XX", "annually": "XXXX",
               "yearly": "XXXX", "quarterly": "XXXX-QX", "hourly": "XXXX-XX-XXTXX",
               "nightly": "XXXX-XX-XXTNI", "biweekly": "XXXX-WXX", "fortnightly": "XXXX-WXX"}

# Tense cues (used by tense.py). Irregular past forms common in news; the regular ones end in -ed.
IRREGULAR_PAST = set("""
was were had did said told met held left began became saw found won lost sent led fell rose spoke wrote
chose broke ran thought brought bought fought caught taught sought got kept felt paid sold struck stood
understood shot gave took made came went knew grew threw drew flew drove rode hid forbade forgave froze
swore tore wore woke bore shook stole sank sang swam began withdrew overthrew undertook overtook
became arose awoke bent bit bled blew built burnt dealt dug dwelt fed fled flung forgot forecast hung
heard laid lent lit meant mistook overcame quit rang rebuilt sat shone slept slid spent spun split spread
sprang stuck stung strode strove swept swung wept wound unveiled
""".split())
# Words ending in -ed that are not past-tense verbs.
NOT_PAST_ED = set("""
need feed seed speed bed red shed wed bleed breed proceed succeed exceed indeed hundred kindred united
limited interested concerned detailed advanced armed based experienced alleged so-called red-handed
""".split())
# A preposition right before the expression that points forward: "run through June", "until May".
FUTURE_PREPOSITIONS = {"until", "till", "through", "thru"}
