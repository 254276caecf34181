# The two commands: `make run` and `make test`. Both install what is missing first.
SHELL := bash
TOOLS_DIR ?= $(HOME)/.local/share/notice-studio
export NOTICE_TOOLS_DIR := $(TOOLS_DIR)
export PATH := $(TOOLS_DIR)/bin:$(HOME)/.cargo/bin:$(PATH)

.PHONY: run test build bench
run: build
	@echo "Notice Studio is served at http://127.0.0.1:8080 (Ctrl+C stops it)"
	node scripts/serve.mjs 8080

test:
	@scripts/setup.sh test
	@python3 scripts/test.py

# The release bundle in dist/, as `make test` builds it: the editor, then the
# mail-merge page into dist/merge/ (the editor's build replaces dist/ whole),
# then the service worker that caches them both.
build:
	@scripts/setup.sh build
	trunk build --release --offline
	trunk build merge.html --release --offline --dist dist/merge
	python3 scripts/offline.py dist

# Every benchmark (check engine, storage load, keystroke latency, runaways, mail
# merge, other engines, bundle size), printed against its target and written to
# BENCHMARKS.md with the machine and the date.
bench: build
	@scripts/setup.sh test
	python3 scripts/bench.py
