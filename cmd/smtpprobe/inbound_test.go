package main

import (
	"testing"

	"github.com/smtpprobe/smtpprobe/internal/dnstest"
	"github.com/smtpprobe/smtpprobe/internal/smtptest"
)

// inbound is a world for the inbound checks: a signed root, and under the
// signed zone example. the domains of the tests, every MX address routed
// to one go-smtp server.
type inbound struct {
	dns    *dnstest.Server
	smtp   *smtptest.Server
	routes map[string]string
}

func newInbound(t *testing.T, rrs ...string) *inbound {
	t.Helper()
	srv := smtptest.Start(t, smtptest.Options{})
	d := dnstest.Start(t, append([]string{". 300 IN SOA a.root. admin.root. 1 3600 600 86400 60"}, rrs...)...)
	d.Sign(t, ".", dnstest.Signed)
	d.Sign(t, "example.", dnstest.Signed)
	return &inbound{dns: d, smtp: srv, routes: map[string]string{}}
}

// route sends connections to addr:25 to the SMTP server.
func (w *inbound) route(addrs ...string) {
	for _, a := range addrs {
		w.routes[a+":25"] = w.smtp.Addr
	}
}

// run runs the command against the world with JSON output and returns the
// exit status and the target's object.
func (w *inbound) run(t *testing.T, args ...string) (int, map[string]any, result) {
	t.Helper()
	r := runWith(t, cmdEnv{routes: w.routes}, append([]string{"--resolver", w.dns.Addr(), "--timeout", "5s", "-o", "json"}, args...)...)
	objs := decodeJSONLines(t, r.stdout)
	return r.code, objs[0], r
}

// check returns the check object name of the target, nil when absent.
func check(obj map[string]any, name string) map[string]any {
	cs, _ := obj["checks"].(map[string]any)
	c, _ := cs[name].(map[string]any)
	return c
}

// hasFindingID reports whether the target has a finding id of check.
func hasFindingID(obj map[string]any, check, id string) bool {
	fs, _ := obj["findings"].([]any)
	for _, f := range fs {
		m, _ := f.(map[string]any)
		if m["id"] == id && m["check"] == check {
			return true
		}
	}
	return false
}

// TestDNSSECCheck: every row of the dnssec check, against a validating
// (or not) resolver on loopback that verifies real signatures.
func TestDNSSECCheck(t *testing.T) {
	for _, tc := range []struct {
		name     string
		domain   string
		validate bool
		code     int
		status   string
		signed   bool
		finding  string
	}{
		{"signed and validated", "signed.example", true, 0, "ok", true, "dnssec-signed"},
		{"not signed", "plain.example", true, 0, "ok", false, "dnssec-unsigned"},
		{"bogus domain", "bogus.example", true, 2, "critical", false, "dnssec-bogus"},
		{"bogus MX host", "badhost.example", true, 2, "critical", true, "dnssec-bogus"},
		{"resolver does not validate", "signed.example", false, 0, "untestable", false, "dnssec-not-validating"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			w := newInbound(t,
				"signed.example. 300 IN MX 10 mx.signed.example.",
				"mx.signed.example. 300 IN A 192.0.2.1",
				"plain.example. 300 IN MX 10 mx.plain.example.",
				"mx.plain.example. 300 IN A 192.0.2.2",
				"bogus.example. 300 IN MX 10 mx.bogus.example.",
				"mx.bogus.example. 300 IN A 192.0.2.3",
				"badhost.example. 300 IN MX 10 mx.bogus.example.",
			)
			w.dns.Sign(t, "signed.example.", dnstest.Signed)
			w.dns.Sign(t, "plain.example.", dnstest.Unsigned)
			w.dns.Sign(t, "bogus.example.", dnstest.BogusSignatures)
			if tc.validate {
				w.dns.Validate(".")
			}
			w.route("192.0.2.1", "192.0.2.2", "192.0.2.3")
			code, obj, r := w.run(t, "--checks", "smtp,dnssec", tc.domain)
			c := check(obj, "dnssec")
			if code != tc.code || c == nil || c["status"] != tc.status || c["signed"] != tc.signed || c["resolver_validates"] != tc.validate {
				t.Errorf("exit %d, dnssec %v\n%s", code, c, r.stdout)
			}
			if !hasFindingID(obj, "dnssec", tc.finding) {
				t.Errorf("no %s finding\n%s", tc.finding, r.stdout)
			}
		})
	}
}
