# smtpprobe: build, test, lint, bench, fuzz.
GO ?= go
FUZZTIME ?= 30s
# The race detector needs cgo and a C compiler; a fresh machine with only Go
# has neither, so make test runs without it there (CI sets RACE=-race).
RACE ?= $(shell [ "$$($(GO) env CGO_ENABLED)" = 1 ] && command -v "$$($(GO) env CC)" >/dev/null 2>&1 && echo -race)
# Lint tools are pinned: the binary's name carries its version, so every
# machine lints with the same checks whatever else is on its PATH.
STATICCHECK_VERSION ?= v0.8.2
TOOLS ?= $(shell $(GO) env GOPATH)/bin
# VERSION is what --version prints: the tag or commit of this clone, marked
# -dirty with uncommitted changes (git worktrees get no VCS stamp from go
# build itself). Empty outside git: --version then says what Go recorded.
VERSION ?= $(shell git describe --tags --always --dirty 2>/dev/null)
STATICCHECK ?= $(TOOLS)/staticcheck-$(STATICCHECK_VERSION)

.PHONY: all build test lint bench fuzz clean

all: build

build:
	$(GO) build -ldflags "-X main.version=$(VERSION)" -o bin/smtpprobe ./cmd/smtpprobe

test:
	@[ -n "$(RACE)" ] || echo "note: no C compiler for cgo: testing without -race"
	$(GO) test $(RACE) -count=1 ./...

lint:
	@test -z "$$(gofmt -l $$(git ls-files '*.go'))" || { gofmt -l $$(git ls-files '*.go'); echo "gofmt: files above need formatting"; exit 1; }
	$(GO) vet ./...
	@test -x "$(STATICCHECK)" || { tmp=$$(mktemp -d) && GOBIN=$$tmp $(GO) install honnef.co/go/tools/cmd/staticcheck@$(STATICCHECK_VERSION) && mkdir -p "$(TOOLS)" && mv $$tmp/staticcheck "$(STATICCHECK)" && rmdir $$tmp; }
	$(STATICCHECK) ./...

bench:
	$(GO) test -run '^$$' -bench . -benchmem ./...

# fuzz runs every fuzz target for FUZZTIME each; go test -fuzz takes one
# target at a time.
fuzz:
	@for pkg in $$($(GO) list ./...); do \
		for f in $$($(GO) test -list '^Fuzz' $$pkg | grep '^Fuzz'); do \
			echo "== $$pkg $$f"; \
			$(GO) test -run '^$$' -fuzz "^$$f$$" -fuzztime $(FUZZTIME) $$pkg || exit 1; \
		done; \
	done

clean:
	rm -rf bin
