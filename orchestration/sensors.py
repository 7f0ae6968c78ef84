"""The inbox sensor: files that arrived (or changed) since the last publication form one batch.

State lives where it cannot drift: the published warehouse's input_files (fingerprint + content
hash) says what was already ingested, and the batch key is derived from the batch's files, so a
restarted daemon, a re-delivered identical file, or a tick during a running batch never starts a
duplicate run (Dagster skips a run_key it has seen). The cursor only records the last batch key.
"""

import os
from pathlib import Path

from dagster import DefaultSensorStatus, RunRequest, SensorEvaluationContext, SensorResult, SkipReason, sensor

from etl.ingest_stage import changed_files, scan
from orchestration.jobs import build_job
from orchestration.partitions import BATCH_TAG, batch_key
from orchestration.resources import WarehouseResource, warehouse_files


@sensor(job=build_job, minimum_interval_seconds=30, default_status=DefaultSensorStatus.RUNNING,
        description="New or changed files in $TIMELINE_INBOX become one batch run.")
def inbox_sensor(context: SensorEvaluationContext, warehouse: WarehouseResource) -> SensorResult | SkipReason:
    inbox = os.environ.get("TIMELINE_INBOX")
    if not inbox or not Path(inbox).is_dir():
        return SkipReason("TIMELINE_INBOX is not set to an existing folder")
    found = scan([Path(inbox)], warehouse_files(warehouse.published))
    with warehouse.read_published() as published:
        changed = changed_files(published, found)
    if not changed:
        return SkipReason(f"nothing new among {len(found.files)} files")
    key = batch_key(found, changed)
    config = {"paths": [str(Path(inbox).resolve())]}
    request = RunRequest(run_key=key, tags={BATCH_TAG: key, "timeline/files": str(len(changed))},
                         run_config={"ops": {"raw_documents": {"config": config}}})
    return SensorResult(run_requests=[request], cursor=key)
