"""A small linear sub-event-type classifier (multinomial logistic regression over hashed n-grams and lexicon cues).

The weights ship as ``warlog/data/types_model.npz`` and are written by ``warlog train types`` (warlog.train.types).
Features are the same at training and run time: lower-cased word unigrams and bigrams (digits folded to ``0``), plus
one feature per lexicon trigger sub-type and one for the lexicon's own precedence choice. Each feature string is hashed
with CRC-32 into ``2**BITS`` buckets; only the buckets seen in training are stored, so the file stays small and a
prediction is a dictionary look-up per feature plus one small matrix sum.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from io import BytesIO

import numpy as np

BITS = 20
MODEL_RESOURCE = "data/types_model.npz"
PROPOSER_RESOURCE = "data/proposer_model.npz"
LEXICON_WEIGHT = 4
# Model metadata key: "off" when the model was trained without the lexicon's precedence choice (``top:`` features).
CHOICE_META = "choice_feature"

_TOKEN = re.compile(r"[a-z]+(?:'[a-z]+)?|\d+")
# ACLED note boilerplate that news text never has: the leading date, the size tag, the fatality statements.
_NOTE_DATE = re.compile(
    r"^\s*(?:On|Around|Between|During|As of|From|In)\b[^,]{0,60}?\b(?:19|20)\d\d(?: \([^)]{0,40}\))?,\s*", re.I
)
_NOTE_TAIL = re.compile(
    r"\[[^\]]*\]|\b(?:\d+|no|zero|one|two|three) (?:reported )?fatalit(?:y|ies)(?: reported)?\.?|casualties unknown\.?|"
    r"(?:unknown number of )?fatalities (?:coded|were coded) (?:to|as) \d+\.?|\bcoded (?:to|as) \d+\.?|"
    r"fatalities unknown\.?",
    re.I,
)


def clean_note(note: str) -> str:
    """An ACLED note without ACLED's own boilerplate, so it reads like a news sentence (used to train and evaluate)."""
    text = _NOTE_DATE.sub("", note.strip())
    text = _NOTE_TAIL.sub("", text)
    return re.sub(r"\s+", " ", text).strip()


def text_features(text: str) -> list[str]:
    """Word unigrams and bigrams of a text (lower-cased, digits folded to 0)."""
    toks = ["0" if t.isdigit() else t for t in _TOKEN.findall(text.lower())]
    feats = [f"u:{t}" for t in toks]
    feats.extend(f"b:{a}_{b}" for a, b in zip(toks, toks[1:], strict=False))
    return list(dict.fromkeys(feats))  # binary: a word said twice is not twice the evidence


def lexicon_features(trigger_subs: Iterable[tuple[str, float]], lexicon_choice: str | None) -> list[str]:
    """Features from the trigger lexicon: each sub-type it found (strong or weak), and its precedence choice."""
    feats: dict[str, None] = {}
    for sub, score in trigger_subs:
        feats[f"l:{sub}"] = None
        feats[f"l:{sub}:{'hi' if score >= 0.5 else 'lo'}"] = None
    # The lexicon's choice counts LEXICON_WEIGHT times: under the same L2 penalty it is cheaper for the model to trust.
    return list(feats) + [f"top:{lexicon_choice}"] * LEXICON_WEIGHT


def without_choice(features: Iterable[str]) -> list[str]:
    """Features less the lexicon's precedence choice (``top:``): n-grams and the lexicon's trigger cues only."""
    return [f for f in features if not f.startswith("top:")]


@lru_cache(maxsize=1 << 16)
def bucket(feature: str) -> int:
    """Hash bucket of a feature string (stable across runs and platforms)."""
    return zlib.crc32(feature.encode("utf-8")) & ((1 << BITS) - 1)


@dataclass
class TypeModel:
    """Weights of the linear classifier: one row per stored bucket, one column per ACLED sub-event type."""

    classes: tuple[str, ...]
    buckets: dict[int, int]
    weights: np.ndarray  # (n_buckets, n_classes) float32
    bias: np.ndarray  # (n_classes,) float32
    meta: dict[str, str]

    def scores(self, features: Iterable[str]) -> np.ndarray:
        """Softmax probabilities over ``classes`` for a bag of features (repeats count)."""
        get = self.buckets.get
        rows = [r for f in features if (r := get(bucket(f))) is not None]
        logits = self.bias + (self.weights[rows].sum(axis=0) if rows else 0.0)
        logits = logits - logits.max()
        p = np.exp(logits)
        return p / p.sum()

    def predict(self, features: Iterable[str]) -> tuple[str, float]:
        """The most probable sub-event type and its probability (a model trained without the lexicon's choice
        ignores the ``top:`` features it is given)."""
        if self.meta.get(CHOICE_META) == "off":
            features = without_choice(features)
        p = self.scores(features)
        i = int(p.argmax())
        return self.classes[i], float(p[i])

    def save(self, path: str) -> None:
        """Write the model as a compressed .npz (no pickles)."""
        order = sorted(self.buckets, key=self.buckets.get)
        w = self.weights.astype(np.float16)
        np.savez_compressed(
            path,
            classes=np.array(self.classes),
            buckets=np.array(order, dtype=np.int32),
            weights=w,
            bias=self.bias.astype(np.float32),
            meta_keys=np.array(list(self.meta)),
            meta_values=np.array([str(v) for v in self.meta.values()]),
        )


def load_model(data: bytes) -> TypeModel:
    """A TypeModel from the bytes of a .npz written by ``TypeModel.save``."""
    z = np.load(BytesIO(data), allow_pickle=False)
    buckets = {int(b): i for i, b in enumerate(z["buckets"])}
    meta = dict(zip([str(k) for k in z["meta_keys"]], [str(v) for v in z["meta_values"]], strict=True))
    return TypeModel(
        tuple(str(c) for c in z["classes"]),
        buckets,
        z["weights"].astype(np.float32),
        z["bias"].astype(np.float32),
        meta,
    )


def packaged_model(resource: str) -> TypeModel | None:
    """A model file shipped inside the package (a path under ``warlog/``), or None when it is absent."""
    res = resources.files("warlog").joinpath(resource)
    if not res.is_file():
        return None
    return load_model(res.read_bytes())


@lru_cache(maxsize=1)
def shipped_model() -> TypeModel | None:
    """The model shipped in the package, or None when it is absent (the lexicon then works alone)."""
    return packaged_model(MODEL_RESOURCE)


@lru_cache(maxsize=1)
def shipped_proposer() -> TypeModel | None:
    """The proposer shipped in the package (``warlog train proposer``), or None: then only the lexicon proposes."""
    return packaged_model(PROPOSER_RESOURCE)
