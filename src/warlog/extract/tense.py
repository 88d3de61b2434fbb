"""Headlines, broadcast bulletins and live-blog entries tell news in the present ("Gunmen kill 12 in raid", "An angry
crowd attacks and kills the gendarme", "Soldiers and separatist fighters clash"); the trigger lexicon is written in
the past of news narrative. ``in_past`` rewrites the present forms of the verbs of violence and protest into their
past forms and gives a map from positions in the rewritten text back to the original, so that a trigger found in the
rewrite is a span of the sentence as written.

Third-person forms ("attacks", "kills") are rewritten wherever they stand; a bare form ("kill", "clash") only after
a plural subject ("Gunmen kill", "fighters clash", "Hundreds march"), never after "to" or a modal ("vowed to kill",
"will attack"). The caller uses the rewrite only for a sentence in which the lexicon finds nothing as written.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable

# present (3rd person, then bare) -> past
_VERBS: dict[str, str] = {
    "kill": "killed", "attack": "attacked", "storm": "stormed", "shoot": "shot", "clash": "clashed",
    "seize": "seized", "abduct": "abducted", "kidnap": "kidnapped", "bomb": "bombed", "shell": "shelled",
    "strike": "struck", "hit": "hit", "burn": "burned", "torch": "torched", "loot": "looted", "raid": "raided",
    "ambush": "ambushed", "capture": "captured", "retake": "retook", "recapture": "recaptured", "overrun": "overran",
    "arrest": "arrested", "detain": "detained", "march": "marched", "protest": "protested", "rally": "rallied",
    "riot": "rioted", "beat": "beat", "explode": "exploded", "target": "targeted", "massacre": "massacred",
    "behead": "beheaded", "lynch": "lynched", "disperse": "dispersed", "demonstrate": "demonstrated",
    "stab": "stabbed", "hack": "hacked", "wound": "wounded", "injure": "injured", "fire": "fired",
    "open": "opened", "blow": "blew", "gun": "gunned", "set": "set", "take": "took", "pound": "pounded",
}  # fmt: skip


def _third_person(verb: str) -> str:
    if verb.endswith(("sh", "ch", "ss", "x")):
        return verb + "es"
    if verb.endswith("y") and verb[-2] not in "aeiou":
        return verb[:-1] + "ies"
    return verb + "s"


_THIRD = {_third_person(v): p for v, p in _VERBS.items()}
# the words a bare present form may follow: a plural subject
_PLURAL_SUBJECT = (
    r"(?:\b[A-Za-z]+(?<!ss)(?<!\bthi)(?<!\bu)s|\b\w*men|\bpeople|\bpolice|\bhundreds|\bthousands|\bdozens)"
)
_THIRD_RE = re.compile(r"\b(" + "|".join(sorted(_THIRD, key=len, reverse=True)) + r")\b", re.I)
_BARE_RE = re.compile(
    _PLURAL_SUBJECT
    + r"\s+(?:(?:also|again|then|reportedly|allegedly)\s+)?("
    + "|".join(sorted(_VERBS, key=len, reverse=True))
    + r")\b",
    re.I,
)
_NOT_AFTER = re.compile(r"\b(?:to|will|would|could|might|may|must|shall|can|cannot|should|did|does|do|not)\s+$", re.I)


def _cased(word: str, like: str) -> str:
    return word.capitalize() if like[:1].isupper() else word


# a word before or after that makes an "-s" form a noun ("further attacks on civilians", "the bombs were dropped")
_NOUN_BEFORE = re.compile(
    r"\b(?:the|a|an|of|further|more|several|many|these|those|such|latest|new|recent|repeated|deadly|largest|its|their"
    r"|his|her|our|two|three|four|five|dozens|hundreds|air|drone|suicide|and|or|no|any|some|all|by|on|in|against"
    r"|for|from|with|after|before|amid|during|of)\s+$",
    re.I,
)
_NOUN_AFTER = re.compile(r"\s*(?:on|against|by|of|in|that|which|were|was|are|is|have|has|had|and|or|[,;:.])\b", re.I)
_STAMP = re.compile(r"^\s*(?:\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?\s*[-\u2013\u2014:]?|BREAKING:?|UPDATE:?)\s*", re.I)
# the present of headlines and bulletins is told in short sentences
MAX_WORDS = 16


def in_past(sentence: str) -> tuple[str, Callable[[int], int]] | None:
    """The sentence with its present forms of violence and protest in the past, and a map from rewritten positions
    to original ones; None when it has none (or is too long to be a headline or a bulletin's line)."""
    if len(sentence.split()) > MAX_WORDS:
        return None
    edits: list[tuple[int, int, str]] = []
    for m in _THIRD_RE.finditer(sentence):
        if _NOT_AFTER.search(sentence, 0, m.start()) or _NOUN_BEFORE.search(sentence, 0, m.start()):
            continue
        if not re.search(r"[A-Za-z]", _STAMP.sub("", sentence[: m.start()])):
            continue  # no subject before it: a noun opening a headline ("Bombs hit camps")
        if _NOUN_AFTER.match(sentence, m.end()) and not re.match(r"\s+and\s+\w+s\b", sentence[m.end() :]):
            continue  # ("attacks on villages"; but "attacks and kills the gendarme": two verbs)
        edits.append((m.start(1), m.end(1), _cased(_THIRD[m.group(1).lower()], m.group(1))))
    for m in _BARE_RE.finditer(sentence):
        if not any(a <= m.start(1) < b for a, b, _ in edits):
            edits.append((m.start(1), m.end(1), _cased(_VERBS[m.group(1).lower()], m.group(1))))
    if not edits:
        return None
    edits.sort()
    parts: list[str] = []
    new_starts: list[int] = []  # where each kept or replaced piece starts in the rewrite
    old_starts: list[int] = []
    old_ends: list[int] = []
    pos = 0
    length = 0
    for a, b, word in edits:
        for piece, o_start, o_end in ((sentence[pos:a], pos, a), (word, a, b)):
            new_starts.append(length)
            old_starts.append(o_start)
            old_ends.append(o_end)
            parts.append(piece)
            length += len(piece)
        pos = b
    new_starts.append(length)
    old_starts.append(pos)
    old_ends.append(len(sentence))
    parts.append(sentence[pos:])
    length += len(sentence) - pos
    rewritten = "".join(parts)
    replaced = {i for i in range(len(new_starts)) if i % 2 == 1}

    def back(p: int) -> int:
        i = max(0, bisect.bisect_right(new_starts, p) - 1)
        if i in replaced:  # inside a rewritten word: its start, or its end at the end of it
            return old_starts[i] if p == new_starts[i] else old_ends[i]
        return min(old_starts[i] + (p - new_starts[i]), old_ends[i])

    return rewritten, back
