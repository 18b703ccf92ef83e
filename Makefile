# The kiosk's two commands: `make run` and `make test`. Each installs what it
# needs that is missing (system packages through apt-get when run as root).

BIN     := bin/kiosk
ARGS    ?=
# Fyne reads the locale from LANG; a bare C locale makes it log an error.
export LANG := vi_VN.UTF-8
# no_emoji: Fyne's colour emoji font (4 MB) is left out of the binary. The
# kiosk shows no emoji (app/font_test.go checks every character it shows is
# in Noto Sans), and Fyne otherwise parses that font for every text style it
# meets, at start-up and into memory.
TAGS       := no_emoji
GOFLAGS_CI := -tags ci,$(TAGS)

.PHONY: run build collector deps deps-test test vet staticcheck race unit smoke crashtest fleetsim package packagetest boottest audit screenshots golden bench narration clean vmtest

run: build
	./$(BIN) $(ARGS)

build: deps
	go build -tags $(TAGS) -o $(BIN) ./cmd/kiosk

# The province's collector (no window: no Fyne in it).
collector: deps
	go build -o bin/kiosk-collector ./cmd/kiosk-collector

deps:
	@scripts/deps.sh run

deps-test:
	@scripts/deps.sh test

# Everything that checks the kiosk: formatting, vet, the unit and UI tests
# (on Fyne's headless driver) and the real-window smoke test under Xvfb.
test: deps-test vet staticcheck race unit smoke

# vet also checks the Windows platform code (drive letters, the data-folder lock).
vet:
	@test "$$(go list -m -f '{{.Version}}' fyne.io/fyne/v2)" = v2.7.1 || { echo "fyne.io/fyne/v2 is not v2.7.1"; exit 1; }
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
		if [ -n "$$out" ]; then echo "gofmt would change: $$out"; exit 1; fi
	@if go list -deps -test ./kiosk/... | grep -q '^fyne.io/'; then echo "kiosk/ must not depend on fyne.io (go list -deps -test ./kiosk/... names it)"; exit 1; fi
	@if grep -l '"onestop/kiosk/store"' $$(ls app/*.go | grep -v '_test.go$$') >/dev/null; then echo "app/ must not import kiosk/store: use the domain services"; exit 1; fi
	go vet ./...
	go vet $(GOFLAGS_CI) ./...
	GOOS=windows go vet ./kiosk/removable ./kiosk/datalock

# staticcheck at a pinned version (2026.2.2, module v0.8.2, built for Go
# 1.26), installed into bin/ when missing or of another version.
STATICCHECK_VERSION := v0.8.2
STATICCHECK := bin/staticcheck

staticcheck:
	@$(STATICCHECK) -version 2>/dev/null | grep -qF '($(STATICCHECK_VERSION:v%=%))' || { \
		echo "installing staticcheck $(STATICCHECK_VERSION) into bin/"; \
		GOBIN=$(CURDIR)/bin go install honnef.co/go/tools/cmd/staticcheck@$(STATICCHECK_VERSION); }
	$(STATICCHECK) $(GOFLAGS_CI) ./...

# The race detector over every package whose tests do not build Fyne's cgo
# UI (app, cmd/kiosk and the tools that open a window are slow to build
# with -race and unit covers them): a package is left out when its test
# binary, or the package itself if it has no tests, depends on fyne.io.
RACE_AWK := $$2 ~ /^\[/ { next } \
	{ p = $$1; sub(/\.test$$/, "", p); all[p] = 1 } \
	/ fyne\.io\// { ui[p] = 1 } \
	END { for (p in all) if (!(p in ui)) print p }

race:
	@list=$$(go list $(GOFLAGS_CI) -test -f '{{.ImportPath}} {{join .Deps " "}}' ./...) && \
		pkgs=$$(printf '%s\n' "$$list" | awk '$(RACE_AWK)' | sort) && test -n "$$pkgs" && \
		echo go test $(GOFLAGS_CI) -race -count=1 $$pkgs && \
		scripts/pg.sh go test $(GOFLAGS_CI) -race -count=1 $$pkgs

# KIOSK_TEST_ALL: a test whose tool make test installs (LibreOffice,
# PostgreSQL) fails rather than skips when the tool is missing. The
# collector's tests run against a throw-away PostgreSQL (scripts/pg.sh).
unit:
	KIOSK_TEST_ALL=1 scripts/pg.sh go test $(GOFLAGS_CI) -count=1 -timeout 30m ./...

smoke: build
	scripts/smoke.sh $(BIN)

# The long crash tests: a writer recording sessions is killed with SIGKILL
# 250 times at random moments, then the power is cut under it 60 times (its
# disk, an ext4 image on a loop device, copied as it stands while it is
# frozen; needs root). Every record it reported committed must be there, in
# a database that passes integrity_check. (make test runs 20 kills, 8 cuts.)
crashtest: deps
	CRASH_KILLS=250 POWERCUT_CUTS=60 go test -count=1 -run 'TestCrashKeepsEveryCommittedRecord|TestPowerCutKeepsEveryCommittedRecord' -v ./kiosk/

# A province's day: 1,000 kiosks, each with a day of demo records, push
# to two collector processes through flaky connections (answers lost,
# requests doubled and replayed late); the collectors' tallies must equal
# the sum of the kiosks' own. Prints records/s and batch latency, and
# writes them to out/fleetsim.json.
fleetsim: collector deps-test
	scripts/pg.sh go run ./tools/fleetsim -kiosks $${KIOSKS:-1000}

# The Debian 12 package for amd64 (scripts/package.sh), in out/package.
package:
	@scripts/deps.sh package
	scripts/package.sh amd64

# The package as a new machine meets it (needs root): make test's own
# dependency step in a fresh debootstrap root, then the package installed
# into another, started under Xvfb and in its cage session, and upgraded
# (scripts/packagetest.sh).
packagetest:
	@scripts/deps.sh package
	scripts/packagetest.sh

# The package under systemd itself: a clean root with the .deb, booted by
# systemd-nspawn; the service's start, watchdog restart, stop and exit 3
# (scripts/boottest.sh; root, after make packagetest).
boottest:
	scripts/boottest.sh

# The package on a whole machine: qemu boots a disk of a clean root with
# the .deb, Debian's kernel, a screen the kernel drives and a keyboard; the
# session on tty1, the ways out on the keyboard, a turned touch panel
# (scripts/vmtest.sh; root, after make packagetest).
vmtest:
	@scripts/deps.sh package
	scripts/vmtest.sh

# Speed and memory: Go micro-benchmarks, then the kiosk against a bare Fyne
# window under Xvfb (RUNS runs of SECS seconds each; see scripts/bench.sh),
# then the numbers at scale on a million demo sessions (scripts/bench-numbers.sh;
# the database is kept in out/bench-data between runs), the fleet simulation,
# and, as root, the packages' sizes and the time from a start to the first
# poster frame inside a debootstrap root (make packagetest's figures).
bench: build deps-test
	go build -o bin/barewindow ./tools/barewindow
	go build -o bin/framewatch ./tools/framewatch
	go test $(GOFLAGS_CI) -run '^$$' -bench . -benchmem -count 5 ./kiosk/... ./app/ | tee out/bench-go.txt
	scripts/bench.sh
	BENCH_SIZE=1080x1920 scripts/bench.sh
	scripts/bench-numbers.sh
	$(MAKE) fleetsim
	@if [ "$$(id -u)" -eq 0 ]; then \
		scripts/packagetest.sh && echo "package figures: $$(cat out/packagetest/figures.json)"; \
	else echo "bench: the package figures (make packagetest) need root: left out"; fi

# Reads the embedded lessons' and procedures' texts aloud again where they
# changed (espeak-ng, Vietnamese voice) into compact MP3s: run it after
# editing a caption, a step's text or a procedure's facts.
narration:
	@scripts/deps.sh narration
	go run ./tools/narrate assets/content

# Writes the golden screens (app/testdata/golden) anew, after a change to a
# screen that was meant: review the diff before committing it.
golden:
	go test $(GOFLAGS_CI) -count=1 ./app -run TestGoldenScreens -update-golden

# The accessibility audit at every screen size, text size, theme and
# language (make test runs a spread of 8 of the 48 combinations).
audit:
	KIOSK_AUDIT_ALL=1 go test $(GOFLAGS_CI) -count=1 -timeout 60m -run 'TestAccessibilityAudit|TestPostalAudit' ./app

# Regenerates packaging/screenshots from the UI tests.
screenshots:
	go test $(GOFLAGS_CI) -count=1 ./app -run 'TestScreenshots|TestOutsideHours|TestPostalPoint' -update-screenshots

clean:
	rm -rf bin out
