package main

// The cost of the inbound checks (issue 13): a healthy signed domain with
// DANE, MTA-STS, TLS-RPT and reverse DNS, every DNS answer and every TCP
// chunk (SMTP and the HTTPS policy fetch) delayed by one round trip's
// worth through dnstest.Delay and smtptest.Proxy, probed with --checks smtp
// and with the default inbound group.
//
//	go test -run '^$' -bench BenchmarkInboundChecks -benchtime 5x ./cmd/smtpprobe
//
// It reports the wall time per probe in round trips (RTTs): the checks run
// alongside the dialogue, so the difference is what they add.

import (
	"fmt"
	"testing"
	"time"

	"github.com/smtpprobe/smtpprobe/internal/smtptest"
)

func BenchmarkInboundChecks(b *testing.B) {
	const rtt = 40 * time.Millisecond
	for _, checks := range []string{"smtp", "inbound"} {
		b.Run(fmt.Sprintf("checks=%s", checks), func(b *testing.B) {
			w, ce := healthyInbound(b)
			for addr, to := range w.routes {
				w.routes[addr] = smtptest.NewProxy(b, to, rtt/2).Addr
			}
			w.dns.Delay(rtt)
			ce.routes = w.routes
			var total time.Duration
			b.ResetTimer()
			for range b.N {
				start := time.Now()
				r := runWith(b, ce, "--resolver", w.dns.Addr(), "--timeout", "5s", "-o", "json", "--checks", checks, "secure.example")
				total += time.Since(start)
				if r.code != 0 {
					b.Fatalf("exit %d\n%s%s", r.code, r.stdout, r.stderr)
				}
			}
			b.ReportMetric(float64(total)/float64(b.N)/float64(rtt), "RTTs/probe")
		})
	}
}
