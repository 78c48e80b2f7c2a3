package main

// The speed benchmark of issue 4: 1,000 domains, each with its own MX host
// and address, served by a DNS server and go-smtp servers on loopback,
// probed through the whole command (flags, batch, probe, report, JSON
// output) at -c 50 and -c 100.
//
//	go test -run '^$' -bench BenchmarkBatch -benchtime 3x ./cmd/smtpprobe
//
// It reports domains/s and peak-heap-MB (the largest heap in use by live
// and unswept objects, sampled every 5ms, servers included). For peak RSS, run the test binary under time(1);
// the figure is an upper bound, as the DNS and SMTP servers share the
// process:
//
//	go test -c -o /tmp/smtpprobe.test ./cmd/smtpprobe
//	/usr/bin/time -v /tmp/smtpprobe.test -test.run '^$' -test.bench 'BenchmarkBatch/plain/c=50$' -test.benchtime 1x 2>&1 | grep -E 'domains/s|Maximum resident'
//
// For a profile: -cpuprofile cpu.out, then go tool pprof -top cpu.out.

import (
	"context"
	"fmt"
	"io"
	"net"
	"os"
	"path/filepath"
	"runtime/metrics"
	"strings"
	"testing"
	"time"

	"github.com/miekg/dns"

	"github.com/smtpprobe/smtpprobe/internal/dnstest"
	"github.com/smtpprobe/smtpprobe/internal/smtptest"
	"github.com/smtpprobe/smtpprobe/probe"
)

const benchDomains = 1000

// benchAddr is the address of domain i's MX host, in the benchmarking
// range 198.18.0.0/15 (RFC 2544): one per domain, so that the probe's
// one-connection-per-IP politeness does not serialise the run.
func benchAddr(i int) string {
	return fmt.Sprintf("198.18.%d.%d", i/250, i%250+1)
}

func BenchmarkBatch(b *testing.B) {
	for _, tls := range []bool{false, true} {
		for _, c := range []int{50, 100} {
			name := "plain"
			if tls {
				name = "starttls"
			}
			b.Run(fmt.Sprintf("%s/c=%d", name, c), func(b *testing.B) { benchBatch(b, c, tls) })
		}
	}
}

func benchBatch(b *testing.B, concurrency int, withTLS bool) {
	// A few go-smtp servers share the load, as a few MX farms would.
	const servers = 4
	opts := smtptest.Options{}
	if withTLS {
		ca := smtptest.NewCA(b)
		opts.TLS = smtptest.TLSConfig(ca.Issue(b, "mx.bench.test", time.Now().Add(90*24*time.Hour)))
	}
	var smtpAddrs []string
	for range servers {
		smtpAddrs = append(smtpAddrs, smtptest.Start(b, opts).Addr)
	}
	zone := make([]string, 0, 2*benchDomains)
	var list strings.Builder
	routes := make(map[string]string, benchDomains)
	for i := range benchDomains {
		d := fmt.Sprintf("d%04d.bench.test", i)
		zone = append(zone,
			fmt.Sprintf("%s. 300 IN MX 10 mx.%s.", d, d),
			fmt.Sprintf("mx.%s. 300 IN A %s", d, benchAddr(i)))
		routes[net.JoinHostPort(benchAddr(i), "25")] = smtpAddrs[i%servers]
		fmt.Fprintln(&list, d)
	}
	srv := indexedDNS(b, zone)
	file := targetFile(b, list.String())
	e := benchEnv(strings.NewReader(""), io.Discard, func(c *probe.Config) {
		// The MX addresses lie in the benchmarking range, routed to
		// loopback below.
		c.AllowSpecialAddresses = true
		var d net.Dialer
		c.Dial = func(ctx context.Context, network, addr string) (net.Conn, error) {
			if to, ok := routes[addr]; ok {
				addr = to
			}
			return d.DialContext(ctx, network, addr)
		}
	})
	args := []string{"-c", fmt.Sprint(concurrency), "-o", "json", "--resolver", srv.Addr(), "--timeout", "30s", "-f", file}

	// runtime/metrics, unlike runtime.ReadMemStats, does not stop the
	// world, so sampling does not slow the run down.
	var peak uint64
	stop := make(chan struct{})
	sampled := make(chan struct{})
	go func() {
		defer close(sampled)
		sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
		for {
			metrics.Read(sample)
			peak = max(peak, sample[0].Value.Uint64())
			select {
			case <-stop:
				return
			case <-time.After(5 * time.Millisecond):
			}
		}
	}()

	// The certificate names mx.bench.test from a CA the probe does not
	// trust: with STARTTLS every domain is a warning.
	want := 0
	if withTLS {
		want = 1
	}
	b.ResetTimer()
	for range b.N {
		if code := run(context.Background(), args, e); code != want {
			b.Fatalf("exit status %d, want %d", code, want)
		}
	}
	b.StopTimer()
	close(stop)
	<-sampled
	b.ReportMetric(float64(benchDomains*b.N)/b.Elapsed().Seconds(), "domains/s")
	b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MB")
}

// indexedDNS starts a DNS server answering from zone. dnstest answers by
// scanning its whole zone under a lock, which at thousands of records
// costs more CPU than the probes; this one answers from an index, so that
// the figures measure smtpprobe. A name with no record is NXDOMAIN.
func indexedDNS(tb testing.TB, zone []string) *dnstest.Server {
	index := map[dnsKey][]dns.RR{}
	names := map[string]bool{}
	for _, z := range zone {
		rr, err := dns.NewRR(z)
		if err != nil {
			tb.Fatal(err)
		}
		name := strings.ToLower(rr.Header().Name)
		index[dnsKey{name, rr.Header().Rrtype}] = append(index[dnsKey{name, rr.Header().Rrtype}], rr)
		names[name] = true
	}
	srv := dnstest.Start(tb)
	srv.Handle(func(w dns.ResponseWriter, r *dns.Msg) {
		m := new(dns.Msg)
		m.SetReply(r)
		m.Authoritative = true
		if len(r.Question) == 1 {
			q := r.Question[0]
			name := strings.ToLower(q.Name)
			m.Answer = index[dnsKey{name, q.Qtype}]
			if !names[name] {
				m.Rcode = dns.RcodeNameError
			}
		}
		w.WriteMsg(m)
	})
	return srv
}

type dnsKey struct {
	name  string
	qtype uint16
}

// benchEnv is the command's environment for a benchmark: no terminal, a
// fixed host name, output to out, and configure (may be nil) applied to
// every probe.Config.
func benchEnv(stdin io.Reader, out io.Writer, configure func(*probe.Config)) *env {
	return &env{
		stdin:     stdin,
		stdout:    out,
		stderr:    out,
		getenv:    func(string) string { return "" },
		hostname:  func() string { return "probe.bench.test" },
		configure: configure,
	}
}

// targetFile writes list, one target per line, to a file for -f.
func targetFile(b *testing.B, list string) string {
	file := filepath.Join(b.TempDir(), "domains")
	if err := os.WriteFile(file, []byte(list), 0o644); err != nil {
		b.Fatal(err)
	}
	return file
}
