"""JSON Lines, JSON and CSV/TSV with news-please field names: one document per record, a bad record
is one Failure and the rest go on."""

from __future__ import annotations

import gzip
import json

from tests.ingest.ingest_samples import ARTICLE, SECOND, read, reasons

NEWS_PLEASE = {"title": "One", "maintext": ARTICLE, "date_publish": "2024-01-02 10:00:00",
               "date_modify": "2024-01-03 08:00:00", "date_download": "2024-01-04 00:00:00",
               "url": "https://example.org/1", "source_domain": "example.org", "language": "en",
               "authors": ["Ana Ruiz", "Li Wei"]}


def test_json_lines_with_text_alias_and_a_broken_line(tmp_path):
    path = tmp_path / "feed.jsonl"
    path.write_text("\n".join([json.dumps(NEWS_PLEASE), "{not json", "",
                               json.dumps({"Title": "Two", "TEXT": SECOND}), json.dumps(["not", "an", "object"]),
                               json.dumps({"title": "No text", "maintext": ""})]) + "\n")
    docs, failures = read([path])
    one, two = docs
    assert (one.title, one.text, one.url, one.source, one.language, one.authors) == (
        "One", ARTICLE, "https://example.org/1", "example.org", "en", ["Ana Ruiz", "Li Wei"])
    assert one.date_published == "2024-01-02 10:00:00" and one.date_modified == "2024-01-03 08:00:00"
    assert one.extra["crawl_date"] == "2024-01-04 00:00:00"      # download time is never the publication date
    assert one.path == f"{path}#1" and one.format == "json"
    assert (two.title, two.text, two.path) == ("Two", SECOND, f"{path}#4")
    why = reasons(failures)
    assert why["feed.jsonl#2"].startswith("[E005] line 2 is not valid JSON")
    assert why["feed.jsonl#5"] == "[E005] expected an object with a text field, got list"
    assert why["feed.jsonl#6"].startswith("[E002] no text in any of the fields maintext, text, body")


def test_json_lines_too_long_line_and_gzip_stream(tmp_path):
    lines = [json.dumps({"title": "Big", "maintext": "word " * 2000}), json.dumps({"title": "Small", "text": ARTICLE})]
    (tmp_path / "a.jsonl").write_text("\n".join(lines))
    (tmp_path / "b.ndjson.gz").write_bytes(gzip.compress("\n".join(lines).encode()))
    (tmp_path / "c.jsonl.gz").write_bytes(gzip.compress(("\n".join([lines[1]] * 40)).encode())[:200])
    docs, failures = read([tmp_path], max_bytes=4000)
    assert [d.path.rsplit("/", 1)[-1] for d in docs[:2]] == ["a.jsonl#2", "b.ndjson.gz#2"]
    why = reasons(failures)
    assert why["a.jsonl#1"] == "[E004] line 1 is over the limit of 4,000 bytes (ingest.max_bytes)"
    assert why["b.ndjson.gz#1"].startswith("[E004]")
    assert why["c.jsonl.gz"].startswith("[E005] compressed (gzip) data is truncated or corrupt")


def test_json_list_single_object_and_wrapped_list(tmp_path):
    (tmp_path / "list.json").write_text(json.dumps([{"title": "A", "maintext": ARTICLE}, {"title": "B", "body": SECOND},
                                                    {"title": "C"}]))
    (tmp_path / "one.json").write_text(json.dumps({"headline": "D", "content": ARTICLE, "published": "2024-02-01"}))
    (tmp_path / "wrapped.json").write_text(json.dumps({"status": "ok", "articles": [{"title": "E", "text": SECOND}]}))
    (tmp_path / "broken.json").write_text('{"title": "F", "text": "unterminated')
    docs, failures = read([tmp_path])
    assert [(d.title, d.path.rsplit("/", 1)[-1]) for d in docs] == [
        ("A", "list.json#0"), ("B", "list.json#1"), ("D", "one.json"), ("E", "wrapped.json#0")]
    assert docs[2].date_published == "2024-02-01"
    why = reasons(failures)
    assert why["list.json#2"].startswith("[E002]") and why["broken.json"].startswith("[E005] not valid JSON")


def test_csv_tsv_and_semicolons(tmp_path):
    (tmp_path / "rows.csv").write_text(f'title,Text,date_publish,url\nFirst,"{ARTICLE}",2024-05-01,https://e.org/1\n'
                                       f'Second,"Line one\nline two",,\nEmpty,,,\n')
    (tmp_path / "rows.tsv").write_text(f"headline\tbody\tauthor\nThird\t{SECOND}\tAna Ruiz; Li Wei\n")
    (tmp_path / "semi.csv").write_bytes(f"titel;content\nVierte;{'Straße gesperrt, sagte der Bürgermeister.'}\n"
                                        .encode("cp1252"))
    (tmp_path / "bad.csv").write_text("a,b\n1,2\n")
    docs, failures = read([tmp_path])
    assert [(d.title, d.path.rsplit("/", 1)[-1]) for d in docs] == [
        ("First", "rows.csv#2"), ("Second", "rows.csv#3"), ("Third", "rows.tsv#2"), (None, "semi.csv#2")]
    first, second, third, fourth = docs
    assert first.text == ARTICLE and first.date_published == "2024-05-01" and first.url == "https://e.org/1"
    assert second.text == "Line one\nline two" and third.authors == ["Ana Ruiz", "Li Wei"]
    assert fourth.text == "Straße gesperrt, sagte der Bürgermeister." and fourth.format == "csv"
    why = reasons(failures)
    assert why["rows.csv#4"].startswith("[E002]")
    assert why["bad.csv"] == "[E005] no text column: expected one of text, maintext, body, content, article; found a, b"


def test_csv_text_columns_come_from_the_config(tmp_path):
    (tmp_path / "x.csv").write_text(f'Story,Title\n"{ARTICLE}",Bridge\n')
    docs, _ = read([tmp_path / "x.csv"], csv_text_columns=("story",))
    assert [(d.title, d.text) for d in docs] == [("Bridge", ARTICLE)]
