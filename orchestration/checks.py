"""Blocking asset checks: a failing check stops the run before the warehouse is published.

Checks only read, so the checks of one asset may run side by side; being blocking, they also hold back
the next writer (every writer depends on the asset they check)."""

from dagster import AssetCheckResult, AssetChecksDefinition, AssetsDefinition, asset_check

from etl.checks import CHECKS, run_check
from orchestration.assets import claim_mentions, event_mentions, events, observations, raw_documents
from orchestration.resources import READS_STAGING, WarehouseResource


def _blocking_check(name: str, target: AssetsDefinition) -> AssetChecksDefinition:
    @asset_check(asset=target, name=name, blocking=True, description=CHECKS[name].description,
                 op_tags=READS_STAGING)
    def _check(warehouse: WarehouseResource) -> AssetCheckResult:
        with warehouse.read_staging() as con:
            if con is None:
                return AssetCheckResult(passed=True, metadata={"status": "nothing new"})
            result = run_check(con, name)
        return AssetCheckResult(passed=result.passed,
                                metadata={"offenders": result.n_offenders, "sample": repr(result.sample)})

    return _check


TIMELINE_CHECKS = [
    _blocking_check("every_input_accounted_for", raw_documents),
    _blocking_check("dated_claims_have_as_of", claim_mentions),
    _blocking_check("claim_offsets_inside_quote", claim_mentions),
    _blocking_check("percents_within_0_100", claim_mentions),
    _blocking_check("claims_have_a_count_kind", claim_mentions),
    _blocking_check("claims_use_the_vocabularies", claim_mentions),
    _blocking_check("conflicts_compare_like_with_like", observations),
    _blocking_check("event_offsets_inside_quote", event_mentions),
    _blocking_check("events_use_the_vocabularies", event_mentions),
    _blocking_check("unique_ids", events),
]
