"""The asset graph: raw documents -> documents -> mentions -> observations/events -> published warehouse.

Each asset calls one etl/ stage against the run's staging warehouse (the per-document ones are graphs that
fan extraction out: orchestration/extraction.py). The first asset decides whether the run has anything to
do: with no new or changed input it writes nothing and every later asset is a no-op, so a run with nothing
new publishes nothing.

Every asset that writes the staging warehouse depends on the one that wrote before it (raw_documents ->
documents -> claim_mentions -> event_mentions -> observations -> events -> published_warehouse), and blocking
checks hold back the assets downstream of what they check: so on an executor that runs steps side by side,
no step opens the DuckDB file while another step holds it read-write.
"""

import base64
from dataclasses import asdict
from pathlib import Path

from dagster import Config, MaterializeResult, MetadataValue, asset

from etl.charts import busiest_series, chart_file_name, draw_series, read_series
from etl.dedup_claims import cluster_claims
from etl.dedup_docs import link_duplicates
from etl.dedup_events import cluster_events
from etl.ingest import default_inputs
from etl.ingest_stage import changed_files, ingest, scan
from etl.maps import busiest_metric, draw_map, map_file_name, read_latest
from orchestration.extraction import NOTHING_NEW, claim_mentions, documents, event_mentions, utc_now
from orchestration.partitions import batch_key
from orchestration.paths import charts_folder
from orchestration.resources import WRITES_STAGING, WarehouseResource, warehouse_files

NOTHING_NEW_RESULT = MaterializeResult(metadata=NOTHING_NEW)


class RebuildConfig(Config):
    """rebuild=True recomputes deduplication over the published warehouse even with no new input."""

    rebuild: bool = False


class BuildConfig(Config):
    """Inputs of a build: files or folders (default: $TIMELINE_INBOX, else the sample corpus); rescan=True hashes
    every file, not only those whose size or mtime changed (finds an edit that kept both)."""

    paths: list[str] = []
    rescan: bool = False


@asset(group_name="timeline", op_tags=WRITES_STAGING,
       description="Input files and CSV/JSON rows decoded to text, or quarantined; one run per batch of new or "
                   "changed files (default inputs: $TIMELINE_INBOX, else the sample corpus).")
def raw_documents(config: BuildConfig, warehouse: WarehouseResource) -> MaterializeResult:
    found = scan([Path(p) for p in config.paths] or default_inputs(), warehouse_files(warehouse.published))
    with warehouse.read_published() as published:
        changed = changed_files(published, found, config.rescan)
    if not changed and warehouse.published.exists():  # a first build publishes, even an empty warehouse
        warehouse.discard_staging()
        return MaterializeResult(metadata={"status": "nothing new", "files_seen": len(found.files)})
    warehouse.start_staging()
    with warehouse.staging() as con:
        summary = ingest(con, found, changed, utc_now())
    return MaterializeResult(metadata={"batch": batch_key(found, changed), **asdict(summary)})


@asset(group_name="timeline", deps=[claim_mentions, event_mentions], op_tags=WRITES_STAGING,
       description="Near-copy documents linked, claim mentions merged into observations, conflicts marked.")
def observations(config: RebuildConfig, warehouse: WarehouseResource) -> MaterializeResult:
    if config.rebuild and not warehouse.has_staging():
        warehouse.start_staging()
    with warehouse.staging() as con:
        if con is None:
            return NOTHING_NEW_RESULT
        copies = link_duplicates(con)
        counts = cluster_claims(con)
    return MaterializeResult(metadata={"near_copy_documents": copies, **counts})


@asset(group_name="timeline", deps=[event_mentions, observations], op_tags=WRITES_STAGING,
       description="Event mentions merged into real-world events.")
def events(warehouse: WarehouseResource) -> MaterializeResult:
    with warehouse.staging() as con:
        if con is None:
            return NOTHING_NEW_RESULT
        counts = cluster_events(con)
    return MaterializeResult(metadata=counts)


@asset(group_name="timeline", deps=[observations, events], op_tags=WRITES_STAGING,
       description="The staging warehouse checkpointed and atomically moved over the published file.")
def published_warehouse(warehouse: WarehouseResource) -> MaterializeResult:
    published = warehouse.publish()
    return MaterializeResult(metadata={"published": published, "path": str(warehouse.published)})


@asset(group_name="timeline", deps=[published_warehouse],
       description="Charts of the busiest published series and a map of the most mapped metric's latest figure per "
                   "place, drawn into <warehouse stem>_charts/ beside the warehouse and shown here.")
def timeline_charts(warehouse: WarehouseResource) -> MaterializeResult:
    folder = charts_folder(warehouse.published)
    metadata: dict[str, MetadataValue] = {}
    with warehouse.read_published() as con:
        if con is None:
            return NOTHING_NEW_RESULT
        for metric, location in busiest_series(con):
            out = folder / chart_file_name(metric, location)
            draw_series(read_series(con, metric, location), out, f"{metric} in {location}")
            image = base64.b64encode(out.read_bytes()).decode()
            markdown = f"![{metric} in {location}](data:image/png;base64,{image})"
            metadata[f"{metric} / {location}"] = MetadataValue.md(markdown)
        metric = busiest_metric(con)
        if metric:
            latest = read_latest(con, metric)
            if not latest.is_empty():
                out = draw_map(latest, folder / map_file_name(metric), f"{metric}: latest figure per place")
                draw_map(latest, out.with_suffix(".html"), f"{metric}: latest figure per place")
                image = base64.b64encode(out.read_bytes()).decode()
                metadata[f"map / {metric}"] = MetadataValue.md(f"![map of {metric}](data:image/png;base64,{image})")
    return MaterializeResult(metadata={"folder": MetadataValue.path(str(folder)), **metadata})


TIMELINE_ASSETS = [raw_documents, documents, claim_mentions, event_mentions, observations, events,
                   published_warehouse, timeline_charts]
