"""The app factory: ``create_app(db, ...)`` builds the Starlette app the CLI serves and the
tests drive in-process. Routes come from the page declarations in :mod:`.views`."""

from __future__ import annotations

import json
import math
from contextlib import asynccontextmanager
from pathlib import Path
from urllib.parse import urlencode

from jinja2 import Environment, PackageLoader, StrictUndefined
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from ..knowledge.ontology import load_ontology
from ..analysis.dedup import load_stop_words
from ..settings import MAX_CHARS, VERSION
from ..store import Database
from .access import StoreAccess
from .context import AppState, ViewContext
from .openapi import json_path, openapi
from .pages import Page, PageError, Redirect, to_json
from .security import BodyLimit, SecurityHeaders, cross_site
from .snapshot import SnapshotCache
from .uploads import Uploads
from .urls import json_twin, with_query
from .views import PAGES
from .views.upload import receive_upload

STATIC = Path(__file__).parent / "static"
MAX_UPLOAD_BYTES = 25 * 1024 * 1024
MAX_FILES = 100
MAX_OTHER_BODY = 64 * 1024
NAV = (("/", "Overview"), ("/search", "Search"), ("/upload", "Upload"), ("/api", "API"))


def _fmt(value, spec: str = "") -> str:
    """Numbers for people: missing as an en dash, floats to two decimals (signed with ``+``)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    if spec == "+":
        return f"{value:+.2f}"
    if isinstance(value, float):
        return f"{value:.2f}"
    return f"{value:,}" if isinstance(value, int) and not isinstance(value, bool) else str(value)


def _environment() -> Environment:
    env = Environment(loader=PackageLoader("dyadscope.web", "templates"), autoescape=True, undefined=StrictUndefined,
                      trim_blocks=True, lstrip_blocks=True)
    env.globals.update(fmt=_fmt, with_query=with_query, nav=NAV, version=VERSION)
    return env


def _wants_json(request: Request) -> bool:
    return request.url.path.endswith(".json") or request.query_params.get("format") == "json"


class Renderer:
    """Turns page data (or an error) into an HTML or JSON response."""

    def __init__(self, state: AppState):
        self.state = state
        self.env = _environment()

    def page(self, request: Request, page: Page, data: dict, ctx: ViewContext, *, as_json: bool) -> Response:
        data["stale"] = ctx.stale
        if as_json:
            return Response(to_json(data), media_type="application/json")
        query = urlencode([(k, v) for k, v in request.query_params.multi_items() if k != "format"])
        html = self.env.get_template(page.template).render(
            d=data, page=page.name, path=ctx.path, json_url=json_twin(ctx.path, query),
            read_only=self.state.read_only, db_label=self.state.db_label, stale=ctx.stale,
        )
        return HTMLResponse(html)

    def error(self, request: Request, status: int, message: str) -> Response:
        if _wants_json(request):
            return Response(json.dumps({"error": {"status": status, "message": message}}), status, media_type="application/json")
        html = self.env.get_template("error.html").render(status=status, message=message, page="error", path=request.url.path,
                                                          json_url=None, read_only=self.state.read_only,
                                                          db_label=self.state.db_label, stale=False)
        return HTMLResponse(html, status)


def _page_route(page: Page, renderer: Renderer, *, as_json: bool) -> Route:
    path = json_path(page.path) if as_json else page.path

    def endpoint(request: Request) -> Response:  # sync: Starlette runs it in a worker thread
        ctx = ViewContext(renderer.state, page.path if page.path == "/" else request.url.path.removesuffix(".json"))
        want_json = as_json or request.query_params.get("format") == "json"
        try:
            data = page.build(ctx, page.parse(request.query_params, request.path_params))
        except PageError as e:
            return renderer.error(request, e.status, e.message)
        except Redirect as r:
            target = r.url
            if want_json:
                base, _, query = target.partition("?")
                target = json_twin(base, query)
            return RedirectResponse(target, 302)
        return renderer.page(request, page, data, ctx, as_json=want_json)

    return Route(path, endpoint, methods=["GET"], name=f"{page.name}{'_json' if as_json else ''}")


def _upload_route(renderer: Renderer) -> Route:
    async def endpoint(request: Request) -> Response:
        state = renderer.state
        if cross_site(request.headers):
            return renderer.error(request, 403, "cross-site upload refused: post the form from this app's own page")
        try:
            job_id = await receive_upload(request, state)
        except PageError as e:
            return renderer.error(request, e.status, e.message)
        if request.query_params.get("format") == "json":
            data = {"job": state.uploads.get(job_id).public(), "url": f"/uploads/{job_id}.json"}
            return Response(to_json(data), 202, media_type="application/json", headers={"Location": f"/uploads/{job_id}.json"})
        return RedirectResponse(f"/uploads/{job_id}", 303)

    return Route("/upload", endpoint, methods=["POST"], name="upload_post")


def _routes(renderer: Renderer) -> list:
    """The upload POST, every page and its JSON twin (twins first: ``{b}`` would match ``RUS.json``),
    the OpenAPI description and its HTML listing, static files."""
    state = renderer.state

    def openapi_endpoint(request: Request) -> Response:
        return Response(json.dumps(openapi(PAGES, read_only=state.read_only)), media_type="application/json")

    def api_page(request: Request) -> Response:
        spec = openapi(PAGES, read_only=state.read_only)
        html = renderer.env.get_template("api.html").render(spec=spec, page="api", path="/api", json_url="/openapi.json",
                                                           read_only=state.read_only, db_label=state.db_label, stale=False)
        return HTMLResponse(html)

    routes = [_upload_route(renderer)]
    routes += [_page_route(p, renderer, as_json=True) for p in PAGES]
    routes += [_page_route(p, renderer, as_json=False) for p in PAGES]
    return routes + [
        Route("/openapi.json", openapi_endpoint, methods=["GET"]),
        Route("/api", api_page, methods=["GET"]),
        Route("/favicon.ico", lambda request: FileResponse(STATIC / "favicon.svg", media_type="image/svg+xml")),
        Mount("/static", StaticFiles(directory=STATIC), name="static"),
    ]


def create_app(
    db: Database,
    *,
    read_only: bool = False,
    engine=None,
    db_label: str | None = None,
    max_upload_bytes: int = MAX_UPLOAD_BYTES,
    max_files: int = MAX_FILES,
    max_chars: int = MAX_CHARS,
    allowed_hosts: list[str] | None = None,
) -> Starlette:
    """The web app over an open store.

    Args:
        db: The store; the app reads through cursors of it and, unless ``read_only``, writes
            uploads through it (one writer, see :mod:`.access`). The caller closes it.
        read_only: Refuse uploads (pass it when ``db`` was opened read-only).
        engine: What uploads are ingested with: a :class:`dyadscope.batch.Engine` (in this
            process; one loading the default pipeline on first use when None) or, as ``serve``
            does, a :class:`~.worker.WorkerEngine` (in worker processes).
        db_label: How pages name the database (its path by default).
        max_upload_bytes, max_files: Limits of one upload request.
        max_chars: The ingest's per-document limit (``dyadscope ingest --max-chars``).
        allowed_hosts: Host headers accepted (all when None); the CLI passes the loopback names
            when it binds to loopback, which defeats DNS rebinding.

    Returns:
        The app; ``app.state.web`` is its :class:`~.context.AppState`.
    """
    access = StoreAccess(db, read_only=read_only)
    cache = SnapshotCache(access.reader, ontology=load_ontology(), stop_words=load_stop_words())
    uploads = None
    if not read_only:
        if engine is None:
            from ..batch import Engine

            engine = Engine()
        uploads = Uploads(access, cache, engine, max_chars=max_chars)
    state = AppState(access, cache, uploads, db_label or db.path, max_upload_bytes, max_files, max_chars)
    renderer = Renderer(state)

    async def http_error(request: Request, exc: HTTPException) -> Response:
        message = {404: "no such page", 405: "method not allowed"}.get(exc.status_code, str(exc.detail))
        return renderer.error(request, exc.status_code, message)

    @asynccontextmanager
    async def lifespan(app):
        yield
        if uploads is not None:
            uploads.close()

    def body_limit(scope) -> int:
        if scope.get("method") == "POST" and scope.get("path") == "/upload":
            return max_upload_bytes + 1024 * 1024  # room for the multipart framing
        return MAX_OTHER_BODY

    middleware = [
        Middleware(SecurityHeaders),
        Middleware(BodyLimit, limit=body_limit),
        Middleware(TrustedHostMiddleware, allowed_hosts=allowed_hosts or ["*"]),
    ]
    app = Starlette(routes=_routes(renderer), middleware=middleware, exception_handlers={HTTPException: http_error}, lifespan=lifespan)
    app.state.web = state
    return app
