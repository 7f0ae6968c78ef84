"""The `timeline` command as a new user meets it: help on every option, output formats on list columns, start-up
that imports only what a command needs, and the files a warehouse keeps beside it."""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

from etl import export
from orchestration import cli_analyst
from orchestration.cli import main, parser
from orchestration.paths import charts_folder, dagster_home

REPO = Path(__file__).resolve().parents[1]


def _subcommands(top: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    (action,) = [a for a in top._actions if isinstance(a, argparse._SubParsersAction)]
    return dict(action.choices)


def test_every_subcommand_and_option_has_help():
    top = parser()
    commands = _subcommands(top)
    assert {"build", "query", "ui", "dictionary", "export", "chart", "search"} <= set(commands)
    (sub_action,) = [a for a in top._actions if isinstance(a, argparse._SubParsersAction)]
    assert {c.dest for c in sub_action._choices_actions} == set(commands)
    assert all(c.help for c in sub_action._choices_actions)
    missing = [f"{name} {action.dest}" for name, command in commands.items() for action in command._actions
               if not isinstance(action, argparse._HelpAction) and not action.help]
    assert missing == []


def test_export_formats_of_the_parser_are_those_export_writes():
    assert tuple(sorted(export.COPY_OPTIONS)) == cli_analyst.EXPORT_FORMATS


def _query(warehouse: Path, sql: str, fmt: str, capsys) -> str:
    assert main(["query", sql, "--warehouse", str(warehouse), "--format", fmt]) == 0
    return capsys.readouterr().out


def test_query_csv_and_json_carry_list_columns(sample_warehouse, capsys):
    sql = "SELECT event_id, actors, event_date FROM events WHERE len(actors) > 0 ORDER BY event_id"
    table = list(csv.DictReader(io.StringIO(_query(sample_warehouse, sql, "csv", capsys))))
    records = json.loads(_query(sample_warehouse, sql, "json", capsys))
    assert len(table) == len(records) > 3
    for row, record in zip(table, records, strict=True):
        assert json.loads(row["actors"]) == record["actors"] and isinstance(record["actors"], list)
        assert row["event_date"] == record["event_date"] and len(row["event_date"]) == 10  # ISO dates in both
    timeline = "SELECT observation_ids, has_conflict, value FROM control_timeline ORDER BY as_of LIMIT 3"
    for row in csv.DictReader(io.StringIO(_query(sample_warehouse, timeline, "csv", capsys))):
        assert all(len(i) == 16 for i in json.loads(row["observation_ids"]))
        assert row["has_conflict"] in ("True", "False") and float(row["value"]) >= 0


def test_query_table_shows_every_row(sample_warehouse, capsys):
    out = _query(sample_warehouse, "SELECT doc_id, title FROM documents ORDER BY doc_id", "table", capsys)
    assert out.count("│") > 14 * 2 and "doc_id" in out.splitlines()[1]
    assert sum(1 for line in out.splitlines() if line.startswith("│") and "varchar" not in line) == 1 + 14


def _modules_after(code: str) -> set[str]:
    """The top-level modules a fresh interpreter has loaded after running `code`."""
    probe = f"{code}\nimport sys; print(' '.join(sorted({{m.split('.')[0] for m in sys.modules}})))"
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True, cwd=REPO,
                         env={**os.environ, "PYTHONPATH": str(REPO)}).stdout
    return set(out.splitlines()[-1].split())


def test_help_and_query_import_neither_dagster_nor_polars_nor_matplotlib(sample_warehouse):
    heavy = {"dagster", "polars", "matplotlib", "pyarrow"}
    assert _modules_after("from orchestration.cli import parser; parser().format_help()") & heavy == set()
    query = (f"from orchestration.cli import main; main(['query', 'SELECT count(*) FROM documents', "
             f"'--warehouse', {str(sample_warehouse)!r}])")
    assert _modules_after(query) & heavy == set()


def test_orchestration_package_still_exposes_defs_to_dagster():
    import orchestration

    assert "defs" in dir(orchestration) and orchestration.defs.resolve_job_def("build_timeline")


def test_companions_are_named_after_the_warehouse_stem(tmp_path, monkeypatch):
    monkeypatch.delenv("DAGSTER_HOME", raising=False)
    a, b = tmp_path / "a.duckdb", tmp_path / "b.duckdb"
    assert (charts_folder(a), dagster_home(a)) == (tmp_path / "a_charts", tmp_path / "a_dagster")
    assert charts_folder(a) != charts_folder(b) and dagster_home(a) != dagster_home(b)
    monkeypatch.setenv("DAGSTER_HOME", str(tmp_path / "mine"))
    assert dagster_home(a) == tmp_path / "mine"
