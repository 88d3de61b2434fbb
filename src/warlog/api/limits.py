"""ASGI middleware: the Host header checked against the names served (DNS rebinding), paths and query strings free
of NUL, a hard bound on request bodies, and security headers (CSP: scripts and styles from this server)."""

from __future__ import annotations

import ipaddress
import json
from typing import Any
from urllib.parse import parse_qsl

Scope = dict[str, Any]

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; "
    "img-src 'self' data: https://tile.openstreetmap.org; connect-src 'self'; "
    "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
)
SECURITY_HEADERS = [
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"content-security-policy", CSP.encode()),
]


class BodyTooLarge(Exception):
    """The request body went over the bound while streaming in."""


async def _send_json(send: Any, status: int, detail: str) -> None:
    """Answer with a JSON {"detail": ...} body."""
    body = json.dumps({"detail": detail}).encode()
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


async def _send_413(send: Any, limit: int) -> None:
    """Answer 413 with a JSON body."""
    await _send_json(send, 413, f"request body too large (limit {limit} bytes)")


class _HTTPMiddleware:
    """ASGI middleware acting on HTTP requests only (lifespan and other scopes pass through)."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        await self.handle(scope, receive, send)

    async def handle(self, scope: Scope, receive: Any, send: Any) -> None:
        raise NotImplementedError


def _host_name(header: str) -> str:
    """The host of a Host header, lower-cased, without port or trailing dot ("[::1]:8000" -> "::1")."""
    header = header.strip().lower()
    if header.startswith("["):
        return header[1 : header.find("]")] if "]" in header else header
    return header.rsplit(":", 1)[0].rstrip(".") if header.count(":") == 1 else header.rstrip(".")


def host_allowed(header: str | None, allowed: tuple[str, ...]) -> bool:
    """Whether a Host header names this server: an IP literal (a rebinding attack needs a DNS name), localhost and
    its subdomains, or one of the allowed names (".example.org" also allows subdomains, "*" allows any)."""
    if header is None:
        return True  # no Host header: not a browser, so not a rebinding page
    name = _host_name(header)
    try:
        ipaddress.ip_address(name)
        return True
    except ValueError:
        pass
    if name == "localhost" or name.endswith(".localhost") or "*" in allowed:
        return True
    return any(name == a or (a.startswith(".") and (name == a[1:] or name.endswith(a))) for a in allowed)


class AllowedHostsMiddleware(_HTTPMiddleware):
    """Refuse (400) requests whose Host header names a host this server does not serve, as Django's ALLOWED_HOSTS
    does: a hostile page that rebinds its own name to 127.0.0.1 then cannot read a local server."""

    def __init__(self, app: Any, allowed: tuple[str, ...]) -> None:
        super().__init__(app)
        self.allowed = allowed

    async def handle(self, scope: Scope, receive: Any, send: Any) -> None:
        hosts = [v.decode("latin-1") for k, v in scope.get("headers", []) if k == b"host"]
        if len(hosts) > 1 or not host_allowed(hosts[0] if hosts else None, self.allowed):
            shown = _host_name(hosts[0])[:100] if hosts else ""
            hint = f"start warlog serve with --allowed-host {shown} to allow it"
            await _send_json(send, 400, f"Host {shown!r} is not served here; {hint}")
            return
        await self.app(scope, receive, send)


class CleanRequestTextMiddleware(_HTTPMiddleware):
    """Refuse (422) paths and query values holding NUL: PostgreSQL cannot compare or store such text, so without
    this check one character would turn any filter or id into a server error."""

    async def handle(self, scope: Scope, receive: Any, send: Any) -> None:
        query = scope.get("query_string", b"").decode("latin-1")
        pairs = parse_qsl(query, keep_blank_values=True)
        bad = "\x00" in scope.get("path", "") or any("\x00" in k or "\x00" in v for k, v in pairs)
        if bad:
            await _send_json(send, 422, "NUL characters are not accepted in paths or query parameters")
            return
        await self.app(scope, receive, send)


class BodyLimitMiddleware(_HTTPMiddleware):
    """Refuse bodies over max_bytes: by Content-Length up front, and by counting when the length is not given."""

    def __init__(self, app: Any, max_bytes: int) -> None:
        super().__init__(app)
        self.max_bytes = max_bytes

    async def handle(self, scope: Scope, receive: Any, send: Any) -> None:
        for name, value in scope.get("headers", []):
            if name == b"content-length":
                try:
                    too_big = int(value) > self.max_bytes
                except ValueError:
                    too_big = True
                if too_big:
                    await _send_413(send, self.max_bytes)
                    return
        seen = 0
        started = False
        too_big = False

        async def counting_receive() -> Any:
            nonlocal seen, too_big
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_bytes:
                    too_big = True
                    raise BodyTooLarge
            return message

        async def tracking_send(message: Any) -> None:
            # Once the body went over the bound, whatever the app answers (FastAPI turns the exception raised while
            # it parses the body into a 400) is replaced by the 413.
            nonlocal started
            if too_big:
                if message["type"] == "http.response.start" and not started:
                    started = True
                    await _send_413(send, self.max_bytes)
                return
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, counting_receive, tracking_send)
        except BodyTooLarge:
            pass
        if too_big and not started:
            await _send_413(send, self.max_bytes)


class SecurityHeadersMiddleware(_HTTPMiddleware):
    """Add nosniff, no-referrer, DENY framing and a strict Content-Security-Policy to every HTTP response."""

    async def handle(self, scope: Scope, receive: Any, send: Any) -> None:

        async def with_headers(message: Any) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                present = {k.lower() for k, _ in headers}
                headers += [(k, v) for k, v in SECURITY_HEADERS if k not in present]
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, with_headers)
