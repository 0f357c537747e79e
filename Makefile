# The two commands of the README: `make run` (main job) and `make test` (test suite). Both set up what they need.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: venv run index test lint eval bench local-llm clean

$(STAMP): requirements.txt requirements-dev.txt pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -r requirements-dev.txt
	$(BIN)/pip install -q --no-deps -e .
	touch $(STAMP)

venv: $(STAMP)

# goguide is the project's console script (goguide_cli.py), installed by `pip install -e .` above.
# Syncs the default corpus (upstream git when reachable, else Go distributions from the registries) and builds the
# symbol and lexical indexes; the app then serves at once and fills in the vectors in the background.
run: venv
	$(BIN)/goguide sync
	$(BIN)/goguide index --no-embed
	$(BIN)/goguide serve

# The whole index, vectors included, without serving.
index: venv
	$(BIN)/goguide sync
	$(BIN)/goguide index

# Browser tests drive Debian's Chromium; a CJK font makes Chinese readable in their screenshots.
test: venv
	@test -x /usr/bin/chromium || [ "$$GOGUIDE_SKIP_BROWSER" = 1 ] || \
	  (apt-get update -q && apt-get install -y -q chromium fonts-wqy-microhei)
	$(BIN)/python -m pytest -q -p no:cacheprovider

lint: venv
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy .

# The full evaluation on the real index (thresholds checked here, not in the unit tests).
eval: venv
	$(BIN)/goguide eval verify --facts evals/facts
	$(BIN)/goguide eval run --facts evals/facts --out artifacts/evals/latest
	$(BIN)/goguide eval thresholds --summary artifacts/evals/latest/summary.json

# Opt-in offline model: builds llama-cpp-python for this CPU (6-40 min on 2 cores), fetches and verifies the 1.1 GB GGUF.
local-llm: venv
	bash scripts/install_local_llm.sh

bench: venv
	$(BIN)/python bench/query.py

clean:
	rm -rf $(VENV) build *.egg-info
