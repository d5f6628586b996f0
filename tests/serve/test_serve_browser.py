"""End to end in headless Chromium (Debian's chromium, driven by Playwright): the served page and
story.html opened from disk. Screenshots are kept in test-artifacts/browser/ for people to look at."""

from __future__ import annotations

from pathlib import Path

import pytest

from storyline.config import Config
from storyline.render.story_html import render_story_html
from tests.serve.story_fixture import Server, hostile_story, write_build_dir

CHROMIUM = Path("/usr/bin/chromium")
if not CHROMIUM.exists():
    pytest.skip(
        "browser tests need Debian's chromium at /usr/bin/chromium (apt-get install -y chromium)",
        allow_module_level=True,
    )
sync_api = pytest.importorskip(
    "playwright.sync_api", reason="browser tests need playwright (pip install '.[test]')"
)

ARTIFACTS = Path(__file__).absolute().parents[2] / "test-artifacts" / "browser"
ITEMS = ".vis-item.ev:not(.vis-dot):not(.vis-line)"  # one per event (box items also draw a dot and a line)


@pytest.fixture(scope="module")
def browser():
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(
            executable_path=str(CHROMIUM),
            args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        yield b
        b.close()


class Page:
    """A page plus the errors it logged (a CSP violation or a script error fails the test)."""

    def __init__(self, browser, url: str) -> None:
        self.page = browser.new_page(viewport={"width": 1400, "height": 1000})
        self.errors: list[str] = []
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.goto(url)
        self.ready()

    def ready(self) -> None:
        self.page.wait_for_selector("body[data-ready='1']", timeout=15000)

    def items(self) -> list[str]:
        return [t.strip() for t in self.page.locator(ITEMS).all_text_contents()]

    def shot(self, name: str) -> None:
        self.page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)

    def choose(self, select_id: str, value: str) -> None:
        self.page.select_option(f"#{select_id}", value)
        self.ready()

    def assert_inert(self) -> None:
        p = self.page
        assert p.evaluate("window.__pwned") is None
        assert p.locator("img").count() == 0
        assert p.locator("a[href^='javascript' i]").count() == 0
        assert p.locator("#timeline script, #event script, #article script, #actors script").count() == 0
        assert not self.errors, self.errors


def _check_story_page(page: Page, name: str) -> None:
    """What both the served page and story.html must do with the fixture story."""
    p = page.page
    story = hostile_story()
    dated = [e for e in story["events"] if e["date"]]
    assert len(page.items()) == len(dated)
    assert p.locator("#undated-list li").count() == 1
    page.shot(f"{name}-1-loaded")

    # clicking an event shows its source sentence highlighted in the article, and the superseded claim
    p.locator(ITEMS, has_text="Council votes").click()
    p.wait_for_selector("#article mark.hl-source")
    assert p.locator("#event h2").text_content() == "Council votes to close the bridge"
    mention = story["events"][0]["mentions"][0]["sentence"]
    assert p.locator("#article mark.hl-source").text_content() == mention
    assert p.locator("#article mark.claim-superseded").text_content() == story["claims"][0]["sentence"]
    page.shot(f"{name}-2-event-sources")

    # filters
    page.choose("f-type", "reopen")
    assert sorted(page.items()) == ["Bridge stays closed until September", "Bridge to reopen ⚑"]
    page.choose("f-modality", "planned")
    assert page.items() == ["Bridge to reopen ⚑"]
    p.click("#f-clear")
    page.ready()
    p.fill("#f-from", "2024-03-05")
    p.dispatch_event("#f-from", "change")
    page.ready()
    assert len(page.items()) == 3
    page.choose("f-outlet", "Valley Post")
    assert page.items() == ["Bridge stays closed until September"]
    p.click("#f-clear")
    page.ready()
    p.locator(".actor-name", has_text="Mara Quill").click()
    page.ready()
    assert sorted(page.items()) == ["Bridge stays closed until September", "Bridge to reopen ⚑"]
    page.shot(f"{name}-3-filtered-by-actor")
    p.click("#f-clear")
    page.ready()

    # search: results listed, timeline narrowed to matching events
    p.fill("#search", "reopen")
    p.press("#search", "Enter")
    p.wait_for_selector("#results li")
    page.ready()
    assert page.items() == ["Bridge to reopen ⚑"]
    assert p.locator("#results li.hit-event").count() >= 1
    page.shot(f"{name}-4-search")
    p.click("#f-clear")
    page.ready()

    # hostile article text shows as text and does nothing
    p.locator(ITEMS, has_text="Graffiti").click()
    p.wait_for_selector("#article mark.hl-source")
    assert "<script>window.__pwned" in p.locator("#article .article-text").text_content()
    assert "<img src=x onerror" in p.locator("#event h2").text_content()
    assert '<a href="javascript:' in p.locator("#actors").text_content()
    page.shot(f"{name}-5-hostile-text-inert")
    page.assert_inert()


def test_served_page(browser, tmp_path):
    server = Server(write_build_dir(tmp_path / "out", hostile_story()))
    try:
        page = Page(browser, server.url + "/")
        _check_story_page(page, "served")
    finally:
        server.stop()


def test_story_html_opens_from_disk(browser, tmp_path):
    path = tmp_path / "story.html"
    path.write_text(render_story_html(hostile_story()), encoding="utf-8")
    page = Page(browser, path.as_uri())
    _check_story_page(page, "story-html")


def test_seeds_served_from_a_store(browser, tmp_path, seed_paths):
    from storyline.store.incremental import add_inputs

    store = tmp_path / "story.db"
    result = add_inputs(store, [str(p) for p in seed_paths], Config.load())
    story = result.story
    assert story is not None and len(story.documents) == len(seed_paths)
    server = Server(store)
    try:
        page = Page(browser, server.url + "/")
        page.shot("seeds-1-loaded")
        dated = [e for e in story.events if e.date is not None]
        assert len(page.items()) == len(dated)
        if dated:
            page.page.locator(ITEMS).first.click(force=True)  # items may overlap on a busy timeline
            page.page.wait_for_selector("#article mark.hl-source")
            page.shot("seeds-2-event-sources")
        page.assert_inert()
    finally:
        server.stop()
