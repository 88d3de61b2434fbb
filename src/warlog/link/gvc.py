"""Gun Violence Corpus (GVC) mention coreference: read a split, describe each gold mention by general features (head,
neighbours, time and place cues of its sentence, whether its sentence names the incident's people and places), learn
which sub-event it names (death, injuring, hitting, firing a gun, the incident as a whole, another incident) and
whether it is about one victim or several, then cluster mentions within warlog's document groups by those labels.

Gold fields (coref_chain, description, subtopic_id, the CoNLL coref column) are read only as training labels and to
fold cross-validation by incident; prediction never sees them.
"""

from __future__ import annotations

import json
import re
import zlib
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np
from scipy import sparse

TYPES = ("death", "injuring", "hitting", "firing_a_gun", "bag_of_events", "other", "0")
L2 = 3.0
MODEL_PATH = Path(__file__).with_name("gvc_model.json")

_MONTHS = frozenset(
    "january february march april may june july august september october november december jan feb mar apr jun jul aug "
    "sep sept oct nov dec".split()
)
# Words that move a sentence away from the reported incident: other dates, other cases, statistics, background.
_AWAY = frozenset(
    "last ago since earlier previous previously prior another other others separate separately similar also again "
    "cases incidents shootings deaths year years months weeks record statistics total this year dozen".split()
)
_PLURAL = frozenset(
    "both two three four five six seven eight nine ten they them their victims people men women children kids teens "
    "brothers sisters couple family families were are have all each several multiple others".split()
)
_NAME_STOP = frozenset(
    "The A An He She They It In On At But And Police Officers Officer Sheriff County City State Monday Tuesday "
    "Wednesday Thursday Friday Saturday Sunday January February March April May June July August September October "
    "November December Mr Mrs Ms Dr Sgt Lt Capt Chief Det Deputy According When After Before This That There".split()
)
_BIG = re.compile(r"^(\d{1,3},\d{3}|\d{3,})$")
_GENERIC = frozenset("many more number of these such any every most fewer reckless".split())
_FUNCTION = frozenset(
    "that this with from were have been said says about after before when where which their there they them would "
    "could should will police shot shooting killed dead death also into over just than then what while".split()
)
_YEAR = re.compile(r"^(19[5-9]\d|20[0-3]\d)$")


@dataclass
class GvcDoc:
    """One GVC document: its key, creation date and sentences (sentence 1 is the title)."""

    key: str
    dct: date | None
    sentences: dict[int, list[str]] = field(default_factory=dict)

    def text(self) -> str:
        """The document's words, sentences in order."""
        return " ".join(" ".join(self.sentences[s]) for s in sorted(self.sentences))


def read_conll(path: str | Path) -> dict[str, GvcDoc]:
    """Documents of a GVC `dataset.conll` (the gold coref column is not read)."""
    docs: dict[str, GvcDoc] = {}
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("#") or not line.strip():
                continue
            parts = line.rstrip("\n").split("\t")
            doc = docs.setdefault(parts[0], GvcDoc(parts[0], None))
            if parts[1] == "0":
                try:
                    doc.dct = date.fromisoformat(parts[3].strip())
                except ValueError:
                    doc.dct = None
                continue
            doc.sentences.setdefault(int(parts[1]), []).append(parts[3])
    return docs


def read_split(folder: str | Path, split: str = "val") -> tuple[dict[str, GvcDoc], list[dict[str, Any]]]:
    """(documents, mentions) of a GVC split in the Zhukova et al. export (`<folder>/<split>/dataset.conll` and
    `event_mentions.json`; the test and val folders share this layout)."""
    base = Path(folder) / split
    docs = read_conll(base / "dataset.conll")
    with open(base / "event_mentions.json", encoding="utf-8") as fh:
        mentions = json.load(fh)
    return docs, mentions


def doc_key_of(m: dict[str, Any], docs: dict[str, GvcDoc]) -> str:
    """The CoNLL document a mention belongs to (its conll_doc_key, or the key ending in its doc_id)."""
    key = m.get("conll_doc_key")
    if key in docs:
        return key
    doc_id = m.get("doc_id") or ""
    return next((k for k in docs if k.endswith("/" + doc_id)), key or doc_id)


def gold_type(m: dict[str, Any]) -> str:
    """The sub-event type in a gold description "<incident>.<type>.<participants>" ("0": unannotated)."""
    parts = (m.get("description") or "").split(".")
    return parts[1] if len(parts) >= 3 and parts[1] in TYPES else "0"


def in_bugert_key(m: dict[str, Any]) -> bool:
    """Whether Bugert et al.'s gold key holds the mention (it drops GVC's cluster-0 mentions, description "0")."""
    return (m.get("description") or "0") != "0"


# ---------------------------------------------------------------------------------------------------------------------
# features


def _names(tokens: Sequence[str]) -> set[str]:
    """Capitalised words that are not the sentence's first word nor common capitalised function words."""
    return {
        t
        for i, t in enumerate(tokens)
        if i > 0 and t[:1].isupper() and len(t) > 2 and t not in _NAME_STOP and t.isalpha()
    }


def core_names(docs: dict[str, GvcDoc], groups: dict[str, Any]) -> dict[str, set[str]]:
    """Per document: names in its title and first three body sentences, plus names two documents of its group share."""
    by_group: dict[Any, list[str]] = defaultdict(list)
    for k in docs:
        by_group[groups.get(k, k)].append(k)
    out: dict[str, set[str]] = {}
    for members in by_group.values():
        counts: Counter[str] = Counter(
            n for k in members for n in {n for s in docs[k].sentences.values() for n in _names(s)}
        )
        shared = {n for n, c in counts.items() if c >= 2}
        for k in members:
            lead = [docs[k].sentences[s] for s in sorted(docs[k].sentences)[:4]]
            out[k] = shared | {n for s in lead for n in _names(s)}
    return out


def support_words(docs: dict[str, GvcDoc], groups: dict[str, Any]) -> dict[str, set[str]]:
    """Per document: content words of the other documents in its group (its own lead when it is alone), to tell
    sentences about the group's incident from background about other ones."""
    by_group: dict[Any, list[str]] = defaultdict(list)
    for k in docs:
        by_group[groups.get(k, k)].append(k)
    words = {k: {t for s in d.sentences.values() for t in _content(s)} for k, d in docs.items()}
    out: dict[str, set[str]] = {}
    for members in by_group.values():
        for k in members:
            others = [words[o] for o in members if o != k]
            if others:
                out[k] = set().union(*others)
            else:
                out[k] = {t for s in sorted(docs[k].sentences)[:4] for t in _content(docs[k].sentences[s])}
    return out


def _content(tokens: Sequence[str]) -> set[str]:
    """Lower-cased content words and numbers of a sentence."""
    return {t.lower() for t in tokens if (t.isalpha() and len(t) > 3 and t.lower() not in _FUNCTION) or t.isdigit()}


def _bucket(x: float, cuts: Sequence[float]) -> int:
    """Index of the first cut x stays under (len(cuts) when above all)."""
    return next((i for i, c in enumerate(cuts) if x < c), len(cuts))


def mention_features(m: dict[str, Any], doc: GvcDoc, core: set[str], support: set[str] | None = None) -> list[str]:
    """General features of one mention: head and neighbours, sentence position, away-from-the-incident cues and how
    many of its sentence's names belong to the incident."""
    from warlog.link.benchmarks import mention_class

    sid = int(m.get("sent_id") or 0)
    sent = doc.sentences.get(sid, [])
    toks = [int(t) for t in m.get("tokens_number") or [0]]
    head = int(m["mention_head_id"]) if m.get("mention_head_id") in toks else toks[-1]
    low = [t.lower() for t in sent]

    def w(j: int) -> str:
        """Lower-cased token j of the sentence, or a boundary marker."""
        return low[j] if 0 <= j < len(low) else ("<s>" if j < 0 else "</s>")

    lemma = (m.get("mention_head_lemma") or "").lower()
    pos = m.get("mention_head_pos") or ""
    surface = (m.get("tokens_str") or "").lower()
    rule = mention_class(lemma, pos, surface, w(toks[0] - 1)) or "none"
    f = [f"lem={lemma}", f"surf={surface}", f"pos={pos}", f"rule={rule}", f"lem|pos={lemma}|{pos}"]
    f += [f"p1={w(toks[0] - 1)}", f"p2={w(toks[0] - 2)}", f"n1={w(toks[-1] + 1)}", f"n2={w(toks[-1] + 2)}"]
    f += [f"lem|p1={lemma}|{w(toks[0] - 1)}", f"lem|n1={lemma}|{w(toks[-1] + 1)}", f"rule|p1={rule}|{w(toks[0] - 1)}"]
    f += [f"win={x}" for x in {w(j) for j in range(toks[0] - 4, toks[-1] + 5) if j != head}]
    f += ["multi" if len(toks) > 1 else "single", f"sent={_bucket(sid, (2, 3, 5, 9, 16))}"]
    f.append("title" if sid == 1 else "body")
    away = {x for x in low if x in _AWAY}
    f += [f"away={x}" for x in away] + [f"away_n={min(3, len(away))}"]
    near_away = {w(j) for j in range(head - 8, head + 9)} & _AWAY
    f += [f"near_away={x}" for x in near_away]
    if any(x in _MONTHS for x in low):
        f.append("month")
    years = {int(x) for x in sent if _YEAR.match(x)}
    if years and doc.dct and any(y != doc.dct.year for y in years):
        f.append("other_year")
    names = _names(sent)
    if names:
        share = len(names & core) / len(names)
        f.append(f"core={_bucket(share, (0.01, 0.5, 0.99))}")
    else:
        f.append("core=none")
    plural = {w(j) for j in range(head - 6, head + 4)} & _PLURAL
    f += [f"pl={x}" for x in plural] + [f"pl_n={min(2, len(plural))}", f"lem|pl={lemma}|{bool(plural)}"]
    if surface.endswith("s") and not surface.endswith("ss"):
        f += ["surf_s", f"surf_s|pos={pos}"]
    if any(_BIG.match(x) for x in sent):
        f.append("big_number")
    if any(x in ('"', "“", "”") for x in sent):
        f.append("quoted")
    last = max(doc.sentences) if doc.sentences else 1
    f.append(f"rel={_bucket(sid / last, (0.2, 0.4, 0.6, 0.8))}")
    own = _content(sent)
    if support is not None and own:
        share = len(own & support) / len(own)
        f.append(f"support={_bucket(share, (0.2, 0.4, 0.6, 0.8))}")
    generic = {w(j) for j in range(head - 3, head)} & _GENERIC
    f += [f"gen={x}" for x in generic]
    return f


# ---------------------------------------------------------------------------------------------------------------------
# a small multinomial logistic regression over binary features


@dataclass
class SoftmaxModel:
    """Binary-feature multinomial logistic regression: feature -> row of `weights`, one column per class."""

    classes: tuple[str, ...]
    vocab: dict[str, int]
    weights: np.ndarray  # (len(vocab) + 1, len(classes)); the last row is the bias

    def matrix(self, rows: Sequence[Sequence[str]]) -> sparse.csr_matrix:
        """Rows of feature strings as a sparse 0/1 matrix with a bias column (unknown features are dropped)."""
        return _matrix(rows, self.vocab)

    def proba(self, rows: Sequence[Sequence[str]]) -> np.ndarray:
        """Class probabilities per row."""
        z = self.matrix(rows) @ self.weights
        z -= z.max(1, keepdims=True)
        e = np.exp(z)
        return e / e.sum(1, keepdims=True)

    def predict(self, rows: Sequence[Sequence[str]]) -> list[str]:
        """The most probable class per row."""
        return [self.classes[i] for i in self.proba(rows).argmax(1)]

    def to_json(self) -> dict[str, Any]:
        """Classes, and per feature its rounded weights (features whose weights are all ~0 are dropped)."""
        feats = {f: [round(float(x), 4) for x in self.weights[i]] for f, i in self.vocab.items()}
        feats = {f: v for f, v in feats.items() if max(abs(x) for x in v) >= 1e-3}
        return {
            "classes": list(self.classes),
            "bias": [round(float(x), 4) for x in self.weights[-1]],
            "features": feats,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> SoftmaxModel:
        """The inverse of to_json."""
        vocab = {f: i for i, f in enumerate(data["features"])}
        w = np.array([data["features"][f] for f in vocab] + [data["bias"]], dtype=float)
        return cls(tuple(data["classes"]), vocab, w)


def _matrix(rows: Sequence[Sequence[str]], vocab: dict[str, int]) -> sparse.csr_matrix:
    """Sparse 0/1 rows with the bias in the last column."""
    ind, ptr = [], [0]
    for r in rows:
        ind.extend(sorted({vocab[f] for f in r if f in vocab}) + [len(vocab)])
        ptr.append(len(ind))
    return sparse.csr_matrix((np.ones(len(ind)), ind, ptr), shape=(len(rows), len(vocab) + 1))


def train_softmax(
    rows: Sequence[Sequence[str]],
    labels: Sequence[str],
    classes: Sequence[str],
    l2: float = 1.0,
    min_count: int = 2,
    steps: int = 300,
    rate: float = 0.05,
) -> SoftmaxModel:
    """Fit by Adam on mean cross-entropy + l2/2 |W|^2 (bias not penalised); features seen fewer than min_count times are
    dropped."""
    counts = Counter(f for r in rows for f in set(r))
    vocab = {f: i for i, f in enumerate(sorted(f for f, c in counts.items() if c >= min_count))}
    x = _matrix(rows, vocab)
    k = len(classes)
    y = np.zeros((len(rows), k))
    y[np.arange(len(rows)), [classes.index(c) for c in labels]] = 1
    mask = np.ones((len(vocab) + 1, k))
    mask[-1] = 0

    w = np.zeros((len(vocab) + 1, k))
    m1, m2 = np.zeros_like(w), np.zeros_like(w)
    xt = x.T.tocsr()
    for t in range(1, steps + 1):  # Adam on the full batch: no BLAS threads (slow on a shared, loaded machine)
        z = x @ w
        z -= z.max(1, keepdims=True)
        p = np.exp(z)
        p /= p.sum(1, keepdims=True)
        grad = (xt @ (p - y) + l2 * w * mask) / len(rows)
        m1 = 0.9 * m1 + 0.1 * grad
        m2 = 0.999 * m2 + 0.001 * grad * grad
        w -= rate * (m1 / (1 - 0.9**t)) / (np.sqrt(m2 / (1 - 0.999**t)) + 1e-8)
    return SoftmaxModel(tuple(classes), vocab, w)


# ---------------------------------------------------------------------------------------------------------------------
# the model, clustering and cross-validation by incident


def load_model(path: str | Path = MODEL_PATH) -> SoftmaxModel:
    """The shipped mention-type model (trained on the whole GVC dev split by `save_model`)."""
    with open(path, encoding="utf-8") as fh:
        return SoftmaxModel.from_json(json.load(fh))


def save_model(folder: str | Path, path: str | Path = MODEL_PATH, split: str = "val") -> SoftmaxModel:
    """Train the mention-type model on a whole GVC split and write it as JSON (how gvc_model.json was made)."""
    from warlog.link.benchmarks import group_documents

    docs, mentions = read_split(folder, split)
    groups = group_documents({k: d.text() for k, d in docs.items()}, {k: d.dct for k, d in docs.items()})
    model = train(featurize(docs, mentions, groups), mentions)
    with open(path, "w", encoding="utf-8") as fh:
        json.dump(model.to_json(), fh, separators=(",", ":"), sort_keys=True)
    return model


def featurize(docs: dict[str, GvcDoc], mentions: Sequence[dict[str, Any]], groups: dict[str, Any]) -> list[list[str]]:
    """Feature rows for the mentions, given warlog's document groups (for the incident's names and words)."""
    core = core_names(docs, groups)
    support = support_words(docs, groups)
    rows = []
    for m in mentions:
        k = doc_key_of(m, docs)
        doc = docs.get(k) or GvcDoc(k, None)
        rows.append(mention_features(m, doc, core.get(k, set()), support.get(k)))
    return rows


def train(rows: Sequence[Sequence[str]], mentions: Sequence[dict[str, Any]], l2: float = L2) -> SoftmaxModel:
    """The mention-type model from gold mentions."""
    return train_softmax(rows, [gold_type(m) for m in mentions], TYPES, l2=l2)


def cluster_labels(
    mentions: Sequence[dict[str, Any]], docs: dict[str, GvcDoc], groups: dict[str, Any], types: Sequence[str]
) -> dict[str, Any]:
    """mention id -> cluster label (document group, sub-event type); mentions that look unannotated ("0") stay alone,
    and the mentions of other incidents in a group form one cluster, as GVC annotates them."""
    out: dict[str, Any] = {}
    for m, t in zip(mentions, types, strict=True):
        k = doc_key_of(m, docs)
        out[m["mention_id"]] = ("single", m["mention_id"]) if t == "0" else (groups.get(k, k), t)
    return out


def incident_folds(mentions: Iterable[dict[str, Any]], k: int = 5, seed: int = 0) -> dict[str, int]:
    """Gold incident -> fold, stable (crc32 of seed and id), so no incident is in both training and test."""
    return {i: zlib.crc32(f"{seed}:{i}".encode()) % k for i in {m.get("subtopic_id") or "" for m in mentions}}


def cross_validate(
    rows: Sequence[Sequence[str]], mentions: Sequence[dict[str, Any]], k: int = 5, seed: int = 0
) -> list[str]:
    """Out-of-fold mention types: each fold's incidents predicted by a model trained on the other folds only."""
    folds = incident_folds(mentions, k, seed)
    fold_of = [folds[m.get("subtopic_id") or ""] for m in mentions]
    types = [""] * len(rows)
    for f in sorted(set(fold_of)):
        tr = [i for i, x in enumerate(fold_of) if x != f]
        te = [i for i, x in enumerate(fold_of) if x == f]
        model = train([rows[i] for i in tr], [mentions[i] for i in tr])
        for i, t in zip(te, model.predict([rows[i] for i in te]), strict=True):
            types[i] = t
    return types
