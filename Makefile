# forum-eval: the two commands a new user needs are `make report` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp

.PHONY: install report report-en a1r all compare test lab notebooks example bench bench-quick clean results-schema

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test,lab]'
	touch $(STAMP)

install: $(STAMP)

## make report: run the example forum -> reports/example/report.html, results.json, notebooks
report: $(STAMP)
	$(BIN)/forum-eval run surveys/example --out reports/example

report-en: $(STAMP)
	$(BIN)/forum-eval run surveys/example --out reports/example-en --lang en

a1r: $(STAMP)
	$(BIN)/forum-eval run surveys/a1r --out reports/a1r

## make all: every forum under surveys/ in parallel (unchanged forums are skipped)
all: $(STAMP)
	$(BIN)/forum-eval run surveys/*/ --reports reports

## make compare: every forum, then the forums side by side -> reports/compare/report.html
compare: all
	$(BIN)/forum-eval compare $$(ls reports/*/results.json | grep -v '/compare/') --out reports/compare

## make results-schema: results.schema.json and docs/results-json.md from toolkit/report/schemas/results_fields.yml
results-schema: $(STAMP)
	$(BIN)/python scripts/results_schema.py

## make test: lint (ruff), the architecture's import contracts (import-linter), the whole test suite
test: $(STAMP)
	$(BIN)/ruff check toolkit tests scripts bench notebooks
	$(BIN)/lint-imports
	$(BIN)/python -m pytest

## make lab: JupyterLab at the repository root, opened on notebooks/ (defaults: the example forum);
## saving strips outputs; extra arguments in LAB_ARGS (e.g. make lab LAB_ARGS=--allow-root as root)
LAB_ARGS ?=
lab: $(STAMP)
	PATH="$(CURDIR)/$(BIN):$$PATH" $(BIN)/jupyter lab --ServerApp.root_dir="$(CURDIR)" \
	  --config=scripts/lab_config.py --LabApp.default_url=/lab/tree/notebooks $(LAB_ARGS)

## make notebooks: write each notebooks/*.ipynb from its paired .py (jupytext), without outputs; refuses
## a pair whose .ipynb is newer than an edited .py
notebooks: $(STAMP)
	$(BIN)/python scripts/notebook_hygiene.py sync notebooks

## make example: regenerate the synthetic example forum from its seed
example: $(STAMP)
	$(BIN)/python scripts/make_example.py surveys/example
	$(BIN)/python scripts/make_synthetic_set.py surveys
	$(BIN)/python scripts/make_dri_voorbeeld.py surveys/dri-voorbeeld

## make bench: the benchmark (writes bench/results.md); bench-quick proves it works in a few minutes
bench: $(STAMP)
	$(BIN)/python bench/run.py

bench-quick: $(STAMP)
	$(BIN)/python bench/run.py --quick --out /tmp/forum-eval-bench-quick.md

clean:
	rm -rf reports/*/ .pytest_cache
