# Two commands set everything up on a fresh machine:
#   make demo   - create .venv, install, analyse the bundled example archive
#   make test   - create .venv, install, run ruff and the test suite
PY ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint bench models examples clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/python -m svsamverkan.demo corpora/examples/archive out/demo

test: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/python -m pytest svsamverkan tests

lint: $(STAMP)
	$(BIN)/ruff check .

examples: $(STAMP)
	$(BIN)/python scripts/build_examples.py

models: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[build]'
	nice $(BIN)/python scripts/build_gazetteers.py
	$(BIN)/python scripts/build_repair_model.py
	$(BIN)/python corpora/sections/build_corpus.py
	$(BIN)/python scripts/train_sections.py

bench: $(STAMP)
	$(BIN)/python bench/repair.py
	$(BIN)/python bench/participants.py
	$(BIN)/python bench/decisions.py
	$(BIN)/python bench/sections.py
	$(BIN)/python bench/batch.py

clean:
	rm -rf $(VENV) out .pytest_cache .ruff_cache
