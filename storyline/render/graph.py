"""Knowledge-graph exports of a story.json: GraphML and GEXF (networkx), JSON-LD, and CSV tables.

They read the story.json dictionary, so they work on any build directory or store export.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import networkx as nx

FORMATS = ("graphml", "gexf", "jsonld", "csv")


def _date(value: dict[str, Any] | None) -> str:
    return value["value"] if value else ""


def story_graph(story: dict[str, Any]) -> nx.MultiDiGraph:
    g = nx.MultiDiGraph()
    for e in story.get("entities", []):
        g.add_node(e["id"], kind="entity", label=e["name"], type=e["type"], aliases="; ".join(e.get("aliases", [])))
    for ev in story.get("events", []):
        g.add_node(ev["id"], kind="event", label=ev["summary"], type=ev.get("type", ""), date=_date(ev.get("date")),
                   modality=ev.get("modality", ""), sources=ev.get("source_count", 0))
        for actor in ev.get("actors", []):
            if actor in g:
                g.add_edge(actor, ev["id"], relation="actor")
        for target in ev.get("targets", []):
            if target in g:
                g.add_edge(ev["id"], target, relation="target")
    for st in story.get("states", []):
        if st["subject"] in g and st["object"] in g:
            g.add_edge(st["subject"], st["object"], relation=st["relation"], start=_date(st.get("from")),
                       end=_date(st.get("until")))
    return g


def to_jsonld(story: dict[str, Any]) -> dict[str, Any]:
    type_map = {"PERSON": "Person", "ORG": "Organization", "GPE": "Place", "LOC": "Place", "NORP": "Organization"}
    graph: list[dict[str, Any]] = []
    for e in story.get("entities", []):
        graph.append({"@id": f"_:{e['id']}", "@type": type_map.get(e["type"], "Thing"), "name": e["name"],
                      "alternateName": e.get("aliases", [])})
    for ev in story.get("events", []):
        graph.append({"@id": f"_:{ev['id']}", "@type": "Event", "name": ev["summary"],
                      "startDate": _date(ev.get("date")) or None, "additionalType": ev.get("type"),
                      "actor": [{"@id": f"_:{a}"} for a in ev.get("actors", [])],
                      "about": [{"@id": f"_:{t}"} for t in ev.get("targets", [])],
                      "subjectOf": [{"@type": "NewsArticle", "identifier": m["doc"], "text": m.get("sentence")}
                                    for m in ev.get("mentions", [])]})
    return {"@context": "https://schema.org/", "@graph": graph}


def _write_csv(path: Path, header: list[str], rows: list[list[Any]]) -> None:
    with open(path, "w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(header)
        writer.writerows(rows)


def export(story: dict[str, Any], fmt: str, outdir: Path) -> list[Path]:
    outdir.mkdir(parents=True, exist_ok=True)
    if fmt == "graphml":
        path = outdir / "story.graphml"
        nx.write_graphml(story_graph(story), path)
        return [path]
    if fmt == "gexf":
        path = outdir / "story.gexf"
        nx.write_gexf(story_graph(story), path)
        return [path]
    if fmt == "jsonld":
        path = outdir / "story.jsonld"
        path.write_text(json.dumps(to_jsonld(story), ensure_ascii=False, indent=1), encoding="utf-8")
        return [path]
    if fmt == "csv":
        paths = [outdir / "entities.csv", outdir / "events.csv", outdir / "statements.csv"]
        _write_csv(paths[0], ["id", "name", "type", "aliases", "mentions"],
                   [[e["id"], e["name"], e["type"], "; ".join(e.get("aliases", [])), len(e.get("mentions", []))]
                    for e in story.get("entities", [])])
        _write_csv(paths[1], ["id", "date", "granularity", "type", "modality", "summary", "actors", "targets",
                              "source_count"],
                   [[ev["id"], _date(ev.get("date")), (ev.get("date") or {}).get("granularity", ""), ev.get("type"),
                     ev.get("modality"), ev["summary"], " ".join(ev.get("actors", [])),
                     " ".join(ev.get("targets", [])), ev.get("source_count", 0)] for ev in story.get("events", [])])
        _write_csv(paths[2], ["id", "subject", "property", "value", "doc", "start", "end", "published", "method",
                              "confidence"],
                   [[s["id"], s["subject"], s["property"], json.dumps(s["value"]) if isinstance(s["value"], dict)
                     else s["value"], s["doc"], s["start"], s["end"], s["published"], s["method"], s["confidence"]]
                    for s in story.get("statements", [])])
        return paths
    raise ValueError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
