"""`warlog watch` against RSS feeds served by a local http.server, with alert rules, a JSONL file and a webhook."""

from __future__ import annotations

import functools
import json
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer, SimpleHTTPRequestHandler, ThreadingHTTPServer

import pytest

from warlog.store import Store
from warlog.watch import Watcher, parse_interval, parse_rule, read_feed_list

ITEM = """<item><title>{title}</title><link>https://example.org/news/{n}</link>
<pubDate>{pub}</pubDate><description>{text}</description></item>"""


def feed(items: list[tuple[str, str, str]]) -> str:
    """An RSS 2.0 document from (title, RFC 822 date, text) items."""
    body = "".join(ITEM.format(title=t, pub=p, text=x, n=i) for i, (t, p, x) in enumerate(items))
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>Test Monitor</title>{body}</channel></rss>'


FIRST = [
    (
        "Strike on Aleppo market",
        "Tue, 04 Oct 2016 18:00:00 GMT",
        "Government warplanes bombed a market in the Bustan al-Qasr district of Aleppo on Tuesday, "
        "killing 20 civilians, the Syrian Observatory for Human Rights said.",
    ),
    (
        "Clashes near Homs",
        "Tue, 04 Oct 2016 19:00:00 GMT",
        "Islamic State fighters clashed with government forces near Palmyra in Homs province on Tuesday, "
        "killing three soldiers, the Syrian Observatory for Human Rights said.",
    ),
]
LATER = (
    "Second strike on Aleppo",
    "Sun, 09 Oct 2016 18:00:00 GMT",
    "Government warplanes bombed the Bustan al-Qasr district of Aleppo again on Sunday, killing 25 civilians, "
    "the Syrian Observatory for Human Rights said.",
)


class Hook(BaseHTTPRequestHandler):
    """A webhook receiver that keeps the JSON bodies it is sent."""

    received: list[dict] = []

    def do_POST(self) -> None:  # noqa: N802 - http.server's naming
        length = int(self.headers.get("content-length", 0))
        Hook.received.append(json.loads(self.rfile.read(length)))
        self.send_response(204)
        self.end_headers()

    def log_message(self, *args) -> None:
        pass


class Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


@pytest.fixture()
def servers(tmp_path):
    """(feed URL, webhook URL, feed folder): two servers on 127.0.0.1, stopped after the test."""
    site = tmp_path / "site"
    site.mkdir()
    (site / "feed.xml").write_text(feed(FIRST), encoding="utf-8")
    feeds = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    hook = HTTPServer(("127.0.0.1", 0), Hook)
    Hook.received = []
    threads = [threading.Thread(target=s.serve_forever, daemon=True) for s in (feeds, hook)]
    for t in threads:
        t.start()
    yield f"http://127.0.0.1:{feeds.server_port}/feed.xml", f"http://127.0.0.1:{hook.server_port}/hook", site
    for s in (feeds, hook):
        s.shutdown()
        s.server_close()


@pytest.fixture(scope="module")
def nlp():
    from warlog.extract.nlp import load_nlp

    return load_nlp()


def test_rules_intervals_and_feed_lists(tmp_path):
    assert parse_rule("fatalities>=5 admin1=Rural Damascus").admin1 == "Rural Damascus"
    assert parse_rule("fatalities>=3 bbox=36,35,38,37").bbox == (36, 35, 38, 37)
    assert parse_rule("new-actor").kind == "new-actor"
    with pytest.raises(ValueError):
        parse_rule("deaths > 3")
    assert parse_interval("15m") == 900 and parse_interval("90s") == 90 and parse_interval("1h") == 3600
    path = tmp_path / "feeds.txt"
    path.write_text("# monitors\nhttp://127.0.0.1:1/a.xml\n\nfeeds/b.xml  # local copy\n", encoding="utf-8")
    assert read_feed_list(path) == ["http://127.0.0.1:1/a.xml", "feeds/b.xml"]


def test_watch_polls_a_local_feed_and_alerts(tmp_path, servers, nlp):
    feed_url, hook_url, site = servers
    store = Store(str(tmp_path / "watch.db"))
    alerts_path = tmp_path / "alerts.jsonl"
    rules = [parse_rule("fatalities>=10 admin1=Aleppo"), parse_rule("new-actor"), parse_rule("30-day-high")]
    watcher = Watcher(store, [feed_url], rules, alerts_path=alerts_path, webhook=hook_url, allow_private=True, nlp=nlp)

    first = watcher.poll()
    assert first.errors == [] and first.stored == 2 and len(first.events) == 2
    fired = {(a["rule"], a["admin1"]) for a in first.alerts}
    assert ("fatalities>=10 admin1=Aleppo", "Aleppo") in fired
    assert ("30-day-high", "Aleppo") in fired  # nothing earlier in Aleppo
    assert any(a["rule"] == "new-actor" and "Islamic State" in a["reason"] for a in first.alerts)

    assert watcher.poll().alerts == []  # nothing new: no report stored, no alert repeated

    (site / "feed.xml").write_text(feed([*FIRST, LATER]), encoding="utf-8")
    second = watcher.poll()
    assert second.stored == 1
    rules_fired = sorted(a["rule"] for a in second.alerts)
    assert rules_fired == ["30-day-high", "fatalities>=10 admin1=Aleppo"]  # same actors: no new-actor alert
    high = next(a for a in second.alerts if a["rule"] == "30-day-high")
    assert high["fatalities"] == 25 and "previous high 20" in high["reason"]

    lines = [json.loads(x) for x in alerts_path.read_text(encoding="utf-8").splitlines()]
    assert len(lines) == len(first.alerts) + len(second.alerts)
    assert [a["event_id"] for a in Hook.received] == [a["event_id"] for a in lines]  # the webhook got each alert

    # A restarted watcher reads the alerts file and does not alert twice.
    again = Watcher(store, [feed_url], rules, alerts_path=alerts_path, allow_private=True, nlp=nlp)
    assert len(again.sent) == len(lines)
    store.close()


def test_watch_refuses_loopback_feeds_unless_allowed(tmp_path, servers, nlp):
    feed_url, _hook, _site = servers
    store = Store(str(tmp_path / "guard.db"))
    result = Watcher(store, [feed_url], alerts_path=tmp_path / "a.jsonl", nlp=nlp).poll()
    assert result.stored == 0 and "loopback" in result.errors[0]
    store.close()
