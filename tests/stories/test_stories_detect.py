"""Story detection on real articles: the seeds are one story; ECB+ topics mixed in come out apart."""

from __future__ import annotations

import pickle
import re
from collections import defaultdict
from pathlib import Path

import pytest

from storyline.clean import finalize_document, prepare_document
from storyline.config import Config, StoriesConfig
from storyline.models import Document, PublishedDate, RawDocument, Story
from storyline.stories import StoryDetector, detect_stories, split_story, stories_json
from storyline.stories.features import decay, term_counts
from tests.conftest import SHARED_DATA

ECB_TEST = SHARED_DATA / "ecbplus" / "ECB_Test_corpus.txt"
CONFIG = Config.load().stories


def clean(path: str, text: str) -> Document:
    return finalize_document(prepare_document(RawDocument(path=path, text=text)))


def ecb_documents(topics: set[str]) -> list[Document]:
    if not ECB_TEST.exists():
        pytest.skip(f"ECB+ not found at {ECB_TEST}")
    sentences: dict[str, dict[int, list[str]]] = defaultdict(lambda: defaultdict(list))
    for line in ECB_TEST.read_text(encoding="utf-8").splitlines():
        cols = line.split("\t")
        if len(cols) >= 4 and cols[0].split("_")[0] in topics:
            sentences[cols[0]][int(cols[1])].append(cols[3])
    return [clean(name, re.sub(r" ([.,;:!?'])", r"\1", "\n".join(" ".join(t) for _, t in sorted(s.items()))))
            for name, s in sorted(sentences.items())]


@pytest.fixture(scope="module")
def seeds(seed_paths: list[Path]) -> list[Document]:
    return [clean(str(p), p.read_text(encoding="utf-8")) for p in seed_paths]


def test_seed_articles_are_one_story(seeds):
    clusters = detect_stories(seeds, CONFIG)
    assert len(clusters) == 1
    assert clusters[0].documents == [d.id for d in seeds]
    assert "taliban" in clusters[0].keywords


def test_mixed_feed_splits_by_topic_and_keeps_the_seeds_together(seeds):
    # ECB+ Test topics 36-45 (sorted, interleaved with the seeds): a feed of several unrelated stories
    ecb = ecb_documents({"36", "37", "38"})
    feed = [d for pair in zip(ecb, seeds + [None] * len(ecb)) for d in pair if d is not None]
    clusters = detect_stories(feed, CONFIG)
    story_of = {doc_id: c.id for c in clusters for doc_id in c.documents}
    assert len({story_of[d.id] for d in seeds}) == 1
    topic_of = {d.id: d.path.split("_")[0] for d in ecb}
    seed_story = story_of[seeds[0].id]
    assert not any(story_of[d] == seed_story for d in topic_of)
    for story in {story_of[d] for d in topic_of}:  # no story mixes two ECB+ topics
        assert len({topic_of[d] for d, s in story_of.items() if s == story and d in topic_of}) == 1
    assert len(clusters) <= 12  # 3 topics x 2 sub-topics + the seeds, give or take a split


def test_syndicated_copy_joins_its_original(seeds):
    copy = clean("copy.txt", seeds[2].raw_text + "\nShare this article")
    copy.duplicate_of = seeds[2].id
    clusters = detect_stories([*seeds, copy], CONFIG)
    assert len(clusters) == 1 and clusters[0].documents[-1] == copy.id


def test_dates_far_apart_weaken_but_do_not_forbid_a_link():
    config = StoriesConfig(half_life_days=30, decay_floor=0.7)
    assert decay(0, config) == 1.0
    assert decay(30, config) == pytest.approx(0.85)
    assert decay(3650, config) == pytest.approx(0.7)
    assert decay(None, config) == 1.0


def test_time_decay_splits_an_old_similar_event(seeds):
    # the same kind of article two years apart: a strict decay splits it, no decay keeps it
    def dated(doc: Document, day: str) -> Document:
        copy = clean(doc.path + "@" + day, doc.raw_text)
        copy.published = PublishedDate(day, "day", day, day, "metadata", 1.0, "test")
        return copy
    a, b = dated(seeds[1], "2024-10-04"), dated(seeds[3], "2022-05-29")
    loose = StoriesConfig(join_threshold=0.15, decay_floor=1.0)
    strict = StoriesConfig(join_threshold=0.15, half_life_days=7, decay_floor=0.0)
    assert len(detect_stories([a, b], loose)) == 1
    assert len(detect_stories([a, b], strict)) == 2
    assert detect_stories([a], loose)[0].first_published == "2024-10-04"


def test_headline_capitals_are_not_names():
    doc = clean("h.txt", "Russia Officially Recognizes New Government In Kabul\n\nThe move surprised Western capitals.")
    counts = term_counts(doc)
    assert "n:russia officially recognize new government" not in counts
    assert counts["n:western"] > 0 and counts["recognize"] > 0


def test_online_detector_follows_a_feed_and_survives_pickling(seeds):
    ecb = ecb_documents({"36", "37"})
    feed = [*ecb[:10], *seeds, *ecb[10:]]
    detector = StoryDetector(CONFIG)
    ids = [detector.add(d) for d in feed[:12]]
    detector = pickle.loads(pickle.dumps(detector))  # a daily feed keeps its detector between runs
    ids += [detector.add(d) for d in feed[12:]]
    seed_ids = {ids[feed.index(d)] for d in seeds}
    assert len(seed_ids) == 1
    clusters = detector.clusters()
    assert sum(len(c.documents) for c in clusters) == len(feed)
    assert {c.id for c in clusters} == set(ids)


def test_split_story_gives_each_story_its_documents(seeds):
    ecb = ecb_documents({"36"})[:4]
    story = Story(documents=[*seeds, *ecb])
    clusters = detect_stories(story.documents, CONFIG)
    parts = split_story(story, clusters)
    assert sorted(d.id for _, s in parts for d in s.documents) == sorted(d.id for d in story.documents)
    for cluster, sub in parts:
        assert [d.id for d in sub.documents] == cluster.documents and sub.stories == [cluster]
    listed = stories_json(clusters)
    assert listed[0]["size"] == len(listed[0]["documents"]) and listed[0]["id"].startswith("story-")
