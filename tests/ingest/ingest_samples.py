"""Sample inputs shared by the ingest tests (written to real files by each test), and a reading helper."""

from __future__ import annotations

import io
from pathlib import Path

from storyline.config import IngestConfig
from storyline.ingest import read_inputs
from storyline.models import Failure, RawDocument

ARTICLE = ("The city council voted on Tuesday to close the old bridge for repairs. Engineers found cracks in two "
           "supports, the mayor said, and work is expected to take six months.")
SECOND = "Residents will use a ferry in the meantime, officials added in a statement on Wednesday."

HTML = f"""<!doctype html><html lang="en"><head><title>Bridge closes | Example Daily</title>
<meta property="og:site_name" content="Example Daily">
<link rel="canonical" href="https://example.org/news/bridge">
<script type="application/ld+json">{{"@context":"https://schema.org","@type":"NewsArticle",
"headline":"Council closes old bridge","datePublished":"2024-03-05T09:30:00+01:00",
"dateModified":"2024-03-06T12:00:00+01:00","author":[{{"@type":"Person","name":"Ana Ruiz"}},
{{"@type":"Person","name":"Li Wei"}}],"publisher":{{"@type":"Organization","name":"Example Daily"}}}}</script></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>
<article><h1>Council closes old bridge</h1><p>{ARTICLE}</p><p>{SECOND}</p></article>
<footer>Copyright Example Daily. All rights reserved.</footer></body></html>"""

RSS = f"""<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>Example Wire</title><language>en-gb</language>
<item><title>Bridge</title><link>https://example.org/bridge</link><pubDate>Tue, 05 Mar 2024 23:30:00 -0500</pubDate>
<dc:creator>Ana Ruiz</dc:creator><description>Short summary.</description>
<content:encoded><![CDATA[<p>{ARTICLE}</p><p>{SECOND}</p>]]></content:encoded></item>
<item><title>Ferry</title><link>https://example.org/ferry</link><description>Ferry service starts Monday.</description>
<source url="https://agency.example/rss">Agency Example</source></item>
<item><title>Headline only</title><link>https://example.org/empty</link></item>
</channel></rss>"""

ATOM = f"""<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Example Atom</title>
<entry><title>Bridge</title><link href="https://example.org/a"/><published>2024-03-05T09:30:00Z</published>
<updated>2024-03-07T10:00:00Z</updated><author><name>Ana Ruiz</name></author>
<summary>Summary only.</summary><content type="html">&lt;p&gt;{ARTICLE}&lt;/p&gt;</content></entry></feed>"""


def read(inputs: list, **config: object) -> tuple[list[RawDocument], list[Failure]]:
    items = list(read_inputs([str(i) for i in inputs], IngestConfig(**config)))  # type: ignore[arg-type]
    return [i for i in items if isinstance(i, RawDocument)], [i for i in items if isinstance(i, Failure)]


def reasons(failures: list[Failure]) -> dict[str, str]:
    """Failure reasons by the last part of their path ("bad.csv", "feed.jsonl#2")."""
    return {Path(f.path).name if "://" not in f.path else f.path: f.reason for f in failures}


def write_warc(path: Path, records: list[tuple[str, bytes, str]], *, gzip: bool, status: str = "200 OK") -> None:
    """A real WARC file of response records (url, payload, content type), written by warcio."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=gzip)
        for url, payload, content_type in records:
            headers = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(payload),
                                                          http_headers=headers))
