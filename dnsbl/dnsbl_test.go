package dnsbl_test

import (
	"context"
	"fmt"
	"net/netip"
	"strings"
	"testing"
	"time"

	"github.com/smtpprobe/smtpprobe/dnsbl"
	"github.com/smtpprobe/smtpprobe/dnsx"
	"github.com/smtpprobe/smtpprobe/internal/dnstest"
)

func TestName(t *testing.T) {
	tests := []struct{ addr, want string }{
		{"192.0.2.99", "99.2.0.192.bl.example"},
		{"::ffff:192.0.2.99", "99.2.0.192.bl.example"},
		// RFC 5782 section 2.4.
		{"2001:db8:1:2:3:4:567:89ab", "b.a.9.8.7.6.5.0.4.0.0.0.3.0.0.0.2.0.0.0.1.0.0.0.8.b.d.0.1.0.0.2.bl.example"},
	}
	for _, tt := range tests {
		if got := dnsbl.Name(netip.MustParseAddr(tt.addr), "bl.example."); got != tt.want {
			t.Errorf("Name(%s) = %s, want %s", tt.addr, got, tt.want)
		}
	}
}

func TestCheck(t *testing.T) {
	t.Parallel()
	srv := dnstest.Start(t,
		"bl.example. SOA ns.bl.example. admin.bl.example. 1 3600 600 86400 60",
		"2.0.0.127.bl.example. A 127.0.0.2",
		`2.0.0.127.bl.example. TXT "listed: see https://bl.example/q?127.0.0.2"`,
		"10.2.0.192.bl.example. A 127.0.0.4",
		"10.2.0.192.bl.example. A 127.0.0.10",
		`10.2.0.192.bl.example. TXT "policy block"`,
		"10.2.0.192.refusing.example. A 127.255.255.254",
		"10.2.0.192.wild.example. A 198.51.100.7",
		"b.a.9.8.7.6.5.0.4.0.0.0.3.0.0.0.2.0.0.0.1.0.0.0.8.b.d.0.1.0.0.2.bl.example. A 127.0.0.3",
	)
	srv.ServFail("10.2.0.192.broken.example")
	addrs := []netip.Addr{netip.MustParseAddr("127.0.0.2"), netip.MustParseAddr("192.0.2.10"),
		netip.MustParseAddr("192.0.2.11"), netip.MustParseAddr("2001:db8:1:2:3:4:567:89ab")}
	zones := []string{"bl.example", "refusing.example", "wild.example.", "broken.example"}
	r := &dnsx.Resolver{Servers: []string{srv.Addr()}, Timeout: 5 * time.Second, Attempts: 1}
	got := dnsbl.Check(context.Background(), r, zones, addrs)
	var lines []string
	for _, a := range got {
		s := fmt.Sprintf("%s %s %s %v %q", a.Addr, a.Zone, a.Status, a.Codes, a.TXT)
		if a.Reason != "" {
			s += " / " + strings.SplitN(a.Reason, ",", 2)[0]
		}
		lines = append(lines, s)
	}
	want := []string{
		`127.0.0.2 bl.example listed [127.0.0.2] ["listed: see https://bl.example/q?127.0.0.2"]`,
		`127.0.0.2 refusing.example not-listed [] []`,
		`127.0.0.2 wild.example not-listed [] []`,
		`127.0.0.2 broken.example not-listed [] []`,
		`192.0.2.10 bl.example listed [127.0.0.4 127.0.0.10] ["policy block"]`,
		`192.0.2.10 refusing.example unknown [127.255.255.254] [] / the list answered 127.255.255.254`,
		`192.0.2.10 wild.example unknown [198.51.100.7] [] / the list answered 198.51.100.7`,
		`192.0.2.10 broken.example unknown [] [] / the blocklist could not be asked: resolver ` + srv.Addr() + `: A 10.2.0.192.broken.example: SERVFAIL`,
		`192.0.2.11 bl.example not-listed [] []`,
		`192.0.2.11 refusing.example not-listed [] []`,
		`192.0.2.11 wild.example not-listed [] []`,
		`192.0.2.11 broken.example not-listed [] []`,
		`2001:db8:1:2:3:4:567:89ab bl.example listed [127.0.0.3] []`,
		`2001:db8:1:2:3:4:567:89ab refusing.example not-listed [] []`,
		`2001:db8:1:2:3:4:567:89ab wild.example not-listed [] []`,
		`2001:db8:1:2:3:4:567:89ab broken.example not-listed [] []`,
	}
	if strings.Join(lines, "\n") != strings.Join(want, "\n") {
		t.Errorf("got:\n%s\nwant:\n%s", strings.Join(lines, "\n"), strings.Join(want, "\n"))
	}
	// A zone that answers nothing is not asked for TXT.
	if n, _ := srv.Count("11.2.0.192.bl.example", "TXT"); n != 0 {
		t.Errorf("%d TXT questions for an unlisted address", n)
	}
}

// FuzzClassify checks that no answer outside 127/8 or inside
// 127.255.255.0/24 is ever a listing. Seeds in testdata/fuzz.
func FuzzClassify(f *testing.F) {
	f.Fuzz(func(t *testing.T, raw []byte) {
		var codes []netip.Addr
		for len(raw) >= 4 {
			codes = append(codes, netip.AddrFrom4([4]byte(raw[:4])))
			raw = raw[4:]
		}
		st, reason := dnsbl.Classify(codes)
		for _, c := range codes {
			if st == dnsbl.Listed && (c.As4()[0] != 127 || strings.HasPrefix(c.String(), "127.255.255.")) {
				t.Fatalf("%v listed", codes)
			}
		}
		if (st == dnsbl.Unknown) != (reason != "") {
			t.Fatalf("status %s reason %q", st, reason)
		}
	})
}
