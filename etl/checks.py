"""Data checks that must pass before a warehouse is published.

Each check is one SQL query returning the offending rows (empty = pass), so the same definition
serves the Dagster asset checks, tests on crafted bad tables, and an analyst debugging by hand.
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb

from etl import vocabularies


@dataclass(frozen=True)
class Check:
    name: str
    description: str
    offenders_sql: str


@dataclass(frozen=True)
class CheckResult:
    name: str
    passed: bool
    n_offenders: int
    sample: list[tuple]


CHECKS = {
    c.name: c
    for c in [
        Check("dated_claims_have_as_of", "every claim of a dated document has an as_of", """
            SELECT c.mention_id, c.doc_id FROM internal.claim_store c JOIN internal.doc_store d USING (doc_id)
            WHERE d.published_on IS NOT NULL AND c.as_of IS NULL"""),
        Check("claim_offsets_inside_quote", "body_text[char_start:char_end] lies inside quote, quote inside body_text",
              """
            SELECT c.mention_id, c.doc_id FROM internal.claim_store c JOIN internal.doc_store d USING (doc_id)
            WHERE NOT (c.quote_start >= 0 AND c.quote_start <= c.char_start AND c.char_start < c.char_end
                       AND c.char_end <= c.quote_start + length(c.quote)
                       AND substr(d.body_text, c.quote_start + 1, length(c.quote)) = c.quote)"""),
        Check("event_offsets_inside_quote", "event trigger inside its quote, quote inside body_text", """
            SELECT e.mention_id, e.doc_id FROM internal.event_store e JOIN internal.doc_store d USING (doc_id)
            WHERE NOT (e.quote_start >= 0 AND e.quote_start <= e.char_start AND e.char_start < e.char_end
                       AND e.char_end <= e.quote_start + length(e.quote)
                       AND substr(d.body_text, e.quote_start + 1, length(e.quote)) = e.quote)"""),
        Check("percents_within_0_100", "percentages (value and range bounds) within 0-100", """
            SELECT mention_id, value FROM internal.claim_store
            WHERE unit = 'percent' AND (value NOT BETWEEN 0 AND 100 OR value_low NOT BETWEEN 0 AND 100
                                        OR value_high NOT BETWEEN 0 AND 100)"""),
        Check("claims_have_a_count_kind", "every claim is a level, a running total or a period count", """
            SELECT mention_id, count_kind FROM internal.claim_store
            WHERE count_kind IS NULL OR count_kind NOT IN (SELECT value FROM vocabulary WHERE vocabulary = 'count_kind')
            """),
        Check("claims_use_the_vocabularies", "metric (with its unit), qualifier, modality, date_precision of every "
              "claim are values of etl/data/vocabularies", """
            SELECT mention_id, metric, unit, qualifier, modality, date_precision FROM internal.claim_store c
            WHERE NOT EXISTS (SELECT 1 FROM vocabulary v WHERE v.vocabulary = 'metric' AND v.value = c.metric
                                                          AND v.unit = c.unit)
               OR qualifier NOT IN (SELECT value FROM vocabulary WHERE vocabulary = 'qualifier')
               OR modality NOT IN (SELECT value FROM vocabulary WHERE vocabulary = 'modality')
               OR date_precision NOT IN (SELECT value FROM vocabulary WHERE vocabulary = 'date_precision')"""),
        Check("events_use_the_vocabularies", "event_type (with its PLOVER code), modality, date_precision of every "
              "event mention are values of etl/data/vocabularies", """
            SELECT mention_id, event_type, plover_code, modality, date_precision FROM internal.event_store e
            WHERE NOT EXISTS (SELECT 1 FROM vocabulary v WHERE v.vocabulary = 'event_type' AND v.value = e.event_type
                                                          AND v.plover_code = coalesce(e.plover_code, ''))
               OR modality NOT IN (SELECT value FROM vocabulary WHERE vocabulary = 'modality')
               OR date_precision NOT IN (SELECT value FROM vocabulary WHERE vocabulary = 'date_precision')"""),
        Check("conflicts_compare_like_with_like",
              "no conflict_group mixes kinds or periods (period_start; as_of too for period counts)", """
            SELECT conflict_group, list(DISTINCT count_kind), list(DISTINCT period_start), list(DISTINCT as_of)
            FROM internal.observation_store WHERE conflict_group IS NOT NULL
            GROUP BY conflict_group
            HAVING count(DISTINCT coalesce(count_kind, '')) > 1
                OR count(DISTINCT coalesce(CAST(period_start AS VARCHAR), '')) > 1
                OR (bool_or(count_kind = 'period') AND count(DISTINCT as_of) > 1)"""),
        Check("unique_ids", "no duplicate ids in any contract view", """
            SELECT 'documents', doc_id FROM documents GROUP BY doc_id HAVING count(*) > 1
            UNION ALL SELECT 'claim_mentions', mention_id FROM claim_mentions GROUP BY ALL HAVING count(*) > 1
            UNION ALL SELECT 'event_mentions', mention_id FROM event_mentions GROUP BY ALL HAVING count(*) > 1
            UNION ALL SELECT 'observations', observation_id FROM observations GROUP BY ALL HAVING count(*) > 1
            UNION ALL SELECT 'events', event_id FROM events GROUP BY ALL HAVING count(*) > 1"""),
        Check("every_input_accounted_for", "every input file is a document source or in quarantine", """
            SELECT i.input_file FROM internal.input_files i
            WHERE NOT EXISTS (SELECT 1 FROM internal.document_sources s WHERE s.input_file = i.input_file)
              AND NOT EXISTS (SELECT 1 FROM internal.quarantine q WHERE q.input_file = i.input_file)"""),
    ]
}


def run_check(con: duckdb.DuckDBPyConnection, name: str, sample_size: int = 5) -> CheckResult:
    """Run one named check (the vocabularies registered as `vocabulary`); a pass has no offending rows."""
    con.register("vocabulary", vocabularies.frame())
    try:
        rows = con.execute(CHECKS[name].offenders_sql).fetchall()
    finally:
        con.unregister("vocabulary")
    return CheckResult(name, not rows, len(rows), rows[:sample_size])
