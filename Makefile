# GammaSurface — `make help` lists the targets. On a fresh machine `make run` and `make test`
# are all you need: both install the system packages they use first (`make setup`).
SHELL := /bin/bash
.DEFAULT_GOAL := help

# SIMD level for release builds (run, bench, test): detected from this host at make time.
#   make run SIMD=portable   → baseline x86-64 (SSE2) code that runs on any x86-64 CPU
#   make run SIMD=avx2       → AVX2 + FMA          make run SIMD=avx512 → AVX2 + FMA + AVX-512F
HOST_SIMD := $(shell if grep -qw avx512f /proc/cpuinfo 2>/dev/null; then echo avx512; \
               elif grep -qw avx2 /proc/cpuinfo 2>/dev/null && grep -qw fma /proc/cpuinfo 2>/dev/null; then echo avx2; \
               else echo portable; fi)
SIMD ?= $(HOST_SIMD)

APT_PACKAGES := libopenblas-dev liblapacke-dev zlib1g-dev libzstd-dev libssl-dev pkg-config python3-venv
# Test-only: headless Chromium renders report.html in HTMLReportTests (which skip without it). Installed by
# `make test`, not by `make run`: about 100 MB to download, 306 MB on disk, 19 packages.
TEST_APT_PACKAGES := chromium-headless-shell
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
RELEASE_DIR := .build-release
TEST_DIR := .build-test
SWIFT_RELEASE := GEX_SIMD=$(SIMD) swift build -c release --scratch-path $(RELEASE_DIR)
GEX := $(RELEASE_DIR)/release/gex
CHAIN := data/spx_quotedata_2023-09-14.csv
# Test-only Python peers (pyarrow, polars, DuckDB, …) live in their own venv, never in the system Python.
PEERS_VENV := Benchmarks/.venv
PEERS_REQUIREMENTS := Benchmarks/peers/requirements-test.txt
PEERS_PYTHON := $(CURDIR)/$(PEERS_VENV)/bin/python
REAL_CHAINS := $(wildcard ../shared/data/real/*quotedata*)

.PHONY: help setup setup-test peers-venv build release data test test-swift test-cli test-run test-tiny test-peers test-day-peer run bench bench-quick bench-check bench-peers check-imports check check-thread fuzz clean

# $(call apt-install,PACKAGES): apt-get install the missing ones (silent when all are present). Without
# Recommends: chromium's would add ~100 more packages (systemd, upower, mesa, …); the others have none.
define apt-install
missing=""; for p in $(1); do \
  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; done; \
if [ -n "$$missing" ]; then echo "setup: installing$$missing"; \
  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing >/dev/null; fi
endef

help: ## Show this help
	@grep -E '^[a-zA-Z_-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-14s %s\n", $$1, $$2}'
	@echo "  SIMD=$(SIMD) (host: $(HOST_SIMD)); override with SIMD=portable|avx2|avx512"

setup: ## Install the system packages the build needs (idempotent; silent when present)
	@$(call apt-install,$(APT_PACKAGES))
	@python3 -c "import numpy" 2>/dev/null || { echo "setup: installing numpy (test peer)"; python3 -m pip install -q numpy; }

setup-test: setup ## Also install what only the tests use (headless Chromium for the HTML report)
	@$(call apt-install,$(TEST_APT_PACKAGES))

peers-venv: $(PEERS_VENV)/.installed ## Create Benchmarks/.venv (pyarrow, polars, duckdb, …) for the peer tests (idempotent)

# Rebuilt only when requirements.txt changes; silent when up to date.
$(PEERS_VENV)/.installed: $(PEERS_REQUIREMENTS) | setup
	@echo "peers-venv: installing $(PEERS_REQUIREMENTS) into $(PEERS_VENV)"
	@[ -x $(PEERS_VENV)/bin/python ] || python3 -m venv $(PEERS_VENV)
	@$(PEERS_VENV)/bin/pip install -q --disable-pip-version-check -r $(PEERS_REQUIREMENTS)
	@touch $@

build: setup ## Debug build (portable)
	swift build

release: setup ## Release build with the host's SIMD (SIMD=$(SIMD))
	$(SWIFT_RELEASE)

test: setup-test check-imports test-swift test-cli test-run test-tiny test-peers test-day-peer ## All tests: Swift tests (release, host SIMD), CLI contract, gex run end to end, tiny chunks, Perfiliev and numpy day peer comparisons

test-swift: setup-test peers-venv
	GEX_PEERS_PYTHON=$(PEERS_PYTHON) GEX_SIMD=$(SIMD) swift test -c release --disable-swift-testing --scratch-path $(TEST_DIR)

test-cli: release ## The gex CLI contract: help, version, exit codes, JSON keys, --out files
	scripts/cli-smoke.sh $(GEX)

test-run: release peers-venv ## gex run end to end: determinism over 1/2/3/8 workers, NaN scan, readers, kill, exit codes
	scripts/run-checks.sh $(GEX) $(PEERS_PYTHON)

test-peers: release ## gex levels --convention perfiliev vs the independent numpy implementation, every real chain
	python3 Benchmarks/peers/compare_perfiliev.py --gex $(GEX) $(CHAIN) $(REAL_CHAINS)

test-day-peer: release peers-venv ## gex run vs the independent numpy day engine: generated days and the real DataShop samples, every table
	$(PEERS_PYTHON) Benchmarks/peers/compare_day.py --gex $(GEX)

test-tiny: release ## gex run with --chunk-size 1/2/3/7 on 1/2/3 workers: every output bit-identical to the default chunking
	scripts/test-tiny.sh $(GEX)

ASAN_DIR := .build-asan
# Leak detection off: LeakSanitizer's reports (~400 KB) all come from XCTest teardown blocks, Foundation.Process and
# static test fixtures — no frame in Sources/ (checked on 2026-11-25).
check: setup-test ## XCTest suite under AddressSanitizer (Swift and C) + UndefinedBehaviorSanitizer (C targets; swiftc has no UBSan)
	ASAN_OPTIONS=detect_leaks=0 swift test --sanitize=address -Xcc -fsanitize=undefined -Xcc -fno-sanitize-recover=undefined \
	  --disable-swift-testing --scratch-path $(ASAN_DIR)

check-thread: setup ## The parallel code's tests under ThreadSanitizer (PipelineTests, SnapshotEngineTests)
	swift test --sanitize=thread --disable-swift-testing --scratch-path .build-tsan --filter 'PipelineTests|SnapshotEngineTests'

FUZZ_SECONDS ?= 30
fuzz: setup ## libFuzzer on every reader (chain, DataShop, OPRA, gzip/zip stream, number/as-of parsers), FUZZ_SECONDS each (default 30)
	FUZZ_SECONDS=$(FUZZ_SECONDS) scripts/fuzz.sh

check-imports: ## Enforce the one-way layer rule on import lines
	@scripts/check-imports.sh

data: release ## Generate an SPX-size synthetic day (DataShop 60 s, ~1.5 GB uncompressed) into data/generated/
	mkdir -p data/generated
	$(GEX) generate --format datashop --underlying SPX --date 2024-01-19 --contracts 21000 --interval 60 --seed 1 \
	  --out data/generated/UnderlyingOptionsIntervals_60sec_calcs_oi_2024-01-19.csv.gz

DEMO_DAY := data/generated/demo_spx_2024-01-19_300s.csv.gz

run: release ## Levels of the committed real SPX chain, then a generated SPX day through gex run (report path printed)
	$(GEX) levels $(CHAIN)
	@mkdir -p data/generated
	@[ -f $(DEMO_DAY) ] || $(GEX) generate --contracts 8000 --interval 300 --date 2024-01-19 --seed 1 --out $(DEMO_DAY)
	$(GEX) run $(DEMO_DAY) --out out/demo --quiet

bench: setup ## Run every ordo-one benchmark (release, host SIMD; SPX-size inputs)
	cd Benchmarks && GEX_SIMD=$(SIMD) swift package --disable-sandbox benchmark --no-progress

bench-quick: setup ## Every benchmark briefly on small inputs (CI: they must build and run; timing never fails it)
	cd Benchmarks && GEX_BENCH_QUICK=1 GEX_SIMD=$(SIMD) swift package --disable-sandbox benchmark --no-progress

MALLOC_COUNTS := .build/malloc-counts

bench-check: setup ## Ratios measured within one process (kernel vs scalar loop, parser vs read), then every benchmark's mallocs per iteration against its budget (Benchmarks/thresholds.json)
	cd Benchmarks && GEX_SIMD=$(SIMD) swift run -c release --disable-sandbox RatioCheck thresholds.json
	rm -rf Benchmarks/$(MALLOC_COUNTS)
	cd Benchmarks && GEX_BENCH_QUICK=1 GEX_SIMD=$(SIMD) swift package --disable-sandbox --allow-writing-to-package-directory benchmark \
	  --metric mallocCountTotal --format metricP90AbsoluteThresholds --path $(MALLOC_COUNTS) --no-progress --quiet
	cd Benchmarks && GEX_SIMD=$(SIMD) swift run -c release --disable-sandbox MallocBudgetCheck thresholds.json $(MALLOC_COUNTS)

bench-peers: release ## The peers harness: numpy/scipy greeks, numpy Newton and py_vollib IV, Perfiliev numpy and pandas row-apply, pandas/polars CSV, side by side with ours
	Benchmarks/peers/run_peers.sh $(GEX)

clean: ## Remove build folders
	rm -rf .build $(RELEASE_DIR) $(TEST_DIR) $(ASAN_DIR) .build-tsan .build-fuzz Benchmarks/.build
