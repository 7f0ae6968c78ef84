"""event-timeline extraction: pure functions from article text to dated figures and events.

No Dagster here: orchestration/ wires these stages into assets.
"""
