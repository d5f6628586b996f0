import csv
import json
import xml.etree.ElementTree as ET

import networkx as nx

from storyline.render.graph import export

STORY = {
    "entities": [{"id": "A", "name": "Alpha Land", "type": "GPE", "aliases": ["Alpha"]},
                 {"id": "B", "name": "Beta Group", "type": "ORG", "aliases": []}],
    "events": [{"id": "E", "summary": "Alpha Land recognizes Beta Group", "type": "RECOGNIZE",
                "date": {"value": "2025-07", "granularity": "month"}, "modality": "asserted",
                "actors": ["A"], "targets": ["B"], "source_count": 2,
                "mentions": [{"doc": "d1", "sentence": "Alpha recognized Beta."}]}],
    "states": [{"subject": "A", "relation": "recognizes", "object": "B",
                "from": {"value": "2025-07", "granularity": "month"}, "until": None, "evidence": ["E"]}],
    "statements": [{"id": "s1", "subject": "E", "property": "date", "value": "2025-07", "doc": "d1", "start": 0,
                    "end": 22, "published": "2025-07-04", "method": "time-normalizer", "confidence": 0.7}],
}


def test_graphml_and_gexf_round_trip(tmp_path):
    [graphml] = export(STORY, "graphml", tmp_path)
    g = nx.read_graphml(graphml)
    assert set(g.nodes) == {"A", "B", "E"}
    assert g.nodes["E"]["date"] == "2025-07"
    assert {d["relation"] for _, _, d in g.edges(data=True)} == {"actor", "target", "recognizes"}
    [gexf] = export(STORY, "gexf", tmp_path)
    assert ET.parse(gexf).getroot().tag.endswith("gexf")


def test_jsonld_and_csv(tmp_path):
    [jsonld] = export(STORY, "jsonld", tmp_path)
    doc = json.loads(jsonld.read_text())
    event = next(n for n in doc["@graph"] if n["@type"] == "Event")
    assert event["startDate"] == "2025-07" and event["actor"] == [{"@id": "_:A"}]
    paths = export(STORY, "csv", tmp_path)
    rows = {p.name: list(csv.DictReader(open(p))) for p in paths}
    assert rows["events.csv"][0]["granularity"] == "month"
    assert rows["statements.csv"][0]["doc"] == "d1"
    assert rows["entities.csv"][1]["name"] == "Beta Group"
