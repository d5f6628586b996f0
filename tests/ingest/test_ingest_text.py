"""Plain text and Markdown files: encodings, front matter, and the bad inputs a text reader meets."""

from __future__ import annotations

import gzip

from tests.ingest.ingest_samples import ARTICLE, read, reasons

RUSSIAN = "Министр иностранных дел заявил в понедельник, что переговоры продолжатся в Женеве на следующей неделе."
FRENCH = "Le ministre a déclaré lundi que les négociations se poursuivront à Genève la semaine prochaine."


def test_plain_text_markdown_and_no_extension(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE)
    (tmp_path / "b.md").write_text("# Bridge closes\n\n" + ARTICLE)
    (tmp_path / "c").write_text(ARTICLE)
    docs, failures = read([tmp_path])
    assert not failures
    assert [(d.format, d.text) for d in docs] == [("text", ARTICLE), ("markdown", "# Bridge closes\n\n" + ARTICLE),
                                                   ("text", ARTICLE)]
    assert docs[1].title == "Bridge closes" and docs[0].title is None


def test_markdown_front_matter_gives_metadata(tmp_path):
    (tmp_path / "post.md").write_text('---\ntitle: "Bridge closes"\ndate: 2024-03-05T09:30:00+01:00\n'
                                      "lastmod: 2024-03-06\nauthors: [Ana Ruiz, Li Wei]\n---\n" + ARTICLE)
    [doc], _ = read([tmp_path / "post.md"])
    assert doc.text == ARTICLE and doc.title == "Bridge closes" and doc.authors == ["Ana Ruiz", "Li Wei"]
    assert doc.date_published == "2024-03-05T09:30:00+01:00" and doc.date_modified == "2024-03-06"


def test_utf8_bom_is_stripped_and_mojibake_left_alone(tmp_path):
    mojibake = "The minister said it was â€œa new chapterâ€\x9d."   # repaired later by the cleaning stage
    (tmp_path / "bom.txt").write_bytes(b"\xef\xbb\xbf" + mojibake.encode("utf-8"))
    [doc], failures = read([tmp_path / "bom.txt"])
    assert not failures and doc.text == mojibake and "encoding" not in doc.extra


def test_cp1251_and_latin1_are_detected(tmp_path):
    (tmp_path / "ru.txt").write_bytes(RUSSIAN.encode("cp1251"))
    (tmp_path / "fr.txt").write_bytes(FRENCH.encode("latin-1"))
    (tmp_path / "short.txt").write_bytes("Café Ñandú, señor Müller.".encode("latin-1"))
    docs, failures = read([tmp_path / "ru.txt", tmp_path / "fr.txt", tmp_path / "short.txt"])
    assert not failures
    assert [d.text for d in docs] == [RUSSIAN, FRENCH, "Café Ñandú, señor Müller."]
    assert docs[0].extra["encoding"] == "cp1251"


def test_gzip_compressed_text(tmp_path):
    (tmp_path / "a.txt.gz").write_bytes(gzip.compress(ARTICLE.encode()))
    (tmp_path / "cut.txt.gz").write_bytes(gzip.compress(ARTICLE.encode() * 50)[:60])
    docs, failures = read([tmp_path])
    assert [d.text for d in docs] == [ARTICLE]
    assert "gzip data is truncated or corrupt" in reasons(failures)["cut.txt.gz"]


def test_empty_binary_and_too_large_each_one_line(tmp_path):
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "blank.md").write_text("  \n\n \t\n")
    (tmp_path / "nul.txt").write_bytes(b"some text\x00\x00\x01\x02 more" * 20)
    (tmp_path / "noise.bin").write_bytes(bytes(range(256)) * 10)
    (tmp_path / "doc.pdf").write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 4)
    (tmp_path / "big.txt").write_text("word " * 1000)
    (tmp_path / "good.txt").write_text(ARTICLE)
    docs, failures = read([tmp_path, tmp_path / "missing.txt"], max_bytes=4000)
    why = reasons(failures)
    assert why["empty.txt"].startswith("[E002]") and why["blank.md"].startswith("[E002]")
    assert why["nul.txt"].startswith("[E003] binary content") and why["noise.bin"].startswith("[E003]")
    assert "a PDF document" in why["doc.pdf"]
    assert why["big.txt"] == "[E004] 5,000 bytes is over the limit of 4,000 (ingest.max_bytes)"
    assert why["missing.txt"].startswith("[E001] cannot open")
    assert [d.path for d in docs] == [str(tmp_path / "good.txt")]
    assert all("\n" not in r for r in why.values())
