"""The one CSV writer for every CSV warlog hands to people (exports, `warlog events --format csv`, the API's CSV).

Spreadsheets run a cell that starts with = + - @ (or a tab or carriage return before one) as a formula, so text from
reports or reviewers could call HYPERLINK or DDE. As OWASP advises (CSV Injection), such a cell gets a leading
apostrophe, which spreadsheets show as text; numbers ("-3", "+1.5e3") are left as they are. Every file starts with a
UTF-8 byte-order mark so that Excel reads Arabic and Cyrillic names as UTF-8.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any, TextIO

BOM = "\ufeff"
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?(?:\d+(?:[.,]\d*)?|[.,]\d+)(?:[eE][+-]?\d+)?")


def safe_cell(value: Any) -> Any:
    """A value as a CSV cell: None as empty, numbers as they are, text that a spreadsheet would run as a formula
    behind a leading apostrophe."""
    if value is None:
        return ""
    if isinstance(value, bool | int | float):
        return value
    text = str(value)
    if text.startswith(FORMULA_START) and not _NUMBER.fullmatch(text):
        return "'" + text
    return text


def _writer(out: TextIO, columns: Sequence[str]) -> csv.DictWriter:
    return csv.DictWriter(out, fieldnames=list(columns), extrasaction="ignore")


def _safe_row(row: Mapping[str, Any], columns: Sequence[str]) -> dict[str, Any]:
    return {c: safe_cell(row.get(c)) for c in columns}


def write_csv(rows: Iterable[Mapping[str, Any]], out: TextIO, columns: Sequence[str], *, bom: bool = True) -> int:
    """Write a header and the rows (cells escaped) to `out` (opened with newline=""); returns rows written."""
    if bom:
        out.write(BOM)
    writer = _writer(out, columns)
    writer.writeheader()
    n = 0
    for row in rows:
        writer.writerow(_safe_row(row, columns))
        n += 1
    return n


def csv_chunks(rows: Iterable[Mapping[str, Any]], columns: Sequence[str], *, every: int = 500) -> Iterator[str]:
    """The same CSV text as write_csv (BOM, header, escaped cells), in chunks of `every` rows, for streaming."""
    buf = io.StringIO()
    buf.write(BOM)
    writer = _writer(buf, columns)
    writer.writeheader()
    for n, row in enumerate(rows, 1):
        writer.writerow(_safe_row(row, columns))
        if n % every == 0:
            yield buf.getvalue()
            buf.seek(0)
            buf.truncate()
    yield buf.getvalue()
