"""Batches of inbox files as dynamic partitions: one Dagster run per batch, never one per file."""

from dagster import DynamicPartitionsDefinition

from etl.ids import content_id
from etl.ingest_stage import Scan

inbox_batches = DynamicPartitionsDefinition(name="inbox_batches")


def batch_key(found: Scan, changed: list[str]) -> str:
    """A partition key derived from the batch's files and fingerprints: the same batch, the same key."""
    rows = found.fingerprints.filter(found.fingerprints["input_file"].is_in(changed)).sort("input_file").rows()
    return "batch-" + content_id(*(f"{name}:{size}:{mtime}" for name, size, mtime in rows), *sorted(changed))
