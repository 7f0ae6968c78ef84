"""Jobs. Both write the one DuckDB warehouse, so they run in-process (steps in order, one writer)
and carry a tag the instance's run queue limits to one run at a time (see instance_yaml)."""

from dagster import AssetSelection, define_asset_job, in_process_executor

from orchestration.assets import TIMELINE_ASSETS, events, observations, published_warehouse

WRITER_TAG = {"timeline/warehouse": "writer"}

build_job = define_asset_job(
    "build_timeline", selection=AssetSelection.assets(*TIMELINE_ASSETS),
    executor_def=in_process_executor, tags=WRITER_TAG,
    description="Ingest one batch of inputs, extract, deduplicate and publish.",
)
rebuild_job = define_asset_job(
    "rebuild_observations", selection=AssetSelection.assets(observations, events, published_warehouse),
    executor_def=in_process_executor, tags=WRITER_TAG,
    config={"ops": {"observations": {"config": {"rebuild": True}}}},
    description="Recompute documents' near-copies, observations and events over the whole warehouse.",
)

INSTANCE_YAML = """\
# Written by `timeline ui`: runs that write the warehouse wait for each other.
run_queue:
  max_concurrent_runs: 4
  tag_concurrency_limits:
    - key: "timeline/warehouse"
      limit: 1
"""
