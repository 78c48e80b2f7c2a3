package spf

import (
	"errors"
	"net/netip"
	"strconv"
	"strings"
	"testing"
)

func TestParse(t *testing.T) {
	tests := []struct {
		record string
		terms  string // each term as mechanism/modifier, qualifier, domain, prefixes, net
		err    string
	}{
		{record: "v=spf1", terms: ""},
		{record: "V=SPF1 -ALL", terms: "all - "},
		{record: "v=spf1  ip4:192.0.2.0/24  ~all ", terms: "ip4 + 192.0.2.0/24|all ~ "},
		{record: "v=spf1 a mx:example.com/24//64 a//48 a:%{d}.example.com ptr ?exists:%{ir}.%{v}._spf.%{d}",
			terms: "a + 32/128|mx + example.com 24/64|a + 32/48|a + %{d}.example.com 32/128|ptr + |exists ? %{ir}.%{v}._spf.%{d}"},
		{record: "v=spf1 include:_spf.example.com redirect=_spf.example.net exp=explain._spf.%{d} foo=bar",
			terms: "include + _spf.example.com|redirect _spf.example.net|exp explain._spf.%{d}|foo bar"},
		{record: "v=spf1 ip6:2001:db8::/32 ip6:2001:DB8::1", terms: "ip6 + 2001:db8::/32|ip6 + 2001:db8::1/128"},
		{record: "v=spf10", err: "does not begin with v=spf1"},
		{record: "spf1 -all", err: "does not begin with v=spf1"},
		{record: "v=spf1 ip4:192.0.2.300", err: `invalid ip4 address "192.0.2.300"`},
		{record: "v=spf1 ip4:2001:db8::1", err: "other family"},
		{record: "v=spf1 ip4:192.0.2.0/33", err: "invalid CIDR length"},
		{record: "v=spf1 ip4:192.0.2.0/08", err: "invalid CIDR length"},
		{record: "v=spf1 a/24/64", err: "invalid CIDR length"},
		{record: "v=spf1 include", err: "include needs a domain"},
		{record: "v=spf1 include:example", err: "no top label"},
		{record: "v=spf1 include:example.123", err: "invalid top label"},
		{record: "v=spf1 all:example.com", err: "all takes no argument"},
		{record: "v=spf1 foo:bar", err: `unknown mechanism "foo"`},
		{record: "v=spf1 redirect=a.example.com redirect=b.example.com", err: "more than one redirect"},
		{record: "v=spf1 exists:%{x}.example.com", err: "invalid macro letter"},
		{record: "v=spf1 exists:%{i0}.example.com", err: "digit transformer of zero"},
		{record: "v=spf1 exists:%{i.example.com", err: "unterminated macro"},
		{record: "v=spf1 exists:%x.example.com", err: "invalid macro"},
		{record: "v=spf1 exists:%{c}.example.com", err: "invalid macro letter"},
		{record: "v=spf1 exp=%{c}.example.com", err: "invalid macro letter"},
		{record: "v=spf1 ptr/24", err: "ptr takes no CIDR length"},
	}
	for _, tt := range tests {
		r, err := Parse(tt.record)
		if tt.err != "" {
			if err == nil || !errors.Is(err, ErrSyntax) || !strings.Contains(err.Error(), tt.err) {
				t.Errorf("Parse(%q) err = %v, want %q", tt.record, err, tt.err)
			}
			continue
		}
		if err != nil {
			t.Errorf("Parse(%q): %v", tt.record, err)
			continue
		}
		if tt.terms == "" && tt.record != "v=spf1" {
			continue
		}
		var got []string
		for _, term := range r.Terms {
			var s string
			if term.Modifier != "" {
				s = term.Modifier + " " + term.Domain
			} else {
				s = term.Mechanism + " " + string(term.Qualifier) + " " + term.Domain
				switch term.Mechanism {
				case A, MX:
					s = strings.TrimSpace(s) + " " + strconv.Itoa(term.Prefix4) + "/" + strconv.Itoa(term.Prefix6)
				case IP4, IP6:
					s = strings.TrimSpace(s) + " " + term.Net.String()
				}
			}
			got = append(got, s)
		}
		if g := strings.Join(got, "|"); g != tt.terms {
			t.Errorf("Parse(%q) = %q, want %q", tt.record, g, tt.terms)
		}
	}
}

// TestExpand checks the examples of RFC 7208 section 7.4.
func TestExpand(t *testing.T) {
	env4 := &macroEnv{sender: "strong-bad@email.example.com", domain: "email.example.com", ip: netip.MustParseAddr("192.0.2.3"), helo: "mx.example.org"}
	env6 := &macroEnv{sender: "strong-bad@email.example.com", domain: "email.example.com", ip: netip.MustParseAddr("2001:db8::cb01")}
	tests := []struct {
		env  *macroEnv
		in   string
		want string
	}{
		{env4, "%{s}", "strong-bad@email.example.com"},
		{env4, "%{o}", "email.example.com"},
		{env4, "%{d}", "email.example.com"},
		{env4, "%{d4}", "email.example.com"},
		{env4, "%{d3}", "email.example.com"},
		{env4, "%{d2}", "example.com"},
		{env4, "%{d1}", "com"},
		{env4, "%{dr}", "com.example.email"},
		{env4, "%{d2r}", "example.email"},
		{env4, "%{l}", "strong-bad"},
		{env4, "%{l-}", "strong.bad"},
		{env4, "%{lr}", "strong-bad"},
		{env4, "%{lr-}", "bad.strong"},
		{env4, "%{l1r-}", "strong"},
		{env4, "%{ir}.%{v}._spf.%{d2}", "3.2.0.192.in-addr._spf.example.com"},
		{env4, "%{lr-}.lp._spf.%{d2}", "bad.strong.lp._spf.example.com"},
		{env4, "%{lr-}.lp.%{ir}.%{v}._spf.%{d2}", "bad.strong.lp.3.2.0.192.in-addr._spf.example.com"},
		{env4, "%{ir}.%{v}.%{l1r-}.lp._spf.%{d2}", "3.2.0.192.in-addr.strong.lp._spf.example.com"},
		{env4, "%{d2}.trusted-domains.example.net", "example.com.trusted-domains.example.net"},
		{env4, "%{h}%%%_%-", "mx.example.org% %20"},
		{env6, "%{ir}.%{v}._spf.%{d2}", "1.0.b.c.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6._spf.example.com"},
		{env4, "%{L}", "strong-bad"},
		{&macroEnv{sender: "~jack&jill=up-a_b3.c@example.com"}, "%{L}", "~jack%26jill%3Dup-a_b3.c"},
		{env4, "%{S}", "strong-bad%40email.example.com"},
	}
	for _, tt := range tests {
		got, err := expand(tt.in, tt.env, false)
		if err != nil || got != tt.want {
			t.Errorf("expand(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
		}
	}
	long := strings.Repeat("abcdefghi.", 30) + "example.com"
	got, err := expand("%{d}", &macroEnv{domain: long}, false)
	if err != nil || len(got) > 253 || !strings.HasSuffix(got, ".example.com") {
		t.Errorf("long domain: %q (%d), %v", got, len(got), err)
	}
	if _, err := expand("%{i}", &macroEnv{}, false); !errors.Is(err, errNeedsIP) {
		t.Errorf("%%{i} without an address: %v", err)
	}
}
