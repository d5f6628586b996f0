"""RSS 2.0 and Atom feeds through feedparser: one document per entry, raw dates kept apart."""

from __future__ import annotations

from tests.ingest.ingest_samples import ARTICLE, ATOM, HTML, RSS, SECOND, read, reasons


def test_rss_entries(tmp_path):
    (tmp_path / "f.rss").write_text(RSS)
    docs, failures = read([tmp_path / "f.rss"])
    bridge, ferry = docs
    assert bridge.text == f"{ARTICLE}\n{SECOND}"                  # content:encoded preferred over the summary
    assert (bridge.title, bridge.url, bridge.source, bridge.authors, bridge.language, bridge.format) == (
        "Bridge", "https://example.org/bridge", "Example Wire", ["Ana Ruiz"], "en-gb", "feed")
    # The raw string: the local day (5 March) stays; a conversion to UTC would say 6 March.
    assert bridge.date_published == "Tue, 05 Mar 2024 23:30:00 -0500" and bridge.date_modified is None
    assert ferry.text == "Ferry service starts Monday." and ferry.source == "Agency Example"
    assert ferry.extra["feed_title"] == "Example Wire" and bridge.path.endswith("f.rss#0")
    assert [f.reason for f in failures] == ["[E002] feed entry 2 has no content or summary"]


def test_atom_published_and_updated_apart(tmp_path):
    (tmp_path / "g.atom").write_text(ATOM)
    [doc], failures = read([tmp_path / "g.atom"])
    assert not failures and doc.text == ARTICLE and doc.authors == ["Ana Ruiz"]
    assert doc.date_published == "2024-03-05T09:30:00Z" and doc.date_modified == "2024-03-07T10:00:00Z"
    updated_only = ATOM.replace("<published>2024-03-05T09:30:00Z</published>", "")
    (tmp_path / "h.atom").write_text(updated_only)
    [doc], _ = read([tmp_path / "h.atom"])
    assert doc.date_published is None and doc.date_modified == "2024-03-07T10:00:00Z"


def test_feed_sniffed_in_xml_and_unnamed_files(tmp_path):
    (tmp_path / "news.xml").write_text(ATOM)
    (tmp_path / "feed").write_text(RSS)
    docs, _ = read([tmp_path / "news.xml", tmp_path / "feed"])
    assert [d.format for d in docs] == ["feed", "feed", "feed"]


def test_html_posing_as_a_feed_and_a_truncated_feed(tmp_path):
    (tmp_path / "fake.rss").write_text(HTML)
    (tmp_path / "cut.rss").write_text(RSS[:RSS.index("<item><title>Ferry")] + "<item><title>Fer")
    (tmp_path / "other.xml").write_text('<?xml version="1.0"?><urlset><url><loc>https://e.org/</loc></url></urlset>')
    docs, failures = read([tmp_path])
    why = reasons(failures)
    assert why["fake.rss"] == "[E008] is an HTML page, not an RSS/Atom feed"
    assert why["other.xml"] == "[E008] XML that is neither an RSS/Atom feed nor an HTML page"
    assert [d.title for d in docs] == ["Bridge"]                  # what came before the cut
    assert why["cut.rss"].startswith("[E005] the feed is truncated")
