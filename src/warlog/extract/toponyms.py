"""Toponym recognition: which candidate spans of a report are place names, decided by a model learned from data.

`places.find_toponyms` proposes candidates (capitalised n-grams found in the gazetteer, spaCy GPE/LOC/FAC spans, names
a place noun marks). This module adds what that misses (dotted and upper-case abbreviations: "U.S.", "S.C.", "UK")
and keeps a candidate when a logistic model says it is more likely a place than not. The model reads the span's NER
label and what NER says about the same words elsewhere in the report (a word that is part of a PERSON or ORG name
elsewhere is rarely a place here), the gazetteer (size and kind of the best candidate, match quality), the words
around it (a title before it, "said" after it, a locative preposition before it, ", State" after it) and the
report's casing (a word also written in lower case is a common noun). It is trained by `warlog train geo` on the open
geoparsing corpora (LGL, TR-News, GeoVirus) and shipped as `warlog/data/toponym_model.json`; held-out scores (trained
on two corpora, scored on the third) are kept in the file's `meta` and printed by the trainer.
"""

from __future__ import annotations

import json
import math
import os
import re
import weakref
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from warlog.gazetteer import Gazetteer

MODEL_PATH = Path(__file__).resolve().parents[1] / "data" / "toponym_model.json"

NER_LABELS = ("GPE", "LOC", "FAC", "PERSON", "ORG", "NORP")
PARSED_PLACE = "PLACE?"  # context.entity_spans: a PERSON/ORG/NORP name the parse puts in a place's position
FEATURE_KINDS = ("country", "admin1", "admin2", "admin3", "city", "town", "village", "district", "landmark",
                 "continent", "region", "camp", "crossing", "airport", "base", "dam", "facility")  # fmt: skip
TITLES = frozenset(
    """mr mrs ms miss dr mayor sen senator rep gov governor president judge officer sgt lt capt captain chief coach
    rev father sister brother minister secretary commissioner councilman councilwoman prof professor attorney
    general gen col colonel maj major sheriff deputy detective trooper pastor bishop sir lord lady king queen prince
    princess saint st""".split()
)  # fmt: skip
LOCATIVES = frozenset(
    "in at near from to into outside across throughout toward towards around inside via within between of".split()
)
SPEECH = frozenset("said says told added wrote noted explained asked stated".split())
PLACE_NOUNS = frozenset(
    """county city town village river lake mountain mountains valley island islands province state district region
    parish township borough camp crossing airport base dam square bridge sea ocean gulf bay desert""".split()
)  # fmt: skip
_WORD = re.compile(r"[A-Za-z\u00C0-\u024F\u0600-\u06FF][\w'’.-]*")
_DOTTED = re.compile(
    r"(?<![\w.])(?:[A-Z]\.){2,3}(?![\w])|(?<![\w.])(?:[A-Z][a-z]{1,4}\.(?:\s?[A-Z][a-z]?\.)?)(?=[\s,;)])"
)
_UPPER = re.compile(r"(?<![\w.])[A-Z]{2,4}(?![\w.])")


def feature_names() -> list[str]:
    """All feature names, in the model's order."""
    names = [f"ner_{lab.lower()}" for lab in NER_LABELS] + ["ner_other", "ner_none", "ner_exact"]
    names += ["doc_person", "doc_org", "doc_place", "doc_norp", "same_person", "same_org", "same_place"]
    names += ["no_cands", "log_pop", "q_exact", "q_loose", "q_fuzzy", "n_cands_log"]
    names += [f"f_{k}" for k in FEATURE_KINDS]
    names += [
        "one_word",
        "three_words",
        "all_caps",
        "sent_initial",
        "lower_in_doc",
        "prev_title",
        "prev_locative",
        "next_speech",
        "next_comma_place",
        "after_comma_cap",
        "partial",
        "possessive",
        "next_place_noun",
        "prev_the",
        "mentions_log",
        "from_ner",
        "city_hint",
        "abbreviation",
        "short",
        "in_region",
        "in_region_loose",
    ]
    return names  # fmt: skip


FEATURES = tuple(feature_names())


@dataclass
class ToponymModel:
    """Logistic weights over FEATURES, a bias and the decision threshold."""

    weights: dict[str, float] = field(default_factory=dict)
    bias: float = 0.0
    threshold: float = 0.5
    meta: dict = field(default_factory=dict)

    def probability(self, feats: dict[str, float]) -> float:
        """P(place) of one candidate."""
        z = self.bias + sum(self.weights.get(k, 0.0) * v for k, v in feats.items())
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def to_json(self) -> str:
        """The JSON file's content."""
        w = {k: round(v, 5) for k, v in self.weights.items()}
        return json.dumps({"weights": w, "bias": round(self.bias, 5), "threshold": self.threshold,
                           "meta": self.meta}, indent=1) + "\n"  # fmt: skip


@lru_cache(maxsize=4)
def _load(path: str) -> ToponymModel | None:
    """Model from a JSON file, None when the file is missing."""
    p = Path(path)
    if not p.exists():
        return None
    d = json.loads(p.read_text(encoding="utf-8"))
    return ToponymModel(d["weights"], float(d["bias"]), float(d.get("threshold", 0.5)), d.get("meta", {}))


def load_model(path: str | os.PathLike[str] | None = None) -> ToponymModel | None:
    """The shipped model (or Settings.toponym_model_path, $WARLOG_TOPONYM_MODEL); None when no file exists (then
    every candidate is kept)."""
    from warlog.settings import current_setting

    return _load(str(path or current_setting("toponym_model_path") or MODEL_PATH))


# ----------------------------------------------------------------------------------------------------------------
# Candidates find_toponyms misses


_EXTRA: weakref.WeakKeyDictionary[Gazetteer, dict[str, tuple]] = weakref.WeakKeyDictionary()


def _lookup_extra(gaz: Gazetteer, surface: str) -> tuple:
    """gaz.lookup_scored(surface, extra=True), remembered per gazetteer and surface as places._lookup remembers
    plain lookups: reports write the same "U.S." and "UK" again and again (116 distinct of 979 in 200 articles)."""
    try:
        memo = _EXTRA.setdefault(gaz, {})
    except TypeError:  # a gazetteer stand-in that cannot be weakly referenced
        return tuple(gaz.lookup_scored(surface, extra=True))
    hit = memo.get(surface)
    if hit is None:
        if len(memo) > 100_000:
            memo.clear()
        hit = memo[surface] = tuple(gaz.lookup_scored(surface, extra=True))
    return hit


def abbreviation_toponyms(text: str, gaz: Gazetteer, found: Sequence, make: Any) -> list:
    """Dotted abbreviations ("U.S.", "S.C.", "Fla.", "W. Va.") and upper-case country codes ("UK", "USA") that the
    gazetteer knows as abbreviations, made with `make` (places.Toponym); a found toponym inside one ("U" of "U.S.")
    gives way to it."""
    out = []
    for m in [*_DOTTED.finditer(text), *_UPPER.finditer(text)]:
        s, e, surface = m.start(), m.end(), m.group()
        if any(t.start <= s and e <= t.end and (t.start, t.end) != (s, e) for t in found):
            continue  # part of a longer name already found
        scored = [(c, q) for c, q in _lookup_extra(gaz, surface) if q >= 0.9]
        if "." not in surface:  # "US", "UK": countries only, never "IT" or "AT"
            scored = [(c, q) for c, q in scored if c.feature == "country" and q == 0.9]
        if not scored:
            continue
        out.append(make(s, e, surface, [c for c, _ in scored], [q for _, q in scored]))
    return out


# ----------------------------------------------------------------------------------------------------------------
# Features


@dataclass
class DocView:
    """What the features read about the whole report: NER spans by label, lower-case words, surface counts."""

    text: str
    ner: list[tuple[int, int, str]]
    inside: dict[str, set[str]]
    lower: set[str]
    whole: dict[str, set[str]] = field(default_factory=dict)
    region: frozenset[str] = frozenset()  # ISO codes of the countries the report names


def doc_view(text: str, ner: Sequence[tuple[int, int, str]], region: frozenset[str] = frozenset()) -> DocView:
    """Index a report for candidate features (`region`: the countries it names, places.report_region)."""
    inside: dict[str, set[str]] = {}
    for s, e, label in ner:
        for w in _WORD.findall(text[s:e]):
            inside.setdefault(w.strip(".'’"), set()).add(label)
    lower = {w for w in re.findall(r"\b[a-z][a-z'-]+\b", text)}
    whole: dict[str, set[str]] = {}
    for s, e, label in ner:
        span = re.sub(r"^(?:the|The)\s+", "", text[s:e])
        whole.setdefault(span, set()).add(label)
        if label == "PERSON" and " " in span:  # a surname stands for the person later on
            whole.setdefault(span.rsplit(" ", 1)[1], set()).add(label)
    return DocView(text, list(ner), inside, lower, whole, region)


def _ner_label(view: DocView, s: int, e: int) -> tuple[str | None, bool]:
    """The NER label most overlapping the span, and whether an entity has the span's own boundaries."""
    best, best_len, exact = None, 0, False
    for a, b, label in view.ner:
        ov = min(b, e) - max(a, s)
        if ov > best_len:
            best, best_len = label, ov
        if ov > 0 and b == e and (a == s or re.fullmatch(r"(?i)the\s+", view.text[a:s] or "x")):
            exact = True
    return best, exact


def candidate_features(top, view: DocView) -> dict[str, float]:  # noqa: ANN001
    """Features of one candidate toponym (see FEATURES)."""
    text, s, e = view.text, top.start, top.end
    surface = top.surface
    f: dict[str, float] = {}
    label, exact = _ner_label(view, s, e)
    if label is None:
        f["ner_none"] = 1.0
    elif label in NER_LABELS:
        f[f"ner_{label.lower()}"] = 1.0
    else:
        f["ner_other"] = 1.0
    if exact:
        f["ner_exact"] = 1.0
    words = [w.strip(".'’") for w in _WORD.findall(surface)] or [surface]
    labels_elsewhere = set().union(*(view.inside.get(w, set()) for w in words))
    if "PERSON" in labels_elsewhere:
        f["doc_person"] = 1.0
    if "ORG" in labels_elsewhere:
        f["doc_org"] = 1.0
    if labels_elsewhere & {"GPE", "LOC", "FAC"}:
        f["doc_place"] = 1.0
    if "NORP" in labels_elsewhere:
        f["doc_norp"] = 1.0
    same = view.whole.get(surface, set())
    if "PERSON" in same:
        f["same_person"] = 1.0
    if "ORG" in same:
        f["same_org"] = 1.0
    if same & {"GPE", "LOC", "FAC"}:
        f["same_place"] = 1.0
    cands, qual = top.candidates, top.quality or [1.0] * len(top.candidates)
    if not cands:
        f["no_cands"] = 1.0
    else:
        best = max(cands, key=lambda c: c.population)
        f["log_pop"] = math.log10(best.population + 1) / 7.0
        f["n_cands_log"] = math.log10(len(cands) + 1) / 2.0
        kinds = {c.feature for c in cands}
        for k in kinds & set(FEATURE_KINDS):
            f[f"f_{k}"] = 1.0
        q = max(qual)
        f["q_exact" if q >= 0.9 else "q_loose" if q >= 0.85 else "q_fuzzy"] = 1.0
        local = [qq for c, qq in zip(cands, qual, strict=False) if c.iso and c.iso in view.region]
        if local and max(local) >= 0.9:
            f["in_region"] = 1.0  # a place of a country the report names, spelled as the gazetteer spells it
        elif local and max(local) >= 0.85:
            f["in_region_loose"] = 1.0  # ... by a transliteration variant ("Heneyda", "Fuaa")
    f["one_word" if len(words) == 1 else "three_words" if len(words) >= 3 else "two_words"] = 1.0
    f.pop("two_words", None)
    letters = re.sub(r"[^A-Za-z]", "", surface)
    if len(letters) >= 2 and letters.isupper():
        f["all_caps"] = 1.0
    if len(letters) <= 3:
        f["short"] = 1.0
    before = text[max(0, s - 60) : s]
    if not before.strip() or re.search(r"[.!?:\n\"“]\s*$", before):
        f["sent_initial"] = 1.0
    if len(words) == 1 and words[0].lower() in view.lower:
        f["lower_in_doc"] = 1.0
    prev = re.findall(r"[A-Za-z]+", before[-25:])
    if prev and prev[-1].lower() in TITLES:
        f["prev_title"] = 1.0
    if prev and prev[-1].lower() in LOCATIVES:
        f["prev_locative"] = 1.0
    if prev and prev[-1].lower() == "the":
        f["prev_the"] = 1.0
    after = text[e : e + 40]
    nxt = re.findall(r"[A-Za-z]+", after)
    if nxt and nxt[0].lower() in SPEECH:
        f["next_speech"] = 1.0
    if re.match(r"\s*,\s*[A-Z][\w.]*", after):
        f["next_comma_place"] = 1.0
    if re.search(r"[A-Z][\w.]*\s*,\s*$", before):
        f["after_comma_cap"] = 1.0
    if re.match(r"['’]s\b", after):
        f["possessive"] = 1.0
    if nxt and nxt[0].lower() in PLACE_NOUNS and after[:1] == " ":
        f["next_place_noun"] = 1.0
    if getattr(top, "partial", False):
        f["partial"] = 1.0
    if getattr(top, "label", None):
        f["from_ner"] = 1.0
    if getattr(top, "city_hint", None):
        f["city_hint"] = 1.0
    if "." in surface and any(q == 0.9 for q in qual):
        f["abbreviation"] = 1.0
    f["mentions_log"] = math.log10(1 + text.count(surface)) / 2.0
    return f


# ----------------------------------------------------------------------------------------------------------------
# The hook called by places.find_toponyms


def _end(t: Any) -> int:
    """Where a name ends, without the full stop a name at a sentence's end is found with ("Congo.")."""
    return t.end - 1 if t.surface.endswith(".") else t.end


def recognise(
    text: str,
    ner: Sequence[tuple[int, int, str]],
    gaz: Gazetteer,
    found: list,
    model: ToponymModel | None = None,
    *,
    make: Any,
    region: frozenset[str] = frozenset(),
    populated: frozenset[str] = frozenset(),
    sticky: bool = False,
) -> list:
    """The candidates of find_toponyms plus abbreviations (made with `make`, places.Toponym), each kept when a place
    noun marks it, when it is a settlement of the report's `region` (feature types `populated`) or when the model
    calls it a place (when no NER spans are given, as in tests of gazetteer matching alone, all are kept)."""
    extra = abbreviation_toponyms(text, gaz, found, make)
    if extra:
        kept = [t for t in found if not any(x.start <= t.start and _end(t) <= _end(x) for x in extra)]
        found = kept + [x for x in extra if not any(t.start <= x.start and _end(x) <= _end(t) for t in kept)]
        found.sort(key=lambda t: t.start)
    model = model if model is not None else load_model()
    if model is None or not found or not ner:  # the model reads NER: without it, every candidate stays
        return found
    view = doc_view(text, ner, region)
    # names the parse puts in a place's position (context.entity_spans labels them "PLACE?"): the parse decides
    parsed = [(s, e) for s, e, label in ner if label == PARSED_PLACE]
    kept = [
        t
        for t in found
        if getattr(t, "demonym", False)
        or marked_as_place(text, t)
        or any(s < t.end and t.start < e for s, e in parsed)
        or regional_exact(t, region, populated, _after_locative(text, t.start))
        or model.probability(candidate_features(t, view)) >= model.threshold
    ]
    return _one_sense(text, found, kept, region, populated) if sticky else kept


def _one_sense(text: str, found: list, kept: list, region: frozenset[str], populated: frozenset[str]) -> list:
    """One sense per report: a name the report gives several times, once right after a locative word ("what happened
    at Yelwata"), that is exactly a settlement of a country the report names, is a place every time it is said (NER
    calls a village a PRODUCT or a PERSON where the sentence does not place it); and a name kept once is kept each
    time."""
    by_name: dict[str, list] = {}
    for t in found:
        by_name.setdefault(t.surface.lower(), []).append(t)
    keep = {id(t) for t in kept}
    for group in by_name.values():
        if all(id(t) in keep for t in group):
            continue
        settled = any(
            q >= 1.0 and c.iso in region and c.feature in populated
            for c, q in zip(group[0].candidates, group[0].quality or [1.0] * len(group[0].candidates), strict=False)
        )
        once = any(id(t) in keep for t in group)
        if settled and (once or (len(group) >= 2 and any(_after_locative(text, t.start) for t in group))):
            keep.update(id(t) for t in group)
    return [t for t in found if id(t) in keep]


_ARABIC_ARTICLE = re.compile(r"\b(?:al|el|ad|as|ash|ar|az|at|an|ez|es|ed)[-'’ ]", re.I)


def _after_locative(text: str, start: int) -> bool:
    """True when a locative preposition comes right before the offset ("in", "near", "at" ...)."""
    prev = re.findall(r"[A-Za-z]+", text[max(0, start - 20) : start])
    return bool(prev) and prev[-1].lower() in LOCATIVES - {"of", "to", "from", "between"}


def regional_exact(top, region: frozenset[str], populated: frozenset[str], locative: bool = False) -> bool:  # noqa: ANN001
    """True for a settlement or site named with an Arabic article ("Maarat al-Numan", "al-Shaar"), exactly or by a
    spelling variant, that is in a country the report names or comes right after a locative word ("in X"): spaCy
    often calls those PERSON and the corpora the model learned from hold few of them, so the model does not decide
    them (as places.find_toponyms exempts them from its PERSON veto). Names without an article are the model's
    (it reads `in_region`): exempting every exact settlement of the report's countries kept US surnames in US news
    (LGL end-to-end precision 0.68 -> 0.58)."""
    if not _ARABIC_ARTICLE.search(top.surface):
        return False
    quality = top.quality or [1.0] * len(top.candidates)
    return any(
        q >= 0.85 and (c.iso in region or locative) and c.feature in populated
        for c, q in zip(top.candidates, quality, strict=False)
    )


_NOUN = r"(?:neighbou?rhoods?|district|quarter|suburb|village|town|city|camp|crossing|airport|air ?base|base|dam|"
_NOUN += r"governorate|province|countryside|sub-?district|area|cantonment"
# the administrative units of other countries' reports ("the Bandiagara circle", "the commune of Sangha", "the
# municipality of Aguililla", "Mamfe Central Subdivision", "Rutshuru territory", "Kherson oblast")
_NOUN += r"|circle|cercle|commune|department|prefecture|county|region|state|territory|municipality|chiefdom"
_NOUN += r"|sub-?division|division|local government area|LGA|oblast|raion|rayon|woreda|zone|kebele|sub-?county"
_NOUN += r"|township|tehsil|upazila|taluka|mandal|canton|arrondissement|municipio|barangay)"
_MODIFIER = r"(?:(?:military|refugee|displacement|border|old|industrial|main)\s+)?"  # "X military airport"
_MARK_AFTER = re.compile(rf"^(?:['’]s)?\s+{_MODIFIER}{_NOUN}\b", re.I)
_MARK_BEFORE = re.compile(
    rf"\b(?:{_NOUN}|residents|inhabitants|outskirts|suburbs|streets|centre|center|heart|edge|entrance|fringes?"
    r"|(?:north|south|east|west)(?:-?(?:east|west))?(?:ern)?\s+(?:part|side|edge|outskirts))\s+of\s+(?:the\s+)?$",
    re.I,
)  # ("residents of Hodeidah said", "the outskirts of Goma": where people live and parts of a place mark a place)


# "X, about 60 km north of Y", "X, 12 miles from Y": a name placed by its distance from another is a place
_DISTANCE_AFTER = re.compile(
    r"^,?\s+(?:an?\s+(?:[\w-]+\s+){1,6}?)?(?:(?:about|some|around|roughly|nearly|approximately|just|over|under|less\s+than|more\s+than)\s+)?"
    r"\d[\d,.]*\s*(?:-\s*)?(?:km|kilomet(?:re|er)s?|miles?)\s+(?:\([^)]{0,20}\)\s+)?"
    r"(?:(?:north|south|east|west)(?:-?(?:east|west))?(?:ern)?\s+)?(?:of|from)\s+(?:the\s+)?(?:\w+\s+){0,2}?[A-Z]",
    re.I,
)


# "Dablo, a small town in northern Burkina Faso", "Rashideen, a rebel-held district on the edge of Aleppo": an
# appositive whose head is a place noun, followed by where it lies (not "a village elder", "a state official")
_APPOSITIVE_AFTER = re.compile(
    rf"^,\s+(?:an?|the)\s+(?:[\w'\u2019-]+\s+){{0,3}}?{_NOUN}\s*(?:[,.;]|\b(?:in|on|near|of|outside|close|just"
    r"|about|some|around|located|situated|that|which|where|north|south|east|west|(?:north|south)-?(?:east|west)"
    r"|(?:north|south|east|west)ern|along|across|by|at|between|from)\b)",
    re.I,
)


# "Nikopol (Dnipropetrovsk oblast)", "Kabkabiya (North Darfur state)": a name followed by the unit it lies in
_UNIT_IN_BRACKETS_AFTER = re.compile(
    r"^\s*\((?:[A-Z][\w'\u2019-]*\s+){1,3}(?:oblast|province|region|state|governorate|district|county|department"
    r"|prefecture|territory|zone|division)\b[^)]{0,20}\)",
    re.I,
)


def marked_as_place(text: str, top) -> bool:  # noqa: ANN001
    """True when a place noun next to the name says it is a place ("the al-Shaar neighbourhood", "the village of
    X", "X camp", "X province"), its distance from another place ("near Jamaame, about 60 km north of Kismayo")
    or the unit it lies in, in brackets ("Nikopol (Dnipropetrovsk oblast)"): explicit evidence the model does not
    overrule."""
    if getattr(top, "city_hint", None):
        return True
    return bool(
        _MARK_AFTER.match(text[top.end : top.end + 30])
        or _MARK_BEFORE.search(text[max(0, top.start - 40) : top.start])
        or _DISTANCE_AFTER.match(text[top.end : top.end + 110])
        or _APPOSITIVE_AFTER.match(text[top.end : top.end + 90])
        or _UNIT_IN_BRACKETS_AFTER.match(text[top.end : top.end + 60])
    )


class _KeepAll(ToponymModel):
    """A model that keeps every candidate."""

    def probability(self, feats: dict[str, float]) -> float:  # noqa: ARG002
        return 1.0


KEEP_ALL = _KeepAll()


# ----------------------------------------------------------------------------------------------------------------
# Training


def fit_logistic(
    rows: Sequence[dict[str, float]], labels: Sequence[int], l2: float = 1.0
) -> tuple[dict[str, float], float]:
    """L2-regularised logistic regression (L-BFGS); returns weights by feature name and the bias."""
    import numpy as np
    from scipy.optimize import minimize

    names = list(FEATURES)
    idx = {n: i for i, n in enumerate(names)}
    x = np.zeros((len(rows), len(names) + 1))
    for r, feats in enumerate(rows):
        for k, v in feats.items():
            if k in idx:
                x[r, idx[k]] = v
    x[:, -1] = 1.0
    y = np.asarray(labels, dtype=float)

    def loss(w: np.ndarray) -> tuple[float, np.ndarray]:
        z = x @ w
        p = 1.0 / (1.0 + np.exp(-z))
        eps = 1e-12
        nll = -np.sum(y * np.log(p + eps) + (1 - y) * np.log(1 - p + eps))
        reg = 0.5 * l2 * np.sum(w[:-1] ** 2)
        grad = x.T @ (p - y)
        grad[:-1] += l2 * w[:-1]
        return float(nll + reg), grad

    res = minimize(loss, np.zeros(x.shape[1]), jac=True, method="L-BFGS-B", options={"maxiter": 500})
    w = res.x
    return {n: float(w[i]) for i, n in enumerate(names) if abs(w[i]) > 1e-6}, float(w[-1])
