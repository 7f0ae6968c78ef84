-- document_source_keys: which independent source each document counts as.
-- Near-copies collapse onto the document they copy; a known publisher is one source however many
-- documents it has; a document of unknown publisher counts as its own source.
CREATE OR REPLACE VIEW document_source_keys AS
SELECT
    d.doc_id,
    coalesce('publisher:' || lower(root.publisher), 'doc:' || root.doc_id) AS source_key,
    d.published_on
FROM documents AS d
JOIN internal.doc_store AS root ON root.doc_id = coalesce(d.duplicate_of, d.doc_id);
