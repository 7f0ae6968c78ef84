"""The Dagster Definitions: what `dagster dev -m orchestration` and `timeline ui` load."""

from __future__ import annotations

from dagster import Definitions, define_asset_job

from orchestration.assets import TIMELINE_ASSETS
from orchestration.checks import TIMELINE_CHECKS
from orchestration.resources import WarehouseResource

build_job = define_asset_job("build_timeline", selection=TIMELINE_ASSETS)

defs = Definitions(
    assets=TIMELINE_ASSETS,
    asset_checks=TIMELINE_CHECKS,
    jobs=[build_job],
    resources={"warehouse": WarehouseResource()},
)
