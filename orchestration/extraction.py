"""The per-document assets (documents, claim_mentions, event_mentions) as graphs that fan extraction out.

Each asset is plan_shards -> extract_shard, once per doc_id range (a mapped step) -> write_extracted. Planning and
shard steps open the run's staging warehouse read-only, so the multiprocess or Kubernetes executor runs the shards side
by side; their results reach write_extracted through Dagster's IO manager, and write_extracted is the asset's only step
that opens the warehouse read-write. The assets touching the warehouse form one chain (orchestration/assets.py), so
no step of one asset runs while another asset's writer is open.

With shards=0 (what `timeline build` passes) nothing fans out: write_extracted runs the stage itself, chunk by chunk
(etl.document_stages.run_stage, with `workers` processes), holding one chunk's results at a time, not the batch's.
"""

from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from typing import Any

import duckdb
from dagster import (
    AssetIn,
    Config,
    ConfigMapping,
    DynamicOut,
    DynamicOutput,
    In,
    MetadataValue,
    Nothing,
    OpExecutionContext,
    Out,
    config_mapping,
    graph_asset,
    op,
)

from etl import document_stages as stages
from orchestration.progress import terminal_progress
from orchestration.resources import READS_STAGING, WRITES_STAGING, WarehouseResource

NOTHING_NEW = {"status": "nothing new"}
# The quality report shown in the UI: per document (most cleaned first), removed lines and kept evidence
# by reason, e.g. "navigation 3, share_widget 2" (the full rows are in the cleaning_report view).
CLEANING_REPORT_SQL = """
SELECT source_path,
       string_agg(reason || ' ' || n_lines, ', ' ORDER BY n_lines DESC, reason) FILTER (action = 'removed') AS removed,
       string_agg(reason || ' ' || n_lines, ', ' ORDER BY n_lines DESC, reason) FILTER (action = 'kept_aside')
           AS kept_aside
FROM cleaning_report
GROUP BY source_path
ORDER BY sum(n_lines) DESC, source_path
LIMIT 100
"""


def utc_now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


class Extraction(Config):
    """How a per-document asset extracts: in `shards` separate read-only steps (0, the default: inside its writer
    step, as `timeline build` does), each spreading its documents over `workers` processes. Shards pay off on the
    multiprocess or Kubernetes executor with more cores than this machine's 2 (README, docs/scaling.md)."""

    shards: int = 0
    workers: int = 1


class StageConfig(Extraction):
    """What the asset's ops receive: its Extraction config and the etl stage it runs (set by the asset)."""

    stage: str


@op(ins={"upstream": In(Nothing)}, out=DynamicOut(), tags=READS_STAGING)
def plan_shards(config: StageConfig, warehouse: WarehouseResource) -> Iterator[DynamicOutput]:
    """One output per doc_id range of the stage's pending documents; none with shards=0 or nothing new."""
    if config.shards == 0:
        return
    with warehouse.read_staging() as con:
        shards = [] if con is None else stages.plan_shards(con, config.stage, config.shards)
    for i, shard in enumerate(shards):
        yield DynamicOutput(shard, mapping_key=f"shard_{i}")


@op(tags=READS_STAGING)
def extract_shard(config: StageConfig, warehouse: WarehouseResource,
                  shard: stages.Shard) -> list[stages.Result]:
    """The stage's results for one shard (etl.document_stages.compute_shard), computed without writing."""
    with warehouse.read_staging() as con:
        return [] if con is None else stages.compute_shard(con, config.stage, shard, config.workers)


def _cleaning_report(con: duckdb.DuckDBPyConnection) -> dict[str, MetadataValue]:
    report = con.sql(CLEANING_REPORT_SQL).pl()
    table = "\n".join(["| document | removed | kept aside |", "| --- | --- | --- |"]
                      + [f"| {r['source_path']} | {r['removed'] or ''} | {r['kept_aside'] or ''} |"
                         for r in report.iter_rows(named=True)])
    return {"cleaning_report": MetadataValue.md(table)}


# Metadata an asset shows beyond its counts, by stage
REPORTS: dict[str, Callable[[duckdb.DuckDBPyConnection], dict[str, MetadataValue]]] = {"clean": _cleaning_report}


@op(out=Out(Nothing), tags=WRITES_STAGING)
def write_extracted(context: OpExecutionContext, config: StageConfig, warehouse: WarehouseResource,
                    shards: list[list[stages.Result]]) -> None:
    """Write every shard's results, one transaction per shard (with shards=0: run the stage here)."""
    with warehouse.staging() as con:
        if con is None:
            context.add_output_metadata(NOTHING_NEW)
            return
        now = utc_now()
        if config.shards == 0:
            counts = stages.run_stage(con, config.stage, now, config.workers, terminal_progress(config.stage))
        else:
            counts = {"documents": 0, "errors": 0}
            for results in shards:
                stages.add_counts(counts, stages.write_results(con, config.stage, results, now))
        report = REPORTS[config.stage](con) if config.stage in REPORTS else {}
    context.add_output_metadata({"shards": len(shards), **counts, **report})


def _stage_config(stage: str) -> ConfigMapping:
    """The asset's run config is an Extraction; every op of its graph gets it plus the stage."""

    @config_mapping
    def to_ops(config: Extraction) -> dict[str, Any]:
        op_config = {"config": {"stage": stage, **config.model_dump()}}
        return {name: op_config for name in ("plan_shards", "extract_shard", "write_extracted")}

    return to_ops


def _extract(upstream: Any) -> Any:
    """The graph of every per-document asset: plan after its upstream asset, a step per shard, one writer."""
    return write_extracted(plan_shards(upstream).map(extract_shard).collect())


_COMMON = {"group_name": "timeline"}
_AFTER = AssetIn(dagster_type=Nothing)


@graph_asset(ins={"raw_documents": _AFTER}, config=_stage_config("clean"), **_COMMON)
def documents(raw_documents: Any) -> Any:
    """Cleaned articles: body text without boilerplate, title, publisher, publication date."""
    return _extract(raw_documents)


@graph_asset(ins={"documents": _AFTER}, config=_stage_config("claims"), **_COMMON)
def claim_mentions(documents: Any) -> Any:
    """Every figure stated in a document, with its quote."""
    return _extract(documents)


@graph_asset(ins={"claim_mentions": _AFTER}, config=_stage_config("events"), **_COMMON)
def event_mentions(claim_mentions: Any) -> Any:
    """Every typed event stated in a document. It reads the documents but comes after claim_mentions: the claims
    stage extracts most documents' events in the same pass, and the two writers must not hold the warehouse at once."""
    return _extract(claim_mentions)
