"""The web map in headless Chromium (Debian's chromium driven by Playwright): load the map, filter by date and type,
brush the timeline, open an event with its evidence highlighted, confirm it with a token, and show a report holding
<script> as text. Writes docs/screenshots/map.png and docs/screenshots/event-panel.png.

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


def extraction(i: int, spec: tuple, text: str | None = None) -> Extraction:
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
        actor1="Military Forces of Syria (2000-)",
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
    assert page.get_attribute("body", "data-markers") == str(len(EVENTS) + 1)
    assert page.locator("#events tbody tr").count() == len(EVENTS) + 1
    assert page.locator("#timeline-svg rect.bar").count() >= 5
    assert page.locator(".leaflet-basemap-pane canvas").count() == 1  # the offline outlines, under the markers
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
    assert 0 < page.locator("#events tbody tr").count() < len(EVENTS) + 1


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
