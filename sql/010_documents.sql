-- documents: one row per distinct document (the analyst contract).
CREATE OR REPLACE VIEW documents AS
WITH first_source AS (
    SELECT doc_id, min(source_path) AS source_path
    FROM internal.document_sources
    GROUP BY doc_id
)
SELECT
    d.doc_id,
    f.source_path,
    d.title,
    d.publisher,
    d.published_on,
    d.published_basis,
    d.language,
    d.body_text,
    dup.duplicate_of
FROM internal.doc_store AS d
JOIN first_source AS f USING (doc_id)
LEFT JOIN internal.doc_duplicates AS dup USING (doc_id);
