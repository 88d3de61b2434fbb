"""Read responses kept in each server process and served again until the store's data changes.

The web UI asks the same questions over and over (the first page, a country, a search term, the panels of the
unfiltered view). Each is computed once per data version (`warlog.store.version`: a counter in the database that
every write raises, in whatever process it runs), then served from memory for the price of one primary-key read.
The JSON is encoded once, and compressed once for clients that accept gzip.

- The version is read before the response is computed, so a response is never kept under a newer version than the
  data it shows; several workers (`warlog serve --workers N`) each keep their own entries and agree on staleness.
- `Cache-Control: no-cache` on a request computes it afresh (and refreshes the entry).
- Responses carry `X-Warlog-Cache: hit`, `miss` or `off`.
- `WARLOG_RESPONSE_CACHE_MB` bounds the memory per process (default 128; 0 turns the cache off).
- Several workers share what they compute (`SharedResponses`, a SQLite file `warlog serve --workers N` makes in a
  private temporary folder): a response missing from a worker's memory is looked up there before it is computed, so
  N workers compute each response about once instead of up to N times. Entries carry their data version as in memory.
- A hit is answered by `CacheHitMiddleware` before FastAPI parses anything (no routing, no dependency solving, no
  worker thread): the request's path and query name the entry, the data version is read, the kept bytes go out. Only
  requests that need no token (no Authorization header, reading open to this client) take that path; the others go
  through the route, which finds the same entry.
"""

from __future__ import annotations

import gzip
import json
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from urllib.parse import parse_qsl

import orjson
from fastapi import Request
from fastapi.responses import Response

from warlog.store import version

GZIP_MIN_BYTES = 2048  # what the app's GZipMiddleware compresses
GZIP_LEVEL = 6  # within a few per cent of level 9's size on this JSON, at a fraction of its CPU


@dataclass
class Entry:
    """One kept response: the data version it was computed at, its body, and its gzip form once asked for."""

    version: int
    body: bytes
    media_type: str
    gzipped: bytes | None = None

    @property
    def size(self) -> int:
        return len(self.body) + len(self.gzipped or b"")


class ResponseCache:
    """A least-recently-used map of (path, query) -> Entry, bounded in bytes; thread-safe. Computing is single-flight:
    while one request computes a response, others asking the same at the same data version wait for it instead of
    computing it again (20 clients opening the same view at once used to compute it 20 times over, side by side)."""

    def __init__(self, max_bytes: int) -> None:
        self.max_bytes = max_bytes
        self._entries: OrderedDict[tuple, Entry] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()
        self._flights: dict[tuple, threading.Lock] = {}

    def flight(self, key: tuple, data_version: int) -> threading.Lock:
        """The lock held while this key is computed at this data version (the same lock for every caller)."""
        with self._lock:
            return self._flights.setdefault((key, data_version), threading.Lock())

    def landed(self, key: tuple, data_version: int) -> None:
        """Forget the lock of a finished computation."""
        with self._lock:
            self._flights.pop((key, data_version), None)

    def get(self, key: tuple, data_version: int) -> Entry | None:
        """The entry for key if it was computed at this data version."""
        with self._lock:
            entry = self._entries.get(key)
            if entry is None or entry.version != data_version:
                return None
            self._entries.move_to_end(key)
            return entry

    def put(self, key: tuple, entry: Entry) -> None:
        """Keep an entry (unless it alone is over the bound), dropping the least recently used beyond the bound."""
        if entry.size > self.max_bytes:
            return
        with self._lock:
            old = self._entries.pop(key, None)
            self._bytes += entry.size - (old.size if old else 0)
            self._entries[key] = entry
            while self._bytes > self.max_bytes and self._entries:
                _k, dropped = self._entries.popitem(last=False)
                self._bytes -= dropped.size

    def gzipped(self, entry: Entry) -> bytes:
        """The entry's body compressed (once; the bytes count against the bound)."""
        if entry.gzipped is None:
            data = gzip.compress(entry.body, compresslevel=GZIP_LEVEL, mtime=0)
            with self._lock:
                if entry.gzipped is None:
                    entry.gzipped = data
                    self._bytes += len(data)
        return entry.gzipped

    def __len__(self) -> int:
        return len(self._entries)

    def __contains__(self, key: tuple) -> bool:
        """Whether an entry (of any data version) is kept under key: a cheap test before the version is read."""
        return key in self._entries


def open_shared(path: str | None, max_bytes: int) -> SharedResponses | None:
    """The shared responses file of this server's workers, or None (none configured, or it cannot be opened: each
    worker then keeps its own responses only)."""
    import logging
    import sqlite3

    if not path:
        return None
    try:
        return SharedResponses(path, max_bytes)
    except (sqlite3.Error, OSError) as exc:
        logging.getLogger(__name__).warning("responses not shared between workers: %s: %s", path, exc)
        return None


class SharedResponses:
    """Responses shared by the server processes of one machine through a SQLite file: (key, data version, media type,
    body, gzip form). A lookup is one primary-key read (about 0.1 ms plus the body's bytes); a write replaces the key's
    row and drops the rows of older data versions (they can never be served again). Bounded in bytes: past the bound
    the oldest half is dropped. Errors (a locked or damaged file) only cost the lookup: the response is computed."""

    def __init__(self, path: str, max_bytes: int) -> None:
        import sqlite3

        self.path = path
        self.max_bytes = max_bytes
        self._lock = threading.Lock()
        self._conn = sqlite3.connect(path, timeout=2, check_same_thread=False, isolation_level=None)
        self._conn.execute("PRAGMA journal_mode=WAL")
        self._conn.execute("PRAGMA synchronous=OFF")  # a cache: a crash loses entries, never data
        self._conn.execute(
            "CREATE TABLE IF NOT EXISTS responses (key TEXT PRIMARY KEY, version INTEGER NOT NULL, "
            "media_type TEXT NOT NULL, body BLOB NOT NULL, gzipped BLOB, size INTEGER NOT NULL, at REAL NOT NULL)"
        )
        self._newest = 0  # the highest data version written from this process

    @staticmethod
    def _key(key: tuple) -> str:
        return json.dumps(key, separators=(",", ":"), ensure_ascii=False)

    def get(self, key: tuple, data_version: int) -> Entry | None:
        """The shared entry for key if it was computed at this data version."""
        import sqlite3

        try:
            with self._lock:
                row = self._conn.execute(
                    "SELECT version, media_type, body, gzipped FROM responses WHERE key = ?", (self._key(key),)
                ).fetchone()
        except sqlite3.Error:
            return None
        if row is None or row[0] != data_version:
            return None
        return Entry(row[0], bytes(row[2]), row[1], None if row[3] is None else bytes(row[3]))

    def put(self, key: tuple, entry: Entry) -> None:
        """Share an entry (unless it alone is over the bound)."""
        import sqlite3
        import time

        if entry.size > self.max_bytes:
            return
        try:
            with self._lock:
                self._conn.execute(
                    "INSERT OR REPLACE INTO responses VALUES (?, ?, ?, ?, ?, ?, ?)",
                    (self._key(key), entry.version, entry.media_type, entry.body, entry.gzipped, entry.size,
                     time.time()),
                )  # fmt: skip
                if entry.version > self._newest:
                    self._newest = entry.version
                    self._conn.execute("DELETE FROM responses WHERE version < ?", (entry.version,))
                total = self._conn.execute("SELECT coalesce(sum(size), 0) FROM responses").fetchone()[0]
                if total > self.max_bytes:
                    self._conn.execute(
                        "DELETE FROM responses WHERE key IN (SELECT key FROM responses ORDER BY at LIMIT "
                        "(SELECT count(*) / 2 + 1 FROM responses))"
                    )
        except sqlite3.Error:
            return


def _plain(value: Any) -> Any:
    """JSON for the values json cannot encode: dates as ISO text (what FastAPI's encoder writes), the rest as text."""
    if isinstance(value, datetime | date):
        return value.isoformat()
    return str(value)


_ORJSON = orjson.OPT_NON_STR_KEYS | orjson.OPT_PASSTHROUGH_DATACLASS


def encode(data: Any) -> bytes:
    """The JSON body of a response: orjson (about 8x faster than json on a page of events), the same text as
    json.dumps(ensure_ascii=False, compact) for what the API returns; json for what orjson refuses (integers past 64
    bits)."""
    try:
        return orjson.dumps(data, default=_plain, option=_ORJSON)
    except TypeError:
        return json.dumps(data, ensure_ascii=False, default=_plain, separators=(",", ":")).encode()


def cache_key(path: str, query_string: str) -> tuple:
    """The key of a response: its path and its query pairs in order, parsed as Starlette's QueryParams parses them (so
    the middleware and the route name an entry alike)."""
    return (path, tuple(sorted(parse_qsl(query_string, keep_blank_values=True))))


def _accepts_gzip(request: Request) -> bool:
    return "gzip" in request.headers.get("accept-encoding", "").lower()


def _respond(request: Request, entry: Entry, state: str, cache: ResponseCache | None) -> Response:
    """The entry as a response, gzip-compressed when the client accepts it and the body is worth it."""
    headers = {"X-Warlog-Cache": state, "Vary": "Accept-Encoding"}
    body = entry.body
    if len(body) >= GZIP_MIN_BYTES and _accepts_gzip(request):
        if cache is not None:
            body = cache.gzipped(entry)
        else:
            body = gzip.compress(body, compresslevel=GZIP_LEVEL, mtime=0)
        headers["Content-Encoding"] = "gzip"  # the app's GZipMiddleware leaves an encoded body alone
    return Response(body, media_type=entry.media_type, headers=headers)


def cached_response(
    request: Request, compute: Callable[[], Any], *, media_type: str = "application/json", raw: bool = False
) -> Response:
    """The response of a read endpoint: from the cache when it was computed at the store's current data version,
    otherwise compute() (a JSON-able value, or bytes when raw), kept for the next caller."""
    cache: ResponseCache | None = getattr(request.app.state, "response_cache", None)
    if cache is None:
        data = compute()
        return _respond(request, Entry(0, data if raw else encode(data), media_type), "off", None)
    key = (request.url.path, tuple(sorted(request.query_params.multi_items())))  # what cache_key() makes of the URL
    with request.app.state.store.engine.connect() as conn:
        current = version.current(conn)
    state = getattr(request, "state", None)
    if state is not None:
        state.data_version = current  # compute() may use it rather than read it again (the count cache does)
    fresh = "no-cache" in request.headers.get("cache-control", "").lower()
    entry = None if fresh else cache.get(key, current)
    if entry is not None:
        return _respond(request, entry, "hit", cache)
    shared: SharedResponses | None = getattr(request.app.state, "shared_responses", None)
    if fresh:
        return _respond(request, _compute(cache, key, current, compute, media_type, raw, shared), "miss", cache)
    with cache.flight(key, current):  # one computation per key and version; the others wait, then find it kept
        entry = cache.get(key, current)
        if entry is not None:
            return _respond(request, entry, "hit", cache)
        entry = shared.get(key, current) if shared is not None else None
        if entry is not None:  # another worker computed it
            cache.put(key, entry)
            cache.landed(key, current)
            return _respond(request, entry, "hit", cache)
        try:
            entry = _compute(cache, key, current, compute, media_type, raw, shared)
        finally:
            cache.landed(key, current)
    return _respond(request, entry, "miss", cache)


def _compute(
    cache: ResponseCache,
    key: tuple,
    current: int,
    compute: Callable[[], Any],
    media_type: str,
    raw: bool,
    shared: SharedResponses | None = None,
) -> Entry:
    """Compute a response, encode it and keep it under the data version read before computing (and share it with
    the other workers, its gzip form made first so that none of them compresses it again)."""
    data = compute()
    entry = Entry(current, data if raw else encode(data), media_type)
    cache.put(key, entry)
    if shared is not None:
        if len(entry.body) >= GZIP_MIN_BYTES:
            cache.gzipped(entry)
        shared.put(key, entry)
    return entry


CACHED_PATHS = frozenset({"/api/events", "/api/events.geojson", "/api/stats", "/api/panels/summary",
                          "/api/panels/options"})  # fmt: skip


class CacheHitMiddleware:
    """Answer a GET whose response is kept at the current data version straight from the cache, before routing.

    Only for requests an anonymous reader may make (no Authorization header; reading open, or local and the client
    on loopback) and that do not ask for a fresh answer: the rest, and every miss, go on to the route. An entry exists
    only for a request the route accepted and answered with 200, so the validation the route does was passed by the
    same path and query before. The middleware sits inside the security-header, host and CORS middleware, so a hit
    carries the same headers as a miss.
    """

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http" or scope["method"] != "GET" or scope["path"] not in CACHED_PATHS:
            await self.app(scope, receive, send)
            return
        state = scope["app"].state
        cache: ResponseCache | None = getattr(state, "response_cache", None)
        if cache is None or not self._anonymous(scope, state):
            await self.app(scope, receive, send)
            return
        gz = False
        for name, value in scope["headers"]:
            if name == b"authorization" or (name == b"cache-control" and b"no-cache" in value.lower()):
                await self.app(scope, receive, send)
                return
            if name == b"accept-encoding" and b"gzip" in value.lower():
                gz = True
        key = cache_key(scope["path"], scope.get("query_string", b"").decode("latin-1"))
        if key not in cache:
            await self.app(scope, receive, send)
            return
        reader = getattr(state, "version_reader", None)
        if reader is None or reader.engine is not state.store.engine:
            reader = state.version_reader = version.Reader(state.store.engine)
        entry = cache.get(key, reader())  # one primary-key read over a kept connection
        if entry is None:
            await self.app(scope, receive, send)
            return
        body = entry.body
        headers = [(b"content-type", entry.media_type.encode()), (b"x-warlog-cache", b"hit"),
                   (b"vary", b"Accept-Encoding")]  # fmt: skip
        if gz and len(body) >= GZIP_MIN_BYTES:
            body = cache.gzipped(entry)
            headers.append((b"content-encoding", b"gzip"))
        headers.append((b"content-length", str(len(body)).encode()))
        await send({"type": "http.response.start", "status": 200, "headers": headers})
        await send({"type": "http.response.body", "body": body})

    @staticmethod
    def _anonymous(scope: dict[str, Any], state: Any) -> bool:
        """Whether the read mode lets a caller without a token read (see warlog.api.auth.require_reader)."""
        from warlog.api.auth import anonymous_read

        client = scope.get("client")
        return anonymous_read(state.config.read, client[0] if client else "")
