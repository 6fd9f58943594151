# legiskg: `make demo` and `make test` each set up .venv on a fresh machine.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STORE  ?= kg-store

.PHONY: demo test soak system-deps bench bench-quick clean help

help:
	@echo "make demo        set up .venv, build examples/ into ./$(STORE), write exports/, print a saved query"
	@echo "make test        set up .venv with test extras and system packages, run the whole suite"
	@echo "make bench       run the benchmarks (make bench-quick: under a minute)"
	@echo "make soak        run kg serve under mixed clients for 10 minutes (make test runs it for one)"

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q -U pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml $(VENV)/.installed
	$(BIN)/pip install -q -e '.[test,bench]'
	touch $@

system-deps:
	bash scripts/system-deps.sh

demo: $(VENV)/.installed
	@mkdir -p exports
	$(BIN)/kg build examples --store $(STORE)
	$(BIN)/kg export --store $(STORE) --format turtle --output exports/graph.ttl
	$(BIN)/kg export --store $(STORE) --format json-ld --output exports/graph.jsonld
	@if $(BIN)/kg viz --help >/dev/null 2>&1; then $(BIN)/kg viz --store $(STORE) --output exports/graph.html; fi
	$(BIN)/kg query --store $(STORE) --saved penalties-by-country

test: $(VENV)/.installed-test system-deps
	$(BIN)/python -m pytest -q

# make test runs the soak test for about a minute; this runs it longer (KG_SOAK_SECONDS=...)
KG_SOAK_SECONDS ?= 600
soak: $(VENV)/.installed-test
	KG_SOAK_SECONDS=$(KG_SOAK_SECONDS) $(BIN)/python -m pytest -q -s tests/test_soak.py \
		-o timeout=$$(( $(KG_SOAK_SECONDS) + 300 ))

bench: $(VENV)/.installed-test
	$(BIN)/python benchmarks/run.py

bench-quick: $(VENV)/.installed-test
	$(BIN)/python benchmarks/run.py --quick

clean:
	rm -rf $(VENV) $(STORE) .pytest_cache .hypothesis
