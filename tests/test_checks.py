"""Each publication check passes on a real build and fails on a table crafted to break it."""

import dataclasses
import shutil

import duckdb
import pytest

from etl.checks import CHECKS, run_check
from orchestration.cli import BuildError, build

BREAKERS = {
    "dated_claims_have_as_of": "UPDATE internal.claim_store SET as_of = NULL WHERE mention_id = "
                               "(SELECT min(mention_id) FROM internal.claim_store c "
                               "JOIN internal.doc_store d USING (doc_id) WHERE d.published_on IS NOT NULL)",
    "claim_offsets_inside_quote": "UPDATE internal.claim_store SET char_end = quote_start + length(quote) + 5 "
                                  "WHERE mention_id = (SELECT min(mention_id) FROM internal.claim_store)",
    "event_offsets_inside_quote": "UPDATE internal.event_store SET quote = quote || ' (edited)' "
                                  "WHERE mention_id = (SELECT min(mention_id) FROM internal.event_store)",
    "percents_within_0_100": "UPDATE internal.claim_store SET value = 140 "
                             "WHERE mention_id = "
                             "(SELECT min(mention_id) FROM internal.claim_store WHERE unit = 'percent')",
    # a mention linked to two observations: the constraint-free copy a buggy dedup could write
    "unique_ids": "ALTER TABLE internal.claim_observation RENAME TO claim_observation_ok; "
                  "CREATE TABLE internal.claim_observation AS SELECT * FROM internal.claim_observation_ok UNION ALL "
                  "(SELECT mention_id, 'other' FROM internal.claim_observation_ok LIMIT 1)",
    "claims_use_the_vocabularies": "UPDATE internal.claim_store SET metric = 'people_kiled' "
                                   "WHERE mention_id = (SELECT min(mention_id) FROM internal.claim_store)",
    "events_use_the_vocabularies": "UPDATE internal.event_store SET plover_code = 'ASSALT' "
                                   "WHERE mention_id = (SELECT min(mention_id) FROM internal.event_store)",
    "claims_have_a_count_kind": "UPDATE internal.claim_store SET count_kind = 'total' "
                                "WHERE mention_id = (SELECT min(mention_id) FROM internal.claim_store)",
    # a period count put in one conflict group with a running total
    "conflicts_compare_like_with_like": "UPDATE internal.observation_store SET conflict_group = 'crafted', "
                                        "count_kind = CASE WHEN observation_id = "
                                        "(SELECT min(observation_id) FROM internal.observation_store) "
                                        "THEN 'period' ELSE 'cumulative' END WHERE observation_id IN "
                                        "(SELECT observation_id FROM internal.observation_store ORDER BY 1 LIMIT 2)",
    "every_input_accounted_for": "INSERT INTO internal.input_files (input_file, size_bytes, mtime_ns, sha256, seen_at) "
                                 "VALUES ('/lost.txt', 10, 1, 'ab12', now()::TIMESTAMP)",
}


@pytest.fixture
def broken(seeds_warehouse, tmp_path):
    path = tmp_path / "broken.duckdb"
    shutil.copyfile(seeds_warehouse, path)
    return path


def test_every_check_passes_on_a_real_build(seeds_warehouse):
    with duckdb.connect(str(seeds_warehouse), read_only=True) as con:
        assert {name: run_check(con, name).passed for name in CHECKS} == dict.fromkeys(CHECKS, True)


@pytest.mark.parametrize("name", sorted(CHECKS))
def test_each_check_fails_on_a_crafted_bad_table(broken, name):
    with duckdb.connect(str(broken)) as con:
        con.execute(BREAKERS[name])
        result = run_check(con, name)
    assert not result.passed and result.n_offenders >= 1, name


def test_duplicate_document_ids_are_caught(broken):
    with duckdb.connect(str(broken)) as con:
        con.execute("CREATE TABLE doc_store_copy AS SELECT * FROM internal.doc_store LIMIT 1")
        con.execute("ALTER TABLE internal.doc_store RENAME TO doc_store_orig")
        con.execute("CREATE TABLE internal.doc_store AS "
                    "SELECT * FROM internal.doc_store_orig UNION ALL SELECT * FROM doc_store_copy")
        result = run_check(con, "unique_ids")
    assert not result.passed and result.sample[0][0] == "documents"


@pytest.mark.slow
def test_a_failing_check_blocks_publication(tmp_path, monkeypatch):
    inbox = tmp_path / "in"
    inbox.mkdir()
    (inbox / "a.txt").write_text("Clashes\n\nGovernment forces control about 60 percent of Sirte, officials said.\n")
    warehouse = tmp_path / "w.duckdb"
    import etl.document_stages as stages

    real = stages.STAGES["claims"].compute

    def corrupt(row):
        out = real(row)
        for claim in out["claim_store"]:
            claim["value"] = 250.0
        return out

    monkeypatch.setitem(stages.STAGES, "claims", dataclasses.replace(stages.STAGES["claims"], compute=corrupt))
    with pytest.raises(BuildError, match="percents_within_0_100"):
        build([str(inbox)], warehouse)
    assert not warehouse.exists()
