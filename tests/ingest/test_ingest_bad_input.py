"""A run over a folder of good and bad inputs of every format: every good document is read, and each bad
input (or record) is one Failure whose one-line reason says what is wrong with that input."""

from __future__ import annotations

import gzip
import io
import json
import sys

from tests.ingest.ingest_samples import ARTICLE, ATOM, HTML, RSS, SECOND, read, reasons, write_warc

RUSSIAN = "Министр иностранных дел заявил в понедельник, что переговоры продолжатся в Женеве на следующей неделе."


def _mixed_folder(root):
    good = root / "good"
    good.mkdir()
    (good / "a.txt").write_text(ARTICLE)
    (good / "b.html").write_text(HTML)
    (good / "c.rss").write_text(RSS)                                # 2 documents and 1 empty entry
    (good / "d.atom").write_text(ATOM)
    (good / "e.jsonl").write_text(json.dumps({"text": ARTICLE}) + "\n{broken\n" + json.dumps({"maintext": SECOND}))
    (good / "f.csv").write_text(f'title,text\nOne,"{ARTICLE}"\n')
    (good / "g.txt").write_bytes(RUSSIAN.encode("cp1251"))
    write_warc(good / "h.warc.gz", [("https://example.org/1", HTML.encode(), "text/html")], gzip=True)
    bad = root / "bad"
    bad.mkdir()
    (bad / "empty.txt").write_bytes(b"")
    (bad / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    (bad / "page.rss").write_text(HTML)
    (bad / "noise.rss").write_bytes(bytes(range(256)) * 4)
    (bad / "nocolumn.csv").write_text("a,b\n1,2\n")
    (bad / "header-only.csv").write_text("title,text\n")
    (bad / "broken.json").write_text('[{"text": "unterminated')
    (bad / "big.txt").write_text("word " * 2000)
    (bad / "cut.txt.gz").write_bytes(gzip.compress(ARTICLE.encode() * 40)[:50])
    (bad / "nothing.urls").write_text("# no URLs yet\n")
    return root


def test_every_good_document_read_and_every_bad_input_named(tmp_path):
    root = _mixed_folder(tmp_path)
    docs, failures = read([root, tmp_path / "missing.html"], max_bytes=8000)
    assert len(docs) == 10
    assert {d.format for d in docs} == {"text", "html", "feed", "json", "csv", "warc"}
    assert RUSSIAN in [d.text for d in docs]
    why = reasons(failures)
    assert why == {
        "c.rss#2": "[E002] feed entry 2 has no content or summary",
        "e.jsonl#2": why["e.jsonl#2"],
        "empty.txt": "[E002] the input is empty",
        "image.txt": "[E003] binary content (a PNG image), not text or a known document format",
        "page.rss": "[E008] is an HTML page, not an RSS/Atom feed",
        "noise.rss": "[E003] binary content (binary data), not an RSS/Atom feed",
        "nocolumn.csv": "[E005] no text column: expected one of text, maintext, body, content, article; found a, b",
        "header-only.csv": "[E002] the CSV has a header but no rows",
        "broken.json": why["broken.json"],
        "big.txt": "[E004] 10,000 bytes is over the limit of 8,000 (ingest.max_bytes)",
        "cut.txt.gz": why["cut.txt.gz"],
        "nothing.urls": "[E002] the file lists no URLs",
        "missing.html": "[E001] cannot open: No such file or directory",
    }
    assert why["e.jsonl#2"].startswith("[E005] line 2 is not valid JSON")
    assert why["broken.json"].startswith("[E005] not valid JSON")
    assert why["cut.txt.gz"].startswith("[E005] gzip data is truncated or corrupt")
    for failure in failures:                       # the path names the input (and the record within it)
        assert failure.path.startswith(str(tmp_path)) and "\n" not in failure.reason
        assert failure.reason.startswith("[E0")


def test_globs_pick_their_files_and_a_directory_keeps_going(tmp_path):
    root = _mixed_folder(tmp_path)
    docs, failures = read([root / "good" / "*.txt", root / "**" / "*.csv"])
    assert [d.path.rsplit("/", 1)[-1] for d in docs] == ["a.txt", "g.txt", "f.csv#2"]
    assert sorted(reasons(failures)) == ["header-only.csv", "nocolumn.csv"]


def test_stdin_cp1251_latin1_and_binary(monkeypatch):
    def stdin(data: bytes) -> None:
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))

    stdin(RUSSIAN.encode("cp1251"))
    [doc], _ = read(["-"])
    assert doc.text == RUSSIAN and doc.extra["encoding"] == "cp1251"
    french = "Le ministre a déclaré lundi que les négociations se poursuivront à Genève la semaine prochaine."
    stdin(french.encode("latin-1"))
    [doc], _ = read(["-"])
    assert doc.text == french
    stdin(b"%PDF-1.7\n" + bytes(range(256)))
    _, [failure] = read(["-"])
    assert (failure.path, failure.reason) == ("-", "[E003] binary content (a PDF document), not text or a known "
                                                   "document format")


def test_record_failures_name_the_record(tmp_path):
    (tmp_path / "list.json").write_text(json.dumps([{"text": ARTICLE}, "a string", {"title": "no text"}]))
    (tmp_path / "rows.tsv").write_text(f"title\ttext\nA\t{ARTICLE}\nB\t\n")
    docs, failures = read([tmp_path])
    assert [d.path.rsplit("/", 1)[-1] for d in docs] == ["list.json#0", "rows.tsv#2"]
    why = reasons(failures)
    assert why["list.json#1"] == "[E005] expected an object with a text field, got str"
    assert why["list.json#2"].startswith("[E002] no text in any of the fields maintext, text")
    assert why["rows.tsv#3"].startswith("[E002] no text in any of the fields")
