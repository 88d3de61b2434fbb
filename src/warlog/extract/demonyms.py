"""Countries a text names: country names (pycountry plus the short forms news use) and nationality adjectives or
demonyms (``data/demonyms.csv``, facts written for warlog). No other warlog module is imported here."""

from __future__ import annotations

import csv
import re
from collections import Counter
from functools import lru_cache
from importlib import resources

import pycountry

# Short names news and ACLED use where pycountry's names are long or differ.
_ALIASES = {
    "Syria": "SY", "Iran": "IR", "Russia": "RU", "Palestine": "PS", "Gaza": "PS", "Gaza Strip": "PS",
    "West Bank": "PS", "Turkey": "TR", "Burma": "MM", "Britain": "GB", "Great Britain": "GB", "United States": "US",
    "America": "US", "North Korea": "KP", "South Korea": "KR", "Congo": "CD", "DR Congo": "CD", "DRC": "CD",
    "Ivory Coast": "CI", "Laos": "LA", "Moldova": "MD", "Tanzania": "TZ", "Venezuela": "VE", "Bolivia": "BO",
    "Vietnam": "VN", "Kosovo": "XK", "Czech Republic": "CZ", "UAE": "AE", "United Arab Emirates": "AE",
}  # fmt: skip


@lru_cache(maxsize=1)
def demonym_table() -> dict[str, str]:
    """Nationality adjective or demonym (as written) -> ISO alpha-2, from ``data/demonyms.csv`` (first row wins)."""
    text = resources.files("warlog").joinpath("data/demonyms.csv").read_text(encoding="utf-8")
    out: dict[str, str] = {}
    for rec in csv.DictReader(line for line in text.splitlines() if not line.startswith("#")):
        for word in (rec.get("demonyms") or "").split("|"):
            word = word.strip()
            if word and word not in out:
                out[word] = rec["iso"].strip().upper()
    return out


@lru_cache(maxsize=1)
def country_names() -> dict[str, str]:
    """Country names as reports write them -> ISO alpha-2."""
    out: dict[str, str] = {}
    for c in pycountry.countries:
        for name in (getattr(c, "common_name", None), c.name):
            if name and "," not in name and "(" not in name and len(name) > 3:
                out[name] = c.alpha_2
    out.update(_ALIASES)
    return out


@lru_cache(maxsize=1)
def _regex() -> re.Pattern[str]:
    """Every country name and adjective as a word, the longest one that is a word at each place (a trie: one
    alternation of ~700 names was tried name by name at every character of a report)."""
    names = set(country_names()) | set(demonym_table())
    return re.compile(r"(?<![\w\-])(?:" + _trie_source(names) + r")(?![\w\-])")


def _trie_source(words: set[str]) -> str:
    """A regex matching exactly the words, the longer first where one continues another (as an alternation sorted
    longest first does: the engine tries a longer word before backing off to a shorter one)."""
    trie: dict = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def source(node: dict) -> str:
        alts = [re.escape(ch) + source(child) for ch, child in sorted(node.items()) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 and "" not in node else "(?:" + "|".join(alts) + ")"
        return body + "?" if "" in node else body

    return source(trie)


@lru_cache(maxsize=1)
def demonym_regex() -> re.Pattern[str]:
    """The nationality adjectives and demonyms of demonym_table as words, singular or plural ("Israeli", "Israelis";
    possessive forms such as "Afghanistan's" left out)."""
    names = sorted((n for n in demonym_table() if "'" not in n and "’" not in n), key=len, reverse=True)
    return re.compile(r"(?<![\w\-])(?:" + "|".join(re.escape(n) for n in names) + r")s?(?![\w\-])")


def named_countries(text: str) -> Counter[str]:
    """How often the text names each country, by name ("Syria") or adjective ("Syrian", "Israel's")."""
    return Counter(dict(_named_countries(text)))


def country_names_at(text: str) -> list[tuple[int, str]]:
    """Where the text names a country by its name (not an adjective): (offset, ISO alpha-2) for each."""
    names = country_names()
    out = []
    for m in _regex().finditer(text):
        name = _POSSESSIVE.sub("", m.group())  # "In Russia's Novgorod region": the name, possessive or not
        if name in names:
            out.append((m.start(), names[name]))
    return out


_POSSESSIVE = re.compile(r"['’]s$")


@lru_cache(maxsize=16)
def _named_countries(text: str) -> tuple[tuple[str, int], ...]:
    """named_countries, remembered for the last texts: the steps of one report ask it of the same text."""
    votes: Counter[str] = Counter()
    names, dem = country_names(), demonym_table()
    for m in _regex().finditer(text):
        iso = names.get(m.group()) or dem.get(m.group())
        if iso:
            votes[iso] += 1
    return tuple(votes.items())
