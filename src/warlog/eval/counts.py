"""Casualty counts against public gold: killed and injured per report, incident or event description.

Corpora (readers below; every text goes through `text_casualties` below, the regex sentence split plus
`report_casualties` below):
- gvdb: Gun Violence Database dev/test TSV, one US local news article per row; gold = victims listed as killed,
  and injured = victims listed as injured and not killed (as the benchmark's verify_counts.py counts them).
- gva: SemEval-2018 Task 5 Gun Violence Archive incidents with one or more articles; gold = the incident's
  num_killed / num_injured. An incident's figure is the MAX over its articles' figures: articles are written at
  different times and later ones carry the updated toll, while an article that omits a figure says nothing.
- wad: PITF World Atrocities Dataset, rows with usable text only (text_usable); gold killed = Deaths Number,
  injured = Injured Number where that column is filled (blank is not 0: injured is scored on those rows only).
- acled: ACLED event notes (a .csv/.csv.gz file or a folder of them); gold = `fatalities`. The statements ACLED
  appends about its own coding ("3 fatalities.", "Fatalities unknown.", "coded as 10", "split between 3 events")
  are stripped first, because they state the gold itself. ACLED has no injured column.
Metrics: exact match (no figure read counts as 0) and within 10% of gold (|pred - gold| <= 0.1 x gold, so a gold
of 0 or 1 needs an exact match).
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from warlog.eval.report import Anchor, EvalError, EvalResult
from warlog.extract.counts import _WOUNDED_WORDS, Casualties, extract_casualties, is_aggregate_toll
from warlog.extract.literals import gated
from warlog.extract.sentences import split_text

CORPORA = ("gvdb", "gva", "wad", "acled")

ANCHORS = [
    Anchor(
        "killed_exact",
        0.813,
        "NT5-Gen (T5) exact match on WAD 1995-2020, Zhong et al. EACL 2023 (other split; T5 range 0.44-0.81 over "
        "WAD/NAVCO/EMM; regex baselines 0.06-0.26); not the same corpus or split",
    ),
]


@dataclass
class CountItem:
    """One scored unit: its texts (several for a GVA incident), gold killed and injured (None: no gold)."""

    item_id: str
    texts: list[str]
    killed: int | None
    injured: int | None


def _open_text(path: Path) -> io.TextIOBase:
    """A text handle on a plain or gzipped file."""
    if path.suffix == ".gz":
        return io.TextIOWrapper(gzip.open(path, "rb"), encoding="utf-8", errors="replace")
    return open(path, encoding="utf-8", errors="replace", newline="")  # noqa: SIM115


def read_gvdb(path: str | Path) -> Iterator[CountItem]:
    """GVDB split TSV (Article id, Full text, Json ...): killed and injured-not-killed victims per article."""
    csv.field_size_limit(1 << 30)
    with _open_text(Path(path)) as fh:
        reader = csv.DictReader(fh, delimiter="\t")
        missing = {"Full text", "Json"} - set(reader.fieldnames or ())
        if missing:
            raise EvalError(f"{path}: not a GVDB split TSV (no {', '.join(sorted(missing))} column: no gold counts)")
        for row in reader:
            try:
                info = json.loads(row.get("Json") or "")
            except ValueError:
                continue  # no annotation to score against
            if not isinstance(info, dict) or "victim-section" not in info:
                continue
            victims = info.get("victim-section") or []
            outcomes = [set(v.get("victim-was") or []) for v in victims]
            killed = sum("killed" in o for o in outcomes)
            injured = sum("injured" in o and "killed" not in o for o in outcomes)
            yield CountItem(row.get("Article id", ""), [row.get("Full text") or ""], killed, injured)


def _jsonl(folder: Path, stem: str) -> Path:
    """folder/stem.jsonl.gz, or the uncompressed stem.jsonl."""
    gz = folder / f"{stem}.jsonl.gz"
    return gz if gz.exists() else folder / f"{stem}.jsonl"


def read_gva(path: str | Path) -> Iterator[CountItem]:
    """GVA incidents (incidents.jsonl.gz beside documents.jsonl.gz; path is either file or their folder)."""
    p = Path(path)
    folder = p if p.is_dir() else p.parent
    for stem in ("documents", "incidents"):
        if not _jsonl(folder, stem).exists():
            raise EvalError(f"{folder}: no {stem}.jsonl(.gz): not the GVA layout (no gold counts)")
    docs: dict[str, str] = {}
    with _open_text(_jsonl(folder, "documents")) as fh:
        for line in fh:
            d = json.loads(line)
            text = "\n\n".join(x for x in (d.get("title"), d.get("content")) if x)
            if text.strip():
                docs[d["doc_id"]] = text
    with _open_text(_jsonl(folder, "incidents")) as fh:
        for line in fh:
            inc = json.loads(line)
            texts = [docs[i] for i in inc.get("doc_ids") or [] if i in docs]
            if not texts or inc.get("num_killed") is None:
                continue
            yield CountItem(str(inc["incident_id"]), texts, int(inc["num_killed"]), _int(inc.get("num_injured")))


def _int(value: Any) -> int | None:
    """An integer from a CSV/JSON cell, None when blank or not a number."""
    if value is None:
        return None
    try:
        return int(float(str(value).strip()))
    except ValueError:
        return None


def read_wad(path: str | Path) -> Iterator[CountItem]:
    """WAD core CSV: rows with usable text; Deaths Number, and Injured Number only where filled."""
    with _open_text(Path(path)) as fh:
        reader = csv.DictReader(fh)
        missing = {"Description", "Deaths Number", "text_usable"} - set(reader.fieldnames or ())
        if missing:
            raise EvalError(f"{path}: not the WAD core CSV (no {', '.join(sorted(missing))} column: no gold counts)")
        for row in reader:
            if str(row.get("text_usable", "")).strip().lower() != "true":
                continue
            text = (row.get("Description") or "").strip()
            killed = _int(row.get("Deaths Number"))
            if not text or killed is None:
                continue
            yield CountItem(row.get("row_id", ""), [text], killed, _int(row.get("Injured Number")))


# ACLED's own coding statements, appended to notes, give the gold away: they go before extraction.
_CODING_HINT = re.compile(
    r"fatalit|casualt|\bcoded\b|split\s+(?:up\s+)?(?:between|among|across)|distributed\s+across"
    r"|spread\s+(?:across|between)",
    re.IGNORECASE,
)
_NARRATIVE_VERB = re.compile(r"\b(?:killed|killing|dead|died|shot|executed|bodies|wounded|wounding|massacred)\b", re.I)


def strip_acled_coding(notes: str) -> str:
    """ACLED notes without the appended coding statements ("3 fatalities.", "Fatalities unknown.", "coded as 10").

    A sentence that talks about fatalities, casualties or coding and tells no happening (no "killed", "died",
    "shot"...) is ACLED's statement about its own figure and is dropped, as is any [bracketed] note; inside a
    narrative sentence only a trailing "(fatalities coded as 10)" clause goes.
    """
    kept: list[str] = []
    for sentence in re.split(r"(?<=[.;])\s+", re.sub(r"\[[^\]]*\]", " ", notes).strip()):
        s = sentence.strip()
        if not s:
            continue
        if _CODING_HINT.search(s):
            if not _NARRATIVE_VERB.search(s):
                continue
            s = re.sub(
                r"[,;(]?\s*(?:fatalities|casualties)\s+(?:were\s+|are\s+)?coded\s+(?:to|as)\s+\d+\)?", "", s, flags=re.I
            )
        kept.append(s)
    return " ".join(kept)


def _acled_files(path: Path) -> list[Path]:
    """The ACLED CSVs under a path (plain or gzipped)."""
    if path.is_file():
        return [path]
    files = sorted([*path.rglob("*.csv"), *path.rglob("*.csv.gz")])
    named = [f for f in files if "acled" in f.name.lower()]
    return named or files


def read_acled(path: str | Path) -> Iterator[CountItem]:
    """ACLED exports: notes (coding statements stripped) and fatalities."""
    for f in _acled_files(Path(path)):
        with _open_text(f) as fh:
            for row in csv.DictReader(fh):
                notes = row.get("notes") or ""
                killed = _int(row.get("fatalities"))
                if not notes.strip() or killed is None:
                    continue
                yield CountItem(
                    row.get("event_id_cnty") or row.get("data_id", ""), [strip_acled_coding(notes)], killed, None
                )


# ---------------------------------------------------------------------------------------------------------------------
# a whole report's figures from its sentences (the benchmarks' unit is a report, an incident or an event note)


@dataclass
class ReportCasualties(Casualties):
    """A whole report's casualty figures, with the sentences each figure came from."""

    killed_sentence: int | None = None  # index of the sentence that gave the death toll
    injured_sentence: int | None = None
    skipped_aggregate: int = 0  # sentences left out because their toll covers a period


_MULTI_SHOOTING = gated(r"\b(?P<k>double|triple|quadruple)[\s-]+(?:shooting|stabbing)\b", re.IGNORECASE)
_ANOTHER_VICTIM = gated(
    r"\b(?:also|another|a\s+second|second\s+(?:man|woman|person|victim)|other\s+victim|the\s+other\s+(?:man|woman))\b",
    re.IGNORECASE,
)
_SHOT_ONLY = gated(r"\bshot\b(?!\s+(?:dead|and\s+killed|to\s+death))", re.IGNORECASE)


def report_casualties(sentences: list[str]) -> ReportCasualties:
    """Killed and injured for the main event of a report from its sentences.

    - sentences whose toll covers a period ("since the war began", "so far this year") are skipped;
    - killed is the largest death toll any remaining sentence states (later reports and updates raise tolls; a
      smaller figure elsewhere is usually a subset or an earlier count);
    - injured is the largest injury figure, less the dead when that figure counts people "shot" (the shot include
      those who died: "three people were shot; one died" gives 1 killed and 2 injured), and never counting a
      victim already counted as dead ("a man was shot ... he died in hospital" gives 1 killed, 0 injured);
    - civilians, children and women follow the sentence that gave the death toll.
    """
    out = ReportCasualties()
    best_shot = False
    multi = 0  # "double shooting": victims shot, dead or not
    singles = {"fatal": 0, "injured": 0}  # one-victim sentences, the first plus those naming another victim
    for i, sentence in enumerate(sentences):
        ms = _MULTI_SHOOTING.search(sentence)
        if ms:
            multi = max(multi, {"double": 2, "triple": 3, "quadruple": 4}[ms.group("k").lower()])
        cas = extract_casualties(sentence)
        if cas.fatalities is None and cas.injured is None:
            continue
        if is_aggregate_toll(sentence):
            out.skipped_aggregate += 1
            continue
        if cas.fatalities is not None and (out.fatalities is None or cas.fatalities > out.fatalities):
            out.fatalities = cas.fatalities
            out.killed_sentence = i
            out.civilians, out.children, out.women = cas.civilians, cas.children, cas.women
            out.vague = cas.vague
        another = bool(_ANOTHER_VICTIM.search(sentence))
        for key, value in (("fatal", cas.fatalities), ("injured", cas.injured)):
            if value == 1 and not cas.spans and (singles[key] == 0 or another):
                singles[key] += 1
        if cas.injured is not None and (out.injured is None or cas.injured > out.injured):
            out.injured = cas.injured
            out.injured_sentence = i
            best_shot = bool(_SHOT_ONLY.search(sentence)) and not _WOUNDED_WORDS.search(sentence)
    if singles["fatal"] > (out.fatalities or 0):
        out.fatalities = singles["fatal"]  # "X was shot dead ... The officer also killed a neighbour": 2
    if singles["injured"] > (out.injured or 0):
        out.injured = singles["injured"]
        best_shot = True
    if out.injured and out.fatalities and best_shot:
        out.injured = max(0, out.injured - out.fatalities)
    if multi and multi > (out.fatalities or 0) + (out.injured or 0):
        out.injured = multi - (out.fatalities or 0)
    return out


def text_casualties(text: str) -> ReportCasualties:
    """report_casualties over a plain text split into sentences without a parser."""
    return report_casualties(split_text(text))


READERS = {"gvdb": read_gvdb, "gva": read_gva, "wad": read_wad, "acled": read_acled}


def predict(item: CountItem) -> tuple[int, int]:
    """warlog's (killed, injured) for an item: the max over its texts, a missing figure read as 0."""
    killed = injured = 0
    for text in item.texts:
        cas = text_casualties(text)
        killed = max(killed, cas.fatalities or 0)
        injured = max(injured, cas.injured or 0)
    return killed, injured


def _within10(pred: int, gold: int) -> bool:
    """Within 10% of gold (gold 0 needs 0)."""
    return abs(pred - gold) <= 0.1 * gold


def score(items: Iterator[CountItem] | list[CountItem], limit: int | None = None) -> tuple[dict[str, Any], list]:
    """Exact and within-10% rates for killed and injured; the wrong items for inspection."""
    n = n_inj = k_exact = k_10 = i_exact = i_10 = 0
    errors: list[dict[str, Any]] = []
    for item in items:
        if limit is not None and n >= limit:
            break
        if item.killed is None:
            continue
        pk, pi = predict(item)
        n += 1
        k_exact += pk == item.killed
        k_10 += _within10(pk, item.killed)
        if item.injured is not None:
            n_inj += 1
            i_exact += pi == item.injured
            i_10 += _within10(pi, item.injured)
        if pk != item.killed or (item.injured is not None and pi != item.injured):
            errors.append(
                {"id": item.item_id, "killed": item.killed, "pred_killed": pk, "injured": item.injured,
                 "pred_injured": pi}
            )  # fmt: skip
    metrics: dict[str, Any] = {
        "killed_exact": round(k_exact / n, 4) if n else None,
        "killed_within10": round(k_10 / n, 4) if n else None,
        "injured_exact": round(i_exact / n_inj, 4) if n_inj else None,
        "injured_within10": round(i_10 / n_inj, 4) if n_inj else None,
        "n": n,
        "n_injured": n_inj,
    }
    return metrics, errors


def evaluate_counts(corpus: str, data: str | Path, limit: int | None = None, with_errors: bool = False) -> EvalResult:
    """Score warlog's casualty counts on one corpus (see the module docstring for each corpus's unit and gold)."""
    if corpus not in READERS:
        raise ValueError(f"unknown corpus {corpus!r}: one of {', '.join(CORPORA)}")
    metrics, errors = score(READERS[corpus](data), limit=limit)
    if not metrics["n"]:
        raise EvalError(f"{data}: no item with a gold count for --corpus {corpus}; nothing to score")
    if corpus == "acled":
        metrics.pop("injured_exact")
        metrics.pop("injured_within10")
        metrics.pop("n_injured")
    notes = [
        "Anchors are on other corpora (WAD 1995-2020 / NAVCO / EMM with their own splits): not directly comparable.",
        {
            "gvdb": "Unit: one article; gold = annotated victims (a lower bound where victims go unlisted).",
            "gva": "Unit: one incident; prediction = max over the incident's articles.",
            "wad": "Unit: one event description (text_usable rows); injured scored where Injured Number is filled.",
            "acled": "Unit: one event note with ACLED's appended fatality/coding statements stripped; no injured gold.",
        }[corpus],
    ]
    details = {"errors": errors} if with_errors else {}
    return EvalResult(benchmark=f"counts ({corpus})", metrics=metrics, anchors=ANCHORS, notes=notes, details=details)
