"""Ingest readers: files, corpora, feeds and URLs in; Reports (or IngestErrors naming the bad input) out."""

from __future__ import annotations

import http.server
import threading
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import warlog.ingest.text as text_module
from warlog.ingest import (
    FetchError,
    IngestError,
    count_sources,
    fetch_url,
    is_feed,
    read_csv,
    read_feed,
    read_html,
    read_jsonl,
    read_sources,
    read_text_file,
)
from warlog.ingest.clean import clean_text, drop_repeated_paragraphs
from warlog.ingest.dateline import find_dateline_date, parse_date_value
from warlog.ingest.errors import IngestFailure
from warlog.model import Report, report_id_for

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"
FAKES = Path(__file__).parents[1] / ".." / "shared" / "data" / "fa-kes" / "FA-KES-Dataset.csv"


def split(items: list[Report | IngestError]) -> tuple[list[Report], list[IngestError]]:
    """Reports and errors apart."""
    return [i for i in items if isinstance(i, Report)], [i for i in items if isinstance(i, IngestError)]


# --- text files ---------------------------------------------------------------------------------------------------


def test_front_matter_sets_metadata_and_is_not_part_of_the_text():
    report = read_text_file(FIXTURES / "front_matter.txt")
    assert report.title == "Shelling hits market in Idlib town"
    assert report.outlet == "Example Wire"
    assert report.url == "https://example.org/news/idlib-market"
    assert report.published == date(2017, 4, 5) and report.published_basis == "metadata"
    assert report.text.startswith("Artillery shells struck a crowded market")
    assert "---" not in report.text and "outlet:" not in report.text


def test_plain_text_keeps_its_first_line_and_takes_the_date_from_the_dateline():
    (report,) = read_sources([FIXTURES / "plain.txt"], local_files=True)
    assert report.title is None
    assert report.text.startswith("Wed 05 Apr 2017 Clashes resume near Hama\n")
    assert report.published == date(2017, 4, 5) and report.published_basis == "dateline"


def test_published_flag_fills_only_unknown_dates_and_nothing_means_none(tmp_path):
    undated = tmp_path / "undated.txt"
    undated.write_text("Rebels shelled a village near Latakia, wounding three farmers.\n")
    (flagged,) = read_sources([undated], published=date(2016, 5, 1), outlet="Flag Outlet", local_files=True)
    assert (flagged.published, flagged.published_basis, flagged.outlet) == (date(2016, 5, 1), "flag", "Flag Outlet")
    (unknown,) = read_sources([undated], local_files=True)
    assert unknown.published is None and unknown.published_basis is None
    (with_meta,) = read_sources(
        [FIXTURES / "front_matter.txt"], published=date(2020, 1, 1), outlet="Other", local_files=True
    )
    assert with_meta.published == date(2017, 4, 5) and with_meta.outlet == "Example Wire"


def test_legacy_cp1252_text_and_unknown_extensions_are_read(tmp_path):
    legacy = tmp_path / "report.dat"
    legacy.write_bytes("Caf\u00e9 owners in Homs said the \u201cceasefire\u201d held overnight.".encode("cp1252"))
    (report,) = read_sources([legacy], local_files=True)
    assert report.text == "Caf\u00e9 owners in Homs said the \u201cceasefire\u201d held overnight."


def test_binary_empty_and_too_big_files_are_errors(tmp_path, monkeypatch):
    binary = tmp_path / "photo.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x01")
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    blank = tmp_path / "blank.txt"
    blank.write_text("  \n\n\t \n")
    big = tmp_path / "big.txt"
    big.write_text("A long report about shelling in Aleppo. " * 10)
    monkeypatch.setattr(text_module, "size_limit", lambda: 100)
    reports, errors = split(list(read_sources([binary, empty, blank, big], local_files=True)))
    assert reports == []
    reasons = {Path(e.source).name: e.reason for e in errors}
    assert "binary" in reasons["photo.txt"]
    assert "empty" in reasons["empty.txt"] and "empty" in reasons["blank.txt"]
    assert "too large" in reasons["big.txt"]
    with pytest.raises(IngestFailure, match="binary"):
        read_text_file(binary)


def test_directory_is_read_recursively_in_order_skipping_hidden_files(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / ".git").mkdir()
    (tmp_path / "b" / "two.txt").write_text("Second report: a checkpoint near Raqqa came under fire.")
    (tmp_path / "a.txt").write_text("First report: a convoy was ambushed near Palmyra.")
    (tmp_path / ".hidden.txt").write_text("Hidden notes, not a report.")
    (tmp_path / ".git" / "config.txt").write_text("Not a report either.")
    reports = list(read_sources([tmp_path], local_files=True))
    assert [r.text.split(":")[0] for r in reports] == ["First report", "Second report"]
    assert count_sources([tmp_path]) == 2


def test_missing_path_is_an_error_and_the_batch_goes_on(tmp_path):
    items = list(read_sources([tmp_path / "nope.txt", FIXTURES / "plain.txt"], local_files=True))
    assert isinstance(items[0], IngestError) and "no such file" in items[0].reason
    assert isinstance(items[1], Report)


# --- cleaning and datelines ---------------------------------------------------------------------------------------


def test_repeated_paragraph_is_dropped_and_the_id_hashes_the_cleaned_text(tmp_path):
    para = "Shelling hit the Bab al-Nairab district of Aleppo, killing three people."
    other = "Residents said the shells came from the west."
    path = tmp_path / "dup.txt"
    path.write_text(f"{para}\n\n{other}\n\n{para}  \n\n{other}\n")
    (report,) = read_sources([path], local_files=True)
    assert report.text == f"{para}\n\n{other}"
    assert report.id == report_id_for(report.text)


def test_long_sentence_repeated_inside_a_paragraph_is_dropped_short_ones_kept():
    long_sentence = "A car bomb exploded outside a hospital in the town of Azaz on Sunday evening."
    text = f"{long_sentence} Two died. {long_sentence} Two died."
    assert drop_repeated_paragraphs(text) == f"{long_sentence} Two died. Two died."


def test_clean_text_strips_control_characters_and_normalises_spaces():
    assert clean_text("\ufeffFive\x00 killed\u00a0in \x07Idlib.\r\n\r\n\r\n\r\nMore  to follow.  ") == (
        "Five killed in Idlib.\n\nMore to follow."
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Wed 05 Apr 2017 Syria attack kills 20", date(2017, 4, 5)),
        ("April 5, 2017 - Rescuers in Idlib said", date(2017, 4, 5)),
        ("2017-04-05 Rescuers in Idlib said", date(2017, 4, 5)),
        ("Published 12th of March, 2016 Clashes near Daraa", date(2016, 3, 12)),
        ("24.08.2013 Syrian troops advanced", date(2013, 8, 24)),
        ("13/04/2017 Syrian troops advanced", date(2017, 4, 13)),
        ("Headline about a raid 6 October 2016 Aleppo, SANA - a raid", date(2016, 10, 6)),
        ("05/04/2017 Syrian troops advanced", None),  # April or May: ambiguous
        ("ALEPPO, Syria, Sept 27 (Reuters) - Air strikes hit", None),  # no year
        ("Damascus, SANA - A mortar shell hit", None),
        ("Clashes continued. " * 12 + "On 4 June 2016 rebels attacked.", None),  # past the first 200 chars
    ],
)
def test_dateline_dates(text, expected):
    assert find_dateline_date(text) == expected


def test_metadata_date_values():
    assert parse_date_value("4/16/2017") == date(2017, 4, 16)  # FA-KES: month first
    assert parse_date_value("Mon, 10 Jul 2016 09:15:00 GMT") == date(2016, 7, 10)
    assert parse_date_value("2 days ago") is None and parse_date_value("yesterday") is None


# --- HTML ---------------------------------------------------------------------------------------------------------


def test_html_page_gives_main_text_title_date_and_outlet():
    report = read_html((FIXTURES / "page.html").read_text(), url="https://example.org/a/1")
    assert "killed five people on Sunday morning" in report.text
    assert "Copyright" not in report.text and "Sport" not in report.text
    assert report.title == "Air strike kills five in Deir ez-Zor"
    assert report.outlet == "Example Daily"
    assert report.published == date(2016, 9, 12) and report.published_basis == "metadata"
    assert report.url == "https://example.org/a/1"


def test_html_without_main_text_is_an_error():
    with pytest.raises(IngestFailure, match="no main text"):
        read_html("<html><head><title>Menu</title></head><body><nav></nav></body></html>")


# --- corpora ------------------------------------------------------------------------------------------------------

MAPPING = {"text": "body", "title": "headline", "published": "when", "outlet": "site"}


def test_csv_with_broken_rows_yields_errors_and_keeps_reading():
    reports, errors = split(list(read_csv(FIXTURES / "broken.csv", MAPPING)))
    assert [r.title for r in reports] == ["Car bomb in Azaz", "Rockets hit Aleppo"]
    assert reports[0].published == date(2017, 4, 16) and reports[0].outlet == "Example Wire"
    assert reports[1].source_path.endswith("broken.csv#3")
    assert [e.record for e in errors] == ["2", "4", "5"]
    assert "missing text" in errors[1].reason and "fields" in errors[2].reason
    assert str(errors[0]).startswith(str(FIXTURES / "broken.csv") + "#2: ")


def test_csv_mapping_to_a_missing_column_is_one_error():
    (error,) = list(read_csv(FIXTURES / "broken.csv", {"text": "article_content"}))
    assert error.record is None and "article_content" in error.reason


def test_jsonl_bad_lines_are_errors_naming_the_line():
    items = list(read_jsonl(FIXTURES / "corpus.jsonl", {"published": "meta.date"}))
    reports, errors = split(items)
    assert [e.record for e in errors] == ["2", "3", "5"]
    assert "invalid JSON" in errors[0].reason and "missing text" in errors[2].reason
    assert reports[0].title == "Roadside bomb near Daraa" and reports[0].outlet == "Example Wire"
    assert reports[1].published == date(2016, 3, 16) and reports[1].source_path.endswith("corpus.jsonl#6")


def test_fakes_csv_reads_all_804_rows():
    if not FAKES.exists():
        pytest.skip("FA-KES dataset not present")
    mapping = {"text": "article_content", "title": "article_title", "published": "date", "outlet": "source"}
    items = list(read_sources([FAKES], mapping=mapping, local_files=True))
    reports, errors = split(items)
    assert len(items) == 804 and len(reports) >= 800
    assert all(r.published is not None for r in reports)
    assert {r.published_basis for r in reports} == {"metadata"}
    assert reports[0].source_path.endswith("FA-KES-Dataset.csv#1") and reports[0].outlet


# --- feeds --------------------------------------------------------------------------------------------------------


def test_rss_entries_become_reports_and_empty_entries_errors():
    items = list(read_feed((FIXTURES / "feed.rss").read_bytes(), "feed.rss"))
    (report,), (error,) = split(items)
    assert report.title == "Mortar fire on Damascus suburb"
    assert report.url == "https://example.org/reports/1"
    assert report.outlet == "Example Conflict Monitor"
    assert report.published == date(2016, 7, 10)
    assert report.text == (
        "Mortar rounds fell on a suburb of Damascus on Sunday, killing two residents.\n\n"
        "Civil defence teams searched the rubble."
    )
    assert error.record == "2" and "no text" in error.reason


def test_atom_entry_uses_published_not_updated():
    (report,) = list(read_sources([FIXTURES / "feed.atom"], local_files=True))
    assert report.published == date(2017, 5, 19) and report.published_basis == "metadata"
    assert report.outlet == "Example Atom Desk" and report.url == "https://example.org/atom/1"
    assert "six fighters dead" in report.text and "<p>" not in report.text


def test_feed_sniffing():
    assert is_feed((FIXTURES / "feed.rss").read_bytes()) and is_feed((FIXTURES / "feed.atom").read_bytes())
    assert not is_feed((FIXTURES / "page.html").read_bytes())
    assert not is_feed(b"Plain words about a feed of news.")


def test_feed_given_as_a_string_is_never_opened_as_a_path():
    items = list(read_feed("/etc/passwd", "x"))
    assert len(items) == 1 and isinstance(items[0], IngestError)


def test_count_sources_counts_documents_rows_and_entries():
    assert count_sources([FIXTURES / "plain.txt", FIXTURES / "feed.rss", FIXTURES / "corpus.jsonl"]) == 1 + 2 + 5
    assert count_sources(["https://example.org/feed"]) is None


# --- URLs ---------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url", ["http://127.0.0.1/", "http://169.254.169.254/latest/meta-data/", "http://10.1.2.3/", "http://[::1]:8080/"]
)
def test_private_addresses_are_refused_without_touching_the_network(url):
    with pytest.raises(FetchError, match="refusing"):
        fetch_url(url)


def test_non_http_schemes_are_refused_and_become_ingest_errors():
    with pytest.raises(FetchError, match="only http and https"):
        fetch_url("file:///etc/passwd")
    (error,) = list(read_sources(["http://127.0.0.1:9/page"]))
    assert isinstance(error, IngestError) and "loopback" in error.reason


class _Handler(http.server.BaseHTTPRequestHandler):
    """A tiny site: a page, a redirect to it, a redirect to a file: URL, and a redirect loop."""

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        if self.path == "/page":
            body = (FIXTURES / "page.html").read_bytes()
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        targets = {"/moved": "/page", "/to-file": "file:///etc/passwd", "/loop": "/loop"}
        if self.path in targets:
            self.send_response(302)
            self.send_header("Location", targets[self.path])
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        self.send_error(404)

    def log_message(self, format, *args) -> None:  # noqa: A002 - silence the test output
        pass


@pytest.fixture(scope="module")
def local_site() -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture(autouse=True)
def _no_proxies(monkeypatch):
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy"):
        monkeypatch.delenv(name, raising=False)


def test_url_is_fetched_from_a_local_server_when_private_addresses_are_allowed(local_site):
    (report,) = list(read_sources([f"{local_site}/moved"], allow_private=True))
    assert "killed five people on Sunday morning" in report.text
    assert report.url == f"{local_site}/page" and report.source_path == f"{local_site}/moved"
    assert report.published == date(2016, 9, 12)
    (refused,) = list(read_sources([f"{local_site}/page"]))
    assert isinstance(refused, IngestError) and "loopback" in refused.reason


def test_redirects_are_checked_at_every_hop_and_capped(local_site):
    with pytest.raises(FetchError, match="only http and https"):
        fetch_url(f"{local_site}/to-file", allow_private=True)
    with pytest.raises(FetchError, match="too many redirects"):
        fetch_url(f"{local_site}/loop", allow_private=True)
    with pytest.raises(FetchError, match="HTTP 404"):
        fetch_url(f"{local_site}/missing", allow_private=True)
    with pytest.raises(FetchError, match="too large"):
        fetch_url(f"{local_site}/page", allow_private=True, max_bytes=100)


# --- properties ---------------------------------------------------------------------------------------------------

_words = st.sampled_from(
    [
        "Shells hit Aleppo.",
        "Two died.",
        "A long sentence about an air strike near the city of Idlib.",
        "\n",
        "\n\n",
        " ",
        "\t",
        "\x00",
        "\u00a0",
        "Rescuers arrived",
    ]
)


@settings(max_examples=150, deadline=None)
@given(st.lists(_words, max_size=30).map("".join))
def test_cleaning_is_idempotent(text):
    once = drop_repeated_paragraphs(clean_text(text))
    assert clean_text(once) == once
    assert drop_repeated_paragraphs(once) == once
