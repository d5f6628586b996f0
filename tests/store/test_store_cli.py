"""`storyline add` as registered by storyline.store.cli.register."""

from __future__ import annotations

import argparse
import json

from storyline.store.cli import register


def _run(*argv: str) -> int:
    parser = argparse.ArgumentParser(prog="storyline")
    parser.add_argument("--config")
    parser.add_argument("-q", "--quiet", action="store_true")
    register(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(["--quiet", *argv])
    return args.func(args)


def test_add_to_a_build_folder_rewrites_its_outputs(tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "a.txt").write_text(
        "The council voted on Tuesday to close the bridge for repairs, officials said."
    )
    (inputs / "b.txt").write_text("Floods closed three roads in the valley on Monday, the police said.")
    (inputs / "empty.txt").write_text("")
    out = tmp_path / "out"
    out.mkdir()
    assert _run("add", str(out), str(inputs / "a.txt"), "--workers", "1") == 0
    assert len(json.loads((out / "story.json").read_text())["documents"]) == 1
    assert _run("add", str(out), str(inputs / "b.txt"), str(inputs / "empty.txt"), "--workers", "1") == 1
    story = json.loads((out / "story.json").read_text())
    assert [d["path"].rsplit("/", 1)[-1] for d in story["documents"]] == ["a.txt", "b.txt"]
    assert (out / "story.db").exists()
    assert _run("add", str(out)) == 0  # nothing new: finishes any interrupted add, changes nothing
    assert json.loads((out / "story.json").read_text()) == story


def test_add_with_another_config_is_a_usage_error(tmp_path):
    (tmp_path / "a.txt").write_text(
        "The council voted on Tuesday to close the bridge for repairs, officials said."
    )
    store = tmp_path / "s.db"
    assert _run("add", str(store), str(tmp_path / "a.txt"), "--workers", "1") == 0
    other = tmp_path / "other.toml"
    other.write_text("[clean]\nrepeat_min_docs = 7\n")
    assert _run("--config", str(other), "add", str(store), str(tmp_path / "a.txt")) == 2
