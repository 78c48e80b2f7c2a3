package dnsx

import (
	"context"
	"errors"
	"fmt"
	"net/netip"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/miekg/dns"
)

func writeFile(t *testing.T, text string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "resolv.conf")
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestConfigResolvConf(t *testing.T) {
	t.Parallel()
	path := writeFile(t, `# comment
search example.com
nameserver 192.0.2.53
nameserver 2001:db8::53
options timeout:1 attempts:3 ndots:2
`)
	tests := []struct {
		name     string
		r        Resolver
		servers  []string
		timeout  time.Duration
		attempts int
	}{
		{"from file", Resolver{ResolvConf: path}, []string{"192.0.2.53:53", "[2001:db8::53]:53"}, time.Second, 3},
		{"fields win", Resolver{ResolvConf: path, Timeout: 7 * time.Second, Attempts: 1}, []string{"192.0.2.53:53", "[2001:db8::53]:53"}, 7 * time.Second, 1},
		{"servers skip the file", Resolver{ResolvConf: "/nonexistent", Servers: []string{"127.0.0.1:5353"}}, []string{"127.0.0.1:5353"}, DefaultTimeout, DefaultAttempts},
		{"attempts capped", Resolver{Servers: []string{"127.0.0.1:53"}, Attempts: 1000}, []string{"127.0.0.1:53"}, DefaultTimeout, MaxAttempts},
	}
	for _, tt := range tests {
		c, err := tt.r.config()
		if err != nil {
			t.Errorf("%s: %v", tt.name, err)
			continue
		}
		if !slices.Equal(c.servers, tt.servers) || c.timeout != tt.timeout || c.attempts != tt.attempts {
			t.Errorf("%s: servers %v timeout %v attempts %d, want %v %v %d",
				tt.name, c.servers, c.timeout, c.attempts, tt.servers, tt.timeout, tt.attempts)
		}
	}
}

func TestConfigResolvConfDefaults(t *testing.T) {
	t.Parallel()
	c, err := (&Resolver{ResolvConf: writeFile(t, "nameserver 127.0.0.1\n")}).config()
	if err != nil {
		t.Fatal(err)
	}
	if c.timeout != DefaultTimeout || c.attempts != DefaultAttempts {
		t.Errorf("timeout %v attempts %d, want %v %d", c.timeout, c.attempts, DefaultTimeout, DefaultAttempts)
	}
}

func TestConfigResolvConfErrors(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct{ path, want string }{
		{filepath.Join(t.TempDir(), "missing"), "reading resolver configuration: open "},
		{writeFile(t, "search example.com\n"), "no nameserver in "},
	} {
		_, err := (&Resolver{ResolvConf: tt.path}).config()
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: err = %v, want %q", tt.path, err, tt.want)
		}
		// The lookups report it too, without asking anything.
		if _, err := (&Resolver{ResolvConf: tt.path}).LookupMX(context.Background(), "example.com"); err == nil {
			t.Errorf("%s: LookupMX without servers: no error", tt.path)
		}
	}
}

func TestParseServer(t *testing.T) {
	t.Parallel()
	good := map[string]string{
		"192.0.2.53":         "192.0.2.53:53",
		"192.0.2.53:5353":    "192.0.2.53:5353",
		"2001:db8::53":       "[2001:db8::53]:53",
		"[2001:db8::53]":     "[2001:db8::53]:53",
		"[2001:db8::53]:853": "[2001:db8::53]:853",
		"dns.example.net":    "dns.example.net:53",
		"dns.example.net:54": "dns.example.net:54",
	}
	for in, want := range good {
		if got, err := ParseServer(in); err != nil || got != want {
			t.Errorf("ParseServer(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for _, in := range []string{"", ":53", "192.0.2.1:0", "192.0.2.1:65536", "192.0.2.1:x", "a b", "host:53\n", "1:2:3:4:5:6:7:8:9", "[::1", "http://x", "a..b"} {
		if got, err := ParseServer(in); err == nil {
			t.Errorf("ParseServer(%q) = %q, want an error", in, got)
		}
	}
}

func TestCapAddrs(t *testing.T) {
	t.Parallel()
	gen := func(v6 bool, n int) []netip.Addr {
		var out []netip.Addr
		for i := range n {
			s := fmt.Sprintf("192.0.2.%d", i)
			if v6 {
				s = fmt.Sprintf("2001:db8::%x", i)
			}
			out = append(out, netip.MustParseAddr(s))
		}
		return out
	}
	for _, tt := range []struct{ n6, n4, k6, k4 int }{
		{0, 0, 0, 0}, {1, 1, 1, 1}, {0, 20, 0, 8}, {20, 0, 8, 0}, {20, 20, 4, 4},
		{2, 20, 2, 6}, {20, 2, 6, 2}, {5, 3, 5, 3}, {5, 5, 4, 4},
	} {
		got, omitted := capAddrs(gen(true, tt.n6), gen(false, tt.n4))
		var k6, k4 int
		for i, a := range got {
			if a.Is6() {
				k6++
				if k4 > 0 {
					t.Errorf("%d/%d: AAAA after A at %d: %v", tt.n6, tt.n4, i, got)
				}
			} else {
				k4++
			}
		}
		if k6 != tt.k6 || k4 != tt.k4 || omitted != tt.n6+tt.n4-tt.k6-tt.k4 {
			t.Errorf("%d AAAA, %d A: kept %d and %d, omitted %d; want %d and %d", tt.n6, tt.n4, k6, k4, omitted, tt.k6, tt.k4)
		}
	}
}

func TestCacheExpiry(t *testing.T) {
	t.Parallel()
	now := time.Unix(1000, 0)
	c := &Cache{now: func() time.Time { return now }}
	calls := 0
	fetch := func(ttl uint32) func() (answer, error) {
		return func() (answer, error) { calls++; return answer{ttl: ttl}, nil }
	}
	key := cacheKey{"example.com.", dns.TypeMX}
	ctx := context.Background()
	c.do(ctx, key, fetch(60))
	if _, _, shared := c.do(ctx, key, fetch(60)); !shared || calls != 1 {
		t.Fatalf("within the TTL: shared %v, calls %d; want the cached answer", shared, calls)
	}
	now = now.Add(61 * time.Second)
	if _, _, shared := c.do(ctx, key, fetch(60)); shared || calls != 2 {
		t.Fatalf("after the TTL: shared %v, calls %d; want a new query", shared, calls)
	}
	// A huge TTL is capped at MaxCacheTTL.
	key2 := cacheKey{"example.org.", dns.TypeMX}
	c.do(ctx, key2, fetch(1<<31))
	now = now.Add(MaxCacheTTL)
	if _, _, shared := c.do(ctx, key2, fetch(60)); shared {
		t.Error("answer kept beyond MaxCacheTTL")
	}
}

func TestCacheTTL(t *testing.T) {
	t.Parallel()
	rr := func(s string) dns.RR {
		r, err := dns.NewRR(s)
		if err != nil {
			t.Fatal(err)
		}
		return r
	}
	tests := []struct {
		m    *dns.Msg
		want uint32
	}{
		{&dns.Msg{Answer: []dns.RR{rr("a. 300 A 192.0.2.1"), rr("a. 20 A 192.0.2.2")}}, 20},
		{&dns.Msg{Ns: []dns.RR{rr("a. 600 SOA ns. h. 1 2 3 4 30")}}, 30},
		{&dns.Msg{Ns: []dns.RR{rr("a. 10 SOA ns. h. 1 2 3 4 30")}}, 10},
		{&dns.Msg{}, uint32(NegativeCacheTTL / time.Second)},
	}
	for i, tt := range tests {
		if got := cacheTTL(tt.m); got != tt.want {
			t.Errorf("%d: cacheTTL = %d, want %d", i, got, tt.want)
		}
	}
}

// pastDeadline is a context whose deadline has passed while its timer has
// not yet fired: Err is nil and Done open, as for a moment at every
// deadline. waiting is closed when a select first asks for Done.
type pastDeadline struct {
	context.Context
	waiting chan struct{}
	once    sync.Once
}

func (p *pastDeadline) Deadline() (time.Time, bool) { return time.Now().Add(-time.Millisecond), true }

func (p *pastDeadline) Done() <-chan struct{} {
	p.once.Do(func() { close(p.waiting) })
	return p.Context.Done()
}

// TestAcquireTimeUp: a slot that comes free when the waiter's time is up
// is not taken: the query was never sent, and a query sent with no time
// left would fail at once as if the resolver had.
func TestAcquireTimeUp(t *testing.T) {
	l := NewQueryLimit(1)
	if err := l.acquire(context.Background()); err != nil {
		t.Fatal(err)
	}
	ctx := &pastDeadline{Context: context.Background(), waiting: make(chan struct{})}
	got := make(chan error, 1)
	go func() { got <- l.acquire(ctx) }()
	<-ctx.waiting // the waiter is at the select for the held slot
	l.release()
	err := <-got
	if !errors.Is(err, ErrNoSlot) || !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("acquire = %v, want ErrNoSlot and DeadlineExceeded", err)
	}
	if n := l.InFlight(); n != 0 {
		t.Errorf("%d slots held after a waiter gave up, want 0", n)
	}
}
