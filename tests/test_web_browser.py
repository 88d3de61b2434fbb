"""The web map in headless Chromium (Debian's chromium driven by Playwright): load the map, filter by date and type,
brush the timeline (mouse and keyboard), open an event with its evidence highlighted and its sources compared, confirm
it with a token, show a report holding <script> as text; the map zooms to the results, pans to a selection without
zooming past the offline basemap, resets, colours clusters by type, labels places offline and shows a loading state;
the overview panels (totals, series by type, admin1 and actor breakdowns, pick-lists) and an axe-core accessibility
scan. Writes the screenshots in docs/screenshots/.

Needs `apt-get install -y chromium` and `pip install playwright` (no `playwright install`); skipped without them.
"""

from __future__ import annotations

import shutil
import socket
import threading
import time
from datetime import date, timedelta
from pathlib import Path

import pytest

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
if not Path(CHROMIUM).exists():
    pytest.skip("Debian's chromium is not installed (apt-get install -y chromium)", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (pip install playwright)")

from warlog.link.run import link_store  # noqa: E402
from warlog.model import Evidence, Extraction, Mention, Place, Report  # noqa: E402
from warlog.store import Store  # noqa: E402
from warlog.store.review import create_token  # noqa: E402

SHOTS = Path(__file__).resolve().parents[1] / "docs" / "screenshots"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
HOSTILE = '<script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2">'
AXE = Path(__file__).resolve().parents[1] / "src" / "warlog" / "web" / "static" / "vendor" / "axe-core" / "axe.min.js"
TYPE_COLOURS = {"rgb(214, 39, 40)", "rgb(255, 127, 14)", "rgb(148, 103, 189)", "rgb(44, 160, 44)", "rgb(140, 86, 75)",
                "rgb(31, 119, 180)"}  # fmt: skip

# (place, lat, lon, admin1, event type, sub-event type, days after 2016-09-01, deaths)
EVENTS = [
    ("Aleppo - al-Shaar", 36.2089, 37.1809, "Aleppo", "Explosions/Remote violence", "Air/drone strike", 26, 19),
    ("Aleppo - Bustan al-Qasr", 36.1899, 37.1406, "Aleppo", "Explosions/Remote violence", "Air/drone strike", 40, 5),
    ("Aleppo - Handarat", 36.2683, 37.1683, "Aleppo", "Battles", "Armed clash", 30, 14),
    (
        "Douma",
        33.5711,
        36.4042,
        "Rural Damascus",
        "Explosions/Remote violence",
        "Shelling/artillery/missile attack",
        60,
        7,
    ),
    ("Idlib", 35.9306, 36.6339, "Idleb", "Explosions/Remote violence", "Air/drone strike", 75, 11),
    ("Homs", 34.7268, 36.7234, "Homs", "Explosions/Remote violence", "Suicide bomb", 90, 22),
    ("Deir ez-Zor", 35.3359, 40.1408, "Deir ez Zor", "Battles", "Armed clash", 110, 30),
    ("Saraqib", 35.8644, 36.8006, "Idleb", "Violence against civilians", "Abduction/forced disappearance", 130, 0),
    ("Raqqa", 35.9528, 39.0079, "Raqqa", "Explosions/Remote violence", "Air/drone strike", 150, 9),
    ("Daraa", 32.6189, 36.1021, "Dar'a", "Protests", "Peaceful protest", 170, 0),
]


# One happening reported by two outlets that disagree on the toll and the perpetrator (our own wording).
KHAN = ("Khan Shaykhun", 35.4414, 36.6511, "Idleb", "Explosions/Remote violence", "Air/drone strike", 181)
PAIR = [
    (1, "Military Forces of Syria (2000-)", 70,
     "A local monitor counted 70 dead after jets struck Khan Shaykhun at dawn. Clinics ran short of oxygen."),
    (2, "Military Forces of Russia (2000-)", 120,
     "Opposition medics later put the death toll in Khan Shaykhun at 120. They blamed foreign aircraft for the raid."),
]  # fmt: skip
N_EVENTS = len(EVENTS) + 2  # the Hama report below and the Khan Shaykhun pair


def extraction(
    i: int, spec: tuple, text: str | None = None, actor1: str = "Military Forces of Syria (2000-)"
) -> Extraction:
    """One report and its mention, written in our own words; the first sentence is the evidence."""
    place, lat, lon, admin1, etype, sub, days, deaths = spec
    day = date(2016, 9, 1) + timedelta(days=days)
    name = place.split(" - ")[-1]
    text = text or (
        f"Monitors said {deaths} people were killed in {name} on {day:%A} ({sub.lower()}). "
        f"Residents described heavy damage to homes and a market.\n\nLocal officials gave no further figures."
    )
    first = text.index(".") + 1
    r = Report(text=text, outlet=f"Outlet {i % 3}", published=day, title=f"{sub} in {name}")
    m = Mention(
        report_id=r.id,
        event_date=day,
        event_type=etype,
        sub_event_type=sub,
        actor1=actor1,
        actor2="Civilians (Syria)",
        place=Place(place, lat, lon, 2, "Syria", admin1, iso="SY"),
        fatalities=deaths,
        evidence=[Evidence(text[:first], 0, first)],
    )
    return Extraction(report=r, mentions=[m])


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """(base URL, analyst token, store): the real app under uvicorn on 127.0.0.1 over a small database."""
    import uvicorn

    from warlog.api import ServeConfig, create_app

    store = Store(str(tmp_path_factory.mktemp("web") / "web.db"))
    for i, spec in enumerate(EVENTS):
        store.save_extraction(extraction(i, spec))
    hostile_text = f"Activists posted a statement {HOSTILE} about a shelling of Hama that killed 4 people. More later."
    hama = ("Hama", 35.1318, 36.7578, "Hama", "Explosions/Remote violence", "Shelling/artillery/missile attack", 95, 4)
    store.save_extraction(extraction(99, hama, hostile_text))
    for i, actor1, deaths, text in PAIR:
        store.save_extraction(extraction(i, (*KHAN, deaths), text, actor1=actor1))
    link_store(store)
    token = create_token(store, "tester", "analyst")
    port = free_port()
    server = uvicorn.Server(
        uvicorn.Config(
            create_app(ServeConfig(db_url=store.url), store=store), host="127.0.0.1", port=port, log_level="warning"
        )
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}", token, store
    server.should_exit = True
    thread.join(timeout=5)
    store.close()


@pytest.fixture(scope="module")
def page(site):
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        # bypass_csp: lets Playwright evaluate its waits, and shows report text is inert even without the CSP.
        context = browser.new_context(viewport={"width": 1400, "height": 900}, bypass_csp=True)
        pg = context.new_page()
        pg.errors = []
        pg.on("pageerror", lambda exc: pg.errors.append(str(exc)))
        pg.on("console", lambda msg: pg.errors.append(msg.text) if msg.type == "error" else None)
        yield pg
        browser.close()


def wait_loaded(pg) -> None:
    pg.wait_for_function("document.body.dataset.loading === '0'")


def test_map_loads_with_markers_basemap_and_timeline(site, page):
    base, _, _ = site
    page.goto(base + "/")
    wait_loaded(page)
    page.wait_for_function("document.body.dataset.basemap === 'ready'")
    assert page.get_attribute("body", "data-markers") == str(N_EVENTS)
    assert page.locator("#events tbody tr").count() == N_EVENTS
    assert page.locator("#timeline-svg rect.bar").count() >= 5
    assert page.locator(".leaflet-basemap-pane canvas").count() == 1  # the offline outlines, under the markers
    page.wait_for_function("Number(document.body.dataset.labels) > 0")
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "map.png"))
    assert page.errors == []


def test_filter_by_date_and_type_lives_in_the_url(site, page):
    base, _, _ = site
    page.goto(base + "/")
    wait_loaded(page)
    page.fill("input[name=since]", "2016-09-20")
    page.fill("input[name=until]", "2016-11-30")
    page.select_option("select[name=event_type]", "Explosions/Remote violence")
    page.click("#filters button[type=submit]")
    wait_loaded(page)
    places = page.locator("#events tbody tr td:nth-child(6)").all_text_contents()
    assert sorted(places) == ["Aleppo - Bustan al-Qasr", "Aleppo - al-Shaar", "Douma", "Homs", "Idlib"]
    assert "since=2016-09-20" in page.url and "event_type=Explosions" in page.url
    page.goto(page.url)  # a shared link restores the same view
    wait_loaded(page)
    assert page.locator("#events tbody tr").count() == 5
    assert page.input_value("select[name=event_type]") == "Explosions/Remote violence"


def test_brushing_the_timeline_sets_the_dates(site, page):
    base, _, _ = site
    page.goto(base + "/")
    wait_loaded(page)
    box = page.locator("#timeline-svg").bounding_box()
    page.mouse.move(box["x"] + 5, box["y"] + 30)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] * 0.45, box["y"] + 30, steps=5)
    page.mouse.up()
    wait_loaded(page)
    since, until = page.input_value("input[name=since]"), page.input_value("input[name=until]")
    assert since and until and since < until and "until=" in page.url
    assert 0 < page.locator("#events tbody tr").count() < N_EVENTS


def test_event_panel_highlights_evidence_and_confirms_with_a_token(site, page):
    base, token, _ = site
    page.goto(base + "/?event_type=Battles")
    wait_loaded(page)
    page.locator("#events tbody tr", has_text="Handarat").click()
    page.wait_for_selector("#panel .report mark.evidence")
    mark = page.locator("#panel mark.evidence").first.text_content()
    assert mark == "Monitors said 14 people were killed in Handarat on Saturday (armed clash)."
    assert "event=" in page.url
    page.fill("#token", token)
    page.click("#save-token")
    page.wait_for_function("document.querySelector('#who').textContent.includes('tester')")
    page.click("#panel button[data-action=confirm]")
    page.wait_for_selector("#panel .panel-sub .badge.status-confirmed")
    page.wait_for_selector("#panel ul.history li >> text=confirm")
    page.locator("#panel").screenshot(path=str(SHOTS / "event-panel.png"))
    assert page.evaluate("sessionStorage.getItem('warlog-token')") == token


def test_report_with_script_is_shown_as_text(site, page):
    base, _, _ = site
    page.goto(base + "/?q=Hama")
    wait_loaded(page)
    page.locator("#events tbody tr", has_text="Hama").click()
    page.wait_for_selector("#panel .report-text")
    text = page.locator("#panel .report-text").text_content()
    assert HOSTILE in text  # the markup is there, as characters
    assert page.locator("#panel script, #panel img").count() == 0
    assert page.evaluate("window.__pwned === undefined")


# ---------------------------------------------------------------------------------------------------------------------
# the map keeps its place


def marker_bounds_inside_view(pg) -> bool:
    return pg.evaluate(
        """() => {
        const view = window.warlogMap.getBounds();
        let inside = true;
        window.warlogMap.eachLayer(l => {
            if (l.getLatLng && l.options.eventType && !view.contains(l.getLatLng())) inside = false;
        });
        return inside;
    }"""
    )


def set_view(pg, lat: float, lon: float, z: int) -> None:
    pg.evaluate("([lat, lon, z]) => { window.warlogMap.setView([lat, lon], z, {animate: false}); }", [lat, lon, z])


def zoom(pg) -> float:
    return pg.evaluate("window.warlogMap.getZoom()")


def test_map_zooms_to_results_on_load_and_filter_and_resets(site, page):
    base, _, _ = site
    page.goto(base + "/")
    wait_loaded(page)
    all_zoom = zoom(page)
    assert 4 <= all_zoom <= 9 and marker_bounds_inside_view(page)
    page.fill("input[name=admin1]", "Aleppo")
    page.click("#filters button[type=submit]")
    wait_loaded(page)
    assert zoom(page) > all_zoom  # the three Aleppo events, closer
    assert marker_bounds_inside_view(page)
    set_view(page, 10, 10, 3)
    page.click("#reset-view")
    assert zoom(page) > all_zoom and marker_bounds_inside_view(page)
    page.click("#clear-filters")
    wait_loaded(page)
    assert zoom(page) == all_zoom and marker_bounds_inside_view(page)


def test_selecting_pans_without_zooming_past_the_basemap(site, page):
    base, _, _ = site
    page.goto(base + "/")
    wait_loaded(page)
    assert (
        page.locator(".leaflet-control-layers-base input:checked + span")
        .text_content()
        .strip()
        .startswith("Offline outlines")
    )  # a base layer is selected
    assert page.evaluate("window.warlogMap.getMaxZoom()") == 11
    for place in ("Handarat", "al-Shaar", "Daraa"):
        page.locator("#events tbody tr", has_text=place).click()
        page.wait_for_selector("#panel[data-event]")
        page.wait_for_timeout(1300)  # zoom, cluster and spiderfy animations
        assert zoom(page) <= 9  # a cluster is spread at zoom 9 rather than zoomed into
        centre_ok = page.evaluate(
            """(id) => { const m = window.warlogMap; let found = false;
            m.eachLayer(l => {
                if (l.options && l.options.weight === 3 && l.getLatLng) found = m.getBounds().contains(l.getLatLng());
            });
            return found; }""",
            page.get_attribute("#panel", "data-event"),
        )
        assert centre_ok  # the selected marker (drawn thicker) is in view
        if place == "al-Shaar":  # three Aleppo events a few km apart: their cluster is spread, not zoomed into
            assert page.get_attribute("body", "data-spread") == "1"
    assert page.errors == []


def test_clusters_are_coloured_by_dominant_type_with_count(site, page):
    base, _, _ = site
    page.goto(base + "/")
    wait_loaded(page)
    set_view(page, 35.5, 38.0, 5)
    page.wait_for_selector(".type-cluster div")
    page.wait_for_timeout(500)  # the clusters' zoom animation
    clusters = page.locator(".type-cluster div")
    for i in range(clusters.count()):
        c = clusters.nth(i)
        assert c.evaluate("d => getComputedStyle(d).backgroundColor") in TYPE_COLOURS
        assert c.text_content().strip().isdigit() and "events" in c.get_attribute("title")
    # clusters where air strikes and shelling dominate (Aleppo: two strikes and a battle) are orange
    titles = [clusters.nth(i).get_attribute("title") for i in range(clusters.count())]
    aleppo = [clusters.nth(i) for i, t in enumerate(titles) if "Explosions" in t]
    assert aleppo and aleppo[0].evaluate("d => getComputedStyle(d).backgroundColor") == "rgb(255, 127, 14)"


def test_offline_place_labels_follow_zoom(site, page):
    base, _, _ = site
    page.goto(base + "/")
    wait_loaded(page)
    set_view(page, 35.0, 38.0, 5)
    page.wait_for_function("Number(document.body.dataset.labels) > 0")
    few = int(page.get_attribute("body", "data-labels"))
    names = page.locator(".place-label").all_text_contents()
    assert "Damascus" in names and "Aleppo" in names
    set_view(page, 36.2, 37.15, 9)
    page.wait_for_function("document.querySelectorAll('.place-label').length > 0")
    assert "Aleppo" in page.locator(".place-label").all_text_contents() and few > 0
    requests = []
    page.on("request", lambda r: requests.append(r.url))
    set_view(page, 34.0, 36.0, 8)
    page.wait_for_timeout(300)
    assert all(u.startswith(base) for u in requests)  # offline: nothing asked of any other host


def test_loading_state_is_visible(site, page):
    base, _, _ = site
    page.goto(base + "/")
    wait_loaded(page)
    held = []
    page.route("**/api/panels/summary*", lambda route: held.append(route))
    page.click("#filters button[type=submit]")
    page.wait_for_selector("#loading", state="visible")
    assert "Loading" in page.locator("#loading").text_content()
    while not held:
        page.wait_for_timeout(50)
    for route in held:
        route.continue_()
    page.unroute("**/api/panels/summary*")
    wait_loaded(page)
    assert not page.is_visible("#loading")


def test_timeline_has_axes_and_its_label_does_not_cover_bars(site, page):
    base, _, _ = site
    page.goto(base + "/")
    wait_loaded(page)
    assert page.locator("#timeline-svg .y-tick").count() >= 2
    assert page.locator("#timeline-svg .x-tick").count() == 3
    label = page.locator("#timeline-label").bounding_box()
    bars = page.locator("#timeline-svg rect.bar")
    top = min(bars.nth(i).bounding_box()["y"] for i in range(bars.count()))
    assert label["y"] + label["height"] <= top
    ticks = page.locator("#timeline-svg .y-tick")
    bar_left = min(bars.nth(i).bounding_box()["x"] for i in range(bars.count()))
    assert all(ticks.nth(i).bounding_box()["x"] + ticks.nth(i).bounding_box()["width"] <= bar_left + 1
               for i in range(ticks.count()))  # fmt: skip


# ---------------------------------------------------------------------------------------------------------------------
# panels


def test_overview_panels_total_the_filtered_view(site, page):
    base, _, store = site
    page.goto(base + "/")
    wait_loaded(page)
    assert page.locator("#totals [data-total=events]").text_content() == str(N_EVENTS)
    deaths = sum(s[-1] for s in EVENTS) + 4 + 70  # the pair counts once, its lower figure
    assert page.locator("#totals [data-total=fatalities]").text_content() == str(deaths)
    assert "reported" in page.locator("#totals").text_content()  # the pair's 70-120 range
    assert page.locator("#series-svg rect").count() >= len(EVENTS)
    assert page.locator("#by-admin1 tbody tr").count() == len({s[3] for s in EVENTS} | {"Hama"}) == 8
    assert page.locator("#by-actor tbody tr").count() >= 3
    page.locator("#panel").screenshot(path=str(SHOTS / "overview.png"))
    page.locator("#by-admin1 button.pick", has_text="Aleppo").click()
    wait_loaded(page)
    assert page.input_value("input[name=admin1]") == "Aleppo" and "admin1=Aleppo" in page.url
    assert page.locator("#events tbody tr").count() == 3
    assert page.locator("#totals [data-total=events]").text_content() == "3"
    page.goto(base + "/")
    wait_loaded(page)
    page.locator("#by-actor button.pick", has_text="Russia").click()
    wait_loaded(page)
    assert page.locator("#events tbody tr").count() == 1


def test_sub_type_filter_and_admin1_pick_list(site, page):
    base, _, _ = site
    page.goto(base + "/")
    wait_loaded(page)
    page.wait_for_function("document.querySelectorAll('#admin1-list option').length > 0")
    options = page.eval_on_selector_all("#admin1-list option", "os => os.map(o => o.value)")
    assert sorted(options) == sorted({s[3] for s in EVENTS} | {"Hama"})
    groups = page.eval_on_selector_all("select[name=sub_event_type] optgroup", "gs => gs.map(g => g.label)")
    assert "Explosions/Remote violence" in groups
    page.select_option("select[name=sub_event_type]", "Air/drone strike")
    page.click("#filters button[type=submit]")
    wait_loaded(page)
    places = sorted(page.locator("#events tbody tr td:nth-child(6)").all_text_contents())
    assert places == ["Aleppo - Bustan al-Qasr", "Aleppo - al-Shaar", "Idlib", "Khan Shaykhun", "Raqqa"]
    page.goto(page.url)  # the sub-type survives a reload from the URL
    wait_loaded(page)
    assert page.input_value("select[name=sub_event_type]") == "Air/drone strike"


def test_per_source_comparison_and_flags_in_words(site, page):
    base, _, _ = site
    page.goto(base + "/?q=Khan")
    wait_loaded(page)
    page.locator("#events tbody tr", has_text="Khan Shaykhun").click()
    page.wait_for_selector("#compare table.compare")
    rows = page.locator("#compare tbody tr")
    assert rows.count() == 2
    assert sorted(rows.locator("td:nth-child(6)").all_text_contents()) == ["120", "70"]
    assert page.locator("#compare td.differs").count() >= 4  # deaths and perpetrator differ, in both rows
    flags = page.locator("#flags li").all_text_contents()
    assert "sources disagree on deaths: 70 to 120" in flags
    assert any(f.startswith("sources name different perpetrators") for f in flags)
    assert "_disagree" not in page.locator("#panel").text_content()
    page.locator("#panel").screenshot(path=str(SHOTS / "event-sources.png"))
    page.click("#detail button.back")
    assert page.is_visible("#overview") and not page.is_visible("#detail")


# ---------------------------------------------------------------------------------------------------------------------
# keyboard and accessibility


def test_rows_sort_headers_and_brush_work_from_the_keyboard(site, page):
    base, _, _ = site
    page.goto(base + "/")
    wait_loaded(page)
    page.focus("th[data-sort=fatalities] button")
    page.keyboard.press("Enter")
    wait_loaded(page)
    assert page.get_attribute("th[data-sort=fatalities]", "aria-sort") == "descending"
    assert page.locator("#events tbody tr td:nth-child(8)").first.text_content().startswith("70")
    page.focus("#events tbody tr")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    page.wait_for_selector("#panel[data-event] .report")
    assert page.evaluate("document.activeElement.tagName") == "TR"
    page.focus("#timeline-svg")
    page.keyboard.press("ArrowLeft")
    page.keyboard.press("ArrowLeft")
    page.wait_for_function("new URL(location).searchParams.get('since') !== null")
    wait_loaded(page)
    since, until = page.input_value("input[name=since]"), page.input_value("input[name=until]")
    assert since and until and since <= until
    page.keyboard.press("Shift+ArrowLeft")
    page.keyboard.press("Shift+ArrowRight")
    page.keyboard.press("Shift+ArrowRight")
    page.wait_for_function(f"new URL(location).searchParams.get('until') > '{until}'")
    assert page.get_attribute("#timeline-svg", "aria-valuetext").startswith(since)
    page.keyboard.press("Escape")
    page.wait_for_function("new URL(location).searchParams.get('since') === null")
    wait_loaded(page)
    assert page.locator("#events tbody tr").count() == N_EVENTS


def axe_violations(pg) -> list[dict]:
    """WCAG 2.1 A/AA violations axe-core finds in the page (the scan must have checked something)."""
    pg.add_script_tag(path=str(AXE))
    result = pg.evaluate(
        """async () => {
        const tags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];
        const r = await axe.run(document, {runOnly: {type: "tag", values: tags}});
        return {passes: r.passes.length, violations: r.violations.map(v => ({
            id: v.id, impact: v.impact, nodes: v.nodes.map(n => n.target.join(" ")).slice(0, 5)
        }))};
    }"""
    )
    assert result["passes"] >= 10
    return result["violations"]


def test_accessibility_scan_with_axe_core(site, page):
    base, _, _ = site
    page.goto(base + "/")
    wait_loaded(page)
    page.wait_for_function("document.body.dataset.basemap === 'ready'")
    assert axe_violations(page) == []
    page.locator("#events tbody tr", has_text="Khan Shaykhun").click()
    page.wait_for_selector("#compare table.compare")
    assert axe_violations(page) == []


def test_situation_report_renders_offline_in_chromium(site, page, tmp_path):
    """The HTML report of the same store, opened from disk with every request outside file:// refused."""
    from warlog.report import ReportScope, write_report

    _, _, store = site
    out = tmp_path / "sitrep.html"
    data = write_report(store.engine, ReportScope(date(2016, 9, 1), date(2017, 3, 31)), out)
    assert data.totals["events"] == N_EVENTS
    outside = []

    def only_the_file(route) -> None:
        if route.request.url == out.as_uri():
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    page.route("**/*", only_the_file)
    page.goto(out.as_uri())
    page.unroute("**/*")
    assert outside == []  # the report asks for nothing beyond itself
    assert page.locator("svg").count() == 2
    assert page.locator("[data-total=events]").text_content() == str(N_EVENTS)
    page.set_viewport_size({"width": 1100, "height": 900})
    page.screenshot(path=str(SHOTS / "report.png"), full_page=True)
    page.set_viewport_size({"width": 1400, "height": 900})
