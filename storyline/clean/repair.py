"""Text repair: ftfy for the common mojibake, plus the legacy-codepage case ftfy leaves alone.

ftfy 6.3 repairs UTF-8 read as cp1252/latin-1 but not UTF-8 read as another single-byte
codepage (Greek cp1253, Cyrillic cp1251, Central European cp1250): "Β\xa0" is a UTF-8 no-break
space whose first byte was decoded as a Greek capital beta. We detect such runs generally: a
character that re-encodes to a UTF-8 lead byte followed by characters that re-encode to
continuation bytes, whose UTF-8 decoding is punctuation or a Latin letter, in a text where that
codepage's script is otherwise rare.
"""

from __future__ import annotations

import re
import unicodedata

import ftfy

_CODEPAGES = ("cp1253", "cp1251", "cp1250")


def _byte_class(codepage: str, lo: int, hi: int) -> str:
    chars = []
    for b in range(lo, hi + 1):
        try:
            ch = bytes([b]).decode(codepage)
        except UnicodeDecodeError:
            continue
        if ord(ch) >= 0x80:  # an ASCII byte can't be part of a UTF-8 multibyte run
            chars.append(re.escape(ch))
    return "".join(chars)


def _run_pattern(codepage: str) -> re.Pattern[str]:
    lead2 = _byte_class(codepage, 0xC2, 0xDF)
    lead3 = _byte_class(codepage, 0xE0, 0xEF)
    cont = _byte_class(codepage, 0x80, 0xBF)
    return re.compile(f"[{lead2}][{cont}]|[{lead3}][{cont}]{{2}}")


_PATTERNS = {cp: _run_pattern(cp) for cp in _CODEPAGES}
_SCRIPT_OF = {"cp1253": "GREEK", "cp1251": "CYRILLIC", "cp1250": "LATIN"}


def _plausible(decoded: str) -> bool:
    """The repaired character should be punctuation, a space or a Latin letter, not another oddity."""
    if len(decoded) != 1:
        return False
    cat = unicodedata.category(decoded)
    return cat[0] in "PZS" or (cat[0] == "L" and "LATIN" in unicodedata.name(decoded, ""))


def _script_share(text: str, script: str) -> float:
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return 0.0
    return sum(script in unicodedata.name(c, "") for c in letters) / len(letters)


def repair_codepage_mojibake(text: str) -> str:
    for codepage, pattern in _PATTERNS.items():
        if not pattern.search(text):
            continue
        # In real Greek or Cyrillic text these pairs are ordinary words: leave it alone.
        outside_runs = pattern.sub(" ", text)
        if codepage != "cp1250" and _script_share(outside_runs, _SCRIPT_OF[codepage]) > 0.05:
            continue

        def fix(match: re.Match[str], cp: str = codepage) -> str:
            try:
                decoded = match.group(0).encode(cp).decode("utf-8")
            except UnicodeError:
                return match.group(0)
            return decoded if _plausible(decoded) else match.group(0)

        text = pattern.sub(fix, text)
    return text


def repair_text(text: str) -> str:
    """Repair one line (or a whole text): mojibake, then normalise odd spaces."""
    text = ftfy.fix_text(text, normalization="NFC")
    text = repair_codepage_mojibake(text)
    return text.replace("\u00a0", " ").replace("\u200b", "")
