package dnsx_test

import (
	"context"
	"errors"
	"net"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/miekg/dns"
	"github.com/smtpprobe/smtpprobe/dnsx"
	"github.com/smtpprobe/smtpprobe/internal/dnstest"
)

func isTCP(w dns.ResponseWriter) bool {
	_, ok := w.RemoteAddr().(*net.TCPAddr)
	return ok
}

// TestQueryFormat checks what goes on the wire: recursion desired and
// EDNS0 with UDPSize.
func TestQueryFormat(t *testing.T) {
	t.Parallel()
	srv := dnstest.Start(t, "example.com. MX 10 192.0.2.1.")
	var bad atomic.Value
	srv.Handle(func(w dns.ResponseWriter, r *dns.Msg) {
		opt := r.IsEdns0()
		if !r.RecursionDesired || opt == nil || opt.UDPSize() != dnsx.UDPSize {
			bad.Store(r.String())
		}
		w.WriteMsg(srv.Reply(r))
	})
	if _, err := resolver(srv).LookupMX(context.Background(), "example.com"); err != nil {
		t.Fatal(err)
	}
	if v := bad.Load(); v != nil {
		t.Errorf("query without RD or EDNS0 size %d:\n%s", dnsx.UDPSize, v)
	}
}

// TestBadResponsesIgnored checks that over UDP a response that does not
// match the question is ignored and the real one still accepted, and that
// only bad responses end in a timeout that says what was ignored.
func TestBadResponsesIgnored(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		bad  func(w dns.ResponseWriter, r *dns.Msg, good *dns.Msg)
		why  string
	}{
		{"mismatched ID", func(w dns.ResponseWriter, r, good *dns.Msg) {
			m := good.Copy()
			m.Id++
			w.WriteMsg(m)
		}, "id mismatch"},
		{"other question", func(w dns.ResponseWriter, r, good *dns.Msg) {
			m := good.Copy()
			m.Question[0].Name = "example.org."
			w.WriteMsg(m)
		}, "response answers another question"},
		{"not a response", func(w dns.ResponseWriter, r, good *dns.Msg) {
			m := good.Copy()
			m.Response = false
			w.WriteMsg(m)
		}, "not a response"},
		{"malformed", func(w dns.ResponseWriter, r, good *dns.Msg) {
			p, _ := good.Pack()
			p[12], p[13] = 0xc0, 12 // the question name points to itself
			w.Write(p)
		}, "ignored 1 bad response"},
		{"short", func(w dns.ResponseWriter, r, good *dns.Msg) {
			w.Write([]byte{byte(r.Id >> 8), byte(r.Id)})
		}, "ignored 1 bad response"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			srv := dnstest.Start(t, "example.com. MX 10 192.0.2.1.")
			var followWithGood atomic.Bool
			followWithGood.Store(true)
			srv.Handle(func(w dns.ResponseWriter, r *dns.Msg) {
				good := srv.Reply(r)
				tt.bad(w, r, good)
				if followWithGood.Load() {
					w.WriteMsg(good)
				}
			})
			res, err := resolver(srv).LookupMX(context.Background(), "example.com")
			if err != nil || len(res.MX) != 1 {
				t.Fatalf("bad response then good one: MX %v, err %v", mxStrings(res.MX), err)
			}

			followWithGood.Store(false)
			r := &dnsx.Resolver{Servers: []string{srv.Addr()}, Timeout: 300 * time.Millisecond, Attempts: 1}
			_, err = r.LookupMX(context.Background(), "example.com")
			var re *dnsx.ResolverError
			if !errors.As(err, &re) || !re.Timeout() {
				t.Fatalf("only a bad response: err = %v, want a timeout", err)
			}
			if !strings.Contains(err.Error(), tt.why) || !strings.Contains(err.Error(), "ignored 1 bad response") {
				t.Errorf("err = %q, want it to say it ignored a response (%s)", err, tt.why)
			}
		})
	}
}

// TestTCPMismatchedID checks that over TCP, where nothing else can arrive,
// a response with another ID fails the query at once.
func TestTCPMismatchedID(t *testing.T) {
	t.Parallel()
	srv := dnstest.Start(t, "example.com. MX 10 192.0.2.1.")
	srv.Handle(func(w dns.ResponseWriter, r *dns.Msg) {
		m := srv.Reply(r)
		if !isTCP(w) {
			m.Answer, m.Truncated = nil, true
		} else {
			m.Id++
		}
		w.WriteMsg(m)
	})
	r := &dnsx.Resolver{Servers: []string{srv.Addr()}, Timeout: time.Hour, Attempts: 1}
	_, err := r.LookupMX(context.Background(), "example.com")
	var re *dnsx.ResolverError
	if !errors.As(err, &re) || re.Timeout() || !strings.Contains(err.Error(), "id mismatch") {
		t.Fatalf("err = %v, want an id mismatch that is not a timeout", err)
	}
	if udp, tcp := srv.Count("example.com", "MX"); udp != 1 || tcp != 1 {
		t.Errorf("udp=%d tcp=%d, want 1 and 1", udp, tcp)
	}
}

// TestAliasAskedAgain checks the path where a server answers with a CNAME
// only, as an authoritative server does for a target outside its zone, and
// the resolver must ask about the target itself.
func TestAliasAskedAgain(t *testing.T) {
	t.Parallel()
	srv := dnstest.Start(t, "example.com. MX 10 alias.example.com.")
	cname, _ := dns.NewRR("alias.example.com. CNAME target.example.net.")
	addr, _ := dns.NewRR("target.example.net. A 192.0.2.8")
	srv.Handle(func(w dns.ResponseWriter, r *dns.Msg) {
		m := srv.Reply(r)
		q := r.Question[0]
		switch {
		case q.Name == "alias.example.com.":
			m.Rcode, m.Answer = dns.RcodeSuccess, []dns.RR{cname}
		case q.Name == "target.example.net." && q.Qtype == dns.TypeA:
			m.Rcode, m.Answer = dns.RcodeSuccess, []dns.RR{addr}
		case q.Name == "target.example.net.":
			m.Rcode, m.Answer = dns.RcodeSuccess, nil
		}
		w.WriteMsg(m)
	})
	res, err := resolver(srv).LookupMX(context.Background(), "example.com")
	if err != nil {
		t.Fatal(err)
	}
	want := "10 alias.example.com [192.0.2.8] cname=target.example.net"
	if got := mxStrings(res.MX); len(got) != 1 || got[0] != want {
		t.Errorf("MX = %q, want %q", got, want)
	}
	if udp, _ := srv.Count("target.example.net", "A"); udp != 1 {
		t.Errorf("target asked %d times for A, want once", udp)
	}
}
