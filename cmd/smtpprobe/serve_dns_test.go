package main

import (
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/miekg/dns"

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

// TestServeDNSNoSlotForMXHost: a scrape whose MX question was answered but
// whose MX host's address questions never got a DNS slot before its time
// ran out (another scrape held the only one) has asked nothing about the
// host: 503 busy, not smtpprobe_success 0. The MX answer waits until the
// other scrape queues for the slot, which it then takes.
func TestServeDNSNoSlotForMXHost(t *testing.T) {
	srv := dnstest.Start(t, "q.example. 300 IN MX 10 mx.q.example.", "mx.q.example. 300 IN A 192.0.2.1")
	proceed, release := make(chan struct{}), make(chan struct{})
	srv.Handle(func(w dns.ResponseWriter, m *dns.Msg) {
		switch m.Question[0].Name {
		case "q.example.":
			<-proceed
		case "held.example.":
			<-release
		}
		w.WriteMsg(srv.Reply(m))
	})
	e, _ := serveEnv(nil, nil)
	_, ts := startExporter(t, e, "--resolver", srv.Addr(), "--max-dns-queries", "1",
		"--max-concurrent", "4", "--rate", "0", "--timeout-offset", "0s", "--checks", "smtp")
	var wg sync.WaitGroup
	defer wg.Wait()
	defer close(release)
	type reply struct {
		code int
		body string
	}
	done := make(chan reply, 1)
	go func() {
		code, body := get(t, ts.URL+"/probe?target=q.example", "X-Prometheus-Scrape-Timeout-Seconds", "2")
		done <- reply{code, body}
	}()
	for n, _ := srv.Count("q.example", "MX"); n == 0; n, _ = srv.Count("q.example", "MX") {
		time.Sleep(time.Millisecond)
	}
	waiting := dnstest.SlotWaiters()
	wg.Go(func() { get(t, ts.URL+"/probe?target=held.example") })
	for dnstest.SlotWaiters() == waiting {
		time.Sleep(time.Millisecond)
	}
	close(proceed)
	r := <-done
	code, body := r.code, r.body
	if code != http.StatusServiceUnavailable || !strings.Contains(body, "busy") || !strings.Contains(body, "mx.q.example") {
		t.Errorf("scrape: %d %q, want 503 busy naming the MX host whose address was never asked", code, body)
	}
	if n, _ := srv.Count("mx.q.example", ""); n != 0 {
		t.Errorf("%d address questions reached the server, want none", n)
	}
}
