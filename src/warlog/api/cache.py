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


def _plain(value: Any) -> Any:
    """JSON for the values json cannot encode: dates as ISO text (what FastAPI's encoder writes), the rest as text."""
    if isinstance(value, datetime | date):
        return value.isoformat()
    return str(value)


def encode(data: Any) -> bytes:
    """The JSON body of a response."""
    return json.dumps(data, ensure_ascii=False, default=_plain, separators=(",", ":")).encode()


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
    key = (request.url.path, tuple(sorted(request.query_params.multi_items())))
    with request.app.state.store.engine.connect() as conn:
        current = version.current(conn)
    fresh = "no-cache" in request.headers.get("cache-control", "").lower()
    entry = None if fresh else cache.get(key, current)
    if entry is not None:
        return _respond(request, entry, "hit", cache)
    if fresh:
        return _respond(request, _compute(cache, key, current, compute, media_type, raw), "miss", cache)
    with cache.flight(key, current):  # one computation per key and version; the others wait, then find it kept
        entry = cache.get(key, current)
        if entry is not None:
            return _respond(request, entry, "hit", cache)
        try:
            entry = _compute(cache, key, current, compute, media_type, raw)
        finally:
            cache.landed(key, current)
    return _respond(request, entry, "miss", cache)


def _compute(
    cache: ResponseCache, key: tuple, current: int, compute: Callable[[], Any], media_type: str, raw: bool
) -> Entry:
    """Compute a response, encode it and keep it under the data version read before computing."""
    data = compute()
    entry = Entry(current, data if raw else encode(data), media_type)
    cache.put(key, entry)
    return entry
