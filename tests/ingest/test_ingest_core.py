"""Every input format on real files made here, and the bad inputs of issue 2, each one failure line."""

from __future__ import annotations

import gzip
import io
import json
import sys
from pathlib import Path

from storyline.config import IngestConfig
from storyline.ingest import read_inputs
from storyline.models import Failure, RawDocument

ARTICLE = ("The city council voted on Tuesday to close the old bridge for repairs. Engineers found cracks in two "
           "supports, the mayor said, and work is expected to take six months.")

HTML = f"""<!doctype html><html><head><title>Bridge closes | Example Daily</title>
<meta property="og:site_name" content="Example Daily">
<script type="application/ld+json">{{"@context":"https://schema.org","@type":"NewsArticle",
"headline":"Council closes old bridge","datePublished":"2024-03-05T09:30:00+01:00",
"dateModified":"2024-03-06T12:00:00+01:00","author":[{{"@type":"Person","name":"Ana Ruiz"}}],
"publisher":{{"@type":"Organization","name":"Example Daily"}}}}</script></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Council closes old bridge</h1><p>{ARTICLE}</p>
<p>Residents will use a ferry in the meantime, officials added in a statement on Wednesday.</p></article>
<footer>Copyright Example Daily</footer></body></html>"""


def read(paths, **cfg):
    items = list(read_inputs([str(p) for p in paths], IngestConfig(**cfg)))
    return [i for i in items if isinstance(i, RawDocument)], [i for i in items if isinstance(i, Failure)]


def test_plain_text_and_markdown(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE)
    (tmp_path / "b.md").write_text("# Heading\n\n" + ARTICLE)
    docs, failures = read([tmp_path])
    assert not failures and [d.format for d in docs] == ["text", "markdown"]
    assert docs[0].text == ARTICLE


def test_html_with_jsonld_keeps_published_and_modified_apart(tmp_path):
    (tmp_path / "page.html").write_text(HTML)
    [doc], failures = read([tmp_path / "page.html"])
    assert not failures
    assert doc.title == "Council closes old bridge"
    assert doc.date_published.startswith("2024-03-05") and doc.date_modified.startswith("2024-03-06")
    assert doc.source == "Example Daily" and doc.authors == ["Ana Ruiz"]
    assert "cracks in two supports" in doc.text and "Home" not in doc.text


def test_json_lines_with_text_alias_and_a_broken_line(tmp_path):
    path = tmp_path / "feed.jsonl"
    path.write_text("\n".join([
        json.dumps({"title": "One", "maintext": ARTICLE, "date_publish": "2024-01-02 10:00:00",
                    "date_modify": "2024-01-03", "url": "https://ex.org/1", "source_domain": "ex.org", "language": "en"}),
        "{not json",
        json.dumps({"title": "Two", "text": "Second story text here, long enough."}),
    ]))
    docs, failures = read([path])
    assert [d.title for d in docs] == ["One", "Two"]
    assert docs[0].date_published == "2024-01-02 10:00:00" and docs[0].date_modified == "2024-01-03"
    assert docs[0].source == "ex.org" and docs[0].language == "en" and docs[0].path.endswith("#1")
    assert len(failures) == 1 and failures[0].path.endswith("feed.jsonl#2") and "not valid JSON" in failures[0].reason


def test_json_list_and_csv(tmp_path):
    (tmp_path / "list.json").write_text(json.dumps([{"title": "A", "maintext": ARTICLE}, {"title": "B", "body": "Body text."}]))
    (tmp_path / "rows.csv").write_text(f'title,Text,date_publish\nFirst,"{ARTICLE}",2024-05-01\nSecond,"Other text.",\n')
    (tmp_path / "bad.csv").write_text("a,b\n1,2\n")
    docs, failures = read([tmp_path])
    assert sorted(d.title for d in docs) == ["A", "B", "First", "Second"]
    assert next(d for d in docs if d.title == "First").date_published == "2024-05-01"
    assert len(failures) == 1 and "bad.csv" in failures[0].path and "no text column" in failures[0].reason


def _warc(path: Path, pages: list[tuple[str, str]], compress: bool) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter
    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=compress)
        for url, html in pages:
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            record = writer.create_warc_record(url, "response", payload=io.BytesIO(html.encode()), http_headers=headers)
            writer.write_record(record)


def test_warc_plain_gzip_and_truncated(tmp_path):
    pages = [(f"https://ex.org/{i}", HTML.replace("Council closes", f"Council {i} closes")) for i in range(3)]
    _warc(tmp_path / "a.warc", pages, compress=False)
    _warc(tmp_path / "b.warc.gz", pages, compress=True)
    docs, failures = read([tmp_path / "a.warc", tmp_path / "b.warc.gz"])
    assert not failures and len(docs) == 6
    assert docs[0].url == "https://ex.org/0" and docs[0].extra["crawl_date"]
    assert docs[0].date_published.startswith("2024-03-05")  # from the page, never the crawl time
    data = (tmp_path / "b.warc.gz").read_bytes()
    (tmp_path / "cut.warc.gz").write_bytes(data[: int(len(data) * 0.6)])
    docs, failures = read([tmp_path / "cut.warc.gz"])
    assert 1 <= len(docs) < 3 and len(failures) == 1 and "truncated or corrupt" in failures[0].reason


RSS = f"""<?xml version="1.0"?><rss version="2.0"><channel><title>Example Wire</title>
<item><title>Bridge</title><link>https://ex.org/bridge</link><pubDate>Tue, 05 Mar 2024 09:30:00 GMT</pubDate>
<description>Short summary.</description><content:encoded xmlns:content="http://purl.org/rss/1.0/modules/content/"><![CDATA[<p>{ARTICLE}</p>]]></content:encoded></item>
<item><title>Ferry</title><link>https://ex.org/ferry</link><description>Ferry service starts Monday.</description></item>
</channel></rss>"""
ATOM = f"""<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Example Atom</title>
<entry><title>Bridge</title><link href="https://ex.org/a"/><published>2024-03-05T09:30:00Z</published>
<updated>2024-03-07T10:00:00Z</updated><author><name>Ana Ruiz</name></author>
<content type="html">&lt;p&gt;{ARTICLE}&lt;/p&gt;</content></entry></feed>"""


def test_rss_and_atom(tmp_path):
    (tmp_path / "f.rss").write_text(RSS)
    (tmp_path / "g.atom").write_text(ATOM)
    docs, failures = read([tmp_path])
    assert not failures and len(docs) == 3
    bridge, ferry, atom = docs
    assert bridge.text == ARTICLE and bridge.source == "Example Wire" and bridge.url == "https://ex.org/bridge"
    assert bridge.date_published.startswith("2024-03-05") and ferry.text == "Ferry service starts Monday."
    assert atom.date_published.startswith("2024-03-05") and atom.date_modified.startswith("2024-03-07")
    assert atom.authors == ["Ana Ruiz"]


def test_legacy_encodings(tmp_path):
    (tmp_path / "ru.txt").write_bytes("Министр иностранных дел заявил в понедельник, что переговоры продолжатся.".encode("cp1251"))
    (tmp_path / "fr.txt").write_bytes("Le ministre a déclaré lundi que les négociations se poursuivront à Genève.".encode("latin-1"))
    docs, failures = read([tmp_path])
    assert not failures
    assert docs[0].text.startswith("Le ministre a déclaré") and "переговоры" in docs[1].text


def test_bad_inputs_each_one_clear_line(tmp_path):
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "binary.bin").write_bytes(bytes(range(256)) * 10)
    (tmp_path / "fake.rss").write_text("<!doctype html><html><body><p>Not a feed</p></body></html>")
    (tmp_path / "big.txt").write_text("word " * 1000)
    (tmp_path / "trunc.html").write_text(HTML[:HTML.index("Engineers")])
    (tmp_path / "broken.gz").write_bytes(gzip.compress(b"text")[:10])
    (tmp_path / "good.txt").write_text(ARTICLE)
    docs, failures = read([tmp_path, tmp_path / "missing.txt"], max_bytes=4000)
    reasons = {Path(f.path).name: f.reason for f in failures}
    assert "empty" in reasons["empty.txt"]
    assert "binary" in reasons["binary.bin"]
    assert "is an HTML page, not an RSS/Atom feed" in reasons["fake.rss"]
    assert "over the limit" in reasons["big.txt"]
    assert "gzip" in reasons["broken.gz"]
    assert "cannot open" in reasons["missing.txt"]
    names = sorted(Path(d.path).name for d in docs)
    assert names == ["good.txt", "trunc.html"]     # a truncated page still gives its text
    assert all("\n" not in r for r in reasons.values())


def test_globs_and_stdin(tmp_path, monkeypatch):
    for name in ("a.txt", "b.txt", "c.md"):
        (tmp_path / name).write_text(ARTICLE)
    docs, _ = read([str(tmp_path / "*.txt")])
    assert sorted(Path(d.path).name for d in docs) == ["a.txt", "b.txt"]
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(ARTICLE.encode())))
    [doc], _ = read(["-"])
    assert doc.path == "-" and doc.text == ARTICLE
