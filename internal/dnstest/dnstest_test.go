package dnstest

import (
	"fmt"
	"testing"
	"time"

	"github.com/miekg/dns"
)

// ask sends one question over network and returns the answer, waiting
// long enough for a loaded machine; silence and delay use askWithin.
func ask(t *testing.T, s *Server, network, name string, qtype uint16, edns bool) (*dns.Msg, error) {
	t.Helper()
	return askWithin(t, 5*time.Second, s, network, name, qtype, edns)
}

func askWithin(t *testing.T, timeout time.Duration, s *Server, network, name string, qtype uint16, edns bool) (*dns.Msg, error) {
	t.Helper()
	m := new(dns.Msg)
	m.SetQuestion(dns.Fqdn(name), qtype)
	if edns {
		m.SetEdns0(4096, false)
	}
	c := &dns.Client{Net: network, Timeout: timeout}
	r, _, err := c.Exchange(m, s.Addr())
	return r, err
}

func TestAnswers(t *testing.T) {
	s := Start(t,
		"example.com. 300 SOA ns.example.com. admin.example.com. 1 3600 600 86400 60",
		"example.com. MX 10 mx1.example.com.",
		"mx1.example.com. A 192.0.2.1",
		"alias.example.com. CNAME mx1.example.com.",
		"deep.sub.example.com. A 192.0.2.2",
	)
	tests := []struct {
		name    string
		qtype   uint16
		rcode   int
		answers int
		soa     bool
	}{
		{"example.com", dns.TypeMX, dns.RcodeSuccess, 1, false},
		{"EXAMPLE.COM", dns.TypeMX, dns.RcodeSuccess, 1, false},
		{"example.com", dns.TypeA, dns.RcodeSuccess, 0, true},          // NODATA
		{"sub.example.com", dns.TypeA, dns.RcodeSuccess, 0, true},      // empty non-terminal
		{"nx.example.com", dns.TypeA, dns.RcodeNameError, 0, true},     // NXDOMAIN
		{"alias.example.com", dns.TypeA, dns.RcodeSuccess, 2, false},   // CNAME + A
		{"alias.example.com", dns.TypeMX, dns.RcodeSuccess, 1, true},   // CNAME to NODATA
		{"other.example.org", dns.TypeA, dns.RcodeNameError, 0, false}, // no SOA for it
	}
	for _, tt := range tests {
		for _, network := range []string{"udp", "tcp"} {
			r, err := ask(t, s, network, tt.name, tt.qtype, false)
			if err != nil {
				t.Fatalf("%s %s over %s: %v", tt.name, dns.TypeToString[tt.qtype], network, err)
			}
			hasSOA := len(r.Ns) == 1 && r.Ns[0].Header().Rrtype == dns.TypeSOA
			if r.Rcode != tt.rcode || len(r.Answer) != tt.answers || hasSOA != tt.soa || !r.Authoritative {
				t.Errorf("%s %s over %s: rcode %s, %d answers, soa %v, aa %v; want %s, %d, %v, true",
					tt.name, dns.TypeToString[tt.qtype], network, dns.RcodeToString[r.Rcode], len(r.Answer), hasSOA, r.Authoritative,
					dns.RcodeToString[tt.rcode], tt.answers, tt.soa)
			}
		}
	}
	if udp, tcp := s.Count("", ""); udp != len(tests) || tcp != len(tests) {
		t.Errorf("Count = %d udp, %d tcp; want %d each", udp, tcp, len(tests))
	}
}

func TestKnobs(t *testing.T) {
	s := Start(t, "example.com. MX 10 mx1.example.com.", "example.org. MX 10 mx1.example.com.")
	s.ServFail("servfail.example.com")
	s.Refuse("refused.example.com")
	s.Truncate("example.com")
	s.Silence("silent.example.com")

	for name, rcode := range map[string]int{"servfail.example.com": dns.RcodeServerFailure, "refused.example.com": dns.RcodeRefused} {
		if r, err := ask(t, s, "udp", name, dns.TypeA, false); err != nil || r.Rcode != rcode {
			t.Errorf("%s: %v, %v; want %s", name, r, err, dns.RcodeToString[rcode])
		}
	}
	if r, err := ask(t, s, "udp", "example.com", dns.TypeMX, true); err != nil || !r.Truncated || len(r.Answer) != 0 || r.IsEdns0() == nil {
		t.Errorf("truncated over UDP: %v, %v", r, err)
	}
	if r, err := ask(t, s, "tcp", "example.com", dns.TypeMX, false); err != nil || r.Truncated || len(r.Answer) != 1 {
		t.Errorf("truncated name over TCP: %v, %v", r, err)
	}
	if _, err := askWithin(t, 300*time.Millisecond, s, "udp", "silent.example.com", dns.TypeA, false); err == nil {
		t.Error("silenced name answered")
	}
	if r, err := ask(t, s, "udp", "example.org", dns.TypeMX, false); err != nil || r.Truncated || len(r.Answer) != 1 {
		t.Errorf("other name: %v, %v", r, err)
	}

	s.Handle(func(w dns.ResponseWriter, r *dns.Msg) {
		m := s.Reply(r)
		m.Rcode = dns.RcodeNotImplemented
		w.WriteMsg(m)
	})
	if r, err := ask(t, s, "udp", "example.org", dns.TypeMX, false); err != nil || r.Rcode != dns.RcodeNotImplemented {
		t.Errorf("custom handler: %v, %v; want NOTIMP", r, err)
	}
	s.Handle(nil)
	if _, err := ask(t, s, "udp", "example.org", dns.TypeMX, false); err != nil {
		t.Errorf("handler restored: %v", err)
	}
	if udp, tcp := s.Count("example.com", "MX"); udp != 1 || tcp != 1 {
		t.Errorf("Count(example.com, MX) = %d, %d; want 1, 1", udp, tcp)
	}
}

// TestLargeAnswerTruncated checks that an answer too big for the client's
// buffer is truncated over UDP, as a real server does.
func TestLargeAnswerTruncated(t *testing.T) {
	var zone []string
	for i := range 60 {
		zone = append(zone, fmt.Sprintf("example.com. MX %d a-rather-long-mail-exchanger-name-%02d.example.com.", i, i))
	}
	s := Start(t, zone...)
	r, err := ask(t, s, "udp", "example.com", dns.TypeMX, false)
	if err != nil {
		t.Fatalf("plain UDP: %v", err)
	}
	r.Compress = true // as sent
	if !r.Truncated || r.Len() > dns.MinMsgSize {
		t.Fatalf("plain UDP: truncated %v, %d bytes", r.Truncated, r.Len())
	}
	if r, err := ask(t, s, "tcp", "example.com", dns.TypeMX, false); err != nil || r.Truncated || len(r.Answer) != 60 {
		t.Fatalf("TCP: %v, want all 60 answers untruncated: %v", err, r)
	}
}

func TestDelay(t *testing.T) {
	s := Start(t, "example.com. A 192.0.2.1")
	s.Delay(time.Second)
	if _, err := askWithin(t, 300*time.Millisecond, s, "udp", "example.com", dns.TypeA, false); err == nil {
		t.Error("answer came before the delay (client timeout 300ms)")
	}
}
