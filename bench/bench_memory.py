"""Peak memory (RSS) of `warlog ingest`: default gazetteer, a local pool, and a gazetteer with a GeoNames dump loaded.

Each run is a fresh process (`--child`) that ingests the first N FA-KES articles into a new SQLite file and reports
its own peak RSS (and its largest worker's, for the pool). The GeoNames dump is synthetic (GeoNames' 19-column
layout, seeded random names, half of them in the conflict region) and is loaded with `warlog gazetteer load`.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchlib import ROOT, Results, command_line, fakes_reports, python, timer, write_results

SYLLABLES = "kafr tal ain deir bab jab mar qas ham zab rim sal nak bur had dar kum sha rab tur bil mus ras yab".split()
REGION = "SY IQ YE LY LB JO TR AF SO SD".split()
OTHER = "FR DE BR IN CN US MX NG KE ID PH RU".split()


def synthetic_geonames(path: Path, rows: int, seed: int = 7) -> None:
    """Write `rows` lines in GeoNames' allCountries layout (19 tab-separated columns)."""
    rnd = random.Random(seed)
    with path.open("w", encoding="utf-8") as fh:
        for i in range(rows):
            words = [rnd.choice(SYLLABLES) + rnd.choice(SYLLABLES) for _ in range(rnd.choice((1, 1, 2)))]
            name = " ".join(w.capitalize() for w in words)
            alts = ",".join(f"{name} {rnd.choice(SYLLABLES).capitalize()}" for _ in range(rnd.choice((0, 1, 2))))
            cc = rnd.choice(REGION) if i % 2 == 0 else rnd.choice(OTHER)
            fclass, fcode = ("A", "ADM2") if i % 50 == 0 else ("P", rnd.choice(("PPL", "PPL", "PPL", "PPLA2", "PPLX")))
            pop = int(rnd.paretovariate(1.2) * 300)
            lat, lon = rnd.uniform(-40, 60), rnd.uniform(-100, 120)
            cols = [str(90_000_000 + i), name, name, alts, f"{lat:.5f}", f"{lon:.5f}", fclass, fcode, cc, "",
                    f"{rnd.randint(1, 20):02d}", "", "", "", str(pop), "", "0", "Etc/UTC", "2024-01-01"]  # fmt: skip
            fh.write("\t".join(cols) + "\n")


def _write_subset(path: Path, n: int) -> None:
    """The first n FA-KES articles as JSON Lines (text, title, published, outlet)."""
    with path.open("w", encoding="utf-8") as fh:
        for r in fakes_reports(n):
            rec = {"text": r.text, "title": r.title, "outlet": r.outlet, "published": str(r.published or "")}
            fh.write(json.dumps(rec) + "\n")


def child(args: argparse.Namespace) -> int:
    """Ingest --input into --db with the given engine and print peak RSS (KiB) as one JSON line."""
    from warlog.service import ingest
    from warlog.store import Store

    t0 = time.perf_counter()
    store = Store(args.db)
    summary = ingest([args.input], store, engine=args.engine, workers=args.workers, local_files=True)
    store.close()
    me = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    print(json.dumps({"self_kb": me, "children_kb": kids, "stored": summary.stored,
                      "seconds": round(time.perf_counter() - t0, 1)}))  # fmt: skip
    return 0


def run_child(inp: Path, db: Path, engine: str, workers: int, env: dict[str, str] | None = None) -> dict:
    """One ingest in a fresh interpreter; its peak RSS figures."""
    cmd = [python(), __file__, "--child", "--input", str(inp), "--db", f"sqlite:///{db}", "--engine", engine,
           "--workers", str(workers)]  # fmt: skip
    out = subprocess.run(cmd, capture_output=True, text=True, env={**os.environ, **(env or {})}, check=False)
    if out.returncode != 0:
        raise RuntimeError(f"child failed: {out.stderr[-2000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def main(argv: list[str]) -> int:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--articles", type=int, default=50, help="FA-KES articles per ingest run")
    p.add_argument("--geonames-rows", type=int, default=200_000, help="rows in the synthetic GeoNames dump (0: skip)")
    p.add_argument("--quick", action="store_true", help="30 articles, 20k GeoNames rows")
    p.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    p.add_argument("--input", help=argparse.SUPPRESS)
    p.add_argument("--db", help=argparse.SUPPRESS)
    p.add_argument("--engine", default="inprocess", help=argparse.SUPPRESS)
    p.add_argument("--workers", type=int, default=1, help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    if args.child:
        return child(args)
    if args.quick:
        args.articles, args.geonames_rows = 30, 20_000

    from warlog.gazetteer import open_default

    res = Results("memory", "Peak memory of ingest", command_line("bench_memory.py", argv))
    t_all = time.perf_counter()
    default_index = open_default().path  # built once here if missing, so no measured run pays for building it
    with tempfile.TemporaryDirectory(prefix="warlog-bench-") as tmp:
        tmpd = Path(tmp)
        inp = tmpd / "subset.jsonl"
        _write_subset(inp, args.articles)
        res.notes.append(f"Each run ingests the first {args.articles} FA-KES articles into a new SQLite file.")

        r = run_child(inp, tmpd / "a.db", "inprocess", 1)
        res.add("peak RSS, default gazetteer, in-process", round(r["self_kb"] / 1024), "MiB", note=f"{r['seconds']} s")
        r = run_child(inp, tmpd / "b.db", "local", 2)
        res.add("peak RSS, --engine local --workers 2: parent", round(r["self_kb"] / 1024), "MiB")
        res.add("peak RSS, --engine local --workers 2: largest worker", round(r["children_kb"] / 1024), "MiB")

        if args.geonames_rows:
            dump, index = tmpd / "synthetic-allCountries.txt", tmpd / "gazetteer.sqlite"
            synthetic_geonames(dump, args.geonames_rows)
            if default_index:
                shutil.copyfile(default_index, index)  # the load adds to a copy of the default index
            with timer() as t:
                subprocess.run([str(Path(python()).parent / "warlog"), "gazetteer", "load", str(dump), "--index",
                                str(index)], check=True, capture_output=True, cwd=ROOT)  # fmt: skip
            rows = args.geonames_rows
            res.add("GeoNames dump load", rows / t[0], "rows/s", note=f"{rows:,} synthetic rows in {t[0]:.1f} s (CLI)")
            res.add("gazetteer index size with the dump", round(index.stat().st_size / 2**20), "MiB")
            r = run_child(inp, tmpd / "c.db", "inprocess", 1, env={"WARLOG_GAZETTEER": str(index)})
            res.add(
                f"peak RSS, gazetteer + {rows // 1000}k GeoNames rows, in-process", round(r["self_kb"] / 1024), "MiB",
                note=f"{r['seconds']} s",
            )  # fmt: skip
    res.seconds = round(time.perf_counter() - t_all, 1)
    write_results(res)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
