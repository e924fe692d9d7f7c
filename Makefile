# Two commands do everything on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
OUT := out

.PHONY: demo test lint bench clean serve java

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev,bench]'
	touch $(STAMP)

# planner import/export read and write Microsoft Project and P6 files with MPXJ, which needs Java
java:
	@command -v java >/dev/null 2>&1 || (apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq default-jre-headless >/dev/null)

demo: $(STAMP) java
	$(BIN)/planner validate scenarios/bank_core_replacement.yaml
	$(BIN)/planner solve scenarios/bank_core_replacement.yaml --time-limit 30 --workers 2 \
		-o $(OUT)/bank/schedule.json -o $(OUT)/bank/schedule.xlsx -o $(OUT)/bank/schedule.csv
	$(BIN)/planner check scenarios/bank_core_replacement.yaml $(OUT)/bank/schedule.csv
	$(BIN)/planner whatif scenarios/bank_core_replacement.yaml --slip payments=2w \
		--baseline $(OUT)/bank/schedule.json --time-limit 30 --workers 2 \
		-o $(OUT)/bank/whatif-payments-2w.json -o $(OUT)/bank/whatif-payments-2w.xlsx
	$(BIN)/planner solve-scenario scenarios/bank/lose-data-architect-in-march.yaml \
		--baseline $(OUT)/bank/schedule.json --time-limit 30 --workers 2 \
		-o $(OUT)/bank/lose-data-architect.json
	$(BIN)/planner compare scenarios/bank_core_replacement.yaml \
		scenarios/bank/payments-vendor-slips-two-weeks.yaml scenarios/bank/lose-data-architect-in-march.yaml \
		scenarios/bank/tester-hiring-freeze.yaml --baseline $(OUT)/bank/schedule.json \
		--time-limit 20 --workers 2 -o $(OUT)/bank/comparison.html -o $(OUT)/bank/comparison.xlsx
	$(BIN)/planner explain scenarios/bank_core_replacement.yaml --schedule $(OUT)/bank/schedule.json \
		--time-limit 30 --workers 2
	$(BIN)/planner explain scenarios/examples/bank_tight_golive.yaml --time-limit 30 --workers 2
	$(BIN)/planner fund scenarios/funding/full-funding.yaml scenarios/funding/cut-20-percent.yaml \
		scenarios/funding/freeze-q4-2027.yaml --time-limit 30 --workers 2 --explain-time-limit 15 \
		-o $(OUT)/funding/answers.json
	$(BIN)/planner solve scenarios/mes_rollout.yaml --time-limit 30 --workers 2 \
		-o $(OUT)/mes/schedule.json -o $(OUT)/mes/schedule.xlsx

# The API tests run on SQLite and on a throwaway PostgreSQL cluster on a loopback port (Debian's
# postgresql package, installed here when missing; tests/api/pg_cluster.sh starts and removes it)
test: $(STAMP) java
	@ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1 || (apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null)
	tests/api/pg_cluster.sh $(BIN)/pytest

lint: $(STAMP)
	$(BIN)/ruff check planner api tests benchmarks
	$(BIN)/ruff format --check planner api tests benchmarks
	$(BIN)/mypy planner api benchmarks

# Quick benchmark subset (about 8 minutes on 2 cores); figures and options in docs/benchmarks.md
bench: $(STAMP)
	$(BIN)/python -m benchmarks.run --quick --workers 2 --out $(OUT)/bench/quick

serve: $(STAMP)
	$(BIN)/planner serve --host $(or $(HOST),127.0.0.1) --port $(or $(PORT),8000)

clean:
	rm -rf $(VENV) $(OUT)
