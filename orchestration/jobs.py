"""Jobs. Both write the one warehouse, so both carry a tag the instance's run queue limits to one run at a
time (see orchestration/paths.py INSTANCE_YAML), and both run with the warehouse's writer lock held for the whole
run (locked): the same lock `timeline build` takes, so a CLI build and a sensor, schedule or UI run wait for each other.

build_timeline runs in one process by default, like `timeline build`: a Dagster-launched run of a few articles
then costs about what the CLI's does, where a process per step (about 20 steps, each importing and connecting)
cost a minute. With `processes: true` each step gets its own process (the multiprocess executor, `max_concurrent`
at once), so the shards of a per-document asset (their `shards` config) are extracted side by side: worth it with
more cores than this machine's 2. That is safe with one DuckDB file because the graph orders every step that writes
the staging warehouse after every step before it (orchestration/assets.py, orchestration/extraction.py).
rebuild_observations is a chain of three writers with nothing to run side by side, so it stays in one process.
What changes for the Kubernetes executor is in docs/scaling.md.
"""

from collections.abc import Iterator
from typing import Any

from dagster import (
    AssetSelection,
    DagsterEvent,
    ExecutorDefinition,
    Field,
    InitExecutorContext,
    define_asset_job,
    in_process_executor,
    multi_or_in_process_executor,
)
from dagster._core.execution.context.system import PlanOrchestrationContext
from dagster._core.execution.plan.plan import ExecutionPlan
from dagster._core.execution.retries import RetryMode
from dagster._core.execution.step_dependency_config import StepDependencyConfig
from dagster._core.executor.base import Executor

from etl import store
from orchestration.assets import TIMELINE_ASSETS, events, observations, published_warehouse
from orchestration.resources import WarehouseResource

WRITER_TAG = {"timeline/warehouse": "writer"}



class WarehouseLocked(Executor):
    """An executor that runs the whole plan holding the warehouse's writer lock (etl.store.build_lock). It runs in
    the run's own process, which outlives every step; step processes start by forkserver and do not inherit it."""

    def __init__(self, inner: Executor) -> None:
        self._inner = inner

    def execute(self, plan_context: PlanOrchestrationContext, execution_plan: ExecutionPlan) -> Iterator[DagsterEvent]:
        config = plan_context.run_config.get("resources", {}).get("warehouse", {}).get("config", {})
        with store.build_lock(WarehouseResource(**config).published.resolve(), plan_context.log.warning):
            yield from self._inner.execute(plan_context, execution_plan)

    @property
    def retries(self) -> RetryMode:
        return self._inner.retries

    @property
    def step_dependency_config(self) -> StepDependencyConfig:
        return self._inner.step_dependency_config


def locked(definition: ExecutorDefinition) -> ExecutorDefinition:
    """`definition` with the warehouse's writer lock held around every run it executes."""

    def create(context: InitExecutorContext) -> Executor:
        return WarehouseLocked(definition.executor_creation_fn(context))

    return ExecutorDefinition(name=definition.name, config_schema=definition.config_schema,
                              requirements=definition.get_requirements, executor_creation_fn=create,
                              description=definition.description)


def _executor_config(config: dict[str, Any]) -> dict[str, Any]:
    """In-process, or a process per step. forkserver with the definitions preloaded: each step process is forked
    from one that has imported Dagster, DuckDB and the stages instead of importing them anew (a sample-corpus
    build: about 20 s instead of 60 s with spawn)."""
    if not config["processes"]:
        return {"in_process": {}}
    start = {"forkserver": {"preload_modules": ["orchestration.definitions"]}}
    return {"multiprocess": {"max_concurrent": config["max_concurrent"], "start_method": start}}


timeline_executor = locked(multi_or_in_process_executor.configured(
    _executor_config, name="timeline_executor",
    config_schema={
        "processes": Field(bool, default_value=False, description="A process per step (for shards side by side)."),
        "max_concurrent": Field(int, default_value=2, description="Step processes at once (with processes)."),
    },
))

build_job = define_asset_job(
    "build_timeline", selection=AssetSelection.assets(*TIMELINE_ASSETS),
    executor_def=timeline_executor, tags=WRITER_TAG,
    description="Ingest one batch of inputs, extract, deduplicate and publish (inputs: $TIMELINE_INBOX, else the "
                "sample corpus; execution processes: true and documents/claim_mentions/event_mentions shards > 0 "
                "fan extraction out over step processes).",
)
rebuild_job = define_asset_job(
    "rebuild_observations", selection=AssetSelection.assets(observations, events, published_warehouse),
    executor_def=locked(in_process_executor), tags=WRITER_TAG,
    config={"ops": {"observations": {"config": {"rebuild": True}}}},
    description="Recompute documents' near-copies, observations and events over the whole warehouse.",
)
