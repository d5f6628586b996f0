"""`storyline stories INPUT...` on real files: one line per story, or JSON."""

from __future__ import annotations

import argparse
import json
import re
import shutil
from pathlib import Path

import pytest

from storyline.stories.cli import register
from tests.conftest import SHARED_DATA


def run(capsys, *argv: str) -> tuple[int, str]:  # type: ignore[no-untyped-def]
    parser = argparse.ArgumentParser(prog="storyline")
    parser.add_argument("--config")
    register(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(list(argv))
    code = args.func(args)
    return code, capsys.readouterr().out


@pytest.fixture()
def mixed_folder(tmp_path: Path, seed_paths: list[Path]) -> Path:
    for p in seed_paths:
        shutil.copy(p, tmp_path / p.name)
    corpus = SHARED_DATA / "ecbplus" / "ECB_Test_corpus.txt"
    if not corpus.exists():
        pytest.skip(f"ECB+ not found at {corpus}")
    docs: dict[str, list[str]] = {}
    for line in corpus.read_text(encoding="utf-8").splitlines():
        cols = line.split("\t")
        if len(cols) >= 4 and cols[0].split("_")[0] in ("41", "45"):
            docs.setdefault(cols[0], []).append(cols[3])
    for name, tokens in list(docs.items())[:12]:
        (tmp_path / f"ecb_{name}.txt").write_text(re.sub(r" ([.,;:!?'])", r"\1", " ".join(tokens)), encoding="utf-8")
    return tmp_path


def test_stories_json_lists_each_story_with_its_articles(capsys, mixed_folder, seed_paths):
    code, out = run(capsys, "stories", str(mixed_folder), "--json", "--no-analyse")
    assert code == 0
    stories = json.loads(out)
    assert len(stories) >= 3
    assert sum(s["size"] for s in stories) == len(list(mixed_folder.iterdir()))
    seed_story = [s for s in stories if s["title"] and "Taliban" in s["title"]]
    assert len(seed_story) == 1 and seed_story[0]["size"] == len(seed_paths)


def test_stories_text_output_on_the_seeds(capsys, seed_paths):
    code, out = run(capsys, "stories", str(seed_paths[0].parent), "--workers", "1")
    assert code == 0
    first, story_line, keywords = out.splitlines()[:3]
    assert first == f"1 story in {len(seed_paths)} articles"
    assert story_line.startswith("story-") and f"{len(seed_paths)} articles" in story_line
    assert "taliban" in keywords
