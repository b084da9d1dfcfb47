# Two commands do everything: `make reports` and `make test`.
# Each builds the virtual environment (.venv), installs the package with its
# dev extra and checks the NLTK resources when needed; a second run skips
# what is already done.

PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
CORPUS ?= data/raw
OUT    ?= reports
ARGS   ?=

.PHONY: reports test setup nltk browser bench clean-cache help

help:
	@echo "make reports [CORPUS=path] [OUT=dir]   render every notebook to HTML"
	@echo "make test                              run the test suite"
	@echo "make browser                           install Chromium for the browser tests (Debian, as root)"
	@echo "make bench                             run the benchmarks (needs ../shared/corpus)"
	@echo "make clean-cache                       delete the corpus and annotation caches"

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python >= 3.11 is needed; found " + sys.version.split()[0] + ". Run: make PYTHON=/path/to/python3.11 ...")'
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	@touch $(STAMP)

setup: $(STAMP)
	@$(PY) -m analysis setup

# Chromium renders the reports in the browser tests; without it they are skipped (and say so).
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "Installing Chromium for the browser tests (apt-get install chromium) ..."; \
	    export DEBIAN_FRONTEND=noninteractive; \
	    { apt-get update -qq && apt-get install -y -qq --no-install-recommends chromium >/dev/null; } \
	      || echo "Chromium could not be installed: the browser tests will be skipped." >&2; \
	  else \
	    echo "Chromium is not installed: the browser tests will be skipped (sudo apt-get install chromium, or make browser as root)." >&2; \
	  fi; }

# pytest exits 5 when it collected no test: that is a failure, not a pass.
test: setup browser
	@$(PY) -m pytest $(ARGS); rc=$$?; \
	if [ $$rc -eq 5 ]; then echo "make test: pytest collected no tests (exit 5)" >&2; exit 1; fi; exit $$rc

reports: setup
	$(PY) -m analysis render --corpus "$(CORPUS)" --out "$(OUT)" $(ARGS)

bench: setup
	@for b in benchmarks/bench_*.py; do echo "== $$b"; $(PY) $$b || exit 1; done

clean-cache:
	find data/processed -mindepth 1 ! -name .gitkeep -exec rm -rf {} +
