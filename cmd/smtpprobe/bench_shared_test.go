package main

// The provider benchmark of issue 15: 500 domains whose MX is one
// STARTTLS server 50 ms away (a latency proxy in front of go-smtp), probed
// through the whole command. With shared sessions every domain must be
// judged (OK: a trusted certificate, the recipient accepted) in under 5 s
// over at most 2 connections; --no-reuse, one dialogue per domain and one
// connection at a time, is shown on 20 domains for comparison.
//
//	go test -run '^$' -bench SharedMX -benchtime 1x ./cmd/smtpprobe
//
// It reports domains/s, the connections opened and the most open at once.

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/smtpprobe/smtpprobe/internal/smtptest"
	"github.com/smtpprobe/smtpprobe/probe"
)

func BenchmarkSharedMX(b *testing.B) {
	b.Run("reuse/500/c=200", func(b *testing.B) { benchSharedMX(b, 500, "-c", "200") })
	b.Run("reuse/500/c=20", func(b *testing.B) { benchSharedMX(b, 500) })
	b.Run("no-reuse/20", func(b *testing.B) { benchSharedMX(b, 20, "-c", "200", "--no-reuse") })
}

func benchSharedMX(b *testing.B, domains int, flags ...string) {
	ca := smtptest.NewCA(b)
	srv := smtptest.Start(b, smtptest.Options{
		Domain: "mx.provider.test",
		TLS:    smtptest.TLSConfig(ca.Issue(b, "mx.provider.test", time.Now().Add(90*24*time.Hour))),
	})
	proxy := smtptest.NewProxy(b, srv.Addr, 25*time.Millisecond)
	zone := []string{"mx.provider.test. 300 IN A 198.18.0.1"}
	var list []string
	for i := range domains {
		d := fmt.Sprintf("d%04d.bench.test", i)
		zone = append(zone, d+". 300 IN MX 10 mx.provider.test.")
		list = append(list, d)
	}
	dns := indexedDNS(b, zone)
	var (
		mu          sync.Mutex
		opened, now int
		most        int
	)
	var out bytes.Buffer
	e := benchEnv(strings.NewReader(strings.Join(list, "\n")), &out, func(c *probe.Config) {
		c.RootCAs = ca.Pool()
		c.Dial = func(ctx context.Context, network, addr string) (net.Conn, error) {
			conn, err := proxy.Dial(ctx, network, addr)
			if err != nil {
				return nil, err
			}
			mu.Lock()
			opened++
			now++
			most = max(most, now)
			mu.Unlock()
			return &countedConn{Conn: conn, closed: func() { mu.Lock(); now--; mu.Unlock() }}, nil
		}
	})
	args := append([]string{"-o", "json", "--resolver", dns.Addr(), "--checks", "smtp", "--allow-special-addresses", "-f", "-"}, flags...)
	b.ResetTimer()
	for range b.N {
		out.Reset()
		e.stdin = strings.NewReader(strings.Join(list, "\n"))
		if code := run(context.Background(), args, e); code != 0 {
			b.Fatalf("exit status %d, want 0:\n%.2000s", code, out.String())
		}
	}
	b.StopTimer()
	ok := 0
	sc := bufio.NewScanner(&out)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var r struct {
			Status string `json:"status"`
		}
		if json.Unmarshal(sc.Bytes(), &r) == nil && r.Status == "ok" {
			ok++
		}
	}
	if ok != domains {
		b.Fatalf("%d of %d domains judged ok", ok, domains)
	}
	b.ReportMetric(float64(domains*b.N)/b.Elapsed().Seconds(), "domains/s")
	b.ReportMetric(float64(opened)/float64(b.N), "connections")
	b.ReportMetric(float64(most), "max-open")
}

// countedConn tells its dialer when it closes.
type countedConn struct {
	net.Conn
	once   sync.Once
	closed func()
}

func (c *countedConn) Close() error {
	c.once.Do(c.closed)
	return c.Conn.Close()
}
