"""Name normalisation and comparison keys: transliteration, person-name parts, organisation bodies.

anyascii turns any script into press-style Latin (Сергей Лавров -> Sergey Lavrov); rapidfuzz gives
Jaro-Winkler. No library folds the *Latin* spellings that different transliteration traditions
produce for one name (Zh/J, Kh/H, Q/K, -ey/-ei/-ej, doubled consonants), so `token_key` applies a
short rule table for that. Keys are for matching only; names are always shown as written.
"""

from __future__ import annotations

import re
from functools import lru_cache

from anyascii import anyascii
from rapidfuzz.distance import JaroWinkler

# Applied in order to a lowercase ASCII token. Each folds spellings that transliteration schemes
# (English, French, German, Russian press style, Arabic/Persian romanisations) give the same sound.
_TRANSLIT_RULES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(p), r) for p, r in (
        (r"dzh|dj", "j"),          # Russian-style Dzh-, French Dj- for English J
        (r"zh", "j"),              # Zhirnov / Jirnov
        (r"kh", "h"),              # Khan / Han, Mikhail / Mihail
        (r"gh", "g"),
        (r"ph", "f"),
        (r"sch", "sh"),
        (r"tch", "ch"),
        (r"tz", "ts"),
        (r"ck", "k"),
        (r"q", "k"),               # Haqqani / Hakani, Muttaqi / Mutaki
        (r"c(?=[aou])", "k"),
        (r"x", "ks"),
        (r"w", "v"),               # Lavrov / Lawrow
        (r"ou", "u"),              # French ou
        (r"(?<=[aeiou])j$", "i"),  # Sergej / Sergei
        (r"y", "i"),               # Sergey / Sergei, Dmitry / Dmitri
        (r"(.)\1+", r"\1"),        # doubled letters: Muttaqi / Mutaqi
    )
)

# Words that never belong to the identity of a name.
HONORIFICS = frozenset({
    "mr", "mrs", "ms", "miss", "dr", "prof", "sir", "dame", "lord", "lady", "rev", "hon", "mx",
})
ORG_STOPWORDS = frozenset({"the", "of", "and", "for", "&", "a", "an", "de", "la", "le", "du"})
LEGAL_SUFFIXES = frozenset({"inc", "corp", "corporation", "co", "ltd", "llc", "plc", "ag", "sa", "gmbh",
                            "nv", "bv", "lp", "llp", "limited", "incorporated"})
# Generic heads of official bodies: "Foreign Ministry" names a different body for every owner.
BODY_WORDS = frozenset({
    "ministry", "ministries", "department", "office", "court", "council", "government", "parliament",
    "army", "navy", "police", "embassy", "consulate", "agency", "service", "services", "committee",
    "commission", "cabinet", "administration", "assembly", "senate", "congress", "forces", "force",
    "guard", "bank", "mission", "delegation", "directorate", "bureau", "authority", "authorities",
    "military", "intelligence", "secretariat", "presidency", "prosecutor", "prosecutors", "duma",
})
# Short function words that bad machine translation glues to the end of a name ("Kabulovof").
GLUE_SUFFIXES = ("and", "the", "of", "in", "on", "at", "to", "for", "from", "with", "by", "or", "as", "is")
_DEMONYM_SUFFIXES = ("ese", "ian", "ish", "an", "i", "n")
_POSSESSIVE = re.compile(r"(?:['’]s|['’])$")
_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_WORD_SPLIT = re.compile(r"[\s,;:()\"“”]+|(?<=\w)[-–](?=\w)|\s[-–]\s")


@lru_cache(maxsize=200_000)
def token_key(token: str) -> str:
    """Matching key of one word: ASCII, lowercase, transliteration variants folded."""
    s = _NON_ALNUM.sub("", anyascii(token).lower())
    for pattern, repl in _TRANSLIT_RULES:
        s = pattern.sub(repl, s)
    return s


def skeleton(key: str) -> str:
    """Consonant skeleton of a key (vowel spellings vary most across transliterations)."""
    return re.sub(r"[aeiou]", "", key) or key


def strip_possessive(text: str) -> str:
    return _POSSESSIVE.sub("", text.strip())


@lru_cache(maxsize=200_000)
def words(text: str) -> tuple[str, ...]:
    """Words of a name as written: split on spaces, punctuation and hyphens, possessives dropped."""
    text = strip_possessive(text)
    return tuple(w for w in _WORD_SPLIT.split(text) if w and any(c.isalnum() for c in w))


@lru_cache(maxsize=200_000)
def name_key(text: str) -> str:
    """Key of a whole name: its word keys joined, leading article and possessive dropped."""
    ws = words(text)
    if ws and ws[0].lower() in ("the", "a", "an"):
        ws = ws[1:]
    return " ".join(k for k in (token_key(w) for w in ws) if k)


@lru_cache(maxsize=200_000)
def person_parts(text: str) -> tuple[tuple[str, ...], str]:
    """(given-name keys, surname key) of a person's name, honorifics dropped."""
    keys = [token_key(w) for w in words(text)]
    keys = [k for k in keys if k and k not in HONORIFICS]
    if not keys:
        return (), ""
    return tuple(keys[:-1]), keys[-1]


def jw(a: str, b: str) -> float:
    return JaroWinkler.similarity(a, b)


def given_names_match(a: tuple[str, ...], b: tuple[str, ...]) -> float:
    """Similarity of two given-name lists; every name of the shorter must match one of the longer.

    0 when they conflict, 1 when one is empty (no evidence either way)."""
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    if not short:
        return 1.0
    total = 0.0
    for g in short:
        best = 0.0
        for h in long_:
            if g == h:
                s = 1.0
            elif len(g) == 1 or len(h) == 1:       # initials: "V. Putin"
                s = 0.95 if g[0] == h[0] else 0.0
            else:
                s = jw(g, h)
                if s < 0.9 and not (skeleton(g) == skeleton(h) and s >= 0.85):
                    s = 0.0
            best = max(best, s)
        if best == 0.0:
            return 0.0
        total += best
    return total / len(short)


def person_similarity(a: str, b: str) -> float:
    """0..1 similarity of two full person names (0 when surnames or given names conflict)."""
    ga, sa = person_parts(a)
    gb, sb = person_parts(b)
    if not sa or not sb:
        return 0.0
    s = 1.0 if sa == sb else jw(sa, sb)
    if s < 0.93:
        return 0.0
    g = given_names_match(ga, gb)
    return 0.0 if g == 0.0 else (s + g) / 2


@lru_cache(maxsize=200_000)
def org_tokens(text: str) -> tuple[str, ...]:
    """Content-word keys of an organisation or place name: stop words and legal suffixes dropped,
    plurals folded ("Islamic Emirates of Afghanistan" = "Islamic Emirate of Afghanistan")."""
    out = []
    for w in words(text):
        k = token_key(w)
        if not k or k in ORG_STOPWORDS or k in LEGAL_SUFFIXES:
            continue
        if len(k) > 4 and k.endswith("s") and not k.endswith("ss"):
            k = k[:-1]
        out.append(k)
    return tuple(out)


@lru_cache(maxsize=200_000)
def acronym(text: str) -> str | None:
    """Initials of a multi-word name ("United Nations" -> "un"), or the name itself when it is one."""
    ws = [w for w in words(text)
          if w.lower() not in ORG_STOPWORDS and w.lower().strip(".") not in LEGAL_SUFFIXES]
    if len(ws) == 1:
        w = ws[0].replace(".", "")
        return w.lower() if 2 <= len(w) <= 6 and w.isupper() else None
    if len(ws) >= 2 and all(w[:1].isupper() for w in ws):
        return "".join(w[0] for w in ws).lower()
    return None


def demonym_stems(key: str) -> list[str]:
    """Candidate country stems of a nationality word: "russian" -> "russia", "russ"; "afghan"."""
    out = [key]
    for suf in _DEMONYM_SUFFIXES:
        if key.endswith(suf) and len(key) - len(suf) >= 4:
            out.append(key[: -len(suf)])
    return out


def glued_split(word: str) -> tuple[str, str] | None:
    """(stem, function word) when a word ends with a function word that could have been glued on."""
    lower = word.lower()
    for suf in GLUE_SUFFIXES:
        if lower.endswith(suf) and len(word) - len(suf) >= 4 and word[0].isupper():
            return word[: -len(suf)], word[-len(suf):]
    return None
