-- The search index of a warehouse written before it moved to `internal` (etl/search.py rebuilds it there
-- at the next publication): its corpora in `main` and the fts schemas named after them.
DROP SCHEMA IF EXISTS fts_main_search_documents CASCADE;
DROP SCHEMA IF EXISTS fts_main_search_quotes CASCADE;
DROP TABLE IF EXISTS main.search_documents;
DROP TABLE IF EXISTS main.search_quotes;
