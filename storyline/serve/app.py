"""`storyline serve`: an HTTP API (FastAPI, OpenAPI at /openapi.json) and the web page at /.

Serves a store (writable: articles can be added) or a build folder's story.json (read-only, loaded
into an in-memory store). Reads never wait for an add: SQLite WAL, one read connection per thread.
"""

# no `from __future__ import annotations`: FastAPI reads the endpoint annotations, some local to create_app
import csv
import hmac
import io
import re
import sqlite3
import tempfile
import threading
from collections.abc import Callable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Annotated, Any

from fastapi import FastAPI, File, Form, HTTPException, Query, UploadFile
from fastapi.responses import HTMLResponse, JSONResponse, PlainTextResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from storyline.serve import queries
from storyline.store.db import STORE_FILE, ReadPool, memory_store, transaction
from storyline.store.views import day_interval, read_story, write_story

STATIC = resources.files("storyline.serve") / "static"
VIS_VERSION = "8.5.4"
PAGE_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
)
_DAY = r"^\d{4}(-\d{2}(-\d{2})?)?$"


@dataclass(frozen=True)
class ServeSettings:
    token: str | None = None  # required as "Authorization: Bearer ..." on /api/ when set
    max_request_bytes: int = 20_000_000  # uploads larger than this are refused with 413
    max_page: int = 500  # the largest `limit` a list accepts
    max_timeline_page: int = 5000
    allowed_hosts: tuple[str, ...] = ("127.0.0.1", "localhost", "::1", "[::1]")


class StorySource:
    """Where the served story lives. Open with `open_source(path)`."""

    def __init__(
        self, pool: ReadPool, db_path: Path | None, outdir: Path | None, keepalive: Any = None
    ) -> None:
        self.pool, self.db_path, self.outdir, self._keepalive = pool, db_path, outdir, keepalive
        self.writable = db_path is not None

    def conn(self) -> sqlite3.Connection:
        return self.pool.get()


def open_source(path: str | Path) -> StorySource:
    """A store file, a build folder (its story.db, else its story.json), or a story.json file."""
    p = Path(path)
    if p.is_dir() and (p / STORE_FILE).exists():
        return StorySource(ReadPool(str(p / STORE_FILE)), p / STORE_FILE, p)
    json_path = p / "story.json" if p.is_dir() else p
    if json_path.suffix == ".json" and json_path.exists():
        import json

        story = json.loads(json_path.read_text(encoding="utf-8"))
        uri, keep = memory_store()
        with transaction(keep):
            write_story(keep, story)
        return StorySource(ReadPool(uri, uri=True), None, None, keepalive=keep)
    if p.is_file():
        with open(p, "rb") as fh:
            if fh.read(16) != b"SQLite format 3\x00":
                raise ValueError(f"{p} is neither a store nor a story.json")
        return StorySource(ReadPool(str(p)), p, None)
    raise FileNotFoundError(
        f"nothing to serve at {p}: expected a store file, or a folder with story.db or story.json"
    )


# ---- middleware (plain ASGI, so it also guards static files and streaming bodies) ----------------


class GuardMiddleware:
    """Bearer token on /api/, a cap on request bodies, and security headers on every response."""

    def __init__(self, app: ASGIApp, settings: ServeSettings) -> None:
        self.app, self.settings = app, settings

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", [])}
        if self.settings.token and scope["path"].startswith("/api/"):
            given = headers.get("authorization", "")
            expected = f"Bearer {self.settings.token}"
            if not hmac.compare_digest(given.encode(), expected.encode()):
                await _plain(send, 401, "missing or wrong bearer token", [(b"www-authenticate", b"Bearer")])
                return
        limit = self.settings.max_request_bytes
        length = headers.get("content-length")
        if length is not None and (not length.isdigit() or int(length) > limit):
            await _plain(send, 413, f"request body larger than {limit} bytes")
            return
        received = 0

        async def counted_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise _TooLarge()
            return message

        async def secured_send(message: Message) -> None:
            if message["type"] == "http.response.start":
                extra = [
                    (b"x-content-type-options", b"nosniff"),
                    (b"referrer-policy", b"no-referrer"),
                    (b"content-security-policy", PAGE_CSP.encode()),
                ]
                message["headers"] = list(message.get("headers", [])) + extra
            await send(message)

        try:
            await self.app(scope, counted_receive, secured_send)
        except _TooLarge:
            await _plain(send, 413, f"request body larger than {limit} bytes")


class _TooLarge(Exception):
    pass


async def _plain(
    send: Send, status: int, text: str, headers: list[tuple[bytes, bytes]] | None = None
) -> None:
    body = text.encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"text/plain; charset=utf-8"),
                (b"content-length", str(len(body)).encode()),
                *(headers or []),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


# ---- the application ---------------------------------------------------------------------------


def page_html(config: dict[str, Any]) -> str:
    """The page as served: the same template as story.html, with assets linked instead of inlined."""
    from storyline.render.story_html import fill_template, json_for_script

    styles = (
        f'<link rel="stylesheet" href="/static/vis-timeline-graph2d-{VIS_VERSION}.min.css">\n'
        '<link rel="stylesheet" href="/static/app.css">'
    )
    scripts = (
        f'<script src="/static/vis-timeline-graph2d-{VIS_VERSION}.min.js"></script>\n'
        '<script src="/static/app.js"></script>'
    )
    return fill_template(csp="", styles=styles, config=json_for_script(config), data="", scripts=scripts)


def create_app(
    source: StorySource, settings: ServeSettings | None = None, *, progress: Callable | None = None
) -> FastAPI:
    settings = settings or ServeSettings()
    app = FastAPI(
        title="storyline",
        version="1",
        docs_url=None,
        redoc_url=None,  # docs pages load a CDN
        description="A story built from news articles: documents, entities, events, timeline, "
        "states and claims, with filters, search, as-of queries and exports.",
    )
    add_lock = threading.Lock()
    Limit = Annotated[int, Query(ge=1, le=settings.max_page, description="page size")]
    Offset = Annotated[int, Query(ge=0, description="items to skip")]
    Day = Annotated[str | None, Query(pattern=_DAY, description="ISO date: YYYY, YYYY-MM or YYYY-MM-DD")]
    Many = Annotated[list[str] | None, Query()]

    def db() -> sqlite3.Connection:
        return source.conn()

    def filters(
        date_from, date_to, entity, type, modality, outlet, q, flagged, dated
    ) -> queries.EventFilters:
        return queries.EventFilters(
            date_from=_first_day(date_from),
            date_to=_last_day(date_to),
            entity=entity or [],
            type=type or [],
            modality=modality or [],
            outlet=outlet or [],
            q=q,
            flagged=flagged,
            dated=dated,
        )

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def index() -> HTMLResponse:
        return HTMLResponse(
            page_html({"mode": "api", "base": "/api", "token_required": bool(settings.token)})
        )

    @app.get("/api/info", tags=["story"])
    def info() -> dict[str, Any]:
        """Counts, the store's generation (it grows with every add) and whether articles can be added."""
        return {**queries.info(db()), "writable": source.writable}

    @app.get("/api/facets", tags=["story"])
    def facets() -> dict[str, Any]:
        """Values the filters can take (event types, modalities, outlets, ...), with counts."""
        return queries.facets(db())

    @app.get("/api/timeline", tags=["events"])
    def timeline(
        date_from: Annotated[str | None, Query(alias="from", pattern=_DAY)] = None,
        date_to: Annotated[str | None, Query(alias="to", pattern=_DAY)] = None,
        entity: Many = None,
        type: Many = None,
        modality: Many = None,
        outlet: Many = None,
        q: str | None = None,
        flagged: bool = False,
        dated: bool = False,
        limit: Annotated[int, Query(ge=1, le=settings.max_timeline_page)] = 1000,
        offset: Offset = 0,
    ) -> dict[str, Any]:
        """Events in timeline order (undated last), compact, for plotting. `from`/`to` keep events
        whose date interval overlaps the range; `entity` (repeatable) keeps events with that actor
        or target."""
        return queries.timeline(
            db(),
            filters(date_from, date_to, entity, type, modality, outlet, q, flagged, dated),
            limit,
            offset,
        )

    @app.get("/api/events", tags=["events"])
    def events(
        date_from: Annotated[str | None, Query(alias="from", pattern=_DAY)] = None,
        date_to: Annotated[str | None, Query(alias="to", pattern=_DAY)] = None,
        entity: Many = None,
        type: Many = None,
        modality: Many = None,
        outlet: Many = None,
        q: str | None = None,
        flagged: bool = False,
        dated: bool = False,
        limit: Limit = 50,
        offset: Offset = 0,
    ) -> dict[str, Any]:
        """Full event records (story.json form, plus `flags`), same filters as /api/timeline."""
        return queries.events(
            db(),
            filters(date_from, date_to, entity, type, modality, outlet, q, flagged, dated),
            limit,
            offset,
        )

    @app.get("/api/events/{event_id}", tags=["events"])
    def event(event_id: str) -> dict[str, Any]:
        """One event, with summaries of the documents it cites and the claims made in its sentences."""
        return _found(queries.event(db(), event_id))

    @app.get("/api/documents", tags=["documents"])
    def documents(
        q: str | None = None,
        outlet: Many = None,
        date_from: Annotated[str | None, Query(alias="from", pattern=_DAY)] = None,
        date_to: Annotated[str | None, Query(alias="to", pattern=_DAY)] = None,
        limit: Limit = 50,
        offset: Offset = 0,
    ) -> dict[str, Any]:
        """Documents in the order they were added; `q` searches title and text; dates filter on
        publication."""
        return queries.documents(
            db(),
            q=q,
            outlet=outlet or [],
            date_from=_first_day(date_from),
            date_to=_last_day(date_to),
            limit=limit,
            offset=offset,
        )

    @app.get("/api/documents/{doc_id}", tags=["documents"])
    def document(doc_id: str) -> dict[str, Any]:
        """One document (story.json form: cleaned text, sentences, ...) with its claims and events."""
        return _found(queries.document(db(), doc_id))

    @app.post("/api/documents", status_code=201, tags=["documents"])
    def add_documents(
        files: Annotated[list[UploadFile], File(description="article files")] = [],  # noqa: B006
        urls: Annotated[str, Form(description="article URLs, one per line")] = "",
    ) -> dict[str, Any]:
        """Add articles (uploaded files and/or URLs) to the store; only what they touch is recomputed."""
        if not source.writable:
            raise HTTPException(409, "this server shows a story.json; serve a store to add articles")
        url_list = [u.strip() for u in urls.splitlines() if u.strip()]
        if any(not re.match(r"^https?://", u, re.I) for u in url_list):
            raise HTTPException(422, "only http(s) URLs can be added")
        if not files and not url_list:
            raise HTTPException(422, "send files or urls")
        with add_lock, tempfile.TemporaryDirectory(prefix="storyline-upload-") as tmp:
            inputs = []
            for i, upload in enumerate(files):
                name = (
                    re.sub(r"[^\w.-]", "_", Path(upload.filename or "upload.txt").name)[-100:] or "upload.txt"
                )
                target = Path(tmp) / f"{i:04d}-{name}"
                with open(target, "wb") as out:
                    while chunk := upload.file.read(1 << 20):
                        out.write(chunk)
                inputs.append(str(target))
            result = _add(source, inputs + url_list, lambda p: p.replace(tmp + "/", "upload/"), progress)
        story = result.story
        return {
            "added": result.added,
            "skipped": result.skipped,
            "analysed": result.analysed,
            "failures": [{"path": f.path, "reason": f.reason} for f in result.failures],
            "documents": len(story.documents) if story else None,
        }

    @app.get("/api/entities", tags=["entities"])
    def entities(
        q: str | None = None, type: Many = None, limit: Limit = 50, offset: Offset = 0
    ) -> dict[str, Any]:
        """Actors and places: canonical name, every spelling seen (aliases) and roles; most
        mentioned first."""
        return queries.entities(db(), q=q, type=type or [], limit=limit, offset=offset)

    @app.get("/api/entities/{entity_id}", tags=["entities"])
    def entity(entity_id: str) -> dict[str, Any]:
        return _found(queries.entity(db(), entity_id))

    @app.get("/api/search", tags=["story"])
    def search(
        q: Annotated[str, Query(min_length=1, max_length=500)],
        kind: Many = None,
        limit: Limit = 20,
        offset: Offset = 0,
    ) -> dict[str, Any]:
        """Full-text search over documents, events and entities. In `snippet`, U+E000 and U+E001
        enclose the matched words."""
        return queries.search(db(), q, kind or [], limit, offset)

    @app.get("/api/states", tags=["states"])
    def states(
        as_of: Day = None,
        entity: str | None = None,
        relation: str | None = None,
        limit: Limit = 100,
        offset: Offset = 0,
    ) -> dict[str, Any]:
        """State intervals (subject, relation, object, from, until); `as_of` keeps those holding that day."""
        return queries.states(
            db(), as_of=_first_day(as_of), entity=entity, relation=relation, limit=limit, offset=offset
        )

    @app.get("/api/claims", tags=["states"])
    def claims(
        status: Many = None, doc: str | None = None, limit: Limit = 100, offset: Offset = 0
    ) -> dict[str, Any]:
        """Claims and their flags: current, superseded or contradicted, with what supersedes them."""
        return queries.claims(db(), status=status or [], doc=doc, limit=limit, offset=offset)

    @app.get("/api/export/story.json", tags=["exports"])
    def export_json() -> JSONResponse:
        """The whole story.json."""
        return JSONResponse(
            read_story(db()), headers={"content-disposition": 'attachment; filename="story.json"'}
        )

    @app.get("/api/export/story.html", tags=["exports"], response_class=HTMLResponse)
    def export_html() -> Response:
        """The self-contained page (opens from disk, no server)."""
        from storyline.render.story_html import render_story_html

        return Response(
            render_story_html(read_story(db())),
            media_type="text/html; charset=utf-8",
            headers={"content-disposition": 'attachment; filename="story.html"'},
        )

    @app.get("/api/export/timeline.csv", tags=["exports"], response_class=PlainTextResponse)
    def export_csv() -> Response:
        """The timeline as CSV: position, date, granularity, type, modality, summary, sources."""
        buf = io.StringIO()
        writer = csv.writer(buf)
        writer.writerow(
            ["position", "event", "date", "granularity", "type", "modality", "summary", "source_count"]
        )
        page = queries.timeline(db(), queries.EventFilters(), limit=10**9, offset=0)
        for item in page["items"]:
            date = item["date"] or {}
            writer.writerow(
                [
                    _csv_cell(v)
                    for v in (
                        item["rank"],
                        item["id"],
                        date.get("value"),
                        date.get("granularity"),
                        item["type"],
                        item["modality"],
                        item["summary"],
                        item["source_count"],
                    )
                ]
            )
        return Response(
            buf.getvalue(),
            media_type="text/csv; charset=utf-8",
            headers={"content-disposition": 'attachment; filename="timeline.csv"'},
        )

    app.mount("/static", StaticFiles(directory=str(STATIC)), name="static")
    if settings.allowed_hosts:  # DNS rebinding: a page on another site must not reach a loopback server
        app.add_middleware(TrustedHostMiddleware, allowed_hosts=list(settings.allowed_hosts))
    app.add_middleware(GuardMiddleware, settings=settings)
    app.state.source = source
    return app


def _add(source: StorySource, inputs: list[str], rename: Callable[[str], str], progress: Callable | None):
    from storyline.store.incremental import add_inputs

    assert source.db_path is not None
    result = add_inputs(source.db_path, inputs, path_map=rename, progress=progress)
    if source.outdir is not None and result.story is not None:
        from storyline.render import write_outputs

        write_outputs(result.story, source.outdir)
    return result


def _found(value: dict[str, Any] | None) -> dict[str, Any]:
    if value is None:
        raise HTTPException(404, "not found")
    return value


def _first_day(value: str | None) -> str | None:
    return day_interval({"value": value, "granularity": ""})[0] if value else None


def _last_day(value: str | None) -> str | None:
    return day_interval({"value": value, "granularity": ""})[1] if value else None


def _csv_cell(value: Any) -> Any:
    """Article text is untrusted: keep a spreadsheet from reading a cell as a formula."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value
