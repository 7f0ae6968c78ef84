-- event_mentions: one row per typed event stated in a document.
CREATE OR REPLACE VIEW event_mentions AS
SELECT
    e.mention_id,
    e.doc_id,
    d.source_path,
    e.quote,
    e.char_start,
    e.char_end,
    e.event_type,
    e.plover_code,
    e.actors,
    e.target,
    e.location,
    e.event_date,
    e.date_precision,
    e.modality,
    c.event_id,
    e.quote_start,
    pl.place_id,
    array_to_string(e.actors, '; ') AS actors_text  -- the list as text: SQLAlchemy readers (BI tools) see no lists
FROM internal.event_store AS e
JOIN documents AS d USING (doc_id)
LEFT JOIN internal.event_cluster AS c USING (mention_id)
LEFT JOIN places AS pl ON pl.name = e.location;
