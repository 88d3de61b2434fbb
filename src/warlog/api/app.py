"""The FastAPI app: events, reports, claims and statistics to read; ingest and review to write; the web map at /."""

from __future__ import annotations

import threading
from datetime import date
from importlib import resources
from typing import Annotated, Any

from fastapi import FastAPI, HTTPException, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.cors import CORSMiddleware
from fastapi.middleware.gzip import GZipMiddleware
from fastapi.responses import FileResponse, JSONResponse, Response, StreamingResponse
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, Field
from sqlalchemy.exc import InternalError, OperationalError

from warlog.api.cache import CacheHitMiddleware, ResponseCache, cached_response, encode, open_shared
from warlog.api.config import ServeConfig
from warlog.api.limits import (
    AllowedHostsMiddleware,
    BodyLimitMiddleware,
    CleanRequestTextMiddleware,
    SecurityHeadersMiddleware,
)
from warlog.api.panels import router as panels_router
from warlog.api.params import Admin, Analyst, Filter, Reader
from warlog.api.reviewing import ReviewError
from warlog.api.validation import (
    Page,
    PageSize,
    Text,
    database_refused,
    validation_error,
)
from warlog.ingest import MAX_REPORT_CHARS
from warlog.store import Store
from warlog.store.query import (
    SORT_KEYS,
    STAT_DIMENSIONS,
    event_detail,
    iter_events,
    list_claims,
    list_events,
    page_events,
    report_detail,
    stats,
)
from warlog.store.read import parse_fields

# ---------------------------------------------------------------------------------------------------------------------
# request bodies


class ReportIn(BaseModel):
    """A report to ingest: its text, or a URL to fetch (private addresses refused unless the server allows them)."""

    text: Text | None = Field(default=None, max_length=MAX_REPORT_CHARS)  # the CLI's limit: one limit, one answer
    url: Text | None = Field(default=None, max_length=2000)
    title: Text | None = Field(default=None, max_length=1000)
    outlet: Text | None = Field(default=None, max_length=300)
    published: date | None = None


class NoteIn(BaseModel):
    """An optional note kept in the audit trail."""

    note: Text | None = Field(default=None, max_length=5000)


class EditIn(NoteIn):
    """Fields to override, by ACLED name (event_date, event_type, fatalities, admin1, latitude, ...)."""

    fields: dict[str, Any] = Field(max_length=40)


class MergeIn(NoteIn):
    """The event to fold into this one."""

    other_id: Text = Field(max_length=40)


class SplitIn(NoteIn):
    """The mentions to move into a new event."""

    mention_ids: list[Annotated[Text, Field(max_length=40)]] = Field(min_length=1, max_length=1000)


class TokenIn(BaseModel):
    """A token to create."""

    name: Text = Field(min_length=1, max_length=100)
    role: str = Field(pattern="^(analyst|admin)$")


def _sort(sort: str) -> str:
    """Validate a sort key ("-event_date", "fatalities", ...)."""
    if sort.lstrip("-+") not in SORT_KEYS:
        raise HTTPException(422, f"sort by one of {', '.join(SORT_KEYS)} (prefix - for descending)")
    return sort


# ---------------------------------------------------------------------------------------------------------------------
# the app


def _web_dir() -> Any:
    """The packaged static web UI."""
    return resources.files("warlog.web") / "static"


def create_app(config: ServeConfig | None = None, *, store: Store | None = None, nlp: Any = None) -> FastAPI:
    """Build the app over one store; `nlp` lets tests share a loaded spaCy pipeline."""
    config = config or ServeConfig()
    app = FastAPI(
        docs_url=None,  # Swagger UI loads from a CDN: the OpenAPI document itself is at /openapi.json
        redoc_url=None,
        title="warlog",
        version="0.1.0",
        description="ACLED-style conflict events extracted from news reports, with sources, evidence and review.",
    )
    app.state.config = config
    app.state.store = store or Store(config.db_url)
    app.state.nlp = nlp
    app.state.nlp_lock = threading.Lock()
    mb = config.response_cache_mb
    app.state.response_cache = ResponseCache(mb * 2**20) if mb > 0 else None
    app.state.shared_responses = open_shared(config.shared_cache, 2 * mb * 2**20) if mb > 0 else None
    app.add_middleware(GZipMiddleware, minimum_size=2048, compresslevel=6)
    app.add_middleware(CacheHitMiddleware)  # kept read responses, before routing (inside the headers and checks)
    app.add_middleware(SecurityHeadersMiddleware)
    app.add_middleware(BodyLimitMiddleware, max_bytes=config.max_body_bytes)
    if config.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=list(config.cors_origins),
            allow_methods=["GET", "POST", "PATCH"],
            allow_headers=["Authorization", "Content-Type"],
        )
    app.add_middleware(CleanRequestTextMiddleware)
    app.add_middleware(AllowedHostsMiddleware, allowed=config.host_names())  # outermost: checked first

    app.add_exception_handler(RequestValidationError, validation_error)  # type: ignore[arg-type]
    app.add_exception_handler(OperationalError, database_refused)
    app.add_exception_handler(InternalError, database_refused)  # PostgreSQL: read-only transaction

    @app.exception_handler(ReviewError)
    async def _review_error(_request: Request, exc: ReviewError) -> JSONResponse:
        return JSONResponse({"detail": str(exc)}, status_code=exc.status)

    if config.threads > 0:

        def _limit_threads() -> None:
            import anyio.to_thread

            anyio.to_thread.current_default_thread_limiter().total_tokens = config.threads

        app.router.on_startup.append(_limit_threads)
    _read_routes(app, config)

    app.include_router(panels_router)
    _write_routes(app, config)
    _web_routes(app)
    return app


def _page_size(config: ServeConfig, page_size: int) -> int:
    """Refuse page sizes over the configured bound."""
    if page_size > config.max_page_size:
        raise HTTPException(422, f"page_size is at most {config.max_page_size}")
    return page_size


def _read_routes(app: FastAPI, config: ServeConfig) -> None:
    """GET endpoints."""

    @app.get("/api/events", tags=["events"])
    def get_events(
        request: Request,
        who: Reader,
        f: Filter,
        sort: Annotated[str, Query(max_length=40)] = "-event_date",
        page: Page = 1,
        page_size: PageSize = 100,
        after: Annotated[
            str | None, Query(max_length=1000, description="keyset paging: the `next` of the previous page")
        ] = None,
        fields: Annotated[
            str | None,
            Query(
                max_length=1000,
                description="only these item keys, a comma list (the web map's table asks for its columns); items "
                "without report fields (evidence, reports, title, url, ...) cost much less to build",
            ),
        ] = None,
    ) -> Response:
        """Events with reviewed values, filtered, sorted and paginated (by `page`, or by `after` = the previous
        page's `next`, which costs the same at any depth); `total` counts every match, counted once per filter
        until the data changes (`total_cached` says when it came from that cache); where an exact count would be
        dear (many matches of a costly filter) it is an estimate from a uniform sample, about 5% off, and
        `count_exact` is false. The whole response is kept until the data changes (see warlog.api.cache;
        `X-Warlog-Cache` says hit or miss)."""
        size = _page_size(config, page_size)
        if sort.lstrip("-+") == "relevance" and not (f.q and f.q.strip()):
            raise HTTPException(422, "sort=relevance needs a search (q)")
        key = _sort(sort)
        try:
            want = parse_fields(fields)
        except ValueError as exc:
            raise HTTPException(422, str(exc)) from None

        def compute() -> dict[str, Any]:
            try:
                res = page_events(
                    request.app.state.store.engine,
                    f,
                    sort=key,
                    limit=size,
                    offset=(page - 1) * size,
                    after=after,
                    fields=want,
                    data_version=getattr(request.state, "data_version", None),
                    exact_total=False,
                )
            except ValueError as exc:
                raise HTTPException(422, str(exc)) from None
            return {
                "total": res.total,
                "total_cached": res.total_cached,
                "count_exact": res.total_exact,
                "page": None if after else page,
                "page_size": size,
                "next": res.next,
                "items": res.items,
            }

        return cached_response(request, compute)

    @app.get("/api/events.geojson", tags=["events"])
    def get_events_geojson(
        request: Request,
        who: Reader,
        f: Filter,
        sort: Annotated[str, Query(max_length=40)] = "-event_date",
        limit: PageSize = 5000,
        fields: Annotated[
            str | None,
            Query(
                max_length=1000,
                description="only these keys in each feature's properties, a comma list (the web map asks for what "
                "its markers show); without report fields (evidence, reports, title, url, ...) a feature is built "
                "from the event's row alone",
            ),
        ] = None,
    ) -> Response:
        """Events with coordinates as an RFC 7946 FeatureCollection (at most `limit`, bounded by the server)."""
        from warlog.export import to_geojson

        if limit > config.max_geojson:
            raise HTTPException(422, f"limit is at most {config.max_geojson}")
        key = _sort(sort)
        try:
            want = parse_fields(fields)
        except ValueError as exc:
            raise HTTPException(422, str(exc)) from None

        def compute() -> bytes:
            engine = request.app.state.store.engine
            if want is None:
                total, items = list_events(engine, f, sort=key, limit=limit)
                fc = to_geojson(items)
            else:
                total, fc = _geojson_fields(engine, f, key, limit, want)
            fc["total"] = total
            return encode(fc)  # orjson: a map's 5000 features encode in a few ms

        return cached_response(request, compute, media_type="application/geo+json", raw=True)

    @app.get("/api/events.csv", tags=["events"])
    def get_events_csv(request: Request, who: Reader, f: Filter) -> StreamingResponse:
        """Every matching event in ACLED's columns (then warlog's), streamed in id order; reviewed values, rejected
        events left out unless asked for. The same CSV as `warlog export` (BOM, formula cells escaped)."""
        from warlog.export import acled_csv_chunks

        engine = request.app.state.store.engine
        return StreamingResponse(
            acled_csv_chunks(iter_events(engine, f)),
            media_type="text/csv; charset=utf-8",
            headers={"Content-Disposition": 'attachment; filename="warlog-events.csv"'},
        )

    @app.get("/api/events/{event_id}", tags=["events"])
    def get_event(request: Request, who: Reader, event_id: str) -> dict[str, Any]:
        """One event: reviewed fields, reports with evidence offsets, sources, figures per source, flags, history."""
        d = event_detail(request.app.state.store.engine, event_id[:40])
        if d is None:
            raise HTTPException(404, f"no event {event_id[:40]}")
        _attach_report_texts(request.app.state.store, d)
        return d

    @app.get("/api/reports/{report_id}", tags=["reports"])
    def get_report(request: Request, who: Reader, report_id: str) -> dict[str, Any]:
        """A report's text and metadata with its mentions (evidence offsets, event ids) and claims."""
        d = report_detail(request.app.state.store.engine, report_id[:40])
        if d is None:
            raise HTTPException(404, f"no report {report_id[:40]}")
        return d

    @app.get("/api/claims", tags=["reports"])
    def get_claims(
        request: Request,
        who: Reader,
        report_id: Annotated[str | None, Query(max_length=40)] = None,
        q: Annotated[str | None, Query(max_length=300)] = None,
        page: Page = 1,
        page_size: PageSize = 100,
    ) -> dict[str, Any]:
        """Aggregate or contested figures ("400 killed since September"), optionally one report's."""
        size = _page_size(config, page_size)
        total, items = list_claims(
            request.app.state.store.engine, report_id=report_id, q=q, limit=size, offset=(page - 1) * size
        )
        return {"total": total, "page": page, "page_size": size, "items": items}

    @app.get("/api/stats", tags=["events"])
    def get_stats(
        request: Request,
        who: Reader,
        f: Filter,
        by: Annotated[
            str, Query(max_length=200, description="breakdowns: day, type, admin1 (comma list)")
        ] = "day,type,admin1",
    ) -> Response:
        """Counts and fatalities of the matching events, in total and by day, event type and admin1 (kept until the
        data changes)."""
        dims = tuple(dict.fromkeys(b.strip() for b in by.split(",") if b.strip()))
        if not set(dims) <= set(STAT_DIMENSIONS):
            raise HTTPException(422, f"by: some of {', '.join(STAT_DIMENSIONS)}")
        return cached_response(request, lambda: stats(request.app.state.store.engine, f, by=dims))

    @app.get("/api/me", tags=["access"])
    def get_me(who: Reader) -> dict[str, str]:
        """Who the server takes the caller to be."""
        return {"name": who.name, "role": who.role}


def _geojson_fields(engine: Any, f: Any, sort: str, limit: int, want: tuple[str, ...]) -> tuple[int, dict[str, Any]]:
    """(total, FeatureCollection) of the matching events whose features' properties hold only the `want` keys: the
    page is read with only those columns and the coordinates (`page_events`' fields: no report reads when no report
    key is asked for), each feature's properties those keys of what `to_geojson` writes."""
    from warlog.export import to_geojson
    from warlog.store.read import ITEM_FIELDS

    need = set(want) | {"id", "latitude", "longitude"}
    page = page_events(engine, f, sort=sort, limit=limit, fields=tuple(k for k in ITEM_FIELDS if k in need))
    return page.total, to_geojson(page.items, want)


def _attach_report_texts(store: Store, d: dict[str, Any], max_reports: int = 20) -> None:
    """Add each report's text (first max_reports) to the event's reports, for the evidence view."""
    import sqlalchemy as sa

    from warlog.store.schema import reports

    ids = [r["report_id"] for r in d.get("reports", [])][:max_reports]
    if not ids:
        return
    with store.engine.connect() as conn:
        texts = dict(conn.execute(sa.select(reports.c.id, reports.c.text).where(reports.c.id.in_(ids))).all())
    for r in d["reports"]:
        r["text"] = texts.get(r["report_id"])
    d["reports_truncated"] = len(d["reports"]) > max_reports


def _write_routes(app: FastAPI, config: ServeConfig) -> None:
    """POST/PATCH endpoints: ingest and review (analyst), tokens (admin)."""
    from warlog.api import reviewing

    def nlp_for(request: Request) -> Any:
        """The spaCy pipeline, loaded once on first use."""
        with request.app.state.nlp_lock:
            if request.app.state.nlp is None:
                from warlog.extract.nlp import load_nlp

                request.app.state.nlp = load_nlp()
            return request.app.state.nlp

    @app.post("/api/reports", tags=["reports"], status_code=201)
    def post_report(request: Request, who: Analyst, body: ReportIn) -> dict[str, Any]:
        """Ingest a report from text or a URL: extract, store, link; returns the report and event ids."""
        nlp = nlp_for(request)
        return reviewing.ingest_report(
            request.app.state.store,
            actor=who.name,
            text=body.text,
            url=body.url,
            title=body.title,
            outlet=body.outlet,
            published=body.published,
            allow_private=config.allow_private_urls,
            nlp=nlp,
            link=config.link_on_ingest,
        )

    @app.post("/api/events/{event_id}/confirm", tags=["review"])
    def post_confirm(request: Request, who: Analyst, event_id: str, body: NoteIn | None = None) -> dict[str, Any]:
        """Mark the event checked and right."""
        return reviewing.confirm(request.app.state.store, event_id, who.name, body.note if body else None)

    @app.post("/api/events/{event_id}/reject", tags=["review"])
    def post_reject(request: Request, who: Analyst, event_id: str, body: NoteIn | None = None) -> dict[str, Any]:
        """Mark the event wrong: left out of lists and exports unless asked for."""
        return reviewing.reject(request.app.state.store, event_id, who.name, body.note if body else None)

    @app.patch("/api/events/{event_id}", tags=["review"])
    def patch_event(request: Request, who: Analyst, event_id: str, body: EditIn) -> dict[str, Any]:
        """Override fields; the machine's values are kept and shown beside the reviewed ones."""
        return reviewing.edit(request.app.state.store, event_id, body.fields, who.name, body.note)

    @app.post("/api/events/{event_id}/merge", tags=["review"])
    def post_merge(request: Request, who: Analyst, event_id: str, body: MergeIn) -> dict[str, Any]:
        """Fold another event (the same happening) into this one."""
        return reviewing.merge(request.app.state.store, event_id, body.other_id, who.name, body.note)

    @app.post("/api/events/{event_id}/split", tags=["review"])
    def post_split(request: Request, who: Analyst, event_id: str, body: SplitIn) -> dict[str, Any]:
        """Move some of the event's mentions into a new event."""
        return reviewing.split(request.app.state.store, event_id, body.mention_ids, who.name, body.note)

    @app.get("/api/tokens", tags=["access"])
    def get_tokens(request: Request, who: Admin) -> list[dict[str, Any]]:
        """Token names, roles and dates (never the tokens)."""
        from warlog.store.review import list_tokens

        return list_tokens(request.app.state.store.engine)

    @app.post("/api/tokens", tags=["access"], status_code=201)
    def post_token(request: Request, who: Admin, body: TokenIn) -> dict[str, str]:
        """Create a token; it is shown once."""
        from warlog.store.review import create_token

        try:
            token = create_token(request.app.state.store, body.name, body.role)
        except ValueError as exc:
            raise HTTPException(409, str(exc)) from None
        return {"name": body.name, "role": body.role, "token": token}


def _web_routes(app: FastAPI) -> None:
    """The web UI: index at /, assets under /static."""
    web = _web_dir()
    app.mount("/static", StaticFiles(directory=str(web)), name="static")

    @app.get("/", include_in_schema=False)
    def index() -> FileResponse:
        return FileResponse(str(web / "index.html"), media_type="text/html")

    @app.get("/favicon.ico", include_in_schema=False)
    def favicon() -> Response:
        return Response(status_code=204)
