"""Fetching refuses internal addresses after DNS and after every redirect, pins the connection to the checked address
(no DNS rebinding), and caps size, time and content types. No test touches the outside network: names resolve through
a fake resolver, and "public" addresses are routed to a local test server."""

from __future__ import annotations

import gzip
import http.server
import socket
import threading
import time
from collections.abc import Iterator

import httpcore
import pytest

from warlog.ingest import IngestError, read_sources
from warlog.ingest.fetch import FetchError, check_url, fetch_url

PUBLIC_IP = "93.184.216.34"  # a global address; the fake network routes it to the local server
PAGE = (
    b"<html><head><title>Shelling in Idlib</title></head><body><article>"
    b"<p>Shelling killed four people in the town of Saraqib on Sunday, rescuers said.</p>"
    b"<p>The strikes hit a market and a school in the early morning hours.</p></article></body></html>"
)


class _Site(http.server.BaseHTTPRequestHandler):
    """A test site whose paths each misbehave in one way."""

    protocol_version = "HTTP/1.0"  # bodies end when the connection closes: lets a body run without Content-Length
    log: list[str] = []
    port = 0

    def _send(self, status: int, body: bytes, ctype: str | None = "text/html", **headers: str) -> None:
        self.send_response(status)
        if ctype:
            self.send_header("Content-Type", ctype)
        for name, value in headers.items():
            self.send_header(name.replace("_", "-"), value)
        self.end_headers()
        self.wfile.write(body)

    def _redirect(self, target: str) -> None:
        self._send(302, b"", None, Location=target.format(port=self.port), Content_Length="0")

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        self.log.append(f"{self.headers.get('Host')}{self.path}")
        path = self.path
        redirects = {
            "/to-loopback": "http://127.0.0.1:{port}/page",
            "/to-metadata": "http://169.254.169.254/latest/meta-data/",
            "/to-internal-name": "http://internal.example:{port}/page",
            "/to-v6-loopback": "http://[::1]:{port}/page",
            "/to-public": "http://news.example:{port}/page",
        }
        if path in redirects:
            self._redirect(redirects[path])
        elif path == "/page":
            self._send(200, PAGE, "text/html; charset=utf-8", Content_Length=str(len(PAGE)))
        elif path == "/no-type":
            self._send(200, PAGE, None)
        elif path == "/png":
            self._send(200, b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "image/png")
        elif path == "/octet":
            self._send(200, b"binary", "application/octet-stream")
        elif path == "/nul-html":
            self._send(200, b"<html>\x00\x00\x01\x02" * 100, "text/html")
        elif path == "/declared-huge":
            self._send(200, PAGE, "text/html", Content_Length=str(10**9))
        elif path == "/endless":  # no Content-Length: the body streams until we stop reading
            self._send(200, b"<p>" + b"x" * 200_000 + b"</p>", "text/html")
        elif path == "/gzip-bomb":
            self._send(200, gzip.compress(b" " * 3_000_000), "text/html", Content_Encoding="gzip")
        elif path == "/drip":
            self._send(200, b"<html>", "text/html")
            for _ in range(40):
                time.sleep(0.1)
                try:
                    self.wfile.write(b"x")
                    self.wfile.flush()
                except OSError:
                    return
        else:
            self._send(404, b"no", "text/plain")

    def log_message(self, format, *args) -> None:  # noqa: A002 - silence the test output
        pass


@pytest.fixture(scope="module")
def site() -> Iterator[int]:
    """A local server; yields its port."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Site)
    server.daemon_threads = True
    _Site.port = server.server_address[1]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield _Site.port
    server.shutdown()
    server.server_close()


_real_getaddrinfo = socket.getaddrinfo


def _answer(ip: str, port: int) -> tuple:
    """One getaddrinfo tuple for an address."""
    if ":" in ip:
        return (socket.AF_INET6, socket.SOCK_STREAM, socket.IPPROTO_TCP, "", (ip, port, 0, 0))
    return (socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP, "", (ip, port))


class FakeDNS:
    """A resolver with fixed answers per name (a list of answers per call for rebinding), counting lookups."""

    def __init__(self) -> None:
        self.calls: list[str] = []
        self.names: dict[str, list[list[str]]] = {
            "news.example": [[PUBLIC_IP]],
            "internal.example": [["10.0.0.7"]],
            "metadata.example": [["169.254.169.254"]],
            "mixed.example": [[PUBLIC_IP, "192.168.1.20"]],
            "v6-ula.example": [["fd12:3456::1"]],
            "v6-loopback.example": [["::1"]],
        }

    def __call__(self, host, port, *args, **kwargs):
        name = host.decode() if isinstance(host, bytes) else str(host)
        if name not in self.names:
            return _real_getaddrinfo(host, port, *args, **kwargs)  # numeric hosts only: nothing leaves the machine
        self.calls.append(name)
        answers = self.names[name]
        ips = answers.pop(0) if len(answers) > 1 else answers[0]
        return [_answer(ip, int(port or 80)) for ip in ips]


@pytest.fixture
def dns(monkeypatch) -> FakeDNS:
    """Fake name resolution, and a network on which PUBLIC_IP is the local test server; connections are recorded."""
    fake = FakeDNS()
    monkeypatch.setattr(socket, "getaddrinfo", fake)
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy"):
        monkeypatch.delenv(name, raising=False)
    real_connect = httpcore.SyncBackend.connect_tcp
    fake.connects = []

    def connect(self, host, port, *args, **kwargs):
        fake.connects.append(host)
        if host == PUBLIC_IP:
            return real_connect(self, "127.0.0.1", _Site.port, *args, **kwargs)
        if host not in ("127.0.0.1", "::1"):
            raise httpcore.ConnectError(f"test network: {host} unreachable")
        return real_connect(self, host, port, *args, **kwargs)

    monkeypatch.setattr(httpcore.SyncBackend, "connect_tcp", connect)
    return fake


@pytest.fixture(autouse=True)
def _clear_log() -> None:
    _Site.log.clear()


# --- addresses --------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("http://127.0.0.1/", "loopback"),
        ("http://127.8.9.10:8080/x", "loopback"),
        ("http://localhost/", "loopback"),
        ("http://2130706433/", "loopback"),  # 127.0.0.1 written as one decimal number
        ("http://0.0.0.0/", "unspecified"),
        ("http://10.1.2.3/", "private"),
        ("http://172.16.0.9/", "private"),
        ("http://192.168.1.1/", "private"),
        ("http://100.64.0.1/", "non-public"),  # carrier-grade NAT
        ("http://169.254.169.254/latest/meta-data/", "metadata"),
        ("http://169.254.10.10/", "link-local"),
        ("http://224.0.0.1/", "multicast"),
        ("http://[::1]:8080/", "loopback"),
        ("http://[fc00::1]/", "private"),
        ("http://[fd12:3456::1]/", "private"),
        ("http://[fe80::1]/", "link-local"),
        ("http://[::ffff:127.0.0.1]/", "loopback"),  # IPv4-mapped
        ("http://[::ffff:169.254.169.254]/", "metadata"),
        ("http://[64:ff9b::a00:1]/", "private"),  # NAT64 of 10.0.0.1
        ("http://[2002:7f00:1::]/", "loopback"),  # 6to4 of 127.0.0.1
        ("http://[fd00:ec2::254]/", "metadata"),
    ],
)
def test_internal_addresses_are_refused_before_any_connection(dns, url, reason):
    with pytest.raises(FetchError, match="refusing") as info:
        fetch_url(url)
    assert reason in str(info.value)
    assert dns.connects == []


@pytest.mark.parametrize(
    ("host", "reason"),
    [
        ("internal.example", "private address 10.0.0.7"),
        ("metadata.example", "metadata address 169.254.169.254"),
        ("mixed.example", "private address 192.168.1.20"),  # one internal answer among public ones refuses the host
        ("v6-ula.example", "private address fd12:3456::1"),
        ("v6-loopback.example", "loopback address ::1"),
    ],
)
def test_names_resolving_to_internal_addresses_are_refused(dns, host, reason):
    with pytest.raises(FetchError, match="refusing") as info:
        fetch_url(f"http://{host}/page")
    assert reason in str(info.value) and host in str(info.value)
    assert dns.connects == [] and _Site.log == []
    with pytest.raises(FetchError, match=reason):
        check_url(f"https://{host}/")


def test_public_name_is_fetched_from_the_address_that_was_checked(site, dns):
    body, ctype, final = fetch_url(f"http://news.example:{site}/page")
    assert b"Saraqib" in body and ctype == "text/html" and final.endswith("/page")
    assert dns.connects == [PUBLIC_IP]  # connected by address, not by name
    assert _Site.log == [f"news.example:{site}/page"]  # the Host header still names the site


def test_dns_rebinding_cannot_swap_the_address_after_the_check(site, dns):
    # First answer public, every later answer loopback: a second lookup by the HTTP library would reach 127.0.0.1.
    dns.names["rebind.example"] = [[PUBLIC_IP], ["127.0.0.1"]]
    body, _, _ = fetch_url(f"http://rebind.example:{site}/page")
    assert b"Saraqib" in body
    assert dns.calls.count("rebind.example") == 1  # one lookup, used for both the check and the connection
    assert dns.connects == [PUBLIC_IP]


def test_rebinding_to_loopback_on_the_first_lookup_is_refused(site, dns):
    dns.names["rebind2.example"] = [["127.0.0.1"], [PUBLIC_IP]]
    with pytest.raises(FetchError, match="loopback"):
        fetch_url(f"http://rebind2.example:{site}/page")
    assert dns.connects == [] and _Site.log == []


# --- redirects --------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "reason"),
    [
        ("/to-loopback", "loopback"),
        ("/to-metadata", "metadata"),
        ("/to-internal-name", "private address 10.0.0.7"),
        ("/to-v6-loopback", "loopback"),
    ],
)
def test_redirects_to_internal_addresses_are_refused(site, dns, path, reason):
    with pytest.raises(FetchError, match=reason):
        fetch_url(f"http://news.example:{site}{path}")
    assert _Site.log == [f"news.example:{site}{path}"]  # the internal target was never requested
    assert dns.connects == [PUBLIC_IP]


def test_redirect_to_another_public_site_is_followed(site, dns):
    _, _, final = fetch_url(f"http://news.example:{site}/to-public")
    assert final == f"http://news.example:{site}/page"
    assert dns.connects == [PUBLIC_IP, PUBLIC_IP]  # every hop connects afresh through the check


# --- size, time, content types ----------------------------------------------------------------------------------------


def test_declared_and_streamed_sizes_are_capped(site, dns):
    base = f"http://news.example:{site}"
    with pytest.raises(FetchError, match=r"too large \(1000000000 bytes"):
        fetch_url(f"{base}/declared-huge")
    with pytest.raises(FetchError, match="too large"):
        fetch_url(f"{base}/endless", max_bytes=50_000)
    with pytest.raises(FetchError, match="too large"):  # 3 KB of gzip that would expand to 3 MB
        fetch_url(f"{base}/gzip-bomb", max_bytes=1_000_000)
    body, _, _ = fetch_url(f"{base}/endless", max_bytes=300_000)
    assert len(body) == 200_007


def test_a_server_dripping_bytes_hits_the_total_deadline(site, dns):
    started = time.monotonic()
    with pytest.raises(FetchError, match="total time limit of 1 s"):
        fetch_url(f"http://news.example:{site}/drip", timeout=2.0, total_timeout=1.0)
    assert time.monotonic() - started < 3.0  # each read alone is quick: only the total deadline can stop it


@pytest.mark.parametrize(("path", "message"), [("/png", "image/png"), ("/octet", "application/octet-stream")])
def test_other_media_types_are_refused(site, dns, path, message):
    with pytest.raises(FetchError, match=f"unsupported content type '{message}'"):
        fetch_url(f"http://news.example:{site}{path}")


def test_binary_body_is_refused_whatever_its_declared_type_and_untyped_html_is_sniffed(site, dns):
    with pytest.raises(FetchError, match="binary body"):
        fetch_url(f"http://news.example:{site}/nul-html")
    (report,) = list(read_sources([f"http://news.example:{site}/no-type"]))
    assert "Saraqib" in report.text


# --- schemes, flags, errors -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("file:///etc/passwd", "only http and https"),
        ("gopher://news.example/", "only http and https"),
        ("ftp://news.example/x", "only http and https"),
        ("http:///nohost", "no host"),
        ("http://news.example:99999/", "bad port"),
    ],
)
def test_bad_urls_are_refused(dns, url, message):
    with pytest.raises(FetchError, match=message):
        fetch_url(url)
    assert dns.connects == []


def test_allow_private_fetches_the_local_server_and_proxies_are_ignored(site, dns, monkeypatch):
    monkeypatch.setenv("HTTP_PROXY", "http://10.9.9.9:3128")  # a proxy would resolve names for us: never used
    (report,) = list(read_sources([f"http://127.0.0.1:{site}/page"], allow_private=True))
    assert "Saraqib" in report.text
    assert dns.connects == ["127.0.0.1"]
    (refused,) = list(read_sources([f"http://127.0.0.1:{site}/page"]))
    assert isinstance(refused, IngestError) and refused.source == f"http://127.0.0.1:{site}/page"
    assert "loopback" in refused.reason


def test_a_refused_url_is_one_error_and_the_batch_goes_on(site, dns):
    items = list(read_sources(["http://internal.example/a", f"http://news.example:{site}/page"]))
    assert isinstance(items[0], IngestError) and items[0].source == "http://internal.example/a"
    assert not isinstance(items[1], IngestError) and "Saraqib" in items[1].text
