"""Extraction throughput on the FA-KES articles: articles/s and words/s with 1 and N workers, beside bare spaCy.

Bare spaCy is `nlp.pipe` with the same loaded pipeline over the same texts in the same run; the ratio is
warlog's whole extraction time (spaCy + every warlog extractor) over bare spaCy's (target <= 1.5 on one process).
With --profile, pyinstrument samples the in-process extraction and the top functions are reported.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import defaultdict
from typing import Any

from benchlib import RESULTS, Results, command_line, example_reports, fakes_reports, timer, write_results

TARGET_RATIO = 1.5
BATCH = 32  # as warlog.service.BATCH_SIZE


def _words(reports: list) -> int:
    """Whitespace-separated words (what "words/s" counts)."""
    return sum(len(r.text.split()) for r in reports)


def _chunks(reports: list, size: int = BATCH) -> list[tuple[int, list]]:
    return [(i, reports[i : i + size]) for i in range(0, len(reports), size)]


def bare_spacy(nlp: Any, texts: list[str], n_process: int = 1) -> float:
    """Seconds for nlp.pipe over the texts (n_process > 1 includes starting spaCy's worker processes)."""
    with timer() as t:
        for _doc in nlp.pipe(texts, batch_size=16, n_process=n_process):
            pass
    return t[0]


def warlog_inprocess(nlp: Any, reports: list) -> tuple[float, float, list[list[str]]]:
    """(total seconds, seconds in warlog's own extractors, mention ids per report), in-process, batch by batch."""
    from warlog.extract.frames import extract_from_doc

    own = 0.0
    mentions: list[list[str]] = []
    with timer() as t:
        for _tag, batch in _chunks(reports):
            for report, doc in zip(batch, nlp.pipe([r.text for r in batch], batch_size=16), strict=True):
                t0 = time.perf_counter()
                mentions.append([m.id for m in extract_from_doc(report, doc).mentions])
                own += time.perf_counter() - t0
    return t[0], own, mentions


def warlog_pool(reports: list, workers: int) -> tuple[float, float, list[list[str]]]:
    """(start-up seconds, extraction seconds, mention ids per report) with the local process-pool engine."""
    from warlog.engines import open_engine

    warm = example_reports()
    with timer() as start:
        engine = open_engine("local", workers=workers)
        list(engine.map([(i, warm[:2]) for i in range(workers)]))  # every worker spawned, pipeline loaded
    try:
        with timer() as t:
            mentions = [[m.id for m in ex.mentions] for _tag, exs in engine.map(_chunks(reports)) for ex in exs]
    finally:
        engine.close()
    return start[0], t[0], mentions


def profile(nlp: Any, reports: list, res: Results, top: int = 14) -> None:
    """Sample the in-process extraction with pyinstrument; record each hot function's share of the total."""
    try:
        from pyinstrument import Profiler
    except ImportError:
        res.notes.append("profile skipped: pip install pyinstrument")
        return
    from warlog.service import extract_reports

    prof = Profiler(interval=0.002)
    prof.start()
    for _tag, batch in _chunks(reports):
        extract_reports(batch, nlp)
    prof.stop()
    root = prof.last_session.root_frame()
    total = root.time or 1e-9
    shares: dict[str, float] = defaultdict(float)

    def walk(frame: Any, above: frozenset[str]) -> None:
        """Inclusive time per function, counted once per stack (recursion is not double-counted)."""
        key = f"{frame.function} ({frame.file_path_short or frame.file_path}:{frame.line_no})"
        if key not in above and frame.function[:1] not in "<[":
            shares[key] += frame.time
        for child in frame.children:
            walk(child, above | {key})

    walk(root, frozenset())
    hot = [(k, v) for k, v in shares.items() if "warlog" in k or "spacy" in k.lower() or "language.py" in k]
    hot.sort(key=lambda kv: -kv[1])
    lines = [f"| {100 * v / total:5.1f}% | {v:6.2f} s | `{k}` |" for k, v in hot[:top]]
    res.notes.append(
        f"Profile (pyinstrument, in-process, {len(reports)} articles, {total:.1f} s sampled); inclusive time:\n\n"
        "| share | time | function |\n|---:|---:|---|\n" + "\n".join(lines)
    )
    out = RESULTS / "extraction_profile.txt"
    RESULTS.mkdir(parents=True, exist_ok=True)
    out.write_text(prof.output_text(unicode=False, color=False), encoding="utf-8")
    print(f"  profile -> {out}", flush=True)


def main(argv: list[str]) -> int:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--limit", type=int, default=None, help="only the first N articles")
    p.add_argument("--workers", type=int, default=2, help="pool size for the multi-worker run")
    p.add_argument("--profile", type=int, default=0, metavar="N", help="profile the extraction of N articles")
    p.add_argument("--quick", action="store_true", help="100 articles, no profile")
    args = p.parse_args(argv)
    if args.quick:
        args.limit, args.profile = args.limit or 100, 0

    from warlog.extract.nlp import load_nlp, model_name
    from warlog.gazetteer import get_gazetteer
    from warlog.service import extract_reports

    res = Results("extraction", "Extraction throughput (FA-KES)", command_line("bench_extraction.py", argv))
    t_all = time.perf_counter()
    reports = fakes_reports(args.limit)
    texts = [r.text for r in reports]
    n, words = len(reports), _words(reports)
    nlp = load_nlp()
    get_gazetteer()
    extract_reports(example_reports(), nlp)  # one-time costs (dateparser, caches) outside the timings
    print(f"{n} articles, {words} words, model {model_name(nlp)}", flush=True)
    res.notes.append(f"{n} FA-KES articles, {words:,} words (whitespace-separated); spaCy model {model_name(nlp)}.")

    t_spacy = bare_spacy(nlp, texts)
    res.add("bare spaCy, 1 process", n / t_spacy, "articles/s", note=f"{words / t_spacy:,.0f} words/s, {t_spacy:.1f} s")
    t_w1, own, mentions = warlog_inprocess(nlp, reports)
    res.add("warlog, 1 worker (in-process)", n / t_w1, "articles/s", note=f"{words / t_w1:,.0f} words/s, {t_w1:.1f} s")
    res.add("words/s, 1 worker", words / t_w1, "words/s")
    ratio = t_w1 / t_spacy
    res.add(
        "whole extraction / bare spaCy, 1 process", round(ratio, 2), "x", target=f"<= {TARGET_RATIO}",
        ok=ratio <= TARGET_RATIO,
    )  # fmt: skip
    res.add("time in warlog's own extractors", round(100 * own / t_w1, 1), "% of extraction", note=f"{own:.1f} s")

    if args.workers > 1:
        t_sp2 = bare_spacy(nlp, texts, n_process=args.workers)
        res.add(
            f"bare spaCy, {args.workers} processes", n / t_sp2, "articles/s",
            note=f"{words / t_sp2:,.0f} words/s, {t_sp2:.1f} s incl. process start",
        )  # fmt: skip
        start, t_wn, mentions_n = warlog_pool(reports, args.workers)
        res.add(
            f"warlog, {args.workers} workers (--engine local)", n / t_wn, "articles/s",
            note=f"{words / t_wn:,.0f} words/s, {t_wn:.1f} s after a {start:.1f} s pool start",
        )  # fmt: skip
        res.add(f"words/s, {args.workers} workers", words / t_wn, "words/s")
        res.add(f"speed-up, {args.workers} workers vs 1", round(t_w1 / t_wn, 2), "x")
        res.add(f"whole extraction / bare spaCy, {args.workers} processes", round(t_wn / t_sp2, 2), "x")
        differ = [r.id for r, a, b in zip(reports, mentions, mentions_n, strict=True) if a != b]
        res.add(f"reports whose mention ids differ, {args.workers} workers vs 1", len(differ), "", target="0",
                ok=not differ, note=", ".join(differ[:5]) or None)  # fmt: skip
    res.notes.append(f"{sum(map(len, mentions))} mentions extracted.")

    if args.profile:
        profile(nlp, reports[: args.profile], res)
    res.seconds = round(time.perf_counter() - t_all, 1)
    write_results(res)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
