"""Full-text search over linked events: one search document per event, indexed by the database, one query language.

The document holds the event's actors, places (location, admin1, admin2, country), the evidence sentences of every
report behind it and the analyst's note, with reviewed values (an edited actor or place is found under its reviewed
name). It is kept in step by the writers: linking rewrites the documents of the events it writes
(`store.linking.write_events`), a review rewrites its event's (`store.review.set_review`), `clear_links` empties them.

Backends (created by migration 0003, as datasette does for SQLite: an FTS table beside the data, joined by key):
- SQLite: an FTS5 table `event_search(event_id UNINDEXED, actors, places, evidence, notes)`, unicode61 tokenizer with
  diacritics folded, whose rowid is a hash of the event id (stored as events.search_key); ranked by bm25.
- PostgreSQL: a table `event_search(event_id, actors, places, evidence, notes, document)` whose `document` is a stored
  tsvector (`simple` configuration: no stemming, as unicode61) weighted A actors, B places, C evidence, D notes, with a
  GIN index; ranked by ts_rank.

The query language is the same on both (parsed here, then written as an FTS5 MATCH string or a tsquery):
    words         every word must appear (any order, anywhere in the document; case and accents ignored)
    "a phrase"    these words next to each other, in this order
    word*         a word starting with this
    a OR b        either (OR binds two neighbouring terms)
    -word         leave out events with this word (needs at least one other term)
Words are runs of letters and digits; anything else separates words (so "al-Sham" is the phrase "al sham").
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from operator import itemgetter
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from warlog.store.schema import events, mentions, metadata

TABLE = "event_search"
FIELDS = ("actors", "places", "evidence", "notes")
PG_CONFIG = "simple"
_CHUNK = 500
_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_TOKEN = re.compile(r'(-?)"([^"]*)"(\*?)|(\S+)')

search_table = sa.table(
    TABLE, sa.column("rowid", sa.BigInteger), sa.column("event_id", sa.String), *(sa.column(f, sa.Text) for f in FIELDS)
)


def doc_key(event_id: str) -> int:
    """The SQLite document's rowid, also stored as events.search_key: a stable 63-bit number from the event id. FTS5
    finds rows by rowid only, so rewriting one event's document is a lookup, and a search joins the events on an
    integer instead of reading each match's stored event id (which reads its whole stored text)."""
    return int.from_bytes(hashlib.blake2b(event_id.encode(), digest_size=8).digest(), "big") >> 1


class SearchSyntaxError(ValueError):
    """A search the language cannot express (only exclusions, nothing to find)."""


# ---------------------------------------------------------------------------------------------------------------------
# the query language


@dataclass(frozen=True)
class Term:
    """Words to find next to each other (one word: anywhere), the last one as a prefix when `prefix`."""

    words: tuple[str, ...]
    prefix: bool = False
    negated: bool = False


def words(text: str) -> list[str]:
    """The words of a text as both backends index them: lower case, accents folded, split at non-alphanumerics."""
    folded = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return [w.lower() for w in _WORD.findall(folded)]


def parse(query: str) -> list[list[Term]]:
    """A query as AND-ed groups of OR-ed terms; raises SearchSyntaxError when it finds nothing to look for."""
    groups: list[list[Term]] = []
    join_next = False
    for m in _TOKEN.finditer(query):
        if m.group(4) is not None:
            raw = m.group(4)
            if raw == "OR":
                join_next = bool(groups)
                continue
            negated = raw.startswith("-") and len(raw) > 1
            body = raw[1:] if negated else raw
            prefix = body.endswith("*")
            ws = words(body)
        else:
            negated, prefix, ws = m.group(1) == "-", m.group(3) == "*", words(m.group(2))
        if not ws:
            join_next = False
            continue
        term = Term(tuple(ws), prefix, negated)
        if join_next and not negated and not any(t.negated for t in groups[-1]):
            groups[-1].append(term)
        else:
            groups.append([term])
        join_next = False
    if not any(not g[0].negated for g in groups):
        raise SearchSyntaxError("a search needs at least one word to find")
    return groups


def _fts5_term(t: Term) -> str:
    return '"' + " ".join(t.words) + '"' + (" *" if t.prefix else "")


def to_fts5(groups: list[list[Term]], column: str | None = None) -> str:
    """An FTS5 MATCH expression (optionally limited to one column)."""
    pos = [g for g in groups if not g[0].negated]
    neg = [g[0] for g in groups if g[0].negated]
    expr = " AND ".join("(" + " OR ".join(_fts5_term(t) for t in g) + ")" for g in pos)
    if neg:
        expr = f"({expr}) NOT (" + " OR ".join(_fts5_term(t) for t in neg) + ")"
    return f"{{{column}}} : ({expr})" if column else expr


def _ts_term(t: Term, weight: str) -> str:
    parts = [f"'{w}'" + (":" + weight if weight else "") for w in t.words]
    if t.prefix:
        parts[-1] = f"'{t.words[-1]}':*" + weight
    return "(" + " <-> ".join(parts) + ")"


def to_tsquery(groups: list[list[Term]], weight: str = "") -> str:
    """A tsquery text for to_tsquery('simple', ...) (optionally limited to one weight: A actors ... D notes)."""
    pos = [g for g in groups if not g[0].negated]
    neg = [g[0] for g in groups if g[0].negated]
    parts = ["(" + " | ".join(_ts_term(t, weight) for t in g) + ")" for g in pos]
    parts += ["!" + _ts_term(t, weight) for t in neg]
    return " & ".join(parts)


# ---------------------------------------------------------------------------------------------------------------------
# matching and ranking


def _match(query: str, dialect: str, field: str | None) -> sa.ColumnElement[bool]:
    groups = parse(query)
    if dialect == "postgresql":
        weight = "ABCD"[FIELDS.index(field)] if field else ""
        return sa.literal_column("document").op("@@")(sa.func.to_tsquery(PG_CONFIG, to_tsquery(groups, weight)))
    return sa.literal_column(TABLE).op("MATCH")(to_fts5(groups, field))


def matches(query: str, dialect: str, field: str | None = None, walk: bool = False) -> sa.ColumnElement[bool]:
    """The condition on `events` "its document (or one field of it) matches the query": SQLite compares
    events.search_key with the matching rowids, PostgreSQL events.id with the matching event ids.

    walk: the page is read by walking the sort key's index (many matches); on SQLite the search_key index is then
    kept out of the plan (+ 0), so that the matches are probed per walked row instead of all read and sorted.

    PostgreSQL: events.id = ANY (the matching ids gathered once into an array), which it reads by primary key. With
    `IN (SELECT ...)` it misjudged how many documents match a rare word and walked every event in date order probing
    each one's document (a word in 0.2% of 300k events: 1.4 s; as an array: milliseconds)."""
    if dialect == "postgresql":
        ids = sa.select(sa.func.array_agg(search_table.c.event_id)).where(_match(query, dialect, field))
        return events.c.id == sa.any_(sa.cast(ids.scalar_subquery(), sa.ARRAY(sa.String)))  # ANY (array)
    key = events.c.search_key + 0 if walk else events.c.search_key
    return key.in_(sa.select(search_table.c.rowid).where(_match(query, dialect, field)))


def match_each_row(query: str, field: str | None = None) -> sa.ColumnElement[bool]:
    """PostgreSQL: EXISTS (this event's document matches), tested per event row (OFFSET 0 keeps the planner from
    turning it into a join over every match), for pages walked in sort order when a search matches many events."""
    weight = "ABCD"[FIELDS.index(field)] if field else ""
    cond = sa.literal_column("document").op("@@")(sa.func.to_tsquery(PG_CONFIG, to_tsquery(parse(query), weight)))
    probe = sa.select(sa.literal(1)).select_from(search_table).where(search_table.c.event_id == events.c.id, cond)
    return probe.offset(0).exists()


def count_matching(query: str, dialect: str, field: str | None = None) -> sa.Select:
    """SELECT count(*) of the matching documents (one per event), without reading the events."""
    return sa.select(sa.func.count()).select_from(search_table).where(_match(query, dialect, field))


def count_capped(query: str, dialect: str, field: str | None, limit: int) -> sa.Select:
    """(how many documents match, counted up to `limit`; on SQLite the largest rowid among those counted, else NULL).
    SQLite reads the matches in rowid order, which is a hash of the event id: the rowid of the limit-th match says
    what share of the key space held `limit` matches (see warlog.store.query.count_bounded)."""
    if dialect == "sqlite":
        first = sa.select(search_table.c.rowid).where(_match(query, dialect, field))
        sub = first.order_by(search_table.c.rowid).limit(limit).subquery()
        return sa.select(sa.func.count(), sa.func.max(sub.c.rowid))
    sub = sa.select(sa.literal(1).label("one")).select_from(search_table).where(_match(query, dialect, field))
    return sa.select(sa.func.count(), sa.null()).select_from(sub.limit(limit).subquery())


def slice_counts(query: str, field: str | None, below: str) -> sa.Select:
    """PostgreSQL: (documents whose event id lies in ["e", below), how many of them match). Event ids are "e" and a
    hash in hex (warlog.link.linker.event_id_for), so such a slice of the id order is a uniform sample of the events;
    the primary key reads it in one range, whatever the word, where counting every match of a common word reads one
    heap row per match (see warlog.store.query.count_bounded)."""
    hit = _match(query, "postgresql", field)
    ids = search_table.c.event_id
    return sa.select(sa.func.count(), sa.func.count().filter(hit)).where(ids >= "e", ids < below)


def ranked_ids(query: str, dialect: str) -> sa.Select:
    """(event_id, score) of the matching documents, best first by score (bm25 on SQLite, ts_rank on PostgreSQL)."""
    groups = parse(query)
    if dialect == "postgresql":
        tsq = sa.func.to_tsquery(PG_CONFIG, to_tsquery(groups))
        doc = sa.literal_column("document")
        score = (-sa.func.ts_rank(doc, tsq)).label("score")
        return sa.select(search_table.c.event_id, score).where(doc.op("@@")(tsq))
    score = sa.func.bm25(sa.literal_column(TABLE)).label("score")  # lower is better
    joined = search_table.join(events, events.c.search_key == search_table.c.rowid)
    return sa.select(events.c.id.label("event_id"), score).select_from(joined).where(_match(query, dialect, None))


# ---------------------------------------------------------------------------------------------------------------------
# keeping the documents in step


def _evidence_texts(value: Any) -> list[str]:
    items = json.loads(value) if isinstance(value, str) else value or []
    return [e["text"] for e in items if isinstance(e, dict) and e.get("text")]


def documents(conn: Connection, ids: list[str]) -> list[dict[str, str]]:
    """The search documents of these events (reviewed actors and places, every member's evidence, the note)."""
    reviews = metadata.tables["event_reviews"]

    def eff(name: str) -> Any:
        return sa.func.coalesce(reviews.c[name], events.c[name]).label(name)

    cols = [events.c.id, *(eff(c) for c in ("actor1", "actor2", "assoc_actor_1", "assoc_actor_2", "location"))]
    cols += [eff("admin1"), eff("admin2"), eff("country"), events.c.admin3, reviews.c.note]
    q = sa.select(*cols).select_from(events.outerjoin(reviews, reviews.c.event_id == events.c.id))
    rows = list(conn.execute(q.where(events.c.id.in_(ids))).mappings())
    evidence: dict[str, list[str]] = defaultdict(list)
    found = [r["id"] for r in rows]
    if found:
        qm = sa.select(mentions.c.event_id, mentions.c.evidence).where(mentions.c.event_id.in_(found))
        for eid, ev in conn.execute(qm.order_by(mentions.c.event_id, mentions.c.id)):
            for text in _evidence_texts(ev):
                if text not in evidence[eid]:
                    evidence[eid].append(text)

    return [document_of(r, evidence.get(r["id"], []), r["note"]) for r in rows]


def _joined(r: Mapping[str, Any], names: Iterable[str]) -> str:
    vals = [str(r[n]) for n in names if r.get(n)]
    if len(vals) < 2:
        return vals[0] if vals else ""
    return " ; ".join(dict.fromkeys(vals))


def document_of(row: Mapping[str, Any], evidence: Iterable[str], note: str | None = None) -> dict[str, str]:
    """One event's search document from its (reviewed) fields, its members' evidence texts in mention id order
    (repeats and empty texts left out) and its review note."""
    if isinstance(evidence, list) and len(evidence) == 1:  # a one-member event's sentence
        texts: Iterable[str] = evidence if evidence[0] else ()
    else:
        texts = dict.fromkeys(t for t in evidence if t)
    return {
        "event_id": row["id"],
        "actors": _joined(row, ("actor1", "actor2", "assoc_actor_1", "assoc_actor_2")),
        "places": _joined(row, ("location", "admin1", "admin2", "admin3", "country")),
        "evidence": "\n".join(texts),
        "notes": note or "",
    }


def _write_docs(conn: Connection, docs: list[dict[str, Any]], keys: Mapping[str, int] | None = None) -> None:
    """Insert these documents (keys: event id -> doc_key, where the caller has computed them); on SQLite each gets
    its rowid and the list is sorted by it, in place."""
    if not docs:
        return
    from warlog.store import bulk

    if conn.dialect.name == "sqlite":
        # in rowid order: FTS5 flushes its pending terms to a new segment whenever a rowid comes below the last one
        # written in the transaction, so hashed rowids in event id order made a segment (and merges) every other row
        key = keys or {}
        for d in docs:  # the callers' own new documents: the rowid added in place
            d["rowid"] = key.get(d["event_id"]) or doc_key(d["event_id"])
        docs.sort(key=itemgetter("rowid"))
    bulk.insert_rows(conn, search_table, docs)


def refresh(
    conn: Connection,
    event_ids: Iterable[str],
    written: Mapping[str, tuple[Mapping[str, Any], list[str]]] | None = None,
    keys: Mapping[str, int] | None = None,
) -> None:
    """Rewrite the search documents of these events inside the caller's transaction (events gone: documents gone).

    written: event id -> (the events row just written, its members' evidence texts in mention id order), from a
    caller that has them (linking): such an event's document is made from them instead of read back, unless an
    analyst reviewed it (reviewed values and the note are read). keys: event id -> doc_key, where the caller has
    computed them."""
    ids = sorted(set(event_ids))
    written = written or {}
    reviews = metadata.tables["event_reviews"]
    # a store's first link (or a rebuild): no document to delete, no review to read (one step each, instead of two
    # IN (...) statements per 500 events)
    held, reviewed_any = (not _empty(conn, t) for t in (search_table, reviews))
    pending: list[dict[str, Any]] = []  # written after every delete, in one rowid-ordered batch (_write_docs)
    for i in range(0, len(ids), _CHUNK):
        chunk = ids[i : i + _CHUNK]
        if not held:
            pass
        elif conn.dialect.name == "sqlite":
            conn.execute(sa.delete(search_table).where(search_table.c.rowid.in_([doc_key(e) for e in chunk])))
        else:
            conn.execute(sa.delete(search_table).where(search_table.c.event_id.in_(chunk)))
        mine = [e for e in chunk if e in written]
        if mine and reviewed_any:
            reviewed = set(conn.execute(sa.select(reviews.c.event_id).where(reviews.c.event_id.in_(mine))).scalars())
            mine = [e for e in mine if e not in reviewed]
        docs = {e: document_of(*written[e]) for e in mine}
        rest = [e for e in chunk if e not in docs]
        if rest:
            docs.update((d["event_id"], d) for d in documents(conn, rest))
        pending.extend(docs[e] for e in chunk if e in docs)
    _write_docs(conn, pending, keys)


def _empty(conn: Connection, table: sa.TableClause) -> bool:
    """Whether the table holds no row."""
    return conn.execute(sa.select(sa.literal(1)).select_from(table).limit(1)).first() is None


def clear(conn: Connection) -> None:
    """Forget every document (linking is rebuilt from scratch)."""
    conn.execute(sa.delete(search_table))


def rebuild(conn: Connection, batch: int = 5000) -> int:
    """Rewrite every event's document (after a bulk load, or in the migration that adds the index); how many."""
    clear(conn)
    n, last = 0, ""
    while True:
        q = sa.select(events.c.id).where(events.c.id > last).order_by(events.c.id).limit(batch)
        ids = list(conn.execute(q).scalars())
        if not ids:
            return n
        for i in range(0, len(ids), _CHUNK):
            _write_docs(conn, documents(conn, ids[i : i + _CHUNK]))
        if conn.dialect.name == "sqlite":  # events loaded without linking (a migration, a bulk load) get their key
            keyed = [{"k": doc_key(e), "i": e} for e in ids]
            set_key = sa.update(events).where(events.c.id == sa.bindparam("i")).values(search_key=sa.bindparam("k"))
            conn.execute(set_key, keyed)
        n += len(ids)
        last = ids[-1]


# ---------------------------------------------------------------------------------------------------------------------
# DDL (migration 0003)


def create_sql(dialect: str) -> list[str]:
    """The statements that create the search index on this backend."""
    if dialect == "postgresql":
        weighted = " || ".join(
            f"setweight(to_tsvector('{PG_CONFIG}', coalesce({f}, '')), '{w}')"
            for f, w in zip(FIELDS, "ABCD", strict=True)
        )
        return [
            f"CREATE TABLE IF NOT EXISTS {TABLE} (event_id VARCHAR(40) PRIMARY KEY, "
            + ", ".join(f"{f} TEXT" for f in FIELDS)
            + f", document tsvector GENERATED ALWAYS AS ({weighted}) STORED)",
            f"CREATE INDEX IF NOT EXISTS ix_{TABLE}_document ON {TABLE} USING GIN (document)",
        ]
    return [
        f"CREATE VIRTUAL TABLE IF NOT EXISTS {TABLE} USING fts5(event_id UNINDEXED, {', '.join(FIELDS)}, "
        "tokenize = 'unicode61 remove_diacritics 2')",
    ]


def drop_sql() -> list[str]:
    """The statements that remove the search index."""
    return [f"DROP TABLE IF EXISTS {TABLE}"]
