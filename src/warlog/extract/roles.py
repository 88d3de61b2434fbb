"""Sentence roles: is this sentence an incident an ACLED coder would record, or background, an aggregate claim,
commentary (forecasts, intent, opinion) or page furniture?

A small linear model (multinomial logistic regression over hashed features, the same machinery as the sub-type model
in ``warlog.extract.type_model``) trained by ``warlog train events`` (``warlog.train.events``) on real news with
negatives (IndiaPoliceEvents, MUC-4, GVDB), ACLED notes as incidents, and weak labels mined by rule from unlabelled
FA-KES bodies (docs/training.md says how each set is built). Features: word unigrams and bigrams, the trigger
lexicon's cues, and a few shape cues (a year, a clock time, a weekday, a number, the sentence's length, quotes).
The weights ship as ``warlog/data/roles_model.npz``; without them every candidate counts as an event.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from warlog.extract.literals import fold, gated
from warlog.extract.type_model import TypeModel, packaged_model, text_features

ROLES_RESOURCE = "data/roles_model.npz"
EVENT = "event"
BACKGROUND = "background"
CLAIM = "claim"
COMMENTARY = "commentary"
BOILERPLATE = "boilerplate"
ROLES = (EVENT, BACKGROUND, CLAIM, COMMENTARY, BOILERPLATE)

_YEAR = re.compile(r"\b(?:19[4-9]\d|20\d\d)\b")
_WEEKDAY = re.compile(r"\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|today|tonight)\b")
_CLOCK = re.compile(r"\b\d{1,2}(?::\d\d)? ?(?:a\.?m|p\.?m)\b|\b(?:morning|afternoon|evening|night|dawn)\b")
_NUMBER = re.compile(r"\b\d+\b")
_QUOTE = re.compile('["\u201c\u201d]')
_URL = re.compile(r"https?://|www\.|\.com\b|@\w")


# Page furniture: share widgets, related-links lines, captions, credits, sign-up prompts (never an event).
_FURNITURE = re.compile(
    r"short url|\bshare (?:this|on)\b|\bshare\b.{0,20}\b(?:facebook|twitter)|\brelated\b\s*[:|]|^related\b|read more|"
    r"click here|follow us|subscribe|all rights reserved|copyright|\u00a9|\bphoto(?:graph)?s?\s*(?:[:/|]|by\b)|"
    r"file photo|\bimage\s*[:/|]|\bcaption\b|\bvideo\s*[:|]|\bwatch\s*:|getty images|afp photo|"
    r"^(?:updated|published|posted)\b|\bemail\b.{0,20}\bprint\b|newsletter|comments? \(\d+\)|\bcookies?\b",
    re.I,
)


# Words one of which every match of _FURNITURE holds, as literals.fold writes a text (case folded as the regex's
# re.I folds it): its "\u00a9" keeps literals.required_literals from reading a gate of its own.
_FURNITURE_WORDS = (
    "short url", "share", "related", "read more", "click here", "follow us", "subscribe", "all rights reserved",
    "copyright", "\u00a9", "photo", "image", "caption", "video", "watch", "updated", "published", "posted", "email",
    "newsletter", "comment", "cookie",
)  # fmt: skip


# A run of headlines (related links, tag lists): "91 Related ...", or most words capitalised.
_RELATED_RUN = gated(r"(?:^|\d\s*)Related\b|(?:^|\s)(?:Tags|Keywords|Read Also|See Also)\b\s*:?\s+\w")


# Where page furniture glued to the front of a sentence ends: a publication stamp ("Published August 2 2016 10:41")
# and a caption's credit ("... burning tyres in Aleppo (Reuters Photo)"). spaCy often runs them into the lead.
_STAMP_HEAD = re.compile(
    r"^(?:last )?(?:updated|published|posted)\b\W{0,3}(?:on\s+)?(?:[\w,]+\s+){0,5}?\d{4}\b"
    r"(?:\s*,?\s*\d{1,2}[:.]\d\d(?:\s*[ap]\.?m\.?)?)?(?:\s+(?:GMT|UTC|[A-Z]{3,4}\b))?",
    re.I,
)
_CAPTION_END = re.compile(r"\((?:[^()]{0,60}\s)?(?:photo|photograph|image|picture|video)s?(?:\s[^()]{0,40})?\)", re.I)
# A tag or related-links run glued to the front of the lead ("Tags Syria Aleppo Russia airstrikes At least 16 people
# were killed ..."): the run is keywords, never a clause, so the lead starts at the first capitalised word that opens
# one (an article, a quantifier, a preposition, a number word: a sentence does not open with digits) after at least
# one keyword.
_RUN_HEAD = re.compile(r"\W{0,3}(?:Tags|Keywords|Read Also|See Also)\b\s*:?\s*")
_CLAUSE_OPENER = re.compile(
    r"(?<=\s)(?:A|An|The|At|In|On|Over|More|Nearly|Almost|Around|About|Up|Some|Several|Many|Dozens|Scores|Hundreds|"
    r"Thousands|One|Two|Three|Four|Five|Six|Seven|Eight|Nine|Ten|Eleven|Twelve|Thirteen|Fourteen|Fifteen|Sixteen|"
    r"Seventeen|Eighteen|Nineteen|Twenty|Thirty|Forty|Fifty|Sixty|Seventy|Eighty|Ninety)\b(?!-)"
)
_RUN_END = re.compile(r"[.!?;:\"\u201c\u201d]")
# Without such an opener, the lead's subject starts at the last capitalised word before the first function word,
# auxiliary or past-tense verb ("... Idlib Ariha Government air raids in a town ..."): keywords are names and nouns,
# a clause needs these.
_FUNCTION_WORD = re.compile(
    r"\s(?:the|a|an|of|on|in|at|to|by|with|from|near|after|into|was|were|is|are|has|have|had|been|who|which|that|"
    r"[a-z]{2,}ed)\s"
)
_CAPITAL = re.compile(r"(?<=\s)[A-Z][\w'-]*")


def reporting_start(text: str) -> int:
    """Offset where reporting starts in a sentence that opens with page furniture (a publication stamp, a caption up
    to its credit, a tag run); 0 when it opens with reporting."""
    start = 0
    m = _STAMP_HEAD.match(text)
    if m is not None:
        start = m.end()
    for m in _CAPTION_END.finditer(text):
        start = max(start, m.end())
    return max(start, _after_keyword_run(text, start))


def _after_keyword_run(text: str, start: int) -> int:
    """Offset where a lead starts behind a tag run that opens ``text[start:]``; 0 when none opens it or no clause
    follows (a tags-only line stays furniture whole)."""
    m = _RUN_HEAD.match(text, start)
    if m is None:
        return 0
    opener = _CLAUSE_OPENER.search(text, m.end())
    if opener is not None and text[m.end() : opener.start()].strip():
        cut = opener.start()
    else:
        function = _FUNCTION_WORD.search(text, m.end())
        capitals = [c.start() for c in _CAPITAL.finditer(text, m.end(), function.start())] if function else []
        if not capitals or capitals[-1] <= m.end():
            return 0
        cut = capitals[-1]
    return 0 if _RUN_END.search(text, m.end(), cut) else cut


# A wire editor's note on what an update changed: "(Updates toll in paragraph 1, adds details from paragraph 9)"
EDITOR_NOTE = re.compile(
    r"(?m)^[ \t]*\((?:updates?|adds?|recasts?|corrects?|changes?|refiles?|rewrites?|re-?tops?|writes through|fixes"
    r"|removes|inserts|clarifies|updating|adding)\b[^()\n]{0,300}\)[ \t]*$",
    re.I,
)

# the same note closing a dateline line ("JERUSALEM, 28 July 2024 - (wire, updates with overnight strikes)")
TRAILING_NOTE = re.compile(
    r"(?m)\((?:[\w' -]{1,40}[,;]\s*)?(?:updates?|adds?|recasts?|corrects?|changes?|refiles?|rewrites?|re-?tops?"
    r"|writes through|fixes|removes|inserts|clarifies|updating|adding)\b[^()\n]{0,300}\)[ \t]*$",
    re.I,
)


@lru_cache(maxsize=1024)
def is_furniture(text: str) -> bool:
    """Whether a line is page furniture rather than reporting: widgets and credits, a run of linked headlines, or a
    wire editor's note on what an update changed. Remembered for the last lines asked about: event coding asks about
    the line of every sentence, and a report printed as one line is that whole line each time (200 FA-KES articles:
    4,623 questions, 2,922 distinct lines, 86% of the characters read again; 0.85 s CPU)."""
    if EDITOR_NOTE.fullmatch(text.strip()):
        return True
    if (note := TRAILING_NOTE.search(text.strip())) is not None and len(text.strip()[: note.start()].split()) <= 8:
        return True  # a dateline and the editor's note on the update: no reporting
    folded = fold(text)
    if any(w in folded for w in _FURNITURE_WORDS) and _FURNITURE.search(text) is not None:
        return True
    if _RELATED_RUN.search(text) is not None:
        return True
    words = [w for w in text.split() if w[:1].isalpha()]
    return len(words) >= 10 and sum(w[0].isupper() for w in words) >= 0.75 * len(words)


def shape_features(text: str) -> list[str]:
    """Cues of the sentence's shape that words alone miss (its length, dates, numbers, quotes, links)."""
    low = text.lower()
    words = len(low.split())
    feats = [f"len:{min(words // 5, 8)}"]
    if _YEAR.search(low):
        feats.append("s:year")
    if _WEEKDAY.search(low):
        feats.append("s:day")
    if _CLOCK.search(low):
        feats.append("s:clock")
    if _NUMBER.search(low):
        feats.append("s:number")
    if _QUOTE.search(text):
        feats.append("s:quote")
    if _URL.search(low):
        feats.append("s:url")
    if text.rstrip()[-1:] not in ".!?\"'\u201d)":
        feats.append("s:no-stop")
    if text.isupper():
        feats.append("s:upper")
    return feats


def role_features(text: str, cues: Sequence[str] = ()) -> list[str]:
    """The role model's features: n-grams, shape cues, and the trigger lexicon's sub-types (``cues``)."""
    return text_features(text) + shape_features(text) + [f"l:{c}" for c in dict.fromkeys(cues)]


@dataclass(frozen=True)
class Role:
    """The role a sentence plays and the model's probability for each role."""

    role: str
    p_event: float
    probs: dict[str, float]


@lru_cache(maxsize=1)
def shipped_roles() -> TypeModel | None:
    """The role model shipped in the package, or None when it is absent."""
    return packaged_model(ROLES_RESOURCE)


def event_threshold(model: TypeModel | None = None) -> float:
    """P(event) below which a candidate sentence is not coded (the value the trainer chose on its validation split)."""
    model = model or shipped_roles()
    return float(model.meta.get("threshold", 0.5)) if model is not None else 0.0


def sentence_role(text: str, cues: Sequence[str] = (), model: TypeModel | None = None) -> Role:
    """The role of one sentence; ``cues`` are the sub-types the trigger lexicon found in it."""
    model = model or shipped_roles()
    if model is None:
        return Role(EVENT, 1.0, {EVENT: 1.0})
    p = model.scores(role_features(text, cues))
    probs = {c: float(v) for c, v in zip(model.classes, p, strict=True)}
    # Page furniture is decided by ``is_furniture`` before the model runs; the model's boilerplate class was learned
    # from that rule's own weak labels, so it may not veto a sentence the rule let through: the event probability is
    # taken among the other roles ("... according to an investigation published by ..." is not furniture).
    rest = 1.0 - probs.get(BOILERPLATE, 0.0)
    p_event = probs.get(EVENT, 0.0) / rest if rest > 1e-9 else 0.0
    best = max((c for c in probs if c != BOILERPLATE), key=lambda c: probs[c], default=EVENT)
    return Role(best, p_event, probs)
