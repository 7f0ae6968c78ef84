"""Jobs. Both write the one warehouse, so both carry a tag the instance's run queue limits to one run at a
time (see orchestration/paths.py INSTANCE_YAML).

build_timeline runs each step in its own process (the multiprocess executor, `max_concurrent` processes at
once, 2 by default: the cores of this machine), so the shards of a per-document asset are extracted side by
side. That is safe with one DuckDB file because the graph orders every step that writes the staging warehouse
after every step before it (orchestration/assets.py, orchestration/extraction.py). rebuild_observations is a
chain of three writers with nothing to run side by side, so it stays in one process. What changes for the
Kubernetes executor is in docs/scaling.md.
"""

from dagster import AssetSelection, Field, define_asset_job, in_process_executor, multiprocess_executor

from orchestration.assets import TIMELINE_ASSETS, events, observations, published_warehouse

WRITER_TAG = {"timeline/warehouse": "writer"}

# forkserver with orchestration preloaded: each step process is forked from one that has imported Dagster, DuckDB
# and the stages, instead of importing them anew (a sample-corpus build: about 20 s instead of 60 s with spawn)
timeline_executor = multiprocess_executor.configured(
    lambda config: {"max_concurrent": config["max_concurrent"],
                    "start_method": {"forkserver": {"preload_modules": ["orchestration.definitions"]}}},
    name="multiprocess",
    config_schema={"max_concurrent": Field(int, default_value=2, description="Steps running at once.")},
)

build_job = define_asset_job(
    "build_timeline", selection=AssetSelection.assets(*TIMELINE_ASSETS),
    executor_def=timeline_executor, tags=WRITER_TAG,
    description="Ingest one batch of inputs, extract (shards side by side), deduplicate and publish.",
)
rebuild_job = define_asset_job(
    "rebuild_observations", selection=AssetSelection.assets(observations, events, published_warehouse),
    executor_def=in_process_executor, tags=WRITER_TAG,
    config={"ops": {"observations": {"config": {"rebuild": True}}}},
    description="Recompute documents' near-copies, observations and events over the whole warehouse.",
)
