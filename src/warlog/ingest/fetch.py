"""Fetching a report by URL with httpx, refusing private and internal addresses (SSRF guard).

The address check and the connection use the same DNS answer: a custom httpcore network backend resolves the host
once, refuses internal addresses, and connects to the checked address itself (TLS still verifies and sends SNI for
the host name). A second lookup by the HTTP library, which a rebinding DNS server could answer differently, never
happens. Every redirect hop opens its connection through the same backend, so each hop is checked after resolution.
Reads have a per-operation timeout and the whole fetch (all hops, all reads) a total deadline.
"""

from __future__ import annotations

import ipaddress
import socket
import ssl
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any
from urllib.parse import urljoin, urlsplit

import httpcore
import httpx

from warlog.ingest.errors import FetchError

MAX_REDIRECTS = 5
MAX_BYTES = 20 * 1024 * 1024
READ_TIMEOUT_S = 20.0  # any one connect, read or write
TOTAL_TIMEOUT_S = 60.0  # the whole fetch, redirects included: a server dripping one byte per read cannot hold us
USER_AGENT = "warlog/0.1 (+https://github.com/warlog; conflict news ingestion)"
ACCEPTED_TYPES = (
    "text/html",
    "application/xhtml+xml",
    "text/xml",
    "application/xml",
    "application/rss+xml",
    "application/atom+xml",
    "application/rdf+xml",
    "text/plain",
    "application/json",
    "application/x-ndjson",
    "application/jsonl",
)
METADATA_ADDRESSES = {ipaddress.ip_address("169.254.169.254"), ipaddress.ip_address("fd00:ec2::254")}
_NAT64 = ipaddress.ip_network("64:ff9b::/96")
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


class _RefusedAddress(httpcore.ConnectError):
    """Raised inside httpcore when a host resolves to an address we refuse; fetch_url turns it into a FetchError."""


def _embedded_ipv4(ip: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 address carries (IPv4-mapped, 6to4, Teredo client, NAT64), if any."""
    if ip.ipv4_mapped is not None:
        return ip.ipv4_mapped
    if ip.sixtofour is not None:
        return ip.sixtofour
    if ip.teredo is not None:
        return ip.teredo[1]
    if ip in _NAT64:
        return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    return None


def _blocked_reason(ip: IPAddress) -> str | None:
    """Why an address must not be fetched (loopback, private, ...), or None when it is public."""
    if isinstance(ip, ipaddress.IPv6Address):
        inner = _embedded_ipv4(ip)
        if inner is not None:
            reason = _blocked_reason(inner)
            if reason:
                return reason
    if ip in METADATA_ADDRESSES:
        return "cloud metadata"
    for attr, label in (
        ("is_loopback", "loopback"),
        ("is_link_local", "link-local"),
        ("is_multicast", "multicast"),
        ("is_unspecified", "unspecified"),
        ("is_reserved", "reserved"),
        ("is_private", "private"),
    ):
        if getattr(ip, attr):
            return label
    if not ip.is_global:
        return "non-public"
    return None


def resolve_addresses(host: str, port: int) -> list[IPAddress]:
    """All addresses a host name resolves to (an IP literal resolves to itself), in resolver order, deduplicated."""
    try:
        return [ipaddress.ip_address(host.strip("[]").split("%")[0])]
    except ValueError:
        pass
    try:
        infos = socket.getaddrinfo(host, port, proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError, OSError) as exc:
        raise FetchError(f"cannot resolve host {host!r}: {exc}") from exc
    found: list[IPAddress] = []
    for info in infos:
        ip = ipaddress.ip_address(str(info[4][0]).split("%")[0])
        if ip not in found:
            found.append(ip)
    if not found:
        raise FetchError(f"cannot resolve host {host!r}: no addresses")
    return found


def checked_addresses(
    host: str, port: int, allow_private: bool = False, addresses: list[IPAddress] | None = None
) -> list[IPAddress]:
    """The addresses to connect to for host (resolved here unless given): all must be public unless allow_private
    (one bad answer refuses the host, so a resolver mixing public and internal answers cannot steer us inside)."""
    if addresses is None:
        addresses = resolve_addresses(host, port)
    if not allow_private:
        for ip in addresses:
            reason = _blocked_reason(ip)
            if reason:
                raise FetchError(f"{host} resolves to {reason} address {ip} (use allow_private to permit)")
    return addresses


def _check_scheme(url: str) -> tuple[str, int]:
    """Refuse non-http(s) URLs and URLs without a host; return (host, port)."""
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https"):
        raise FetchError(f"refusing {parts.scheme or 'schemeless'} URL {url!r}: only http and https are fetched")
    if not parts.hostname:
        raise FetchError(f"no host in URL {url!r}")
    try:
        port = parts.port or (443 if parts.scheme.lower() == "https" else 80)
    except ValueError as exc:
        raise FetchError(f"bad port in URL {url!r}") from exc
    return parts.hostname, port


def check_url(url: str, allow_private: bool = False) -> None:
    """Refuse non-http(s) URLs and, unless allow_private, hosts resolving to internal addresses (a pre-check for
    early, clear errors; the connection itself is pinned to checked addresses by the fetch transport)."""
    host, port = _check_scheme(url)
    try:
        checked_addresses(host, port, allow_private)
    except FetchError as exc:
        raise FetchError(f"refusing {url!r}: {exc}") from None


# ---------------------------------------------------------------------------------------------------------------------
# the pinned transport


class _Deadline:
    """A point in time after which no network operation of this fetch may start or go on."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.at = time.monotonic() + seconds

    def clamp(self, timeout: float | None, exc: type[Exception]) -> float:
        """The timeout for the next operation: the smaller of its own and the time left; raise exc when none is."""
        left = self.at - time.monotonic()
        if left <= 0:
            raise exc(f"total time limit of {self.seconds:g} s exceeded")
        return left if timeout is None else min(timeout, left)


class _DeadlineStream(httpcore.NetworkStream):
    """A network stream whose every read and write ends by the fetch's deadline."""

    def __init__(self, inner: httpcore.NetworkStream, deadline: _Deadline) -> None:
        self.inner = inner
        self.deadline = deadline

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self.inner.read(max_bytes, self.deadline.clamp(timeout, httpcore.ReadTimeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self.inner.write(buffer, self.deadline.clamp(timeout, httpcore.WriteTimeout))

    def close(self) -> None:
        self.inner.close()

    def start_tls(
        self, ssl_context: ssl.SSLContext, server_hostname: str | None = None, timeout: float | None = None
    ) -> httpcore.NetworkStream:
        t = self.deadline.clamp(timeout, httpcore.ConnectTimeout)
        return _DeadlineStream(self.inner.start_tls(ssl_context, server_hostname, t), self.deadline)

    def get_extra_info(self, info: str) -> Any:
        return self.inner.get_extra_info(info)


class PinnedBackend(httpcore.NetworkBackend):
    """Resolves each host once, refuses internal addresses (unless allow_private) and connects to a checked address."""

    def __init__(self, allow_private: bool, deadline: _Deadline) -> None:
        self.allow_private = allow_private
        self.deadline = deadline
        self.inner = httpcore.SyncBackend()
        self.connected: list[str] = []  # the addresses actually connected to, for tests and logs

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.NetworkStream:
        try:
            addresses = resolve_addresses(host, port)
        except FetchError as exc:
            raise httpcore.ConnectError(str(exc)) from None
        try:
            addresses = checked_addresses(host, port, self.allow_private, addresses)
        except FetchError as exc:
            raise _RefusedAddress(str(exc)) from None
        last: Exception | None = None
        for ip in addresses:
            try:
                stream = self.inner.connect_tcp(
                    str(ip),
                    port,
                    timeout=self.deadline.clamp(timeout, httpcore.ConnectTimeout),
                    local_address=local_address,
                    socket_options=socket_options,
                )
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                last = exc
                continue
            self.connected.append(str(ip))
            return _DeadlineStream(stream, self.deadline)
        raise last or httpcore.ConnectError(f"cannot connect to {host}")

    def connect_unix_socket(
        self, path: str, timeout: float | None = None, socket_options: Iterable[Any] | None = None
    ) -> httpcore.NetworkStream:
        raise httpcore.ConnectError("unix sockets are not fetched")

    def sleep(self, seconds: float) -> None:
        time.sleep(seconds)


class PinnedTransport(httpx.HTTPTransport):
    """httpx's transport with its connection pool on a PinnedBackend (no proxies: a proxy would resolve for us)."""

    def __init__(self, backend: PinnedBackend) -> None:
        super().__init__(trust_env=False)
        self._pool = httpcore.ConnectionPool(
            ssl_context=httpx.create_ssl_context(trust_env=False),
            max_connections=4,
            max_keepalive_connections=0,
            network_backend=backend,
        )


@contextmanager
def pinned_client(
    allow_private: bool = False, timeout: float = READ_TIMEOUT_S, total_timeout: float = TOTAL_TIMEOUT_S
) -> Iterator[tuple[httpx.Client, _Deadline]]:
    """An httpx client whose every connection goes to an address checked after DNS resolution (pinned), with no
    proxies (environment variables ignored), no redirects followed, and a total deadline; with its deadline."""
    deadline = _Deadline(total_timeout)
    with httpx.Client(
        transport=PinnedTransport(PinnedBackend(allow_private, deadline)),
        follow_redirects=False,
        timeout=timeout,
        headers={"User-Agent": USER_AGENT, "Accept": "*/*"},
        trust_env=False,
    ) as client:
        yield client, deadline


def post_json(
    url: str, payload: Any, allow_private: bool = False, timeout: float = READ_TIMEOUT_S, total_timeout: float = 30.0
) -> int:
    """POST a JSON payload through the pinned client (same address guard as fetching); returns the status code.
    Raises FetchError when the address is refused, the server cannot be reached, or it answers with an error."""
    _check_scheme(url)
    try:
        with pinned_client(allow_private, timeout, total_timeout) as (client, _deadline):
            response = client.post(url, json=payload)
    except httpx.ConnectError as exc:
        if isinstance(exc.__cause__, _RefusedAddress) or isinstance(exc.__context__, _RefusedAddress):
            raise FetchError(f"refusing {url!r}: {exc}") from None
        raise FetchError(f"cannot post to {url}: {exc.__class__.__name__}: {exc}") from exc
    except httpx.HTTPError as exc:
        raise FetchError(f"cannot post to {url}: {exc.__class__.__name__}: {exc}") from exc
    if response.status_code >= 300:
        raise FetchError(f"HTTP {response.status_code} from {url}")
    return response.status_code


# ---------------------------------------------------------------------------------------------------------------------
# fetching


def _content_type(header: str | None) -> str:
    """The media type of a Content-Type header, lower-cased, without parameters."""
    return (header or "").split(";")[0].strip().lower()


def _accepted(content_type: str) -> bool:
    """Whether we read this media type (empty means unknown: the body is sniffed later)."""
    if not content_type:
        return True
    return content_type in ACCEPTED_TYPES or content_type.endswith(("+xml", "+json"))


def _looks_binary(body: bytes) -> bool:
    """A body that is not text whatever its declared type: NUL bytes in the first 8 KB (UTF-16 aside)."""
    return not body.startswith(_UTF16_BOMS) and b"\x00" in body[:8192]


def fetch_url(
    url: str,
    allow_private: bool = False,
    timeout: float = READ_TIMEOUT_S,
    max_bytes: int = MAX_BYTES,
    total_timeout: float = TOTAL_TIMEOUT_S,
) -> tuple[bytes, str, str]:
    """GET a URL: returns (body, content type, final URL). Raises FetchError.

    Redirects are followed by hand (at most 5); every connection goes to an address checked after DNS resolution
    (pinned, so DNS rebinding cannot swap it). `timeout` bounds each connect/read, `total_timeout` the whole fetch;
    bodies over max_bytes, media types other than text, HTML, XML feeds and JSON, and binary bodies are refused.
    """
    current = url
    deadline = _Deadline(total_timeout)
    try:
        with pinned_client(allow_private, timeout, total_timeout) as (client, deadline):
            for _hop in range(MAX_REDIRECTS + 1):
                _check_scheme(current)
                with client.stream("GET", current) as response:
                    if response.is_redirect:
                        location = response.headers.get("location")
                        if not location:
                            raise FetchError(f"redirect without Location from {current}")
                        current = urljoin(current, location)
                        continue
                    if response.status_code >= 400:
                        raise FetchError(f"HTTP {response.status_code} from {current}")
                    content_type = _content_type(response.headers.get("content-type"))
                    if not _accepted(content_type):
                        raise FetchError(f"unsupported content type {content_type!r} from {current}")
                    body = _read_capped(response, max_bytes, current, deadline)
                    if _looks_binary(body):
                        raise FetchError(f"binary body from {current} (declared {content_type or 'no type'!r})")
                    return body, content_type, current
            raise FetchError(f"too many redirects (more than {MAX_REDIRECTS}) from {url}")
    except httpx.ConnectError as exc:
        if isinstance(exc.__cause__, _RefusedAddress) or isinstance(exc.__context__, _RefusedAddress):
            raise FetchError(f"refusing {current!r}: {exc}") from None
        raise FetchError(f"cannot fetch {current}: {exc.__class__.__name__}: {exc}") from exc
    except httpx.TimeoutException as exc:
        if time.monotonic() >= deadline.at - 0.05:
            raise FetchError(f"fetching {current} exceeded the total time limit of {total_timeout:g} s") from exc
        raise FetchError(f"cannot fetch {current}: {exc.__class__.__name__}: {exc}") from exc
    except httpx.HTTPError as exc:
        raise FetchError(f"cannot fetch {current}: {exc.__class__.__name__}: {exc}") from exc


def _read_capped(response: httpx.Response, max_bytes: int, url: str, deadline: _Deadline | None = None) -> bytes:
    """The response body, refusing it once it passes max_bytes (Content-Length checked first) or the deadline."""
    declared = response.headers.get("content-length")
    if declared and declared.strip().isdigit() and int(declared) > max_bytes:
        raise FetchError(f"response from {url} too large ({declared.strip()} bytes > {max_bytes})")
    chunks: list[bytes] = []
    total = 0
    for chunk in response.iter_bytes():  # decoded: the cap counts what a gzip body expands to
        total += len(chunk)
        if total > max_bytes:
            raise FetchError(f"response from {url} too large (over {max_bytes} bytes)")
        if deadline is not None and time.monotonic() > deadline.at:
            raise FetchError(f"fetching {url} exceeded the total time limit of {deadline.seconds:g} s")
        chunks.append(chunk)
    return b"".join(chunks)
