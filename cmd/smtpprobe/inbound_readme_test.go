package main

import (
	"crypto/x509"
	"os"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus/testutil/promlint"

	"github.com/smtpprobe/smtpprobe/dane"
	"github.com/smtpprobe/smtpprobe/internal/smtptest"
)

// healthyInbound serves secure.example as a domain that passes every
// inbound check: signed, DANE, MTA-STS in enforce mode, TLS-RPT and
// forward-confirmed reverse DNS, through a validating resolver.
func healthyInbound(t testing.TB) (*inbound, cmdEnv) {
	t.Helper()
	ca := smtptest.NewCA(t)
	cert := ca.Issue(t, "mx1.secure.example", time.Now().AddDate(0, 3, 0))
	leaf, err := x509.ParseCertificate(cert.Certificate[0])
	if err != nil {
		t.Fatal(err)
	}
	w := newInbound(t,
		"secure.example. 300 IN MX 10 mx1.secure.example.",
		"mx1.secure.example. 300 IN A 192.0.2.1",
		"1.2.0.192.in-addr.arpa. 300 IN PTR mx1.secure.example.",
		"_25._tcp.mx1.secure.example. 300 IN TLSA "+dane.RecordFor(leaf).String(),
		`_mta-sts.secure.example. 300 IN TXT "v=STSv1; id=20261201T000000"`,
		"mta-sts.secure.example. 300 IN A 192.0.2.80",
		`_smtp._tls.secure.example. 300 IN TXT "v=TLSRPTv1; rua=mailto:tlsrpt@secure.example"`,
	)
	w.dns.Validate(".")
	srv := smtptest.Start(t, smtptest.Options{Domain: "mx1.secure.example", TLS: smtptest.TLSConfig(cert)})
	w.routes["192.0.2.1:25"] = srv.Addr
	_, web := newPolicyHost(t, ca, "mta-sts.secure.example", stsPolicy("version: STSv1\r\nmode: enforce\r\nmx: mx1.secure.example\r\nmax_age: 604800\r\n"))
	w.routes["192.0.2.80:443"] = web
	return w, cmdEnv{routes: w.routes, roots: ca.Pool()}
}

// checkSections cuts the checks' sections out of a text report, with the
// digests that change with every key made in the test replaced.
func checkSections(out string) string {
	start := strings.Index(out, "\nDNSSEC  ")
	end := strings.Index(out, "\nFindings\n")
	if start < 0 || end < start {
		return ""
	}
	s := out[start+1 : end]
	return regexp.MustCompile(`\b[0-9a-f]{64}\b`).ReplaceAllString(s, "<SHA-256 of the public key>")
}

// TestReadmeInbound keeps the README's example of the inbound checks the
// output of a real run.
func TestReadmeInbound(t *testing.T) {
	w, ce := healthyInbound(t)
	r := runWith(t, ce, "--resolver", w.dns.Addr(), "--timeout", "5s", "--no-color", "secure.example")
	if r.code != 0 {
		t.Fatalf("exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	got := checkSections(r.stdout)
	b, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile("(?s)\\$ smtpprobe --resolver 127.0.0.1 secure.example\n    \\.\\.\\.\n(.*?)\n    \\.\\.\\.\n").FindStringSubmatch(string(b))
	want := ""
	if m != nil {
		want = strings.ReplaceAll(m[1], "\n    ", "\n")
		want = strings.TrimPrefix(want, "    ")
	}
	if strings.TrimSpace(got) != strings.TrimSpace(want) {
		t.Errorf("the README shows\n%s\nthe command gives\n%s", want, got)
	}
}

// TestInboundFormats: every format shows the inbound checks of a healthy
// domain and of one whose MX certificate matches no TLSA record.
func TestInboundFormats(t *testing.T) {
	w, ce := healthyInbound(t)
	args := func(more ...string) []string {
		return append([]string{"--resolver", w.dns.Addr(), "--timeout", "5s"}, more...)
	}
	r := runWith(t, ce, args("-o", "prometheus", "secure.example")...)
	for _, want := range []string{
		`smtpprobe_check_status\{check="mta-sts"[^}]*\} 0`,
		`smtpprobe_check_status\{check="dnssec"[^}]*\} 0`,
		`smtpprobe_host_check_status\{check="dane",host="mx1.secure.example"[^}]*\} 0`,
		`smtpprobe_dane_match\{address="192.0.2.1",host="mx1.secure.example"[^}]*\} 1`,
		`smtpprobe_mta_sts_mode\{mode="enforce"[^}]*\} 1`,
		`smtpprobe_dnssec_signed(\{[^}]*\})? 1`,
	} {
		if !regexp.MustCompile(want).MatchString(r.stdout) {
			t.Errorf("prometheus: no %s\n%s", want, r.stdout)
		}
	}
	// promtool's lint, for the metrics of the checks.
	problems, err := promlint.New(strings.NewReader(r.stdout)).Lint()
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range problems {
		if strings.Contains(p.Metric, "dane") || strings.Contains(p.Metric, "mta_sts") || strings.Contains(p.Metric, "dnssec") || strings.Contains(p.Metric, "check_status") {
			t.Errorf("promlint: %s: %s", p.Metric, p.Text)
		}
	}
	r = runWith(t, ce, args("-o", "nagios", "secure.example")...)
	if r.code != 0 || !strings.HasPrefix(r.stdout, "SMTP OK") || !strings.Contains(r.stdout, "[OK] dane") && !strings.Contains(r.stdout, "[OK] mta-sts") {
		t.Errorf("nagios: exit %d\n%s", r.code, r.stdout)
	}

	// The TLSA record no longer matches: DANE senders stop delivering.
	w.dns.Add(t, "_25._tcp.mx2.secure.example. 300 IN TLSA 3 1 1 "+strings.Repeat("ab", 32))
	w.dns.Add(t, "bad.example. 300 IN MX 10 mx2.secure.example.", "mx2.secure.example. 300 IN A 192.0.2.1")
	r = runWith(t, ce, args("-o", "nagios", "--checks", "smtp,dnssec,dane", "bad.example")...)
	if r.code != 2 || !strings.HasPrefix(r.stdout, "SMTP CRITICAL") || !strings.Contains(r.stdout, "DANE: the certificate matches no TLSA record") {
		t.Errorf("nagios, DANE mismatch: exit %d\n%s", r.code, r.stdout)
	}
	r = runWith(t, ce, args("--no-color", "--checks", "smtp,dnssec,dane", "bad.example")...)
	if r.code != 2 || !strings.Contains(r.stdout, "Publish:\n") || !strings.Contains(r.stdout, "_25._tcp.mx2.secure.example. IN TLSA 3 1 1 ") {
		t.Errorf("text, DANE mismatch: exit %d\n%s", r.code, r.stdout)
	}
}
