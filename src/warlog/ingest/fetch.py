"""Fetching a report by URL with httpx, refusing private and internal addresses (SSRF guard)."""

from __future__ import annotations

import ipaddress
import socket
from urllib.parse import urljoin, urlsplit

import httpx

MAX_REDIRECTS = 5
MAX_BYTES = 20 * 1024 * 1024
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


class FetchError(Exception):
    """A URL that could not or may not be fetched; the message says why."""


def _blocked_reason(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> str | None:
    """Why an address must not be fetched (loopback, private, ...), or None when it is public."""
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    if ip in METADATA_ADDRESSES:
        return "cloud metadata address"
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


def resolve_addresses(host: str, port: int) -> list[ipaddress.IPv4Address | ipaddress.IPv6Address]:
    """All addresses a host name resolves to (an IP literal resolves to itself)."""
    try:
        return [ipaddress.ip_address(host.strip("[]"))]
    except ValueError:
        pass
    try:
        infos = socket.getaddrinfo(host, port, proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError, OSError) as exc:
        raise FetchError(f"cannot resolve host {host!r}: {exc}") from exc
    return [ipaddress.ip_address(info[4][0].split("%")[0]) for info in infos]


def check_url(url: str, allow_private: bool = False) -> None:
    """Refuse non-http(s) URLs and, unless allow_private, hosts resolving to internal addresses."""
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https"):
        raise FetchError(f"refusing {parts.scheme or 'schemeless'} URL {url!r}: only http and https are fetched")
    if not parts.hostname:
        raise FetchError(f"no host in URL {url!r}")
    if allow_private:
        return
    try:
        port = parts.port or (443 if parts.scheme.lower() == "https" else 80)
    except ValueError as exc:
        raise FetchError(f"bad port in URL {url!r}") from exc
    for ip in resolve_addresses(parts.hostname, port):
        reason = _blocked_reason(ip)
        if reason:
            raise FetchError(
                f"refusing {url!r}: {parts.hostname} resolves to {reason} address {ip} (use allow_private to permit)"
            )


def _content_type(header: str | None) -> str:
    """The media type of a Content-Type header, lower-cased, without parameters."""
    return (header or "").split(";")[0].strip().lower()


def _accepted(content_type: str) -> bool:
    """Whether we read this media type (empty means unknown: the body is sniffed later)."""
    if not content_type:
        return True
    return content_type in ACCEPTED_TYPES or content_type.endswith(("+xml", "+json"))


def fetch_url(
    url: str, allow_private: bool = False, timeout: float = 20.0, max_bytes: int = MAX_BYTES
) -> tuple[bytes, str, str]:
    """GET a URL: returns (body, content type, final URL). Redirects are followed by hand (at most 5), each hop
    checked against the private-address rules; bodies over max_bytes are refused. Raises FetchError."""
    current = url
    try:
        with httpx.Client(
            follow_redirects=False, timeout=timeout, headers={"User-Agent": USER_AGENT, "Accept": "*/*"}
        ) as client:
            for _hop in range(MAX_REDIRECTS + 1):
                check_url(current, allow_private)
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
                    return _read_capped(response, max_bytes, current), content_type, current
            raise FetchError(f"too many redirects (more than {MAX_REDIRECTS}) from {url}")
    except httpx.HTTPError as exc:
        raise FetchError(f"cannot fetch {current}: {exc.__class__.__name__}: {exc}") from exc


def _read_capped(response: httpx.Response, max_bytes: int, url: str) -> bytes:
    """The response body, refusing it once it passes max_bytes (Content-Length checked first)."""
    declared = response.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > max_bytes:
        raise FetchError(f"response from {url} too large ({declared} bytes > {max_bytes})")
    chunks: list[bytes] = []
    total = 0
    for chunk in response.iter_bytes():
        total += len(chunk)
        if total > max_bytes:
            raise FetchError(f"response from {url} too large (over {max_bytes} bytes)")
        chunks.append(chunk)
    return b"".join(chunks)
