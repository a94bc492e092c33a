# Two commands do all set-up on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint bench build clean clean-native

# (the matching modules are compiled at install: an edit of one reinstalls)
$(STAMP): pyproject.toml setup.py $(wildcard src/uavscreen/native.py src/uavscreen/matching/*.py src/uavscreen/names/*.py)
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[dev]'
	touch $(STAMP)

build: $(STAMP)

demo: $(STAMP)
	$(BIN)/uavscreen lists status
	$(BIN)/uavscreen match "Qods Aviation Industries" --schema Company --country IR
	$(BIN)/uavscreen goods "STM32F407VGT6 microcontroller" --hs 8542.31
	$(BIN)/uavscreen screen examples/shipments.jsonl --out report.html

lint: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/mypy

test: lint
	UAVSCREEN_EXPECT_NATIVE=1 $(BIN)/pytest -q

bench: $(STAMP)
	$(BIN)/python -m pip install -q -e '.[bench]'
	for b in bench/bench_*.py; do $(BIN)/python $$b || exit 1; done

clean-native:
	find src -name '*.so' -delete
	rm -f $(STAMP)

clean: clean-native
	rm -rf $(VENV) build dist src/*.egg-info .pytest_cache .mypy_cache .ruff_cache
