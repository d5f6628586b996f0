"""WARC and WARC.gz archives written with warcio: HTML responses become documents, the crawl date is
never the publication date, and a cut archive gives what it holds and then one Failure."""

from __future__ import annotations

from tests.ingest.ingest_samples import ARTICLE, HTML, SECOND, read, reasons, write_warc

PAGES = [(f"https://example.org/{i}", HTML.replace("Council closes", f"Council {i} closes").encode(),
          "text/html; charset=utf-8") for i in range(3)]


def test_warc_and_warc_gz(tmp_path):
    extra = [("https://example.org/logo.png", b"\x89PNG....", "image/png"),
             ("https://example.org/app.js", b"var x = 1;", "application/javascript")]
    write_warc(tmp_path / "a.warc", PAGES + extra, gzip=False)
    write_warc(tmp_path / "b.warc.gz", PAGES, gzip=True)
    docs, failures = read([tmp_path / "a.warc", tmp_path / "b.warc.gz"])
    assert not failures and len(docs) == 6
    first = docs[0]
    assert first.url == "https://example.org/0" and first.path == f"{tmp_path / 'a.warc'}#https://example.org/0"
    assert first.title == "Council 0 closes old bridge" and first.format == "warc"
    assert first.date_published == "2024-03-05T09:30:00+01:00"       # from the page ...
    assert first.extra["crawl_date"].startswith("20") and first.extra["crawl_date"] != first.date_published
    assert first.extra["canonical_url"] == "https://example.org/news/bridge"


def test_charset_from_http_header_and_error_responses_skipped(tmp_path):
    russian = "Министр иностранных дел заявил в понедельник, что переговоры продолжатся на следующей неделе."
    page = f"<html><head><title>Т</title></head><body><article><p>{russian}</p><p>{russian}</p></article></body></html>"
    write_warc(tmp_path / "ru.warc", [("https://example.org/ru", page.encode("cp1251"), "text/html; charset=windows-1251")],
               gzip=False)
    write_warc(tmp_path / "404.warc", PAGES[:1], gzip=False, status="404 Not Found")
    docs, failures = read([tmp_path / "ru.warc", tmp_path / "404.warc"])
    assert russian in docs[0].text and len(docs) == 1
    assert reasons(failures)["404.warc"] == "[E002] no HTML or feed responses in the WARC archive"


def test_truncated_warc_and_warc_gz(tmp_path):
    write_warc(tmp_path / "full.warc", PAGES, gzip=False)
    write_warc(tmp_path / "full.warc.gz", PAGES, gzip=True)
    data = (tmp_path / "full.warc").read_bytes()
    (tmp_path / "cut-full.warc").write_bytes(data[:-250])                   # inside the last page
    data = (tmp_path / "full.warc.gz").read_bytes()
    (tmp_path / "cut-full.warc.gz").write_bytes(data[: int(len(data) * 0.75)])
    docs, failures = read([tmp_path / "cut-full.warc", tmp_path / "cut-full.warc.gz"])
    assert [d.path.rsplit("#", 1)[-1] for d in docs] == [
        "https://example.org/0", "https://example.org/1", "https://example.org/2",   # the last one in part
        "https://example.org/0", "https://example.org/1"]
    why = reasons(failures)
    assert why["cut-full.warc"].startswith("[E005] WARC archive is truncated or corrupt after 3 document(s): "
                                         "record https://example.org/2 ends 246 bytes short")
    assert why["cut-full.warc.gz"] == ("[E005] WARC archive is truncated or corrupt after 2 document(s): "
                                       "the last gzip member is incomplete")


def test_not_a_warc(tmp_path):
    (tmp_path / "fake.warc").write_text("hello, this is not an archive\n")
    _, failures = read([tmp_path / "fake.warc"])
    assert failures[0].reason == "[E008] not a WARC archive: it does not start with a WARC/1.x header"


def test_crawl_date_is_never_the_publication_date(tmp_path):
    # A page with no date of its own: WARC-Date goes to extra["crawl_date"] and nowhere else.
    page = (f"<html><head><title>Bridge</title></head><body><article><p>{ARTICLE}</p><p>{SECOND}</p></article>"
            "</body></html>")
    write_warc(tmp_path / "nodate.warc.gz", [("https://example.org/news/bridge", page.encode(), "text/html")], gzip=True)
    [doc], failures = read([tmp_path / "nodate.warc.gz"])
    assert not failures and doc.format == "warc" and ARTICLE in doc.text
    assert doc.date_published is None and doc.date_modified is None
    assert doc.extra["crawl_date"][:2] == "20" and doc.extra["crawl_date"].endswith("Z")
