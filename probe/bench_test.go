package probe_test

import (
	"bufio"
	"context"
	"net"
	"testing"
	"time"

	"github.com/smtpprobe/smtpprobe/internal/smtptest"
	"github.com/smtpprobe/smtpprobe/probe"
)

// benchRTT is the round-trip time the latency proxy simulates.
const benchRTT = 20 * time.Millisecond

// benchServers starts a go-smtp server (which offers PIPELINING) with
// STARTTLS (TLS 1.3, certificate from a test CA) and one without.
func benchServers(b *testing.B) (tlsAddr, plainAddr string, cfg probe.Config) {
	ca := smtptest.NewCA(b)
	withTLS := smtptest.Start(b, smtptest.Options{TLS: smtptest.TLSConfig(ca.Issue(b, "192.0.2.10", time.Now().Add(time.Hour)))})
	plain := smtptest.Start(b, smtptest.Options{})
	return withTLS.Addr, plain.Addr, probe.Config{
		Server:  "192.0.2.10", // an IP: no DNS in the count
		Helo:    "probe.test",
		Timeout: 5 * time.Second,
		RootCAs: ca.Pool(),
	}
}

// runOnce probes once and returns how long the answer took: from the
// connect to the end of the reply to RCPT.
func runOnce(b *testing.B, cfg probe.Config, wantTLS bool) time.Duration {
	res := probe.Run(context.Background(), cfg, probe.Target{Input: "example.com", Domain: "example.com", Rcpt: "postmaster@example.com"})
	h := res.Hosts[0]
	if h.Err != nil || h.CloseErr != nil || (h.TLS != nil) != wantTLS || wantTLS && !h.TLS.Verified {
		b.Fatalf("Err %v CloseErr %v TLS %+v", h.Err, h.CloseErr, h.TLS)
	}
	answer := h.Attempts[0].Duration
	if h.TLS != nil {
		answer += h.TLS.Duration
	}
	for _, s := range h.Steps {
		answer += s.Duration
		if s.Kind == probe.StepRcpt {
			break
		}
	}
	return answer
}

// BenchmarkRoundTrips probes through a proxy that delays every chunk by
// half of benchRTT each way (and the TCP connect by a whole RTT), so that
// the wall time of a probe divided by benchRTT counts its round trips:
// connect, greeting, EHLO, STARTTLS, TLS 1.3 handshake, EHLO, then MAIL,
// RCPT and RSET as one pipelined group and QUIT on its own: 8; without
// TLS: 5. answer-roundtrips counts them up to the reply to RCPT: 7 and 4.
func BenchmarkRoundTrips(b *testing.B) {
	tlsAddr, plainAddr, cfg := benchServers(b)
	for _, bc := range []struct {
		name string
		addr func() string
		tls  bool
	}{
		{"starttls", func() string { return tlsAddr }, true},
		{"plain", func() string { return plainAddr }, false},
		// Postfix's smtp-sink, with and without PIPELINING: without it
		// MAIL, RCPT, RSET and QUIT cost a round trip each, 7 in all.
		{"smtp-sink", func() string { return smtptest.StartSink(b) }, false},
		{"smtp-sink-nopipelining", func() string { return smtptest.StartSink(b, "-p") }, false},
		// Real MTAs (issue 10 item 6). OpenSMTPD offers no PIPELINING.
		{"postfix", func() string {
			return smtptest.StartPostfix(b, smtptest.PostfixOptions{Domain: "example.com", Recipients: []string{"postmaster@example.com"}}).Addr
		}, false},
		{"exim", func() string { return smtptest.StartExim(b, smtptest.MTAOptions{Domain: "example.com"}).Addr }, false},
		{"sendmail", func() string { return smtptest.StartSendmail(b, smtptest.MTAOptions{Domain: "example.com"}).Addr }, false},
		{"opensmtpd", func() string { return smtptest.StartOpenSMTPD(b, smtptest.MTAOptions{Domain: "example.com"}).Addr }, false},
	} {
		b.Run(bc.name, func(b *testing.B) {
			p := smtptest.NewProxy(b, bc.addr(), benchRTT/2)
			cfg := cfg
			cfg.Dial = p.Dial
			rtt := measureRTT(b, p)
			start := time.Now()
			n := 0
			var answer time.Duration
			for b.Loop() {
				answer += runOnce(b, cfg, bc.tls)
				n++
			}
			b.ReportMetric(float64(time.Since(start))/float64(n)/float64(rtt), "roundtrips/op")
			b.ReportMetric(float64(answer)/float64(n)/float64(rtt), "answer-roundtrips/op")
			b.ReportMetric(float64(rtt.Microseconds())/1000, "rtt-ms")
		})
	}
}

// measureRTT times NOOP round trips through the proxy. Its timers add a
// little to the nominal benchRTT; dividing by the measured figure keeps
// that overhead out of the round-trip count.
func measureRTT(b *testing.B, p *smtptest.Proxy) time.Duration {
	c, err := p.Dial(context.Background(), "tcp", "")
	if err != nil {
		b.Fatal(err)
	}
	defer c.Close()
	r := bufio.NewReader(c)
	if _, err := probe.ReadReply(r); err != nil {
		b.Fatal(err)
	}
	const n = 10
	start := time.Now()
	for range n {
		if _, err := c.Write([]byte("NOOP\r\n")); err != nil {
			b.Fatal(err)
		}
		if _, err := probe.ReadReply(r); err != nil {
			b.Fatal(err)
		}
	}
	return time.Since(start) / n
}

// BenchmarkDialogue measures the CPU cost of one whole dialogue on
// loopback, TLS included (both ends run in this process, so the figure is
// an upper bound for the probe's share).
func BenchmarkDialogue(b *testing.B) {
	tlsAddr, plainAddr, cfg := benchServers(b)
	for _, bc := range []struct {
		name string
		addr string
		tls  bool
	}{
		{"starttls", tlsAddr, true},
		{"plain", plainAddr, false},
	} {
		b.Run(bc.name, func(b *testing.B) {
			cfg := cfg
			cfg.Dial = func(ctx context.Context, network, _ string) (net.Conn, error) {
				var d net.Dialer
				return d.DialContext(ctx, network, bc.addr)
			}
			b.ReportAllocs()
			start := time.Now()
			n := 0
			for b.Loop() {
				runOnce(b, cfg, bc.tls)
				n++
			}
			b.ReportMetric(float64(time.Since(start).Microseconds())/1000/float64(n), "ms/op")
		})
	}
}
