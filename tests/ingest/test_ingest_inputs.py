"""Inputs: folders, globs, standard input, and one bad input among good ones never stopping the run."""

from __future__ import annotations

import io
import json
import sys

from storyline.config import IngestConfig
from storyline.ingest import iter_input_paths, read_inputs
from storyline.models import RawDocument
from tests.ingest.ingest_samples import ARTICLE, HTML, RSS, read


def _tree(tmp_path):
    (tmp_path / "b.txt").write_text(ARTICLE)
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "z.md").write_text(ARTICLE)
    (tmp_path / "a" / "y.txt").write_text(ARTICLE)
    (tmp_path / ".hidden.txt").write_text(ARTICLE)
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "c.txt").write_text(ARTICLE)
    return tmp_path


def test_folders_recursive_sorted_without_hidden_entries(tmp_path):
    root = _tree(tmp_path)
    assert list(iter_input_paths([str(root)])) == [str(root / "a" / "y.txt"), str(root / "a" / "z.md"),
                                                   str(root / "b.txt")]


def test_globs_urls_and_stdin_pass_through(tmp_path):
    root = _tree(tmp_path)
    assert list(iter_input_paths([str(root / "**" / "*.txt")])) == [str(root / "a" / "y.txt"), str(root / "b.txt")]
    assert list(iter_input_paths(["-", "https://e.org/x", "javascript:alert(1)", str(root / "nothing-*.txt")])) == [
        "-", "https://e.org/x", "javascript:alert(1)", str(root / "nothing-*.txt")]
    _, failures = read([root / "nothing-*.txt"])
    assert failures[0].reason == "[E001] cannot open: No such file or directory (nor any file matching it as a pattern)"


def test_one_broken_file_among_good_ones(tmp_path):
    for i in range(3):
        (tmp_path / f"good{i}.txt").write_text(f"{ARTICLE} ({i})")
    (tmp_path / "good1.jsonl").write_text(json.dumps({"text": ARTICLE}) + "\n")
    (tmp_path / "broken.json").write_text("{")
    docs, failures = read([tmp_path])
    assert len(docs) == 4 and [f.path for f in failures] == [str(tmp_path / "broken.json")]


def test_read_inputs_is_lazy(tmp_path):
    for i in range(3):
        (tmp_path / f"{i}.txt").write_text(ARTICLE)
    stream = read_inputs([str(tmp_path)], IngestConfig())
    first = next(stream)
    (tmp_path / "2.txt").unlink()                 # not read yet: the generator has only opened 0.txt
    rest = list(stream)
    assert isinstance(first, RawDocument) and rest[-1].reason.startswith("[E001]")


def test_an_unexpected_error_is_a_failure_and_the_run_goes_on(tmp_path, monkeypatch):
    import storyline.ingest.dispatch as dispatch

    def broken_reader(*args, **kwargs):
        raise ZeroDivisionError("division by zero")
    monkeypatch.setattr(dispatch, "read_html", broken_reader)     # stands in for a bug in a reader
    (tmp_path / "a.html").write_text(HTML)
    (tmp_path / "b.txt").write_text(ARTICLE)
    docs, failures = read([tmp_path])
    assert [f.reason for f in failures] == ["[E099] internal error while reading: ZeroDivisionError: division by zero"]
    assert [d.text for d in docs] == [ARTICLE]


def _stdin(monkeypatch, data: bytes) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))


def test_stdin_text_html_feed_and_json_lines(monkeypatch):
    russian = "Министр иностранных дел заявил в понедельник, что переговоры продолжатся."
    _stdin(monkeypatch, russian.encode("cp1251"))
    [doc], _ = read(["-"])
    assert doc.path == "-" and doc.text == russian and doc.format == "text"
    _stdin(monkeypatch, HTML.encode())
    [doc], _ = read(["-"])
    assert doc.format == "html" and doc.title == "Council closes old bridge"
    _stdin(monkeypatch, RSS.encode())
    docs, _ = read(["-"])
    assert [d.title for d in docs] == ["Bridge", "Ferry"]
    _stdin(monkeypatch, b"\n".join(json.dumps({"title": str(i), "text": ARTICLE}).encode() for i in range(3)))
    docs, _ = read(["-"])
    assert [d.path for d in docs] == ["-#1", "-#2", "-#3"]


def test_stdin_too_large_and_empty(monkeypatch):
    _stdin(monkeypatch, b"word " * 1000)
    _, [failure] = read(["-"], max_bytes=4000)
    assert failure.reason == "[E004] standard input is over the limit of 4,000 bytes (ingest.max_bytes)"
    _stdin(monkeypatch, b"")
    _, [failure] = read(["-"])
    assert failure.reason == "[E002] the input is empty"
