"""Batches of inbox files: one Dagster run per batch, never one per file, named by a key derived from its files.

The assets are not partitioned: a batch is a run (tagged `timeline/batch`, its key also in raw_documents'
metadata), so the UI's "Materialize all" and `dagster asset materialize --select '*'` launch a build with no
partition to pick (the inputs default to $TIMELINE_INBOX, else the sample corpus).
"""

from etl.ids import content_id
from etl.ingest_stage import Scan

BATCH_TAG = "timeline/batch"


def batch_key(found: Scan, changed: list[str]) -> str:
    """A key derived from the batch's files and fingerprints: the same batch, the same key (the sensor's run key)."""
    rows = found.fingerprints.filter(found.fingerprints["input_file"].is_in(changed)).sort("input_file").rows()
    return "batch-" + content_id(*(f"{name}:{size}:{mtime}" for name, size, mtime in rows), *sorted(changed))
