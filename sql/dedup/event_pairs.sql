-- Event mentions -> pairs of mention signatures to merge (etl/dedup_events.py). Needs the temp tables
-- place_ancestry(location, ancestors): each mention location and every place containing it, and
-- event_type_behaviour(event_type, place_defined, same_day, shared_words): each type's merging rules
-- (etl/data/vocabularies/event_type.csv).
--
-- Linear cost as for claims (sql/dedup/claim_pairs.sql): identical mentions merge outright and pairs
-- are formed only inside blocks of one event type and modality whose dates fall in the same or a
-- neighbouring bucket of the coarser precision's window; undated mentions only inside their document.
-- Statements are many and generic ("said in a statement"), so two of a shared_words type merge only with a
-- shared actor and at least four shared content words in their quotes (the same remarks, reported twice).
-- Attacks recur daily in a besieged place, so two mentions of a same_day type dated to the day merge only
-- on the same day. A capture, withdrawal or attack is defined by its place (place_defined): the capture of
-- Shaar and the capture of the Old City are two events though both lie in Aleppo, so those types need the
-- same place (or one unknown); other types merge along the gazetteer hierarchy (a statement on East Aleppo,
-- one on Aleppo).

CREATE OR REPLACE TEMP TABLE event_signature AS
WITH m AS (
    SELECT mention_id, doc_id, event_type, modality, location, list_sort(actors) AS actors,
        CAST(epoch(event_date) // 86400 AS BIGINT) AS day,
        CASE date_precision WHEN 'week' THEN 7 WHEN 'month' THEN 31 WHEN 'year' THEN 366 ELSE 1 END AS win,
        coalesce(b.place_defined, false) AS place_defined, coalesce(b.same_day, false) AS same_day,
        coalesce(b.shared_words, false) AS shared_words,
        CASE WHEN b.shared_words THEN quote END AS statement_quote
    FROM internal.event_store LEFT JOIN event_type_behaviour AS b USING (event_type)
)
SELECT *, min(mention_id) OVER (PARTITION BY event_type, modality, location, actors, day, win, statement_quote,
                                             CASE WHEN day IS NULL THEN doc_id END) AS rep
FROM m;

CREATE OR REPLACE TEMP TABLE event_rep AS
SELECT s.* EXCLUDE (mention_id, statement_quote), coalesce(p.ancestors, []) AS ancestors, p.ancestors[-1] AS root,
    list_filter(list_distinct(regexp_split_to_array(lower(statement_quote), '[^[:alnum:]]+')),
                w -> length(w) >= 4 AND NOT list_contains(
                    ['said', 'says', 'that', 'with', 'this', 'from', 'have', 'been', 'will', 'would', 'their',
                     'they', 'were', 'which', 'statement', 'also', 'after', 'about', 'when', 'there', 'into',
                     'than', 'more', 'according', 'issued', 'other', 'over', 'what', 'them', 'while'], w)) AS words
FROM event_signature s LEFT JOIN place_ancestry p USING (location)
WHERE s.mention_id = s.rep;

CREATE OR REPLACE TEMP TABLE event_pairs AS
WITH keyed AS (
    -- Place keys pair located mentions within one outermost place (compatible places share it) and
    -- every pair with an unlocated side exactly once: a keyed '*located' meets only unlocated b's,
    -- and '*any' meets every b when a is unlocated.
    SELECT *, unnest(CASE WHEN root IS NULL THEN ['*any'] ELSE [root, '*located'] END) AS place_key
    FROM event_rep WHERE day IS NOT NULL
),
near AS (  -- each dated signature under every window at least its own: its bucket and both neighbours
    SELECT *, unnest([day // level - 1, day // level, day // level + 1]) AS day_bucket
    FROM (SELECT *, unnest([1, 7, 31, 366]) AS level
          FROM (SELECT *, unnest(CASE WHEN root IS NULL THEN ['*located', '*any'] ELSE [root, '*any'] END)
                          AS place_key
                FROM event_rep WHERE day IS NOT NULL))
    WHERE level >= win
),
candidates AS (  -- a has the coarser window (or the smaller id at equal windows)
    SELECT a.rep, a.place_defined, a.shared_words, a.location, a.ancestors, a.actors, a.words,
           b.rep AS b_rep, b.location AS b_location, b.ancestors AS b_ancestors, b.actors AS b_actors,
           b.words AS b_words
    FROM keyed a
    JOIN near b
      ON a.event_type = b.event_type AND a.modality = b.modality AND a.place_key = b.place_key
     AND b.level = a.win AND a.day // a.win = b.day_bucket AND a.rep <> b.rep
    WHERE abs(a.day - b.day) <= CASE WHEN a.same_day AND a.win = 1 THEN 0 ELSE a.win END
      AND (a.win > b.win OR a.rep < b.rep)
    UNION ALL
    SELECT a.rep, a.place_defined, a.shared_words, a.location, a.ancestors, a.actors, a.words,
           b.rep, b.location, b.ancestors, b.actors, b.words
    FROM event_rep a
    JOIN event_rep b
      ON a.event_type = b.event_type AND a.modality = b.modality AND a.doc_id = b.doc_id AND a.rep < b.rep
    WHERE a.day IS NULL AND b.day IS NULL
)
SELECT rep AS rep_a, b_rep AS rep_b
FROM candidates
WHERE (location IS NULL OR b_location IS NULL OR location = b_location
       OR (NOT place_defined
           AND (list_contains(ancestors, b_location) OR list_contains(b_ancestors, location))))
  AND CASE WHEN shared_words
           THEN len(list_intersect(actors, b_actors)) > 0 AND len(list_intersect(words, b_words)) >= 4
           ELSE len(actors) = 0 OR len(b_actors) = 0 OR len(list_intersect(actors, b_actors)) > 0 END;
