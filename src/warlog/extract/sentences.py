"""Sentence splitting, one module for the package: a parsed report's sentences (spaCy's, cut at paragraph breaks and
bounded in length) with offsets and paragraph numbers, and a parser-free split of plain text by punctuation and line
breaks for the places that have no parse (count benchmarks)."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import Any


@dataclass
class Sentence:
    """One sentence of a report: its text, character offsets and paragraph number."""

    text: str
    start: int
    end: int
    paragraph: int


MAX_SENTENCE_CHARS = 2000


def _bounded(text: str) -> list[tuple[int, int]]:
    """Spans of at most MAX_SENTENCE_CHARS, cut at whitespace: a run-on "sentence" (scraped lists, tables) must not
    cost the extractors quadratic time."""
    spans, start = [], 0
    while len(text) - start > MAX_SENTENCE_CHARS:
        cut = text.rfind(" ", start, start + MAX_SENTENCE_CHARS)
        cut = cut if cut > start else start + MAX_SENTENCE_CHARS
        spans.append((start, cut))
        start = cut + 1 if text[cut : cut + 1] == " " else cut
    spans.append((start, len(text)))
    return [(a, b) for a, b in spans if b > a]


# A tag or related-links run ("Tags Syria Aleppo ...") is keywords without a stop; the parser cuts it anywhere, so it is
# glued to what follows up to the first stop: the lead run into it is then cut loose whole (``roles.reporting_start``).
_KEYWORD_RUN = re.compile(r"\W{0,3}(?:Tags|Keywords|Read Also|See Also)\b")
_STOP_END = re.compile(r"[.!?][\"'\u201d\u2019)]*\s*$")


def _glue_keyword_runs(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for start, end in spans:
        if out:
            first, last = out[-1]
            run = _KEYWORD_RUN.match(text, first) and not _STOP_END.search(text[first:last])
            if run and "\n" not in text[last:start] and "\n\n" not in text[first:last].strip():
                out[-1] = (first, end)
                continue
        out.append((start, end))
    return out


# A line the parser ran into the next one: a headline (the report's first line, no final stop), a dateline
# ("OUAGADOUGOU, 6 June 2021 -") or a line that ends a sentence.
_DATELINE_LINE = re.compile(r"^[A-Z][A-Za-z .,'()/-]{1,60}?,?\s[^\n]{0,40}?(?:\s[-\u2013\u2014]+|:)\s*$")
_LINE_BREAK = re.compile(
    r"\n(?=[\"'\u201c\u2018(]*[A-Z0-9]|[-\u2022*][ \t])"
)  # (a bulleted line: "- Kulundu (Leilek ...")


def _lines(chunk: str, first: bool) -> list[tuple[int, str]]:
    """The chunk cut after a headline, a dateline, or a line that ends with a stop (single line breaks elsewhere are
    the wrapping of one paragraph)."""
    out: list[tuple[int, str]] = []
    start = 0
    phys = 0  # where the current physical line starts
    for m in _LINE_BREAK.finditer(chunk):
        line = chunk[start : m.start()].rstrip()
        head = first and not out and len(line.split()) <= 25 and not line.endswith((",", ";"))
        physical = chunk[phys : m.start()].rstrip()
        if phys > start and _DATELINE_LINE.match(physical):
            # a dateline line after the tail of a headline spaCy cut ("..., rebels seize border post"): both apart
            out.append((start, chunk[start:phys].rstrip()))
            out.append((phys, physical))
            start = m.end()
        elif _STOP_END.search(line) or _DATELINE_LINE.match(line) or head:
            out.append((start, line))
            start = m.end()
        phys = m.end()
    out.append((start, chunk[start:]))
    return [(a, t) for a, t in out if t.strip()]


_LAST_TEXT: tuple[Any, str] = (None, "")  # the last document doc_text was asked about, and its text


def doc_text(doc: Any) -> str:
    """doc.text, remembered for the last document asked about. spaCy joins `Doc.text` from the tokens at every read
    (~0.1 ms for a 400-token article): the extractors read it ~13 times per report (`_person_history` once per
    sentence with an event trigger), 0.25-0.4 s CPU per 200 FA-KES articles. A document's text never changes (spaCy
    keeps every character; merging tokens keeps the text), so the remembered string is the one `doc.text` would
    join; the document is held, so another cannot take its identity while remembered."""
    global _LAST_TEXT
    last = _LAST_TEXT
    if last[0] is doc:
        return last[1]
    text = doc.text
    _LAST_TEXT = (doc, text)
    return text


def split_doc(doc: Any) -> list[Sentence]:
    """spaCy sentences, further cut at blank lines, each tagged with its paragraph number."""
    text = doc_text(doc)
    out: list[Sentence] = []
    para_starts = [0] + [m.end() for m in re.finditer(r"\n\s*\n", text)]

    def paragraph_of(offset: int) -> int:
        return max(0, bisect.bisect_right(para_starts, offset) - 1)  # the last paragraph starting at or before it

    spans = _glue_keyword_runs(text, [(s.start_char, s.end_char) for s in doc.sents])
    nl = text.find("\n")
    if 0 < nl and len(text[:nl].split()) <= 25 and not _STOP_END.search(text[:nl].rstrip()):
        # a headline is one sentence, wherever spaCy cut it ("Junta jets bomb village school, rebels seize post")
        spans = [(0, nl)] + [(max(a, nl), b) for a, b in spans if b > nl]
    for start, end in spans:
        # spaCy may run a sentence across a paragraph break: split there.
        chunk = text[start:end]
        pieces = re.split(r"(\n\s*\n)", chunk)
        offset = start
        for piece in pieces:
            stripped = piece.strip()
            if stripped and not re.fullmatch(r"\n\s*\n", piece):
                lead = len(piece) - len(piece.lstrip())
                s = offset + lead
                for line_start, line in _lines(stripped, s == 0 or not text[:s].strip()):
                    for a, b in _bounded(line):
                        out.append(Sentence(line[a:b], s + line_start + a, s + line_start + b, paragraph_of(s + a)))
            offset += len(piece)
    return out


_SENT_SPLIT = re.compile(
    r"(?<=[.!?])[\"'”’)]*\s+(?=[\"'“‘(]*[A-Z0-9])|\n\s*\n|\n(?=[A-Z])|(?<=[a-z])\s*\|\s*",
)
_ABBREV_END = re.compile(
    r"\b(?:Mr|Mrs|Ms|Dr|St|Sgt|Lt|Col|Gen|Capt|Cpl|Maj|Rep|Sen|Gov|Jr|Sr|No|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept"
    r"|Oct|Nov|Dec|Ave|Blvd|Rd|Ft|Mt|Co|Corp|Inc|U\.S|a\.m|p\.m|[A-Z])\.$"
)


def split_text(text: str) -> list[str]:
    """Sentences by punctuation and line breaks (no parser), keeping "Mr." and "a.m." inside their sentence."""
    parts: list[str] = []
    pos = 0
    for m in _SENT_SPLIT.finditer(text):
        chunk = text[pos : m.start()]
        if _ABBREV_END.search(chunk) and not m.group(0).strip("\n ").startswith("|") and "\n" not in m.group(0):
            continue
        parts.append(chunk)
        pos = m.end()
    parts.append(text[pos:])
    return [p.strip() for p in parts if p.strip()]


# An earlier happening set beside a sentence's act, a day or more before it ("Missiles struck an air base on Monday,
# killing 14, two days after a suspected gas attack on Douma"; "a week after", "days after"; not "hours after"): what
# follows the phrase is another, earlier event (its words, its places), told on its own where it is news.
DAYS_AFTER_PHRASE = re.compile(
    r"\b(?:(?:a|one|two|three|four|five|six|seven|eight|nine|ten|several|a\s+few|\d{1,2})\s+)?"
    r"(?:days?|weeks?|months?)\s+after\b",
    re.I,
)
