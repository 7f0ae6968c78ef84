-- Places: every place a claim or event mention uses, with its parents (etl/places.py, etl/gazetteer.py), from
-- place_store (sql/001_tables.sql); the view keeps one row per place and the union of the spellings documents used.
CREATE OR REPLACE VIEW places AS
SELECT
    place_id,
    any_value(name) AS name,
    any_value(kind) AS kind,
    any_value(country_code) AS country_code,
    any_value(admin1) AS admin1,
    any_value(latitude) AS latitude,
    any_value(longitude) AS longitude,
    any_value(geonames_id) AS geonames_id,
    any_value(parent_id) AS parent_id,
    list_sort(list_distinct(flatten(list(aliases)))) AS aliases,
    any_value(coordinates_basis) AS coordinates_basis,
    array_to_string(list_sort(list_distinct(flatten(list(aliases)))), '; ') AS aliases_text  -- for BI tools: no lists
FROM internal.place_store
GROUP BY place_id;

-- place_ancestors: every place with itself (depth 0) and each place containing it (depth 1 = its parent ...).
CREATE OR REPLACE VIEW place_ancestors AS
WITH RECURSIVE up(place_id, ancestor_id, depth) AS (
    SELECT place_id, place_id, 0 FROM places
    UNION ALL
    SELECT u.place_id, p.parent_id, u.depth + 1 FROM up AS u JOIN places AS p ON p.place_id = u.ancestor_id
    WHERE p.parent_id IS NOT NULL AND u.depth < 20
)
SELECT u.place_id, d.name, u.ancestor_id, a.name AS ancestor_name, u.depth
FROM up AS u JOIN places AS d ON d.place_id = u.place_id JOIN places AS a ON a.place_id = u.ancestor_id;

-- places_within(p): the place named p (its name or place_id) and every place inside it, with its depth below p.
CREATE OR REPLACE MACRO places_within(p) AS TABLE
SELECT pl.*, pa.depth FROM place_ancestors AS pa JOIN places AS pl USING (place_id)
WHERE pa.ancestor_name = p OR pa.ancestor_id = p;
