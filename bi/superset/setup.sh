#!/usr/bin/env bash
# Install Superset in its own venv beside the project, register a warehouse read-only and import the shipped
# dashboard (bi/superset/dashboard.json: control, displacement and casualty timelines, conflicting figures).
#   bi/superset/setup.sh [WAREHOUSE]      (default: $TIMELINE_WAREHOUSE, else warehouse/timeline.duckdb)
# Settings: SUPERSET_VENV (default .venv-superset), SUPERSET_HOME (Superset's metadata, default .superset).
# Then: SUPERSET_CONFIG_PATH=bi/superset/superset_config.py $SUPERSET_VENV/bin/superset run -p 8088
# and open http://127.0.0.1:8088/superset/dashboard/event-timeline/ (user admin, password admin).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
warehouse="$(realpath "${1:-${TIMELINE_WAREHOUSE:-$root/warehouse/timeline.duckdb}}")"
venv="${SUPERSET_VENV:-$root/.venv-superset}"
export SUPERSET_HOME="${SUPERSET_HOME:-$root/.superset}"
export SUPERSET_CONFIG_PATH="$here/superset_config.py"
export FLASK_APP=superset
[ -f "$warehouse" ] || { echo "no warehouse at $warehouse: run timeline build first" >&2; exit 2; }
if [ ! -x "$venv/bin/superset" ]; then
    python3 -m venv "$venv"
    "$venv/bin/python" -m pip install --quiet --upgrade pip
fi
"$venv/bin/python" -m pip install --quiet -r "$here/requirements.txt"
"$venv/bin/superset" db upgrade
"$venv/bin/superset" fab create-admin --username admin --firstname event --lastname timeline \
    --email admin@localhost --password admin || true   # already there on a second run
"$venv/bin/superset" init
"$venv/bin/python" "$here/provision.py" import "$warehouse"
echo "Superset: dashboard 'event-timeline' on $warehouse (read-only); serve with"
echo "  SUPERSET_CONFIG_PATH=$SUPERSET_CONFIG_PATH SUPERSET_HOME=$SUPERSET_HOME $venv/bin/superset run -p 8088"
