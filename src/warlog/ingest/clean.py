"""Text clean-up applied to every report: whitespace, control characters, repeated paragraphs."""

from __future__ import annotations

import re
import unicodedata

# Control characters other than newline and tab, plus invisible format characters that break tokenisation.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b\u2060\ufeff\u00ad]")
_SPACES = re.compile(r"[ \t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")
_PARA_SPLIT = re.compile(r"\n[ \t]*\n")
# Sentence boundary: end punctuation (maybe a closing quote), whitespace, then a capital, digit or opening quote.
_SENT_SPLIT = re.compile(r"(?<=[.!?])([\"'\u201d\u2019)\]]?\s+)(?=[\"'\u201c\u2018(\[]?[A-Z0-9])")
LONG_SENTENCE = 60
_SURROGATE = re.compile(r"[\ud800-\udfff]")


def storable(text: str) -> str:
    """Text any database and encoder accepts: lone surrogates (from JSON escapes or undecodable file names) become
    U+FFFD and NUL characters are dropped (PostgreSQL refuses them)."""
    return _SURROGATE.sub("\ufffd", text).replace("\x00", "")


def clean_text(text: str) -> str:
    """Normalise whitespace and newlines, strip control characters (newlines kept) and return NFC text."""
    text = unicodedata.normalize("NFC", storable(text)).replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u2028", "\n").replace("\u2029", "\n\n").replace("\x0b", "\n").replace("\x0c", "\n")
    text = _CONTROL.sub("", text)
    text = _SPACES.sub(" ", text)
    text = re.sub(r" *\n *", "\n", text)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip()


def _key(text: str) -> str:
    """Comparison key for a paragraph or sentence: whitespace-collapsed."""
    return " ".join(text.split())


def _drop_repeated_sentences(block: str) -> str:
    """Drop exact repeats of long sentences inside one paragraph block, keeping the first occurrence."""
    parts = _SENT_SPLIT.split(block)
    # parts alternates sentence, separator, sentence, ...
    seen: set[str] = set()
    out: list[str] = []
    for i in range(0, len(parts), 2):
        sentence = parts[i]
        sep = parts[i + 1] if i + 1 < len(parts) else ""
        key = _key(sentence)
        if len(key) > LONG_SENTENCE and key in seen:
            if out and not sep:  # dropped the last sentence: strip the dangling separator of the previous one
                out[-1] = out[-1].rstrip()
            continue
        seen.add(key)
        out.append(sentence + sep)
    return "".join(out).rstrip()


def drop_repeated_paragraphs(text: str) -> str:
    """Remove paragraphs repeated inside one report (scraping duplicates), keeping the first occurrence.

    Paragraphs are blocks separated by blank lines; inside a block, each line counts as a paragraph too, so
    one-paragraph-per-line texts are handled. Long sentences repeated verbatim inside one block are dropped as well.
    """
    seen: set[str] = set()
    blocks: list[str] = []
    for block in _PARA_SPLIT.split(text):
        lines: list[str] = []
        for line in block.split("\n"):
            key = _key(line)
            if key and key in seen:
                continue
            if key:
                seen.add(key)
            lines.append(line)
        kept = _drop_repeated_sentences("\n".join(lines).strip())
        if kept.strip():
            blocks.append(kept)
    return "\n\n".join(blocks)
