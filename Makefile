# Quick start:  make site   (build the example campaign site and handbooks into public/ and print/)
#               make test   (run the whole test suite)
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: site test venv system-deps test-deps bench clean

$(BIN)/chabaocu: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev]'
	touch $@

venv: $(BIN)/chabaocu

system-deps:
	bash tools/system-deps.sh site

site: venv system-deps
	$(BIN)/chabaocu build
	@echo
	@echo "网站已生成：用浏览器打开 $(CURDIR)/public/index.html"
	@echo "活动手册：$(CURDIR)/public/handbook/ ；各镇督导手册（内部资料，勿公开发布）：$(CURDIR)/print/handbook/"

test-deps: venv
	bash tools/system-deps.sh test
	@if [ -f tools/node/package.json ]; then cd tools/node && npm ci --silent --no-audit --no-fund; fi

# Lint, then every test on every core (`.venv/bin/pytest -m "not slow"` while you work).
test: test-deps
	$(BIN)/ruff check
	$(BIN)/pytest -n auto

bench: venv
	$(BIN)/python bench/run.py

clean:
	rm -rf public print .cache
