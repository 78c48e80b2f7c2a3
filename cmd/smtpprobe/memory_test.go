package main

import (
	"fmt"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/smtpprobe/smtpprobe/dnsx"
	"github.com/smtpprobe/smtpprobe/internal/dnstest"
)

// heapProbe is standard output that measures the heap in use after
// chosen writes: the batch writes each target's result with one write, so
// the n-th write is the n-th target done.
type heapProbe struct {
	mu     sync.Mutex
	writes int
	at     map[int]uint64 // write number -> live heap bytes after it
	bytes  int
}

func (h *heapProbe) Write(p []byte) (int, error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.writes++
	h.bytes += len(p)
	if _, ok := h.at[h.writes]; ok {
		runtime.GC()
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		h.at[h.writes] = ms.HeapAlloc
	}
	return len(p), nil
}

// memoryTargets is a list of n targets, one in four a live address on
// example.test, the others domains that do not exist.
func memoryTargets(n int) string {
	var b strings.Builder
	for i := range n {
		if i%4 == 0 {
			fmt.Fprintf(&b, "user%d@example.test\n", i)
		} else {
			fmt.Fprintf(&b, "nx%d.test\n", i)
		}
	}
	return b.String()
}

// TestMemoryPerFinishedTarget is issue 15 item 3: a run must not keep
// every target's result until its end. The heap is measured after a fifth
// of the targets and after the last one; what it grew by, per target in
// between, must be no more than what the run must keep of a target (its
// row of the closing table, the DNS cache's answer for its domain, the
// test DNS server's record of the query), far less than the assessment
// (several kilobytes) kept before.
func TestMemoryPerFinishedTarget(t *testing.T) {
	if testing.Short() {
		t.Skip("probes 2000 targets")
	}
	const n = 2000
	w := newWorld(t)
	for _, c := range []struct {
		format string
		limit  uint64 // bytes per target
	}{
		{"json", 512},
		{"text", 768},
	} {
		t.Run(c.format, func(t *testing.T) {
			first := n / 5
			h := &heapProbe{at: map[int]uint64{first: 0, n: 0}}
			ce := cmdEnv{stdin: memoryTargets(n)}
			code := run(t.Context(), w.args("--checks", "smtp", "--starttls", "never", "-c", "50", "-o", c.format, "-f", "-"),
				ce.env(h, &strings.Builder{}))
			if code != 2 {
				t.Errorf("exit %d, want 2 (the domains that do not exist)", code)
			}
			if h.writes < n {
				t.Fatalf("%d writes for %d targets", h.writes, n)
			}
			grew := int64(h.at[n]) - int64(h.at[first])
			per := grew / int64(n-first)
			t.Logf("-o %s: heap %d KiB after %d targets, %d KiB after %d: %d bytes per target; %d KiB written",
				c.format, h.at[first]>>10, first, h.at[n]>>10, n, per, h.bytes>>10)
			if per > int64(c.limit) {
				t.Errorf("-o %s: the heap grew by %d bytes per finished target, want at most %d: results are kept", c.format, per, c.limit)
			}
		})
	}
}

// TestDNSQueriesInFlightCapped is issue 15 item 3: with -c 10000 every
// target's MX query went out at once. A run has at most
// dnsx.DefaultMaxInFlight queries out, however many targets run at once.
func TestDNSQueriesInFlightCapped(t *testing.T) {
	n := dnsx.DefaultMaxInFlight + 150
	d := dnstest.Start(t)
	d.Delay(200 * time.Millisecond)
	var in strings.Builder
	for i := range n {
		fmt.Fprintf(&in, "nx%d.test\n", i)
	}
	r := runWith(t, cmdEnv{stdin: in.String()}, "--resolver", d.Addr(), "--checks", "smtp",
		"-c", strconv.Itoa(n), "-o", "json", "-f", "-")
	if got := strings.Count(r.stdout, `"nxdomain":true`); got != n {
		t.Errorf("%d of %d targets judged NXDOMAIN\n%s", got, n, r.stderr)
	}
	if p := d.Peak(); p > dnsx.DefaultMaxInFlight {
		t.Errorf("%d DNS queries in flight at once with -c %d, want at most %d", p, n, dnsx.DefaultMaxInFlight)
	}
}
