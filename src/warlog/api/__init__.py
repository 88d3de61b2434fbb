"""The HTTP API and web map (`warlog serve`): FastAPI over the store, the query layer and the review tables."""

from __future__ import annotations

from warlog.api.app import create_app
from warlog.api.config import ServeConfig

__all__ = ["ServeConfig", "create_app"]
