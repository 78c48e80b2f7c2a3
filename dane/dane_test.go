package dane_test

import (
	"context"
	"crypto/sha256"
	"crypto/sha512"
	"crypto/tls"
	"crypto/x509"
	"encoding/hex"
	"fmt"
	"testing"
	"time"

	"github.com/smtpprobe/smtpprobe/dane"
	"github.com/smtpprobe/smtpprobe/dnsx"
	"github.com/smtpprobe/smtpprobe/internal/dnstest"
	"github.com/smtpprobe/smtpprobe/internal/smtptest"
)

func TestParseRecord(t *testing.T) {
	// The example of RFC 6698 section 2.3, and its parts split by spaces.
	ex := "0 0 1 d2abde240d7cd3ee6b4b28c54df034b9 7983a1d16e8a410e4561cb106618e971"
	r, err := dane.ParseRecord(ex)
	if err != nil || r.Usage != 0 || r.Selector != 0 || r.MatchingType != 1 || len(r.Data) != 32 {
		t.Fatalf("%+v %v", r, err)
	}
	if r.String() != "0 0 1 d2abde240d7cd3ee6b4b28c54df034b97983a1d16e8a410e4561cb106618e971" {
		t.Errorf("String %q", r.String())
	}
	for _, bad := range []string{"", "3 1 1", "3 1 1 zz", "256 1 1 ab", "3 -1 1 ab", "3 1 x ab", "3 1 1 abc"} {
		if _, err := dane.ParseRecord(bad); err == nil {
			t.Errorf("ParseRecord(%q) accepted", bad)
		}
	}
}

func FuzzParseRecord(f *testing.F) {
	f.Add("3 1 1 0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")
	f.Add("2 0 0 30820122")
	f.Fuzz(func(t *testing.T, in string) {
		r, err := dane.ParseRecord(in)
		if err != nil {
			return
		}
		again, err := dane.ParseRecord(r.String())
		if err != nil || again.String() != r.String() {
			t.Fatalf("%q does not read back: %v", r.String(), err)
		}
	})
}

// chainOf parses a test certificate's chain.
func chainOf(t *testing.T, c tls.Certificate) []*x509.Certificate {
	t.Helper()
	var out []*x509.Certificate
	for _, der := range c.Certificate {
		x, err := x509.ParseCertificate(der)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, x)
	}
	return out
}

func rec(usage, selector, mtype uint8, c *x509.Certificate) dane.Record {
	data := c.Raw
	if selector == 1 {
		data = c.RawSubjectPublicKeyInfo
	}
	switch mtype {
	case 1:
		h := sha256.Sum256(data)
		data = h[:]
	case 2:
		h := sha512.Sum512(data)
		data = h[:]
	}
	return dane.Record{Usage: usage, Selector: selector, MatchingType: mtype, Data: data}
}

func TestMatchChain(t *testing.T) {
	now := time.Now()
	ca, other := smtptest.NewCA(t), smtptest.NewCA(t)
	good := chainOf(t, ca.Issue(t, "mx.example", now.AddDate(0, 1, 0)))
	expired := chainOf(t, ca.Issue(t, "www.example", now.AddDate(0, 0, -1)))
	leafOnly := good[:1]
	leaf, anchor := good[0], good[1]
	for _, tc := range []struct {
		name    string
		records []dane.Record
		chain   []*x509.Certificate
		matched bool
		depth   int
		notSent int
	}{
		{"DANE-EE SPKI SHA-256", []dane.Record{rec(3, 1, 1, leaf)}, good, true, 0, 0},
		{"DANE-EE certificate SHA-256", []dane.Record{rec(3, 0, 1, leaf)}, good, true, 0, 0},
		{"DANE-EE SPKI SHA-512", []dane.Record{rec(3, 1, 2, leaf)}, good, true, 0, 0},
		{"DANE-EE full SPKI", []dane.Record{rec(3, 1, 0, leaf)}, good, true, 0, 0},
		{"DANE-EE ignores name and expiry", []dane.Record{rec(3, 1, 1, expired[0])}, expired, true, 0, 0},
		{"DANE-EE of another key", []dane.Record{rec(3, 1, 1, anchor)}, good, false, 0, 0},
		{"second record matches", []dane.Record{rec(3, 1, 1, anchor), rec(3, 1, 1, leaf)}, good, true, 0, 0},
		{"DANE-TA in the chain", []dane.Record{rec(2, 0, 1, anchor)}, good, true, 1, 0},
		{"DANE-TA SPKI", []dane.Record{rec(2, 1, 1, anchor)}, good, true, 1, 0},
		{"DANE-TA not sent", []dane.Record{rec(2, 0, 1, anchor)}, leafOnly, false, 0, 1},
		{"DANE-TA of another CA", []dane.Record{rec(2, 0, 1, other.Cert)}, good, false, 0, 1},
		{"DANE-TA, leaf for another name", []dane.Record{rec(2, 0, 1, expired[1])}, expired, false, 0, 0},
		{"PKIX-EE is unusable", []dane.Record{rec(1, 1, 1, leaf)}, good, false, 0, 0},
		{"PKIX-TA is unusable", []dane.Record{rec(0, 0, 1, anchor)}, good, false, 0, 0},
		{"unknown selector", []dane.Record{{Usage: 3, Selector: 2, MatchingType: 1, Data: make([]byte, 32)}}, good, false, 0, 0},
		{"short digest", []dane.Record{{Usage: 3, Selector: 1, MatchingType: 1, Data: make([]byte, 31)}}, good, false, 0, 0},
		{"no certificate", []dane.Record{rec(3, 1, 1, leaf)}, nil, false, 0, 0},
	} {
		m := dane.MatchChain(tc.records, tc.chain, []string{"mx.example"}, now)
		if m.Matched != tc.matched || m.Depth != tc.depth || len(m.TANotSent) != tc.notSent || m.Matched == (m.Why != "") {
			t.Errorf("%s: %+v", tc.name, m)
		}
	}
}

func TestLookup(t *testing.T) {
	leaf := chainOf(t, smtptest.SelfSigned(t, "mx.example", time.Now().AddDate(0, 1, 0)))[0]
	r := rec(3, 1, 1, leaf)
	tlsa := func(name string) string {
		return fmt.Sprintf("%s 300 IN TLSA 3 1 1 %s", name, hex.EncodeToString(r.Data))
	}
	var many []string
	for i := range 10000 {
		many = append(many, fmt.Sprintf("_25._tcp.many.example. 300 IN TLSA 3 1 1 %064x", i))
	}
	s := dnstest.Start(t, append(many,
		". 300 IN SOA a.root. admin.root. 1 3600 600 86400 60",
		tlsa("_25._tcp.mx.example."),
		tlsa("_25._tcp.real.example."),
		tlsa("_25._tcp.alias2.example."),
		"alias.example. 300 IN CNAME real.example.",
		"alias2.example. 300 IN CNAME nothing.example.",
	)...)
	s.Sign(t, ".", dnstest.Signed)
	s.Validate(".")
	s.ServFail("_25._tcp.broken.example.")
	res := &dnsx.Resolver{Servers: []string{s.Addr()}, Timeout: 2 * time.Second, Attempts: 1}
	for _, tc := range []struct {
		host, cname, name string
		records           int
		err               bool
	}{
		{"mx.example", "", "_25._tcp.mx.example", 1, false},
		{"none.example", "", "_25._tcp.none.example", 0, false},
		// RFC 7672 section 2.2.2: the expanded name first, then the
		// alias's own.
		{"alias.example", "real.example", "_25._tcp.real.example", 1, false},
		{"alias2.example", "nothing.example", "_25._tcp.alias2.example", 1, false},
		{"broken.example", "", "_25._tcp.broken.example", 0, true},
	} {
		f := dane.Lookup(context.Background(), res, tc.host, tc.cname, 25)
		if f.Name != tc.name || len(f.Records) != tc.records || (f.Err != "") != tc.err || tc.records > 0 && (!f.Authentic || f.Records[0].String() != r.String()) {
			t.Errorf("%s: %+v", tc.host, f)
		}
	}
	// 10,000 records do not fit in a DNS message: the answer fails, and
	// the failure is reported, bounded in time.
	start := time.Now()
	f := dane.Lookup(context.Background(), res, "many.example", "", 25)
	if f.Err == "" && len(f.Records) > dane.MaxRecords || time.Since(start) > 10*time.Second {
		t.Errorf("10,000 records: %d kept, %d omitted, err %q, %v", len(f.Records), f.Omitted, f.Err, time.Since(start))
	}
	if f.Err == "" && f.Omitted == 0 {
		t.Errorf("10,000 records: none omitted and no error: %+v", f.Records[:1])
	}
}
