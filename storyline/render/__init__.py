"""Outputs of a build: story.json (the contract), report.md, and the other files later stages add."""

from __future__ import annotations

from pathlib import Path

from storyline.models import Story
from storyline.render.report_md import write_report
from storyline.render.story_json import write_story_json


def write_outputs(story: Story, outdir: Path, *, target_entities: str | None = None) -> list[Path]:
    outdir.mkdir(parents=True, exist_ok=True)
    written = [outdir / "story.json", outdir / "report.md"]
    write_story_json(story, written[0])
    write_report(story, written[1])
    return written
