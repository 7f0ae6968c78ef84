"""The asset graph: raw documents -> documents -> mentions -> observations/events -> published warehouse.

Each asset calls one etl/ stage against the run's staging warehouse. The first asset decides whether
the run has anything to do: with no new or changed input it writes nothing and every later asset is
a no-op, so a run with nothing new publishes nothing.
"""

import base64
from dataclasses import asdict
from datetime import UTC, datetime
from pathlib import Path

from dagster import AssetExecutionContext, Config, MaterializeResult, MetadataValue, asset

from etl.charts import busiest_series, draw_series, read_series
from etl.dedup_claims import cluster_claims
from etl.dedup_docs import link_duplicates
from etl.dedup_events import cluster_events
from etl.document_stages import run_stage
from etl.ingest import default_inputs
from etl.ingest_stage import changed_files, ingest, scan
from orchestration.partitions import inbox_batches
from orchestration.progress import terminal_progress
from orchestration.resources import WarehouseResource

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
NOTHING_NEW = MaterializeResult(metadata={"status": "nothing new"})


class RebuildConfig(Config):
    """rebuild=True recomputes deduplication over the published warehouse even with no new input."""

    rebuild: bool = False


class BuildConfig(Config):
    """Inputs of a build: files or folders (default: $TIMELINE_INBOX, else the sample corpus)."""

    paths: list[str] = []
    workers: int = 1


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


@asset(group_name="timeline", partitions_def=inbox_batches,
       description="Input files and CSV/JSON rows decoded to text, or quarantined; one partition per batch.")
def raw_documents(config: BuildConfig, warehouse: WarehouseResource) -> MaterializeResult:
    found = scan([Path(p) for p in config.paths] or default_inputs())
    with warehouse.read_published() as published:
        changed = changed_files(published, found)
    if not changed:
        warehouse.discard_staging()
        return MaterializeResult(metadata={"status": "nothing new", "files_seen": len(found.files)})
    warehouse.start_staging()
    with warehouse.staging() as con:
        summary = ingest(con, found, changed, _now())
    return MaterializeResult(metadata=asdict(summary))


def _document_stage(stage: str, config: BuildConfig, warehouse: WarehouseResource) -> MaterializeResult:
    with warehouse.staging() as con:
        if con is None:
            return NOTHING_NEW
        counts = run_stage(con, stage, _now(), config.workers, terminal_progress(stage))
    return MaterializeResult(metadata=counts)


@asset(group_name="timeline", deps=[raw_documents], partitions_def=inbox_batches,
       description="Cleaned articles: body text without boilerplate, title, publisher, publication date.")
def documents(context: AssetExecutionContext, config: BuildConfig, warehouse: WarehouseResource) -> MaterializeResult:
    result = _document_stage("clean", config, warehouse)
    with warehouse.staging() as con:
        if con is None:
            return result
        report = con.sql(CLEANING_REPORT_SQL).pl()
    table = "\n".join(["| document | removed | kept aside |", "| --- | --- | --- |"]
                      + [f"| {r['source_path']} | {r['removed'] or ''} | {r['kept_aside'] or ''} |"
                         for r in report.iter_rows(named=True)])
    return MaterializeResult(metadata={**(result.metadata or {}), "cleaning_report": MetadataValue.md(table)})


@asset(group_name="timeline", deps=[documents], partitions_def=inbox_batches,
       description="Every figure stated in a document, with its quote.")
def claim_mentions(config: BuildConfig, warehouse: WarehouseResource) -> MaterializeResult:
    return _document_stage("claims", config, warehouse)


@asset(group_name="timeline", deps=[documents], partitions_def=inbox_batches,
       description="Every typed event stated in a document.")
def event_mentions(config: BuildConfig, warehouse: WarehouseResource) -> MaterializeResult:
    return _document_stage("events", config, warehouse)


@asset(group_name="timeline", deps=[claim_mentions],
       description="Near-copy documents linked, claim mentions merged into observations, conflicts marked.")
def observations(config: RebuildConfig, warehouse: WarehouseResource) -> MaterializeResult:
    if config.rebuild and not warehouse.has_staging():
        warehouse.start_staging()
    with warehouse.staging() as con:
        if con is None:
            return NOTHING_NEW
        copies = link_duplicates(con)
        counts = cluster_claims(con)
    return MaterializeResult(metadata={"near_copy_documents": copies, **counts})


@asset(group_name="timeline", deps=[event_mentions, observations],
       description="Event mentions merged into real-world events.")
def events(warehouse: WarehouseResource) -> MaterializeResult:
    with warehouse.staging() as con:
        if con is None:
            return NOTHING_NEW
        counts = cluster_events(con)
    return MaterializeResult(metadata=counts)


@asset(group_name="timeline", deps=[observations, events],
       description="The staging warehouse checkpointed and atomically moved over the published file.")
def published_warehouse(warehouse: WarehouseResource) -> MaterializeResult:
    published = warehouse.publish()
    return MaterializeResult(metadata={"published": published, "path": str(warehouse.published)})


@asset(group_name="timeline", deps=[published_warehouse],
       description="Charts of the busiest published series, drawn beside the warehouse and shown here.")
def timeline_charts(warehouse: WarehouseResource) -> MaterializeResult:
    folder = warehouse.published.parent / "charts"
    metadata: dict[str, MetadataValue] = {}
    with warehouse.read_published() as con:
        if con is None:
            return NOTHING_NEW
        for metric, location in busiest_series(con):
            out = folder / f"{metric}_{location}.png".replace(" ", "_").replace("/", "_")
            draw_series(read_series(con, metric, location), out, f"{metric} in {location}")
            image = base64.b64encode(out.read_bytes()).decode()
            markdown = f"![{metric} in {location}](data:image/png;base64,{image})"
            metadata[f"{metric} / {location}"] = MetadataValue.md(markdown)
    return MaterializeResult(metadata={"folder": MetadataValue.path(str(folder)), **metadata})


TIMELINE_ASSETS = [raw_documents, documents, claim_mentions, event_mentions, observations, events,
                   published_warehouse, timeline_charts]
