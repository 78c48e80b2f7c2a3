package probe_test

import (
	"context"
	"testing"
	"time"

	"github.com/smtpprobe/smtpprobe/internal/smtptest"
	"github.com/smtpprobe/smtpprobe/probe"
)

// BenchmarkSubmissionRoundTrips counts the round trips of an
// authenticated submission probe through the latency proxy: the 7 of a
// STARTTLS probe plus one for AUTH PLAIN, whose initial response carries
// the credentials (8), or three for AUTH LOGIN (10); 6 with implicit TLS
// and PLAIN (connect, handshake, greeting, EHLO, AUTH, then MAIL, RCPT,
// RSET and QUIT pipelined). AUTH itself is never pipelined (RFC 4954).
func BenchmarkSubmissionRoundTrips(b *testing.B) {
	ca := smtptest.NewCA(b)
	cert := smtptest.TLSConfig(ca.Issue(b, "192.0.2.10", time.Now().Add(time.Hour)))
	users := map[string]string{"alice": "secret"}
	starttls := smtptest.Start(b, smtptest.Options{TLS: cert, Auth: users, RequireAuth: true})
	implicit := smtptest.Start(b, smtptest.Options{TLS: cert, ImplicitTLS: true, Auth: users, RequireAuth: true})
	// NOOP in clear measures the proxy's real delay; the implicit TLS
	// server cannot answer it, so it is measured once, here.
	rtt := measureRTT(b, smtptest.NewProxy(b, starttls.Addr, benchRTT/2))
	for _, bc := range []struct {
		name, addr, mech string
		implicit         bool
	}{
		{"starttls-plain", starttls.Addr, "PLAIN", false},
		{"starttls-login", starttls.Addr, "LOGIN", false},
		{"implicit-plain", implicit.Addr, "PLAIN", true},
	} {
		b.Run(bc.name, func(b *testing.B) {
			p := smtptest.NewProxy(b, bc.addr, benchRTT/2)
			cfg := probe.Config{
				Server: "192.0.2.10", Helo: "probe.test", Timeout: 5 * time.Second, RootCAs: ca.Pool(),
				Dial: p.Dial, Submission: true, StartTLS: probe.StartTLSRequire, ImplicitTLS: bc.implicit,
				Auth: &probe.Auth{User: "alice", Password: "secret", Mechanism: bc.mech},
			}
			start := time.Now()
			n := 0
			for b.Loop() {
				res := probe.Run(context.Background(), cfg, probe.Target{Input: "example.com", Domain: "example.com", Rcpt: "postmaster@example.com"})
				if h := res.Hosts[0]; h.Err != nil || h.Auth == nil || h.Auth.Code != 235 {
					b.Fatalf("Err %v Auth %+v", h.Err, h.Auth)
				}
				n++
			}
			b.ReportMetric(float64(time.Since(start))/float64(n)/float64(rtt), "roundtrips/op")
		})
	}
}
