"""Superset settings for a local, read-only look at the warehouse (bi/superset/setup.sh points SUPERSET_CONFIG_PATH
here). Superset's own metadata lives in $SUPERSET_HOME (default .superset/ in the repository, git-ignored)."""

import os
from pathlib import Path

_HOME = Path(os.environ.get("SUPERSET_HOME") or Path(__file__).resolve().parents[2] / ".superset")
_HOME.mkdir(parents=True, exist_ok=True)

SQLALCHEMY_DATABASE_URI = f"sqlite:///{_HOME / 'superset.db'}"
# A local, single-user install: a fixed key is enough, a shared deployment must set its own.
SECRET_KEY = os.environ.get("SUPERSET_SECRET_KEY", "event-timeline-local-superset")
# The REST calls of provision.py carry a JWT, not a browser session: no CSRF token to fetch.
WTF_CSRF_ENABLED = False
# Superset refuses DuckDB files by path unless told (it guards against reading local files).
PREVENT_UNSAFE_DB_CONNECTIONS = False
FEATURE_FLAGS = {"DASHBOARD_RBAC": False}
