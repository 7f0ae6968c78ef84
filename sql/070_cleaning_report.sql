-- cleaning_report: per document, what the cleaner removed (navigation, share widgets, related
-- headlines ...) and what it kept aside as evidence (captions, tweets, datelines), with examples.
CREATE OR REPLACE VIEW cleaning_report AS
WITH removed AS (
    SELECT doc_id, 'removed' AS action, reason, seq, text FROM internal.doc_removed_lines
),
kept_aside AS (
    SELECT doc_id, 'kept_aside' AS action, kind AS reason, seq, text FROM internal.doc_blocks
),
lines AS (
    SELECT * FROM removed UNION ALL SELECT * FROM kept_aside
)
SELECT
    l.doc_id,
    d.source_path,
    l.action,
    l.reason,
    count(*) AS n_lines,
    list(l.text ORDER BY l.seq)[1:3] AS examples,
    array_to_string(list(l.text ORDER BY l.seq)[1:3], '; ') AS examples_text
FROM lines AS l
JOIN documents AS d USING (doc_id)
GROUP BY l.doc_id, d.source_path, l.action, l.reason;
