"""Register the warehouse in Superset (read-only) and import the shipped dashboard; or check its charts return rows.

Runs in Superset's own venv (bi/superset/setup.sh), through Superset's REST API on an in-process test client, so
no server has to be started:

    python bi/superset/provision.py import WAREHOUSE    # database, datasets, charts, dashboard (dashboard.json)
    python bi/superset/provision.py check               # prints {chart name: rows} as JSON; exit 1 if one is empty

Importing again replaces what the last import made (same names), so re-running after a new build is safe.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

SPEC = json.loads((Path(__file__).with_name("dashboard.json")).read_text())
ROW_LIMIT = 10_000


class Api:
    """Superset's REST API, logged in as the admin setup.sh created."""

    def __init__(self) -> None:
        from superset.app import create_app

        self.app = create_app()
        self.client = self.app.test_client()
        token = self.call("POST", "/api/v1/security/login",
                          {"username": "admin", "password": "admin", "provider": "db", "refresh": False})
        self.headers = {"Authorization": f"Bearer {token['access_token']}"}

    def call(self, method: str, path: str, body: dict | None = None) -> dict[str, Any]:
        response = self.client.open(path, method=method, json=body, headers=getattr(self, "headers", {}))
        if response.status_code >= 400:
            raise RuntimeError(f"{method} {path}: {response.status_code} {response.get_data(as_text=True)[:500]}")
        return response.get_json()

    def find(self, resource: str, column: str, value: str) -> list[int]:
        """Ids of the resource's objects whose `column` is `value` (a local install holds few: one page of 100)."""
        listed = self.call("GET", f"/api/v1/{resource}/?q=(page_size:100)")["result"]
        return [r["id"] for r in listed if r.get(column) == value]


def _line(dataset: int, series: str) -> tuple[dict, dict]:
    """A line per `series` value of the view's `value` over `as_of`: the chart's params and saved query context."""
    metric = {"expressionType": "SIMPLE", "column": {"column_name": "value"}, "aggregate": "MAX", "label": "value"}
    params = {"viz_type": "echarts_timeseries_line", "datasource": f"{dataset}__table", "x_axis": "as_of",
              "time_grain_sqla": "P1D", "metrics": [metric], "groupby": [series], "adhoc_filters": [],
              "row_limit": ROW_LIMIT, "markerEnabled": True}
    axis = {"columnType": "BASE_AXIS", "sqlExpression": "as_of", "label": "as_of", "expressionType": "SQL",
            "timeGrain": "P1D"}
    query = {"columns": [axis, series], "metrics": [metric], "orderby": [[metric, False]], "row_limit": ROW_LIMIT,
             "filters": [], "extras": {"having": "", "where": ""}}
    return params, {"queries": [query]}


def _table(dataset: int, columns: list[str]) -> tuple[dict, dict]:
    """A plain table of the view's rows: params and saved query context."""
    params = {"viz_type": "table", "datasource": f"{dataset}__table", "query_mode": "raw", "all_columns": columns,
              "adhoc_filters": [], "row_limit": ROW_LIMIT}
    return params, {"queries": [{"columns": columns, "metrics": [], "orderby": [], "row_limit": ROW_LIMIT,
                                 "filters": [], "extras": {"having": "", "where": ""}}]}


def import_dashboard(api: Api, warehouse: Path) -> dict[str, int]:
    """Database (read-only URI), one dataset per view, the charts and the dashboard of dashboard.json."""
    for dashboard in api.find("dashboard", "slug", SPEC["slug"]):
        api.call("DELETE", f"/api/v1/dashboard/{dashboard}")
    for chart in SPEC["charts"]:
        for old in api.find("chart", "slice_name", chart["name"]):
            api.call("DELETE", f"/api/v1/chart/{old}")
    uri = f"duckdb:///{warehouse.resolve()}?access_mode=read_only"
    existing = api.find("database", "database_name", SPEC["database"])
    body = {"database_name": SPEC["database"], "sqlalchemy_uri": uri, "expose_in_sqllab": True}
    if existing:
        database = existing[0]
        api.call("PUT", f"/api/v1/database/{database}", body)
    else:
        database = api.call("POST", "/api/v1/database/", body)["id"]
    dashboard = api.call("POST", "/api/v1/dashboard/", {"dashboard_title": SPEC["title"], "slug": SPEC["slug"],
                                                        "published": True})["id"]
    charts: dict[str, int] = {}
    for chart in SPEC["charts"]:
        found = [d for d in api.find("dataset", "table_name", chart["view"])]
        dataset = found[0] if found else api.call("POST", "/api/v1/dataset/", {
            "database": database, "schema": "main", "table_name": chart["view"]})["id"]
        api.call("PUT", f"/api/v1/dataset/{dataset}/refresh")  # columns as the view has them now
        params, context = (_line(dataset, chart["series"]) if chart["kind"] == "line"
                           else _table(dataset, chart["columns"]))
        context |= {"datasource": {"id": dataset, "type": "table"}, "form_data": params, "result_format": "json",
                    "result_type": "full"}
        charts[chart["name"]] = api.call("POST", "/api/v1/chart/", {
            "slice_name": chart["name"], "viz_type": params["viz_type"], "datasource_id": dataset,
            "datasource_type": "table", "params": json.dumps(params), "query_context": json.dumps(context),
            "dashboards": [dashboard]})["id"]
    api.call("PUT", f"/api/v1/dashboard/{dashboard}", {"position_json": json.dumps(_layout(charts))})
    return charts


def _layout(charts: dict[str, int]) -> dict[str, Any]:
    """Two charts per row, each half the grid's width."""
    layout: dict[str, Any] = {"DASHBOARD_VERSION_KEY": "v2",
                              "ROOT_ID": {"type": "ROOT", "id": "ROOT_ID", "children": ["GRID_ID"]},
                              "GRID_ID": {"type": "GRID", "id": "GRID_ID", "children": [], "parents": ["ROOT_ID"]}}
    items = list(charts.items())
    for r in range(0, len(items), 2):
        row = f"ROW-{r // 2}"
        layout["GRID_ID"]["children"].append(row)
        layout[row] = {"type": "ROW", "id": row, "children": [], "parents": ["ROOT_ID", "GRID_ID"],
                       "meta": {"background": "BACKGROUND_TRANSPARENT"}}
        for name, chart in items[r:r + 2]:
            key = f"CHART-{chart}"
            layout[row]["children"].append(key)
            layout[key] = {"type": "CHART", "id": key, "children": [], "parents": ["ROOT_ID", "GRID_ID", row],
                           "meta": {"chartId": chart, "width": 6, "height": 50, "sliceName": name}}
    return layout


def check(api: Api) -> dict[str, int]:
    """Rows each chart of the dashboard returns, asked the way Superset's frontend and reports ask."""
    [dashboard] = api.find("dashboard", "slug", SPEC["slug"])
    rows = {}
    for chart in api.call("GET", f"/api/v1/dashboard/{dashboard}/charts")["result"]:
        data = api.call("GET", f"/api/v1/chart/{chart['id']}/data/")
        rows[chart["slice_name"]] = sum(result["rowcount"] for result in data["result"])
    return rows


def main(argv: list[str]) -> int:
    api = Api()  # no app context around the calls: each request must get its own (and its own logged-in user)
    if argv[:1] == ["import"] and len(argv) == 2:
        print(json.dumps(import_dashboard(api, Path(argv[1]))))
        return 0
    if argv == ["check"]:
        rows = check(api)
        print(json.dumps(rows))
        return 0 if len(rows) == len(SPEC["charts"]) and all(rows.values()) else 1
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
