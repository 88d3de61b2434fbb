"""How `warlog serve` is configured: flags override WARLOG_* environment variables, which override these defaults."""

from __future__ import annotations

import ipaddress
import os
import socket
from dataclasses import dataclass, field

from warlog.settings import Settings, normalise_db_url

READ_MODES = ("local", "open", "token")


def _env_list(name: str) -> tuple[str, ...]:
    """A comma-separated environment variable as a tuple of non-empty items."""
    return tuple(x.strip() for x in os.environ.get(name, "").split(",") if x.strip())


def _env_int(name: str, default: int) -> int:
    """An integer environment variable, or the default."""
    value = os.environ.get(name)
    return int(value) if value and value.strip().isdigit() else default


@dataclass
class ServeConfig:
    """Access rules and limits of the HTTP API.

    read: "local" (reading open to loopback clients only, others need a token), "open" (anyone may read) or
    "token" (every request needs a token). Writing and reviewing always need an analyst or admin token.
    """

    db_url: str = field(default_factory=lambda: Settings().db_url)
    read: str = field(default_factory=lambda: os.environ.get("WARLOG_READ", "local"))
    cors_origins: tuple[str, ...] = field(default_factory=lambda: _env_list("WARLOG_CORS_ORIGINS"))
    max_body_bytes: int = field(default_factory=lambda: _env_int("WARLOG_MAX_BODY_BYTES", 2 * 1024 * 1024))
    max_page_size: int = field(default_factory=lambda: _env_int("WARLOG_MAX_PAGE_SIZE", 500))
    max_geojson: int = field(default_factory=lambda: _env_int("WARLOG_MAX_GEOJSON", 20000))
    allow_private_urls: bool = field(default_factory=lambda: os.environ.get("WARLOG_ALLOW_PRIVATE_URLS") == "1")
    link_on_ingest: bool = True
    # Read responses kept per process until the data changes (warlog.api.cache); 0 turns the cache off.
    response_cache_mb: int = field(default_factory=lambda: _env_int("WARLOG_RESPONSE_CACHE_MB", 128))
    # A file the server processes of one `warlog serve --workers N` share their computed responses through (set by
    # `warlog serve` for N > 1; warlog.api.cache.SharedResponses): a response one worker computed is a hit in every
    # other. None: each process keeps its own only.
    shared_cache: str | None = field(default_factory=lambda: os.environ.get("WARLOG_SHARED_CACHE") or None)
    # Worker threads computing responses per process (route handlers run in a thread pool); 0: the server's default
    # (40). Fewer threads queue requests instead of interleaving them under the interpreter lock, and leave the event
    # loop, which answers cached responses, waiting less for it: with 6, bench_api's p50 was 11-21 ms lower in each of
    # 10 interleaved pairs against 40 (300k and 1M events, load 2.5-5), its p95 the same within noise (round 8,
    # docs/performance.md). Raise it when many slow writes (ingest by URL) run at once.
    threads: int = field(default_factory=lambda: _env_int("WARLOG_SERVE_THREADS", 6))
    # The address served, and the other host names clients may use (Host header), against DNS rebinding.
    host: str = "127.0.0.1"
    allowed_hosts: tuple[str, ...] = field(default_factory=lambda: _env_list("WARLOG_ALLOWED_HOSTS"))

    def __post_init__(self) -> None:
        self.db_url = normalise_db_url(self.db_url)
        if self.read not in READ_MODES:
            raise ValueError(f"read access must be one of {', '.join(READ_MODES)}")

    def host_names(self) -> tuple[str, ...]:
        """Host names a request may carry: localhost, the served host when it is a name, this machine's name when
        serving beyond loopback, and the allowed hosts (".example.org" also allows its subdomains, "*" any). IP
        literals are always accepted by the check: a DNS rebinding attack needs a name."""
        names = ["localhost"]
        try:
            loopback = ipaddress.ip_address(self.host.strip("[]")).is_loopback
        except ValueError:
            loopback = self.host.lower() == "localhost"
            names.append(self.host.lower())
        if not loopback:
            names.append(socket.gethostname().lower())
        names.extend(h.strip().lower().rstrip(".") for h in self.allowed_hosts if h.strip())
        return tuple(dict.fromkeys(n for n in names if n))
