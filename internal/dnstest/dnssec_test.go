package dnstest

import (
	"testing"
	"time"

	"github.com/miekg/dns"
)

// askDNSSEC asks with the DO bit, and CD when cd is set.
func askDNSSEC(t *testing.T, s *Server, name string, qtype uint16, cd bool) *dns.Msg {
	t.Helper()
	m := new(dns.Msg)
	m.SetQuestion(dns.Fqdn(name), qtype)
	m.SetEdns0(4096, true)
	m.CheckingDisabled = cd
	c := &dns.Client{Net: "tcp", Timeout: 5 * time.Second}
	r, _, err := c.Exchange(m, s.Addr())
	if err != nil {
		t.Fatalf("%s %s: %v", name, dns.TypeToString[qtype], err)
	}
	return r
}

// signedWorld is a signed root with a secure example., an insecure
// delegation insecure.example. and a bogus bogus.example.
func signedWorld(t *testing.T) *Server {
	s := Start(t,
		". 300 IN SOA a.root. admin.root. 1 3600 600 86400 60",
		"example. 300 IN MX 10 mx.example.",
		"mx.example. 300 IN A 192.0.2.1",
		"alias.example. 300 IN CNAME mx.insecure.example.",
		"mx.insecure.example. 300 IN A 192.0.2.2",
		"mx.bogus.example. 300 IN A 192.0.2.3",
	)
	s.Sign(t, ".", Signed)
	s.Sign(t, "example.", Signed)
	s.Sign(t, "insecure.example.", Unsigned)
	s.Sign(t, "bogus.example.", BogusSignatures)
	return s
}

func TestValidate(t *testing.T) {
	s := signedWorld(t)
	s.Validate(".")
	for _, tc := range []struct {
		name  string
		qtype uint16
		cd    bool
		rcode int
		ad    bool
		bogus bool // an EDE DNSSEC Bogus
	}{
		{".", dns.TypeSOA, false, dns.RcodeSuccess, true, false},
		{"example.", dns.TypeMX, false, dns.RcodeSuccess, true, false},
		{"mx.example.", dns.TypeA, false, dns.RcodeSuccess, true, false},
		{"mx.example.", dns.TypeAAAA, false, dns.RcodeSuccess, true, false}, // NODATA from a secure zone
		{"nothing.example.", dns.TypeA, false, dns.RcodeNameError, true, false},
		{"mx.insecure.example.", dns.TypeA, false, dns.RcodeSuccess, false, false},
		{"alias.example.", dns.TypeA, false, dns.RcodeSuccess, false, false}, // secure CNAME to insecure data
		{"mx.bogus.example.", dns.TypeA, false, dns.RcodeServerFailure, false, true},
		{"mx.bogus.example.", dns.TypeA, true, dns.RcodeSuccess, false, false},
	} {
		r := askDNSSEC(t, s, tc.name, tc.qtype, tc.cd)
		var ede *dns.EDNS0_EDE
		if opt := r.IsEdns0(); opt != nil {
			for _, o := range opt.Option {
				if e, ok := o.(*dns.EDNS0_EDE); ok {
					ede = e
				}
			}
		}
		isBogus := ede != nil && ede.InfoCode == dns.ExtendedErrorCodeDNSBogus
		if r.Rcode != tc.rcode || r.AuthenticatedData != tc.ad || isBogus != tc.bogus {
			t.Errorf("%s %s cd=%v: rcode %s AD %v EDE %v, want %s AD %v bogus %v", tc.name, dns.TypeToString[tc.qtype], tc.cd,
				dns.RcodeToString[r.Rcode], r.AuthenticatedData, ede, dns.RcodeToString[tc.rcode], tc.ad, tc.bogus)
		}
	}
}

// TestSignatures: the signatures the server serves verify with the keys
// it serves, and the DS in the parent names the child's key, so a real
// validator would reach the same verdicts.
func TestSignatures(t *testing.T) {
	s := signedWorld(t)
	key := askDNSSEC(t, s, "example.", dns.TypeDNSKEY, false)
	ds := askDNSSEC(t, s, "example.", dns.TypeDS, false)
	mx := askDNSSEC(t, s, "example.", dns.TypeMX, false)
	if len(key.Answer) != 2 || len(ds.Answer) != 2 || len(mx.Answer) != 2 {
		t.Fatalf("answers %v / %v / %v", key.Answer, ds.Answer, mx.Answer)
	}
	dnskey := key.Answer[0].(*dns.DNSKEY)
	if got, want := dnskey.ToDS(dns.SHA256).Digest, ds.Answer[0].(*dns.DS).Digest; got != want {
		t.Errorf("DS %s does not name the DNSKEY (%s)", want, got)
	}
	if err := mx.Answer[1].(*dns.RRSIG).Verify(dnskey, mx.Answer[:1]); err != nil {
		t.Errorf("MX signature: %v", err)
	}
	if mx.AuthenticatedData {
		t.Error("AD set without Validate")
	}
	bad := askDNSSEC(t, s, "mx.bogus.example.", dns.TypeA, false)
	badKey := askDNSSEC(t, s, "bogus.example.", dns.TypeDNSKEY, false)
	if err := bad.Answer[1].(*dns.RRSIG).Verify(badKey.Answer[0].(*dns.DNSKEY), bad.Answer[:1]); err == nil {
		t.Error("a bogus zone's signature verifies")
	}
}
