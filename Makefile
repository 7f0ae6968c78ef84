# Two entry points for a fresh machine with only Python 3.11, pip and make:
#   make demo   set up, build the warehouse from the bundled sample corpus, print the timelines
#   make test   set up, lint, run the tests
#   make test-fast   lint and run the tests not marked slow (under a minute: for development)
#   make bench  every speed figure of docs/benchmarks.md in one run (about an hour on 2 quiet cores)
VENV ?= .venv
PY := $(VENV)/bin/python
TIMELINE := $(VENV)/bin/timeline

.PHONY: demo test test-fast test-bi superset setup clean bench

setup: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $@

demo: setup
	$(TIMELINE) build
	$(TIMELINE) query "SELECT location, count_kind, period_start, as_of, value, value_min, value_max, n_sources, has_conflict FROM control_timeline ORDER BY location, as_of"
	$(TIMELINE) query "SELECT location, count_kind, period_start, as_of, value, value_min, value_max, n_sources, has_conflict FROM displacement_timeline ORDER BY location, count_kind, as_of"

test: setup
	$(VENV)/bin/ruff check .
	$(PY) -m pytest

test-fast: setup
	$(VENV)/bin/ruff check .
	$(PY) -m pytest -m "not slow"

# Superset beside the project (own venv .venv-superset), the warehouse registered read-only, the dashboard imported
superset: setup
	test -f warehouse/timeline.duckdb || $(TIMELINE) build
	bi/superset/setup.sh warehouse/timeline.duckdb

# The BI tier: installs Superset and checks the dashboard's charts through its REST API (not part of make test)
test-bi: setup
	TIMELINE_BI_TESTS=1 $(PY) -m pytest -m bi

bench: setup
	$(PY) -m pip install --quiet quantulum3 psutil
	$(PY) benchmarks/bench_scale.py $(BENCH_ARGS)

clean:
	rm -rf $(VENV) warehouse/*.duckdb warehouse/*.lock warehouse/*_charts warehouse/*_dagster warehouse/dagster_home .venv-superset .superset
