"""Structured files holding many articles: JSON Lines, JSON, CSV, with news-please field names."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from typing import Any

from storyline.errors import E_EMPTY, E_PARSE, InputError
from storyline.models import Failure, RawDocument

TEXT_FIELDS = ("maintext", "text", "body", "content", "article")


def _first(record: dict[str, Any], *names: str) -> Any:
    lowered = {str(k).lower(): v for k, v in record.items()}
    for name in names:
        value = lowered.get(name)
        if value not in (None, ""):
            return value
    return None


def record_to_document(record: Any, path: str, fmt: str, text_fields: tuple[str, ...] = TEXT_FIELDS) -> RawDocument:
    if not isinstance(record, dict):
        raise InputError(path, E_PARSE, f"expected an object with a text field, got {type(record).__name__}")
    text = _first(record, *text_fields)
    if not isinstance(text, str) or not text.strip():
        raise InputError(path, E_EMPTY, f"no text in any of the fields {', '.join(text_fields)}")
    authors = _first(record, "authors", "author") or []
    return RawDocument(
        path=path, text=text, title=_first(record, "title", "headline"), url=_first(record, "url", "link"),
        source=_first(record, "source_domain", "source", "outlet", "site_name"),
        authors=[authors] if isinstance(authors, str) else [str(a) for a in authors],
        date_published=_str(_first(record, "date_publish", "date_published", "published", "date")),
        date_modified=_str(_first(record, "date_modify", "date_modified", "modified", "updated")),
        language=_first(record, "language", "lang"), format=fmt,
    )


def _str(value: Any) -> str | None:
    return None if value is None else str(value)


def read_jsonl(text: str, path: str) -> Iterator[RawDocument | Failure]:
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{path}#{number}"
        try:
            yield record_to_document(json.loads(line), where, "json")
        except ValueError as exc:
            yield Failure(where, f"[{E_PARSE}] line {number} is not valid JSON: {exc}")
        except InputError as exc:
            yield Failure(where, str(exc).split(": ", 1)[1])


def read_json(text: str, path: str) -> Iterator[RawDocument | Failure]:
    try:
        data = json.loads(text)
    except ValueError as exc:
        # A .json file may really be JSON Lines
        if text.lstrip().startswith("{") and "\n{" in text:
            yield from read_jsonl(text, path)
            return
        raise InputError(path, E_PARSE, f"not valid JSON: {exc}") from None
    records = data if isinstance(data, list) else data.get("articles", [data]) if isinstance(data, dict) else []
    for index, record in enumerate(records):
        where = f"{path}#{index}" if isinstance(data, list) or len(records) > 1 else path
        try:
            yield record_to_document(record, where, "json")
        except InputError as exc:
            yield Failure(where, str(exc).split(": ", 1)[1])


def read_csv(text: str, path: str, text_columns: tuple[str, ...]) -> Iterator[RawDocument | Failure]:
    dialect: Any = csv.excel_tab if path.lower().endswith(".tsv") else csv.excel
    csv.field_size_limit(1 << 28)
    reader = csv.DictReader(io.StringIO(text), dialect=dialect)
    header = [h.lower() for h in reader.fieldnames or []]
    if not any(c.lower() in header for c in text_columns):
        raise InputError(path, E_PARSE, f"no text column: expected one of {', '.join(text_columns)}; "
                                        f"found {', '.join(reader.fieldnames or []) or 'no header'}")
    try:
        for number, row in enumerate(reader, start=2):
            where = f"{path}#{number}"
            try:
                yield record_to_document(row, where, "csv", tuple(c.lower() for c in text_columns))
            except InputError as exc:
                yield Failure(where, str(exc).split(": ", 1)[1])
    except csv.Error as exc:
        yield Failure(path, f"[{E_PARSE}] malformed CSV: {exc}")
