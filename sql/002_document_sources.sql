-- One row per input that produced a document (the ingest stage writes internal.document_sources).
CREATE OR REPLACE VIEW document_sources AS
SELECT source_path, input_file, doc_id, ingested_at
FROM internal.document_sources;
