"""The `storyline build` command end to end, run as a real subprocess."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from storyline.clean.repair import repair_text

from tests.conftest import SHARED_DATA

SCHEMA = json.loads((SHARED_DATA.parent / "story.schema.json").read_text()) if (SHARED_DATA.parent / "story.schema.json").exists() else None


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "storyline.cli", *args], capture_output=True, text=True, timeout=600)


@pytest.fixture(scope="module")
def seeds_build(tmp_path_factory, seed_paths) -> tuple[subprocess.CompletedProcess, dict, Path]:
    out = tmp_path_factory.mktemp("seeds-out")
    result = run_cli("build", str(seed_paths[0].parent), "-o", str(out), "--quiet")
    story = json.loads((out / "story.json").read_text(encoding="utf-8"))
    return result, story, out


def test_seeds_build_exit_zero_and_valid_schema(seeds_build):
    result, story, out = seeds_build
    assert result.returncode == 0, result.stderr
    assert len(story["documents"]) == 5
    assert (out / "report.md").read_text().startswith("# Story report")
    if SCHEMA is not None:
        jsonschema.validate(story, SCHEMA)


def _doc(story: dict, stem: str) -> dict:
    return next(d for d in story["documents"] if Path(d["path"]).name.startswith(stem))


def test_seed_boilerplate_removed_and_story_kept(seeds_build):
    _, story, _ = seeds_build
    mina = _doc(story, "002")
    for furniture in ("SCROLL TO CONTINUE WITH CONTENT", "ADVERTISEMENT", "10 Views", "Recommendation for you"):
        assert furniture in mina["removed"]
        assert furniture not in mina["text"]
    assert not any("Also Read" in line for line in mina["text"].splitlines())
    assert "Also Read: Iran Reaffirms Commitment to Uranium Enrichment" in mina["removed"]
    # story sentences survive, the headline too, and the Greek-codepage mojibake is repaired
    assert "Russia Officially Recognize Taliban Government in Afghanistan" in mina["text"]
    assert "Russia had blacklisted the Taliban as a \"terrorist\" organization in 2003" in mina["text"]
    assert "during the 1980s." in mina["text"] and "\u0392" not in mina["text"]
    tass = _doc(story, "003")
    assert "All news" in tass["removed"]
    assert "On May 28, Putin emphasized the need to build relations" in tass["text"]


def test_every_seed_sentence_survives(seeds_build, seed_paths):
    """Each raw line either is in the cleaned text or was removed as boilerplate (never silently lost)."""
    _, story, _ = seeds_build
    for path in seed_paths:
        doc = _doc(story, path.name[:3])
        removed = set(doc["removed"])
        for raw_line in path.read_text(encoding="utf-8").splitlines():
            line = repair_text(raw_line).strip()  # the same repair cleaning applies (quotes, mojibake)
            if not line:
                continue
            words = [w for w in line.replace("\u00a0", " ").split() if w.isalpha() and len(w) > 3][:6]
            assert any(line in r for r in removed) or all(w in doc["text"] for w in words), line


def test_seed_outlets(seeds_build):
    _, story, _ = seeds_build
    assert {d["source"] for d in story["documents"]} >= {"TASS", "Alliance News", "MINA"}


def test_broken_file_among_good_ones_exits_1_and_lists_it(tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "good1.txt").write_text("The council voted on Tuesday to close the bridge for repairs.")
    (inputs / "good2.txt").write_text("Floods closed three roads in the valley on Monday, police said.")
    (inputs / "broken.warc.gz").write_bytes(b"\x1f\x8b\x08\x00garbage-not-gzip")
    (inputs / "empty.txt").write_text("")
    out = tmp_path / "out"
    result = run_cli("build", str(inputs), "-o", str(out), "--quiet")
    assert result.returncode == 1
    assert "broken.warc.gz" in result.stderr and "empty.txt" in result.stderr
    story = json.loads((out / "story.json").read_text())
    assert len(story["documents"]) == 2
    assert {Path(f["path"]).name for f in story["failures"]} == {"broken.warc.gz", "empty.txt"}


def test_usage_error_exits_2(tmp_path):
    assert run_cli("build", str(tmp_path)).returncode == 2          # no -o
    assert run_cli("frobnicate").returncode == 2


def test_python_api_matches(seed_paths):
    import storyline
    story = storyline.build([str(p) for p in seed_paths[:2]])
    assert len(story.documents) == 2 and all(d.text for d in story.documents)


def _entity_id(story: dict, name: str) -> str:
    return next(e["id"] for e in story["entities"] if e["name"] == name or name in e["aliases"])


def test_seed_states_and_claims(seeds_build):
    """Issue 6 on the seeds: designation 2003..2025-04, recognition from 2025-07-03, stale claims flagged."""
    _, story, _ = seeds_build
    taliban, russia = _entity_id(story, "Taliban"), _entity_id(story, "Russia")
    designation = [s for s in story["states"] if s["relation"] == "designates_as_terrorist_or_banned"
                   and s["object"] == taliban]
    assert [(s["from"], s["until"]) for s in designation] == [
        ({"value": "2003", "granularity": "year"}, {"value": "2025-04", "granularity": "month"})]
    recognition = [s for s in story["states"] if s["relation"] == "recognizes" and s["object"] == taliban]
    assert [(s["subject"], s["from"]["value"]) for s in recognition] == [(russia, "2025-07-03")]
    by_sentence = {c["sentence"]: c for c in story["claims"]}
    stale = next(c for s, c in by_sentence.items() if "has not yet been officially recognized" in s)
    assert stale["status"] == "superseded" and "2025-07-03" in stale["explanation"]
    mina = _doc(story, "002")["id"]
    assert any(e["id"] in stale["by"] and any(m["doc"] == mina for m in e["mentions"]) for e in story["events"])
    outlawed = next(c for s, c in by_sentence.items() if "remains outlawed in Russia" in s)
    assert outlawed["status"] == "superseded"


def test_seed_key_developments_once_each(seeds_build):
    _, story, _ = seeds_build
    def dated(etype: str, value: str) -> list[dict]:
        return [e for e in story["events"] if e["type"] == etype and e["date"] and e["date"]["value"] == value]
    assert len(dated("DESIGNATE", "2003")) == 1
    fall = dated("TAKE_POWER", "2021-08-15")
    assert len(fall) == 1 and fall[0]["source_count"] >= 2
    assert len(dated("RECOGNIZE", "2025-07-03")) == 1
    order = {eid: i for i, eid in enumerate(story["timeline"])}
    assert order[dated("DESIGNATE", "2003")[0]["id"]] < order[fall[0]["id"]] < order[dated("RECOGNIZE", "2025-07-03")[0]["id"]]


def test_asof_and_export_commands(seeds_build, tmp_path):
    _, _, out = seeds_build
    result = run_cli("asof", "2024-06-01", "--story", str(out), "--entity", "Taliban", "--json")
    rows = json.loads(result.stdout)
    designation = next(r for r in rows if r["relation"] == "designates_as_terrorist_or_banned")
    assert designation["status"] == "holds"
    assert next(r for r in rows if r["relation"] == "recognizes")["status"] == "not yet"
    result = run_cli("export", str(out), "--format", "graphml", "--format", "csv", "-o", str(tmp_path), "-q")
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "story.graphml").stat().st_size > 0 and (tmp_path / "statements.csv").exists()


def test_target_entity_timelines(seeds_build, tmp_path, seed_paths):
    targets = tmp_path / "targets.txt"
    targets.write_text("Taliban\n")
    out = tmp_path / "out"
    result = run_cli("build", str(seed_paths[0].parent), "-o", str(out), "-q", "--target-entities", str(targets))
    assert result.returncode == 0, result.stderr
    [written] = list((out / "entity_timelines").glob("*.txt"))
    lines = written.read_text().splitlines()
    assert written.stem.lower() == "taliban"
    assert lines[0] == "Taliban" and len(lines) > 3


def test_mixed_feed_gets_one_folder_per_story(tmp_path, seed_paths):
    inputs = tmp_path / "mixed"
    inputs.mkdir()
    for path in seed_paths:
        (inputs / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    (inputs / "flu.txt").write_text(
        "ATLANTA, Jan 9 (Reuters) - Flu season has hit children hard this winter, the Centers for Disease Control "
        "and Prevention said on Friday. Hospital visits for influenza doubled in December, the agency said, and "
        "doctors urged parents to vaccinate children before the peak of the flu season in February.")
    out = tmp_path / "out"
    result = run_cli("build", str(inputs), "-o", str(out), "-q")
    assert result.returncode == 0, result.stderr
    story = json.loads((out / "story.json").read_text())
    assert len(story["stories"]) == 2
    seed_story = next(s for s in story["stories"] if len(s["documents"]) == len(seed_paths))
    part = json.loads((out / "stories" / seed_story["id"] / "story.json").read_text())
    assert len(part["documents"]) == len(seed_paths)
    assert not any("Flu" in d["text"] for d in part["documents"])
