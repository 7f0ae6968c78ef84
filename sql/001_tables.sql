-- Base tables the pipeline writes, in the schema `internal`: `main` holds only the analyst API (the views
-- and macros of the later files), so a BI tool lists exactly the contract. Views name these tables
-- schema-qualified (DuckDB binds a view's names in its own schema, not through a writer's search_path).
-- Every id is derived from content (etl/ids.py), so rebuilding the same inputs gives the same rows.

CREATE SCHEMA IF NOT EXISTS internal;

CREATE TABLE IF NOT EXISTS internal.input_files (
    input_file  VARCHAR PRIMARY KEY,   -- the file's key: its absolute path (etl.ingest.input_key)
    size_bytes  BIGINT NOT NULL,
    mtime_ns    BIGINT NOT NULL,       -- with size: the fingerprint that says a file may have changed
    sha256      VARCHAR NOT NULL,      -- hash of the bytes last read: a touched or re-delivered identical file is not new
    seen_at     TIMESTAMP NOT NULL,
    source_path VARCHAR                -- its display name (no '#N'); NULL in warehouses built before keys were paths
);
ALTER TABLE internal.input_files ADD COLUMN IF NOT EXISTS source_path VARCHAR;

CREATE TABLE IF NOT EXISTS internal.document_sources (
    source_path VARCHAR PRIMARY KEY,
    input_file  VARCHAR NOT NULL,
    doc_id      VARCHAR NOT NULL,
    ingested_at TIMESTAMP NOT NULL
);

CREATE TABLE IF NOT EXISTS internal.quarantine (
    source_path VARCHAR PRIMARY KEY,
    input_file  VARCHAR NOT NULL,
    reason      VARCHAR NOT NULL,
    detail      VARCHAR,
    seen_at     TIMESTAMP NOT NULL
);

CREATE TABLE IF NOT EXISTS internal.raw_documents (
    doc_id      VARCHAR PRIMARY KEY,
    fmt         VARCHAR NOT NULL,
    raw_text    VARCHAR NOT NULL,
    field_title VARCHAR,
    field_published VARCHAR,
    field_publisher VARCHAR
);

CREATE TABLE IF NOT EXISTS internal.doc_store (
    doc_id          VARCHAR PRIMARY KEY,
    title           VARCHAR,
    publisher       VARCHAR,
    published_on    DATE,
    published_basis VARCHAR NOT NULL,
    language        VARCHAR,
    body_text       VARCHAR NOT NULL
);

CREATE TABLE IF NOT EXISTS internal.doc_blocks (
    doc_id  VARCHAR NOT NULL,
    seq     INTEGER NOT NULL,
    kind    VARCHAR NOT NULL,
    text    VARCHAR NOT NULL,
    PRIMARY KEY (doc_id, seq)
);

CREATE TABLE IF NOT EXISTS internal.doc_removed_lines (
    doc_id  VARCHAR NOT NULL,
    seq     INTEGER NOT NULL,
    reason  VARCHAR NOT NULL,
    text    VARCHAR NOT NULL,
    PRIMARY KEY (doc_id, seq)
);

CREATE TABLE IF NOT EXISTS internal.doc_sketches (
    doc_id  VARCHAR NOT NULL,
    h       UBIGINT NOT NULL       -- one of the document's smallest shingle hashes (etl/dedup_docs.py)
);

CREATE TABLE IF NOT EXISTS internal.claim_store (
    mention_id     VARCHAR PRIMARY KEY,
    doc_id         VARCHAR NOT NULL,
    quote          VARCHAR NOT NULL,
    quote_start    INTEGER NOT NULL,
    char_start     INTEGER NOT NULL,
    char_end       INTEGER NOT NULL,
    metric         VARCHAR NOT NULL,
    value          DOUBLE NOT NULL,
    value_low      DOUBLE,
    value_high     DOUBLE,
    qualifier      VARCHAR NOT NULL,
    unit           VARCHAR NOT NULL,
    location       VARCHAR,
    subject        VARCHAR,
    period_start   DATE,
    as_of          DATE,
    date_precision VARCHAR,
    attributed_to  VARCHAR,
    modality       VARCHAR NOT NULL,
    count_kind     VARCHAR NOT NULL    -- level | cumulative | period (etl/count_kinds.py)
);

CREATE TABLE IF NOT EXISTS internal.event_store (
    mention_id     VARCHAR PRIMARY KEY,
    doc_id         VARCHAR NOT NULL,
    quote          VARCHAR NOT NULL,
    quote_start    INTEGER NOT NULL,
    char_start     INTEGER NOT NULL,
    char_end       INTEGER NOT NULL,
    event_type     VARCHAR NOT NULL,
    plover_code    VARCHAR,
    actors         VARCHAR[] NOT NULL,
    target         VARCHAR,
    location       VARCHAR,
    event_date     DATE,
    date_precision VARCHAR,
    modality       VARCHAR NOT NULL
);

-- Written by the deduplication stage, recomputed whenever documents change.
CREATE TABLE IF NOT EXISTS internal.doc_duplicates (
    doc_id       VARCHAR PRIMARY KEY,
    duplicate_of VARCHAR NOT NULL,
    similarity   DOUBLE NOT NULL
);

CREATE TABLE IF NOT EXISTS internal.claim_observation (
    mention_id     VARCHAR PRIMARY KEY,
    observation_id VARCHAR NOT NULL
);

CREATE TABLE IF NOT EXISTS internal.observation_conflicts (
    observation_id VARCHAR PRIMARY KEY,
    conflict_group VARCHAR NOT NULL
);

CREATE TABLE IF NOT EXISTS internal.event_cluster (
    mention_id VARCHAR PRIMARY KEY,
    event_id   VARCHAR NOT NULL
);

CREATE TABLE IF NOT EXISTS internal.pipeline_state (
    key   VARCHAR PRIMARY KEY,
    value VARCHAR NOT NULL
);

-- Which per-document stages have run on which document (a document may legitimately yield no rows).
CREATE TABLE IF NOT EXISTS internal.stage_done (
    doc_id VARCHAR NOT NULL,
    stage  VARCHAR NOT NULL,
    PRIMARY KEY (doc_id, stage)
);

-- Written at publication by the deduplication stage (sql/publish/observations.sql): the rows the
-- observations, metric_timeline and modality_timeline views read, computed once instead of per query.
CREATE TABLE IF NOT EXISTS internal.observation_store (
    observation_id    VARCHAR NOT NULL,
    metric            VARCHAR,
    unit              VARCHAR,
    location          VARCHAR,
    subject           VARCHAR,
    period_start      DATE,
    as_of             DATE,
    value             DOUBLE,
    value_min         DOUBLE,
    value_max         DOUBLE,
    n_mentions        BIGINT,
    n_sources         BIGINT,
    first_reported_on DATE,
    last_reported_on  DATE,
    modality          VARCHAR,
    conflict_group    VARCHAR,
    count_kind        VARCHAR
);

CREATE TABLE IF NOT EXISTS internal.timeline_store (
    metric          VARCHAR,
    location        VARCHAR,
    subject         VARCHAR,
    as_of           DATE,
    modality        VARCHAR,
    value           DOUBLE,
    value_min       DOUBLE,
    value_max       DOUBLE,
    n_sources       BIGINT,
    has_conflict    BOOLEAN,
    observation_ids VARCHAR[],
    unit            VARCHAR,
    count_kind      VARCHAR,
    period_start    DATE
);

-- Written by the event deduplication stage (sql/publish/events.sql): the rows of the events view.
CREATE TABLE IF NOT EXISTS internal.event_summary_store (
    event_id          VARCHAR NOT NULL,
    event_type        VARCHAR,
    plover_code       VARCHAR,
    actors            VARCHAR[],
    target            VARCHAR,
    location          VARCHAR,
    event_date        DATE,
    date_precision    VARCHAR,
    n_mentions        BIGINT,
    n_sources         BIGINT,
    first_reported_on DATE
);

-- Written with observation_store (sql/publish/observations.sql): the rows of the conflicting_figures view.
CREATE TABLE IF NOT EXISTS internal.conflict_store (
    conflict_group          VARCHAR,
    n_observations_in_group BIGINT,
    metric                  VARCHAR,
    unit                    VARCHAR,
    location                VARCHAR,
    subject                 VARCHAR,
    as_of                   DATE,
    observation_id          VARCHAR,
    observation_value       DOUBLE,
    observation_n_sources   BIGINT,
    mention_id              VARCHAR,
    value                   DOUBLE,
    value_low               DOUBLE,
    value_high              DOUBLE,
    qualifier               VARCHAR,
    modality                VARCHAR,
    attributed_to           VARCHAR,
    quote                   VARCHAR,
    publisher               VARCHAR,
    title                   VARCHAR,
    published_on            DATE,
    doc_id                  VARCHAR,
    source_path             VARCHAR,
    count_kind              VARCHAR,
    period_start            DATE
);

-- Written by the extraction stages (etl/document_stages.py): one row per (document, place) its mentions use,
-- with every place containing it, so a document's rows leave with it; read by the places view (sql/012_places.sql).
CREATE TABLE IF NOT EXISTS internal.place_store (
    doc_id            VARCHAR NOT NULL,
    place_id          VARCHAR NOT NULL,
    name              VARCHAR NOT NULL,
    kind              VARCHAR,
    country_code      VARCHAR,
    admin1            VARCHAR,
    latitude          DOUBLE,
    longitude         DOUBLE,
    geonames_id       BIGINT,
    parent_id         VARCHAR,
    coordinates_basis VARCHAR,
    aliases           VARCHAR[]
);
