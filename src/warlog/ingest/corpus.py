"""Corpora: CSV/TSV and JSON Lines files with a column mapping (e.g. FA-KES), one Report per record."""

from __future__ import annotations

import codecs
import csv
import json
import sys
from collections import deque
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any

from warlog.ingest.clean import clean_text
from warlog.ingest.dateline import parse_date_value
from warlog.ingest.errors import IngestError
from warlog.model import Report

FIELDS = ("text", "title", "published", "outlet", "url", "id", "language")
MAX_PUSHBACK_LINES = 100_000  # bound on re-reading lines swallowed by a broken quote


def _raise_field_limit() -> None:
    """Let csv read very long article fields (its default limit is 128 KB)."""
    limit = sys.maxsize
    while True:
        try:
            csv.field_size_limit(limit)
            return
        except OverflowError:
            limit //= 2


def detect_encoding(path: str | Path) -> str:
    """Encoding of a corpus file: BOM, else utf-8 if the whole file decodes, else cp1252, else latin-1."""
    with open(path, "rb") as f:
        head = f.read(4)
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    for encoding in ("utf-8", "cp1252"):
        decoder = codecs.getincrementaldecoder(encoding)()
        try:
            with open(path, "rb") as f:
                for chunk in iter(lambda f=f: f.read(1 << 20), b""):
                    decoder.decode(chunk)
                decoder.decode(b"", final=True)
            return encoding
        except UnicodeDecodeError:
            continue
    return "latin-1"


def resolve_mapping(mapping: dict[str, str] | None, columns: Iterable[str] | None) -> dict[str, str]:
    """warlog field -> column. Unmapped fields default to a column of the same name; raises KeyError on bad names."""
    mapping = dict(mapping or {})
    unknown = sorted(set(mapping) - set(FIELDS))
    if unknown:
        raise KeyError(f"unknown field(s) in mapping: {', '.join(unknown)} (known: {', '.join(FIELDS)})")
    if columns is None:  # JSON lines: no header to check against
        return {f: mapping.get(f, f) for f in FIELDS}
    cols = list(columns)
    by_lower = {c.strip().lower(): c for c in cols}
    resolved: dict[str, str] = {}
    for f in FIELDS:
        wanted = mapping.get(f)
        if wanted is None:
            if f in by_lower:
                resolved[f] = by_lower[f]
            continue
        if wanted in cols:
            resolved[f] = wanted
        elif wanted.strip().lower() in by_lower:
            resolved[f] = by_lower[wanted.strip().lower()]
        else:
            raise KeyError(f"column {wanted!r} (for {f}) not in file; columns: {', '.join(cols)}")
    if "text" not in resolved:
        raise KeyError(f"no text column (map one with text=COLUMN); columns: {', '.join(cols)}")
    return resolved


def _lookup(record: dict[str, Any], key: str) -> Any:
    """A record's value for a column name, following dots into nested JSON objects ("meta.date")."""
    if key in record:
        return record[key]
    value: Any = record
    for part in key.split("."):
        if not isinstance(value, dict) or part not in value:
            return None
        value = value[part]
    return value


def _as_str(value: Any) -> str:
    """A metadata value as clean text ("" for None, lists joined)."""
    if value is None:
        return ""
    if isinstance(value, list):
        value = " ".join(str(v) for v in value if v is not None)
    return clean_text(str(value))


def report_from_record(
    record: dict[str, Any], fields: dict[str, str], source: str, number: int
) -> Report | IngestError:
    """One corpus record as a Report, or an IngestError when it has no text."""
    text = _as_str(_lookup(record, fields["text"])) if "text" in fields else ""
    if not text:
        return IngestError(source, str(number), f"missing text (column {fields.get('text', 'text')!r})")
    meta = {f: _lookup(record, col) for f, col in fields.items() if f != "text"}
    published = parse_date_value(meta.get("published"))
    key = _as_str(meta.get("id")) or str(number)
    return Report(
        text=text,
        title=_as_str(meta.get("title")) or None,
        outlet=_as_str(meta.get("outlet")) or None,
        url=_as_str(meta.get("url")) or None,
        published=published,
        published_basis="metadata" if published else None,
        language=_as_str(meta.get("language")) or "en",
        source_path=f"{source}#{key}",
    )


class _Lines:
    """Line iterator for csv.reader that remembers the lines of the current record and can replay some."""

    def __init__(self, f: IO[str]) -> None:
        self.f = f
        self.pending: deque[str] = deque()
        self.taken: list[str] = []

    def __iter__(self) -> _Lines:
        return self

    def __next__(self) -> str:
        line = self.pending.popleft() if self.pending else next(self.f)
        self.taken.append(line)
        return line


def _delimiter(path: Path, header_line: str) -> str:
    """Tab for .tsv; otherwise comma, unless the header clearly uses tabs or semicolons."""
    if path.suffix.lower() == ".tsv":
        return "\t"
    if "," not in header_line:
        for candidate in ("\t", ";", "|"):
            if candidate in header_line:
                return candidate
    return ","


def read_csv(path: str | Path, mapping: dict[str, str] | None = None) -> Iterator[Report | IngestError]:
    """Each row of a CSV/TSV corpus as a Report; malformed rows become IngestErrors and reading goes on."""
    path = Path(path)
    source = str(path)
    _raise_field_limit()
    try:
        encoding = detect_encoding(path)
        f = open(path, encoding=encoding, newline="")
    except OSError as exc:
        yield IngestError(source, None, f"cannot read file: {exc.strerror or exc}")
        return
    with f:
        lines = _Lines(f)
        try:
            first = next(lines)
        except StopIteration:
            yield IngestError(source, None, "empty file")
            return
        if "\x00" in first:
            yield IngestError(source, None, "binary file (not CSV)")
            return
        delimiter = _delimiter(path, first)
        lines.pending.append(first)
        reader = csv.reader(lines, delimiter=delimiter)
        try:
            header = [h.strip().lstrip("\ufeff") for h in next(reader)]
            fields = resolve_mapping(mapping, header)
        except (KeyError, csv.Error, StopIteration) as exc:
            yield IngestError(source, None, str(exc.args[0]) if exc.args else "no header row")
            return
        yield from _csv_records(lines, reader, delimiter, header, fields, source)


def _csv_records(
    lines: _Lines, reader: Any, delimiter: str, header: list[str], fields: dict[str, str], source: str
) -> Iterator[Report | IngestError]:
    """The data rows after the header; a row with the wrong number of fields is an error and its swallowed
    lines (an unclosed quote runs on over the following rows) are read again."""
    number = 0
    budget = MAX_PUSHBACK_LINES
    while True:
        lines.taken = []
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            number += 1
            yield IngestError(source, str(number), f"malformed CSV: {exc}")
            reader, budget = _replay(lines, delimiter, budget)
            continue
        if not row or all(not c.strip() for c in row):
            continue
        number += 1
        while len(row) > len(header) and not row[-1].strip():
            row.pop()  # trailing empty cells from spreadsheet exports
        if len(row) != len(header):
            yield IngestError(source, str(number), f"{len(row)} fields, expected {len(header)} (broken quoting?)")
            reader, budget = _replay(lines, delimiter, budget)
            continue
        yield report_from_record(dict(zip(header, row, strict=True)), fields, source, number)


def _replay(lines: _Lines, delimiter: str, budget: int) -> tuple[Any, int]:
    """Queue the lines a bad record swallowed after its first one, and give a fresh reader over them."""
    extra = lines.taken[1:]
    if extra and len(extra) <= budget:
        lines.pending.extendleft(reversed(extra))
        budget -= len(extra)
    lines.taken = []
    return csv.reader(lines, delimiter=delimiter), budget


def count_csv_records(path: str | Path) -> int:
    """Number of non-blank data rows in a CSV/TSV file (a cheap pass for progress bars)."""
    _raise_field_limit()
    path = Path(path)
    with open(path, encoding=detect_encoding(path), newline="") as f:
        first = f.readline()
        f.seek(0)
        rows = csv.reader(f, delimiter=_delimiter(path, first))
        return max(0, sum(1 for row in rows if any(c.strip() for c in row)) - 1)


def _json_records(source: str, lines: Iterable[str], fields: dict[str, str]) -> Iterator[Report | IngestError]:
    """Report or IngestError for each non-blank JSON line; the record number is the line number."""
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            yield IngestError(source, str(number), f"invalid JSON: {exc.msg} (column {exc.colno})")
            continue
        if not isinstance(obj, dict):
            yield IngestError(source, str(number), f"expected a JSON object, got {type(obj).__name__}")
            continue
        yield report_from_record(obj, fields, source, number)


def read_jsonl(path: str | Path, mapping: dict[str, str] | None = None) -> Iterator[Report | IngestError]:
    """Each line of a JSON Lines corpus as a Report; bad lines become IngestErrors and reading goes on."""
    path = Path(path)
    source = str(path)
    try:
        fields = resolve_mapping(mapping, None)
        encoding = detect_encoding(path)
        f = open(path, encoding=encoding, newline=None)
    except KeyError as exc:
        yield IngestError(source, None, str(exc.args[0]))
        return
    except OSError as exc:
        yield IngestError(source, None, f"cannot read file: {exc.strerror or exc}")
        return
    with f:
        yield from _json_records(source, f, fields)


def read_json_bytes(data: bytes, source: str, mapping: dict[str, str] | None = None) -> Iterator[Report | IngestError]:
    """A JSON document (one object, a list of objects, or JSON lines) from a file or a URL, as Reports."""
    try:
        fields = resolve_mapping(mapping, None)
    except KeyError as exc:
        yield IngestError(source, None, str(exc.args[0]))
        return
    text = data.decode("utf-8-sig", errors="replace")
    try:
        doc = json.loads(text)
    except json.JSONDecodeError:
        yield from _json_records(source, text.splitlines(), fields)
        return
    items = doc if isinstance(doc, list) else [doc]
    for number, obj in enumerate(items, start=1):
        if isinstance(obj, dict):
            yield report_from_record(obj, fields, source, number)
        else:
            yield IngestError(source, str(number), f"expected a JSON object, got {type(obj).__name__}")
