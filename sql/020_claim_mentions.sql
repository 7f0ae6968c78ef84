-- claim_mentions: one row per figure stated in a document, traced to a quote and character offsets.
CREATE OR REPLACE VIEW claim_mentions AS
SELECT
    c.mention_id,
    c.doc_id,
    d.source_path,
    c.quote,
    c.char_start,
    c.char_end,
    c.metric,
    c.value,
    c.value_low,
    c.value_high,
    c.qualifier,
    c.unit,
    c.location,
    c.subject,
    c.period_start,
    c.as_of,
    c.date_precision,
    c.attributed_to,
    c.modality,
    o.observation_id,
    c.count_kind,
    c.quote_start,
    pl.place_id
FROM internal.claim_store AS c
JOIN documents AS d USING (doc_id)
LEFT JOIN internal.claim_observation AS o USING (mention_id)
LEFT JOIN places AS pl ON pl.name = c.location;
