package main

import (
	"net"
	"strings"
	"testing"
	"time"

	"github.com/smtpprobe/smtpprobe/internal/dnstest"
	"github.com/smtpprobe/smtpprobe/internal/smtptest"
)

// TestHostAddresses: an MX host probed on four addresses, two refusing
// connections and two serving a certificate for another name. What one
// address did is never told of the other: Nagios's line per address and
// its perfdata labels, the findings' address in JSON and in the text
// report, and the verdict,
// which says the host's other address takes the mail (there is no other
// MX host).
func TestHostAddresses(t *testing.T) {
	srv := smtptest.Start(t, smtptest.Options{
		Domain: "mx.multi.test",
		TLS:    smtptest.TLSConfig(smtptest.SelfSigned(t, "other.test", time.Now().Add(60*24*time.Hour))),
	})
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	closed := l.Addr().String()
	l.Close() // nothing listens there now: connections are refused
	d := dnstest.Start(t,
		"multi.test. 300 IN MX 10 mx.multi.test.",
		"mx.multi.test. 300 IN A 192.0.2.2",
		"mx.multi.test. 300 IN A 192.0.2.1",
		"mx.multi.test. 300 IN A 192.0.2.3",
		"mx.multi.test. 300 IN A 192.0.2.4",
	)
	ce := cmdEnv{routes: map[string]string{"192.0.2.1:25": srv.Addr, "192.0.2.2:25": closed, "192.0.2.3:25": srv.Addr, "192.0.2.4:25": closed}}

	r := runWith(t, ce, "--resolver", d.Addr(), "-o", "nagios", "multi.test")
	lines := strings.Split(r.stdout, "\n")
	n := 0
	for _, l := range lines {
		refused := strings.Contains(l, "[192.0.2.2]") || strings.Contains(l, "[192.0.2.4]")
		served := strings.Contains(l, "[192.0.2.1]") || strings.Contains(l, "[192.0.2.3]")
		if !refused && !served {
			continue
		}
		n++
		if refused && (strings.Contains(l, "certificate") || !strings.Contains(l, "connect")) ||
			served && (strings.Contains(l, "connect") || !strings.Contains(l, "certificate")) {
			t.Errorf("a Nagios line tells of another address's findings: %s", l)
		}
	}
	if n != 4 {
		t.Errorf("%d Nagios lines for the 4 addresses:\n%s", n, r.stdout)
	}
	perf := map[string]int{}
	_, data, _ := strings.Cut(lines[0], " | ")
	for _, item := range strings.Fields(data) {
		label, _, _ := strings.Cut(item, "=")
		if perf[label]++; perf[label] == 2 {
			t.Errorf("perfdata label %s given twice:\n%s", label, lines[0])
		}
	}
	if perf["mx.multi.test/192.0.2.3/rcpt"] != 1 {
		t.Errorf("no perfdata of the third address's RCPT:\n%s", lines[0])
	}
	if strings.Contains(lines[0], "other MX hosts") || !strings.Contains(lines[0], "its other addresses take the mail") {
		t.Errorf("verdict: %s", lines[0])
	}

	r = runWith(t, ce, "--resolver", d.Addr(), "--no-color", "multi.test")
	for _, want := range []string{"mx.multi.test [192.0.2.2]:25  CRITICAL", "mx.multi.test  Could not connect", "mx.multi.test 192.0.2.3  The certificate chain is not trusted"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("the text report lacks %q:\n%s", want, r.stdout)
		}
	}

	r = runWith(t, ce, "--resolver", d.Addr(), "-o", "json", "multi.test")
	obj := decodeJSONLines(t, r.stdout)[0]
	for _, f := range arr(t, obj, "findings") {
		id, addr := str(t, f, "id"), ""
		if a, ok := jget(f, "address"); ok {
			addr, _ = a.(string)
		}
		switch {
		case id == "host-unreachable":
			t.Errorf("the host's other addresses took connections, yet %s: %v", id, f)
		// One "could not connect" tells of both refusing addresses: it
		// is about the host, not one address.
		case id == "address-unreachable" && addr != "",
			strings.HasPrefix(id, "tls-") && addr != "192.0.2.1" && addr != "192.0.2.3":
			t.Errorf("finding %s has address %q", id, addr)
		}
	}
}
