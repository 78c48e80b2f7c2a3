package dnsx_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/smtpprobe/smtpprobe/dnsx"
	"github.com/smtpprobe/smtpprobe/internal/dnstest"
)

// domains is how many domains benchServer serves, d0.example.com to
// d999.example.com, all with the one MX host mx.example.net.
const domains = 1000

func benchServer(b *testing.B) *dnstest.Server {
	zone := []string{"mx.example.net. A 192.0.2.1", "mx.example.net. AAAA 2001:db8::1"}
	for i := range domains {
		zone = append(zone, fmt.Sprintf("d%d.example.com. MX 10 mx.example.net.", i))
	}
	return dnstest.Start(b, zone...)
}

// BenchmarkLookupMX measures whole MX lookups (MX, then AAAA and A of the
// host: three queries) against a loopback server, the cost a probe pays
// per target before any SMTP. The Cache variant looks up distinct domains
// that share one MX host, as a run over many customer domains hosted by
// one provider does, with a fresh Cache per run of 1000 domains: about one
// query per domain instead of three.
func BenchmarkLookupMX(b *testing.B) {
	srv := benchServer(b)
	for _, cached := range []bool{false, true} {
		b.Run(fmt.Sprintf("cache=%v", cached), func(b *testing.B) {
			r := resolver(srv)
			i := 0
			for b.Loop() {
				if cached && i%domains == 0 {
					r.Cache = new(dnsx.Cache)
				}
				res, err := r.LookupMX(context.Background(), fmt.Sprintf("d%d.example.com", i%domains))
				if err != nil || len(res.MX) != 1 {
					b.Fatalf("LookupMX: %v %v", res.MX, err)
				}
				i++
			}
		})
	}
}

// BenchmarkLookupMXParallel is BenchmarkLookupMX with many lookups at once,
// as with -c 50.
func BenchmarkLookupMXParallel(b *testing.B) {
	srv := benchServer(b)
	r := resolver(srv)
	b.SetParallelism(25) // 50 goroutines on 2 cores
	b.RunParallel(func(pb *testing.PB) {
		i := 0
		for pb.Next() {
			if _, err := r.LookupMX(context.Background(), fmt.Sprintf("d%d.example.com", i%domains)); err != nil {
				b.Error(err)
				return
			}
			i++
		}
	})
}
