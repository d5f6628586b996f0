"""Readers for the evaluation corpora in ../shared/data: TempEval-3 TimeML (.tml), MEANTIME CAT XML and
SemEval-2015 Task 4 TimeML. Each yields `EvalDoc`s: plain text, the known creation date (DCT), gold
TIMEX3 spans as character offsets, and where the dateline sits so a benchmark can hide it."""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class GoldTimex:
    start: int
    end: int
    text: str
    type: str
    value: str
    mod: str | None = None


@dataclass
class EvalDoc:
    corpus: str
    id: str
    text: str
    dct: str
    title: str | None = None
    gold: list[GoldTimex] = field(default_factory=list)
    dateline: tuple[int, int] | None = None   # span of the date line inside `text`, if the corpus has one
    annotated_end: int | None = None          # gold annotation stops here (MEANTIME: first six sentences)

    def without_dateline(self) -> str:
        if not self.dateline:
            return self.text
        a, b = self.dateline
        return re.sub(r"\n{3,}", "\n\n", self.text[:a] + self.text[b:])


_TAG_OR_TEXT = re.compile(r"<(/?)(\w+)([^>]*)>|([^<]+)")
_ATTR = re.compile(r'(\w+)="([^"]*)"')


def _strip_tags(marked: str) -> tuple[str, list[GoldTimex]]:
    """Text without tags, and the TIMEX3 elements as offsets into it (entities unescaped)."""
    out: list[str] = []
    pos = 0
    open_timex: tuple[int, dict[str, str]] | None = None
    gold = []
    for m in _TAG_OR_TEXT.finditer(marked):
        if m.group(4) is not None:
            piece = html.unescape(m.group(4))
            out.append(piece)
            pos += len(piece)
        elif m.group(2) == "TIMEX3":
            if m.group(1):
                start, attrs = open_timex  # type: ignore[misc]
                text = "".join(out)[start:pos]
                gold.append(GoldTimex(start, pos, text, attrs.get("type", ""), attrs.get("value", ""), attrs.get("mod")))
                open_timex = None
            else:
                open_timex = (pos, dict(_ATTR.findall(m.group(3))))
    return "".join(out), gold


def read_tempeval3(folder: Path) -> list[EvalDoc]:
    """TempEval-3 platinum: gold .tml files (the TE3input files hold the same text without tags)."""
    docs = []
    for path in sorted((folder / "te3-platinum").glob("*.tml")):
        raw = path.read_text("utf-8")
        dct = re.search(r"<DCT>.*?value=\"([^\"]+)\"", raw, re.S).group(1)
        title = re.search(r"<TITLE>(.*?)</TITLE>", raw, re.S)
        body = raw[raw.index("<TEXT>") + len("<TEXT>"):raw.index("</TEXT>")]
        text, gold = _strip_tags(body)
        docs.append(EvalDoc("tempeval3", path.stem, text, dct, html.unescape(title.group(1)) if title else None, gold))
    return docs


_NO_SPACE_BEFORE = re.compile(r"^(?:[,.;:!?%)\]}]|n't|'s|'re|'ve|'ll|'d|')$")
_NO_SPACE_AFTER = {"(", "[", "{", "$", "£", "€"}


def _join(tokens: list[str]) -> tuple[str, list[tuple[int, int]]]:
    """Tokens back to text, with each token's character span in it."""
    out, spans, pos = [], [], 0
    for i, tok in enumerate(tokens):
        if i and not _NO_SPACE_BEFORE.match(tok) and tokens[i - 1] not in _NO_SPACE_AFTER:
            out.append(" ")
            pos += 1
        spans.append((pos, pos + len(tok)))
        out.append(tok)
        pos += len(tok)
    return "".join(out), spans


def _detokenize(tokens: list[str]) -> str:
    return _join(tokens)[0]


def _date_line(sentence: str) -> bool:
    return bool(re.fullmatch(r"[A-Z][a-z]+\.? \d{1,2},? \d{4}", sentence.strip()))


def _assemble(title: str, sentences: list[str]) -> tuple[str, tuple[int, int] | None, list[int]]:
    """Title, the date line (Wikinews puts one under the title) and the body as one paragraph.
    Also returns where each sentence starts (the title is sentence 0)."""
    parts, dateline, starts = [title], None, [0]
    pos = len(title)
    for i, s in enumerate(sentences):
        sep = "\n\n" if i == 0 or (i == 1 and dateline) else " "
        if i == 0 and _date_line(s):
            dateline = (pos + len(sep), pos + len(sep) + len(s))
        starts.append(pos + len(sep))
        parts.append(sep + s)
        pos += len(sep) + len(s)
    return "".join(parts), dateline, starts


def read_meantime(folder: Path) -> list[EvalDoc]:
    """MEANTIME English Apple corpus (CAT XML): tokens grouped by sentence, DCT from CREATION_TIME,
    gold TIMEX3 (NewsReader guidelines, close to TimeML) mapped from token anchors to characters."""
    docs = []
    for path in sorted((folder / "intra-doc_annotation").rglob("*.xml")):
        root = ET.parse(path).getroot()
        by_sentence: dict[int, list[tuple[str, str]]] = {}
        for tok in root.iter("token"):
            by_sentence.setdefault(int(tok.get("sentence")), []).append((tok.get("t_id"), tok.text or ""))
        dct = next((t.get("value") for t in root.iter("TIMEX3") if t.get("functionInDocument") == "CREATION_TIME"), None)
        if not dct:
            continue
        joined = [_join([w for _, w in by_sentence[k]]) for k in sorted(by_sentence)]
        text, dateline, starts = _assemble(joined[0][0], [j[0] for j in joined[1:]])
        where = {}
        for k, (sent_start, (_, spans)) in enumerate(zip(starts, joined)):
            ids = [tid for tid, _ in by_sentence[sorted(by_sentence)[k]]]
            for tid, (a, b) in zip(ids, spans):
                where[tid] = (sent_start + a, sent_start + b)
        gold = []
        for t in root.iter("TIMEX3"):
            ids = [a.get("t_id") for a in t.iter("token_anchor")]
            if ids and all(i in where for i in ids):
                a, b = where[ids[0]][0], where[ids[-1]][1]
                gold.append(GoldTimex(a, b, text[a:b], t.get("type", ""), t.get("value", ""), t.get("mod") or None))
        end = starts[6] - 1 if len(starts) > 6 else len(text)
        docs.append(EvalDoc("meantime", path.stem, text, dct[:10], joined[0][0], sorted(gold, key=lambda g: g.start),
                            dateline=dateline, annotated_end=end))
    return docs


def read_semeval2015(folder: Path) -> list[EvalDoc]:
    """SemEval-2015 Task 4 trial corpus, TimeML version: DCT element, sentences in <s>."""
    docs = []
    for path in sorted((folder / "Corpus-trial-data_task4_TimeML").glob("*")):
        raw = path.read_text("utf-8")
        dct = re.search(r"<DCT>.*?value=\"([^\"]+)\"", raw, re.S)
        title = re.search(r"<EXTRAINFO>(.*?)</EXTRAINFO>", raw, re.S)
        if not dct:
            continue
        sentences = [_detokenize(_strip_tags(s)[0].split()) for s in re.findall(r"<s[^>]*>(.*?)</s>", raw, re.S)]
        head = html.unescape(title.group(1)) if title else ""
        text, dateline, _ = _assemble(head, sentences)
        docs.append(EvalDoc("semeval2015", path.stem, text, dct.group(1)[:10], head, dateline=dateline))
    return docs
