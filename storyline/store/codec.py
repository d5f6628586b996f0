"""Documents to JSON and back, losslessly, so per-document results can be cached in the store.

Generic over the dataclass type hints in storyline.models: a field another stage adds to a record
round-trips without a change here.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import types
import typing
from collections.abc import Callable
from functools import cache
from typing import Any

from storyline import models
from storyline.models import Document, to_plain


def dumps(value: Any) -> str:
    """Compact, key-order-stable JSON (so equal records hash equally)."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True, default=_default)


def _default(value: Any) -> Any:
    if isinstance(value, (set, frozenset)):
        return sorted(value)
    if hasattr(value, "item"):  # numpy scalars in `extra`
        return value.item()
    raise TypeError(f"cannot store {type(value).__name__} in a document record")


def document_to_dict(doc: Document) -> dict[str, Any]:
    return to_plain(doc)


def document_to_json(doc: Document) -> str:
    return dumps(document_to_dict(doc))


def document_from_json(text: str) -> Document:
    return _converter(Document)(json.loads(text))


def content_hash(*parts: str) -> str:
    h = hashlib.sha256()
    for part in parts:
        h.update(part.encode("utf-8", "surrogatepass"))
        h.update(b"\0")
    return h.hexdigest()[:32]


@cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls, vars(models))


Converter = Callable[[Any], Any] | None  # None: the JSON value is already right


@cache
def _converter(tp: Any) -> Converter:
    """A function turning the JSON form of `tp` back into `tp`, planned once per type (decoding
    10,000 documents must not walk the type hints for every value)."""
    if dataclasses.is_dataclass(tp):
        hints = _hints(tp)
        plan = [(f.name, _converter(hints[f.name])) for f in dataclasses.fields(tp)]

        def to_record(value: dict[str, Any]) -> Any:
            kwargs = {}
            for name, conv in plan:
                if name in value:
                    v = value[name]
                    kwargs[name] = conv(v) if conv is not None and v is not None else v
            return tp(**kwargs)

        return to_record
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        records = [a for a in typing.get_args(tp) if dataclasses.is_dataclass(a)]
        if records:
            conv = _converter(records[0])
            return lambda v: conv(v) if isinstance(v, dict) else v
        others = [a for a in typing.get_args(tp) if a is not type(None)]
        inner = _converter(others[0]) if len(others) == 1 else None   # list[Record] | None
        return None if inner is None else (lambda v: inner(v) if v is not None else v)
    if origin is list:
        args = typing.get_args(tp)
        item = _converter(args[0]) if args else None
        return None if item is None else (lambda v: [item(x) if x is not None else None for x in v])
    if origin is tuple:
        return tuple
    return None
