"""Engines: where the per-document stage and the expensive corpus joins run. One adapter per engine,
the same functions inside, the same results out (Splink-style: embedded by default, Spark at scale).

    with open_engine(config) as engine:              # config.engine.name: "local" | "spark"
        engine.mark_duplicates(docs, threshold)       # corpus: MinHash LSH blocks -> copies linked
        for item in engine.analyse(docs, config, finalize=True):   # per document, streaming, in order
            ...                                       # Document, or Failure for a broken one
        clusters = engine.detect_stories(docs, config.stories)     # corpus: blocked joins -> stories

- `local` (default): worker processes on this machine (storyline/engines/local.py), no Spark needed.
- `spark`: PySpark, `--master local[N]` or a cluster URL (storyline/engines/spark.py, docs/engines.md).
"""

from __future__ import annotations

import argparse
from dataclasses import replace
from collections.abc import Iterable, Iterator, Sequence
from typing import Protocol

from storyline.config import Config, StoriesConfig
from storyline.engines.common import CHUNK_DOCS, EngineUnavailable
from storyline.models import Document, Failure, StoryCluster

ENGINES = ("local", "spark")

__all__ = ["CHUNK_DOCS", "ENGINES", "Engine", "EngineUnavailable", "apply_build_options", "open_engine",
           "register_build_options"]


class Engine(Protocol):
    name: str

    def analyse(self, docs: Iterable[Document], config: Config, *,
                finalize: bool = False) -> Iterator[Document | Failure]:
        ...

    def mark_duplicates(self, docs: list[Document], threshold: float) -> int:
        ...

    def detect_stories(self, docs: Sequence[Document], config: StoriesConfig) -> list[StoryCluster]:
        ...

    def close(self) -> None:
        ...

    def __enter__(self) -> Engine:
        ...

    def __exit__(self, *exc: object) -> None:
        ...


def open_engine(config: Config) -> Engine:
    """The engine named by `config.engine.name`; Spark starts lazily, on its first job."""
    name = config.engine.name
    if name == "local":
        from storyline.engines.local import LocalEngine
        return LocalEngine(config)
    if name == "spark":
        from storyline.engines.spark import SparkEngine
        return SparkEngine(config)
    raise ValueError(f"config [engine] name: unknown engine {name!r} (choose from {', '.join(ENGINES)})")


def register_build_options(parser: argparse.ArgumentParser) -> None:
    """Add --engine and --master to a command that runs the pipeline (build, stories)."""
    group = parser.add_argument_group("engine")
    group.add_argument("--engine", choices=ENGINES,
                       help="where the per-document stage runs: local processes (default) or Spark")
    group.add_argument("--master", help="Spark master URL: local[N], spark://host:7077, yarn, k8s://... "
                                        "(implies --engine spark; default local[2])")


def apply_build_options(config: Config, args: argparse.Namespace) -> Config:
    """Config with the --engine / --master flags applied (flags win over the config file)."""
    values: dict[str, str] = {}
    if getattr(args, "engine", None):
        values["name"] = args.engine
    if getattr(args, "master", None):
        values["master"] = args.master
        values.setdefault("name", "spark")
    if values.get("name") == "local" and "master" in values:
        raise ValueError("--master applies to --engine spark only")
    # not Config.with_section: its first parameter is also called `name`
    return replace(config, engine=replace(config.engine, **values)) if values else config
