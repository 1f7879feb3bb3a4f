# Newsdesk: `make help` lists the targets.
PYTHON ?= python3.11
VENV ?= .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
export NEWSDESK_DATA_DIR ?= $(CURDIR)/var

.DEFAULT_GOAL := help
.PHONY: help venv demo serve test test-fast lint format migrations bench bench-archive bench-peers clean browser varnish

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-12s %s\n", $$1, $$2}'

$(BIN)/newsdesk: pyproject.toml
	@# Debian splits venv out of Python; install it when the first try fails (needs root).
	$(PYTHON) -m venv $(VENV) || (apt-get update -qq && apt-get install -y -qq python3-venv && rm -rf $(VENV) && $(PYTHON) -m venv $(VENV))
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

venv: $(BIN)/newsdesk ## Create .venv and install Newsdesk with its test tools

browser: ## Install Debian's Chromium for the browser tests (as root; otherwise they skip)
	@command -v chromium >/dev/null || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq chromium >/dev/null; \
	  else echo "chromium is not installed and this is not root: browser tests will skip"; fi; }

varnish: ## Install Debian's Varnish and xkey module for the VCL tests (as root; otherwise they skip)
	@{ command -v varnishd >/dev/null && dpkg -s varnish-modules >/dev/null 2>&1; } || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq varnish varnish-modules >/dev/null; \
	  else echo "varnish is not installed and this is not root: the VCL tests will skip"; fi; }

demo: export NEWSDESK_BASE_URL ?= http://$(HOST):$(PORT)
# The worker runs beside the server, so email waits in the database queue as in production.
demo: export NEWSDESK_BACKGROUND_TASKS ?= database
demo: venv ## Migrate, load demo content if the site is empty, serve on 127.0.0.1:8000 with the worker
	DJANGO_SETTINGS_MODULE=newsdesk.config.settings.dev $(BIN)/newsdesk migrate --no-input -v 0
	DJANGO_SETTINGS_MODULE=newsdesk.config.settings.dev $(BIN)/newsdesk collectstatic --no-input -v 0
	DJANGO_SETTINGS_MODULE=newsdesk.config.settings.dev $(BIN)/newsdesk load_demo
	DJANGO_SETTINGS_MODULE=newsdesk.config.settings.dev $(BIN)/newsdesk optimize_database -v 0
	DJANGO_SETTINGS_MODULE=newsdesk.config.settings.dev $(BIN)/newsdesk serve --host $(HOST) --port $(PORT) --with-worker

# One test process per core (pytest-xdist), each test file kept in one process for its fixtures,
# the files in pytest-django's order: tests that commit (and empty the database) after the others.
PYTEST_PROCESSES ?= auto

test: venv browser varnish ## Run the whole suite, browser and Varnish tests included, one process per core
	$(BIN)/pytest -n $(PYTEST_PROCESSES) --dist loadfile --no-loadscope-reorder

test-fast: venv ## Run the suite without slow and browser tests
	$(BIN)/pytest -m "not slow and not browser"

lint: venv ## Check formatting and lint with ruff
	$(BIN)/ruff format --check .
	$(BIN)/ruff check .

format: venv ## Format and fix with ruff
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

migrations: venv ## Check that no model change lacks a migration
	DJANGO_SETTINGS_MODULE=newsdesk.config.settings.test $(BIN)/newsdesk makemigrations --check --dry-run

BENCH_VENV ?= .bench-venv
BENCH_DEBS := wrk nginx varnish varnish-modules
BENCH_ARGS ?=
API_BENCH_ARGS ?=

bench-peers: venv ## Install the serving benchmark's peers: Debian packages (as root), granian and Isso in .bench-venv
	@missing=""; for tool in wrk nginx varnishd; do command -v $$tool >/dev/null || [ -x /usr/sbin/$$tool ] || missing="$$missing $$tool"; done; \
	  ls /usr/lib/*/varnish/vmods/libvmod_xkey.so >/dev/null 2>&1 || missing="$$missing varnish-modules"; \
	  if [ -n "$$missing" ]; then \
	    if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq $(BENCH_DEBS) >/dev/null \
	      || { echo "make bench: could not install $(BENCH_DEBS) with apt-get"; exit 1; }; \
	    else echo "make bench: missing$$missing; install as root: apt-get install $(BENCH_DEBS)"; exit 1; fi; fi
	@# Our server and plain Wagtail: granian in a venv that sees .venv's packages (not a dependency of ours).
	@test -x $(BENCH_VENV)/server/bin/granian || { $(PYTHON) -m venv $(BENCH_VENV)/server \
	  && $(BENCH_VENV)/server/bin/pip install --quiet 'granian>=2.8,<3' \
	  && echo "import site; site.addsitedir('$$($(BIN)/python -c "import sysconfig; print(sysconfig.get_paths()['purelib'])")')" \
	     > "$$($(BENCH_VENV)/server/bin/python -c "import sysconfig; print(sysconfig.get_paths()['purelib'])")/newsdesk-venv.pth"; } \
	  || { rm -rf $(BENCH_VENV)/server; echo "make bench: could not install granian from PyPI into $(BENCH_VENV)/server"; exit 1; }
	@# Isso, the comment server peer, in a venv of its own.
	@test -x $(BENCH_VENV)/isso/bin/granian || { $(PYTHON) -m venv $(BENCH_VENV)/isso \
	  && $(BENCH_VENV)/isso/bin/pip install --quiet 'isso>=0.13,<0.15' 'granian>=2.8,<3'; } \
	  || { rm -rf $(BENCH_VENV)/isso; echo "make bench: could not install isso and granian from PyPI into $(BENCH_VENV)/isso"; exit 1; }

bench: bench-peers ## The API's story list against its section page; breaking-news serving against nginx, Varnish, plain Wagtail, Isso; live coverage, embedded and behind Varnish (API_BENCH_ARGS, BENCH_ARGS, LIVE_BENCH_ARGS=--help)
	@# First: it needs none of the peers, and the steps after it stop make when a goal is missed.
	$(BIN)/python bench/api_story_list.py $(API_BENCH_ARGS)
	$(BIN)/python -m bench.serving $(BENCH_ARGS)
	$(BIN)/python bench/live_coverage.py --varnish $(LIVE_BENCH_ARGS)

bench-archive: venv ## Stories as snippets against stories as pages (4-7 minutes)
	$(BIN)/python bench/stories_as_snippets.py

clean: ## Remove the virtual environments (keeps var/, the demo's data)
	rm -rf $(VENV) $(BENCH_VENV) build *.egg-info
