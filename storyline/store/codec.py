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
from functools import cache
from typing import Any

from storyline import models
from storyline.models import Document


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
    return dataclasses.asdict(doc)


def document_to_json(doc: Document) -> str:
    return dumps(document_to_dict(doc))


def document_from_json(text: str) -> Document:
    return _decode(Document, json.loads(text))


def content_hash(*parts: str) -> str:
    h = hashlib.sha256()
    for part in parts:
        h.update(part.encode("utf-8", "surrogatepass"))
        h.update(b"\0")
    return h.hexdigest()[:32]


@cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls, vars(models))


def _decode(tp: Any, value: Any) -> Any:
    if value is None:
        return None
    if dataclasses.is_dataclass(tp):
        hints = _hints(tp)
        kwargs = {f.name: _decode(hints[f.name], value[f.name])
                  for f in dataclasses.fields(tp) if f.name in value}
        return tp(**kwargs)
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        options = [a for a in typing.get_args(tp) if a is not type(None)]
        for option in options:
            if dataclasses.is_dataclass(option) and isinstance(value, dict):
                return _decode(option, value)
        return value
    if origin is list:
        (item,) = typing.get_args(tp) or (Any,)
        return [_decode(item, v) for v in value]
    if origin is tuple:
        return tuple(value)
    return value
