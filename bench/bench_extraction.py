"""Extraction throughput on the FA-KES articles: articles/s and words/s with 1 and N workers, beside bare spaCy.

Bare spaCy is `nlp.pipe` over the same texts in the same run, with the same package's full pipeline (only the
lemmatizer left out, as up to round 3: `load_nlp(tagged=True)`), while warlog runs its own pipeline, which also
leaves out the attribute ruler it never reads; the ratio is warlog's whole extraction time (spaCy + every
warlog extractor) over bare spaCy's (target <= 1.5 on one process).

The 1-process ratio is measured so that other work on a shared machine cannot flatter it: BLAS/OpenMP threads are
pinned to 1 (set before numpy/spaCy load), the vocabulary is warmed by one untimed pass, and then, batch by batch
(32 articles), bare spaCy and warlog run back to back in alternating order, so both see the same load. Both CPU time
of the process (time.process_time: what the ratio is judged on) and wall time are recorded; warlog's own extractors
are also timed on their own, so (warlog - spaCy inside warlog) / bare spaCy cross-checks the ratio.
With --profile, pyinstrument samples the in-process extraction and the top functions are reported.
"""

from __future__ import annotations

import os

# One thread for every numeric library, before anything imports numpy or spaCy: the ratio compares single-core work.
for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "BLIS_NUM_THREADS",
             "VECLIB_MAXIMUM_THREADS", "NUMEXPR_NUM_THREADS"):  # fmt: skip
    os.environ.setdefault(_var, "1")

import argparse  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from collections import defaultdict  # noqa: E402
from dataclasses import dataclass, field  # noqa: E402
from typing import Any  # noqa: E402

from benchlib import RESULTS, Results, command_line, example_reports, fakes_reports, timer, write_results  # noqa: E402

TARGET_RATIO = 1.5
BATCH = 32  # as warlog.service.BATCH_SIZE


def _words(reports: list) -> int:
    """Whitespace-separated words (what "words/s" counts)."""
    return sum(len(r.text.split()) for r in reports)


def _chunks(reports: list, size: int = BATCH) -> list[tuple[int, list]]:
    return [(i, reports[i : i + size]) for i in range(0, len(reports), size)]


@dataclass
class Clock:
    """CPU seconds of this process and wall seconds, summed over timed blocks."""

    cpu: float = 0.0
    wall: float = 0.0

    def add(self, cpu: float, wall: float) -> None:
        self.cpu += cpu
        self.wall += wall


@dataclass
class Interleaved:
    """What the interleaved 1-process run measured."""

    bare: Clock = field(default_factory=Clock)  # nlp.pipe alone
    warlog: Clock = field(default_factory=Clock)  # nlp.pipe + extract_from_doc, the whole extraction
    own: Clock = field(default_factory=Clock)  # extract_from_doc alone (inside the warlog run)
    mentions: list[list[str]] = field(default_factory=list)

    @property
    def spacy_in_warlog(self) -> Clock:
        return Clock(self.warlog.cpu - self.own.cpu, self.warlog.wall - self.own.wall)


def _bare_batch(nlp: Any, texts: list[str], out: Clock) -> None:
    c0, w0 = time.process_time(), time.perf_counter()
    for _doc in nlp.pipe(texts, batch_size=16):
        pass
    out.add(time.process_time() - c0, time.perf_counter() - w0)


def _warlog_batch(nlp: Any, batch: list, res: Interleaved) -> None:
    from warlog.extract.frames import extract_from_doc

    c0, w0 = time.process_time(), time.perf_counter()
    for report, doc in zip(batch, nlp.pipe([r.text for r in batch], batch_size=16), strict=True):
        c1, w1 = time.process_time(), time.perf_counter()
        res.mentions.append([m.id for m in extract_from_doc(report, doc).mentions])
        res.own.add(time.process_time() - c1, time.perf_counter() - w1)
    res.warlog.add(time.process_time() - c0, time.perf_counter() - w0)


def interleaved(nlp: Any, reports: list, floor: Any) -> Interleaved:
    """Bare spaCy (`floor`) and warlog (`nlp`) batch by batch, in alternating order (ABBA), after one untimed
    warm-up pass of each pipeline over every text (new words enter the vocabulary there, not in whichever timed pass
    comes first)."""
    for pipeline in (floor, nlp):
        for _doc in pipeline.pipe([r.text for r in reports], batch_size=16):
            pass
    res = Interleaved()
    for n, (_tag, batch) in enumerate(_chunks(reports)):
        texts = [r.text for r in batch]
        if n % 2 == 0:
            _bare_batch(floor, texts, res.bare)
            _warlog_batch(nlp, batch, res)
        else:
            _warlog_batch(nlp, batch, res)
            _bare_batch(floor, texts, res.bare)
    return res


def bare_spacy(nlp: Any, texts: list[str], n_process: int = 1) -> float:
    """Wall seconds for nlp.pipe over the texts (n_process > 1 includes starting spaCy's worker processes)."""
    with timer() as t:
        for _doc in nlp.pipe(texts, batch_size=16, n_process=n_process):
            pass
    return t[0]


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
    floor = load_nlp(tagged=True)  # the full pipeline: the floor stays what it was before warlog dropped components
    get_gazetteer()
    extract_reports(example_reports(), nlp)  # one-time costs (dateparser, caches) outside the timings
    print(f"{n} articles, {words} words, model {model_name(nlp)}", flush=True)
    res.notes.append(f"{n} FA-KES articles, {words:,} words (whitespace-separated); spaCy model {model_name(nlp)}.")

    pinned = f"OMP_NUM_THREADS={os.environ.get('OMP_NUM_THREADS')}"
    load = [round(x, 2) for x in os.getloadavg()] if hasattr(os, "getloadavg") else None
    run = interleaved(nlp, reports, floor)
    load_after = [round(x, 2) for x in os.getloadavg()] if hasattr(os, "getloadavg") else None
    bare, whole, own, inside = run.bare, run.warlog, run.own, run.spacy_in_warlog
    mentions = run.mentions
    res.add("bare spaCy, 1 process", n / bare.cpu, "articles/s",
            note=f"{words / bare.cpu:,.0f} words/s; {bare.cpu:.1f} s CPU, {bare.wall:.1f} s wall")  # fmt: skip
    res.add("warlog, 1 worker (in-process)", n / whole.cpu, "articles/s",
            note=f"{words / whole.cpu:,.0f} words/s; {whole.cpu:.1f} s CPU, {whole.wall:.1f} s wall")  # fmt: skip
    res.add("words/s, 1 worker", words / whole.cpu, "words/s", note="per CPU second")
    ratio = whole.cpu / bare.cpu
    res.add(
        "whole extraction / bare spaCy, 1 process (CPU time)", round(ratio, 2), "x", target=f"<= {TARGET_RATIO}",
        ok=ratio <= TARGET_RATIO, note="interleaved batch by batch, threads pinned to 1",
    )  # fmt: skip
    res.add("whole extraction / bare spaCy, 1 process (wall time)", round(whole.wall / bare.wall, 2), "x",
            note=f"load average {load} before, {load_after} after")  # fmt: skip
    cross = (bare.cpu + own.cpu) / bare.cpu
    res.add("cross-check: (bare spaCy + warlog's own extractors) / bare spaCy (CPU)", round(cross, 2), "x",
            note=f"spaCy inside warlog {inside.cpu:.1f} s CPU vs bare {bare.cpu:.1f} s")  # fmt: skip
    res.add("time in warlog's own extractors", round(100 * own.cpu / whole.cpu, 1), "% of extraction (CPU)",
            note=f"{own.cpu:.1f} s CPU, {own.wall:.1f} s wall")  # fmt: skip
    res.notes.append(
        f"1-process figures: {pinned} (and the other BLAS thread variables) set before spaCy loads; one untimed "
        "spaCy pass warms the vocabulary; then bare spaCy and warlog alternate batch by batch (32 articles, ABBA "
        "order). Ratios are judged on CPU time of the process (time.process_time); wall time is printed beside it."
    )

    if args.workers > 1:
        t_sp2 = bare_spacy(floor, texts, n_process=args.workers)
        res.add(
            f"bare spaCy, {args.workers} processes", n / t_sp2, "articles/s",
            note=f"{words / t_sp2:,.0f} words/s, {t_sp2:.1f} s incl. process start",
        )  # fmt: skip
        start, t_wn, mentions_n = warlog_pool(reports, args.workers)
        t_w1 = whole.wall
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
