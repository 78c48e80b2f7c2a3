package dmarc_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/smtpprobe/smtpprobe/dmarc"
	"github.com/smtpprobe/smtpprobe/dnsx"
	"github.com/smtpprobe/smtpprobe/internal/dnstest"
)

func resolver(srv *dnstest.Server) *dnsx.Resolver {
	return &dnsx.Resolver{Servers: []string{srv.Addr()}, Timeout: 5 * time.Second, Attempts: 1}
}

func txt(name, record string) string { return fmt.Sprintf("%s. TXT %q", name, record) }

func TestParse(t *testing.T) {
	tests := []struct {
		record string
		want   string // p sp np pct t adkim aspf rua ruf psd
		errs   []string
	}{
		{record: "v=DMARC1; p=none", want: "none none none 100 false r r [] [] "},
		{record: "v=DMARC1;p=reject;sp=quarantine;adkim=s;aspf=s;pct=50;rua=mailto:a@example.com,mailto:b@example.net!10m;ruf=mailto:f@example.com",
			want: "reject quarantine quarantine 50 false s s [mailto:a@example.com mailto:b@example.net!10m] [mailto:f@example.com] "},
		{record: "v=DMARC1; p=quarantine; np=reject; t=y; psd=n", want: "quarantine quarantine reject 100 true r r [] [] n"},
		{record: "v=DMARC1; P=Reject; foo=bar", want: "reject reject reject 100 false r r [] [] "},
		{record: "v=DMARC1; p=block; sp=maybe; pct=200; adkim=x; t=q; rua=a@example.com; rua=mailto:x@example.com",
			want: "   100 false r r [] [] ",
			errs: []string{"p=block is not none, quarantine or reject", "sp=maybe is not none, quarantine or reject",
				"pct=200 is not a number from 0 to 100", "adkim=x is not r or s", "t=q is not y or n",
				`rua: "a@example.com" is not a URI`, "tag rua appears more than once"}},
		{record: "v=DMARC1; rua=mailto:a@example.com!10q", want: "   100 false r r [] [] ",
			errs: []string{`rua: "mailto:a@example.com!10q" has an invalid size limit`, "no p tag"}},
		{record: "v=DMARC1; p", want: "   100 false r r [] [] ", errs: []string{`"p" is not a tag=value pair`, "no p tag"}},
	}
	for _, tt := range tests {
		r, err := dmarc.Parse(tt.record)
		if err != nil {
			t.Errorf("Parse(%q): %v", tt.record, err)
			continue
		}
		got := fmt.Sprintf("%s %s %s %d %v %s %s %v %v %s", r.Policy, r.SubdomainPolicy, r.NonexistentPolicy, r.Percent,
			r.Testing, r.ADKIM, r.ASPF, r.RUA, r.RUF, r.PSD)
		if got != tt.want || !slices.Equal(r.Errors, tt.errs) {
			t.Errorf("Parse(%q) = %q %q\nwant %q %q", tt.record, got, r.Errors, tt.want, tt.errs)
		}
	}
	for _, s := range []string{"", "v=spf1 -all", "p=none; v=DMARC1", "v=DMARC2; p=none", "v=dmarc1; p=none"} {
		if _, err := dmarc.Parse(s); !errors.Is(err, dmarc.ErrSyntax) {
			t.Errorf("Parse(%q) err = %v, want a syntax error", s, err)
		}
	}
}

func TestCheck(t *testing.T) {
	t.Parallel()
	srv := dnstest.Start(t,
		txt("_dmarc.example.com", "v=DMARC1; p=reject; sp=quarantine; rua=mailto:dmarc@example.com,mailto:agg@reports.example.net,mailto:x@unauth.example.org; ruf=mailto:f@reports.example.net"),
		txt("example.com._report._dmarc.reports.example.net", "v=DMARC1"),
		txt("_dmarc.none.example", "v=DMARC1; p=none"),
		txt("_dmarc.several.example", "v=DMARC1; p=none"),
		txt("_dmarc.several.example", "v=DMARC1; p=reject"),
		txt("_dmarc.mail.several.example", "v=spf1 -all"),
		txt("_dmarc.sub.example.com", "v=DMARC1; p=none; rua=mailto:d@example.com"),
		txt("_dmarc.a.b.c.d.e.f.example.com", "v=DMARC1; p=none"),
		txt("_dmarc.c.d.e.f.example.com", "v=DMARC1; p=quarantine"),
		txt("_dmarc.org", "v=DMARC1; p=reject; psd=y"),
	)
	srv.ServFail("_dmarc.broken.example.com")
	tests := []struct {
		domain string
		policy string // PolicyDomain
		p      string
		walk   []string
		err    error
		dests  []string
	}{
		{domain: "example.com", policy: "example.com", p: "reject", walk: []string{"_dmarc.example.com"},
			dests: []string{"rua mailto:dmarc@example.com internal", "rua mailto:agg@reports.example.net external authorized",
				"rua mailto:x@unauth.example.org external", "ruf mailto:f@reports.example.net external authorized"}},
		{domain: "mail.example.com", policy: "example.com", p: "reject", walk: []string{"_dmarc.mail.example.com", "_dmarc.example.com"},
			dests: []string{"rua mailto:dmarc@example.com internal", "rua mailto:agg@reports.example.net external authorized",
				"rua mailto:x@unauth.example.org external", "ruf mailto:f@reports.example.net external authorized"}},
		{domain: "sub.example.com", policy: "sub.example.com", p: "none", walk: []string{"_dmarc.sub.example.com"},
			dests: []string{"rua mailto:d@example.com internal"}},
		{domain: "none.example", policy: "none.example", p: "none", walk: []string{"_dmarc.none.example"}},
		{domain: "mail.several.example", walk: []string{"_dmarc.mail.several.example", "_dmarc.several.example (2, more than one DMARC record)", "_dmarc.example"},
			err: dmarc.ErrNoRecord},
		{domain: "nothing.example.net", walk: []string{"_dmarc.nothing.example.net", "_dmarc.example.net", "_dmarc.net"}, err: dmarc.ErrNoRecord},
		{domain: "broken.example.com", walk: []string{"_dmarc.broken.example.com (0, resolver " + srv.Addr() + ": TXT _dmarc.broken.example.com: SERVFAIL)"}},
		// Ten labels: the walk jumps to seven (skipping the record at
		// eight), then goes one by one.
		{domain: "x.y.a.b.c.d.e.f.example.com", policy: "c.d.e.f.example.com", p: "quarantine",
			walk: []string{"_dmarc.x.y.a.b.c.d.e.f.example.com", "_dmarc.b.c.d.e.f.example.com", "_dmarc.c.d.e.f.example.com"}},
		{domain: "example.org", policy: "org", p: "reject", walk: []string{"_dmarc.example.org", "_dmarc.org"}},
	}
	for _, tt := range tests {
		f := dmarc.Check(context.Background(), resolver(srv), tt.domain)
		var walk []string
		for _, st := range f.Walk {
			s := st.Name
			if st.Err != nil {
				s += fmt.Sprintf(" (%d, %v)", len(st.Records), st.Err)
			}
			walk = append(walk, s)
		}
		var dests []string
		for _, d := range f.Destinations {
			s := d.Tag + " " + d.URI
			if !d.External {
				s += " internal"
			} else {
				s += " external"
				if d.Authorized {
					s += " authorized"
				}
			}
			dests = append(dests, s)
		}
		var p string
		if f.Record != nil {
			p = f.Record.Policy
		}
		if f.PolicyDomain != tt.policy || p != tt.p || !slices.Equal(walk, tt.walk) || !slices.Equal(dests, tt.dests) {
			t.Errorf("Check(%s) = policy domain %q p %q walk %q dests %q\nwant %q %q %q %q", tt.domain, f.PolicyDomain, p, walk, dests,
				tt.policy, tt.p, tt.walk, tt.dests)
		}
		if tt.err != nil && !errors.Is(f.Err, tt.err) {
			t.Errorf("Check(%s) err = %v, want %v", tt.domain, f.Err, tt.err)
		}
		if strings.HasPrefix(tt.domain, "broken") {
			var re *dnsx.ResolverError
			if !errors.As(f.Err, &re) {
				t.Errorf("Check(%s) err = %v, want a resolver failure", tt.domain, f.Err)
			}
		}
		if f.Inherited() != (tt.policy != "" && tt.policy != tt.domain) {
			t.Errorf("Check(%s) Inherited = %v", tt.domain, f.Inherited())
		}
	}
}
