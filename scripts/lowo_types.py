"""Leave-one-writer-out (LOWO) comparison of sub-event-type approaches on the five writers' development news leads.

Round 9 (issue 13, helper types9). For each writer: train on ACLED notes + the other four writers' leads, score the
left-out writer with the report reader of ``warlog eval types --corpus snippets`` (weighted F1 over the ACLED classes,
NONE leads count as negatives). The lexicon is the shipped one throughout (it was written reading these writers, so
every LOWO number that goes through it is optimistic; only the learned part is left out).

    PYTHONPATH=src .venv/bin/python scripts/lowo_types.py --shared ../shared            # linear variants (~15 min)
    PYTHONPATH=src .venv/bin/python scripts/lowo_types.py --shared ../shared --textcat  # + spaCy textcat (~10 min more)

Approaches (``make_rule`` is the combination rule with the lexicon: the lexicon always decides whether there is an
event; "override@t" lets the model's top sub-type replace the lexicon's choice when its probability is >= t,
"cand@t" only among the sub-types the lexicon's triggers name):
- ``shipped``: lexicon + the shipped linear model (it was trained on the trainwriter leads: not held out there).
- ``linear-choice-kK``: the linear model as shipped before round 9 (n-grams, lexicon cues and the lexicon's choice),
  leads of the other writers at loss weight K.
- ``linear-nochoice-kK``: the same without the lexicon's choice feature.
- ``textcat-bow``: spaCy ``TextCatBOW.v3`` (uni+bigrams) on notes + leads (NONE leads as a class), alone (the whole
  snippet, NONE = no event) and combined with the lexicon.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import warlog.extract.frames as frames_mod
import warlog.extract.types as types_mod
from warlog.eval.types import score_types
from warlog.extract.frames import extract_from_doc
from warlog.extract.nlp import load_nlp
from warlog.extract.type_model import TypeModel, shipped_model
from warlog.model import Report
from warlog.train.types import HELDOUT_FOLD, NEWS_GROUP, Example, _in_fold, featurise, fit, load_examples

ROOT = Path(__file__).resolve().parent.parent
WRITERS = {
    "own": ROOT / "tests/fixtures/types/news_dev_own.jsonl",
    "w3": ROOT / "tests/fixtures/types/news_dev_w3.jsonl",
    "w4": ROOT / "tests/fixtures/types/news_dev_w4.jsonl",
    "w6": ROOT / "tests/fixtures/types/news_dev_w6.jsonl",
    "trainwriter": ROOT / "src/warlog/train/data/news_leads.jsonl",
}
Probs = Callable[[str, list, Any], dict[str, float]]


def read_leads() -> dict[str, list[dict[str, Any]]]:
    """Each writer's leads: text, label (an ACLED sub-type or NONE) and gold (None for NONE)."""
    out = {}
    for w, path in WRITERS.items():
        rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        out[w] = [
            {
                "text": r["text"],
                "label": r["sub_event_type"],
                "gold": None if r["sub_event_type"] == "NONE" else r["sub_event_type"],
            }
            for r in rows
        ]
    return out


def make_rule(probs: Probs | None, rule: str = "override", t: float = 0.9) -> Callable[..., Any]:
    """A ``classify_with_cues`` with a learned sub-type decision combined with the lexicon by ``rule`` at ``t``."""

    def cwc(sentence: str, context: str = "", actors: Any = ()) -> Any:
        live, choice = types_mod.lexicon_view(sentence, context, actors)
        if choice is None:
            return None, live
        if probs is None or choice.sub_event_type in types_mod._SURE:
            return choice, live
        p = probs(sentence, live, choice)
        if rule == "cand":
            cands = {m.sub_event_type for m in live} | {choice.sub_event_type}
            z = sum(p.get(c, 0.0) for c in cands) or 1.0
            sub = max(cands, key=lambda c: p.get(c, 0.0))
            prob = p.get(sub, 0.0) / z
        else:
            sub = max(p, key=lambda c: p[c])
            prob = p[sub]
        if sub == choice.sub_event_type or prob < t or sub not in types_mod.SUB_TO_TYPE:
            return choice, live
        if not types_mod.model_may_override(choice.sub_event_type, sub):
            return choice, live
        same = types_mod._best(live, sub)
        return (replace(same, score=choice.score) if same is not None else types_mod._as(sub, choice)), live

    return cwc


def install(cwc: Callable[..., Any]) -> None:
    """Patch the combination into the sentence classifier and the report reader."""
    types_mod.classify_with_cues = cwc  # type: ignore[assignment]
    frames_mod.classify_with_cues = cwc  # type: ignore[assignment]


class Reader:
    """The report reader of ``warlog eval types --corpus snippets`` over pre-parsed leads."""

    def __init__(self, texts: list[str]) -> None:
        nlp = load_nlp()
        self.docs = dict(zip(texts, nlp.pipe(texts), strict=True))

    def __call__(self, text: str) -> str | None:
        mentions = extract_from_doc(Report(text=text), self.docs[text]).mentions
        if not mentions:
            m = types_mod.classify_sentence(text)
            return m.sub_event_type if m else None
        lead = min(mentions, key=lambda m: min((e.start for e in m.evidence), default=len(text)))
        return lead.sub_event_type


def linear_probs(model: TypeModel) -> Probs:
    def probs(sentence: str, live: list, choice: Any) -> dict[str, float]:
        feats = types_mod.model_features(sentence, live, choice)
        if model.meta.get("choice_feature") == "off":
            feats = [f for f in feats if not f.startswith("top:")]
        return dict(zip(model.classes, model.scores(feats).tolist(), strict=True))

    return probs


def lead_examples(leads: list[dict[str, Any]], writer: str) -> list[Example]:
    return [Example(x["text"], x["gold"], NEWS_GROUP + writer, featurise(x["text"])) for x in leads if x["gold"]]


def textcat_train(notes: list[Example], leads: list[tuple[str, str]], weight: int, epochs: int = 5) -> Any:
    import spacy
    from spacy.training import Example as SpacyExample
    from spacy.util import minibatch

    labels = sorted({e.label for e in notes} | {y for _, y in leads})
    nlp = spacy.blank("en")
    arch = {"@architectures": "spacy.TextCatBOW.v3", "exclusive_classes": True, "ngram_size": 2}
    arch |= {"no_output_layer": False, "length": 262144}
    tc = nlp.add_pipe("textcat", config={"model": arch})
    for lab in labels:
        tc.add_label(lab)
    data = [(e.text, e.label) for e in notes] + leads * weight
    exs = [SpacyExample.from_dict(nlp.make_doc(t), {"cats": {c: float(c == y) for c in labels}}) for t, y in data]
    opt = nlp.initialize(lambda: exs[:200])
    rng = random.Random(0)
    for _ in range(epochs):
        rng.shuffle(exs)
        for batch in minibatch(exs, 32):
            nlp.update(batch, sgd=opt, drop=0.1)
    return nlp


def textcat_probs(nlp: Any) -> Probs:
    def probs(sentence: str, live: list, choice: Any) -> dict[str, float]:
        cats = dict(nlp(sentence).cats)
        cats.pop("NONE", None)
        return cats

    return probs


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", default="../shared")
    ap.add_argument("--textcat", action="store_true", help="also spaCy textcat (bag of words)")
    ap.add_argument("--weights", default="1,30", help="lead loss weights to try")
    ap.add_argument("--out", default="/tmp/lowo_types.json", help="all rows as JSON")
    args = ap.parse_args()
    shared = Path(args.shared)
    leads = read_leads()
    notes = load_examples(
        [shared / "data/acled-global-sample-2020", shared / "data/acled-syria-battles-2017-2023"],
        ipe=shared / "benchmarks/conflibert_eval/IndiaPoliceEvents_sents/train.tsv",
        leads=False,
    )
    notes = [e for e in notes if not _in_fold(e, HELDOUT_FOLD)]  # the shipped model's ACLED training rows
    read = Reader([x["text"] for w in leads for x in leads[w]])
    results: dict[str, dict[str, float]] = {}
    speed: dict[str, float] = {}

    def score(name: str, writer: str, cwc: Callable[..., Any]) -> None:
        install(cwc)
        t = time.perf_counter()
        pairs = [(x["gold"], read(x["text"])) for x in leads[writer]]
        speed[name] = speed.get(name, 0.0) + time.perf_counter() - t
        results.setdefault(name, {})[writer] = score_types(pairs)["weighted_f1"]

    shipped = shipped_model()
    for writer in leads:
        score("lexicon alone", writer, make_rule(None))
        if shipped is not None:
            score(
                "(a) shipped: lexicon + model, override@0.9", writer, make_rule(linear_probs(shipped), "override", 0.9)
            )
        others = [w for w in leads if w != writer]
        other_leads = [e for w in others for e in lead_examples(leads[w], w)]
        for k in [float(x) for x in args.weights.split(",")]:
            for choice in (True, False):
                model = fit(notes + other_leads, max_iter=120, lead_weight=k, choice_feature=choice)
                tag = f"linear-{'choice' if choice else 'nochoice'}-k{k:g}"
                for rule, t in (("override", 0.9), ("override", 0.5), ("override", 0.0), ("cand", 0.5)):
                    score(f"(b) {tag}, {rule}@{t}", writer, make_rule(linear_probs(model), rule, t))
        if args.textcat:
            tc_leads = [(x["text"], x["label"]) for w in others for x in leads[w]]
            nlp = textcat_train([e for e in notes], tc_leads, weight=10)
            t = time.perf_counter()
            cats = [d.cats for d in nlp.pipe([x["text"] for x in leads[writer]])]
            speed["(c) textcat-bow-k10 alone"] = speed.get("(c) textcat-bow-k10 alone", 0.0) + time.perf_counter() - t
            pred = [max(c, key=lambda k: c[k]) for c in cats]
            pairs = [(x["gold"], None if p == "NONE" else p) for x, p in zip(leads[writer], pred, strict=True)]
            results.setdefault("(c) textcat-bow-k10 alone", {})[writer] = score_types(pairs)["weighted_f1"]
            for rule, t in (("override", 0.9), ("override", 0.7), ("override", 0.5), ("cand", 0.5)):
                score(f"(c) textcat-bow-k10 + lexicon, {rule}@{t}", writer, make_rule(textcat_probs(nlp), rule, t))
        print(writer, json.dumps({k: v[writer] for k, v in results.items()}), file=sys.stderr, flush=True)
    n = sum(len(v) for v in leads.values())
    table = {
        k: v
        | {"mean": round(sum(v.values()) / len(v), 4), "snippets_per_s": round(n / speed[k], 1) if k in speed else None}
        for k, v in results.items()
    }
    Path(args.out).write_text(json.dumps(table, indent=1), encoding="utf-8")
    print("| approach | " + " | ".join(leads) + " | mean |")
    for k, v in sorted(table.items(), key=lambda kv: -kv[1]["mean"]):
        print(f"| {k} | " + " | ".join(f"{v[w]:.3f}" for w in leads) + f" | {v['mean']:.4f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
