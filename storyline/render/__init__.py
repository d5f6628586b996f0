"""Outputs of a build: story.json (the contract), report.md, and the other files later stages add."""

from __future__ import annotations

from pathlib import Path

from storyline.models import Story
from storyline.render.report_md import write_report
from storyline.render.story_html import write_story_html
from storyline.render.story_json import write_story_json
from storyline.timeline import write_entity_timelines


def write_outputs(story: Story, outdir: Path, *, target_entities: str | None = None) -> list[Path]:
    outdir.mkdir(parents=True, exist_ok=True)
    written = [outdir / "story.json", outdir / "report.md"]
    write_story_json(story, written[0])
    write_report(story, written[1])
    written.append(outdir / "story.html")
    write_story_html(story, written[-1])
    for story_id, part in story.parts.items():  # several stories: one folder each
        written += write_outputs(part, outdir / "stories" / story_id)
    if target_entities:
        names = [n.strip() for n in Path(target_entities).read_text(encoding="utf-8").splitlines()
                 if n.strip() and not n.startswith("#")]
        written += write_entity_timelines(story.events, story.entities, story.documents, names, outdir)
    return written
