package probe_test

import (
	"crypto/x509"
	"slices"
	"testing"
	"time"

	"github.com/smtpprobe/smtpprobe/internal/smtptest"
	"github.com/smtpprobe/smtpprobe/probe"
)

// startPostfix runs a real Postfix smtpd as mx.example.com, the MX of the
// test zone, with STARTTLS under a certificate from a CA that the Config
// postfixConfig returns trusts; example.com's only mailbox is
// user@example.com. One instance serves all the subtests of a test, as a
// real server serves one session after another.
func startPostfix(t *testing.T, users map[string]string) (*smtptest.Postfix, *x509.CertPool) {
	t.Helper()
	ca := smtptest.NewCA(t)
	cert := ca.Issue(t, "mx.example.com", time.Now().Add(90*24*time.Hour))
	p := smtptest.StartPostfix(t, smtptest.PostfixOptions{
		Hostname:   "mx.example.com",
		Domain:     "example.com",
		Recipients: []string{"user@example.com"},
		TLS:        &cert,
		Users:      users,
	})
	return p, ca.Pool()
}

func postfixConfig(t *testing.T, p *smtptest.Postfix, roots *x509.CertPool) (probe.Config, *dialer) {
	t.Helper()
	cfg, d := setup(t, p.Addr)
	cfg.RootCAs = roots
	cfg.From = "probe@probe.test"
	return cfg, d
}

// TestPostfixMX probes a real Postfix smtpd the way smtpprobe probes an
// MX: STARTTLS verified against the test CA, MAIL and RCPT pipelined, a
// local recipient accepted and an unknown one refused by Postfix's local
// recipient table, then RSET so that nothing is delivered.
func TestPostfixMX(t *testing.T) {
	p, roots := startPostfix(t, nil)
	for _, tc := range []struct {
		rcpt       string
		transcript string
	}{
		{"user@example.com", `(greeting) => 220
EHLO probe.test => 250
STARTTLS => 220 2.0.0
EHLO probe.test => 250
MAIL FROM:<probe@probe.test> => 250 2.1.0
RCPT TO:<user@example.com> => 250 2.1.5
RSET => 250 2.0.0
QUIT => 221 2.0.0
`},
		{"nobody@example.com", `(greeting) => 220
EHLO probe.test => 250
STARTTLS => 220 2.0.0
EHLO probe.test => 250
MAIL FROM:<probe@probe.test> => 250 2.1.0
RCPT TO:<nobody@example.com> => 550 5.1.1
RSET => 250 2.0.0
QUIT => 221 2.0.0
`},
	} {
		t.Run(tc.rcpt, func(t *testing.T) {
			cfg, _ := postfixConfig(t, p, roots)
			h := oneHost(t, cfg, tc.rcpt)
			if h.Err != nil {
				t.Fatalf("Err %v\n%s\n%s", h.Err, transcript(h), p.Log())
			}
			if got := transcript(h); got != tc.transcript {
				t.Errorf("transcript:\n%s\nwant:\n%s", got, tc.transcript)
			}
			if h.TLS == nil || !h.TLS.Verified || h.TLS.HandshakeError != "" || h.TLS.ServerName != "mx.example.com" {
				t.Fatalf("TLS %+v, want verified for mx.example.com", h.TLS)
			}
			if h.TLS.Version != "TLS 1.3" {
				t.Errorf("TLS version %q, want TLS 1.3", h.TLS.Version)
			}
			if _, ok := h.ExtensionsBeforeTLS["STARTTLS"]; !ok {
				t.Errorf("STARTTLS not among the extensions before TLS: %v", h.ExtensionsBeforeTLS)
			}
			if _, ok := h.Extensions["PIPELINING"]; !ok {
				t.Errorf("PIPELINING not offered after TLS: %v", h.Extensions)
			}
			for _, s := range h.Steps {
				if s.Command == "RCPT TO:<"+tc.rcpt+">" && !s.Pipelined {
					t.Errorf("RCPT not pipelined with MAIL: %+v", s)
				}
			}
			if h.Auth != nil {
				t.Errorf("Auth %+v for an MX probe without credentials", *h.Auth)
			}
		})
	}
}

// TestPostfixSubmission probes a real Postfix smtpd with Cyrus SASL as a
// submission server: AUTH only after STARTTLS, PLAIN and LOGIN with the
// right password (235, then relaying is allowed) and a wrong one (535
// 5.7.8), and no credentials at all (Postfix defers the relay attempt).
func TestPostfixSubmission(t *testing.T) {
	p, roots := startPostfix(t, map[string]string{authUser: authPass})
	for _, tc := range []struct {
		name       string
		auth       *probe.Auth
		code       int // the reply to AUTH, 0 when no AUTH was sent
		transcript string
	}{
		{"PLAIN", &probe.Auth{User: authUser, Password: authPass}, 235, `(greeting) => 220
EHLO probe.test => 250
STARTTLS => 220 2.0.0
EHLO probe.test => 250
AUTH PLAIN ******** => 235 2.7.0
MAIL FROM:<alice@example.com> => 250 2.1.0
RCPT TO:<bob@example.org> => 250 2.1.5
RSET => 250 2.0.0
QUIT => 221 2.0.0
`},
		{"LOGIN", &probe.Auth{User: authUser, Password: authPass, Mechanism: "LOGIN"}, 235, `(greeting) => 220
EHLO probe.test => 250
STARTTLS => 220 2.0.0
EHLO probe.test => 250
AUTH LOGIN => 334
******** => 334
******** => 235 2.7.0
MAIL FROM:<alice@example.com> => 250 2.1.0
RCPT TO:<bob@example.org> => 250 2.1.5
RSET => 250 2.0.0
QUIT => 221 2.0.0
`},
		{"wrong password", &probe.Auth{User: authUser, Password: "wrong-" + authPass}, 535, `(greeting) => 220
EHLO probe.test => 250
STARTTLS => 220 2.0.0
EHLO probe.test => 250
AUTH PLAIN ******** => 535 5.7.8
QUIT => 221 2.0.0
`},
		{"no credentials", nil, 0, `(greeting) => 220
EHLO probe.test => 250
STARTTLS => 220 2.0.0
EHLO probe.test => 250
MAIL FROM:<> => 250 2.1.0
RCPT TO:<bob@example.org> => 454 4.7.1
RSET => 250 2.0.0
QUIT => 221 2.0.0
`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cfg, d := postfixConfig(t, p, roots)
			cfg.From = ""
			cfg.Server = "mx.example.com"
			cfg.Submission = true
			cfg.StartTLS = probe.StartTLSRequire
			cfg.Auth = tc.auth
			if tc.auth != nil {
				cfg.From = authUser // as cmd/smtpprobe does without --from
			}
			h := oneHost(t, cfg, "bob@example.org")
			if h.Err != nil {
				t.Fatalf("Err %v\n%s\n%s", h.Err, transcript(h), p.Log())
			}
			if got := transcript(h); got != tc.transcript {
				t.Errorf("transcript:\n%s\nwant:\n%s", got, tc.transcript)
			}
			if h.Port != 587 {
				t.Errorf("port %d, want 587 for submission", h.Port)
			}
			a := h.Auth
			if a == nil {
				t.Fatal("no Auth recorded")
			}
			if len(a.OfferedBeforeTLS) != 0 || !slices.Equal(a.Offered, []string{"PLAIN", "LOGIN"}) {
				t.Errorf("offered before TLS %v, after %v; want none, then PLAIN LOGIN (smtpd_tls_auth_only)", a.OfferedBeforeTLS, a.Offered)
			}
			if !a.TLS || !a.Verified {
				t.Errorf("Auth %+v, want over verified TLS", *a)
			}
			if tc.auth == nil {
				if a.Sent || a.Skipped != probe.AuthNoCredentials {
					t.Errorf("Auth %+v, want skipped for lack of credentials", *a)
				}
				return
			}
			if !a.Sent || a.Code != tc.code || a.User != authUser {
				t.Errorf("Auth %+v, want sent as %s with reply %d", *a, authUser, tc.code)
			}
			noSecrets(t, h, d)
		})
	}
}
