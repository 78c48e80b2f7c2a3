package report_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/smtpprobe/smtpprobe/checks"
	"github.com/smtpprobe/smtpprobe/dane"
	"github.com/smtpprobe/smtpprobe/probe"
	"github.com/smtpprobe/smtpprobe/report"
	"github.com/smtpprobe/smtpprobe/report/internal/fixtures"
)

// TestNamed: a host probed on several addresses is judged by name over
// all its entries, in the order of their first entries: the worst
// decides, so that a failing address is never hidden by another (an
// address with no route from here is unknown: nothing is known of it).
func TestNamed(t *testing.T) {
	untestable := func(name, a string) probe.Host {
		h := fixtures.DeadHost(name, probe.ErrNoRoute, a)
		h.Untestable = true
		return h
	}
	r := fixtures.Result("example.com", []probe.Host{
		fixtures.HealthyHost("mx1.example.com", "192.0.2.1", "postmaster@example.com"),
		untestable("mx1.example.com", "2001:db8::1"),
		untestable("mx2.example.com", "192.0.2.2"),
		fixtures.DeadHost("mx3.example.com", probe.ErrRefused, "192.0.2.3"),
		untestable("mx2.example.com", "2001:db8::2"),
	})
	a := report.Assess(r, fixtures.Options())
	for i, want := range []report.Status{report.OK, report.Unknown, report.Unknown, report.Critical, report.Unknown} {
		if got := a.Host(i).Status; got != want {
			t.Fatalf("entry %d (%s): %s, want %s: the fixture does not test what it should", i, r.Hosts[i].Name, got, want)
		}
	}
	want := []report.NamedHost{
		{Name: "mx1.example.com", Entries: []int{0, 1}, Status: report.Unknown},
		{Name: "mx2.example.com", Entries: []int{2, 4}, Status: report.Unknown},
		{Name: "mx3.example.com", Entries: []int{3}, Status: report.Critical},
	}
	got := a.Named()
	if !slices.EqualFunc(got, want, func(g, w report.NamedHost) bool {
		return g.Name == w.Name && slices.Equal(g.Entries, w.Entries) && g.Status == w.Status
	}) {
		t.Errorf("Named() = %+v, want %+v", got, want)
	}
	if n := a.NamedHost("mx2.example.com"); n.Status != report.Unknown || len(n.Entries) != 2 {
		t.Errorf("NamedHost(mx2.example.com) = %+v, want its two entries", n)
	}
	if n := a.NamedHost("other.example.com"); n.Name != "" || n.Entries != nil {
		t.Errorf("NamedHost of a host not probed = %+v, want zero", n)
	}
}

// TestNamedChecks: a per-host check of a host probed on two addresses has
// the verdict of its worst address, and is untestable when it is so on
// both (DANE records the resolver did not validate: it does not say
// whether they are signed), not ok.
func TestNamedChecks(t *testing.T) {
	rec, err := dane.ParseRecord("3 1 1 " + strings.Repeat("ab", 32))
	if err != nil {
		t.Fatal(err)
	}
	withDANE := func(h probe.Host, failed string) probe.Host {
		h.DANE = &probe.DANEFacts{Facts: dane.Facts{Name: "_25._tcp." + h.Name, Records: []dane.Record{rec}, Err: failed}}
		return h
	}
	r := fixtures.Result("example.com", []probe.Host{
		withDANE(fixtures.HealthyHost("mx1.example.com", "192.0.2.1", "postmaster@example.com"), "SERVFAIL"),
		withDANE(fixtures.HealthyHost("mx1.example.com", "2001:db8::1", "postmaster@example.com"), ""),
		withDANE(fixtures.HealthyHost("mx2.example.com", "192.0.2.2", "postmaster@example.com"), ""),
		withDANE(fixtures.HealthyHost("mx2.example.com", "2001:db8::2", "postmaster@example.com"), ""),
	})
	if r.Ran, err = checks.Parse("smtp,dane"); err != nil {
		t.Fatal(err)
	}
	a := report.Assess(r, fixtures.Options())
	want := map[string]report.Status{"mx1.example.com": report.Unknown, "mx2.example.com": report.Untestable}
	for i, st := range []report.Status{report.Unknown, report.Untestable, report.Untestable, report.Untestable} {
		if cs := a.Host(i).Checks; len(cs) != 1 || cs[0].Status != st {
			t.Fatalf("entry %d checks %+v, want DANE %s: the fixture does not test what it should", i, cs, st)
		}
	}
	for _, n := range a.Named() {
		if len(n.Checks) != 1 || n.Checks[0].Name != checks.DANE || n.Checks[0].Status != want[n.Name] {
			t.Errorf("%s: checks %+v, want DANE %s", n.Name, n.Checks, want[n.Name])
			continue
		}
		if w := a.Host(n.Entries[0]).Checks[0]; n.Name == "mx1.example.com" && n.Checks[0] != w {
			t.Errorf("%s: DANE %+v, want the verdict of its worst address %+v", n.Name, n.Checks[0], w)
		}
	}
}
