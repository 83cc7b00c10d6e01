# The two commands of the README, and a few more. Each target installs what it lacks first
# (scripts/bootstrap.sh), so a fresh Debian 12 clone needs nothing else.
#   make run    build (optimised), create the database if there is none, serve on http://127.0.0.1:8080
#   make test   build with sanitizers and warnings as errors, start a throwaway PostgreSQL, run every test
#   make bench  build optimised with benchmarks and run them
SHELL := /bin/bash
.DEFAULT_GOAL := help
DB_FILE ?= var/haven.db
HAVEN_DB ?= sqlite:$(DB_FILE)
LISTEN ?= 127.0.0.1:8080
# A freed block stays poisoned (use-after-free caught) until 16 MB more have been freed. With ASan's
# default of 256 MB nearly every block a test process gets is memory never touched before, and first
# touches are dear on the build machine: an allocation-heavy test ran 8.6 s with 256 MB, 6.7 s with 16.
export ASAN_OPTIONS ?= detect_leaks=1:abort_on_error=1:quarantine_size_mb=16
export UBSAN_OPTIONS ?= print_stacktrace=1:halt_on_error=1

.PHONY: help run test reliability bench load fuzz build release deps-run deps-test deps-bench deps-fuzz format clean e2e-deps

help:
	@echo "make run    - build and serve haven on http://$(LISTEN) with a demo database"
	@echo "make test   - build with sanitizers, start PostgreSQL, run every test (ctest)"
	@echo "make bench  - run the benchmarks and the load test (see docs/PERFORMANCE.md)"
	@echo "make load   - the HTTP load test alone: 64 connections, mixed requests, vs nginx"
	@echo "make reliability - kill a serving haven 200 times per database (docs/RELIABILITY.md)"
	@echo "make fuzz   - build the libFuzzer targets with clang, run each FUZZ_SECONDS (default 60)"
	@echo "make format - clang-format every source file"

deps-run:
	@scripts/bootstrap.sh run
deps-test:
	@scripts/bootstrap.sh test
deps-bench:
	@scripts/bootstrap.sh bench
deps-fuzz:
	@scripts/bootstrap.sh fuzz

release: deps-run
	cmake --preset release >/dev/null
	cmake --build --preset release

# A new database becomes a demo database: a synthetic municipality (5,000 children, seed 7) and demo
# users for every role (README, "Demo logins"); an existing one is left alone. serve prints the logins.
run: release
	@mkdir -p var
	@if [ ! -f $(DB_FILE) ]; then \
	  echo "creating $(DB_FILE) as a demo database (synthetic data only, no real person's data)"; \
	  build/release/bin/haven demo --country SE --children 5000 --seed 7 --db $(HAVEN_DB); fi
	build/release/bin/haven migrate --db $(HAVEN_DB)
	build/release/bin/haven serve --db $(HAVEN_DB) --listen $(LISTEN)

# playwright-core drives Debian's /usr/bin/chromium; it never downloads a browser.
e2e-deps: deps-test tests/e2e/node_modules/.package-lock.json
tests/e2e/node_modules/.package-lock.json: tests/e2e/package-lock.json
	cd tests/e2e && npm ci --no-audit --no-fund --loglevel=error

test: deps-test e2e-deps
	cmake --preset test >/dev/null
	cmake --build --preset test
	scripts/with_postgres.sh ctest --preset test

# The long fault runs of docs/RELIABILITY.md: 200 SIGKILLs of a serving haven per database.
reliability: deps-test
	cmake --preset test >/dev/null
	cmake --build --preset test --target haven
	HAVEN_CRASH_KILLS=$${HAVEN_CRASH_KILLS:-200} scripts/with_postgres.sh bash tests/reliability/crash_test.sh $(CURDIR)/build/test/bin/haven
	HAVEN_PG_RESTARTS=$${HAVEN_PG_RESTARTS:-20} HAVEN_PG_KILLS=$${HAVEN_PG_KILLS:-20} scripts/with_postgres.sh bash tests/reliability/pg_restart_test.sh $(CURDIR)/build/test/bin/haven
	HAVEN_BACKUPS=$${HAVEN_BACKUPS:-10} scripts/with_postgres.sh bash tests/reliability/backup_under_load_test.sh $(CURDIR)/build/test/bin/haven

bench: deps-bench
	cmake --preset bench >/dev/null
	cmake --build --preset bench
	scripts/run_benchmarks.sh
	$(MAKE) --no-print-directory load
# The HTTP load test (bench/load/, docs/PERFORMANCE.md "Load"): 64 connections of mixed requests on a
# demo database of LOAD_CHILDREN (default 100,000) children, then the case read against nginx.
load: deps-bench
	cmake --preset bench >/dev/null
	cmake --build --preset bench --target haven
	bench/load/run_load.sh $(CURDIR)/build/bench/bin/haven
# libFuzzer with clang-14 in build/fuzz, every target of tests/fuzz/ for FUZZ_SECONDS each; a crash
# fails the run and is saved under build/fuzz/artifacts/ (docs/RELIABILITY.md, "Fuzzing").
fuzz: deps-fuzz
	FUZZ_SECONDS=$${FUZZ_SECONDS:-60} tests/fuzz/run_fuzzers.sh

eval-search: deps-bench ; scripts/eval_search.sh $(CHILDREN)  # haven vs FTS5 vs pg_trgm (docs/PERFORMANCE.md)

format:
	find src tests bench -name '*.h' -o -name '*.cpp' | xargs clang-format -i

clean:
	rm -rf build
