package dnsx_test

import (
	"context"
	"errors"
	"net"
	"strings"
	"testing"
	"time"

	"github.com/smtpprobe/smtpprobe/dnsx"
	"github.com/smtpprobe/smtpprobe/internal/dnstest"
)

func TestLookupMXResolverFailure(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		setup   func(*dnstest.Server)
		rcode   string
		timeout bool
	}{
		{"SERVFAIL", func(s *dnstest.Server) { s.ServFail("example.com") }, "SERVFAIL", false},
		{"REFUSED", func(s *dnstest.Server) { s.Refuse("example.com") }, "REFUSED", false},
		{"silent", func(s *dnstest.Server) { s.Silence("example.com") }, "", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			srv := dnstest.Start(t, "example.com. MX 10 mx1.example.com.")
			tt.setup(srv)
			r := &dnsx.Resolver{Servers: []string{srv.Addr()}, Timeout: 5 * time.Second, Attempts: 2}
			if tt.timeout {
				r.Timeout = 200 * time.Millisecond
			}
			res, err := r.LookupMX(context.Background(), "example.com")
			var re *dnsx.ResolverError
			if !errors.As(err, &re) {
				t.Fatalf("err = %v, want a *ResolverError", err)
			}
			if re.Server != srv.Addr() || re.Name != "example.com" || re.Type != "MX" || re.Rcode != tt.rcode || re.Timeout() != tt.timeout {
				t.Errorf("ResolverError %+v (Timeout %v), want rcode %q, timeout %v", re, re.Timeout(), tt.rcode, tt.timeout)
			}
			prefix := "resolver " + srv.Addr() + ": MX example.com: "
			if !strings.HasPrefix(err.Error(), prefix) {
				t.Errorf("err = %q, want prefix %q", err, prefix)
			}
			want := prefix + tt.rcode
			if tt.timeout {
				want = prefix + "no answer within 200ms: i/o timeout"
			}
			if err.Error() != want {
				t.Errorf("err = %q, want %q", err, want)
			}
			if len(res.Queries) != 2 || len(res.MX) != 0 {
				t.Errorf("Queries = %+v, MX = %v: want the 2 attempts, no MX", res.Queries, res.MX)
			}
			if udp, _ := srv.Count("example.com", "MX"); udp != 2 {
				t.Errorf("server saw %d queries, want 2 attempts", udp)
			}
		})
	}
}

// TestLookupMXDeadline checks that the context's deadline bounds a lookup
// even when the per-query timeout would not.
func TestLookupMXDeadline(t *testing.T) {
	t.Parallel()
	srv := dnstest.Start(t, "example.com. MX 10 mx1.example.com.")
	srv.Silence("example.com")
	r := &dnsx.Resolver{Servers: []string{srv.Addr()}, Timeout: time.Hour, Attempts: 5}
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	_, err := r.LookupMX(ctx, "example.com")
	var re *dnsx.ResolverError
	if !errors.As(err, &re) || !re.Timeout() {
		t.Fatalf("err = %v, want a ResolverError that is a timeout", err)
	}
	if !strings.HasSuffix(err.Error(), ": no answer before the deadline: i/o timeout") {
		t.Errorf("err = %q, want it to blame the deadline", err)
	}

	ctx, cancel = context.WithCancel(context.Background())
	cancel()
	if _, err := r.LookupMX(ctx, "example.com"); !errors.Is(err, context.Canceled) {
		t.Errorf("canceled context: err = %v, want context.Canceled", err)
	}
}

// TestLookupMXNextServer checks that a failing first server is skipped: one
// that answers SERVFAIL, and one whose port is closed.
func TestLookupMXNextServer(t *testing.T) {
	t.Parallel()
	zone := []string{"example.com. MX 10 mx1.example.com.", "mx1.example.com. A 192.0.2.1"}
	bad, good := dnstest.Start(t, zone...), dnstest.Start(t, zone...)
	bad.ServFail("example.com")
	pc, err := net.ListenPacket("udp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	closed := pc.LocalAddr().String()
	pc.Close()

	for _, first := range []string{bad.Addr(), closed} {
		r := resolver(good)
		r.Servers = []string{first, good.Addr()}
		res, err := r.LookupMX(context.Background(), "example.com")
		if err != nil {
			t.Fatal(err)
		}
		if len(res.MX) != 1 || len(res.MX[0].Addresses) != 1 {
			t.Fatalf("MX = %v", mxStrings(res.MX))
		}
		q := res.Queries[0]
		if first == closed && q.Err != "read: connection refused" {
			t.Errorf("closed port: Err %q, want the refusal without local port", q.Err)
		}
		if q.Server != first || (q.Err == "") == (q.Rcode == "") || q.Rcode == "NOERROR" {
			t.Errorf("first query %+v: want a failure from %s", q, first)
		}
		if q := res.Queries[1]; q.Server != good.Addr() || q.Rcode != "NOERROR" {
			t.Errorf("second query %+v: want the answer from %s", q, good.Addr())
		}
	}
}

func TestLookupMXBadNames(t *testing.T) {
	t.Parallel()
	srv := dnstest.Start(t)
	long := strings.Repeat("a", 64) + ".example.com"
	tooLong := strings.Repeat("abcdefghi.", 26) + "com"
	for _, name := range []string{"", ".", "a..b", long, tooLong, "exa\x00mple.com", "exa mple.com", `a\.b.com`, "a\nb.com", "..", "é.com"} {
		_, err := resolver(srv).LookupMX(context.Background(), name)
		if err == nil {
			t.Errorf("LookupMX(%q): no error", name)
			continue
		}
		var re *dnsx.ResolverError
		if errors.As(err, &re) {
			t.Errorf("LookupMX(%q) = %v: a bad name is not a resolver failure", name, err)
		}
	}
	if n := len(srv.Queries()); n != 0 {
		t.Errorf("bad names sent %d queries", n)
	}
}
