"""Plain-text reports (.txt, .md), with optional front matter between `---` lines."""

from __future__ import annotations

import re
from pathlib import Path

from warlog.ingest.clean import clean_text
from warlog.ingest.dateline import parse_date_value
from warlog.ingest.errors import IngestFailure
from warlog.model import Report
from warlog.settings import Settings

FRONT_MATTER_KEYS = ("title", "outlet", "url", "published", "language")
_FRONT = re.compile(r"\A---[ \t]*\n(?P<body>.*?)\n---[ \t]*(?:\n|\Z)", re.S)
_BINARY_CONTROL = re.compile(rb"[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f]")
MAX_CONTROL_RATIO = 0.05


def looks_binary(data: bytes) -> bool:
    """True for data that is not text: NUL bytes or many control characters in the first 8 KB."""
    sample = data[:8192]
    if b"\x00" in sample:
        return True
    return bool(sample) and len(_BINARY_CONTROL.findall(sample)) / len(sample) > MAX_CONTROL_RATIO


def decode_bytes(data: bytes) -> str:
    """Decode text bytes: UTF-16/UTF-8 by BOM, UTF-8, then cp1252 or latin-1 for legacy files; refuse binary."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise IngestFailure("undecodable UTF-16 text") from exc
    if data.startswith(b"\xef\xbb\xbf"):
        try:
            return data.decode("utf-8-sig")
        except UnicodeDecodeError:
            data = data[3:]
    if looks_binary(data):
        raise IngestFailure("binary file (not text)")
    for encoding in ("utf-8", "cp1252", "latin-1"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise IngestFailure("undecodable text")  # pragma: no cover - latin-1 decodes any bytes


def split_front_matter(text: str) -> tuple[dict[str, str], str]:
    """Split `---` front matter (simple `key: value` lines) from the body; no front matter gives ({}, text)."""
    m = _FRONT.match(text)
    if not m:
        return {}, text
    meta: dict[str, str] = {}
    for line in m.group("body").splitlines():
        key, sep, value = line.partition(":")
        if not sep or not key.strip() or line[:1].isspace():
            continue
        value = value.strip()
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
            value = value[1:-1]
        meta[key.strip().lower()] = value
    return meta, text[m.end() :]


def report_from_text(text: str, source: str) -> Report:
    """A Report from decoded text with optional front matter; empty text is an error."""
    meta, body = split_front_matter(text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff"))
    body = clean_text(body)
    if not body:
        raise IngestFailure("empty text")
    published = parse_date_value(meta.get("published")) if meta.get("published") else None
    return Report(
        text=body,
        title=clean_text(meta.get("title", "")) or None,
        outlet=meta.get("outlet") or None,
        url=meta.get("url") or None,
        published=published,
        published_basis="metadata" if published else None,
        language=meta.get("language") or "en",
        source_path=source,
    )


def read_text_bytes(data: bytes, source: str) -> Report:
    """A Report from raw bytes of a text file (decoding, binary and emptiness checks)."""
    if not data.strip():
        raise IngestFailure("empty file")
    return report_from_text(decode_bytes(data), source)


def size_limit() -> int:
    """Largest single file we read (settings.max_file_bytes, 20 MB by default)."""
    return Settings().max_file_bytes


def read_file_bytes(path: str | Path, max_bytes: int | None = None) -> bytes:
    """The bytes of one file, refusing files over the size limit; raises IngestFailure."""
    path = Path(path)
    limit = size_limit() if max_bytes is None else max_bytes
    try:
        size = path.stat().st_size
        if size > limit:
            raise IngestFailure(f"file too large ({size} bytes > {limit})")
        data = path.read_bytes()
    except OSError as exc:
        raise IngestFailure(f"cannot read file: {exc.strerror or exc}") from exc
    return data


def read_text_file(path: str | Path, max_bytes: int | None = None) -> Report:
    """Read one .txt/.md report; raises IngestFailure for empty, binary, undecodable or too-large files."""
    return read_text_bytes(read_file_bytes(path, max_bytes), str(path))
