# ML Interview Guide — the two commands a contributor needs are `make serve` and `make test`.
# Both set everything up first: a virtual environment with the pinned Python packages, the
# locked front-end packages, and the system packages the browser tests need.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
# Silence Material's end-of-life banner, printed on every build.
export NO_MKDOCS_2_WARNING := 1
export PYTHONDONTWRITEBYTECODE := 1

.DEFAULT_GOAL := help
.PHONY: help install system-packages serve build test audit bench pdf strip clean lock

help: ## List the commands
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F ':.*## ' '{printf "  make %-16s %s\n", $$1, $$2}'

$(BIN)/.installed: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund
	touch $@

install: $(BIN)/.installed node_modules/.installed ## Set up the Python and front-end packages

system-packages: ## Install Chromium and poppler-utils for the browser tests, if missing
	@bash scripts/install_system_packages.sh

serve: install ## Serve the site with live reload on http://127.0.0.1:8000
	SITE_URL=http://127.0.0.1:8000/ $(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000 --livereload

build: install ## Build the site into site/ (strict: any warning fails)
	$(BIN)/mkdocs build --strict

test: install system-packages ## Run the whole test suite (build, links, notebooks, snippets, browser)
	$(BIN)/pytest

audit: install system-packages ## Lighthouse on one page of each type (a11y, best practices, SEO = 100)
	$(BIN)/python -m scripts.audit

bench: install ## Measure build times, notebook run times and page weight
	$(BIN)/python -m scripts.bench

pdf: install system-packages ## Print every cheat sheet to PDF (A4, Letter, booklet) into build/pdf/
	$(BIN)/python -m scripts.print_cheatsheets

strip: install ## Remove outputs from every notebook in notebooks/
	$(BIN)/python -m scripts.notebooks strip

lock: ## Re-pin requirements.txt from requirements.in in a fresh environment
	rm -rf .lock-venv && $(PYTHON) -m venv .lock-venv
	.lock-venv/bin/pip install --quiet -r requirements.in
	{ echo "# Every Python dependency, pinned. Regenerate with 'make lock' after editing requirements.in."; \
	  .lock-venv/bin/pip freeze --exclude-editable; } > requirements.txt
	rm -rf .lock-venv

clean: ## Remove the build, caches and installed packages
	rm -rf site .cache .pytest_cache $(VENV) node_modules
