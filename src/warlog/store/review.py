"""Analyst review: API tokens (stored hashed), per-event review state with field overrides, and the audit trail.

The tables live on `warlog.store.schema.metadata`, so `Store` creates them with the others. Overrides are one nullable
column per reviewable field: NULL means "keep the machine's value", so the query layer reads
COALESCE(review.field, event.field) and every export shows the reviewed value.
"""

from __future__ import annotations

import hashlib
import hmac
import math
import secrets
from collections.abc import Iterable, Mapping
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from warlog.store import search
from warlog.store.schema import metadata

if TYPE_CHECKING:
    from warlog.store.db import Store

ROLES = ("analyst", "admin")
STATUSES = ("proposed", "confirmed", "edited", "rejected", "merged")
TOKEN_PREFIX = "wl_"

# Reviewable fields and their column types (the same names as in `events`).
REVIEW_FIELDS: dict[str, sa.types.TypeEngine] = {
    "event_date": sa.Date(),
    "time_precision": sa.Integer(),
    "disorder_type": sa.String(100),
    "event_type": sa.String(100),
    "sub_event_type": sa.String(100),
    "actor1": sa.String(300),
    "assoc_actor_1": sa.String(300),
    "inter1": sa.Integer(),
    "actor2": sa.String(300),
    "assoc_actor_2": sa.String(300),
    "inter2": sa.Integer(),
    "location": sa.String(300),
    "admin1": sa.String(200),
    "admin2": sa.String(200),
    "country": sa.String(100),
    "iso": sa.String(3),
    "latitude": sa.Float(),
    "longitude": sa.Float(),
    "geo_precision": sa.Integer(),
    "fatalities": sa.Integer(),
}

api_tokens = sa.Table(
    "api_tokens",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("name", sa.String(100), nullable=False, unique=True),
    sa.Column("role", sa.String(20), nullable=False),
    sa.Column("token_hash", sa.String(64), nullable=False, unique=True),  # sha256 hex of the token
    sa.Column("created_at", sa.DateTime, nullable=False),
    sa.Column("last_used_at", sa.DateTime),
    sa.Column("revoked_at", sa.DateTime),
)

event_reviews = sa.Table(
    "event_reviews",
    metadata,
    sa.Column("event_id", sa.String(40), primary_key=True),
    sa.Column("status", sa.String(20), nullable=False, default="proposed"),
    sa.Column("merged_into", sa.String(40)),
    *(sa.Column(name, type_) for name, type_ in REVIEW_FIELDS.items()),
    sa.Column("note", sa.Text),
    sa.Column("updated_by", sa.String(100)),
    sa.Column("updated_at", sa.DateTime),
    sa.Index("ix_event_reviews_status", "status"),
)

audit_log = sa.Table(
    "audit_log",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("event_id", sa.String(40)),
    sa.Column("action", sa.String(30), nullable=False),  # confirm, edit, reject, merge, split, ingest, token
    sa.Column("actor", sa.String(100), nullable=False),  # token name
    sa.Column("at", sa.DateTime, nullable=False),  # naive UTC
    sa.Column("before", sa.JSON),
    sa.Column("after", sa.JSON),
    sa.Column("note", sa.Text),
    sa.Index("ix_audit_log_event_id", "event_id"),
)


def _now() -> datetime:
    """Naive UTC now (the store's timestamp convention)."""
    return datetime.now(UTC).replace(tzinfo=None)


def _jsonable(value: Any) -> Any:
    """Dates as ISO text so before/after snapshots go into JSON columns."""
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    return value


# ---------------------------------------------------------------------------------------------------------------------
# tokens


def hash_token(token: str) -> str:
    """The stored form of a token: its SHA-256 hex digest (tokens are 256-bit random, so no salt is needed)."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def create_token(store: Store, name: str, role: str) -> str:
    """Create a named token with a role and return it in clear (shown once; only its hash is stored)."""
    if role not in ROLES:
        raise ValueError(f"role must be one of {', '.join(ROLES)}")
    name = name.strip()
    if not name or len(name) > 100:
        raise ValueError("token name must be 1-100 characters")
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    with store._write() as conn:
        if conn.execute(sa.select(api_tokens.c.id).where(api_tokens.c.name == name)).first() is not None:
            raise ValueError(f"a token named {name!r} exists; revoke it first")
        conn.execute(
            sa.insert(api_tokens).values(name=name, role=role, token_hash=hash_token(token), created_at=_now())
        )
        _audit(conn, None, "token", "cli", None, {"name": name, "role": role}, "token created")
    return token


def verify_token(engine: Engine, token: str | None) -> dict[str, Any] | None:
    """The {name, role} of a valid, unrevoked token, or None; the digest is compared in constant time."""
    if not token or len(token) > 200:
        return None
    digest = hash_token(token)
    with engine.connect() as conn:
        row = (
            conn.execute(
                sa.select(api_tokens).where(api_tokens.c.token_hash == digest, api_tokens.c.revoked_at.is_(None))
            )
            .mappings()
            .first()
        )
    if row is None or not hmac.compare_digest(row["token_hash"], digest):
        return None
    return {"name": row["name"], "role": row["role"]}


def revoke_token(store: Store, name: str) -> bool:
    """Revoke a token by name; False when there is no such active token."""
    with store._write() as conn:
        res = conn.execute(
            sa.update(api_tokens)
            .where(api_tokens.c.name == name, api_tokens.c.revoked_at.is_(None))
            .values(revoked_at=_now())
        )
        if res.rowcount:
            _audit(conn, None, "token", "cli", {"name": name}, None, "token revoked")
    return bool(res.rowcount)


def list_tokens(engine: Engine) -> list[dict[str, Any]]:
    """Every token's name, role and dates (never the hash)."""
    cols = [api_tokens.c.name, api_tokens.c.role, api_tokens.c.created_at, api_tokens.c.revoked_at]
    with engine.connect() as conn:
        rows = conn.execute(sa.select(*cols).order_by(api_tokens.c.name)).mappings().all()
    return [_jsonable(dict(r)) for r in rows]


# ---------------------------------------------------------------------------------------------------------------------
# review state and audit trail


def _audit(
    conn: Connection,
    event_id: str | None,
    action: str,
    actor: str,
    before: Any,
    after: Any,
    note: str | None = None,
) -> None:
    """Append one audit row inside the caller's transaction."""
    conn.execute(
        sa.insert(audit_log).values(
            event_id=event_id,
            action=action,
            actor=actor,
            at=_now(),
            before=_jsonable(before),
            after=_jsonable(after),
            note=note,
        )
    )


def review_dict(row: Mapping[str, Any] | None) -> dict[str, Any]:
    """A review row as {status, merged_into, overrides, note, updated_by, updated_at}; unreviewed is "proposed"."""
    if row is None:
        return {"status": "proposed", "merged_into": None, "overrides": {}, "note": None}
    overrides = {k: _jsonable(row[k]) for k in REVIEW_FIELDS if row.get(k) is not None}
    return {
        "status": row["status"],
        "merged_into": row["merged_into"],
        "overrides": overrides,
        "note": row["note"],
        "updated_by": row["updated_by"],
        "updated_at": _jsonable(row["updated_at"]),
    }


def get_review(engine: Engine | Connection, event_id: str) -> dict[str, Any]:
    """The review state of one event ("proposed" with no overrides when never reviewed)."""
    q = sa.select(event_reviews).where(event_reviews.c.event_id == event_id)
    if isinstance(engine, Connection):
        return review_dict(engine.execute(q).mappings().first())
    with engine.connect() as conn:
        return review_dict(conn.execute(q).mappings().first())


def reviews_for(engine: Engine, event_ids: Iterable[str]) -> dict[str, dict[str, Any]]:
    """event id -> review state, for the reviewed ones among these ids."""
    ids = sorted(set(event_ids))
    out: dict[str, dict[str, Any]] = {}
    with engine.connect() as conn:
        for i in range(0, len(ids), 500):
            q = sa.select(event_reviews).where(event_reviews.c.event_id.in_(ids[i : i + 500]))
            for row in conn.execute(q).mappings():
                out[row["event_id"]] = review_dict(row)
    return out


MAX_INT = 2**31 - 1  # INTEGER columns: PostgreSQL's int4 bound (SQLite's is wider)


def _whole(name: str, value: Any) -> int:
    """A non-negative whole number that fits an INTEGER column (2, 2.0, "2"); ValueError otherwise."""
    message = f"{name} must be a whole number from 0 to {MAX_INT}"
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise ValueError(message)
    try:
        number = float(value)
        whole = int(value) if not isinstance(value, str) else int(number)
    except (ValueError, OverflowError):
        raise ValueError(message) from None
    if not math.isfinite(number) or whole != number or not 0 <= whole <= MAX_INT:
        raise ValueError(message)
    return whole


def _finite(name: str, value: Any) -> float:
    """A finite number (latitude, longitude, confidence); ValueError otherwise."""
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise ValueError(f"{name} must be a number")
    try:
        number = float(value)
    except (ValueError, OverflowError):
        raise ValueError(f"{name} must be a finite number") from None
    if not math.isfinite(number):
        raise ValueError(f"{name} must be a finite number")
    return number


def clean_overrides(fields: Mapping[str, Any]) -> dict[str, Any]:
    """Validate edited fields: known names only, dates parsed, numbers checked; raises ValueError."""
    out: dict[str, Any] = {}
    for name, value in fields.items():
        if name not in REVIEW_FIELDS:
            raise ValueError(f"field {name!r} cannot be edited")
        type_ = REVIEW_FIELDS[name]
        if value is None:
            out[name] = None
        elif isinstance(type_, sa.Date):
            out[name] = value if isinstance(value, date) else date.fromisoformat(str(value)[:10])
        elif isinstance(type_, sa.Integer):
            out[name] = _whole(name, value)
        elif isinstance(type_, sa.Float):
            out[name] = _finite(name, value)
        else:
            text = str(value).strip()
            if len(text) > type_.length:  # type: ignore[attr-defined]
                raise ValueError(f"{name} is longer than {type_.length} characters")  # type: ignore[attr-defined]
            if "\x00" in text:
                raise ValueError(f"{name} holds a NUL character")
            out[name] = text
    lat, lon = out.get("latitude"), out.get("longitude")
    if lat is not None and not -90 <= lat <= 90 or lon is not None and not -180 <= lon <= 180:
        raise ValueError("latitude must be within -90..90 and longitude within -180..180")
    return out


def set_review(
    store: Store,
    event_id: str,
    *,
    actor: str,
    action: str,
    status: str,
    overrides: Mapping[str, Any] | None = None,
    merged_into: str | None = None,
    note: str | None = None,
    before: Any = None,
    after: Any = None,
) -> dict[str, Any]:
    """Write an event's review state (overrides merged into earlier ones) and its audit row in one transaction."""
    if status not in STATUSES:
        raise ValueError(f"status must be one of {', '.join(STATUSES)}")
    with store._write() as conn:
        row = conn.execute(sa.select(event_reviews).where(event_reviews.c.event_id == event_id)).mappings().first()
        old = review_dict(row)
        values: dict[str, Any] = {"status": status, "updated_by": actor, "updated_at": _now()}
        if note is not None:
            values["note"] = note
        if merged_into is not None or status != "merged":
            values["merged_into"] = merged_into
        values.update(overrides or {})
        if row is None:
            conn.execute(sa.insert(event_reviews).values(event_id=event_id, **values))
        else:
            conn.execute(sa.update(event_reviews).where(event_reviews.c.event_id == event_id).values(**values))
        new = review_dict(
            conn.execute(sa.select(event_reviews).where(event_reviews.c.event_id == event_id)).mappings().first()
        )
        search.refresh(conn, [event_id])  # reviewed actors, places and note are searched under their new values
        _audit(
            conn,
            event_id,
            action,
            actor,
            before if before is not None else old,
            after if after is not None else new,
            note,
        )
    return new


def record_audit(
    store: Store, event_id: str | None, action: str, actor: str, before: Any, after: Any, note: str | None = None
) -> None:
    """Append an audit row on its own (ingest through the API, split bookkeeping)."""
    with store._write() as conn:
        _audit(conn, event_id, action, actor, before, after, note)


def audit_for(engine: Engine, event_ids: Iterable[str]) -> list[dict[str, Any]]:
    """The audit rows of these events, oldest first."""
    ids = sorted(set(event_ids))
    if not ids:
        return []
    q = sa.select(audit_log).where(audit_log.c.event_id.in_(ids)).order_by(audit_log.c.at, audit_log.c.id)
    with engine.connect() as conn:
        return [_jsonable(dict(r)) for r in conn.execute(q).mappings()]
