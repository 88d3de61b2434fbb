"""TimeML (.tml) reader: the raw text of a document's TEXT element, its gold TIMEX3 spans and its creation time.

TempEval-3 files carry annotations inline (`<TIMEX3 type="DATE" value="1998-01-08">Jan. 8</TIMEX3>`); stripping
the tags gives the text a system sees, and the tags' character offsets in that text are the gold extents.
The document creation time (DCT) is the TIMEX3 with functionInDocument="CREATION_TIME" (inside <DCT>).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path


@dataclass
class Timex:
    """One TIMEX3: character extent in the document text, its TIMEX3 type and normalised value."""

    start: int
    end: int
    text: str
    type: str
    value: str


@dataclass
class TimeMLDoc:
    """A TimeML document reduced to what timex evaluation needs."""

    doc_id: str
    text: str
    dct: date | None
    dct_value: str
    timexes: list[Timex] = field(default_factory=list)


def _flatten(elem: ET.Element, parts: list[str], timexes: list[Timex], offset: int) -> int:
    """Append the element's text (tags stripped) to parts; record TIMEX3 extents; return the new offset."""
    start = offset
    if elem.text:
        parts.append(elem.text)
        offset += len(elem.text)
    for child in elem:
        offset = _flatten(child, parts, timexes, offset)
        if child.tail:
            parts.append(child.tail)
            offset += len(child.tail)
    if elem.tag == "TIMEX3":
        timexes.append(Timex(start, offset, "", elem.get("type", ""), elem.get("value", "")))  # text set by caller
    return offset


def _parse_dct(value: str) -> date | None:
    """The calendar day of a DCT value ("1998-01-08", "1998-01-08T10:30")."""
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def parse_timeml(source: str | Path, doc_id: str | None = None) -> TimeMLDoc:
    """Read one TimeML document from a path or an XML string."""
    if isinstance(source, Path) or (isinstance(source, str) and not source.lstrip().startswith("<")):
        path = Path(source)
        root = ET.parse(path).getroot()
        doc_id = doc_id or path.stem
    else:
        root = ET.fromstring(source)
    docid_el = root.find("DOCID")
    doc_id = doc_id or (docid_el.text.strip() if docid_el is not None and docid_el.text else "")
    dct_value = ""
    for tx in root.iter("TIMEX3"):
        if tx.get("functionInDocument") == "CREATION_TIME":
            dct_value = tx.get("value", "")
            break
    text_el = root.find("TEXT")
    parts: list[str] = []
    timexes: list[Timex] = []
    if text_el is not None:
        _flatten(text_el, parts, timexes, 0)
    text = "".join(parts)
    for t in timexes:
        t.text = text[t.start : t.end]
    timexes.sort(key=lambda t: (t.start, t.end))
    return TimeMLDoc(doc_id, text, _parse_dct(dct_value), dct_value, timexes)


def read_timeml_dir(path: str | Path) -> list[TimeMLDoc]:
    """Every .tml file under path (recursively), sorted by name; a single file is read alone."""
    p = Path(path)
    files = [p] if p.is_file() else sorted(p.rglob("*.tml"))
    return [parse_timeml(f) for f in files]
