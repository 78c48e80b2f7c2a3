package main

import (
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/smtpprobe/smtpprobe/internal/dnstest"
)

// TestServeDNSLimit: the DNS queries of concurrent scrapes share one
// process-wide cap (--max-dns-queries), not one each. A dnstest server
// that takes its time over every answer counts how many it is answering
// at once: twelve scrapes, each with its own MX question, never have
// more than the cap out together, and /metrics shows the gauge.
func TestServeDNSLimit(t *testing.T) {
	const scrapes, limit = 12, 3
	dns := dnstest.Start(t)
	dns.Delay(200 * time.Millisecond)
	e, _ := serveEnv(nil, nil)
	_, ts := startExporter(t, e, "--resolver", dns.Addr(), "--max-dns-queries", fmt.Sprint(limit),
		"--max-concurrent", "32", "--rate", "0", "--checks", "smtp")
	codes := make([]int, scrapes)
	bodies := make([]string, scrapes)
	var wg sync.WaitGroup
	for i := range scrapes {
		wg.Go(func() {
			codes[i], bodies[i] = get(t, fmt.Sprintf("%s/probe?target=d%02d.example", ts.URL, i))
		})
	}
	wg.Wait()
	for i := range scrapes {
		if codes[i] != http.StatusOK {
			t.Errorf("scrape %d: status %d: %s", i, codes[i], bodies[i])
		}
	}
	if udp, tcp := dns.Count("", "MX"); udp+tcp < scrapes {
		t.Fatalf("%d MX questions for %d scrapes: the test did not test", udp+tcp, scrapes)
	}
	if p := dns.Peak(); p > limit {
		t.Errorf("%d DNS queries in flight at once, want at most --max-dns-queries %d", p, limit)
	}
	_, body := get(t, ts.URL+"/metrics")
	if v, ok := value(parseText(t, body), "smtpprobe_exporter_dns_queries_in_flight"); !ok || v != 0 {
		t.Errorf("smtpprobe_exporter_dns_queries_in_flight %v (found %v), want 0 with no probe running", v, ok)
	}
}

// TestServeDNSNoSlot: a scrape whose time runs out while other probes hold
// every DNS slot has asked nothing: it is answered 503 busy, as when it
// queued for other probes of an address, never smtpprobe_success 0 that
// would blame the domain or its resolver.
func TestServeDNSNoSlot(t *testing.T) {
	dns := dnstest.Start(t)
	dns.Delay(3 * time.Second) // within the long scrape's time, past the short one's
	e, _ := serveEnv(nil, nil)
	_, ts := startExporter(t, e, "--resolver", dns.Addr(), "--max-dns-queries", "1",
		"--max-concurrent", "4", "--rate", "0", "--timeout-offset", "0s", "--checks", "smtp")
	var wg sync.WaitGroup
	var longCode int
	var longBody string
	wg.Go(func() { longCode, longBody = get(t, ts.URL+"/probe?target=slow.example") })
	for len(dns.Queries()) == 0 { // the long scrape holds the only slot
		time.Sleep(10 * time.Millisecond)
	}
	code, body := get(t, ts.URL+"/probe?target=other.example", "X-Prometheus-Scrape-Timeout-Seconds", "1")
	wg.Wait()
	if code != http.StatusServiceUnavailable || !strings.Contains(body, "busy") || !strings.Contains(body, "DNS") {
		t.Errorf("short scrape: %d %q, want 503 busy naming the DNS slots", code, body)
	}
	if longCode != http.StatusOK {
		t.Errorf("long scrape: %d %s", longCode, longBody)
	}
	if n := len(dns.Queries()); n != 1 {
		t.Errorf("%d queries reached the server, want only the long scrape's", n)
	}
}

// TestServeDNSNoSlotForAddress: the MX question was answered, but the
// address questions of an MX host never got a DNS slot before the scrape's
// time ran out (the one slot is held by another address question that the
// server never answers, and that an hour of --timeout lets wait). That host is as unknown as one that queued for a
// connection: 503 busy, not smtpprobe_success 0.
func TestServeDNSNoSlotForAddress(t *testing.T) {
	dns := dnstest.Start(t)
	dns.Add(t, "b.example. 300 IN MX 10 mx1.b.example.", "b.example. 300 IN MX 20 mx2.b.example.")
	dns.Silence("mx1.b.example.", "mx2.b.example.")
	e, _ := serveEnv(nil, nil)
	_, ts := startExporter(t, e, "--resolver", dns.Addr(), "--max-dns-queries", "1",
		"--rate", "0", "--timeout-offset", "0s", "--timeout", "1h", "--checks", "smtp")
	code, body := get(t, ts.URL+"/probe?target=b.example", "X-Prometheus-Scrape-Timeout-Seconds", "1")
	if udp, tcp := dns.Count("b.example.", "MX"); udp+tcp == 0 {
		t.Fatalf("no MX question: the test did not test")
	}
	if code != http.StatusServiceUnavailable || !strings.Contains(body, "busy") || !strings.Contains(body, "mx") {
		t.Errorf("status %d %q, want 503 busy naming the MX host whose address was never asked", code, body)
	}
}
