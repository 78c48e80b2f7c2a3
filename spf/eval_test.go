package spf_test

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
	"github.com/smtpprobe/smtpprobe/spf"
)

func resolver(srv *dnstest.Server) *dnsx.Resolver {
	return &dnsx.Resolver{Servers: []string{srv.Addr()}, Timeout: 5 * time.Second, Attempts: 1}
}

func txt(name, record string) string { return fmt.Sprintf("%s. TXT %q", name, record) }

// includes returns a record of n include terms under prefix, each
// pointing at a record with no lookups of its own.
func includes(domain, prefix string, n int, tail string) []string {
	rec := "v=spf1"
	var rrs []string
	for i := 1; i <= n; i++ {
		name := fmt.Sprintf("%s%d.example.net", prefix, i)
		rec += " include:" + name
		rrs = append(rrs, txt(name, fmt.Sprintf("v=spf1 ip4:198.51.100.%d -all", i)))
	}
	return append(rrs, txt(domain, rec+" "+tail))
}

// zone holds every case of the Sender table's spf row.
func zone(t *testing.T) *dnstest.Server {
	rrs := []string{
		"example.com. SOA ns.example.com. admin.example.com. 1 3600 600 86400 300",
		txt("pass.example.com", "v=spf1 ip4:192.0.2.0/24 ip6:2001:db8::/32 -all"),
		txt("soft.example.com", "v=spf1 ip4:192.0.2.0/24 ~all"),
		txt("neutral.example.com", "v=spf1 ip4:192.0.2.0/24 ?all"),
		txt("plusall.example.com", "v=spf1 +all"),
		txt("noall.example.com", "v=spf1 ip4:192.0.2.0/24"),
		txt("several.example.com", "v=spf1 -all"),
		txt("several.example.com", "v=spf1 ip4:192.0.2.1 -all"),
		txt("several.example.com", "google-site-verification=x"),
		txt("syntax.example.com", "v=spf1 ip4:192.0.2.300 -all"),
		txt("unknownmech.example.com", "v=spf1 include:_spf.example.com foo:bar -all"),
		txt("loop1.example.com", "v=spf1 include:loop2.example.com -all"),
		txt("loop2.example.com", "v=spf1 include:loop1.example.com -all"),
		txt("selfloop.example.com", "v=spf1 redirect=selfloop.example.com"),
		txt("redirect.example.com", "v=spf1 redirect=pass.example.com"),
		txt("redirectall.example.com", "v=spf1 -all redirect=pass.example.com"),
		txt("noinclude.example.com", "v=spf1 include:nothing.example.com -all"),
		txt("broken.example.com", "v=spf1 include:servfail.example.com -all"),
		"a.example.com. A 192.0.2.10",
		"a.example.com. AAAA 2001:db8::10",
		txt("a.example.com", "v=spf1 a/28 -all"),
		"mx.example.com. MX 10 a.example.com.",
		txt("mx.example.com", "v=spf1 mx -all"),
		txt("void2.example.com", "v=spf1 a:nx1.example.com a:nx2.example.com ip4:192.0.2.0/24 -all"),
		txt("void3.example.com", "v=spf1 a:nx1.example.com a:nx2.example.com exists:nx3.example.com ip4:192.0.2.0/24 -all"),
		txt("macro.example.com", "v=spf1 exists:%{ir}._spf.%{d} -all"),
		"1.2.0.192._spf.macro.example.com. A 127.0.0.2",
		"10.2.0.192.in-addr.arpa. PTR a.example.com.",
		txt("ptr.example.com", "v=spf1 ptr:example.com -all"),
		txt("early.example.com", "v=spf1 ip4:192.0.2.0/24 include:eleven.example.com -all"),
	}
	for i := 1; i <= 11; i++ {
		rrs = append(rrs, fmt.Sprintf("mx%d.example.com. MX 10 mx%d.example.net.", 11, i))
	}
	rrs = append(rrs, txt("manymx.example.com", "v=spf1 mx:mx11.example.com -all"))
	rrs = append(rrs, includes("ten.example.com", "t", 10, "-all")...)
	rrs = append(rrs, includes("eleven.example.com", "e", 11, "-all")...)
	// A nested tree: 1 + (1 + 1) + 1 = 4 lookups.
	rrs = append(rrs,
		txt("nested.example.com", "v=spf1 include:_spf.example.com mx -all"),
		txt("_spf.example.com", "v=spf1 include:_spf2.example.com a:a.example.com ~all"),
		txt("_spf2.example.com", "v=spf1 ip4:203.0.113.0/24 -all"),
		"nested.example.com. MX 10 a.example.com.",
	)
	srv := dnstest.Start(t, rrs...)
	srv.ServFail("servfail.example.com")
	return srv
}

func TestCheck(t *testing.T) {
	t.Parallel()
	srv := zone(t)
	tests := []struct {
		domain   string
		ip       string
		result   spf.Result
		by       string // DecidedBy joined with " > "
		lookups  int
		void     int
		problems []string
		reason   error
	}{
		{domain: "pass.example.com", ip: "192.0.2.5", result: spf.Pass, by: "ip4:192.0.2.0/24"},
		{domain: "pass.example.com", ip: "2001:db8::5", result: spf.Pass, by: "ip6:2001:db8::/32"},
		{domain: "pass.example.com", ip: "198.51.100.1", result: spf.Fail, by: "-all"},
		{domain: "pass.example.com", ip: "::ffff:198.51.100.1", result: spf.Fail, by: "-all"},
		{domain: "pass.example.com"},
		{domain: "soft.example.com", ip: "198.51.100.1", result: spf.SoftFail, by: "~all"},
		{domain: "neutral.example.com", ip: "198.51.100.1", result: spf.Neutral, by: "?all"},
		{domain: "plusall.example.com", ip: "198.51.100.1", result: spf.Pass, by: "+all"},
		{domain: "noall.example.com", ip: "198.51.100.1", result: spf.Neutral},
		{domain: "nothing.example.com", ip: "198.51.100.1", result: spf.None, reason: spf.ErrNoRecord},
		{domain: "several.example.com", ip: "192.0.2.1", result: spf.PermError, reason: spf.ErrSeveralRecords,
			problems: []string{"more than one SPF record"}},
		{domain: "syntax.example.com", ip: "192.0.2.1", result: spf.PermError, reason: spf.ErrSyntax,
			problems: []string{`syntax error: "ip4:192.0.2.300": invalid ip4 address "192.0.2.300"`}},
		{domain: "unknownmech.example.com", ip: "203.0.113.1", result: spf.PermError, reason: spf.ErrSyntax,
			problems: []string{`syntax error: "foo:bar": unknown mechanism "foo"`}},
		{domain: "loop1.example.com", ip: "192.0.2.1", result: spf.PermError, by: "include:loop2.example.com > include:loop1.example.com",
			lookups: 2, reason: spf.ErrLoop, problems: []string{"include:loop2.example.com > include:loop1.example.com: include loop"}},
		{domain: "selfloop.example.com", ip: "192.0.2.1", result: spf.PermError, by: "redirect=selfloop.example.com",
			lookups: 1, reason: spf.ErrLoop, problems: []string{"redirect=selfloop.example.com: include loop"}},
		{domain: "redirect.example.com", ip: "192.0.2.1", result: spf.Pass, by: "redirect=pass.example.com > ip4:192.0.2.0/24", lookups: 1},
		{domain: "redirect.example.com", ip: "198.51.100.1", result: spf.Fail, by: "redirect=pass.example.com > -all", lookups: 1},
		{domain: "redirectall.example.com", ip: "192.0.2.1", result: spf.Fail, by: "-all"},
		{domain: "noinclude.example.com", ip: "192.0.2.1", result: spf.PermError, by: "include:nothing.example.com", lookups: 1,
			reason: spf.ErrNoRecord, problems: []string{"include:nothing.example.com: no SPF record"}},
		{domain: "broken.example.com", ip: "192.0.2.1", result: spf.TempError, by: "include:servfail.example.com", lookups: 1,
			problems: []string{"include:servfail.example.com: resolver " + srv.Addr() + ": TXT servfail.example.com: SERVFAIL"}},
		{domain: "a.example.com", ip: "192.0.2.1", result: spf.Pass, by: "a/28", lookups: 1},
		{domain: "a.example.com", ip: "192.0.2.17", result: spf.Fail, by: "-all", lookups: 1},
		{domain: "mx.example.com", ip: "192.0.2.10", result: spf.Pass, by: "mx", lookups: 1},
		{domain: "mx.example.com", ip: "2001:db8::10", result: spf.Pass, by: "mx", lookups: 1},
		{domain: "manymx.example.com", ip: "192.0.2.10", result: spf.PermError, by: "mx:mx11.example.com", lookups: 1,
			reason: spf.ErrTooManyMX, problems: []string{"mx:mx11.example.com: more than 10 MX records"}},
		{domain: "void2.example.com", ip: "192.0.2.1", result: spf.Pass, by: "ip4:192.0.2.0/24", lookups: 2, void: 2},
		{domain: "void3.example.com", ip: "192.0.2.1", result: spf.PermError, by: "exists:nx3.example.com", lookups: 3, void: 3,
			reason: spf.ErrVoidLimit, problems: []string{"exists:nx3.example.com: more than 2 void lookups"}},
		{domain: "macro.example.com", ip: "192.0.2.1", result: spf.Pass, by: "exists:%{ir}._spf.%{d}", lookups: 1},
		{domain: "macro.example.com", ip: "192.0.2.2", result: spf.Fail, by: "-all", lookups: 1, void: 1},
		{domain: "macro.example.com", lookups: 1},
		{domain: "ptr.example.com", ip: "192.0.2.10", result: spf.Pass, by: "ptr:example.com", lookups: 1},
		{domain: "ptr.example.com", ip: "192.0.2.11", result: spf.Fail, by: "-all", lookups: 1, void: 1},
		{domain: "ten.example.com", ip: "192.0.2.1", result: spf.Fail, by: "-all", lookups: 10},
		{domain: "ten.example.com", ip: "198.51.100.10", result: spf.Pass, by: "include:t10.example.net > ip4:198.51.100.10", lookups: 10},
		{domain: "eleven.example.com", ip: "192.0.2.1", result: spf.PermError, by: "include:e11.example.net", lookups: 11,
			reason: spf.ErrLookupLimit, problems: []string{"include:e11.example.net: more than 10 DNS-querying terms"}},
		// The 11th term is not evaluated even though it would match.
		{domain: "eleven.example.com", ip: "198.51.100.11", result: spf.PermError, by: "include:e11.example.net", lookups: 11,
			reason: spf.ErrLookupLimit, problems: []string{"include:e11.example.net: more than 10 DNS-querying terms"}},
		{domain: "eleven.example.com", ip: "198.51.100.3", result: spf.Pass, by: "include:e3.example.net > ip4:198.51.100.3", lookups: 11,
			problems: []string{"include:e11.example.net: more than 10 DNS-querying terms"}},
		// A match before the 11th lookup is a pass; the tree still counts 12.
		{domain: "early.example.com", ip: "192.0.2.1", result: spf.Pass, by: "ip4:192.0.2.0/24", lookups: 12,
			problems: []string{"include:eleven.example.com > include:e10.example.net: more than 10 DNS-querying terms"}},
		{domain: "nested.example.com", ip: "203.0.113.9", result: spf.Pass, by: "include:_spf.example.com > include:_spf2.example.com > ip4:203.0.113.0/24", lookups: 4},
		{domain: "nested.example.com", ip: "192.0.2.10", result: spf.Pass, by: "include:_spf.example.com > a:a.example.com", lookups: 4},
		{domain: "nested.example.com", ip: "198.51.100.1", result: spf.Fail, by: "-all", lookups: 4},
	}
	for _, tt := range tests {
		name := tt.domain + " " + tt.ip
		t.Run(name, func(t *testing.T) {
			var opt spf.Options
			if tt.ip != "" {
				opt.IP = netip.MustParseAddr(tt.ip)
			}
			f := spf.Check(context.Background(), resolver(srv), tt.domain, opt)
			var problems []string
			for _, p := range f.Problems {
				problems = append(problems, p.String())
			}
			by := strings.Join(f.DecidedBy, " > ")
			if f.Result != tt.result || by != tt.by || f.Lookups != tt.lookups || f.VoidLookups != tt.void ||
				!slices.Equal(problems, tt.problems) {
				t.Errorf("got result %q by %q lookups %d void %d problems %q\nwant result %q by %q lookups %d void %d problems %q",
					f.Result, by, f.Lookups, f.VoidLookups, problems, tt.result, tt.by, tt.lookups, tt.void, tt.problems)
			}
			if tt.reason != nil && !errors.Is(f.Reason, tt.reason) {
				t.Errorf("reason %v, want %v", f.Reason, tt.reason)
			}
		})
	}
}

// TestTreeCosts checks the per-term costs the text report draws.
func TestTreeCosts(t *testing.T) {
	t.Parallel()
	srv := zone(t)
	f := spf.Check(context.Background(), resolver(srv), "nested.example.com", spf.Options{})
	var lines []string
	var draw func(n *spf.Node, depth int)
	draw = func(n *spf.Node, depth int) {
		for _, s := range n.Steps {
			lines = append(lines, fmt.Sprintf("%s%s cost=%d lookups=%d at=%d", strings.Repeat("  ", depth), s.Term.Text, s.Cost, s.Lookups, s.Position))
			if s.Child != nil {
				draw(s.Child, depth+1)
			}
		}
	}
	draw(f.Root, 0)
	want := []string{
		"include:_spf.example.com cost=1 lookups=3 at=1",
		"  include:_spf2.example.com cost=1 lookups=1 at=2",
		"    ip4:203.0.113.0/24 cost=0 lookups=0 at=0",
		"    -all cost=0 lookups=0 at=0",
		"  a:a.example.com cost=1 lookups=1 at=3",
		"  ~all cost=0 lookups=0 at=0",
		"mx cost=1 lookups=1 at=4",
		"-all cost=0 lookups=0 at=0",
	}
	if !slices.Equal(lines, want) {
		t.Errorf("tree:\n%s\nwant:\n%s", strings.Join(lines, "\n"), strings.Join(want, "\n"))
	}
	if f.Root.Record != "v=spf1 include:_spf.example.com mx -all" || f.Result != "" {
		t.Errorf("record %q result %q", f.Root.Record, f.Result)
	}
}

// TestWalkBounded checks that a tree of endless includes costs at most
// MaxWalk lookups.
func TestWalkBounded(t *testing.T) {
	t.Parallel()
	var rrs []string
	for i := range 100 {
		rrs = append(rrs, txt(fmt.Sprintf("d%d.example.com", i), fmt.Sprintf("v=spf1 include:d%d.example.com include:d%d.example.com -all", i+1, i+1)))
	}
	srv := dnstest.Start(t, rrs...)
	f := spf.Check(context.Background(), resolver(srv), "d0.example.com", spf.Options{IP: netip.MustParseAddr("192.0.2.1")})
	if f.Result != spf.PermError || !f.Truncated {
		t.Errorf("result %q truncated %v", f.Result, f.Truncated)
	}
	if n, _ := srv.Count("", "TXT"); n > spf.MaxWalk+1 {
		t.Errorf("%d TXT questions, more than MaxWalk+1", n)
	}
}
