# Relais — make run | make test | make bench | make install | make deb
#
# Every target installs the Debian packages it needs (scripts/install-deps.sh, sudo when
# not root), so a fresh Debian/Ubuntu machine with Swift is enough.

SWIFT ?= swift
# Release binaries carry the Swift runtime (no dependency on the toolchain's folder once
# installed), and run a little faster and smaller.
RELEASE = -c release --static-swift-stdlib
CONFIG ?= config/relais.yaml
PREFIX ?= /usr/local
DESTDIR ?=

.PHONY: run test test-deb bench build release man completions install install-activate uninstall deb deps-run deps-test deps-deb deps-bench clean

deps-run:
	@scripts/install-deps.sh run

deps-test:
	@scripts/install-deps.sh test

deps-bench:
	@scripts/install-deps.sh bench

deps-deb:
	@scripts/install-deps.sh deb

build: deps-run
	$(SWIFT) build

release: deps-run
	$(SWIFT) build $(RELEASE) --product relaisd
	$(SWIFT) build $(RELEASE) --product relaisctl

## make run: build in release mode, load the sample members on first run, start relaisd in the foreground,
## with the members' web endpoint on http://127.0.0.1:8025 (the links in var/outbox/*.eml work there).
run: release
	@mkdir -p var/outbox
	@if [ ! -f var/relais.sqlite ]; then \
		.build/release/relaisctl member import config/members.sample.csv --create-lists --config $(CONFIG) && \
		echo "loaded the sample members from config/members.sample.csv" >&2; \
	fi
	exec .build/release/relaisd --config $(CONFIG)

## make test: install what the tests need, build, run every test (unit, integration, end to end).
# Tests run in parallel. The suites that wait synchronously on processes and servers are marked
# `.blocking` (Tests/RelaisTestSupport/BlockingTestTrait.swift): they run on threads of their own,
# one suite per core at a time, so they never hold Swift's cooperative pool (two threads on two
# cores) that the async tests need.
test: deps-test
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

## make bench: release builds, then the in-process benchmarks (recurrence, templates, compose…),
## SMTP throughput against smtp-sink (scripts/bench-smtp.sh) and the daemon end to end
## (scripts/bench-daemon.sh: 100,000-member announcement, delivery rate, peak and idle RSS) and the members'
## web endpoint under wrk (scripts/bench-web.sh: one-click POST and unsubscribe page, requests/s and p99),
## and one, two, three relaisd on one PostgreSQL queue beside one on SQLite (scripts/bench-postgres.sh).
bench: deps-bench
	$(SWIFT) build $(RELEASE) --product relais-bench
	$(SWIFT) build $(RELEASE) --product relaisd
	$(SWIFT) build $(RELEASE) --product relaisctl
	.build/release/relais-bench
	scripts/bench-smtp.sh
	scripts/bench-daemon.sh
	scripts/bench-web.sh
	scripts/bench-postgres.sh

clean:
	rm -rf .build var

## make deb: relais_<version>_<arch>.deb and relais-dbgsym_<version>_<arch>.deb in $(DEB_DIR), from the
## release binaries (stripped), man pages and completions, with dpkg-deb (scripts/build-deb.sh;
## the maintainer scripts, changelog and copyright header are in packaging/deb/). Then lintian.
DEB_DIR ?= .build/deb
deb: deps-deb release man completions
	@deb=$$(scripts/build-deb.sh $(DEB_DIR)) && echo "built $$deb ($$(du -h "$$deb" | cut -f1))" && \
	  echo "lintian $$deb and its -dbgsym" && lintian --fail-on error "$$deb" "$$(echo "$$deb" | sed 's|/relais_|/relais-dbgsym_|')"

## make test-deb: make deb, then the package tests (Tests/EndToEndTests/PackageTests.swift): install into a
## fresh root with dpkg --root, run the installed programs, reinstall over itself, remove, purge.
## Kept out of `make test`: a release build from scratch takes longer than all the other tests together.
test-deb: deps-test deb
	$(SWIFT) build --build-tests
	RELAIS_DEB=$$(ls -t $(CURDIR)/$(DEB_DIR)/relais_*_$$(dpkg --print-architecture).deb | head -1) \
	  $(SWIFT) test --skip-build --no-parallel --filter PackageTests

## make install [PREFIX=/usr/local] [DESTDIR=]: binaries, unit, sysusers/tmpfiles, templates, example config.
##
## systemd reads units, sysusers.d and tmpfiles.d from /usr/lib and /usr/local/lib, so for
## PREFIX=/usr or /usr/local they go to $(PREFIX)/lib/...; /etc stays the administrator's, for
## drop-ins. For any other PREFIX they go to /etc. `make install-activate` (root, real installs
## only) creates the user and directories and enables the service. Build first: make release.
BINDIR ?= $(PREFIX)/bin
DATADIR ?= $(PREFIX)/share/relais
SYSCONFDIR ?= /etc/relais
RELEASE_DIR ?= .build/release
INSTALL ?= install

ifneq ($(filter /usr /usr/local,$(PREFIX)),)
SYSTEMD_BASE ?= $(PREFIX)/lib
else
SYSTEMD_BASE ?= /etc
endif
UNITDIR ?= $(SYSTEMD_BASE)/systemd/system
SYSUSERSDIR ?= $(SYSTEMD_BASE)/sysusers.d
TMPFILESDIR ?= $(SYSTEMD_BASE)/tmpfiles.d
MANDIR ?= $(PREFIX)/share/man
BASHCOMPDIR ?= $(PREFIX)/share/bash-completion/completions
ZSHCOMPDIR ?= $(PREFIX)/share/zsh/site-functions
FISHCOMPDIR ?= $(PREFIX)/share/fish/vendor_completions.d

# Man pages and completions are generated from the built binaries into $(GENERATED).
GENERATED ?= .build/share
MAN_DATE ?= $(shell git log -1 --format=%cs 2>/dev/null || date +%F)
ARGUMENT_PARSER ?= .build/checkouts/swift-argument-parser
GENERATE_MANUAL = .build/argument-parser-tools/debug/generate-manual

## make man: relaisctl(1) and relaisd(8) from the argument-parser definitions (swift-argument-parser's
## generate-manual tool), relais.yaml(5) from the configuration key table (relaisctl config keys).
man:
	@for binary in relaisd relaisctl; do \
	  test -x "$(RELEASE_DIR)/$$binary" || { echo "man: $(RELEASE_DIR)/$$binary is missing; run 'make release' first" >&2; exit 1; }; \
	done
	@test -d "$(ARGUMENT_PARSER)" || $(SWIFT) package resolve
	$(SWIFT) build --package-path "$(ARGUMENT_PARSER)" --scratch-path .build/argument-parser-tools --product generate-manual
	mkdir -p "$(GENERATED)/man"
	$(GENERATE_MANUAL) "$(RELEASE_DIR)/relaisctl" --section 1 --date $(MAN_DATE) --output-directory "$(GENERATED)/man"
	$(GENERATE_MANUAL) "$(RELEASE_DIR)/relaisd" --section 8 --date $(MAN_DATE) --output-directory "$(GENERATED)/man"
	@# generate-manual copies the blank lines of the commands' discussions, which mdoc warns about
	@# ("Empty input line"): they become paragraph breaks.
	sed -i 's/^$$/.Pp/' "$(GENERATED)/man/relaisctl.1" "$(GENERATED)/man/relaisd.8"
	"$(RELEASE_DIR)/relaisctl" config keys --format man --date $(MAN_DATE) > "$(GENERATED)/man/relais.yaml.5"

## make completions: bash, zsh and fish completion scripts for both commands. bash-completion sources
## its scripts: the generated #!/bin/bash line goes.
completions:
	mkdir -p "$(GENERATED)/completions/bash" "$(GENERATED)/completions/zsh" "$(GENERATED)/completions/fish"
	for binary in relaisctl relaisd; do \
	  "$(RELEASE_DIR)/$$binary" --generate-completion-script bash > "$(GENERATED)/completions/bash/$$binary" && \
	  sed -i '1{/^#!/d}' "$(GENERATED)/completions/bash/$$binary" && \
	  "$(RELEASE_DIR)/$$binary" --generate-completion-script zsh > "$(GENERATED)/completions/zsh/_$$binary" && \
	  "$(RELEASE_DIR)/$$binary" --generate-completion-script fish > "$(GENERATED)/completions/fish/$$binary.fish" || exit 1; \
	done

# The shipped unit and example configuration name /usr/local/...; rewrite it for PREFIX.
PREFIX_SED = sed -e 's|/usr/local/bin/|$(BINDIR)/|g' -e 's|/usr/local/share/relais/|$(DATADIR)/|g'

install: man completions
	@for binary in relaisd relaisctl; do \
	  test -x "$(RELEASE_DIR)/$$binary" || { \
	    echo "install: $(RELEASE_DIR)/$$binary is missing; run 'make release' first" >&2; exit 1; }; \
	done
	$(INSTALL) -d -m 0755 "$(DESTDIR)$(BINDIR)" "$(DESTDIR)$(DATADIR)" \
	  "$(DESTDIR)$(UNITDIR)" "$(DESTDIR)$(SYSUSERSDIR)" "$(DESTDIR)$(TMPFILESDIR)" "$(DESTDIR)$(SYSCONFDIR)"
	$(INSTALL) -m 0755 "$(RELEASE_DIR)/relaisd" "$(RELEASE_DIR)/relaisctl" "$(DESTDIR)$(BINDIR)/"
	$(PREFIX_SED) systemd/relaisd.service > "$(DESTDIR)$(UNITDIR)/relaisd.service"
	chmod 0644 "$(DESTDIR)$(UNITDIR)/relaisd.service"
	$(INSTALL) -m 0644 systemd/relais.sysusers.conf "$(DESTDIR)$(SYSUSERSDIR)/relais.conf"
	$(INSTALL) -m 0644 systemd/relais.tmpfiles.conf "$(DESTDIR)$(TMPFILESDIR)/relais.conf"
	$(INSTALL) -d -m 0755 "$(DESTDIR)$(MANDIR)/man1" "$(DESTDIR)$(MANDIR)/man5" "$(DESTDIR)$(MANDIR)/man8" \
	  "$(DESTDIR)$(BASHCOMPDIR)" "$(DESTDIR)$(ZSHCOMPDIR)" "$(DESTDIR)$(FISHCOMPDIR)"
	$(INSTALL) -m 0644 "$(GENERATED)/man/relaisctl.1" "$(DESTDIR)$(MANDIR)/man1/"
	$(INSTALL) -m 0644 "$(GENERATED)/man/relais.yaml.5" "$(DESTDIR)$(MANDIR)/man5/"
	$(INSTALL) -m 0644 "$(GENERATED)/man/relaisd.8" "$(DESTDIR)$(MANDIR)/man8/"
	$(INSTALL) -m 0644 "$(GENERATED)/completions/bash/relaisctl" "$(GENERATED)/completions/bash/relaisd" "$(DESTDIR)$(BASHCOMPDIR)/"
	$(INSTALL) -m 0644 "$(GENERATED)/completions/zsh/_relaisctl" "$(GENERATED)/completions/zsh/_relaisd" "$(DESTDIR)$(ZSHCOMPDIR)/"
	$(INSTALL) -m 0644 "$(GENERATED)/completions/fish/relaisctl.fish" "$(GENERATED)/completions/fish/relaisd.fish" "$(DESTDIR)$(FISHCOMPDIR)/"
	rm -rf "$(DESTDIR)$(DATADIR)/templates"
	cp -R templates "$(DESTDIR)$(DATADIR)/templates"
	chmod -R u=rwX,go=rX "$(DESTDIR)$(DATADIR)/templates"
	@# The configuration and the credential are the administrator's: never overwritten.
	@if [ -e "$(DESTDIR)$(SYSCONFDIR)/relais.yaml" ]; then \
	  echo "keeping $(DESTDIR)$(SYSCONFDIR)/relais.yaml (example: $(DESTDIR)$(DATADIR)/relais.example.yaml)"; \
	else \
	  $(PREFIX_SED) config/relais.example.yaml > "$(DESTDIR)$(SYSCONFDIR)/relais.yaml" && \
	  chmod 0640 "$(DESTDIR)$(SYSCONFDIR)/relais.yaml"; \
	fi
	$(PREFIX_SED) config/relais.example.yaml > "$(DESTDIR)$(DATADIR)/relais.example.yaml"
	chmod 0644 "$(DESTDIR)$(DATADIR)/relais.example.yaml"
	@# LoadCredential= fails the start when its file is missing: an empty one means "not used"
	@# (no SMTP password; no DKIM key or IMAP password unless dkim.* or bounces.imap.* ask for them).
	@for credential in smtp-password dkim-key imap-password; do \
	  if [ ! -e "$(DESTDIR)$(SYSCONFDIR)/$$credential" ]; then \
	    (umask 077 && : > "$(DESTDIR)$(SYSCONFDIR)/$$credential"); \
	  fi; \
	done
	@echo "installed under $(DESTDIR)$(PREFIX); for a real install run: sudo make install-activate"

# The root-only steps of a real install (refused for a staged DESTDIR install).
install-activate:
	@test -z "$(DESTDIR)" || { echo "install-activate: not for DESTDIR installs" >&2; exit 1; }
	systemd-sysusers "$(SYSUSERSDIR)/relais.conf"
	systemd-tmpfiles --create "$(TMPFILESDIR)/relais.conf"
	chgrp relais "$(SYSCONFDIR)/relais.yaml"
	chown root:root "$(SYSCONFDIR)/smtp-password" "$(SYSCONFDIR)/dkim-key" "$(SYSCONFDIR)/imap-password"
	chmod 0600 "$(SYSCONFDIR)/smtp-password" "$(SYSCONFDIR)/dkim-key" "$(SYSCONFDIR)/imap-password"
	systemctl daemon-reload
	systemctl enable --now relaisd.service

# Removes programs, templates and systemd files; keeps /etc/relais and /var/lib/relais.
uninstall:
	@if [ -z "$(DESTDIR)" ]; then systemctl disable --now relaisd.service || true; fi
	rm -f "$(DESTDIR)$(BINDIR)/relaisd" "$(DESTDIR)$(BINDIR)/relaisctl"
	rm -f "$(DESTDIR)$(UNITDIR)/relaisd.service" "$(DESTDIR)$(SYSUSERSDIR)/relais.conf" \
	  "$(DESTDIR)$(TMPFILESDIR)/relais.conf"
	rm -rf "$(DESTDIR)$(DATADIR)"
	rm -f "$(DESTDIR)$(MANDIR)/man1/relaisctl.1" "$(DESTDIR)$(MANDIR)/man5/relais.yaml.5" "$(DESTDIR)$(MANDIR)/man8/relaisd.8"
	rm -f "$(DESTDIR)$(BASHCOMPDIR)/relaisctl" "$(DESTDIR)$(BASHCOMPDIR)/relaisd" \
	  "$(DESTDIR)$(ZSHCOMPDIR)/_relaisctl" "$(DESTDIR)$(ZSHCOMPDIR)/_relaisd" \
	  "$(DESTDIR)$(FISHCOMPDIR)/relaisctl.fish" "$(DESTDIR)$(FISHCOMPDIR)/relaisd.fish"
	@if [ -z "$(DESTDIR)" ]; then systemctl daemon-reload || true; fi
