package dnsx_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/miekg/dns"
	"github.com/smtpprobe/smtpprobe/dnsx"
	"github.com/smtpprobe/smtpprobe/internal/dnstest"
)

// FuzzLookupMX feeds LookupMX responses made of fuzzed bytes, carrying the
// query's ID so that they get past the first check, over UDP and TCP. The
// lookup must neither panic nor hang: each fuzzed packet is followed by the
// real answer, so a rejected one costs no timeout. The seeds in
// testdata/fuzz/FuzzLookupMX are real answers (MX, CNAME, null MX,
// truncated, NXDOMAIN) and broken packets.
func FuzzLookupMX(f *testing.F) {
	srv := dnstest.Start(f,
		"example.com. MX 10 mx1.example.com.",
		"mx1.example.com. A 192.0.2.1",
	)
	var mu sync.Mutex
	var payload []byte
	srv.Handle(func(w dns.ResponseWriter, r *dns.Msg) {
		mu.Lock()
		p := append([]byte(nil), payload...)
		mu.Unlock()
		if len(p) >= 2 {
			p[0], p[1] = byte(r.Id>>8), byte(r.Id)
		}
		w.Write(p)
		w.WriteMsg(srv.Reply(r))
	})
	r := &dnsx.Resolver{Servers: []string{srv.Addr()}, Timeout: 2 * time.Second, Attempts: 1}

	f.Fuzz(func(t *testing.T, data []byte) {
		mu.Lock()
		payload = data
		mu.Unlock()
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		res, _ := r.LookupMX(ctx, "example.com")
		if len(res.MX) > dnsx.MaxMX {
			t.Fatalf("%d MX, more than MaxMX", len(res.MX))
		}
		for _, m := range res.MX {
			if len(m.Addresses) > dnsx.MaxAddresses {
				t.Fatalf("%s: %d addresses, more than MaxAddresses", m.Host, len(m.Addresses))
			}
		}
	})
}
