package main

// The DNS-only audit of issue 14: 1,000 sending domains, each with an SPF
// record (an ip4 range, an include of a shared provider's record and mx)
// and a DMARC record, audited with --checks spf,dmarc through the whole
// command at -c 50 and -c 100. No MX lookup and no SMTP connection is
// made, so it measures smtpprobe's DNS work. Beyond about -c 100 the
// bursts overflow the receive buffer of the loopback DNS server's one UDP
// socket (RcvbufErrors in /proc/net/snmp), and each lost question waits
// out the resolver's 5s timeout, which then measures the kernel:
//
//	go test -run '^$' -bench BenchmarkSenderAudit -benchtime 3x ./cmd/smtpprobe

import (
	"context"
	"fmt"
	"io"
	"strings"
	"testing"
)

func BenchmarkSenderAudit(b *testing.B) {
	for _, c := range []int{50, 100} {
		b.Run(fmt.Sprintf("c=%d", c), func(b *testing.B) { benchSenderAudit(b, c) })
	}
}

func benchSenderAudit(b *testing.B, concurrency int) {
	zone := []string{`_spf.provider.test. 300 IN TXT "v=spf1 ip4:203.0.113.0/24 ip6:2001:db8::/32 -all"`}
	var list strings.Builder
	for i := range benchDomains {
		d := fmt.Sprintf("s%04d.bench.test", i)
		zone = append(zone,
			fmt.Sprintf(`%s. 300 IN TXT "v=spf1 ip4:%s include:_spf.provider.test mx ~all"`, d, benchAddr(i)),
			fmt.Sprintf(`%s. 300 IN TXT "google-site-verification=%d"`, d, i),
			fmt.Sprintf("%s. 300 IN MX 10 mx.%s.", d, d),
			fmt.Sprintf(`_dmarc.%s. 300 IN TXT "v=DMARC1; p=quarantine; rua=mailto:dmarc@%s"`, d, d))
		fmt.Fprintln(&list, d)
	}
	// Answer from an index, as BenchmarkBatch does.
	srv := indexedDNS(b, zone)
	file := targetFile(b, list.String())
	e := benchEnv(strings.NewReader(""), io.Discard, nil)
	args := []string{"-c", fmt.Sprint(concurrency), "-o", "json", "--checks", "spf,dmarc", "--resolver", srv.Addr(), "--timeout", "30s", "-f", file}
	b.ResetTimer()
	for range b.N {
		if code := run(context.Background(), args, e); code != 0 {
			b.Fatalf("exit status %d, want 0", code)
		}
	}
	b.StopTimer()
	if udp, tcp := srv.Count("", "MX"); udp+tcp != benchDomains*b.N {
		// Every mx term of the SPF records asks one MX question; the
		// audit itself asks none.
		b.Fatalf("%d MX questions, want %d (one per mx term)", udp+tcp, benchDomains*b.N)
	}
	b.ReportMetric(float64(benchDomains*b.N)/b.Elapsed().Seconds(), "domains/s")
}
