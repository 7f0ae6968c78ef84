-- events: one row per real-world event after deduplication (etl/dedup_events.py). The rows are
-- computed when the event deduplication stage runs (sql/publish/events.sql), stored in event_summary_store.
CREATE OR REPLACE VIEW events AS
SELECT event_id, event_type, plover_code, actors, target, location, event_date, date_precision, n_mentions,
       n_sources, first_reported_on,
       array_to_string(actors, '; ') AS actors_text  -- the list as text: SQLAlchemy readers (BI tools) see no lists
FROM internal.event_summary_store;
