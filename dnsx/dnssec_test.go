package dnsx_test

import (
	"context"
	"slices"
	"testing"

	"github.com/miekg/dns"

	"github.com/smtpprobe/smtpprobe/dnsx"
	"github.com/smtpprobe/smtpprobe/internal/dnstest"
)

// signedZones serves a signed root and the mail DNS of secure.example
// (signed), insecure.example (an unsigned delegation) and bogus.example
// (signatures that do not verify).
func signedZones(t *testing.T, validate bool) *dnstest.Server {
	t.Helper()
	s := dnstest.Start(t,
		". 300 IN SOA a.root. admin.root. 1 3600 600 86400 60",
		"secure.example. 300 IN MX 10 mx.secure.example.",
		"mx.secure.example. 300 IN A 192.0.2.1",
		"insecure.example. 300 IN MX 10 mx.insecure.example.",
		"mx.insecure.example. 300 IN A 192.0.2.2",
		"bogus.example. 300 IN MX 10 mx.bogus.example.",
		"mx.bogus.example. 300 IN A 192.0.2.3",
		"mixed.example. 300 IN MX 10 mx.bogus.example.",
	)
	s.Sign(t, ".", dnstest.Signed)
	s.Sign(t, "example.", dnstest.Signed)
	s.Sign(t, "secure.example.", dnstest.Signed)
	s.Sign(t, "insecure.example.", dnstest.Unsigned)
	s.Sign(t, "bogus.example.", dnstest.BogusSignatures)
	if validate {
		s.Validate(".")
	}
	return s
}

func TestCheckDNSSEC(t *testing.T) {
	for _, tc := range []struct {
		name      string
		validate  bool
		domain    string
		validates bool
		mxAD      bool
		mxBogus   bool
		hostAD    bool
		hostBogus bool
	}{
		{"signed", true, "secure.example", true, true, false, true, false},
		{"unsigned", true, "insecure.example", true, false, false, false, false},
		{"bogus", true, "bogus.example", true, false, true, false, false},
		{"bogus MX host", true, "mixed.example", true, true, false, false, true},
		{"resolver does not validate", false, "secure.example", false, false, false, false, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv := signedZones(t, tc.validate)
			r := resolver(srv)
			mx, _ := r.LookupMX(context.Background(), tc.domain)
			d, err := r.CheckDNSSEC(context.Background(), mx.Queries)
			if err != nil {
				t.Fatal(err)
			}
			if d.ResolverValidates != tc.validates || d.SelfTest.Name != "." || d.SelfTest.Type != "SOA" {
				t.Errorf("self-test %+v", d.SelfTest)
			}
			got := map[string]dnsx.NameSecurity{}
			for _, ns := range d.Names {
				got[ns.Name+" "+ns.Type] = ns
			}
			m := got[tc.domain+" MX"]
			if m.AD != tc.mxAD || m.Bogus != tc.mxBogus {
				t.Errorf("MX %+v", m)
			}
			if tc.mxBogus {
				if len(m.EDE) != 1 || m.EDE[0].Code != dns.ExtendedErrorCodeDNSBogus || m.Rcode != "SERVFAIL" {
					t.Errorf("bogus MX without its EDE: %+v", m)
				}
				return
			}
			var host dnsx.NameSecurity
			for k, ns := range got {
				if ns.Type == "A" {
					host = got[k]
				}
			}
			if host.AD != tc.hostAD || host.Bogus != tc.hostBogus {
				t.Errorf("MX host %+v", host)
			}
		})
	}
}

// TestQueriesRecordAD: every query records the AD bit and asks with DO.
func TestQueriesRecordAD(t *testing.T) {
	srv := signedZones(t, true)
	mx, err := resolver(srv).LookupMX(context.Background(), "secure.example")
	if err != nil || len(mx.MX) != 1 || len(mx.MX[0].Addresses) != 1 {
		t.Fatalf("%+v %v", mx, err)
	}
	for _, q := range mx.Queries {
		if !q.AD {
			t.Errorf("%s %s: no AD", q.Name, q.Type)
		}
	}
}

// TestCheckDNSSECOrder: the DNSSEC facts come out in one order whatever
// order the concurrent lookup's answers arrived in: the MX questions first,
// then by name and type. Reversing the queries of a real lookup stands for
// the other arrival orders.
func TestCheckDNSSECOrder(t *testing.T) {
	srv := signedZones(t, true)
	srv.Add(t, "mx.secure.example. 300 IN AAAA 2001:db8::1", "mx2.secure.example. 300 IN A 192.0.2.9")
	srv.Add(t, "secure.example. 300 IN MX 20 mx2.secure.example.")
	r := resolver(srv)
	mx, err := r.LookupMX(context.Background(), "secure.example")
	if err != nil {
		t.Fatal(err)
	}
	_, host, err := r.LookupHost(context.Background(), "mx.secure.example")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name    string
		queries []dnsx.Query
		want    []string
	}{
		{"MX lookup", mx.Queries, []string{"secure.example MX", "mx.secure.example A", "mx.secure.example AAAA", "mx2.secure.example A", "mx2.secure.example AAAA"}},
		{"--server", host, []string{"mx.secure.example A", "mx.secure.example AAAA"}},
	} {
		reversed := slices.Clone(tc.queries)
		slices.Reverse(reversed)
		for _, qs := range [][]dnsx.Query{tc.queries, reversed} {
			d, err := r.CheckDNSSEC(context.Background(), qs)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, ns := range d.Names {
				got = append(got, ns.Name+" "+ns.Type)
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("%s: %q, want %q", tc.name, got, tc.want)
			}
		}
	}
}
