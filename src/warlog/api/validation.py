"""Typed, bounded request values: every number the API takes fits the database and means something, every text is
text the database can hold. A value outside its bounds is a 422 naming the parameter, never a 500 from the driver.

SQLite and PostgreSQL BIGINT hold integers up to 2^63 - 1; floats must be finite; latitudes lie in -90..90 and
longitudes in -180..180. Text may not hold NUL (PostgreSQL refuses it) or lone surrogates (not encodable as UTF-8).
"""

from __future__ import annotations

import json
import math
from typing import Annotated

from fastapi import HTTPException, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import AfterValidator

MAX_BIGINT = 2**63 - 1
MAX_PAGE = 1_000_000  # page * page_size stays far below MAX_BIGINT
MAX_KM = 20_038.0  # half the Earth's circumference: every point is nearer than this


def storable_text(value: str) -> str:
    """Refuse text the database cannot hold: NUL characters and lone surrogates."""
    if "\x00" in value:
        raise ValueError("NUL characters are not accepted")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise ValueError("text must be valid Unicode (a lone surrogate was sent)") from None
    return value


Text = Annotated[str, AfterValidator(storable_text)]
Count = Annotated[int | None, Query(ge=0, le=MAX_BIGINT)]  # optional: the filter is off when absent
Page = Annotated[int, Query(ge=1, le=MAX_PAGE)]
PageSize = Annotated[int, Query(ge=1, le=MAX_BIGINT)]
Km = Annotated[float | None, Query(ge=0, le=MAX_KM, allow_inf_nan=False)]


def floats(value: str | None, n: int, name: str) -> tuple[float, ...] | None:
    """n comma-separated finite numbers, or None; 422 when malformed."""
    if value is None or value == "":
        return None
    try:
        parts = tuple(float(x) for x in value.split(","))
    except ValueError:
        parts = ()
    if len(parts) != n:
        raise HTTPException(422, f"{name} takes {n} comma-separated numbers")
    if not all(math.isfinite(x) for x in parts):
        raise HTTPException(422, f"{name} takes finite numbers (not inf or nan)")
    return parts


def _check_lat(lat: float, name: str) -> None:
    if not -90 <= lat <= 90:
        raise HTTPException(422, f"{name}: latitude must be within -90..90")


def _check_lon(lon: float, name: str) -> None:
    if not -180 <= lon <= 180:
        raise HTTPException(422, f"{name}: longitude must be within -180..180")


def parse_point(value: str | None, name: str = "near") -> tuple[float, float] | None:
    """LAT,LON within the globe, or None."""
    parts = floats(value, 2, name)
    if parts is None:
        return None
    _check_lat(parts[0], name)
    _check_lon(parts[1], name)
    return parts[0], parts[1]


def parse_bbox(value: str | None, name: str = "bbox") -> tuple[float, float, float, float] | None:
    """WEST,SOUTH,EAST,NORTH within the globe (west > east crosses the antimeridian; south <= north), or None."""
    parts = floats(value, 4, name)
    if parts is None:
        return None
    west, south, east, north = parts
    _check_lon(west, name)
    _check_lon(east, name)
    _check_lat(south, name)
    _check_lat(north, name)
    if south > north:
        raise HTTPException(422, f"{name}: south must not be above north")
    return west, south, east, north


async def database_refused(_request: Request, exc: Exception) -> JSONResponse:
    """503 when the database refuses to be written (a read-only file, mount or session): the server is up for
    reading, writing is what fails. Other database errors stay 500s."""
    message = str(getattr(exc, "orig", exc)).lower()
    if any(k in message for k in ("readonly", "read-only", "read only")):
        return JSONResponse({"detail": "the database is read-only: reading works, writing does not"}, status_code=503)
    raise exc


class AsciiJSONResponse(JSONResponse):
    """JSON with non-ASCII escaped: a lone surrogate echoed from a request cannot break the encoding."""

    def render(self, content: object) -> bytes:
        return json.dumps(content, ensure_ascii=True, separators=(",", ":")).encode("ascii")


async def validation_error(_request: Request, exc: RequestValidationError) -> JSONResponse:
    """422 naming each bad parameter and why, without echoing the value sent (it may be 200,000 characters, or text
    that cannot be encoded, which made FastAPI's own handler fail with a 500)."""
    detail = [
        {"loc": [str(x)[:100] for x in e.get("loc", ())], "msg": str(e.get("msg", ""))[:500], "type": e.get("type")}
        for e in exc.errors()
    ]
    return AsciiJSONResponse({"detail": detail}, status_code=422)
