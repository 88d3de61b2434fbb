"""Hostile input: the readers and every extractor get random bytes, random Unicode, other scripts, huge lines, deeply
nested HTML, CSV with broken quoting, feeds with bad dates. The only outcomes are sound results or an IngestError naming
the input; never an exception, a hang (pathological inputs run under a 20 s alarm) or a value the store cannot hold.

Examples per test: the hypothesis profile "ci" (30, the default) or "fuzz" (HYPOTHESIS_PROFILE=fuzz, `make fuzz`).
"""

from __future__ import annotations

import json
import os
import signal
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from warlog.extract import actors, attribution, counts, dates, numbers, places, types
from warlog.extract.frames import extract_from_doc
from warlog.ingest import IngestError, read_sources
from warlog.ingest.clean import clean_text, drop_repeated_paragraphs
from warlog.ingest.dateline import find_dateline_date, parse_date_value
from warlog.model import ACLED_TYPES, Extraction, Report, report_id_for
from warlog.store import Store
from warlog.store.schema import claims as claims_table
from warlog.store.schema import mentions as mentions_table
from warlog.store.schema import reports as reports_table

settings.register_profile(
    "ci", max_examples=30, deadline=timedelta(seconds=20), suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile(
    "fuzz", max_examples=1000, deadline=timedelta(seconds=20), suppress_health_check=[HealthCheck.too_slow]
)
PROFILE = os.environ.get("HYPOTHESIS_PROFILE", "ci")
fuzz = settings(settings.get_profile(PROFILE if PROFILE in ("ci", "fuzz") else "ci"))
ALARM_S = 20
PUBLISHED = date(2017, 4, 5)

# --- strategies -------------------------------------------------------------------------------------------------------

VOCAB = [
    "killed", "wounded", "Aleppo", "Idlib", "Mosul", "Sanaa", "Tripoli", "on Monday", "last week", "yesterday",
    "5 April 2017", "April 31, 2017", "2017-02-30", "twenty-three", "1,000,000", "dozens of", "at least 12",
    "an air strike", "shelling", "a car bomb", "rebels", "government forces", "Islamic State", "SOHR said",
    "according to activists", "protesters", "civilians", "children", "the toll rose to", "since 2011", "(AFP)",
    "ALEPPO, Syria", "-", "—", "'s", "\"", "(", ")", ",", ".", "\n", "\n\n", "  ", "\t", "\u00a0", "\u200b",
    "قصف", "حلب", "قتلى", "обстрел", "погибли", "空袭", "死亡", "हमला", "שריפה", "🙂", "\u202e", "ﷺ", "ǅ", "İ",
]  # fmt: skip
word = st.one_of(st.sampled_from(VOCAB), st.text(max_size=12))
conflict_text = st.lists(word, max_size=120).map(" ".join)
any_text = st.one_of(st.text(max_size=3000), conflict_text)


@contextmanager
def alarm(seconds: int = ALARM_S) -> Iterator[None]:
    """Fail (instead of hanging) when the body runs longer than `seconds`: catastrophic regex backtracking."""

    def _fire(_signum: int, _frame: Any) -> None:
        raise TimeoutError(f"took longer than {seconds} s")

    previous = signal.signal(signal.SIGALRM, _fire)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


# --- soundness of what comes out ----------------------------------------------------------------------------------


def _limit(table: sa.Table, column: str) -> int | None:
    """The declared length of a string column (PostgreSQL enforces it, SQLite does not)."""
    return getattr(table.c[column].type, "length", None)


def _fits(table: sa.Table, row: dict[str, Any]) -> list[str]:
    """Columns of a row whose string value is longer than the column allows."""
    return [
        f"{table.name}.{k}={len(v)}"
        for k, v in row.items()
        if isinstance(v, str) and k in table.c and (n := _limit(table, k)) is not None and len(v) > n
    ]


def _storable(text: str) -> bool:
    """Text every database takes: UTF-8 encodable (no lone surrogates) and without NUL (PostgreSQL refuses it)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return "\x00" not in text


def assert_sound_report(item: Report | IngestError, source: str) -> None:
    """A reader result is an IngestError naming the input, or a Report the store can hold."""
    if isinstance(item, IngestError):
        assert item.source == source and item.reason
        return
    assert isinstance(item, Report)
    assert item.text.strip() and item.id == report_id_for(item.text)
    assert item.published is None or date(1900, 1, 1) <= item.published <= date.today() + timedelta(days=1)
    from warlog.store import row_from_report

    row = row_from_report(item)
    assert _fits(reports_table, row) == []
    assert all(_storable(v) for v in row.values() if isinstance(v, str)), row


def _evidence_ok(text: str, ev: Any) -> bool:
    return 0 <= ev.start <= ev.end <= len(text) and text[ev.start : ev.end] == ev.text


def assert_sound_extraction(ex: Extraction, report: Report) -> None:
    """Mentions and claims that point into the report, with ACLED types, sane numbers and storable values."""
    from warlog.store import row_from_claim, row_from_mention

    assert ex.report is report
    ids = [m.id for m in ex.mentions]
    assert len(ids) == len(set(ids))
    for m in ex.mentions:
        assert m.report_id == report.id and m.evidence
        assert all(_evidence_ok(report.text, e) for e in m.evidence), m.evidence
        assert m.event_type in ACLED_TYPES and m.sub_event_type in ACLED_TYPES[m.event_type]
        assert isinstance(m.fatalities, int) and 0 <= m.fatalities < 2**31
        for n in (m.injured, m.civilians, m.children, m.women):
            assert n is None or (isinstance(n, int) and 0 <= n < 2**31)
        if m.place is not None:
            assert -90 <= m.place.latitude <= 90 and -180 <= m.place.longitude <= 180
        assert _fits(mentions_table, row_from_mention(m)) == [], m
        json.dumps(m.to_acled(), default=str)
    for c in ex.claims:
        assert c.report_id == report.id and (c.quantity is None or c.quantity >= 0)
        assert c.evidence is None or _evidence_ok(report.text, c.evidence)
        assert _fits(claims_table, row_from_claim(c)) == [], c


# --- readers ----------------------------------------------------------------------------------------------------------

EXTENSIONS = ["txt", "md", "html", "csv", "tsv", "jsonl", "json", "xml", "rss", "bin", ""]


def _read_one(name: str, data: bytes) -> list[Report | IngestError]:
    """read_sources on one file holding `data`, every result checked."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / name
        path.write_bytes(data)
        with alarm():
            items = list(read_sources([path], local_files=True))
        for item in items:
            assert_sound_report(item, str(path))
    return items


@fuzz
@given(data=st.binary(max_size=4000), ext=st.sampled_from(EXTENSIONS))
def test_random_bytes_in_any_file_type_give_reports_or_errors(data, ext):
    _read_one(f"input.{ext}" if ext else "input", data)


@fuzz
@given(
    text=any_text,
    ext=st.sampled_from(["txt", "html", "csv", "jsonl", "rss"]),
    enc=st.sampled_from(["utf-8", "utf-16", "cp1252"]),
)
def test_random_unicode_in_any_encoding_gives_reports_or_errors(text, ext, enc):
    _read_one(f"input.{ext}", text.encode(enc, errors="replace"))


@fuzz
@given(depth=st.integers(1, 5000), tag=st.sampled_from(["div", "p", "span", "table", "b"]), body=conflict_text)
def test_deeply_nested_html_gives_a_report_or_an_error(depth, tag, body):
    html = f"<html><body>{f'<{tag}>' * depth}{body}{f'</{tag}>' * depth}</body></html>"
    _read_one("deep.html", html.encode())


_cell = st.one_of(conflict_text, st.sampled_from(['"', '""', '"a"b', "\n", "\r\n", ",", ";", "\t", '"\n"', "\x00"]))


@fuzz
@given(rows=st.lists(st.lists(_cell, min_size=1, max_size=5), max_size=25), quote=st.booleans())
def test_csv_with_broken_quoting_gives_reports_or_errors_naming_the_row(rows, quote):
    lines = ["text,title,published"]
    for row in rows:
        cells = [f'"{c}"' if quote and i % 2 == 0 else c for i, c in enumerate(row)]
        lines.append(",".join(cells))
    items = _read_one("broken.csv", "\n".join(lines).encode())
    assert all(e.record is None or e.record.isdigit() for e in items if isinstance(e, IngestError))


_json_value = st.recursive(
    st.none() | st.booleans() | st.floats(allow_nan=True) | st.integers() | any_text,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(
            st.sampled_from(["text", "title", "published", "outlet", "url", "language", "x"]), inner, max_size=6
        )
    ),
    max_leaves=20,
)


@fuzz
@given(records=st.lists(_json_value, max_size=10))
def test_jsonl_with_random_values_gives_reports_or_errors_naming_the_line(records):
    lines = [json.dumps(r) for r in records]
    items = _read_one("corpus.jsonl", "\n".join(lines).encode())
    assert all(e.record is None or e.record.isdigit() for e in items if isinstance(e, IngestError))


BAD_DATES = [
    "Mon, 99 Feb 2017 25:61:00 +0000", "31/31/2017", "2017-02-30", "0000-00-00", "yesterday", "", "99999-01-01",
    "Tue, 05 Apr 2117 10:00:00 GMT", "1 January 0001", "NaN", "2017-04-05T10:00:00+99:00",
    "\u0661\u0662/\u0660\u0664/2017",
]  # fmt: skip


@fuzz
@given(
    entries=st.lists(st.tuples(st.one_of(st.sampled_from(BAD_DATES), st.text(max_size=40)), conflict_text), max_size=6),
    atom=st.booleans(),
)
def test_feeds_with_bad_dates_give_undated_or_sane_reports(entries, atom):
    from xml.sax.saxutils import escape

    if atom:
        body = "".join(
            f"<entry><title>t{i}</title><updated>{escape(d)}</updated><summary>{escape(t)}</summary></entry>"
            for i, (d, t) in enumerate(entries)
        )
        doc = f'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>F</title>{body}</feed>'
    else:
        body = "".join(
            f"<item><title>t{i}</title><pubDate>{escape(d)}</pubDate><description>{escape(t)}</description></item>"
            for i, (d, t) in enumerate(entries)
        )
        doc = f'<?xml version="1.0"?><rss version="2.0"><channel><title>F</title>{body}</channel></rss>'
    _read_one("feed.rss", doc.encode("utf-8", errors="replace"))


@fuzz
@given(text=any_text)
def test_cleaning_and_date_values_never_fail(text):
    cleaned = drop_repeated_paragraphs(clean_text(text))
    assert clean_text(cleaned) == cleaned and _storable(cleaned)
    for d in (find_dateline_date(text), parse_date_value(text)):
        assert d is None or date(1900, 1, 1) <= d <= date.today() + timedelta(days=1)


# --- extractors, one by one -------------------------------------------------------------------------------------------


def _run_extractors(sentence: str) -> None:
    """Every sentence-level extractor on one input, with type checks on what it returns."""
    for d in dates.find_dates(sentence, PUBLISHED):
        assert d.value is None or isinstance(d.value, date)
    dates.resolve_date(sentence[:200], PUBLISHED)
    dates.timex_value(sentence[:200], PUBLISHED)
    n = numbers.parse_number(sentence[:200])
    assert n is None or n >= 0
    for s, e, v in numbers.find_numbers(sentence):
        assert 0 <= s <= e <= len(sentence) and v >= 0
    cas = counts.extract_casualties(sentence)
    assert cas.fatalities is None or cas.fatalities >= 0
    counts.aggregate_period(sentence)
    counts.is_aggregate_toll(sentence)
    match = types.classify_sentence(sentence, context=sentence[:300])
    assert match is None or match.sub_event_type in ACLED_TYPES[match.event_type]
    types.find_triggers(sentence)
    types.is_conflict_event(sentence)
    for a in actors.find_actors(sentence):
        assert isinstance(a.canonical, str) and 0 <= a.start <= a.end <= len(sentence)
    roles = actors.assign_roles(sentence, match.sub_event_type if match else None, None, match.start if match else None)
    for name in (roles.actor1, roles.actor2):
        assert name is None or (isinstance(name, str) and len(name) <= 300)
    who = attribution.find_attribution(sentence, sentence[:300])
    assert who is None or len(who) <= 300
    tops = places.find_toponyms(sentence)
    for p in places.resolve_toponyms(tops, sentence):
        assert p is None or -90 <= p.latitude <= 90


@fuzz
@given(sentence=any_text)
def test_every_extractor_survives_random_text(sentence):
    with alarm():
        _run_extractors(sentence)


# --- the whole extraction --------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def nlp():
    from warlog.extract.nlp import load_nlp

    return load_nlp()


@fuzz
@given(
    text=st.one_of(conflict_text, st.text(min_size=1, max_size=2000)),
    dated=st.booleans(),
    title=st.none() | conflict_text,
)
def test_whole_extraction_of_random_reports_is_sound(nlp, text, dated, title):
    text = clean_text(text)
    if not text:
        return
    report = Report(text=text, title=title or None, published=PUBLISHED if dated else None)
    with alarm():
        ex = extract_from_doc(report, nlp(report.text))
    assert_sound_extraction(ex, report)


def test_extraction_of_conflict_reports_in_other_scripts_is_sound(nlp):
    for text in (
        "قصف جوي على حلب أدى إلى مقتل ١٢ مدنياً يوم الاثنين.",
        "В результате обстрела Алеппо погибли 12 мирных жителей. Government forces shelled Idlib on Monday, killing 3.",
        "空袭阿勒颇造成十二名平民死亡。An air strike on Aleppo killed 12 civilians on Monday.",
        "\u202eAn air strike on Aleppo killed 12 civilians on Monday.\u202c",
    ):
        report = Report(text=text, published=PUBLISHED)
        assert_sound_extraction(extract_from_doc(report, nlp(report.text)), report)


# --- pathological inputs: catastrophic backtracking -------------------------------------------------------------------

# A sentence of 5,000 characters (no real sentence comes near) of one repeated pattern; a 2 MB line never reaches the
# extractors (the reader refuses reports over MAX_REPORT_CHARS, see below).
LONG = 5_000
PATHOLOGICAL: dict[str, Callable[[], str]] = {
    "one word": lambda: "killed " * (LONG // 7),
    "digit groups": lambda: "1,000 " * (LONG // 6),
    "capitalised words": lambda: "Aleppo Al-Bab Deir " * (LONG // 19),
    "number words": lambda: "twenty-three hundred and " * (LONG // 25),
    "punctuation": lambda: "-'.,;:()\"" * (LONG // 9),
    "spaces then a word": lambda: " " * LONG + "killed",
    "dates": lambda: "on 5 April 2017 and " * (LONG // 20),
    "nested parentheses": lambda: "(" * (LONG // 2) + "killed" + ")" * (LONG // 2),
    "reported speech": lambda: "activists said that " * (LONG // 20),
    "other scripts": lambda: "قصف حلب обстрел 空袭 " * (LONG // 20),
}


@pytest.mark.parametrize("name", list(PATHOLOGICAL))
def test_pathological_inputs_finish_without_catastrophic_backtracking(name):
    text = PATHOLOGICAL[name]()
    with alarm():
        _run_extractors(text)
        cleaned = drop_repeated_paragraphs(clean_text(text))
        find_dateline_date(cleaned)


def test_a_400_digit_number_is_not_a_count():
    sentence = "Shelling killed " + "1" * 400 + " civilians in Aleppo on Monday."
    assert numbers.parse_number("1" * 400) is None
    assert counts.extract_casualties(sentence).fatalities is None


def test_counts_too_large_for_the_database_are_dropped():
    for sentence in (
        "Shelling killed 3,000,000,000 people in Aleppo on Monday.",
        "Shelling killed 99999999999999999999 people in Aleppo on Monday.",
    ):
        cas = counts.extract_casualties(sentence)
        assert cas.fatalities is None or cas.fatalities < 2**31


def test_a_2_mb_single_line_report_is_read_or_refused_by_name_not_crashed():
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "huge.txt"
        path.write_text("Shelling killed 3 people in Aleppo on Monday " * 45_000)
        with alarm():
            (item,) = list(read_sources([path], local_files=True))
        # Longer than spaCy's limit and any news report: refused by name, never handed to the parser.
        assert isinstance(item, IngestError) and item.source == str(path) and "too long" in item.reason


# --- what readers yield can be stored --------------------------------------------------------------------------------


def test_hostile_metadata_is_stored_without_error(tmp_path):
    corpus = tmp_path / "hostile.jsonl"
    records = [
        {"text": "Shelling hit Aleppo on Monday \ud800 killing two.", "title": "lone \udfff surrogate"},
        {"text": "Clashes near Idlib.", "language": "x" * 40, "outlet": "O" * 1000},
        {"text": "A car bomb in Mosul.", "url": "http://e.org/\x00", "published": "2017-02-30"},
        {"text": "\x00\x01\x02 Protest in Sanaa \x1b[31m on Friday.", "title": "<script>alert(1)</script>"},
    ]
    corpus.write_text("\n".join(json.dumps(r) for r in records), encoding="utf-8")
    items = list(read_sources([corpus], local_files=True))
    for item in items:
        assert_sound_report(item, str(corpus))
    store = Store(f"sqlite:///{tmp_path / 'w.db'}")
    stored, _ = store.save_many([Extraction(report=r) for r in items if isinstance(r, Report)])
    assert stored == 4
    assert store.get_report(items[3].id)["title"] == "<script>alert(1)</script>"  # kept as text, escaped on display
    store.close()
