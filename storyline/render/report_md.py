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


def _date_text(date) -> str:  # type: ignore[no-untyped-def]
    return date.value if date else "undated"


def _event_lines(event, docs) -> list[str]:  # type: ignore[no-untyped-def]
    out = [f"- **{_date_text(event.date)}** [{event.type}, {event.modality}] {_md_cell(event.summary)}"
           f" — {event.source_count} independent source(s)"]
    for mention in event.mentions[:5]:
        doc = docs.get(mention["doc"])
        where = (doc.source or doc.path) if doc else mention["doc"]
        when = doc.published.value if doc and doc.published and doc.published.value else "date unknown"
        out.append(f"  - {_md_cell(where)}, {when}: \"{_md_cell(mention.get('sentence', ''))}\"")
    return out


def _timeline_section(story: Story) -> list[str]:
    from storyline.timeline import condense, timeline_sections
    if not story.events:
        return []
    docs = {d.id: d for d in story.documents}
    events = {e.id: e for e in story.events}
    out = ["## Key dates", ""]
    for entry in condense(story.events, 8):
        top = events[entry.events[0]]
        out.append(f"- **{entry.date.value}**: {_md_cell(top.summary)} ({len(entry.events)} event(s))")
    sections = timeline_sections(story.events)
    out += ["", "## Timeline", "", "Each line cites its sources: outlet, publication date, quoted sentence.", ""]
    for title, ids in (("New developments", sections.developments), ("Background", sections.background),
                       ("Undated (at or before the publication of their sources)", sections.undated)):
        if ids:
            out += [f"### {title}", ""]
            for event_id in ids:
                out += _event_lines(events[event_id], docs)
            out.append("")
    return out


def _entities_section(story: Story) -> list[str]:
    if not story.entities:
        return []
    out = ["## Actors", "", "| name | type | spellings | roles | mentions |", "|---|---|---|---|---|"]
    ranked = sorted(story.entities, key=lambda e: -len(e.mentions))
    for e in ranked[:60]:
        roles = "; ".join(f"{r.get('title')}{' of ' + r['of'] if r.get('of') else ''}"
                          f" ({(r.get('as_of') or {}).get('value', 'undated')})" for r in e.roles[:4])
        out.append(f"| {_md_cell(e.name)} | {e.type} | {_md_cell(', '.join(e.aliases[:8]))} | {_md_cell(roles)} |"
                   f" {len(e.mentions)} |")
    return out + [""]


def _states_section(story: Story) -> list[str]:
    out = []
    if story.states:
        out += ["## States over time", ""]
        for st in story.states:
            span = f"{(st.get('from') or {}).get('value', '?')} → {(st.get('until') or {}).get('value', 'now')}"
            out.append(f"- {_md_cell(st.get('subject_name') or st['subject'] or '?')} *{st['relation']}*"
                       f" {_md_cell(st.get('object_name') or st['object'] or '?')}: {span}"
                       f" (evidence: {', '.join(st['evidence'])})")
        out.append("")
    flagged = [c for c in story.claims if c["status"] != "current"]
    if story.claims:
        out += ["## Claims checked", "", f"{len(story.claims)} status claims, {len(flagged)} flagged.", ""]
        for c in sorted(story.claims, key=lambda c: c["status"] == "current"):
            out.append(f"- **{c['status']}**: \"{_md_cell(c['sentence'])}\" — {_md_cell(c['explanation'])}")
        out.append("")
    return out


# Sections in order: functions Story -> list of markdown lines.
SECTIONS = [_timeline_section, _states_section, _entities_section, _documents_section]


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
