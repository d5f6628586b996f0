"""A test set of status claims with known answers, written for storyline (fictional names, so no rule
can be tuned to a real story), plus the seed articles' own claims.

Each scenario is a small corpus of dated articles; each expected claim names a document, a phrase of
the claim sentence and the status it must get: current, superseded or contradicted.
"""

from __future__ import annotations

from dataclasses import dataclass, field

COUNTRIES = ["Valdoria", "Norland", "Estmark", "Carpathia", "Ostrava", "Belmonte", "Quirinia", "Tessaly"]
GROUPS = ["Northern Front", "Azure Movement", "Red Valley Council", "Union of the Plains", "Iron Coast League",
          "Free Highlands Alliance", "Sunrise Brotherhood", "Delta Assembly"]


@dataclass
class Scenario:
    name: str
    articles: list[dict[str, str]]                          # {"date_publish", "title", "maintext"}
    expected: list[tuple[int, str, str]] = field(default_factory=list)  # (article index, phrase, status)


def recognition_scenario(i: int) -> Scenario:
    c, g = COUNTRIES[i % len(COUNTRIES)], GROUPS[i % len(GROUPS)]
    year = 2012 + i
    articles = [
        {"date_publish": f"{year}-02-10", "title": f"{g} seeks friends",
         "maintext": f"The {g} government has not been formally recognized by any country, officials said on Monday. "
                     f"Its envoys travelled to {c} last week for talks."},
        {"date_publish": f"{year}-06-15", "title": f"{c} recognizes {g}",
         "maintext": f"{c} formally recognized the {g} government on June 14, {year}, the foreign ministry of {c} said. "
                     f"The decision was welcomed by leaders of the {g}."},
        {"date_publish": f"{year}-09-01", "title": "Analysis",
         "maintext": f"The {g} administration remains unrecognized by any state, an analyst wrote in a column. "
                     f"Trade with {c} grew in the summer."},
        {"date_publish": f"{year}-09-20", "title": "Diplomacy",
         "maintext": f"{c} became the first country to formally recognize the {g} government this year. "
                     f"Other governments are watching closely."},
    ]
    return Scenario(f"recognition-{i}", articles, [
        (0, "has not been formally recognized", "superseded"),
        (2, "remains unrecognized", "contradicted"),
        (3, "first country to formally recognize", "current"),
    ])


def designation_scenario(i: int) -> Scenario:
    c, g = COUNTRIES[(i + 3) % len(COUNTRIES)], GROUPS[(i + 5) % len(GROUPS)]
    year = 2014 + i
    articles = [
        {"date_publish": f"{year - 6}-05-02", "title": "Ban",
         "maintext": f"{c} added the {g} to its list of terrorist organizations in {year - 6}, the interior ministry said. "
                     f"Membership carries a prison term."},
        {"date_publish": f"{year}-01-12", "title": "Talks",
         "maintext": f"The {g}, which remains banned in {c}, sent a delegation abroad. "
                     f"The delegation met diplomats on Sunday."},
        {"date_publish": f"{year}-04-03", "title": "Court",
         "maintext": f"The Supreme Court of {c} removed the {g} from the list of terrorist organizations on March 30, {year}. "
                     f"The ruling takes effect immediately."},
        {"date_publish": f"{year}-08-19", "title": "Claim",
         "maintext": f"The {g} is still outlawed in {c}, a lawmaker claimed in a speech. "
                     f"The speech drew criticism."},
    ]
    return Scenario(f"designation-{i}", articles, [
        (1, "remains banned", "superseded"),
        (3, "still outlawed", "contradicted"),
    ])


def steady_scenario(i: int) -> Scenario:
    c, g = COUNTRIES[(i + 1) % len(COUNTRIES)], GROUPS[(i + 2) % len(GROUPS)]
    year = 2010 + i
    articles = [
        {"date_publish": f"{year}-03-01", "title": "Status",
         "maintext": f"The {g} remains outlawed in {c}, police said. No country has recognized the {g} authorities. "
                     f"Border crossings stayed closed."},
        {"date_publish": f"{year + 1}-03-01", "title": "A year on",
         "maintext": f"A year on, the {g} is still banned in {c}. Officials in {c} met on Friday to discuss trade."},
    ]
    return Scenario(f"steady-{i}", articles, [
        (0, "remains outlawed", "current"),
        (0, "No country has recognized", "current"),
        (1, "still banned", "current"),
    ])


def ruling_dates_scenario(i: int) -> Scenario:
    c, g = COUNTRIES[(i + 4) % len(COUNTRIES)], GROUPS[(i + 6) % len(GROUPS)]
    year = 2016 + i
    articles = [
        {"date_publish": f"{year}-07-01", "title": "Ruling",
         "maintext": f"In April, the Supreme Court of {c} revoked the designation of the {g} as a terrorist organization. "
                     f"Lawyers for the {g} welcomed it."},
        {"date_publish": f"{year}-07-02", "title": "Ruling recalled",
         "maintext": f"In February, the Supreme Court of {c} revoked the designation of the {g} as a terrorist organization. "
                     f"The group had been listed for years."},
    ]
    return Scenario(f"ruling-dates-{i}", articles, [
        (0, "In April", "contradicted"),
        (1, "In February", "contradicted"),
    ])


def all_scenarios() -> list[Scenario]:
    out = []
    for i in range(4):
        out += [recognition_scenario(i), designation_scenario(i), steady_scenario(i), ruling_dates_scenario(i)]
    return out


# The seed articles' own status claims (tests/ and BENCHMARKS only; never used by the code).
SEED_EXPECTED = [
    ("000", "has not yet been officially recognized", "superseded"),
    ("001", "remains outlawed in Russia", "superseded"),
    ("003", "outlawed in Russia", "superseded"),
    ("002", "first country in the world to officially recognize", "current"),
]
