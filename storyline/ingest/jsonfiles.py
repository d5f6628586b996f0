"""JSON Lines (streamed line by line) and JSON (one object, a list, or an object holding a list).

One RawDocument per record, path "file.jsonl#<line>" (1-based) or "file.json#<index>" (0-based);
a bad record is a Failure for that record only.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from typing import Any, BinaryIO

from storyline.config import IngestConfig
from storyline.errors import E_EMPTY, E_PARSE, E_TOO_LARGE, InputError
from storyline.ingest.decode import decode_bytes
from storyline.ingest.fields import record_to_document
from storyline.models import Failure, RawDocument

_LIST_KEYS = ("articles", "items", "documents", "results", "data", "records")


def text_fields(config: IngestConfig) -> tuple[str, ...]:
    """news-please's maintext first, then the configured text columns (text, body, content, ...)."""
    return tuple(dict.fromkeys(("maintext", *(c.lower() for c in config.csv_text_columns))))


def _failure(exc: InputError) -> Failure:
    return Failure(exc.path, f"[{exc.code}] {exc.detail}")


def _skip_rest_of_line(stream: BinaryIO, line: bytes) -> None:
    while line and not line.endswith(b"\n"):
        line = stream.readline(1 << 20)


def read_jsonl(stream: BinaryIO, path: str, config: IngestConfig) -> Iterator[RawDocument | Failure]:
    """Records from a JSON Lines stream; each line may be up to ingest.max_bytes."""
    fields = text_fields(config)
    number = records = 0
    while line := stream.readline(config.max_bytes + 1):
        number += 1
        where = f"{path}#{number}"
        if len(line) > config.max_bytes and not line.endswith(b"\n"):
            _skip_rest_of_line(stream, line)
            yield Failure(where, f"[{E_TOO_LARGE}] line {number} is over the limit of {config.max_bytes:,} bytes "
                                 f"(ingest.max_bytes)")
            continue
        if number == 1:
            line = line.removeprefix(b"\xef\xbb\xbf")
        if not line.strip():
            continue
        records += 1
        try:
            text = line.decode("utf-8")
        except UnicodeDecodeError:
            text = decode_bytes(line, where)[0]
        try:
            record = json.loads(text)
        except ValueError as exc:
            yield Failure(where, f"[{E_PARSE}] line {number} is not valid JSON: {exc}")
            continue
        try:
            yield record_to_document(record, where, "json", fields)
        except InputError as exc:
            yield _failure(exc)
    if records == 0:
        raise InputError(path, E_EMPTY, "the input is empty: no JSON Lines records")


def _records(data: Any, fields: tuple[str, ...]) -> tuple[list[Any], bool]:
    """(records, numbered): a list, or the list an object holds under a usual key, or the object itself."""
    if isinstance(data, list):
        return data, True
    if isinstance(data, dict) and not any(str(k).lower() in fields for k in data):
        for key in _LIST_KEYS:
            if isinstance(data.get(key), list) and all(isinstance(r, dict) for r in data[key][:10]):
                return data[key], True
    return [data], False


def read_json(data: bytes, path: str, config: IngestConfig) -> Iterator[RawDocument | Failure]:
    text, _ = decode_bytes(data, path)
    try:
        parsed = json.loads(text)
    except ValueError as exc:
        # A .json file that is really JSON Lines: several objects, one per line.
        if text.lstrip().startswith("{") and "\n{" in text:
            yield from read_jsonl(io.BytesIO(text.encode("utf-8")), path, config)
            return
        raise InputError(path, E_PARSE, f"not valid JSON: {exc}") from None
    fields = text_fields(config)
    records, numbered = _records(parsed, fields)
    if numbered and not records:
        raise InputError(path, E_EMPTY, "the JSON list holds no records")
    for index, record in enumerate(records):
        try:
            yield record_to_document(record, f"{path}#{index}" if numbered else path, "json", fields)
        except InputError as exc:
            yield _failure(exc)
