package main

import (
	"crypto/sha256"
	"crypto/tls"
	"crypto/x509"
	"encoding/hex"
	"fmt"
	"maps"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/smtpprobe/smtpprobe/dane"
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

func newInbound(t testing.TB, rrs ...string) *inbound {
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

// findingPublish returns the publish text of the first finding id.
func findingPublish(obj map[string]any, id string) string {
	fs, _ := obj["findings"].([]any)
	for _, f := range fs {
		m, _ := f.(map[string]any)
		if m["id"] == id {
			s, _ := m["publish"].(string)
			return s
		}
	}
	return ""
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
		signed   any // nil: null, not known from this resolver
		finding  string
		server   bool // --server: the MX lookup is skipped
	}{
		{"signed and validated", "signed.example", true, 0, "ok", true, "dnssec-signed", false},
		{"--server, signed", "signed.example", true, 0, "ok", true, "dnssec-signed", true},
		{"not signed", "plain.example", true, 0, "ok", false, "dnssec-unsigned", false},
		{"bogus domain", "bogus.example", true, 2, "critical", false, "dnssec-bogus", false},
		{"bogus MX host", "badhost.example", true, 2, "critical", true, "dnssec-bogus", false},
		{"resolver does not validate", "signed.example", false, 0, "untestable", nil, "dnssec-not-validating", false},
		// The resolver refuses the self-test: whether it validates is
		// unknown, and the check says the resolver failed, not that it
		// does not validate. A failed question is unknown (exit 3) in
		// every check, never untestable.
		{"resolver fails the self-test", "signed.example", true, 3, "unknown", nil, "check-lookup-failed", false},
		// SERVFAIL with and without CD: a broken server, not a bogus zone
		// and not an unsigned one.
		{"broken name server", "broken.example", true, 3, "unknown", nil, "check-lookup-failed", false},
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
			w.dns.ServFail("broken.example.")
			if tc.validate {
				w.dns.Validate(".")
			}
			selfTestFails := tc.name == "resolver fails the self-test"
			if selfTestFails {
				w.dns.Refuse(".")
			}
			w.route("192.0.2.1", "192.0.2.2", "192.0.2.3")
			args := []string{"--checks", "smtp,dnssec", tc.domain}
			if tc.server {
				args = append([]string{"--server", "mx.signed.example"}, args...)
			}
			code, obj, r := w.run(t, args...)
			c := check(obj, "dnssec")
			// A failed self-test leaves it unknown whether the resolver
			// validates: null, not false.
			var validates any = tc.validate
			if selfTestFails {
				validates = nil
			}
			v, present := c["resolver_validates"]
			_, signedPresent := c["signed"]
			if code != tc.code || c == nil || c["status"] != tc.status || c["signed"] != tc.signed || !signedPresent || v != validates || !present {
				t.Errorf("exit %d, dnssec %v\n%s", code, c, r.stdout)
			}
			if !hasFindingID(obj, "dnssec", tc.finding) {
				t.Errorf("no %s finding\n%s", tc.finding, r.stdout)
			}
			// The metric is there exactly when JSON's signed is not null.
			prom := runWith(t, cmdEnv{routes: w.routes}, append([]string{"--resolver", w.dns.Addr(), "--timeout", "5s", "-o", "prometheus"}, args...)...)
			if has := strings.Contains(prom.stdout, "\nsmtpprobe_dnssec_signed{"); has != (tc.signed != nil) {
				t.Errorf("smtpprobe_dnssec_signed given: %v, JSON signed %v\n%s", has, tc.signed, prom.stdout)
			}
			if selfTestFails {
				r = runWith(t, cmdEnv{routes: w.routes}, "--resolver", w.dns.Addr(), "--timeout", "5s", "--no-color", "--checks", "smtp,dnssec", tc.domain)
				if !strings.Contains(r.stdout, "resolver validates       unknown: REFUSED\n") || strings.Contains(r.stdout, "does not validate") {
					t.Errorf("text:\n%s", r.stdout)
				}
			}
		})
	}
}

// TestTLSRPTCheck: every row of the tls-rpt check.
func TestTLSRPTCheck(t *testing.T) {
	for _, tc := range []struct {
		name, domain, status, finding string
		rua                           []any
	}{
		{"valid", "good.example", "ok", "tlsrpt-ok", []any{"mailto:tls@good.example"}},
		{"absent", "none.example", "ok", "tlsrpt-absent", []any{}},
		{"several", "two.example", "warning", "tlsrpt-several", []any{}},
		{"malformed", "bad.example", "warning", "tlsrpt-invalid", []any{}},
		{"resolver fails", "broken.example", "unknown", "check-lookup-failed", []any{}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			w := newInbound(t,
				"good.example. 300 IN MX 10 mx.good.example.", "mx.good.example. 300 IN A 192.0.2.1",
				`_smtp._tls.good.example. 300 IN TXT "v=TLSRPTv1; rua=mailto:tls@good.example"`,
				"none.example. 300 IN MX 10 mx.good.example.",
				"two.example. 300 IN MX 10 mx.good.example.",
				`_smtp._tls.two.example. 300 IN TXT "v=TLSRPTv1; rua=mailto:a@two.example"`,
				`_smtp._tls.two.example. 300 IN TXT "v=TLSRPTv1; rua=mailto:b@two.example"`,
				"bad.example. 300 IN MX 10 mx.good.example.",
				`_smtp._tls.bad.example. 300 IN TXT "v=TLSRPTv1; rua=ftp://bad.example/"`,
				"broken.example. 300 IN MX 10 mx.good.example.",
			)
			w.dns.ServFail("_smtp._tls.broken.example.")
			w.route("192.0.2.1")
			code, obj, r := w.run(t, "--checks", "smtp,tls-rpt", tc.domain)
			c := check(obj, "tls-rpt")
			want := map[string]int{"ok": 0, "warning": 1, "unknown": 3}[tc.status]
			if code != want || c == nil || c["status"] != tc.status || !hasFindingID(obj, "tls-rpt", tc.finding) {
				t.Errorf("exit %d, tls-rpt %v\n%s", code, c, r.stdout)
			}
			if rua, _ := c["rua"].([]any); len(rua) != len(tc.rua) || len(rua) > 0 && rua[0] != tc.rua[0] {
				t.Errorf("rua %v, want %v", c["rua"], tc.rua)
			}
		})
	}
}

// TestPTRCheck: every row of the ptr check: none of them raises the exit
// status, each is an info finding on its address.
func TestPTRCheck(t *testing.T) {
	w := newInbound(t,
		"ptr.example. 300 IN MX 10 mx.ptr.example.",
		"mx.ptr.example. 300 IN A 192.0.2.1",
		"mx.ptr.example. 300 IN A 192.0.2.2",
		"mx.ptr.example. 300 IN A 192.0.2.3",
		"1.2.0.192.in-addr.arpa. 300 IN PTR mx.ptr.example.",
		"2.2.0.192.in-addr.arpa. 300 IN PTR generic-2.provider.example.",
	)
	w.route("192.0.2.1", "192.0.2.2", "192.0.2.3")
	code, obj, r := w.run(t, "--checks", "smtp,ptr", "ptr.example")
	if code != 0 {
		t.Errorf("exit %d\n%s", code, r.stdout)
	}
	want := map[string]struct {
		fcrdns   bool
		names    int
		findings []string
	}{
		// The go-smtp server greets as "mx.test", which no PTR names.
		"192.0.2.1": {true, 1, []string{"ptr-confirmed", "ptr-greeting-mismatch"}},
		"192.0.2.2": {false, 1, []string{"ptr-not-confirmed", "ptr-greeting-mismatch"}},
		"192.0.2.3": {false, 0, []string{"ptr-missing"}},
	}
	hosts, _ := obj["hosts"].([]any)
	if len(hosts) != 3 {
		t.Fatalf("%d hosts\n%s", len(hosts), r.stdout)
	}
	for _, h := range hosts {
		hm := h.(map[string]any)
		p := check(hm, "ptr")
		addr, _ := p["address"].(string)
		w, ok := want[addr]
		names, _ := p["names"].([]any)
		if !ok || p["status"] != "ok" || p["fcrdns"] != w.fcrdns || len(names) != w.names {
			t.Errorf("ptr %v", p)
		}
		for _, id := range w.findings {
			if !hasFindingID(obj, "ptr", id) {
				t.Errorf("%s: no %s finding", addr, id)
			}
		}
	}
}

// stsWorld is a domain sts.example with MX hosts mx1 and mx2, each its
// own STARTTLS server, and a policy host, all with certificates from one
// CA the probe trusts.
type stsWorld struct {
	*inbound
	ca *smtptest.CA
}

// newSTS builds the world: record is the TXT at _mta-sts (none when ""),
// policy the file served, certs the names each MX's certificate is for
// ("" for one signed by an unknown CA).
func newSTS(t *testing.T, records []string, policy http.HandlerFunc, cert1, cert2 string) (*stsWorld, cmdEnv) {
	t.Helper()
	ca := smtptest.NewCA(t)
	rrs := []string{
		"sts.example. 300 IN MX 10 mx1.sts.example.",
		"sts.example. 300 IN MX 20 mx2.sts.example.",
		"mx1.sts.example. 300 IN A 192.0.2.1",
		"mx2.sts.example. 300 IN A 192.0.2.2",
		"mta-sts.sts.example. 300 IN A 192.0.2.80",
	}
	for _, r := range records {
		rrs = append(rrs, `_mta-sts.sts.example. 300 IN TXT "`+r+`"`)
	}
	w := &stsWorld{inbound: newInbound(t, rrs...), ca: ca}
	for i, name := range []string{cert1, cert2} {
		cert := smtptest.SelfSigned(t, "mx.sts.example", time.Now().AddDate(0, 2, 0))
		if name != "" {
			cert = ca.Issue(t, name, time.Now().AddDate(0, 2, 0))
		}
		srv := smtptest.Start(t, smtptest.Options{TLS: smtptest.TLSConfig(cert)})
		w.routes[fmt.Sprintf("192.0.2.%d:25", i+1)] = srv.Addr
	}
	_, w.routes["192.0.2.80:443"] = newPolicyHost(t, ca, "mta-sts.sts.example", policy)
	return w, cmdEnv{routes: w.routes, roots: ca.Pool()}
}

// newPolicyHost serves policy over HTTPS as name, with a certificate from
// ca; it returns the server and its loopback address.
func newPolicyHost(t testing.TB, ca *smtptest.CA, name string, policy http.HandlerFunc) (*httptest.Server, string) {
	t.Helper()
	web := httptest.NewUnstartedServer(policy)
	web.TLS = smtptest.TLSConfig(ca.Issue(t, name, time.Now().AddDate(0, 2, 0)))
	web.StartTLS()
	t.Cleanup(web.Close)
	return web, web.Listener.Addr().String()
}

func stsPolicy(body string) http.HandlerFunc {
	return func(rw http.ResponseWriter, r *http.Request) {
		rw.Header().Set("Content-Type", "text/plain")
		rw.Write([]byte(body))
	}
}

// TestMTASTSCheck: every row of the mta-sts check, with the policy over
// real HTTPS and the MX certificates seen in real STARTTLS handshakes.
func TestMTASTSCheck(t *testing.T) {
	const rec = "v=STSv1; id=20260101"
	policy := func(mode, maxAge string, mx ...string) http.HandlerFunc {
		body := "version: STSv1\r\nmode: " + mode + "\r\n"
		for _, m := range mx {
			body += "mx: " + m + "\r\n"
		}
		return stsPolicy(body + "max_age: " + maxAge + "\r\n")
	}
	for _, tc := range []struct {
		name         string
		records      []string
		policy       http.HandlerFunc
		cert1, cert2 string
		code         int
		status       string
		finding      string
		mode         string
		pass         map[string]any
	}{
		{"enforce, every MX passes", []string{rec}, policy("enforce", "604800", "*.sts.example"), "mx1.sts.example", "mx2.sts.example",
			0, "ok", "mtasts-ok", "enforce", map[string]any{"mx1.sts.example": true, "mx2.sts.example": true}},
		{"enforce, no MX passes", []string{rec}, policy("enforce", "604800", "*.sts.example"), "", "",
			2, "critical", "mtasts-enforce-no-mx", "enforce", map[string]any{"mx1.sts.example": false, "mx2.sts.example": false}},
		{"enforce, one MX not in the policy", []string{rec}, policy("enforce", "604800", "mx1.sts.example"), "mx1.sts.example", "mx2.sts.example",
			1, "warning", "mtasts-mx-fails", "enforce", map[string]any{"mx1.sts.example": true, "mx2.sts.example": false}},
		{"enforce, one certificate for another name", []string{rec}, policy("enforce", "604800", "*.sts.example"), "mx1.sts.example", "www.sts.example",
			1, "warning", "mtasts-mx-fails", "enforce", map[string]any{"mx1.sts.example": true, "mx2.sts.example": false}},
		{"testing with a failure", []string{rec}, policy("testing", "604800", "*.sts.example"), "", "mx2.sts.example",
			1, "warning", "mtasts-mx-fails", "testing", map[string]any{"mx1.sts.example": false, "mx2.sts.example": true}},
		{"mode none", []string{rec}, policy("none", "86400"), "", "",
			1, "ok", "mtasts-mode-none", "none", map[string]any{}},
		{"no record", nil, policy("enforce", "604800", "*.sts.example"), "mx1.sts.example", "mx2.sts.example",
			0, "ok", "mtasts-absent", "", map[string]any{}},
		{"policy not found", []string{rec}, http.NotFound, "mx1.sts.example", "mx2.sts.example",
			1, "warning", "mtasts-policy-unavailable", "", map[string]any{}},
		{"policy redirects", []string{rec}, func(rw http.ResponseWriter, r *http.Request) {
			http.Redirect(rw, r, "https://www.sts.example/mta-sts.txt", http.StatusMovedPermanently)
		}, "mx1.sts.example", "mx2.sts.example", 1, "warning", "mtasts-policy-unavailable", "", map[string]any{}},
		{"policy syntax error", []string{rec}, stsPolicy("version: STSv1\nmode: enforced\nmx: *.sts.example\nmax_age: 604800\n"), "mx1.sts.example", "mx2.sts.example",
			1, "warning", "mtasts-policy-invalid", "", map[string]any{}},
		{"two records", []string{rec, "v=STSv1; id=2"}, policy("enforce", "604800", "*.sts.example"), "mx1.sts.example", "mx2.sts.example",
			1, "warning", "mtasts-records", "enforce", map[string]any{"mx1.sts.example": true, "mx2.sts.example": true}},
		{"record syntax error", []string{"v=STSv1; id=2026-01-01"}, policy("enforce", "604800", "*.sts.example"), "mx1.sts.example", "mx2.sts.example",
			1, "warning", "mtasts-record-invalid", "enforce", map[string]any{"mx1.sts.example": true, "mx2.sts.example": true}},
		{"max_age under a day", []string{rec}, policy("enforce", "3600", "*.sts.example"), "mx1.sts.example", "mx2.sts.example",
			1, "warning", "mtasts-max-age-short", "enforce", map[string]any{"mx1.sts.example": true, "mx2.sts.example": true}},
		// The resolver fails the policy host's address: the policy is not
		// known, which is not the domain's fault (not
		// mtasts-policy-unavailable).
		{"resolver fails the policy host", []string{rec}, policy("enforce", "604800", "*.sts.example"), "mx1.sts.example", "mx2.sts.example",
			3, "unknown", "check-lookup-failed", "", map[string]any{}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			w, ce := newSTS(t, tc.records, tc.policy, tc.cert1, tc.cert2)
			if tc.finding == "check-lookup-failed" {
				w.dns.ServFail("mta-sts.sts.example.")
			}
			r := runWith(t, ce, "--resolver", w.dns.Addr(), "--timeout", "5s", "-o", "json", "--checks", "smtp,mta-sts", "sts.example")
			obj := decodeJSONLines(t, r.stdout)[0]
			c := check(obj, "mta-sts")
			want := tc.code
			if tc.name == "mode none" {
				want = 1 // the certificates of the dialogue are unverified: smtp warns
			}
			if r.code != want || c == nil || c["status"] != tc.status || c["mode"] != tc.mode || !hasFindingID(obj, "mta-sts", tc.finding) {
				t.Errorf("exit %d, mta-sts %v\n%s", r.code, c, r.stdout)
			}
			if pass, _ := c["mx_pass"].(map[string]any); !maps.Equal(pass, tc.pass) {
				t.Errorf("mx_pass %v, want %v", pass, tc.pass)
			}
			// Where the fix is a record or a policy file, it is shown.
			switch tc.finding {
			case "mtasts-enforce-no-mx", "mtasts-policy-unavailable", "mtasts-policy-invalid", "mtasts-records", "mtasts-record-invalid":
				pub := findingPublish(obj, tc.finding)
				if !strings.Contains(pub, "v=STSv1") && !strings.Contains(pub, "mx: mx1.sts.example\nmx: mx2.sts.example") {
					t.Errorf("%s: publish %q", tc.finding, pub)
				}
			}
		})
	}
}

// TestDANECheck: every row of the dane check: TLSA records from a signed
// (or unsigned) zone through a validating resolver, matched against the
// chain of a real STARTTLS handshake.
func TestDANECheck(t *testing.T) {
	ca := smtptest.NewCA(t)
	cert := ca.Issue(t, "mx.dane.example", time.Now().AddDate(0, 2, 0))
	leaf, err := x509.ParseCertificate(cert.Certificate[0])
	if err != nil {
		t.Fatal(err)
	}
	ee := dane.RecordFor(leaf).String()
	taSum := sha256.Sum256(ca.Cert.Raw)
	ta := "2 0 1 " + hex.EncodeToString(taSum[:])
	wrong := "3 1 1 " + strings.Repeat("ab", 32)
	leafOnly := cert
	leafOnly.Certificate = cert.Certificate[:1]
	for _, tc := range []struct {
		name     string
		zone     string // the MX host's zone: "example" (signed) or "insecure.example"
		tlsa     []string
		noTLS    bool
		leafOnly bool
		validate bool
		code     int
		status   string
		finding  string
		match    any
	}{
		{"matches", "example", []string{ee}, false, false, true, 0, "ok", "dane-match", true},
		{"one record only", "example", []string{ee}, false, false, true, 0, "ok", "dane-single-record", true},
		{"DANE-TA matches at depth 1", "example", []string{ta, wrong}, false, false, true, 0, "ok", "dane-match", true},
		{"matches no record", "example", []string{wrong}, false, false, true, 2, "critical", "dane-mismatch", false},
		{"no STARTTLS", "example", []string{ee}, true, false, true, 2, "critical", "dane-no-tls", nil},
		{"handshake fails", "example", []string{ee}, false, false, true, 2, "critical", "dane-no-tls", nil},
		{"TLSA in an unsigned zone", "insecure.example", []string{ee}, false, false, true, 1, "warning", "dane-unsigned", nil},
		{"only unusable records", "example", []string{"1 1 1 " + strings.Repeat("cd", 32)}, false, false, true, 1, "warning", "dane-unusable", nil},
		{"DANE-TA anchor not sent", "example", []string{ee, ta}, false, true, true, 1, "warning", "dane-ta-not-sent", true},
		{"no TLSA", "example", nil, false, false, true, 0, "ok", "dane-absent", nil},
		{"resolver does not validate", "example", []string{ee}, false, false, false, 0, "untestable", "dane-not-validating", nil},
		// TLSA without AD from a resolver whose self-test failed: unsigned
		// or not validated cannot be told, and the resolver failed a
		// question DANE needs, so unknown, not "does not validate" (the
		// certificate, for another name, makes the exit 1).
		{"resolver fails the self-test", "insecure.example", []string{ee}, false, false, true, 1, "unknown", "check-lookup-failed", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			host := "mx.dane." + tc.zone
			rrs := []string{"dane.example. 300 IN MX 10 " + host + ".", host + ". 300 IN A 192.0.2.1"}
			for _, r := range tc.tlsa {
				rrs = append(rrs, "_25._tcp."+host+". 300 IN TLSA "+r)
			}
			w := newInbound(t, rrs...)
			if tc.zone != "example" {
				w.dns.Sign(t, tc.zone+".", dnstest.Unsigned)
			}
			if tc.validate {
				w.dns.Validate(".")
			}
			if tc.name == "resolver fails the self-test" {
				w.dns.Refuse(".")
			}
			o := smtptest.Options{TLS: smtptest.TLSConfig(cert)}
			switch {
			case tc.noTLS:
				o.TLS = nil
			case tc.leafOnly:
				o.TLS = smtptest.TLSConfig(leafOnly)
			case tc.name == "handshake fails":
				o.TLS.MaxVersion = tls.VersionTLS11 // older than the probe accepts
			}
			srv := smtptest.Start(t, o)
			ce := cmdEnv{routes: map[string]string{"192.0.2.1:25": srv.Addr}, roots: ca.Pool()}
			r := runWith(t, ce, "--resolver", w.dns.Addr(), "--timeout", "5s", "-o", "json", "--checks", "smtp,dnssec,dane", "dane.example")
			obj := decodeJSONLines(t, r.stdout)[0]
			hosts, _ := obj["hosts"].([]any)
			if len(hosts) != 1 {
				t.Fatalf("hosts %v\n%s", hosts, r.stdout)
			}
			c := check(hosts[0].(map[string]any), "dane")
			want := tc.code
			if tc.noTLS && want < 1 {
				want = 1
			}
			if r.code != want || c == nil || c["status"] != tc.status || c["match"] != tc.match || !hasFindingID(obj, "dane", tc.finding) {
				t.Errorf("exit %d, dane %v\n%s", r.code, c, r.stdout)
			}
			if tc.finding == "dane-mismatch" && !strings.Contains(findingPublish(obj, tc.finding), "_25._tcp."+host+". IN TLSA "+ee) {
				t.Errorf("publish %q, want the record of the key presented (%s)", findingPublish(obj, tc.finding), ee)
			}
			if tc.name == "matches" && hasFindingID(obj, "dane", "dane-ta-not-sent") {
				t.Error("dane-ta-not-sent without a DANE-TA record")
			}
		})
	}
}

// TestCheckLookupFailedText: when the resolver fails the TXT question of
// MTA-STS or TLS-RPT, the TLSA question of DANE or the PTR question, the
// text report's facts say the record is unknown, never "no record", "no
// TLSA" or "no PTR": a failed lookup is not a missing record.
func TestCheckLookupFailedText(t *testing.T) {
	w := newInbound(t, "broken.example. 300 IN MX 10 mx.broken.example.", "mx.broken.example. 300 IN A 192.0.2.1")
	w.dns.ServFail("_mta-sts.broken.example.", "_smtp._tls.broken.example.", "_25._tcp.mx.broken.example.", "1.2.0.192.in-addr.arpa.")
	w.route("192.0.2.1")
	r := runWith(t, cmdEnv{routes: w.routes}, "--resolver", w.dns.Addr(), "--timeout", "5s", "--no-color", "--checks", "smtp,mta-sts,tls-rpt,dane,ptr", "broken.example")
	for _, want := range []string{
		"MTA-STS  UNKNOWN  ",
		"    record                   unknown: resolver " + w.dns.Addr() + ": TXT _mta-sts.broken.example: SERVFAIL",
		"TLS-RPT  UNKNOWN  ",
		"    record                   unknown: resolver " + w.dns.Addr() + ": TXT _smtp._tls.broken.example: SERVFAIL",
		"    _25._tcp.mx.broken.example unknown: resolver " + w.dns.Addr() + ": TLSA _25._tcp.mx.broken.example: SERVFAIL",
		"    192.0.2.1                unknown: resolver " + w.dns.Addr() + ": PTR 1.2.0.192.in-addr.arpa: SERVFAIL",
	} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("no %q in\n%s", want, r.stdout)
		}
	}
	for _, missing := range []string{"no record", "no TLSA", "no PTR"} {
		if strings.Contains(r.stdout, missing) {
			t.Errorf("a failed lookup shown as %s:\n%s", missing, r.stdout)
		}
	}
}

// TestDANEServerAddress: with --server naming an address there is no host
// name for TLSA records to hang off (RFC 7672), so DANE asks nothing and
// judges nothing, instead of advising a TLSA record at _25._tcp.ADDRESS.
func TestDANEServerAddress(t *testing.T) {
	w := newInbound(t, "example.test. 300 IN MX 10 mx.example.test.")
	w.dns.Validate(".")
	code, obj, r := w.run(t, "--server", w.smtp.Addr, "example.test")
	hosts, _ := obj["hosts"].([]any)
	if code != 0 || len(hosts) != 1 {
		t.Fatalf("exit %d, hosts %v\n%s", code, obj["hosts"], r.stderr)
	}
	if hc, _ := hosts[0].(map[string]any)["checks"].(map[string]any); hc["dane"] != nil || hc["ptr"] == nil {
		t.Errorf("host checks %v: want ptr and no dane", hc)
	}
	for _, q := range w.dns.Queries() {
		if q.Type == "TLSA" {
			t.Errorf("asked TLSA %s", q.Name)
		}
	}
}

// TestTLSRPTWithPolicies: a domain that publishes MTA-STS or DANE without
// TLS-RPT gets a warning: failures would go unreported.
func TestTLSRPTWithPolicies(t *testing.T) {
	w := newInbound(t,
		"sts.example. 300 IN MX 10 mx.sts.example.", "mx.sts.example. 300 IN A 192.0.2.1",
		`_mta-sts.sts.example. 300 IN TXT "v=STSv1; id=1"`,
	)
	w.route("192.0.2.1")
	_, obj, r := w.run(t, "--checks", "smtp,mta-sts,tls-rpt", "sts.example")
	c := check(obj, "tls-rpt")
	if c["status"] != "warning" || !hasFindingID(obj, "tls-rpt", "tlsrpt-missing") ||
		!strings.Contains(findingPublish(obj, "tlsrpt-missing"), `_smtp._tls.sts.example. IN TXT "v=TLSRPTv1; rua=mailto:`) {
		t.Errorf("tls-rpt %v\n%s", c, r.stdout)
	}
	// Without the mta-sts check nothing says MTA-STS is in use.
	_, obj, r = w.run(t, "--checks", "smtp,tls-rpt", "sts.example")
	if c := check(obj, "tls-rpt"); c["status"] != "ok" {
		t.Errorf("tls-rpt alone %v\n%s", c, r.stdout)
	}
}

// TestSummaryCountsEveryNote: the verdict of a healthy probe counts the
// notes of the checks with the dialogue's, so "N notes" is how many info
// findings the report shows.
func TestSummaryCountsEveryNote(t *testing.T) {
	w := newInbound(t, "plain.example. 300 IN MX 10 mx.plain.example.", "mx.plain.example. 300 IN A 192.0.2.1")
	w.route("192.0.2.1")
	code, obj, r := w.run(t, "plain.example")
	fs, _ := obj["findings"].([]any)
	notes := 0
	for _, f := range fs {
		if f.(map[string]any)["severity"] == "info" {
			notes++
		}
	}
	want := fmt.Sprintf("; %d notes", notes)
	if code != 0 || notes < 3 || !strings.HasSuffix(obj["summary"].(string), want) {
		t.Errorf("exit %d, %d notes, summary %q\n%s", code, notes, obj["summary"], r.stdout)
	}
	if smtp := check(obj, "smtp"); smtp == nil || strings.HasSuffix(smtp["summary"].(string), want) {
		t.Errorf("the smtp check's own summary counts the other checks' notes: %v", smtp)
	}
}

// TestNoMailDomainNeedsNoTLSPolicy: a domain that accepts no mail (NXDOMAIN,
// a null MX) has nothing to protect in transit: mta-sts and tls-rpt are ok
// and say so, without the notes that suggest publishing a policy, and an
// unsigned one gets no note that DANE needs DNSSEC. A domain that does take
// mail still gets them.
func TestNoMailDomainNeedsNoTLSPolicy(t *testing.T) {
	w := newInbound(t,
		"nullmx.example. 300 IN MX 0 .",
		"plain.example. 300 IN MX 10 mx.plain.example.", "mx.plain.example. 300 IN A 192.0.2.1",
	)
	w.dns.Sign(t, "nullmx.example.", dnstest.Unsigned)
	w.dns.Sign(t, "plain.example.", dnstest.Unsigned)
	w.dns.Validate(".")
	w.route("192.0.2.1")
	for _, tc := range []struct {
		domain    string
		code      int
		notNeeded bool
	}{
		{"nullmx.example", 2, true},
		{"gone.example", 2, true},
		{"plain.example", 0, false},
	} {
		code, obj, r := w.run(t, "--checks", "smtp,dnssec,mta-sts,tls-rpt", tc.domain)
		if c := check(obj, "dnssec"); c["status"] != "ok" || hasFindingID(obj, "dnssec", "dnssec-unsigned") == tc.notNeeded {
			t.Errorf("%s: dnssec %v, dnssec-unsigned finding %v\n%s", tc.domain, c, hasFindingID(obj, "dnssec", "dnssec-unsigned"), r.stdout)
		}
		if code != tc.code {
			t.Errorf("%s: exit %d, want %d\n%s", tc.domain, code, tc.code, r.stdout)
		}
		for name, absent := range map[string]string{"mta-sts": "mtasts-absent", "tls-rpt": "tlsrpt-absent"} {
			c := check(obj, name)
			summary, _ := c["summary"].(string)
			if c["status"] != "ok" || strings.HasSuffix(summary, "not needed, the domain accepts no mail") != tc.notNeeded ||
				hasFindingID(obj, name, absent) == tc.notNeeded {
				t.Errorf("%s: %s %v, %s finding: %v\n%s", tc.domain, name, c, absent, hasFindingID(obj, name, absent), r.stdout)
			}
		}
	}
}
