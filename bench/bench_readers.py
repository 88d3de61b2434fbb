"""How many readers one machine serves: the web UI's views arriving at a fixed rate, served by `warlog serve
--workers N`, on the synthetic store of bench_api.py (SQLite and PostgreSQL).

A view is what the web UI asks when a reader changes the filters, sorts or pages (app.js `refresh()`): four requests
sent at once, the table's page (`/api/events`, page_size 50, the table's fields), the map's points
(`/api/events.geojson?limit=5000` with the markers' fields), the timeline's daily counts (`/api/stats?by=day`, dates
only) and the overview panel (`/api/panels/summary`). The filters are those of bench_api.py's mix (the same kinds
in the same shares).

Views arrive open-loop, at Poisson times of a fixed rate (a fixed seed), whatever the server's pace: a request's
latency counts from its view's arrival, so time spent waiting for a free client is counted too (no coordinated
omission). Every rate of a sweep sends the same views in the same order to a fresh server (warmed by one view that
matches nothing), so the response cache finds the same repeats at every rate and the rates differ only in pace.
A sweep for one backend and worker count stops after the first rate whose p95 passes --stop-ms.

Served views per second = the highest rate at which the table's request (`/api/events`, what bench_api.py times)
keeps p95 < 300 ms (the API's target), the whole view p95 < --view-ms (1 s: the map and the overview panel computed
afresh cost 0.2-0.9 s each at 300k events even alone, so no rate keeps every request under 300 ms until their
responses are kept) and no request fails; readers = that rate x --think seconds (one view per reader every --think
seconds: 10 s by default, an analyst clicking through filters; a reader who reads each page for a minute counts six
times less).
"""

from __future__ import annotations

import argparse
import http.client
import os
import queue
import random
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench_api import (
    PG_URL,
    UI_FIELDS,
    Client,
    Server,
    _pg_kept,
    build_pg,
    cached_sqlite,
    drop_pg_schema,
    pct,
    pg_backend_cpu,
    pg_schema_url,
    request_mix,
)
from benchlib import Results, command_line, write_results

TARGET_P95_MS = 300.0
VIEW_PARTS = ("table", "map", "timeline", "overview")
_PATHS = {
    "table": "/api/events",
    "map": "/api/events.geojson",
    "timeline": "/api/stats",
    "overview": "/api/panels/summary",
}
_TABLE_ONLY = ("page", "page_size", "sort", "fields")
MAP_FIELDS = "id,event_date,event_type,sub_event_type,location,fatalities"  # MAP_FIELDS in warlog/web/static/app.js


def views(n: int, seed: int) -> list[list[tuple[str, dict[str, Any]]]]:
    """n views, each the four (part, params) requests the web UI sends for one state of its filters."""
    out = []
    for _kind, params in request_mix(n, seed, UI_FIELDS):
        filters = {k: v for k, v in params.items() if k not in _TABLE_ONLY}
        out.append([
            ("table", params),
            ("map", {**filters, "limit": 5000, "fields": MAP_FIELDS}),
            ("timeline", {"by": "day", **{k: v for k, v in filters.items() if k in ("since", "until")}}),
            ("overview", filters),
        ])  # fmt: skip
    return out


@dataclass
class Done:
    """One finished request of view `view`: its part, seconds since the view arrived, ok, cache state."""

    view: int
    part: str
    seconds: float
    ok: bool
    cache: str | None = None
    status: int = 200


def _one(client: Client, part: str, params: dict[str, Any]) -> tuple[int, str | None]:
    """Send one request and read its body; (HTTP status, 0 when no answer came; X-Warlog-Cache). A kept-alive
    connection the server closed while it was idle (uvicorn closes them after 5 s) is reopened and the request sent
    again, once, as browsers do; any other failure is an error of this request."""
    for attempt in (1, 2):
        try:
            status, head, _body = client.get(_PATHS[part], params)
        except (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError):
            client.close()  # the next attempt connects afresh
            if attempt == 2:
                return 0, None
            continue
        except (OSError, http.client.HTTPException):
            client.close()
            return 0, None
        return status, head.get("x-warlog-cache")
    return 0, None


def offered(base: str, plan: list[list[tuple[str, dict[str, Any]]]], rate: float, threads: int, seed: int
            ) -> tuple[list[Done], float, float]:  # fmt: skip
    """Send each view's four requests at its Poisson arrival time (rate views/s); (finished requests, wall seconds,
    the clients' CPU seconds)."""
    rng = random.Random(seed)
    arrivals, t = [], 0.0
    for _ in plan:
        arrivals.append(t)
        t += rng.expovariate(rate)
    todo: queue.Queue = queue.Queue()
    done: list[Done] = []
    lock = threading.Lock()

    def work() -> None:
        client = Client(base, timeout=120)
        while True:
            item = todo.get()
            if item is None:
                client.close()
                return
            view, arrived, part, params = item
            status, cache = _one(client, part, params)
            d = Done(view, part, time.perf_counter() - arrived, status == 200, cache, status)
            with lock:
                done.append(d)

    pool = [threading.Thread(target=work, daemon=True) for _ in range(threads)]
    for th in pool:
        th.start()
    t0, c0 = time.perf_counter(), time.process_time()
    for i, (view, at) in enumerate(zip(plan, arrivals, strict=True)):
        delay = t0 + at - time.perf_counter()
        if delay > 0:
            time.sleep(delay)
        arrived = t0 + at  # latency counts from the scheduled arrival, not from when a client was free
        for part, params in view:
            todo.put((i, arrived, part, params))
    for _ in pool:
        todo.put(None)
    for th in pool:
        th.join()
    return done, time.perf_counter() - t0, time.process_time() - c0


def step(db_url: str, log: Path, workers: int, cache_on: bool, plan: list, rate: float, threads: int, seed: int
         ) -> dict[str, Any]:  # fmt: skip
    """One rate against a fresh server: latency and CPU figures."""
    server = Server(db_url, log, workers, cache_on)
    try:
        server.wait_ready()
        with Client(server.base) as client:  # first-use imports, statements, pool connections; matches nothing
            for _ in range(workers * 2):
                for part in VIEW_PARTS:
                    _one(client, part, {"country": "none", **({"by": "day"} if part == "timeline" else {})})
                client.close()  # a new connection next time: likely another worker
        load = os.getloadavg()[0]
        cpu0, db0 = server.cpu_seconds(), pg_backend_cpu(db_url)
        done, wall, client_cpu = offered(server.base, plan, rate, threads, seed)
        cpu = server.cpu_seconds() - cpu0
        db1 = pg_backend_cpu(db_url)
        if db0 is not None and db1 is not None:
            cpu += sum(v - db0.get(pid, 0.0) for pid, v in db1.items())
    finally:
        server.stop()
    lat = [d.seconds * 1000 for d in done if d.ok]
    per_view: dict[int, float] = {}
    for d in done:
        per_view[d.view] = max(per_view.get(d.view, 0.0), d.seconds * 1000)
    by_part = {p: [d.seconds * 1000 for d in done if d.ok and d.part == p] for p in VIEW_PARTS}
    return {
        "rate": rate,
        "views": len(plan),
        "requests": len(done),
        "errors": sum(not d.ok for d in done),
        "statuses": sorted({f"{d.part} {d.status}" for d in done if not d.ok}),
        "wall": wall,
        "achieved": len(plan) / wall,
        "p50": pct(lat, 50),
        "p95": pct(lat, 95),
        "p99": pct(lat, 99),
        "view_p50": pct(list(per_view.values()), 50),
        "view_p95": pct(list(per_view.values()), 95),
        "part_p95": {p: pct(v, 95) for p, v in by_part.items()},
        "hits": sum(d.cache == "hit" for d in done),
        "cpu_per_view": (cpu / max(1, len(plan))) * 1000,
        "cpu_cores": cpu / wall,
        "client_cpu_per_view": client_cpu / max(1, len(plan)) * 1000,
        "load": load,
    }


def sweep(res: Results, label: str, db_url: str, args: argparse.Namespace, plan: list, tmp: Path) -> None:
    """Every rate (ascending) for each worker count; figures and a table per worker count."""
    think = args.think
    for workers in args.workers:
        for cache_on in args.cache_modes:
            name = f"{label}, {workers} worker{'s' if workers > 1 else ''}"
            name += "" if cache_on else ", no response cache"
            rows = []
            for rate in args.rates:
                r = step(db_url, tmp / f"serve-{label}-{workers}-{rate}.log", workers, cache_on, plan, rate,
                         args.threads, args.seed)  # fmt: skip
                rows.append(r)
                print(f"  {name} @ {rate:g} views/s: achieved {r['achieved']:.1f}, p50 {r['p50']:.0f} ms, p95 "
                      f"{r['p95']:.0f} ms, view p95 {r['view_p95']:.0f} ms, errors {r['errors']} {r['statuses']}, "
                      f"{r['cpu_per_view']:.0f} ms CPU/view, {r['cpu_cores']:.2f} cores, load {r['load']:.1f}",
                      flush=True)  # fmt: skip
                if r["p95"] > args.stop_ms or r["errors"]:
                    break
            good = [
                r
                for r in rows
                if r["part_p95"]["table"] < TARGET_P95_MS and r["view_p95"] < args.view_ms and not r["errors"]
            ]
            best = max((r["rate"] for r in good), default=0.0)
            res.add(
                f"{name}: views/s served",
                best,
                "views/s",
                note=f"highest rate tried with the table's p95 < {TARGET_P95_MS:.0f} ms, view p95 < {args.view_ms:.0f} "
                f"ms and no error (rates {', '.join(f'{x:g}' for x in args.rates)})",
            )
            res.add(
                f"{name}: readers",
                round(best * think),
                "readers",
                note=f"one view (4 requests) per reader every {think:g} s",
            )
            res.notes.append(_table(name, rows))


def _table(name: str, rows: list[dict[str, Any]]) -> str:
    """The sweep of one backend and worker count as a Markdown table (printed and kept as a note)."""
    lines = [
        f"{name} (ms; request = any of a view's four; view = its slowest; CPU = server (+ database) CPU per view):",
        "",
        "| views/s offered | achieved | req p50 | req p95 | req p99 | view p50 | view p95 | p95 table / map / "
        "timeline / overview | errors | cache hits | CPU/view | cores busy | load |",
        "|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        parts = " / ".join(f"{r['part_p95'][p]:.0f}" for p in VIEW_PARTS)
        lines.append(
            f"| {r['rate']:g} | {r['achieved']:.1f} | {r['p50']:.0f} | {r['p95']:.0f} | {r['p99']:.0f} | "
            f"{r['view_p50']:.0f} | {r['view_p95']:.0f} | {parts} | {r['errors']} | "
            f"{r['hits']} of {r['requests']} | {r['cpu_per_view']:.1f} | {r['cpu_cores']:.2f} | {r['load']:.1f} |"
        )
    text = "\n".join(lines)
    print(text, flush=True)
    return text


def main(argv: list[str]) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--events", type=int, default=300_000, help="synthetic linked events in the store (bench_api's)")
    p.add_argument("--views", type=int, default=60, help="views per rate (each: four requests)")
    p.add_argument("--rates", default="0.5,1,2,4", help="views per second to offer, ascending")
    p.add_argument("--workers", default="1,2", help="comma list of `warlog serve --workers` values")
    p.add_argument("--backends", default="sqlite,postgresql", help="comma list: sqlite, postgresql")
    p.add_argument("--pg-url", default=PG_URL, help="PostgreSQL database (the bench uses a schema of its own)")
    p.add_argument("--keep-pg", action="store_true", help="keep (or reuse) the PostgreSQL schema, as bench_api")
    p.add_argument("--no-cache", action="store_true", help="build the SQLite store afresh in a temporary folder")
    p.add_argument("--response-cache", default="on", help="comma list: on (the server's default), off")
    p.add_argument("--think", type=float, default=10.0, help="seconds between one reader's views")
    p.add_argument("--threads", type=int, default=64, help="client connections (threads) sending the requests")
    p.add_argument("--stop-ms", type=float, default=5000.0, help="stop a sweep after a rate with a p95 above this")
    p.add_argument("--view-ms", type=float, default=1000.0, help="a served rate keeps the view p95 under this")
    p.add_argument("--seed", type=int, default=7)
    p.add_argument("--quick", action="store_true", help="20k events, 40 views, rates 2 and 5, 1 worker, SQLite")
    args = p.parse_args(argv)
    if args.quick:
        args.events, args.views, args.rates, args.workers, args.no_cache = 20_000, 40, "2,5", "1", True
        args.stop_ms = float("inf")
        args.backends = "sqlite"
    args.rates = sorted(float(x) for x in args.rates.split(",") if x.strip())
    args.workers = [int(x) for x in args.workers.split(",") if x.strip()]
    modes = [m.strip() for m in args.response_cache.split(",") if m.strip()]
    if not modes or not set(modes) <= {"on", "off"}:
        p.error("--response-cache: on, off or on,off")
    args.cache_modes = [m == "on" for m in modes]
    backends = [b.strip() for b in args.backends.split(",") if b.strip()]

    res = Results("readers", "Readers one machine serves (the web UI's views)", command_line("bench_readers.py", argv))
    t_all = time.perf_counter()
    plan = views(args.views, args.seed)
    print(f"  load average at start: {os.getloadavg()}", flush=True)
    with tempfile.TemporaryDirectory(prefix="warlog-bench-readers-") as tmp_s:
        tmp = Path(tmp_s)
        path, _build_s, _cached, counts = cached_sqlite(args.events, args.seed, not args.no_cache, tmp)
        res.notes.append(
            f"Store: {counts.get('events', 0):,} events (bench_api.py's synthetic store); {args.views} views per rate "
            f"(bench_api's mix of filters), {args.threads} client connections, response cache "
            f"{'/'.join('on' if m else 'off' for m in args.cache_modes)}; {os.cpu_count()} cores, the clients on the "
            "same cores as the server."
        )
        if "sqlite" in backends:
            sweep(res, "SQLite", f"sqlite:///{path}", args, plan, tmp)
        if "postgresql" in backends:
            reused = args.keep_pg and _pg_kept(args.pg_url) == path.name
            if not reused:
                import psycopg
                from bench_api import PG_SCHEMA, _pg_admin

                build_pg(args.pg_url, path)
                with psycopg.connect(_pg_admin(args.pg_url), autocommit=True) as conn:
                    conn.execute(f"COMMENT ON SCHEMA {PG_SCHEMA} IS '{path.name}'")
            try:
                sweep(res, "PostgreSQL", pg_schema_url(args.pg_url), args, plan, tmp)
            finally:
                if not args.keep_pg:
                    drop_pg_schema(args.pg_url)
    res.machine["load_avg_end"] = [round(x, 2) for x in os.getloadavg()]
    res.notes.append(f"Load average at start {res.machine['load_avg']}, at end {res.machine['load_avg_end']}.")
    res.seconds = round(time.perf_counter() - t_all, 1)
    write_results(res)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
