"""Bulk writes for linking at scale (a million mentions): SQLite rows written through the driver's executemany with
the values SQLAlchemy itself would bind, and a larger page cache for the one connection that writes them.

SQLAlchemy's executemany builds and processes a parameter dict per row (`construct_params`, the type processors,
the compiled cache lookup): at 1M mentions that was about as much CPU as SQLite's own inserting. Here each column's
bind processor (`TypeEngine.bind_processor`: dates as ISO text, JSON serialised, booleans as integers) is looked up
once and applied to a tuple per row, so the stored values are the same bytes. PostgreSQL keeps SQLAlchemy's path
(its driver batches inserts itself); so does anything that is not a plain Core table.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from itertools import chain, islice
from operator import itemgetter
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

# Pages SQLite may keep in memory while linking writes many rows (negative: KiB). The default 2 MB cache makes a
# random-order insert into a large index write the same pages out again and again (at 1M mentions the events table
# and its sixteen indexes, the mentions' event_id index).
BULK_CACHE_KIB = 256 * 1024
BULK_ROWS = 20_000  # rows at or above which a write raises the page cache for its transaction
INSERT_BATCH = 50_000  # rows converted and handed to the driver at a time by insert_rows


def _processors(conn: Connection, table: sa.TableClause, names: Sequence[str]) -> list[tuple[int, Any]]:
    """(position, bind processor) of the named columns that have one on this connection's dialect."""
    out = []
    for i, name in enumerate(names):
        impl = table.c[name].type.dialect_impl(conn.dialect)
        proc = impl.bind_processor(conn.dialect)
        if proc is not None:
            out.append((i, _json_fast(impl, conn.dialect, proc)))
    return out


def _json_dumps() -> Callable[[Any], str]:
    """json.dumps with its default arguments, the same C encoder json.dumps makes for each call (json.encoder's
    c_make_encoder, with the default encoder's settings) made once: the same text, without building an encoder per
    value (about 2 µs of each of the 2.2M JSON values a 1M-mention link writes)."""
    from json import encoder as je

    if je.c_make_encoder is None:
        return json.dumps
    d = json._default_encoder  # what json.dumps(value) encodes with

    def make() -> Any:
        return je.c_make_encoder({}, d.default, je.encode_basestring_ascii, None, d.key_separator, d.item_separator,
                                 d.sort_keys, d.skipkeys, d.allow_nan)  # fmt: skip

    encode = make()

    def dumps(value: Any) -> str:
        nonlocal encode
        try:
            return "".join(encode(value, 0))
        except BaseException:
            encode = make()  # an error may leave the circular-reference markers filled
            raise

    return dumps


_DUMPS: Callable[[Any], str] | None = None


def _json_fast(impl: Any, dialect: Any, proc: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """A JSON column's bind processor with lists and dicts serialised by _json_dumps, where SQLAlchemy's own would
    call json.dumps on them and store its text as is (no serializer set on the engine, no string processing);
    anything else (None, JSON null) still goes through SQLAlchemy's."""
    global _DUMPS
    if not isinstance(impl, sa.JSON) or dialect._json_serializer is not None:
        return proc
    if impl._str_impl.bind_processor(dialect) is not None:
        return proc
    if _DUMPS is None:
        _DUMPS = _json_dumps()
    dumps = _DUMPS

    def process(value: Any) -> Any:
        t = type(value)
        if t is list or t is dict:
            return dumps(value)
        return proc(value)

    return process


def _defaults(table: sa.TableClause, given: Sequence[str]) -> dict[str, Any]:
    """Scalar Python defaults of the columns a row leaves out (what SQLAlchemy's insert would fill in)."""
    out = {}
    for c in table.columns:
        default = getattr(c, "default", None)  # a lightweight sa.table()'s columns have none
        if c.key not in given and default is not None and getattr(default, "is_scalar", False):
            out[c.key] = default.arg
    return out


def insert_rows(conn: Connection, table: sa.TableClause, rows: Iterable[Mapping[str, Any]]) -> None:
    """INSERT these rows (dicts with the same keys, as one `conn.execute(sa.insert(table), rows)` takes them; any
    iterable: on SQLite they are converted and written INSERT_BATCH at a time, so a generator of rows is never held
    whole, nor are its parameters)."""
    it = iter(rows)
    first = next(it, None)
    if first is None:
        return
    if conn.dialect.name != "sqlite":
        conn.execute(sa.insert(table), [first, *it])
        return
    rows = chain((first,), it)
    keys = list(first)
    extra = _defaults(table, keys)
    procs = dict(_processors(conn, table, keys + list(extra)))
    # the columns as given, those a processor converts after them, then the defaulted ones (an INSERT's column
    # order is free): each row is one tuple from itemgetter plus the few converted values
    plain = [k for i, k in enumerate(keys) if i not in procs]
    converted = [(k, procs[i]) for i, k in enumerate(keys) if i in procs]
    n = len(keys)
    tail = tuple(procs[n + j](v) if n + j in procs else v for j, v in enumerate(extra.values()))  # constants
    names = plain + [k for k, _ in converted] + list(extra)
    get = _tuple_getter(plain)
    params: Iterable[tuple]
    if not converted:
        params = map(get, rows) if not tail else (get(r) + tail for r in rows)
    elif len(converted) == 1:
        [(k1, p1)] = converted
        params = (get(r) + (p1(r[k1]),) + tail for r in rows)
    else:
        params = (get(r) + tuple([p(r[k]) for k, p in converted]) + tail for r in rows)
    cols = [table.c[k].name for k in names]
    sql = f"INSERT INTO {table.name} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})"
    while batch := list(islice(params, INSERT_BATCH)):
        conn.exec_driver_sql(sql, batch)


def _tuple_getter(keys: Sequence[str]) -> Callable[[Mapping[str, Any]], tuple]:
    """A function giving a row's values of these keys as a tuple (itemgetter, which gives one key's value bare)."""
    if len(keys) >= 2:
        return itemgetter(*keys)
    if len(keys) == 1:
        k = keys[0]
        return lambda r: (r[k],)
    return lambda r: ()


def update_column(
    conn: Connection, table: sa.Table, key: str, column: str, pairs: Sequence[tuple[Any, Any]], by_key: bool = False
) -> None:
    """UPDATE table SET column = value WHERE key = k for each (k, value), in the order given, or in key order with
    by_key (SQLite, when the pairs are BULK_ROWS or more and at least a quarter of the table: in the table's own row
    order, see _by_rowid, and then not sorted by key first)."""
    if not pairs:
        return
    if by_key and (conn.dialect.name != "sqlite" or len(pairs) < BULK_ROWS):
        pairs, by_key = sorted(pairs), False
    if conn.dialect.name != "sqlite":
        stmt = sa.update(table).where(table.c[key] == sa.bindparam("_k")).values({column: sa.bindparam("_v")})
        conn.execute(stmt, [{"_k": k, "_v": v} for k, v in pairs])
        return
    procs = dict(_processors(conn, table, [column, key]))
    pv, pk = procs.get(0), procs.get(1)
    params = [(pv(v) if pv else v, pk(k) if pk else k) for k, v in pairs]
    if len(params) >= BULK_ROWS and (by_rowid := _by_rowid(conn, table, key, params)) is not None:
        conn.exec_driver_sql(f"UPDATE {table.name} SET {table.c[column].name} = ? WHERE rowid = ?", by_rowid)
        return
    if by_key:
        params = [(pv(v) if pv else v, pk(k) if pk else k) for k, v in sorted(pairs)]
    conn.exec_driver_sql(f"UPDATE {table.name} SET {table.c[column].name} = ? WHERE {table.c[key].name} = ?", params)


def _by_rowid(conn: Connection, table: sa.Table, key: str, params: list[tuple[Any, Any]]) -> list[tuple] | None:
    """(value, rowid) for (value, key) params, in rowid order, when they are at least a quarter of the table's rows
    (None otherwise): the key's rowids read in one scan of its index, so the updates walk the table's pages in turn
    instead of one random page per row (mention ids are hashes). Keys not in the table are left out (an UPDATE by
    key would change nothing for them either)."""
    col = table.c[key]
    if not isinstance(col.type, sa.String) or col.type.collation or not all(isinstance(k, str) for _v, k in params):
        return None  # a key compared with affinity or a collation: only SQLite's own = finds the same rows
    q = "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?"
    if "WITHOUT ROWID" in (conn.exec_driver_sql(q, (table.name,)).scalar() or "").upper():
        return None
    held = conn.exec_driver_sql(f"SELECT count(*) FROM {table.name}").scalar_one()
    if len(params) * 4 < held:
        return None
    rowid = dict(conn.exec_driver_sql(f"SELECT {table.c[key].name}, rowid FROM {table.name}").all())
    out = [(v, r) for v, k in params if (r := rowid.get(k)) is not None]
    out.sort(key=itemgetter(1))
    return out


@contextmanager
def page_cache(conn: Connection, rows: int) -> Iterator[None]:
    """SQLite: a page cache of BULK_CACHE_KIB on this connection while it writes `rows` rows (when that is at least
    BULK_ROWS), the connection's own setting restored after (pooled connections are shared with readers)."""
    if conn.dialect.name != "sqlite" or rows < BULK_ROWS:
        yield
        return
    before = conn.exec_driver_sql("PRAGMA cache_size").scalar()
    conn.exec_driver_sql(f"PRAGMA cache_size=-{BULK_CACHE_KIB}")
    try:
        yield
    finally:
        conn.exec_driver_sql(f"PRAGMA cache_size={int(before)}")


@contextmanager
def column_indexes_rebuilt(conn: Connection, table: sa.Table, column: str, rows: int) -> Iterator[None]:
    """SQLite: when this write updates `column` in at least half of the table's rows (a whole-store link assigning
    every mention its event), drop the secondary indexes that hold the column for the write and create them again
    after from their own stored SQL (one sort instead of a delete and an insert at a random place per row). Inside
    the caller's transaction, as indexes_rebuilt."""
    if conn.dialect.name != "sqlite" or rows < BULK_ROWS:
        yield
        return
    held = conn.exec_driver_sql(f"SELECT count(*) FROM {table.name}").scalar_one()
    if rows * 2 < held:
        yield
        return
    q = "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL"
    found = []
    for name, sql in conn.exec_driver_sql(q, (table.name,)).all():
        cols = {r[2] for r in conn.exec_driver_sql(f'PRAGMA index_xinfo("{name}")').all()}
        if table.c[column].name in cols:
            found.append((name, sql))
    for name, _sql in found:
        conn.exec_driver_sql(f'DROP INDEX "{name}"')
    yield
    for _name, sql in found:
        conn.exec_driver_sql(sql)


@contextmanager
def indexes_rebuilt(conn: Connection, table: sa.Table, rows: int) -> Iterator[None]:
    """SQLite: when this write brings more rows than the table holds (a whole-store link founding its events), drop
    the table's secondary indexes for the write and create them again after, from their own stored SQL (the same
    definitions): CREATE INDEX sorts once, where each row inserted in hash or random-date order into 16 indexes
    walked a different page of each. Inside the caller's transaction, so readers never see the table without them."""
    if conn.dialect.name != "sqlite" or rows < BULK_ROWS:
        yield
        return
    held = conn.execute(sa.select(sa.func.count()).select_from(table)).scalar_one()
    if held >= rows:
        yield
        return
    q = "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL"
    found = conn.exec_driver_sql(q, (table.name,)).all()
    for name, _sql in found:
        conn.exec_driver_sql(f'DROP INDEX "{name}"')
    yield
    for _name, sql in found:
        conn.exec_driver_sql(sql)
