"""Periodic full recomputation of deduplication (new rules, lexicon edits, late near-copies)."""

from dagster import ScheduleDefinition

from orchestration.jobs import rebuild_job

nightly_rebuild = ScheduleDefinition(
    name="nightly_rebuild", job=rebuild_job, cron_schedule="0 3 * * *", execution_timezone="UTC",
    description="Every night at 03:00 UTC: recompute observations and events over the whole warehouse.",
)
