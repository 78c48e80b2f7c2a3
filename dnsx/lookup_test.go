package dnsx_test

import (
	"context"
	"errors"
	"fmt"
	"net/netip"
	"slices"
	"strings"
	"testing"

	"github.com/miekg/dns"
	"github.com/smtpprobe/smtpprobe/dnsx"
	"github.com/smtpprobe/smtpprobe/internal/dnstest"
)

func TestLookupTXT(t *testing.T) {
	t.Parallel()
	srv := dnstest.Start(t, soa,
		`example.com. TXT "v=spf1 " "-all"`,
		`example.com. TXT "other"`,
		`alias.example.com. CNAME example.com.`,
		"a.example.com. A 192.0.2.1",
	)
	srv.ServFail("broken.example.com")
	tests := []struct {
		name  string
		want  []string
		cname string
		nx    bool
		rcode string
	}{
		{name: "example.com", want: []string{"v=spf1 -all", "other"}},
		{name: "alias.example.com", want: []string{"v=spf1 -all", "other"}, cname: "example.com"},
		{name: "a.example.com"},
		{name: "nx.example.com", nx: true},
		{name: "broken.example.com", rcode: "SERVFAIL"},
	}
	for _, tt := range tests {
		ans, err := resolver(srv).Lookup(context.Background(), tt.name, dns.TypeTXT)
		got := dnsx.TXT(ans.Records)
		slices.Sort(got)
		slices.Sort(tt.want)
		if !slices.Equal(got, tt.want) || ans.CNAME != tt.cname || ans.NXDomain != tt.nx {
			t.Errorf("Lookup(%s) = %q cname %q nx %v, want %q cname %q nx %v", tt.name, got, ans.CNAME, ans.NXDomain, tt.want, tt.cname, tt.nx)
		}
		var re *dnsx.ResolverError
		if tt.rcode != "" {
			if !errors.As(err, &re) || re.Rcode != tt.rcode {
				t.Errorf("Lookup(%s) err = %v, want %s", tt.name, err, tt.rcode)
			}
		} else if err != nil {
			t.Errorf("Lookup(%s) err = %v", tt.name, err)
		}
		if len(ans.Queries) == 0 {
			t.Errorf("Lookup(%s) recorded no query", tt.name)
		}
	}
	if _, err := resolver(srv).Lookup(context.Background(), "bad name!", dns.TypeTXT); err == nil {
		t.Error("Lookup of an invalid name: no error")
	}
}

func TestLookupReverse(t *testing.T) {
	t.Parallel()
	srv := dnstest.Start(t, soa,
		"1.2.0.192.in-addr.arpa. PTR mail.example.com.",
		"mail.example.com. A 192.0.2.1",
		"2.2.0.192.in-addr.arpa. PTR other.example.com.",
		"other.example.com. A 192.0.2.99",
		"3.2.0.192.in-addr.arpa. PTR gone.example.com.",
		"4.2.0.192.in-addr.arpa. PTR broken.example.com.",
		"4.2.0.192.in-addr.arpa. PTR Both.example.com.",
		"both.example.com. A 192.0.2.4",
		"1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa. PTR mail6.example.com.",
		"mail6.example.com. AAAA 2001:db8::1",
		"mail6.example.com. A 192.0.2.1",
	)
	srv.ServFail("broken.example.com", "5.2.0.192.in-addr.arpa")
	tests := []struct {
		addr   string
		want   []string
		fcrdns bool
		nx     bool
		err    bool
	}{
		{addr: "192.0.2.1", want: []string{"mail.example.com confirmed [192.0.2.1]"}, fcrdns: true},
		{addr: "::ffff:192.0.2.1", want: []string{"mail.example.com confirmed [192.0.2.1]"}, fcrdns: true},
		{addr: "192.0.2.2", want: []string{"other.example.com [192.0.2.99]"}},
		{addr: "192.0.2.3", want: []string{"gone.example.com []"}},
		{addr: "192.0.2.4", want: []string{
			`broken.example.com [] err="resolver ` + srv.Addr() + `: A broken.example.com: SERVFAIL"`,
			"both.example.com confirmed [192.0.2.4]"}, fcrdns: true},
		{addr: "192.0.2.9", nx: true},
		{addr: "192.0.2.5", err: true},
		{addr: "2001:db8::1", want: []string{"mail6.example.com confirmed [2001:db8::1]"}, fcrdns: true},
	}
	for _, tt := range tests {
		rv, err := resolver(srv).LookupReverse(context.Background(), netip.MustParseAddr(tt.addr))
		var got []string
		for _, n := range rv.Names {
			s := n.Name
			if n.Confirmed {
				s += " confirmed"
			}
			s += fmt.Sprintf(" %v", n.Addresses)
			if n.Err != "" {
				s += fmt.Sprintf(" err=%q", n.Err)
			}
			got = append(got, s)
		}
		if !slices.Equal(got, tt.want) || rv.FCrDNS() != tt.fcrdns || rv.NXDomain != tt.nx || (err != nil) != tt.err {
			t.Errorf("LookupReverse(%s) = %q fcrdns %v nx %v err %v\nwant %q fcrdns %v nx %v err %v",
				tt.addr, got, rv.FCrDNS(), rv.NXDomain, err, tt.want, tt.fcrdns, tt.nx, tt.err)
		}
		if len(rv.Queries) == 0 {
			t.Errorf("LookupReverse(%s) recorded no query", tt.addr)
		}
	}
}

func TestLookupReverseCap(t *testing.T) {
	t.Parallel()
	rrs := []string{soa}
	for i := range dnsx.MaxPTR + 3 {
		rrs = append(rrs, fmt.Sprintf("1.2.0.192.in-addr.arpa. PTR h%d.example.com.", i))
	}
	srv := dnstest.Start(t, rrs...)
	rv, err := resolver(srv).LookupReverse(context.Background(), netip.MustParseAddr("192.0.2.1"))
	if err != nil || len(rv.Names) != dnsx.MaxPTR || rv.Omitted != 3 {
		t.Errorf("names %d omitted %d err %v, want %d, 3, nil", len(rv.Names), rv.Omitted, err, dnsx.MaxPTR)
	}
	if _, a := srv.Count("", "A"); a != 0 {
		t.Errorf("%d A questions over TCP", a)
	}
	if n, _ := srv.Count("", "A"); n != dnsx.MaxPTR {
		t.Errorf("%d A questions, want %d", n, dnsx.MaxPTR)
	}
	if strings.Contains(fmt.Sprint(rv.Names), "h12") {
		t.Error("a name beyond MaxPTR was resolved")
	}
}

// TestTXTRawBytes: TXT returns the bytes a record holds, not miekg's
// presentation escapes of them (\DDD, \", \\).
func TestTXTRawBytes(t *testing.T) {
	t.Parallel()
	srv := dnstest.Start(t, `raw.example.com. TXT "v=spf1 a:\239\187\191x.example.net" " \"q\" \\ -all"`)
	ans, err := resolver(srv).Lookup(context.Background(), "raw.example.com", dns.TypeTXT)
	if err != nil {
		t.Fatal(err)
	}
	want := "v=spf1 a:\xef\xbb\xbfx.example.net \"q\" \\ -all"
	if got := dnsx.TXT(ans.Records); len(got) != 1 || got[0] != want {
		t.Errorf("TXT = %q, want %q", got, want)
	}
}
