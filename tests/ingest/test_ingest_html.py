"""HTML pages: trafilatura's main text, JSON-LD and meta dates (published and modified kept apart)."""

from __future__ import annotations

from tests.ingest.ingest_samples import ARTICLE, HTML, SECOND, read, reasons


def test_jsonld_news_article(tmp_path):
    (tmp_path / "page.html").write_text(HTML)
    [doc], failures = read([tmp_path / "page.html"])
    assert not failures and doc.format == "html"
    assert doc.title == "Council closes old bridge"
    assert doc.date_published == "2024-03-05T09:30:00+01:00"      # as written: time and offset kept
    assert doc.date_modified == "2024-03-06T12:00:00+01:00"
    assert doc.source == "Example Daily" and doc.authors == ["Ana Ruiz", "Li Wei"]
    assert doc.url == "https://example.org/news/bridge" and doc.language == "en"
    assert ARTICLE in doc.text and SECOND in doc.text
    assert "Sport" not in doc.text and "All rights reserved" not in doc.text


def test_graph_with_webpage_and_article_prefers_the_article(tmp_path):
    ld = ('{"@context":"https://schema.org","@graph":[{"@type":"WebPage","name":"Page name",'
          '"datePublished":"2020-01-01"},{"@type":["ReportageNewsArticle"],"headline":"Real headline",'
          '"datePublished":"2024-05-01T08:00:00Z","author":"Bo Chen","publisher":"Graph Times"}]}')
    page = HTML.split("<script")[0] + f'<script type="application/ld+json">{ld}</script></head>' + HTML.split("</head>")[1]
    (tmp_path / "graph.htm").write_text(page)
    [doc], _ = read([tmp_path / "graph.htm"])
    assert (doc.title, doc.date_published, doc.authors, doc.source) == (
        "Real headline", "2024-05-01T08:00:00Z", ["Bo Chen"], "Graph Times")
    assert doc.date_modified is None


def test_open_graph_meta_dates_without_jsonld(tmp_path):
    page = (f'<html><head><title>Bridge</title><meta property="og:site_name" content="Meta News">'
            f'<meta property="article:published_time" content="2024-03-05T09:30:00Z">'
            f'<meta property="article:modified_time" content="2024-03-09T10:00:00Z">'
            f'<meta name="author" content="Ana Ruiz"></head><body><article><p>{ARTICLE}</p><p>{SECOND}</p>'
            f'</article></body></html>')
    (tmp_path / "meta.html").write_text(page)
    [doc], _ = read([tmp_path / "meta.html"])
    assert doc.date_published == "2024-03-05T09:30:00Z" and doc.date_modified == "2024-03-09T10:00:00Z"
    assert doc.source == "Meta News" and doc.authors == ["Ana Ruiz"] and ARTICLE in doc.text


def test_htmldate_finds_dates_when_the_page_has_no_structured_ones(tmp_path):
    page = (f"<html><head><title>Bridge</title></head><body><article><p>Published 5 March 2024</p><p>{ARTICLE}</p>"
            f"<p>{SECOND}</p></article></body></html>")
    (tmp_path / "plain.html").write_text(page)
    [doc], _ = read([tmp_path / "plain.html"])
    assert doc.date_published == "2024-03-05" and doc.date_modified is None


def test_legacy_charset_from_meta_and_xhtml_declaration(tmp_path):
    russian = "Министр иностранных дел заявил в понедельник, что переговоры продолжатся на следующей неделе."
    page = (f'<html><head><meta charset="windows-1251"><title>Новости</title></head><body><article><p>{russian}</p>'
            f"<p>{russian}</p></article></body></html>")
    (tmp_path / "ru.html").write_bytes(page.encode("cp1251"))
    xhtml = (f'<?xml version="1.0" encoding="utf-8"?><html xmlns="http://www.w3.org/1999/xhtml"><head><title>X</title>'
             f"</head><body><article><p>{ARTICLE}</p><p>{SECOND}</p></article></body></html>")
    (tmp_path / "page.xhtml").write_text(xhtml)
    docs, failures = read([tmp_path / "ru.html", tmp_path / "page.xhtml"])
    assert not failures
    assert russian in docs[0].text and docs[0].extra["encoding"] == "cp1251"
    assert ARTICLE in docs[1].text


def test_truncated_page_keeps_its_text_and_an_empty_page_fails(tmp_path):
    (tmp_path / "cut.html").write_text(HTML[:HTML.index(SECOND) + 30])
    (tmp_path / "nothing.html").write_text("<html><head><title>T</title><script>var x = 1;</script></head>"
                                           "<body><div><img src='a.png'></div><script>render()</script></body></html>")
    docs, failures = read([tmp_path])
    assert [d.path.rsplit("/", 1)[-1] for d in docs] == ["cut.html"]
    assert ARTICLE in docs[0].text and docs[0].title == "Council closes old bridge"
    assert reasons(failures)["nothing.html"] == "[E002] no article text found in the HTML page"


def test_html_sniffed_in_a_text_file(tmp_path):
    (tmp_path / "saved.txt").write_text(HTML)
    [doc], _ = read([tmp_path / "saved.txt"])
    assert doc.format == "html" and doc.title == "Council closes old bridge" and "<p>" not in doc.text


def test_a_copyright_year_is_not_a_publication_date(tmp_path):
    # htmldate's last resorts turn "© 2023" into 2023-01-01 and "March 2024" into 2024-03-01: invented days.
    page = (f"<html><head><title>Bridge</title></head><body><nav><a href='/'>Home</a></nav><article><p>{ARTICLE}</p>"
            f"<p>{SECOND}</p></article><footer>© 2023 Example Daily. All rights reserved.</footer></body></html>")
    (tmp_path / "copyright.html").write_text(page)
    (tmp_path / "month.html").write_text(page.replace("© 2023 Example Daily.", "Archive: March 2024."))
    for doc in read([tmp_path])[0]:
        assert doc.date_published is None and doc.date_modified is None, doc.path
    # A 1st of the month the page's markup gives is kept.
    dated = page.replace("<article>", '<article><time datetime="2024-03-01">1 March 2024</time>')
    (tmp_path / "first.html").write_text(dated)
    [doc], _ = read([tmp_path / "first.html"])
    assert doc.date_published == "2024-03-01"
