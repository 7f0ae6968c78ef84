"""The Dagster Definitions: what `dagster dev -m orchestration` and `timeline ui` load."""

from dagster import Definitions

from orchestration.assets import TIMELINE_ASSETS
from orchestration.checks import TIMELINE_CHECKS
from orchestration.jobs import build_job, rebuild_job
from orchestration.resources import WarehouseResource
from orchestration.schedules import nightly_rebuild
from orchestration.sensors import inbox_sensor

defs = Definitions(
    assets=TIMELINE_ASSETS,
    asset_checks=TIMELINE_CHECKS,
    jobs=[build_job, rebuild_job],
    sensors=[inbox_sensor],
    schedules=[nightly_rebuild],
    resources={"warehouse": WarehouseResource()},
)
