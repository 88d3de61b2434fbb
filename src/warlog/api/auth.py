"""Who may do what: bearer tokens (hashed in the store), roles analyst < admin, and reading open to localhost."""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass

from fastapi import HTTPException, Request

ROLE_RANK = {"reader": 0, "analyst": 1, "admin": 2}


@dataclass
class Principal:
    """The caller: a token's name and role, or an anonymous local reader."""

    name: str
    role: str


def _bearer(request: Request) -> str | None:
    """The token of an "Authorization: Bearer TOKEN" header, or None."""
    header = request.headers.get("authorization") or ""
    scheme, _, token = header.partition(" ")
    return token.strip() if scheme.lower() == "bearer" and token.strip() else None


def is_loopback_host(host: str) -> bool:
    """Whether a TCP peer address is loopback ("127.0.0.1", "::1", "::ffff:127.0.0.1"; the test client's name): the
    Host header is not trusted for this."""
    if host in ("testclient", "localhost"):
        return True
    try:
        ip = ipaddress.ip_address(host.split("%")[0])
    except ValueError:
        return False
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped  # ::ffff:127.0.0.1, as a dual-stack socket reports an IPv4 client
    return ip.is_loopback


def principal(request: Request) -> Principal | None:
    """The token's principal (401 for a wrong token), or None when no token was sent."""
    from warlog.store.review import verify_token

    token = _bearer(request)
    if token is None:
        return None
    found = verify_token(request.app.state.store.engine, token)
    if found is None:
        raise HTTPException(401, "invalid or revoked token", headers={"WWW-Authenticate": "Bearer"})
    return Principal(found["name"], found["role"])


def require_reader(request: Request) -> Principal:
    """Reading: allowed by the read mode (open, loopback) or with any valid token."""
    who = principal(request)
    if who is not None:
        return who
    if anonymous_read(request.app.state.config.read, request.client.host if request.client else ""):
        return Principal("anonymous", "reader")
    raise HTTPException(401, "a bearer token is needed to read", headers={"WWW-Authenticate": "Bearer"})


def anonymous_read(mode: str, host: str) -> bool:
    """Whether a caller without a token at this peer address may read under this read mode."""
    return mode == "open" or (mode == "local" and is_loopback_host(host))


def require_role(role: str):
    """A dependency demanding a token of at least this role."""

    def dependency(request: Request) -> Principal:
        who = principal(request)
        if who is None:
            raise HTTPException(401, "a bearer token is needed", headers={"WWW-Authenticate": "Bearer"})
        if ROLE_RANK.get(who.role, 0) < ROLE_RANK[role]:
            raise HTTPException(403, f"the {role} role is needed")
        return who

    return dependency


require_analyst = require_role("analyst")
require_admin = require_role("admin")
