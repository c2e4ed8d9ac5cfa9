# The contract used everywhere (README, CI): setup, test, run.
SHELL := /bin/bash
VENV := .venv
BIN := $(VENV)/bin
export NUMJUDGE_DATA_DIR ?= var

.PHONY: setup host venv image web chromium run test lint typecheck validate lock benchmark benchmark-load benchmark-throughput benchmark-login benchmark-cli clean

setup: host venv image web chromium

# The site: migrate, load problems, first accounts, Redis if none answers, uvicorn + a worker.
run: setup
	@bash scripts/run.sh

# Docker engine, debootstrap, redis-server, docker-compose: installed (and dockerd started)
# when missing, on Debian as root.
host:
	@bash scripts/setup-host.sh

venv: $(VENV)/.installed

$(VENV)/.installed: requirements.lock pyproject.toml
	python3 -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check --require-hashes -r requirements.lock
	# A plain path in a .pth (compat mode), not an import hook: every command starts faster.
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps --config-settings editable_mode=compat -e .
	touch $@

# The NumPy-only sandbox image, built offline (debootstrap + a local wheel) when missing.
image: host venv
	@$(BIN)/python -m sandbox.image ensure $(NUMJUDGE_DATA_DIR)/sandbox-build

# The browser front-end: npm ci, then esbuild into web/static/dist (skipped when fresh).
web:
	@bash scripts/build-web.sh

# Debian's Chromium for the browser tests: installed when missing, never downloaded.
chromium:
	@bash scripts/install-chromium.sh

test: setup lint typecheck
	$(BIN)/pytest

lint: venv
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# mypy --strict over api/, sandbox/, worker/; the benchmarks, each file named (imported from a
# named one they would go unchecked: the editable install puts the repository on the path as
# installed code, which mypy silences); then each problem package's probes and checks
# (one run per package: their modules share names).
typecheck: venv
	$(BIN)/mypy
	$(BIN)/mypy --strict benchmarks/*.py benchmarks/scenarios/*.py
	@for package in problems/*/; do \
		$(BIN)/mypy --strict --no-error-summary "$${package}probes.py" "$${package}checks.py" || exit 1; \
	done

validate: setup
	$(BIN)/numjudge problems validate

benchmark: setup
	$(BIN)/python benchmarks/judge_overhead.py

# The platform under load: its own PostgreSQL database, Redis db, uvicorn and workers.
benchmark-load: setup
	$(BIN)/python benchmarks/load.py

# Judging throughput (issue 10): CPU seconds per judging, then a burst of submissions from
# many users with one worker and with two (rate against the bound, none lost, fairness).
benchmark-throughput: setup
	$(BIN)/python benchmarks/load.py --phases throughput

# The API's memory under bursts of parallel logins (bounded password hashing).
benchmark-login: setup
	$(BIN)/python benchmarks/login_memory.py

# How long `numjudge judge` takes beyond the judging itself (start, imports, Docker).
benchmark-cli: setup
	$(BIN)/python benchmarks/cli_start.py

# Regenerate the lock file after changing dependencies in pyproject.toml.
lock:
	uv pip compile pyproject.toml --extra dev --generate-hashes --python-version 3.11 -q -o requirements.lock

clean:
	-$(BIN)/numjudge sandbox cleanup --all
	rm -rf $(VENV)

