"""Reading speed of storyline.ingest alone, per input format, on articles recombined from ../shared/data.

    python benchmarks/ingest_formats.py [--data ../shared/data] [--docs 10000] [--pages 2000] [--runs 3]

Writes, in a temporary folder: `docs` .txt files, one JSON Lines file and one CSV file of `docs`
records, `pages` HTML pages (JSON-LD, navigation, footer around the article) as files and as one
WARC.gz, and RSS feeds of 100 entries each holding `pages` entries in all. Times `read_inputs` over
each (documents consumed and dropped, as a streaming caller would) and prints documents per second,
median of runs; then the peak Python memory while streaming the JSON Lines file (tracemalloc).
"""

from __future__ import annotations

import argparse
import csv
import html
import io
import json
import platform
import statistics
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus_synth import synth_articles  # noqa: E402

from storyline.config import IngestConfig  # noqa: E402
from storyline.ingest import read_inputs  # noqa: E402
from storyline.models import Failure  # noqa: E402


def page(i: int, text: str) -> str:
    paragraphs = "".join(f"<p>{html.escape(p)}</p>" for p in text.split("\n") if p.strip())
    ld = json.dumps({"@context": "https://schema.org", "@type": "NewsArticle", "headline": f"Story {i}",
                     "datePublished": f"2024-03-{i % 28 + 1:02d}T09:30:00Z", "author": {"name": "Staff"},
                     "publisher": {"name": f"Site {i % 40}"}})
    nav = " ".join(f'<a href="/s{k}">Section {k}</a>' for k in range(30))
    return (f'<!doctype html><html lang="en"><head><title>Story {i}</title><script type="application/ld+json">{ld}'
            f"</script></head><body><nav>{nav}</nav><article><h1>Story {i}</h1>{paragraphs}</article>"
            f"<footer><p>Copyright Site {i % 40}</p></footer></body></html>")


def build(root: Path, articles: list[str], pages: int) -> dict[str, list[str]]:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    (root / "txt").mkdir()
    for i, text in enumerate(articles):
        (root / "txt" / f"{i:06d}.txt").write_text(text, encoding="utf-8")
    with open(root / "all.jsonl", "w", encoding="utf-8") as fh:
        for i, text in enumerate(articles):
            fh.write(json.dumps({"title": f"doc {i}", "maintext": text, "date_publish": "2024-03-05 10:00:00",
                                 "source_domain": f"site{i % 40}.example"}) + "\n")
    with open(root / "all.csv", "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["title", "text", "date_publish"])
        writer.writerows([f"doc {i}", text, "2024-03-05"] for i, text in enumerate(articles))
    (root / "html").mkdir()
    with open(root / "pages.warc.gz", "wb") as fh:
        warc = WARCWriter(fh, gzip=True)
        for i, text in enumerate(articles[:pages]):
            body = page(i, text)
            (root / "html" / f"{i:06d}.html").write_text(body, encoding="utf-8")
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            warc.write_record(warc.create_warc_record(f"https://site.example/{i}", "response",
                                                      payload=io.BytesIO(body.encode()), http_headers=headers))
    (root / "rss").mkdir()
    for f in range(0, pages, 100):
        items = "".join(f"<item><title>Story {i}</title><link>https://site.example/{i}</link>"
                        f"<pubDate>Tue, 05 Mar 2024 09:30:00 GMT</pubDate><description>{html.escape(text)}</description>"
                        f"</item>" for i, text in enumerate(articles[f:f + 100], start=f))
        (root / "rss" / f"{f:06d}.rss").write_text(f'<?xml version="1.0"?><rss version="2.0"><channel><title>Feed'
                                                   f"</title>{items}</channel></rss>", encoding="utf-8")
    return {"text files": [str(root / "txt")], "JSON Lines": [str(root / "all.jsonl")],
            "CSV": [str(root / "all.csv")], "HTML files": [str(root / "html")],
            "WARC.gz": [str(root / "pages.warc.gz")], "RSS feeds": [str(root / "rss")]}


def consume(inputs: list[str], config: IngestConfig) -> tuple[int, int]:
    docs = failures = 0
    for record in read_inputs(inputs, config):
        if isinstance(record, Failure):
            failures += 1
        else:
            docs += 1
    return docs, failures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=str(Path(__file__).resolve().parents[1].parent / "shared" / "data"))
    parser.add_argument("--docs", type=int, default=10_000)
    parser.add_argument("--pages", type=int, default=2_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    config = IngestConfig()
    articles = synth_articles(Path(args.data), args.docs)
    print(f"machine: {platform.machine()}, {platform.python_implementation()} {platform.python_version()}, one process")
    with tempfile.TemporaryDirectory() as tmp:
        corpora = build(Path(tmp), articles, args.pages)
        consume(corpora["HTML files"][:1], config)          # imports (trafilatura, htmldate) outside the timings
        print("| input | documents | failures | median of runs | documents/s |")
        print("|---|---|---|---|---|")
        for name, inputs in corpora.items():
            timings = []
            for _ in range(args.runs):
                start = time.perf_counter()
                docs, failures = consume(inputs, config)
                timings.append(time.perf_counter() - start)
            median = statistics.median(timings)
            print(f"| {name} | {docs:,} | {failures} | {median:.2f} s | {docs / median:,.0f} |")
        tracemalloc.start()
        consume(corpora["JSON Lines"], config)
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        size = Path(corpora["JSON Lines"][0]).stat().st_size
        print(f"streaming the {size / 2**20:.1f} MiB JSON Lines file: peak Python memory {peak / 2**20:.2f} MiB")


if __name__ == "__main__":
    main()
