# Relais — make run | make test | make bench | make install
#
# Every target installs the Debian packages it needs (scripts/install-deps.sh, sudo when
# not root), so a fresh Debian/Ubuntu machine with Swift is enough.

SWIFT ?= swift
CONFIG ?= config/relais.yaml
PREFIX ?= /usr/local
DESTDIR ?=

.PHONY: run test bench build release install deps-run deps-test deps-bench clean

deps-run:
	@scripts/install-deps.sh run

deps-test:
	@scripts/install-deps.sh test

deps-bench:
	@scripts/install-deps.sh bench

build: deps-run
	$(SWIFT) build

release: deps-run
	$(SWIFT) build -c release --product relaisd
	$(SWIFT) build -c release --product relaisctl

## make run: build in release mode, load the sample members on first run, start relaisd in the foreground.
run: release
	@mkdir -p var/outbox
	@if [ ! -f var/relais.sqlite ]; then \
		.build/release/relaisctl member import config/members.sample.csv --config $(CONFIG) && \
		echo "loaded the sample members from config/members.sample.csv" >&2; \
	fi
	exec .build/release/relaisd --config $(CONFIG)

## make test: install what the tests need, build, run every test (unit, integration, end to end).
test: deps-test
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

clean:
	rm -rf .build var
