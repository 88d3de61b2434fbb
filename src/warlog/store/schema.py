"""The database tables, in SQLAlchemy Core with portable types, so the same schema runs on SQLite and PostgreSQL."""

from __future__ import annotations

import sqlalchemy as sa

SCHEMA_VERSION = 1

metadata = sa.MetaData()


def _acled_fields() -> list[sa.Column]:
    """The ACLED fields a mention and a linked event share (fresh Column objects for each table)."""
    return [
        sa.Column("event_date", sa.Date),
        sa.Column("time_precision", sa.Integer),
        sa.Column("disorder_type", sa.String(100)),
        sa.Column("event_type", sa.String(100)),
        sa.Column("sub_event_type", sa.String(100)),
        sa.Column("actor1", sa.String(300)),
        sa.Column("assoc_actor_1", sa.String(300)),
        sa.Column("inter1", sa.Integer),
        sa.Column("actor2", sa.String(300)),
        sa.Column("assoc_actor_2", sa.String(300)),
        sa.Column("inter2", sa.Integer),
        sa.Column("location", sa.String(300)),
        sa.Column("admin1", sa.String(200)),
        sa.Column("admin2", sa.String(200)),
        sa.Column("admin3", sa.String(200)),
        sa.Column("country", sa.String(100)),
        sa.Column("iso", sa.String(3)),  # ISO 3166-1 alpha-2
        sa.Column("latitude", sa.Float),
        sa.Column("longitude", sa.Float),
        sa.Column("geo_precision", sa.Integer),
        sa.Column("gazetteer_id", sa.String(100)),
    ]


reports = sa.Table(
    "reports",
    metadata,
    sa.Column("id", sa.String(40), primary_key=True),
    sa.Column("url", sa.Text),
    sa.Column("outlet", sa.String(300)),
    sa.Column("title", sa.Text),
    sa.Column("published", sa.Date),
    sa.Column("published_basis", sa.String(20)),
    sa.Column("language", sa.String(16)),
    sa.Column("source_path", sa.Text),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("ingested_at", sa.DateTime),  # naive UTC
)

mentions = sa.Table(
    "mentions",
    metadata,
    sa.Column("id", sa.String(40), primary_key=True),
    sa.Column("report_id", sa.String(40), sa.ForeignKey("reports.id", ondelete="CASCADE"), nullable=False),
    *_acled_fields(),
    sa.Column("fatalities", sa.Integer, nullable=False, default=0),
    sa.Column("injured", sa.Integer),
    sa.Column("civilians", sa.Integer),
    sa.Column("children", sa.Integer),
    sa.Column("women", sa.Integer),
    sa.Column("attributed_to", sa.String(300)),
    sa.Column("confidence", sa.Float),
    sa.Column("evidence", sa.JSON),  # [{"text", "start", "end"}, ...]
    sa.Column("unresolved_places", sa.JSON),  # ["name", ...]
    sa.Column("event_id", sa.String(40)),  # set by linking
    sa.Index("ix_mentions_event_date", "event_date"),
    sa.Index("ix_mentions_country", "country"),
    sa.Index("ix_mentions_event_type", "event_type"),
    sa.Index("ix_mentions_lat_lon", "latitude", "longitude"),
    sa.Index("ix_mentions_report_id", "report_id"),
    sa.Index("ix_mentions_event_id", "event_id"),
)

claims = sa.Table(
    "claims",
    metadata,
    sa.Column("id", sa.String(40), primary_key=True),
    sa.Column("report_id", sa.String(40), sa.ForeignKey("reports.id", ondelete="CASCADE"), nullable=False),
    sa.Column("quantity", sa.Integer),
    sa.Column("what", sa.Text),
    sa.Column("place", sa.Text, key="where_"),  # Claim.where; "where" is an SQL keyword
    sa.Column("period", sa.String(200)),
    sa.Column("attributed_to", sa.String(300)),
    sa.Column("evidence", sa.JSON),  # {"text", "start", "end"} or null
    sa.Index("ix_claims_report_id", "report_id"),
)

meta = sa.Table(
    "meta",
    metadata,
    sa.Column("key", sa.String(100), primary_key=True),
    sa.Column("value", sa.Text),
)

# One row (id 1): raised by every write transaction (Store._write), read by the caches of counts and API responses.
data_version = sa.Table(
    "data_version",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("version", sa.BigInteger, nullable=False),
)

# ---------------------------------------------------------------------------------------------------------------------
# linking (issue 5): one row per happening, the reports behind it, reference records and per-report credibility

events = sa.Table(
    "events",
    metadata,
    sa.Column("id", sa.String(40), primary_key=True),  # "e" + the founding mention's hash: stable across runs
    sa.Column("first_mention_id", sa.String(40)),
    *_acled_fields(),
    sa.Column("fatalities", sa.Integer, nullable=False, default=0),  # ACLED rule: lowest credible until corroborated
    sa.Column("fatalities_min", sa.Integer),
    sa.Column("fatalities_max", sa.Integer),
    sa.Column("injured", sa.Integer),
    sa.Column("civilians", sa.Integer),
    sa.Column("children", sa.Integer),
    sa.Column("women", sa.Integer),
    sa.Column("attributed_to", sa.String(300)),
    sa.Column("confidence", sa.Float),
    sa.Column("n_mentions", sa.Integer),
    sa.Column("n_reports", sa.Integer),
    sa.Column("n_sources", sa.Integer),  # independent sources (outlets joined by syndicated copies count once)
    sa.Column("sources", sa.JSON),  # ["outlet", ...]
    sa.Column("figures", sa.JSON),  # {"independent source": [toll per report, ...]}
    sa.Column("flags", sa.JSON),  # ["figures_disagree:12-40", "perpetrator_disagrees:...", "single_source", ...]
    sa.Column("updated_at", sa.DateTime),
    sa.Column("search_key", sa.BigInteger),  # SQLite: the rowid of the event's search document (migration 0003)
    # the default order (date, ties by id) and a country, read from the index alone (migration 0006)
    sa.Index("ix_events_date_cover", "event_date", "id", "iso", "country"),
    # filters, each with the date second: a filter and a date range is one index range (migration 0004)
    sa.Index("ix_events_country_date", "country", "event_date"),
    # type filters cover what the web UI combines with them: country code and name, toll (migration 0005)
    sa.Index("ix_events_event_type_cover", "event_type", "event_date", "iso", "country", "fatalities"),
    # boxes and radii with the date order's columns: a page's ids picked from the index alone (migration 0006)
    sa.Index("ix_events_lat_lon_cover", "latitude", "longitude", "event_date", "id"),
    sa.Index("ix_events_iso_date", "iso", "event_date"),  # country filters given as a code
    # admin1 filters and sorting, ties by id, with the country a sort is often asked with (migration 0006)
    sa.Index("ix_events_admin1_cover", "admin1", "id", "iso", "country"),
    sa.Index("ix_events_sub_event_type_cover", "sub_event_type", "event_date", "iso", "country", "fatalities"),
    sa.Index("ix_events_fatalities_id", "fatalities", "id"),  # the web UI's sorts, ties by id (migration 0003)
    sa.Index("ix_events_n_sources_id", "n_sources", "id"),
    sa.Index("ix_events_n_reports_id", "n_reports", "id"),
    sa.Index("ix_events_location_cover", "location", "id", "iso", "country"),  # migration 0006
    sa.Index("ix_events_event_type_id", "event_type", "id"),  # migration 0004
    sa.Index("ix_events_updated_at", "updated_at"),
    # search_key (a hash of the id) first, then every column a filter reads: a uniform sample of the events read from
    # the index alone, for estimated counts (warlog.store.query.count_bounded; migration 0005, replacing (search_key))
    sa.Index(
        "ix_events_sample",
        "search_key",
        "event_date",
        "iso",
        "country",
        "admin1",
        "event_type",
        "sub_event_type",
        "fatalities",
        "latitude",
        "longitude",
        "id",
    ),  # fmt: skip
)
# The full-text search index (event_search) is backend-specific (FTS5 / tsvector): see warlog.store.search.

event_sources = sa.Table(
    "event_sources",
    metadata,
    sa.Column("event_id", sa.String(40), primary_key=True),
    sa.Column("mention_id", sa.String(40), primary_key=True),
    sa.Column("report_id", sa.String(40), nullable=False),
    sa.Column("outlet", sa.String(300)),
    sa.Column("source", sa.String(300)),  # independent-source id
    sa.Column("text_group", sa.String(40)),  # syndication group: the smallest report id among near-duplicate texts
    sa.Column("fatalities", sa.Integer),
    sa.Column("link_score", sa.Float),
    sa.Column("link_reason", sa.Text),
    sa.Index("ix_event_sources_report_id", "report_id"),
)

reference_events = sa.Table(
    "reference_events",
    metadata,
    sa.Column("id", sa.String(80), primary_key=True),  # "<dataset>:<record id>"
    sa.Column("dataset", sa.String(20), nullable=False),  # acled, ucdp, vdc
    sa.Column("event_date", sa.Date),
    sa.Column("date_end", sa.Date),
    sa.Column("event_type", sa.String(100)),
    sa.Column("sub_event_type", sa.String(100)),
    sa.Column("actor1", sa.String(300)),
    sa.Column("actor2", sa.String(300)),
    sa.Column("location", sa.String(300)),
    sa.Column("admin1", sa.String(200)),
    sa.Column("admin2", sa.String(200)),
    sa.Column("country", sa.String(100)),
    sa.Column("latitude", sa.Float),
    sa.Column("longitude", sa.Float),
    sa.Column("geo_precision", sa.Integer),
    sa.Column("fatalities", sa.Integer),
    sa.Column("fatalities_low", sa.Integer),
    sa.Column("fatalities_high", sa.Integer),
    sa.Column("source", sa.Text),
    sa.Column("notes", sa.Text),
    sa.Index("ix_reference_events_date", "event_date"),
    sa.Index("ix_reference_events_admin1", "admin1"),
)

reference_matches = sa.Table(
    "reference_matches",
    metadata,
    sa.Column("event_id", sa.String(40), primary_key=True),
    sa.Column("reference_id", sa.String(80), primary_key=True),
    sa.Column("days", sa.Integer),
    sa.Column("km", sa.Float),
    sa.Column("figures_agree", sa.Boolean),
)

report_credibility = sa.Table(
    "report_credibility",
    metadata,
    sa.Column("report_id", sa.String(40), primary_key=True),
    sa.Column("score", sa.Float),
    sa.Column("reasons", sa.JSON),  # ["+ corroborated by 3 independent sources (e...)", "- ...", ...]
)
