"""report.md: a readable account of the build for people, with evidence for every claim."""

from __future__ import annotations

from pathlib import Path

from storyline.models import Document, Story


def _md_cell(text: str | None) -> str:
    return (text or "").replace("|", "\\|").replace("\n", " ")


def _date_line(doc: Document) -> str:
    p = doc.published
    if p is None or p.value is None:
        return "unknown"
    span = f" (between {p.earliest} and {p.latest})" if p.earliest != p.latest else ""
    return f"**{p.value}**{span}, {p.method}, confidence {p.confidence:.2f}: {p.evidence}"


def _documents_section(story: Story) -> list[str]:
    out = ["## Documents", ""]
    for doc in story.documents:
        out.append(f"### {_md_cell(doc.title) or doc.path}")
        out.append(f"- file: `{doc.path}`  id `{doc.id}`")
        out.append(f"- outlet: {doc.source or 'unknown'}" + (f" ({doc.source_evidence})" if doc.source_evidence else ""))
        out.append(f"- published: {_date_line(doc)}")
        out.append(f"- {len(doc.sentences)} sentences kept, {len(doc.removed)} boilerplate lines removed")
        if doc.duplicate_of:
            out.append(f"- near-duplicate of `{doc.duplicate_of}` (similarity {doc.extra.get('duplicate_similarity')})")
        for removed in doc.removed:
            out.append(f"  - removed ({removed.reason}): {_md_cell(removed.text[:120])}")
        out.append("")
    return out


def _failures_section(story: Story) -> list[str]:
    if not story.failures:
        return []
    out = ["## Inputs that could not be read", ""]
    out += [f"- `{f.path}`: {_md_cell(f.reason)}" for f in story.failures]
    return out + [""]


# Later stages register extra sections here: functions Story -> list of markdown lines.
SECTIONS = [_documents_section]


def report_markdown(story: Story) -> str:
    lines = ["# Story report", "",
             f"{len(story.documents)} documents, {len(story.entities)} entities, {len(story.events)} events,"
             f" {len(story.failures)} inputs failed.", ""]
    for section in SECTIONS:
        lines += section(story)
    lines += _failures_section(story)
    return "\n".join(lines) + "\n"


def write_report(story: Story, path: Path) -> None:
    path.write_text(report_markdown(story), encoding="utf-8")
