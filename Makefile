# The two commands of the README. Each first installs whatever is missing (scripts/setup.sh).
SHELL := /bin/bash
export PATH := $(HOME)/.cargo/bin:$(CURDIR)/.tools/node_modules/.bin:$(PATH)
export CHROMEDRIVER ?= /usr/bin/chromedriver
export CHROME_BIN ?= /usr/bin/chromium
# Long enough for the browser unit tests on a 2-core machine.
export WASM_BINDGEN_TEST_TIMEOUT ?= 120

ADDRESS ?= 127.0.0.1
PORT ?= 8080

.PHONY: setup serve build test test-native test-browser test-e2e bench fuzz

setup:
	@bash scripts/setup.sh

## Serve the app (release build) at http://$(ADDRESS):$(PORT)/ with the sample article.
serve: setup
	@echo "Serving Article Annotator at http://$(ADDRESS):$(PORT)/ (Ctrl+C stops)"
	trunk serve --release --no-autoreload --address $(ADDRESS) --port $(PORT)

## Build the static site into dist/ (host it with any static file server).
build: setup
	trunk build --release

## Every test: native core, components in headless Chromium, end-to-end flows in headless Chromium.
test: setup test-native test-browser build test-e2e

test-native:
	cargo fmt --all -- --check
	cargo test --all-targets
	# The fuzz targets compile against the current core (a check on stable; fuzzing needs nightly).
	cargo check --manifest-path fuzz/Cargo.toml --bins

test-browser:
	cargo test --target wasm32-unknown-unknown --test web --test web_storage --test web_state --test web_components --test web_exports --test web_core

test-e2e:
	node --test --test-concurrency=1 tests/e2e/

## Benchmarks against peers in headless Chromium, plus the core's criterion benchmarks (BENCHMARKS.md).
bench: setup
	npm ci --prefix bench --no-audit --no-fund
	node bench/run.mjs

## Fuzz every core border for FUZZ_SECONDS seconds per target (default 600; nightly + cargo-fuzz).
fuzz:
	@bash scripts/fuzz.sh
