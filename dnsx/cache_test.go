package dnsx_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/smtpprobe/smtpprobe/dnsx"
	"github.com/smtpprobe/smtpprobe/internal/dnstest"
)

func TestCacheAvoidsSecondQuery(t *testing.T) {
	t.Parallel()
	srv := dnstest.Start(t,
		"example.com. MX 10 mx1.example.net.",
		"example.org. MX 10 mx1.example.net.",
		"mx1.example.net. A 192.0.2.1",
	)
	r := resolver(srv)
	r.Cache = new(dnsx.Cache)

	first, err := r.LookupMX(context.Background(), "example.com")
	if err != nil {
		t.Fatal(err)
	}
	before := len(srv.Queries())
	if before != 3 {
		t.Fatalf("first lookup sent %d queries, want 3 (MX, A, AAAA)", before)
	}
	for _, q := range first.Queries {
		if q.Cached {
			t.Errorf("first lookup: %+v marked cached", q)
		}
	}

	// Same domain again: nothing sent, every query answered by the cache.
	again, err := r.LookupMX(context.Background(), "example.com")
	if err != nil {
		t.Fatal(err)
	}
	if n := len(srv.Queries()); n != before {
		t.Errorf("second lookup sent %d queries, want none", n-before)
	}
	if len(again.Queries) != 3 {
		t.Errorf("second lookup recorded %d queries, want 3", len(again.Queries))
	}
	for _, q := range again.Queries {
		if !q.Cached || q.Server != srv.Addr() || q.Rcode != "NOERROR" {
			t.Errorf("second lookup: %+v, want a cached NOERROR from %s", q, srv.Addr())
		}
	}
	if mxStrings(again.MX)[0] != mxStrings(first.MX)[0] {
		t.Errorf("cached answer %v differs from %v", mxStrings(again.MX), mxStrings(first.MX))
	}

	// Another domain sharing the MX host: only its MX query is sent.
	if _, err := r.LookupMX(context.Background(), "example.org"); err != nil {
		t.Fatal(err)
	}
	if n := len(srv.Queries()) - before; n != 1 {
		t.Errorf("lookup sharing the MX host sent %d queries, want 1", n)
	}
	if r.Cache.Len() != 4 {
		t.Errorf("cache holds %d answers, want 4", r.Cache.Len())
	}
}

// TestCacheSharesConcurrentQueries checks that lookups running at the same
// time ask each question once.
func TestCacheSharesConcurrentQueries(t *testing.T) {
	t.Parallel()
	srv := dnstest.Start(t, "example.com. MX 10 mx1.example.com.", "mx1.example.com. A 192.0.2.1")
	srv.Delay(50 * time.Millisecond) // keeps the first query in flight while the others start
	r := resolver(srv)
	r.Cache = new(dnsx.Cache)
	var wg sync.WaitGroup
	for range 20 {
		wg.Go(func() {
			res, err := r.LookupMX(context.Background(), "example.com")
			if err != nil || len(res.MX) != 1 || len(res.MX[0].Addresses) != 1 {
				t.Errorf("LookupMX = %v, %v", mxStrings(res.MX), err)
			}
		})
	}
	wg.Wait()
	for _, typ := range []string{"MX", "A", "AAAA"} {
		if udp, tcp := srv.Count("", typ); udp+tcp != 1 {
			t.Errorf("%s asked %d times, want once", typ, udp+tcp)
		}
	}
}

// TestCacheKeepsNoFailure checks that a SERVFAIL is asked again.
func TestCacheKeepsNoFailure(t *testing.T) {
	t.Parallel()
	srv := dnstest.Start(t, "example.com. MX 10 mx1.example.com.")
	srv.ServFail("example.com")
	r := resolver(srv)
	r.Cache = new(dnsx.Cache)
	for range 2 {
		if _, err := r.LookupMX(context.Background(), "example.com"); err == nil {
			t.Fatal("no error for SERVFAIL")
		}
	}
	if udp, _ := srv.Count("example.com", "MX"); udp != 2 {
		t.Errorf("MX asked %d times, want 2: failures must not be cached", udp)
	}
	if r.Cache.Len() != 0 {
		t.Errorf("cache holds %d entries after failures", r.Cache.Len())
	}
}

// TestCacheZeroTTL checks that an answer with TTL 0 is not kept.
func TestCacheZeroTTL(t *testing.T) {
	t.Parallel()
	srv := dnstest.Start(t, "example.com. 0 MX 10 192.0.2.1.")
	r := resolver(srv)
	r.Cache = new(dnsx.Cache)
	for range 2 {
		if _, err := r.LookupMX(context.Background(), "example.com"); err != nil {
			t.Fatal(err)
		}
	}
	if udp, _ := srv.Count("example.com", "MX"); udp != 2 {
		t.Errorf("MX asked %d times, want 2", udp)
	}
}
