-- Every input that could not become a document, with why (written by the ingest and extraction stages).
CREATE OR REPLACE VIEW quarantine AS
SELECT source_path, input_file, reason, detail, seen_at
FROM internal.quarantine;
