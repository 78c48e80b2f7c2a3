package dnsx_test

import (
	"context"
	"errors"
	"fmt"
	"net/netip"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/smtpprobe/smtpprobe/dnsx"
	"github.com/smtpprobe/smtpprobe/internal/dnstest"
)

// resolver asks only srv, once per question, with a timeout long enough
// for a loaded machine: tests that want a timeout set their own.
func resolver(srv *dnstest.Server) *dnsx.Resolver {
	return &dnsx.Resolver{Servers: []string{srv.Addr()}, Timeout: 5 * time.Second, Attempts: 1}
}

// mxString renders an MX on one line so that tables can list expectations.
func mxString(m dnsx.MX) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%d %s %v", m.Preference, m.Host, m.Addresses)
	if m.CNAME != "" {
		fmt.Fprintf(&b, " cname=%s", m.CNAME)
	}
	if m.IPLiteral {
		b.WriteString(" literal")
	}
	if m.OmittedAddresses > 0 {
		fmt.Fprintf(&b, " omitted=%d", m.OmittedAddresses)
	}
	if m.Err != "" {
		fmt.Fprintf(&b, " err=%q %s", m.Err, problemNames[m.Problem])
	}
	return b.String()
}

var problemNames = map[dnsx.MXProblem]string{
	dnsx.MXOK: "ok", dnsx.MXNoAddresses: "no-addresses", dnsx.MXNXDomain: "nxdomain",
	dnsx.MXResolverFailed: "resolver-failed", dnsx.MXBrokenCNAME: "broken-cname",
	dnsx.MXInvalidName: "invalid-name", dnsx.MXNullAmongOthers: "null-among-others",
}

func mxStrings(list []dnsx.MX) []string {
	var out []string
	for _, m := range list {
		out = append(out, mxString(m))
	}
	return out
}

// chain returns a CNAME chain of n links c1 -> c2 -> ... -> end.example.com.
func chain(n int) []string {
	var rrs []string
	for i := 1; i <= n; i++ {
		next := fmt.Sprintf("c%d.example.com.", i+1)
		if i == n {
			next = "end.example.com."
		}
		rrs = append(rrs, fmt.Sprintf("c%d.example.com. CNAME %s", i, next))
	}
	return append(rrs, "end.example.com. A 192.0.2.99")
}

func manyAddrs(host string, n6, n4 int) []string {
	var rrs []string
	for i := 1; i <= n6; i++ {
		rrs = append(rrs, fmt.Sprintf("%s AAAA 2001:db8::%x", host, i))
	}
	for i := 1; i <= n4; i++ {
		rrs = append(rrs, fmt.Sprintf("%s A 192.0.2.%d", host, i))
	}
	return rrs
}

const soa = "example.com. 300 SOA ns.example.com. admin.example.com. 1 3600 600 86400 300"

func TestLookupMX(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		domain string
		zone   []string
		setup  func(*dnstest.Server)
		want   []string // mxString of each MX, in order
		check  func(*testing.T, dnsx.MXResult)
	}{
		{
			name:   "sorted by preference, AAAA before A",
			domain: "example.com",
			zone: []string{
				"example.com. MX 20 mx2.example.com.",
				"example.com. MX 10 mx1.example.com.",
				"example.com. MX 30 mx3.example.com.",
				"mx1.example.com. A 192.0.2.1",
				"mx1.example.com. AAAA 2001:db8::1",
				"mx2.example.com. A 192.0.2.2",
				"mx3.example.com. AAAA 2001:db8::3",
			},
			want: []string{
				"10 mx1.example.com [2001:db8::1 192.0.2.1]",
				"20 mx2.example.com [192.0.2.2]",
				"30 mx3.example.com [2001:db8::3]",
			},
		},
		{
			name:   "trailing dot and upper case",
			domain: "EXAMPLE.com.",
			zone:   []string{"example.com. MX 10 MX1.Example.COM.", "mx1.example.com. A 192.0.2.1"},
			want:   []string{"10 mx1.example.com [192.0.2.1]"},
			check: func(t *testing.T, r dnsx.MXResult) {
				if r.Domain != "example.com" {
					t.Errorf("Domain = %q, want example.com", r.Domain)
				}
			},
		},
		{
			name:   "duplicate host keeps lowest preference",
			domain: "example.com",
			zone: []string{
				"example.com. MX 20 mx1.example.com.",
				"example.com. MX 10 mx1.example.com.",
				"mx1.example.com. A 192.0.2.1",
			},
			want: []string{"10 mx1.example.com [192.0.2.1]"},
		},
		{
			name:   "null MX",
			domain: "example.com",
			zone:   []string{"example.com. MX 0 .", "example.com. A 192.0.2.1"},
			check: func(t *testing.T, r dnsx.MXResult) {
				if !r.NullMX || r.ImplicitMX || r.NXDomain {
					t.Errorf("NullMX=%v ImplicitMX=%v NXDomain=%v, want only NullMX", r.NullMX, r.ImplicitMX, r.NXDomain)
				}
			},
		},
		{
			name:   "null MX among other MX is not a null MX",
			domain: "example.com",
			zone: []string{
				"example.com. MX 0 .",
				"example.com. MX 10 mx1.example.com.",
				"mx1.example.com. A 192.0.2.1",
			},
			want: []string{
				`0 . [] err="null MX (\".\") among other MX records" null-among-others`,
				"10 mx1.example.com [192.0.2.1]",
			},
		},
		{
			name:   "implicit MX from A",
			domain: "example.com",
			zone:   []string{"example.com. A 192.0.2.1"},
			want:   []string{"0 example.com [192.0.2.1]"},
			check: func(t *testing.T, r dnsx.MXResult) {
				if !r.ImplicitMX {
					t.Error("ImplicitMX = false, want true")
				}
			},
		},
		{
			name:   "implicit MX from AAAA",
			domain: "example.com",
			zone:   []string{"example.com. AAAA 2001:db8::1"},
			want:   []string{"0 example.com [2001:db8::1]"},
			check: func(t *testing.T, r dnsx.MXResult) {
				if !r.ImplicitMX {
					t.Error("ImplicitMX = false, want true")
				}
			},
		},
		{
			name:   "NXDOMAIN",
			domain: "nx.example.com",
			zone:   []string{soa, "example.com. MX 10 mx1.example.com."},
			check: func(t *testing.T, r dnsx.MXResult) {
				if !r.NXDomain || r.ImplicitMX || r.NullMX {
					t.Errorf("NXDomain=%v ImplicitMX=%v NullMX=%v, want only NXDomain", r.NXDomain, r.ImplicitMX, r.NullMX)
				}
				if len(r.Queries) != 1 || r.Queries[0].Rcode != "NXDOMAIN" {
					t.Errorf("Queries = %+v, want one NXDOMAIN", r.Queries)
				}
			},
		},
		{
			name:   "NODATA and no address",
			domain: "example.com",
			zone:   []string{soa, `example.com. TXT "v=spf1 -all"`},
			check: func(t *testing.T, r dnsx.MXResult) {
				if r.NXDomain || r.ImplicitMX || r.NullMX {
					t.Errorf("NXDomain=%v ImplicitMX=%v NullMX=%v, want none", r.NXDomain, r.ImplicitMX, r.NullMX)
				}
				var types []string
				for _, q := range r.Queries {
					types = append(types, q.Type)
				}
				slices.Sort(types)
				if !slices.Equal(types, []string{"A", "AAAA", "MX"}) {
					t.Errorf("query types = %v, want MX then A and AAAA", types)
				}
			},
		},
		{
			name:   "MX host is a CNAME",
			domain: "example.com",
			zone: []string{
				"example.com. MX 10 alias.example.com.",
				"alias.example.com. CNAME real.example.net.",
				"real.example.net. A 192.0.2.5",
				"real.example.net. AAAA 2001:db8::5",
			},
			want: []string{"10 alias.example.com [2001:db8::5 192.0.2.5] cname=real.example.net"},
		},
		{
			name:   "domain is a CNAME",
			domain: "example.com",
			zone: []string{
				"example.com. CNAME mail.example.net.",
				"mail.example.net. MX 10 mx1.example.net.",
				"mx1.example.net. A 192.0.2.1",
			},
			want: []string{"10 mx1.example.net [192.0.2.1]"},
			check: func(t *testing.T, r dnsx.MXResult) {
				if r.CNAME != "mail.example.net" {
					t.Errorf("CNAME = %q, want mail.example.net", r.CNAME)
				}
			},
		},
		{
			name:   "CNAME loop is bounded",
			domain: "example.com",
			zone: []string{
				"example.com. MX 10 loop1.example.com.",
				"loop1.example.com. CNAME loop2.example.com.",
				"loop2.example.com. CNAME loop1.example.com.",
			},
			want: []string{`10 loop1.example.com [] cname=loop2.example.com err="A loop1.example.com: CNAME loop at loop1.example.com" broken-cname`},
		},
		{
			name:   "CNAME chain of MaxCNAMEChain is followed",
			domain: "example.com",
			zone:   append(chain(dnsx.MaxCNAMEChain), "example.com. MX 10 c1.example.com."),
			want:   []string{"10 c1.example.com [192.0.2.99] cname=end.example.com"},
		},
		{
			name:   "CNAME chain longer than MaxCNAMEChain is cut",
			domain: "example.com",
			zone:   append(chain(dnsx.MaxCNAMEChain+1), "example.com. MX 10 c1.example.com."),
			want:   []string{`10 c1.example.com [] cname=c9.example.com err="A c1.example.com: CNAME chain longer than 8" broken-cname`},
		},
		{
			name:   "IP literal exchange",
			domain: "example.com",
			zone:   []string{"example.com. MX 10 192.0.2.7.", "example.com. MX 20 mx2.example.com.", "mx2.example.com. A 192.0.2.2"},
			want:   []string{"10 192.0.2.7 [192.0.2.7] literal", "20 mx2.example.com [192.0.2.2]"},
			check: func(t *testing.T, r dnsx.MXResult) {
				for _, q := range r.Queries {
					if strings.HasPrefix(q.Name, "192.") {
						t.Errorf("asked DNS about the literal: %+v", q)
					}
				}
			},
		},
		{
			name:   "MX host without addresses",
			domain: "example.com",
			zone: []string{
				soa,
				"example.com. MX 10 noaddr.example.com.",
				"example.com. MX 20 gone.example.com.",
				`noaddr.example.com. TXT "nothing"`,
			},
			want: []string{
				`10 noaddr.example.com [] err="no A or AAAA records" no-addresses`,
				`20 gone.example.com [] err="no A or AAAA records (NXDOMAIN)" nxdomain`,
			},
		},
		{
			name:   "MX host SERVFAIL is the host's error, not the lookup's",
			domain: "example.com",
			zone: []string{
				"example.com. MX 10 mx1.example.com.",
				"example.com. MX 20 mx2.example.com.",
				"mx2.example.com. A 192.0.2.2",
			},
			setup: func(s *dnstest.Server) { s.ServFail("mx1.example.com") },
			want: []string{
				`10 mx1.example.com [] err="resolver ADDR: A mx1.example.com: SERVFAIL" resolver-failed`,
				"20 mx2.example.com [192.0.2.2]",
			},
		},
		{
			name:   "MX exchange that is no host name is not asked about",
			domain: "example.com",
			zone: []string{
				`example.com. MX 10 mx\032one.example.com.`,
				"example.com. MX 20 mx2.example.com.",
				"mx2.example.com. A 192.0.2.2",
			},
			want: []string{
				`10 mx\ one.example.com [] err="invalid domain name \"mx\\\\ one.example.com\"" invalid-name`,
				"20 mx2.example.com [192.0.2.2]",
			},
		},
		{
			name:   "addresses capped per host, both families kept",
			domain: "example.com",
			zone: append(append(manyAddrs("mx1.example.com.", 10, 10), manyAddrs("mx2.example.com.", 2, 10)...),
				"example.com. MX 10 mx1.example.com.", "example.com. MX 20 mx2.example.com."),
			want: []string{
				"10 mx1.example.com [2001:db8::1 2001:db8::2 2001:db8::3 2001:db8::4 192.0.2.1 192.0.2.2 192.0.2.3 192.0.2.4] omitted=12",
				"20 mx2.example.com [2001:db8::1 2001:db8::2 192.0.2.1 192.0.2.2 192.0.2.3 192.0.2.4 192.0.2.5 192.0.2.6] omitted=4",
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			srv := dnstest.Start(t, tt.zone...)
			if tt.setup != nil {
				tt.setup(srv)
			}
			res, err := resolver(srv).LookupMX(context.Background(), tt.domain)
			if err != nil {
				t.Fatalf("LookupMX: %v", err)
			}
			got := mxStrings(res.MX)
			for i := range got {
				got[i] = strings.ReplaceAll(got[i], srv.Addr(), "ADDR")
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("MX:\n got %q\nwant %q", got, tt.want)
			}
			if tt.check != nil {
				tt.check(t, res)
			}
			for _, q := range res.Queries {
				if q.Server != srv.Addr() || q.Rcode == "" || q.Err != "" || q.Cached {
					t.Errorf("query %+v: want an answer from %s", q, srv.Addr())
				}
			}
		})
	}
}

// TestLookupMXShuffle checks that hosts of equal preference come in random
// order (RFC 5321 section 5.1) while the groups stay in preference order.
func TestLookupMXShuffle(t *testing.T) {
	t.Parallel()
	srv := dnstest.Start(t,
		"example.com. MX 10 a.example.com.",
		"example.com. MX 10 b.example.com.",
		"example.com. MX 20 c.example.com.",
		"example.com. MX 20 d.example.com.",
		"example.com. MX 5 first.example.com.",
	)
	r := resolver(srv)
	r.Cache = new(dnsx.Cache) // the shuffle must happen after the cache too
	seen := map[string]int{}
	const runs = 64 // each order of a pair missing from all runs: 2^-63
	for range runs {
		res, err := r.LookupMX(context.Background(), "example.com")
		if err != nil {
			t.Fatal(err)
		}
		var hosts []string
		for _, m := range res.MX {
			hosts = append(hosts, strings.TrimSuffix(m.Host, ".example.com"))
		}
		if len(hosts) != 5 || hosts[0] != "first" ||
			!sameSet(hosts[1:3], []string{"a", "b"}) || !sameSet(hosts[3:5], []string{"c", "d"}) {
			t.Fatalf("order %v: want first, {a b}, {c d}", hosts)
		}
		seen[strings.Join(hosts, " ")]++
	}
	for _, order := range []string{"a b", "b a"} {
		found := false
		for k := range seen {
			found = found || strings.Contains(k, order)
		}
		if !found {
			t.Errorf("order %q never seen in %d runs: %v", order, runs, seen)
		}
	}
}

func sameSet(a, b []string) bool {
	a, b = slices.Clone(a), slices.Clone(b)
	slices.Sort(a)
	slices.Sort(b)
	return slices.Equal(a, b)
}

func TestLookupMXCap(t *testing.T) {
	t.Parallel()
	// 40 MX records with long names do not fit in a UDP answer either, so
	// this also exercises the TCP retry on a naturally truncated answer.
	var zone []string
	for i := range 40 {
		host := fmt.Sprintf("mail-exchanger-with-a-long-name-%02d.example.com.", i)
		zone = append(zone, fmt.Sprintf("example.com. MX %d %s", i, host), host+" A 192.0.2.1")
	}
	srv := dnstest.Start(t, zone...)
	res, err := resolver(srv).LookupMX(context.Background(), "example.com")
	if err != nil {
		t.Fatal(err)
	}
	if len(res.MX) != dnsx.MaxMX || res.OmittedMX != 40-dnsx.MaxMX {
		t.Fatalf("got %d MX, %d omitted; want %d and %d", len(res.MX), res.OmittedMX, dnsx.MaxMX, 40-dnsx.MaxMX)
	}
	for i, m := range res.MX {
		if m.Preference != uint16(i) {
			t.Errorf("MX %d has preference %d: the lowest must be kept", i, m.Preference)
		}
	}
	if udp, tcp := srv.Count("example.com", "MX"); udp != 1 || tcp != 1 {
		t.Errorf("MX queries: udp=%d tcp=%d, want 1 and 1", udp, tcp)
	}
	if a, _ := srv.Count("", "A"); a != dnsx.MaxMX {
		t.Errorf("A queries = %d, want %d (one per MX followed)", a, dnsx.MaxMX)
	}
}

func TestLookupMXTruncated(t *testing.T) {
	t.Parallel()
	srv := dnstest.Start(t, "example.com. MX 10 mx1.example.com.", "mx1.example.com. A 192.0.2.1")
	srv.Truncate("example.com")
	res, err := resolver(srv).LookupMX(context.Background(), "example.com")
	if err != nil {
		t.Fatal(err)
	}
	if got := mxStrings(res.MX); !slices.Equal(got, []string{"10 mx1.example.com [192.0.2.1]"}) {
		t.Errorf("MX = %q", got)
	}
	if udp, tcp := srv.Count("example.com", "MX"); udp != 1 || tcp != 1 {
		t.Errorf("MX queries: udp=%d tcp=%d, want 1 and 1", udp, tcp)
	}
	var mx []dnsx.Query
	for _, q := range res.Queries {
		if q.Type == "MX" {
			mx = append(mx, q)
		}
	}
	if len(mx) != 2 || !mx[0].Truncated || mx[0].TCP || mx[1].Truncated || !mx[1].TCP || mx[1].Rcode != "NOERROR" {
		t.Errorf("MX queries recorded: %+v, want a truncated UDP one then a TCP one", mx)
	}
}

func TestLookupHost(t *testing.T) {
	t.Parallel()
	srv := dnstest.Start(t, soa,
		"mx.example.com. A 192.0.2.1",
		"mx.example.com. AAAA 2001:db8::1",
		"alias.example.com. CNAME mx.example.com.",
		`txt.example.com. TXT "x"`,
	)
	srv.ServFail("broken.example.com")
	tests := []struct {
		host  string
		want  []netip.Addr
		err   error
		rcode string
	}{
		{host: "192.0.2.9", want: []netip.Addr{netip.MustParseAddr("192.0.2.9")}},
		{host: "[2001:db8::9]", want: []netip.Addr{netip.MustParseAddr("2001:db8::9")}},
		{host: "mx.example.com", want: []netip.Addr{netip.MustParseAddr("2001:db8::1"), netip.MustParseAddr("192.0.2.1")}},
		{host: "alias.example.com", want: []netip.Addr{netip.MustParseAddr("2001:db8::1"), netip.MustParseAddr("192.0.2.1")}},
		{host: "txt.example.com", err: dnsx.ErrNoAddresses},
		{host: "nx.example.com", err: dnsx.ErrNoAddresses},
		{host: "broken.example.com", rcode: "SERVFAIL"},
	}
	for _, tt := range tests {
		addrs, queries, err := resolver(srv).LookupHost(context.Background(), tt.host)
		if !slices.Equal(addrs, tt.want) {
			t.Errorf("LookupHost(%q) = %v, want %v", tt.host, addrs, tt.want)
		}
		var re *dnsx.ResolverError
		switch {
		case tt.rcode != "":
			if !errors.As(err, &re) || re.Rcode != tt.rcode {
				t.Errorf("LookupHost(%q) err = %v, want rcode %s", tt.host, err, tt.rcode)
			}
		case !errors.Is(err, tt.err):
			t.Errorf("LookupHost(%q) err = %v, want %v", tt.host, err, tt.err)
		}
		if _, lit := netip.ParseAddr(strings.Trim(tt.host, "[]")); (lit == nil) != (len(queries) == 0) {
			t.Errorf("LookupHost(%q) made %d queries", tt.host, len(queries))
		}
	}
}

func TestQueriesRecorded(t *testing.T) {
	t.Parallel()
	srv := dnstest.Start(t, soa, "example.com. MX 10 mx1.example.com.", "mx1.example.com. A 192.0.2.1")
	res, err := resolver(srv).LookupMX(context.Background(), "example.com")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, q := range res.Queries {
		got = append(got, fmt.Sprintf("%s %s %s %s tcp=%v truncated=%v cached=%v err=%q",
			q.Name, q.Type, q.Server, q.Rcode, q.TCP, q.Truncated, q.Cached, q.Err))
		if q.Duration <= 0 {
			t.Errorf("%s %s: duration %v", q.Name, q.Type, q.Duration)
		}
	}
	// The MX query comes first; the host's two run at the same time.
	slices.Sort(got[1:])
	a := srv.Addr()
	want := []string{
		"example.com. MX " + a + ` NOERROR tcp=false truncated=false cached=false err=""`,
		"mx1.example.com. A " + a + ` NOERROR tcp=false truncated=false cached=false err=""`,
		"mx1.example.com. AAAA " + a + ` NOERROR tcp=false truncated=false cached=false err=""`,
	}
	if !slices.Equal(got, want) {
		t.Errorf("Queries:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestLookupMXDomainCNAMELoop checks that a loop at the domain itself is
// the lookup's error, naming the question, and not a resolver failure.
func TestLookupMXDomainCNAMELoop(t *testing.T) {
	t.Parallel()
	srv := dnstest.Start(t,
		"example.com. CNAME loop.example.com.",
		"loop.example.com. CNAME example.com.",
	)
	res, err := resolver(srv).LookupMX(context.Background(), "example.com")
	var re *dnsx.ResolverError
	if err == nil || errors.As(err, &re) || !errors.Is(err, dnsx.ErrCNAME) || !strings.HasPrefix(err.Error(), "MX example.com: CNAME loop") {
		t.Errorf("err = %v, want a CNAME loop error for MX example.com", err)
	}
	if len(res.Queries) == 0 || len(res.MX) != 0 {
		t.Errorf("Queries %+v MX %v: want the queries made and no MX", res.Queries, res.MX)
	}
}
