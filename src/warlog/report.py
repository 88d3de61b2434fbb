"""Situation reports: one self-contained HTML file (optionally PDF) for a period, a country or an admin-1 unit.

The events are read through the same filtered query as lists, maps and exports (reviewed values; rejected and merged
events left out), so the totals equal what `warlog events` lists for the same filter. Charts and the map are drawn by
matplotlib as inline SVG; the map's outlines and place labels are the Natural Earth files shipped for the web map, so
nothing is fetched and the file holds no external URL.
"""

from __future__ import annotations

import dataclasses
import functools
import html
import io
import json
import math
import re
import shutil
import subprocess
import tempfile
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from importlib import resources
from pathlib import Path
from typing import Any

from sqlalchemy.engine import Engine

from warlog.flags import describe_flag, is_contradiction

TYPE_COLOURS = {  # the web map's colours
    "Battles": "#d62728",
    "Explosions/Remote violence": "#ff7f0e",
    "Violence against civilians": "#9467bd",
    "Protests": "#2ca02c",
    "Riots": "#8c564b",
    "Strategic developments": "#1f77b4",
}
OTHER_COLOUR = "#7f7f7f"
TOP_N = 10


@dataclass
class ReportScope:
    """What the report covers."""

    since: date
    until: date
    country: str | None = None
    admin1: str | None = None

    def describe(self) -> str:
        where = ", ".join(x for x in (self.admin1, self.country) if x) or "all places"
        return f"{self.since.isoformat()} to {self.until.isoformat()}, {where}"


@dataclass
class ReportData:
    """Everything the report shows, computed from the events (testable without rendering)."""

    scope: ReportScope
    events: list[dict[str, Any]]
    totals: dict[str, Any]
    by_day_type: dict[str, dict[str, int]]  # ISO day -> event type -> fatalities
    by_admin1: list[dict[str, Any]]
    deadliest: list[dict[str, Any]]
    contradictions: list[dict[str, Any]]
    single_source: list[dict[str, Any]]
    status_counts: dict[str, int]
    generated: str = field(default_factory=lambda: datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"))


# ---------------------------------------------------------------------------------------------------------------------
# collecting


def collect(engine: Engine, scope: ReportScope) -> ReportData:
    """Read the scope's events (reviewed values) and compute the report's figures."""
    from warlog.store.query import EventFilter, iter_read_events
    from warlog.store.review import STATUSES

    f = EventFilter(since=scope.since, until=scope.until, country=scope.country, admin1=scope.admin1)
    events = list(iter_read_events(engine, f))  # the read path of `warlog events` and `warlog export`
    status_counts: Counter[str] = Counter()
    for e in iter_read_events(engine, dataclasses.replace(f, status=STATUSES)):
        status_counts[e.get("review_status") or "proposed"] += 1
    return summarise(scope, events, dict(status_counts))


def _deaths(e: dict[str, Any]) -> int:
    return int(e.get("fatalities") or 0)


def _range(e: dict[str, Any]) -> tuple[int, int]:
    """(lowest, highest) toll reported for the event; the reviewed figure always lies inside."""
    d = _deaths(e)
    lo = e.get("fatalities_min")
    hi = e.get("fatalities_max")
    lo = d if lo is None else min(int(lo), d)
    hi = d if hi is None else max(int(hi), d)
    return lo, hi


def summarise(scope: ReportScope, events: list[dict[str, Any]], status_counts: dict[str, int]) -> ReportData:
    """The report's figures from a list of events (as iter_events / `warlog events --format json` give them)."""
    sources = {s for e in events for s in (e.get("sources") or [])}
    reports = {r for e in events for r in (e.get("report_ids") or [])}
    ranges = [_range(e) for e in events]
    single = [e for e in events if (e.get("n_sources") or 0) <= 1]
    contested = [e for e in events if any(is_contradiction(f) for f in e.get("flags") or [])]
    totals = {
        "events": len(events),
        "fatalities": sum(_deaths(e) for e in events),
        "fatalities_min": sum(lo for lo, _ in ranges),
        "fatalities_max": sum(hi for _, hi in ranges),
        "sources": len(sources),
        "reports": len(reports),
        "single_source": len(single),
        "contradictions": len(contested),
        "undated": sum(1 for e in events if not e.get("event_date")),
        "unlocated": sum(1 for e in events if e.get("latitude") is None),
    }
    by_day_type: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for e in events:
        if e.get("event_date"):
            by_day_type[str(e["event_date"])[:10]][e.get("event_type") or "Unknown"] += _deaths(e)
    admin: dict[tuple[str, str], dict[str, Any]] = {}
    for e, (lo, hi) in zip(events, ranges, strict=True):
        key = (e.get("admin1") or "(unknown)", e.get("country") or "")
        row = admin.setdefault(
            key, {"admin1": key[0], "country": key[1], "events": 0, "fatalities": 0, "min": 0, "max": 0, "types": {}}
        )
        row["events"] += 1
        row["fatalities"] += _deaths(e)
        row["min"] += lo
        row["max"] += hi
        t = e.get("event_type") or "Unknown"
        row["types"][t] = row["types"].get(t, 0) + 1
    by_admin1 = sorted(admin.values(), key=lambda r: (-r["fatalities"], -r["events"], r["admin1"]))
    order = sorted(events, key=lambda e: (-_deaths(e), str(e.get("event_date") or ""), e["id"]))
    return ReportData(
        scope=scope,
        events=events,
        totals=totals,
        by_day_type={d: dict(v) for d, v in sorted(by_day_type.items())},
        by_admin1=by_admin1,
        deadliest=order[:TOP_N],
        contradictions=sorted(contested, key=lambda e: (-_deaths(e), e["id"])),
        single_source=sorted(single, key=lambda e: (-_deaths(e), e["id"])),
        status_counts=status_counts,
    )


# ---------------------------------------------------------------------------------------------------------------------
# charts (matplotlib, SVG)


def _svg(fig: Any, salt: str) -> str:
    """A figure as inline SVG: text kept as text, no metadata, no namespace URLs (HTML5 needs none)."""
    import matplotlib.pyplot as plt

    buf = io.StringIO()
    with plt.rc_context({"svg.fonttype": "none", "svg.hashsalt": salt}):
        fig.savefig(
            buf,
            format="svg",
            bbox_inches="tight",
            metadata={"Date": None, "Creator": None, "Format": None, "Type": None},
        )
    plt.close(fig)
    text = buf.getvalue()
    text = text[text.index("<svg") :]
    text = re.sub(r"<metadata>.*?</metadata>", "", text, flags=re.S)
    text = re.sub(r'\s+xmlns(:\w+)?="[^"]*"', "", text)
    text = re.sub(r'<svg ([^>]*?)width="[^"]*" height="[^"]*"', r'<svg role="img" \1', text, count=1)
    return text


def _figure(width: float, height: float) -> Any:
    import matplotlib

    matplotlib.use("Agg", force=False)
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(width, height), dpi=96)
    return fig, ax


def time_unit(scope: ReportScope) -> str:
    """The bar width of the fatalities chart: a day for up to three months, a week for up to two years, else a month."""
    span = (scope.until - scope.since).days + 1
    return "day" if span <= 92 else "week" if span <= 731 else "month"


def _bin_start(d: date, unit: str) -> date:
    if unit == "week":
        return d - timedelta(days=d.weekday())
    if unit == "month":
        return d.replace(day=1)
    return d


def chart_by_day(data: ReportData) -> str | None:
    """Fatalities per day (per week or month over long periods) stacked by event type, over the whole period."""
    if not data.by_day_type:
        return None
    unit = time_unit(data.scope)
    bins: dict[date, dict[str, int]] = {}
    d = data.scope.since
    while d <= data.scope.until:
        bins.setdefault(_bin_start(d, unit), {})
        d += timedelta(days=1)
    for day, per_type in data.by_day_type.items():
        slot = bins.setdefault(_bin_start(date.fromisoformat(day), unit), {})
        for t, n in per_type.items():
            slot[t] = slot.get(t, 0) + n
    starts = sorted(bins)
    width = {"day": 0.85, "week": 6, "month": 26}[unit]
    types = sorted({t for v in bins.values() for t in v}, key=lambda t: (t not in TYPE_COLOURS, t))
    fig, ax = _figure(9, 3.2)
    bottom = [0] * len(starts)
    for t in types:
        values = [bins[b].get(t, 0) for b in starts]
        ax.bar(starts, values, bottom=bottom, width=width, align="edge" if unit != "day" else "center",
               color=TYPE_COLOURS.get(t, OTHER_COLOUR), label=t)  # fmt: skip
        bottom = [b + v for b, v in zip(bottom, values, strict=True)]
    ax.set_ylabel(f"fatalities per {unit}")
    ax.set_xlim(starts[0] - timedelta(days=1), starts[-1] + timedelta(days={"day": 1, "week": 8, "month": 32}[unit]))
    ax.spines[["top", "right"]].set_visible(False)
    ax.yaxis.get_major_locator().set_params(integer=True)
    ax.legend(loc="upper left", fontsize=8, frameon=False, ncols=min(3, len(types)))
    ax.set_ylim(0, max(max(bottom), 1) * 1.25)  # room for the legend above the bars
    fig.autofmt_xdate()
    return _svg(fig, "by-day")


@functools.cache
def _basemap() -> tuple[list[Any], list[Any]]:
    """(country outline arcs, admin-1 outline arcs) of the shipped Natural Earth TopoJSON, as (n, 2) lon/lat arrays."""
    import numpy as np

    topo = json.loads((resources.files("warlog.web") / "static" / "basemap.topo.json").read_text(encoding="utf-8"))
    (sx, sy), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        a = np.cumsum(np.asarray(arc, dtype=float), axis=0)
        arcs.append(np.column_stack([a[:, 0] * sx + tx, a[:, 1] * sy + ty]))

    def used(obj: dict[str, Any]) -> list[Any]:
        idx: set[int] = set()

        def walk(x: Any) -> None:
            if isinstance(x, int):
                idx.add(x if x >= 0 else ~x)
            else:
                for y in x:
                    walk(y)

        for g in obj["geometries"]:
            walk(g.get("arcs") or [])
        return [arcs[i] for i in sorted(idx)]

    return used(topo["objects"]["countries"]), used(topo["objects"]["admin1"])


@functools.cache
def _places() -> list[tuple[str, float, float, float]]:
    """(name, lon, lat, min zoom) of the shipped Natural Earth populated places, most important first."""
    fc = json.loads((resources.files("warlog.web") / "static" / "places.geojson").read_text(encoding="utf-8"))
    return [(f["properties"]["name"], *f["geometry"]["coordinates"][:2], f["properties"]["z"]) for f in fc["features"]]


def _extent(points: list[tuple[float, float]]) -> tuple[float, float, float, float]:
    """(west, east, south, north) around the points with a margin, at least about 1.5 degrees across."""
    lons = [p[0] for p in points]
    lats = [p[1] for p in points]
    w, e, s, n = min(lons), max(lons), min(lats), max(lats)
    pad_x = max((e - w) * 0.12, 0.75)
    pad_y = max((n - s) * 0.12, 0.6)
    return w - pad_x, e + pad_x, max(s - pad_y, -85), min(n + pad_y, 85)


def event_map(data: ReportData) -> str | None:
    """The period's located events over the offline outlines, sized by deaths, coloured by type, with place labels."""
    located = [e for e in data.events if e.get("latitude") is not None and e.get("longitude") is not None]
    if not located:
        return None
    from matplotlib.collections import LineCollection

    w, e, s, n = _extent([(ev["longitude"], ev["latitude"]) for ev in located])
    coslat = max(math.cos(math.radians((s + n) / 2)), 0.1)
    width = 8.5
    height = min(max(width * (n - s) / ((e - w) * coslat), 3.5), 7)
    fig, ax = _figure(width, height)
    ax.set_facecolor("#dbe7f0")
    countries, admin1 = _basemap()

    def visible(lines: list[Any]) -> list[Any]:
        return [
            a for a in lines if a[:, 0].max() >= w and a[:, 0].min() <= e and a[:, 1].max() >= s and a[:, 1].min() <= n
        ]

    ax.add_collection(LineCollection(visible(admin1), colors="#b5b0a4", linewidths=0.5, linestyles=(0, (2, 2))))
    ax.add_collection(LineCollection(visible(countries), colors="#6f6f6f", linewidths=0.9))
    for t in sorted({ev.get("event_type") or "Unknown" for ev in located}):
        pts = [ev for ev in located if (ev.get("event_type") or "Unknown") == t]
        ax.scatter(
            [p["longitude"] for p in pts],
            [p["latitude"] for p in pts],
            s=[12 + 14 * math.sqrt(_deaths(p)) for p in pts],
            c=TYPE_COLOURS.get(t, OTHER_COLOUR),
            edgecolors="#333",
            linewidths=0.5,
            alpha=0.8,
            label=t,
            zorder=3,
        )
    span = max(e - w, (n - s) / coslat)
    zoom = math.log2(360 / span) + 1.5  # about the web-map zoom this extent needs on an 8-inch figure
    shown = 0
    for name, lon, lat, z in _places():
        if shown >= 18 or z > zoom:
            continue
        if w < lon < e and s < lat < n:
            ax.plot(lon, lat, marker="s", ms=2.5, color="#333", zorder=4)
            ax.annotate(name, (lon, lat), xytext=(3, 3), textcoords="offset points", fontsize=7, color="#222", zorder=4)
            shown += 1
    ax.set_xlim(w, e)
    ax.set_ylim(s, n)
    ax.set_aspect(1 / coslat)
    ax.set_xticks([])
    ax.set_yticks([])
    from matplotlib.lines import Line2D

    kinds = sorted({ev.get("event_type") or "Unknown" for ev in located})
    handles = [
        Line2D([], [], ls="", marker="o", ms=7, mfc=TYPE_COLOURS.get(k, OTHER_COLOUR), mec="#333", label=k)
        for k in kinds
    ]
    ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.01), ncols=3, fontsize=7, frameon=False)
    ax.set_title(f"{len(located)} located events (circle area: deaths)", fontsize=9, loc="left")
    return _svg(fig, "map")


# ---------------------------------------------------------------------------------------------------------------------
# HTML


def _e(value: Any) -> str:
    return html.escape("" if value is None else str(value), quote=True)


def _figures(e: dict[str, Any]) -> str:
    figs = e.get("figures") or {}
    return "; ".join(f"{src}: {', '.join(str(x) for x in tolls)}" for src, tolls in figs.items()) or "none"


def _evidence(e: dict[str, Any]) -> str:
    ev = e.get("evidence") or []
    return ev[0]["text"] if ev and ev[0].get("text") else ""


def _place(e: dict[str, Any]) -> str:
    """Location, admin1, country; a name said twice (Aleppo, Aleppo) once."""
    parts: list[str] = []
    for x in (e.get("location"), e.get("admin1"), e.get("country")):
        if x and x not in parts:
            parts.append(x)
    return ", ".join(parts) or "unknown place"


def _actors(e: dict[str, Any]) -> str:
    a1, a2 = e.get("actor1"), e.get("actor2")
    if a1 and a2:
        return f"{a1} vs {a2}"
    return a1 or a2 or "unidentified"


def _deaths_text(e: dict[str, Any]) -> str:
    lo, hi = _range(e)
    d = _deaths(e)
    return f"{d} (reported {lo}–{hi})" if lo != hi else str(d)


CSS = """
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#222;max-width:1000px;margin:24px auto;
padding:0 18px}
h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 8px;border-bottom:1px solid #ddd;padding-bottom:3px}
.sub{color:#555}.totals{display:flex;flex-wrap:wrap;gap:10px;margin:14px 0}
.totals div{border:1px solid #ddd;border-radius:6px;padding:8px 14px;min-width:130px}
.totals dt{color:#666;font-size:12px}.totals dd{margin:0;font-size:20px;font-weight:600}
.totals dd small{font-size:12px;font-weight:400;color:#555}
table{border-collapse:collapse;width:100%;font-size:13px}th,td{text-align:left;padding:4px 6px;
border-bottom:1px solid #eee;vertical-align:top}th{background:#f5f5f5}td.n{text-align:right}
.ev{font-family:Georgia,serif;color:#333;font-style:italic}.flag{background:#fde2c0;border-radius:6px;padding:0 5px;
font-size:12px}svg{max-width:100%;height:auto}
footer{margin-top:32px;border-top:1px solid #ccc;color:#444;font-size:12px}
@media print{body{margin:0;max-width:none}h2{break-after:avoid}tr{break-inside:avoid}}
"""


def render_html(data: ReportData) -> str:
    """The report as one HTML document: inline CSS and SVG, no script, no external reference."""
    t = data.totals
    parts = [
        "<!doctype html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f"<title>Situation report: {_e(data.scope.describe())}</title>",
        f"<style>{CSS}</style></head><body>",
        f"<h1>Situation report: {_e(data.scope.describe())}</h1>",
        f'<p class="sub">Generated by warlog on {_e(data.generated)} from coded news reports. Figures are the '
        "reviewed values of the events (rejected and merged events left out).</p>",
        '<section id="totals"><dl class="totals">',
        f'<div><dt>events</dt><dd data-total="events">{t["events"]}</dd></div>',
        f'<div><dt>fatalities</dt><dd><span data-total="fatalities">{t["fatalities"]}</span> '
        f'<small>reported range <span data-total="fatalities_min">{t["fatalities_min"]}</span>–'
        f'<span data-total="fatalities_max">{t["fatalities_max"]}</span></small></dd></div>',
        f'<div><dt>outlets</dt><dd data-total="sources">{t["sources"]}</dd></div>',
        f'<div><dt>reports</dt><dd data-total="reports">{t["reports"]}</dd></div>',
        f'<div><dt>single-source events</dt><dd data-total="single_source">{t["single_source"]}</dd></div>',
        f'<div><dt>contested events</dt><dd data-total="contradictions">{t["contradictions"]}</dd></div>',
        "</dl></section>",
    ]
    if not data.events:
        parts.append("<p>No events match this period and place.</p>")
    chart = chart_by_day(data)
    if chart:
        unit = time_unit(data.scope)
        parts += [f'<section id="by-day"><h2>Fatalities per {unit}, by event type</h2>', chart, "</section>"]
    emap = event_map(data)
    if emap:
        parts += ['<section id="map"><h2>Map of events</h2>', emap]
        if t["unlocated"]:
            parts.append(f'<p class="sub">{t["unlocated"]} event(s) could not be placed and are not on the map.</p>')
        parts.append("</section>")
    if data.by_admin1:
        parts += [
            '<section id="admin1"><h2>By admin-1 unit</h2><table><thead><tr><th scope="col">admin1</th>'
            '<th scope="col">country</th><th scope="col">events</th><th scope="col">fatalities</th>'
            '<th scope="col">reported range</th><th scope="col">main types</th></tr></thead><tbody>'
        ]
        for r in data.by_admin1:
            types = ", ".join(f"{k} ({v})" for k, v in sorted(r["types"].items(), key=lambda kv: -kv[1])[:3])
            parts.append(
                f'<tr><td>{_e(r["admin1"])}</td><td>{_e(r["country"])}</td><td class="n">{r["events"]}</td>'
                f'<td class="n">{r["fatalities"]}</td><td class="n">{r["min"]}–{r["max"]}</td><td>{_e(types)}</td></tr>'
            )
        parts.append("</tbody></table></section>")
    if data.deadliest:
        parts.append(
            f'<section id="deadliest"><h2>The {len(data.deadliest)} deadliest events</h2><table><thead><tr>'
            '<th scope="col">date</th><th scope="col">place</th><th scope="col">type</th>'
            '<th scope="col">actors</th><th scope="col">deaths</th><th scope="col">figures per source</th>'
            "</tr></thead><tbody>"
        )
        for e in data.deadliest:
            flags = " ".join(f'<span class="flag">{_e(describe_flag(f))}</span>' for f in e.get("flags") or [])
            parts.append(
                f'<tr data-event="{_e(e["id"])}"><td>{_e(e.get("event_date") or "undated")}</td>'
                f"<td>{_e(_place(e))}</td>"
                f"<td>{_e(e.get('sub_event_type') or e.get('event_type') or '')}</td><td>{_e(_actors(e))}</td>"
                f'<td class="n">{_e(_deaths_text(e))}</td><td>{_e(_figures(e))} {flags}</td></tr>'
            )
            if _evidence(e):
                parts.append(f'<tr><td></td><td colspan="5" class="ev">“{_e(_evidence(e))}”</td></tr>')
        parts.append("</tbody></table></section>")
    parts.append('<section id="contested"><h2>Contested and single-source events</h2>')
    if data.contradictions:
        parts.append(f"<p>{len(data.contradictions)} event(s) where independent sources contradict each other:</p><ul>")
        for e in data.contradictions[:30]:
            why = "; ".join(describe_flag(f) for f in e.get("flags") or [] if is_contradiction(f))
            parts.append(
                f'<li data-event="{_e(e["id"])}">{_e(e.get("event_date") or "undated")}, {_e(_place(e))}: '
                f"{_e(why)} (figures {_e(_figures(e))})</li>"
            )
        parts.append("</ul>")
    else:
        parts.append("<p>No event where independent sources contradict each other.</p>")
    if data.single_source:
        n = len(data.single_source)
        parts.append(f"<p>{n} of {t['events']} event(s) rest on a single independent source; the deadliest:</p><ul>")
        for e in data.single_source[:15]:
            parts.append(
                f'<li data-event="{_e(e["id"])}">{_e(e.get("event_date") or "undated")}, {_e(_place(e))}: '
                f"{_deaths(e)} deaths, {_e(', '.join(e.get('sources') or []) or 'unknown outlet')}</li>"
            )
        parts.append("</ul>")
    parts.append("</section>")
    parts.append(_methods(data))
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"


def _methods(data: ReportData) -> str:
    from warlog import __version__

    status = ", ".join(f"{k} {v}" for k, v in sorted(data.status_counts.items())) or "none"
    return (
        '<footer id="methods"><h2>Methods</h2><p>'
        f"Events were extracted by warlog {_e(__version__)} from news reports, offline: the event type and sub-type "
        "follow ACLED's codebook (6 types, 25 sub-types); actors are mapped to ACLED's canonical names; places are "
        "geocoded with an offline gazetteer (GeoNames) and carry a geo-precision code; the date is the event's date "
        "read from the text against the report's publication date. Reports of the same happening from different "
        "outlets are linked into one event; syndicated copies of one text count as one source. The fatality figure "
        "of an event is ACLED's conservative one (the lowest credible figure until corroborated); the reported "
        "range spans the tolls its reports gave. Aggregate tolls (\u201c400 killed since September\u201d) are kept as "
        "claims and are not counted here. Analysts' reviews override the machine's values.</p>"
        f"<p>Review status of the events in this scope: {_e(status)}. Rejected and merged events are not counted "
        "above.</p>"
        f"<p>Scope: {_e(data.scope.describe())}. Map outlines and place names: Natural Earth (public domain).</p>"
        "</footer>"
    )


# ---------------------------------------------------------------------------------------------------------------------
# output


class ReportError(RuntimeError):
    """The report could not be written (e.g. PDF asked for without Chromium)."""


def chromium() -> str | None:
    """The headless Chromium used for PDF output, if installed."""
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


def write_pdf(html_text: str, output: Path, timeout: float = 120.0) -> None:
    """Print the HTML to PDF with headless Chromium (no network: the document references nothing outside)."""
    exe = chromium()
    if exe is None:
        raise ReportError("PDF needs Chromium (apt-get install chromium); write HTML instead with --format html")
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "report.html"
        src.write_text(html_text, encoding="utf-8")
        cmd = [
            exe, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--no-pdf-header-footer", f"--user-data-dir={tmp}/profile", f"--print-to-pdf={output.resolve()}",
            src.as_uri(),
        ]  # fmt: skip
        try:
            run = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, check=False)
        except subprocess.TimeoutExpired:
            raise ReportError(f"Chromium did not finish printing within {timeout:.0f} s") from None
    if run.returncode != 0 or not output.exists() or output.stat().st_size == 0:
        raise ReportError(f"Chromium could not print the PDF: {run.stderr.strip()[-300:]}")


def write_report(engine: Engine, scope: ReportScope, output: Path, fmt: str = "html") -> ReportData:
    """Collect, render and write the report; returns its data."""
    data = collect(engine, scope)
    text = render_html(data)
    output.parent.mkdir(parents=True, exist_ok=True)
    if fmt == "pdf":
        write_pdf(text, output)
    else:
        output.write_text(text, encoding="utf-8")
    return data
