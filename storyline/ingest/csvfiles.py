"""CSV and TSV, streamed row by row: one RawDocument per row, path "file.csv#<row>" (the header is row 1,
as a spreadsheet numbers them). The text column is the first of ingest.csv_text_columns present."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from typing import BinaryIO

from storyline.config import IngestConfig
from storyline.errors import E_EMPTY, E_PARSE, E_TOO_LARGE, InputError
from storyline.ingest.decode import stream_encoding
from storyline.ingest.fields import record_to_document
from storyline.ingest.streams import peek
from storyline.models import Failure, RawDocument


def _delimiter(header_line: str) -> str:
    counts = {d: header_line.count(d) for d in (",", ";", "\t", "|")}
    best = max(counts, key=counts.__getitem__)
    return best if counts[best] else ","


def read_csv(stream: BinaryIO, path: str, config: IngestConfig, *, tab: bool = False) -> Iterator[RawDocument | Failure]:
    sample, stream = peek(stream)
    if not sample.strip():
        raise InputError(path, E_EMPTY, "the input is empty")
    text = io.TextIOWrapper(stream, encoding=stream_encoding(sample), errors="replace", newline="")
    first_line = sample.split(b"\n", 1)[0].decode("utf-8", "replace")
    # A cell over ingest.max_bytes is a csv.Error for that row only (the limit is process-wide in csv).
    csv.field_size_limit(config.max_bytes)
    reader = csv.reader(text, delimiter="\t" if tab else _delimiter(first_line))
    header = [h.strip().lower() for h in next(reader, [])]
    columns = tuple(c.lower() for c in config.csv_text_columns)
    if not any(c in header for c in columns):
        raise InputError(path, E_PARSE, f"no text column: expected one of {', '.join(columns)}; "
                                        f"found {', '.join(h for h in header if h) or 'no header'}")
    row_number, any_row = 1, False
    while True:
        row_number += 1
        where = f"{path}#{row_number}"
        try:
            row = next(reader)
        except StopIteration:
            if not any_row:
                raise InputError(path, E_EMPTY, "the CSV has a header but no rows") from None
            return
        except csv.Error as exc:
            if "field larger than field limit" in str(exc):
                yield Failure(where, f"[{E_TOO_LARGE}] a cell of row {row_number} is over the limit of "
                                     f"{config.max_bytes:,} bytes (ingest.max_bytes)")
            else:
                yield Failure(where, f"[{E_PARSE}] malformed CSV row {row_number}: {exc}")
            continue
        if not any(cell.strip() for cell in row):
            continue
        any_row = True
        try:
            yield record_to_document(dict(zip(header, row)), where, "csv", columns)
        except InputError as exc:
            yield Failure(exc.path, f"[{exc.code}] {exc.detail}")
