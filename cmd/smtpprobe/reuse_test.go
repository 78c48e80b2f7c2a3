package main

import (
	"fmt"
	"net"
	"strings"
	"testing"
	"time"

	"github.com/smtpprobe/smtpprobe/internal/dnstest"
	"github.com/smtpprobe/smtpprobe/internal/smtptest"
)

// TestReuse: targets whose MX host coincides share a session, and each
// report says so; --no-reuse holds a dialogue per target; a single target
// always has a dialogue of its own (issue 15 item 1).
func TestReuse(t *testing.T) {
	srv := smtptest.Start(t, smtptest.Options{Domain: "mx.provider.test",
		RejectRcpt: map[string]*smtptest.SMTPError{"postmaster@d2.test": smtptest.Error(550, "5.1.1", "Email address could not be found, or was misspelled (G8)")}})
	ce, d, port, targets := providerDomains(t, srv.Addr, 6)
	args := []string{"--resolver", d.Addr(), "--port", port, "--checks", "smtp", "-c", "6", "-o", "json"}

	r := runWith(t, ce, append(args, targets...)...)
	if r.code != 2 || strings.Count(r.stdout, `"shared_session":{`) != 6 || strings.Count(r.stdout, `"exit_code":2`) != 1 {
		t.Errorf("shared: exit %d, want 2 (d2's 550 alone), 6 shared sessions, one critical:\n%s%s", r.code, r.stdout, r.stderr)
	}
	r = runWith(t, ce, append(args, append([]string{"--no-reuse"}, targets...)...)...)
	if r.code != 2 || strings.Contains(r.stdout, "shared_session") || strings.Count(r.stdout, `"QUIT"`) != 6 {
		t.Errorf("--no-reuse: exit %d, want 2, no shared session and a QUIT each:\n%s", r.code, r.stdout)
	}
	r = runWith(t, ce, append(args[:len(args)-2], "d0.test")...)
	if r.code != 0 || strings.Contains(r.stdout, "shared with other targets") {
		t.Errorf("one target: exit %d, want 0 and a dialogue of its own:\n%s", r.code, r.stdout)
	}
	r = runWith(t, ce, append(args[:len(args)-2], "d0.test", "d1.test")...)
	if !strings.Contains(r.stdout, "shared with other targets of the run") {
		t.Errorf("text does not say the session was shared:\n%s", r.stdout)
	}
}

// TestReuseStalled: with shared sessions, a server that stops answering
// mid-transaction (it never replies to an RCPT, and --timeout is an hour)
// holds no target longer than --deadline of its own time plus --deadline
// of queue time: the target whose turn it was times out at RCPT, and the
// others are reported as queued (unknown), not blamed on the server and
// not left waiting for the step timeout.
func TestReuseStalled(t *testing.T) {
	release := make(chan struct{})
	srv := smtptest.Start(t, smtptest.Options{Domain: "mx.provider.test", BeforeRcpt: func(string) { <-release }})
	t.Cleanup(func() { close(release) }) // before the server's cleanup
	ce, d, port, targets := providerDomains(t, srv.Addr, 4)
	args := append([]string{"--resolver", d.Addr(), "--port", port, "--checks", "smtp", "-c", "4", "-o", "json",
		"--deadline", "1s", "--timeout", "1h"}, targets...)
	done := make(chan result, 1)
	go func() { done <- runWith(t, ce, args...) }()
	var r result
	select {
	case r = <-done:
	case <-time.After(60 * time.Second): // a watchdog, not a measure: bounded, or an hour
		t.Fatal("the run did not come back: queue time behind a stalled server is not bounded")
	}
	queued, reported := strings.Count(r.stdout, `"id":"queued"`), strings.Count(r.stdout, `{"target":`)
	if reported != len(targets) || queued == 0 || !strings.Contains(r.stdout, "run deadline exceeded") {
		t.Errorf("exit %d, %d of %d targets reported, %d queued out: want all, the one whose turn it was timed out (run deadline exceeded), others queued:\n%s%s",
			r.code, reported, len(targets), queued, r.stdout, r.stderr)
	}
}

// providerDomains serves n domains d0.test, d1.test, ... whose one MX is
// mx.provider.test, routed to the SMTP server at addr: the provider whose
// targets share a session. It returns the environment, the DNS server,
// the server's port and the domains.
func providerDomains(t *testing.T, addr string, n int) (cmdEnv, *dnstest.Server, string, []string) {
	t.Helper()
	_, port, _ := net.SplitHostPort(addr)
	d := dnstest.Start(t, "mx.provider.test. 300 IN A 192.0.2.25")
	var targets []string
	for i := range n {
		name := fmt.Sprintf("d%d.test", i)
		d.Add(t, name+". 300 IN MX 10 mx.provider.test.")
		targets = append(targets, name)
	}
	return cmdEnv{routes: map[string]string{"192.0.2.25:" + port: addr}}, d, port, targets
}
