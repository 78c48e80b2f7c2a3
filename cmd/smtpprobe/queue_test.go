package main

import (
	"bufio"
	"encoding/json"
	"net"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/smtpprobe/smtpprobe/internal/dnstest"
	"github.com/smtpprobe/smtpprobe/internal/smtptest"
)

// TestQueueTimeIsNotProbeTime is issue 10 item 17: many copies of one
// healthy target, probed at once, wait for each other at the per-address
// gate. That wait must neither count against --deadline nor appear in any
// duration: every copy is OK, within the deadline, its wait reported apart.
func TestQueueTimeIsNotProbeTime(t *testing.T) {
	const copies = 12
	srv := smtptest.Start(t, smtptest.Options{Domain: "mx.example.test"})
	// 10ms each way: a dialogue takes several round trips, about 100ms,
	// so the copies queue for about a second in all.
	proxy := smtptest.NewProxy(t, srv.Addr, 10*time.Millisecond)
	d := dnstest.Start(t,
		"example.test. 300 IN MX 10 mx.example.test.",
		"mx.example.test. 300 IN A 192.0.2.25",
	)
	_, port, _ := net.SplitHostPort(proxy.Addr)
	ce := cmdEnv{
		stdin:  strings.Repeat("postmaster@example.test\n", copies),
		routes: map[string]string{"192.0.2.25:" + port: proxy.Addr},
	}
	r := runWith(t, ce, "--resolver", d.Addr(), "--port", port, "--checks", "smtp", "--starttls", "never",
		"-c", "12", "--deadline", "400ms", "-o", "json", "-f", "-")
	if r.code != 0 {
		t.Errorf("exit %d, want 0: a healthy server\n%s", r.code, r.stderr)
	}
	var queued int
	sc := bufio.NewScanner(strings.NewReader(r.stdout))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var obj struct {
			Status     string  `json:"status"`
			Summary    string  `json:"summary"`
			DurationMS float64 `json:"duration_ms"`
			QueuedMS   float64 `json:"queued_ms"`
			Hosts      []struct {
				DurationMS float64 `json:"duration_ms"`
				QueuedMS   float64 `json:"queued_ms"`
			} `json:"hosts"`
		}
		if err := json.Unmarshal(sc.Bytes(), &obj); err != nil {
			t.Fatalf("not JSON: %v\n%s", err, sc.Text())
		}
		if obj.Status != "ok" {
			t.Errorf("status %s: %s", obj.Status, obj.Summary)
		}
		if obj.DurationMS >= 400 || len(obj.Hosts) != 1 || obj.Hosts[0].DurationMS >= 400 {
			t.Errorf("duration %vms (hosts %+v): queue time counted as probe time", obj.DurationMS, obj.Hosts)
		}
		if obj.QueuedMS > 0 && len(obj.Hosts) == 1 && obj.Hosts[0].QueuedMS > 0 {
			queued++
		}
	}
	if queued < copies/2 {
		t.Errorf("%d of %d results report a wait, want most: one connection at a time to the address", queued, copies)
	}
}

// TestServeQueuedScrapes is the exporter's side of issue 10 item 17:
// concurrent scrapes of one healthy server queue for its address, and a
// scrape whose time runs out in that queue knows nothing of the server.
// It must never say smtpprobe_success 0: it answers 503, as a busy
// exporter does.
func TestServeQueuedScrapes(t *testing.T) {
	const scrapes = 24
	srv := smtptest.Start(t, smtptest.Options{Domain: "mx.example.test"})
	proxy := smtptest.NewProxy(t, srv.Addr, 10*time.Millisecond)
	e, _ := serveEnv(nil, nil)
	_, ts := startExporter(t, e, "--max-concurrent", "32", "--rate", "0", "--timeout-offset", "0s",
		"--checks", "smtp", "--starttls", "never", "--server", proxy.Addr)
	codes := make([]int, scrapes)
	bodies := make([]string, scrapes)
	var wg sync.WaitGroup
	for i := range scrapes {
		wg.Go(func() {
			codes[i], bodies[i] = get(t, ts.URL+"/probe?target=postmaster@example.test",
				"X-Prometheus-Scrape-Timeout-Seconds", "1")
		})
	}
	wg.Wait()
	var ok, busy int
	for i := range scrapes {
		switch codes[i] {
		case http.StatusOK:
			ok++
			if v, found := value(parseText(t, bodies[i]), "smtpprobe_success"); !found || v != 1 {
				t.Errorf("scrape %d: smtpprobe_success %v (found %v), want 1: the server is healthy\n%s", i, v, found, bodies[i])
			}
		case http.StatusServiceUnavailable:
			busy++
			if !strings.Contains(bodies[i], "waiting for other probes") {
				t.Errorf("scrape %d: 503 %q does not say it queued", i, bodies[i])
			}
		default:
			t.Errorf("scrape %d: status %d: %s", i, codes[i], bodies[i])
		}
	}
	if ok == 0 {
		t.Errorf("no scrape succeeded (%d busy)", busy)
	}
	t.Logf("%d ok, %d busy", ok, busy)
}
