"""`storyline add`: incremental adds equal a full rebuild, touch only what they must, survive a kill."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from storyline.config import Config
from storyline.models import RawDocument
from storyline.render.story_json import story_json
from storyline.store.db import open_store
from storyline.store.incremental import StoreConfigError, add_inputs, add_records, build_records
from storyline.store.schema import LATEST, StoreVersionError
from storyline.store.views import read_story

REPO = Path(__file__).absolute().parents[2]
CONFIG = Config.load().with_section("ingest", workers=1)


def _article(n: int, outlet: str, extra_lines: tuple[str, ...] = ()) -> RawDocument:
    body = [
        f"Headline number {n} about the harbour works",
        f"The council of town {n} voted on Tuesday to close bridge {n} for repairs, officials said.",
        f"Engineers found {n * 3} cracked beams in the span during an inspection in March.",
        *extra_lines,
        f"Residents of district {n} said the closure would add an hour to their daily commute to the city.",
        f"The repair budget of {n * 7} million was approved by a narrow vote after a long debate.",
        f"Traffic will use the ferry at pier {n} until the work ends next year, the mayor said.",
    ]
    return RawDocument(path=f"mem/{outlet}-{n}.txt", text="\n".join(body), source=outlet)


def _corpus() -> tuple[list[RawDocument], list[RawDocument]]:
    slogan = "Read the Harbour Gazette every morning"
    first = [
        _article(1, "Harbour Gazette", (slogan,)),
        _article(2, "Valley Post"),
        _article(3, "Harbour Gazette"),
        _article(4, "Valley Post"),
    ]
    copy = RawDocument(
        path="mem/copy-of-2.txt",
        text=first[1].text.replace("officials said", "officials told us"),
        source="Wire Copy",
    )
    second = [_article(5, "Harbour Gazette", (slogan,)), copy, _article(6, "Valley Post")]
    return first, second


def _stored(path: Path) -> dict:
    conn = open_store(path)
    try:
        return read_story(conn)
    finally:
        conn.close()


def test_add_in_two_batches_equals_full_rebuild(tmp_path):
    first, second = _corpus()
    full = story_json(build_records(first + second, CONFIG))
    store = tmp_path / "story.db"
    r1 = add_records(store, first, CONFIG)
    r2 = add_records(store, second, CONFIG)
    assert (r1.added, r2.added) == (4, 3)
    assert _stored(store) == full
    # the rules really fired: the slogan became the outlet's boilerplate in the OLD article too,
    # and the wire copy is linked to its first copy
    by_path = {d["path"]: d for d in full["documents"]}
    assert "Read the Harbour Gazette every morning" in by_path["mem/Harbour Gazette-1.txt"]["removed"]
    assert by_path["mem/copy-of-2.txt"]["duplicate_of"] == by_path["mem/Valley Post-2.txt"]["id"]
    # only the new articles, the old one that lost its slogan, and the first copy were analysed again
    assert r2.analysed == 3 + 2


def test_add_one_article_analyses_one(tmp_path):
    store = tmp_path / "s.db"
    add_records(store, [_article(n, f"Outlet {n}") for n in range(10)], CONFIG)
    result = add_records(store, [_article(99, "Outlet 99")], CONFIG)
    assert (result.added, result.analysed) == (1, 1)
    assert len(_stored(store)["documents"]) == 11


def test_same_text_twice_is_skipped(tmp_path):
    store = tmp_path / "s.db"
    add_records(store, [_article(1, "A")], CONFIG)
    again = _article(1, "A")
    result = add_records(store, [RawDocument(path="elsewhere.txt", text=again.text, source="A")], CONFIG)
    assert result.added == 0 and result.skipped == ["elsewhere.txt"]


def test_seed_files_added_in_batches_equal_pipeline_build(tmp_path, seed_paths):
    from storyline.pipeline import build

    full = story_json(build([str(p) for p in seed_paths], CONFIG))
    store = tmp_path / "seeds.db"
    add_inputs(store, [str(p) for p in seed_paths[:2]], CONFIG)
    add_inputs(store, [str(p) for p in seed_paths[2:]], CONFIG)
    assert _stored(store) == full


def test_add_reclusters_only_the_event_components_it_changes(tmp_path, seed_paths):
    from storyline.ingest import read_inputs

    seeds = [r for r in read_inputs([str(p) for p in seed_paths], CONFIG.ingest) if isinstance(r, RawDocument)]
    first, second = _corpus()
    store = tmp_path / "s.db"
    add_records(store, seeds + first, CONFIG)
    result = add_records(store, second[:1], CONFIG)
    assert _stored(store) == story_json(build_records(seeds + first + second[:1], CONFIG))
    # the seeds' events share nothing with the harbour article: their components are reused
    assert result.merge_reused > 0
    conn = open_store(store)
    try:
        kept = conn.execute("SELECT COUNT(*) FROM merge_memo").fetchone()[0]
    finally:
        conn.close()
    assert kept == result.merge_reused + result.merge_clustered


def test_other_config_is_refused(tmp_path):
    store = tmp_path / "s.db"
    add_records(store, [_article(1, "A")], CONFIG)
    with pytest.raises(StoreConfigError):
        add_records(store, [_article(2, "A")], CONFIG.with_section("clean", repeat_min_docs=5))
    add_records(store, [_article(2, "A")])  # no config given: the store's own is used


def test_schema_version_and_migrations(tmp_path):
    store = tmp_path / "s.db"
    conn = open_store(store)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == LATEST
    conn.execute(f"PRAGMA user_version = {LATEST + 1}")
    conn.close()
    with pytest.raises(StoreVersionError):
        open_store(store)


# ---- killed mid-way ------------------------------------------------------------------------------

_KILLER = textwrap.dedent("""
    import os, signal, sys
    import storyline.store.incremental as inc
    from storyline.config import Config
    from storyline.models import RawDocument
    where, store, batch = sys.argv[1], sys.argv[2], sys.argv[3]
    docs = [RawDocument(**d) for d in __import__("json").load(open(batch))]
    inc._COMMIT_EVERY = 1
    def die(): os.kill(os.getpid(), signal.SIGKILL)
    def progress(items, desc, total=None):
        for i, item in enumerate(items):
            if desc == where and i == 2:
                die()
            yield item
    if where == "corpus":
        real = inc.corpus_steps
        def corpus_steps(story, config, memo=None):
            real(story, config, memo)
            die()
        inc.corpus_steps = corpus_steps
    inc.add_records(store, docs, Config.load().with_section("ingest", workers=1), progress=progress)
""")


@pytest.mark.parametrize("where", ["reading", "analysing", "corpus"])
def test_killed_add_leaves_store_consistent_and_rerun_completes(tmp_path, where):
    first, _ = _corpus()
    more = [_article(n, "Valley Post", ("Read the Valley Post every morning",)) for n in range(20, 26)]
    store = tmp_path / "story.db"
    add_records(store, first, CONFIG)
    before = _stored(store)
    batch = tmp_path / "batch.json"
    batch.write_text(json.dumps([{"path": d.path, "text": d.text, "source": d.source} for d in more]))
    script = tmp_path / "killer.py"
    script.write_text(_KILLER)
    proc = subprocess.run(
        [sys.executable, str(script), where, str(store), str(batch)],
        cwd=REPO,
        env={**os.environ, "PYTHONPATH": os.pathsep.join([str(REPO), os.environ.get("PYTHONPATH", "")])},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == -9, proc.stderr  # really killed
    conn = sqlite3.connect(store)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()
    assert _stored(store) == before  # what is served did not change
    rerun = add_records(store, more, CONFIG)
    if where == "analysing":
        assert rerun.analysed < len(more) + 1  # analyses saved before the kill are reused
    assert _stored(store) == story_json(build_records(first + more, CONFIG))


def test_store_from_another_version_is_refused(tmp_path):
    store = tmp_path / "s.db"
    add_records(store, [_article(1, "A")], CONFIG)
    conn = open_store(store)
    conn.execute("UPDATE meta SET value = 'older' WHERE key = 'fingerprint'")
    conn.close()
    with pytest.raises(StoreConfigError, match="built by storyline"):
        add_records(store, [_article(2, "A")])


def test_story_json_is_the_same_in_every_process(tmp_path, seed_paths):
    """An add and the rebuild it must equal may run in different processes: nothing may depend on
    Python's per-process string hashing."""
    outputs = []
    for seed in ("1", "3", "4"):
        out = tmp_path / f"out{seed}"
        subprocess.run([sys.executable, "-m", "storyline.cli", "build", *map(str, seed_paths), "-o", str(out),
                        "-q"], check=True, timeout=600, env={**os.environ, "PYTHONHASHSEED": seed})
        outputs.append((out / "story.json").read_bytes())
    assert outputs[0] == outputs[1] == outputs[2]
